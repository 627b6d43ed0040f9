#!/usr/bin/env bash
# Resilience of a real run, process level (a test inside the framework cannot kill its own JVM): a
# 1,000,000-row PostgreSQL -> PostgreSQL incremental run is killed with SIGKILL half way, the server is started
# again, the killed run shows as interrupted, and the next run ends with the destination equal to the source:
# same count, no duplicate key, same checksum. What waited at the kill happens after the restart: the next run is the
# one queued behind the killed run (overlap_policy queue, a dependency trigger from a small upstream pipeline that
# succeeded meanwhile), and the upstream's notification, whose retry a webhook put off (429, Retry-After 20 s), is
# delivered. Called by scripts/test.sh after the Maven build.
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${ROWS:-1000000}
NAME=resilience
SCHEMA=arus_kill_$$
. scripts/kill-test-lib.sh
cleanup() {
  stop_server
  [ -n "${HOOK:-}" ] && kill "$HOOK" 2>/dev/null || true
  "${PSQL[@]}" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE; DROP SCHEMA IF EXISTS ${SCHEMA}_dst CASCADE;
    DROP SCHEMA IF EXISTS ${SCHEMA}_up CASCADE" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
checksum() { "${PSQL[@]}" -c "SELECT count(*) || ' ' || count(DISTINCT id) || ' ' || md5(string_agg(concat_ws('|', id, name, qty,
  price, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')), ',' ORDER BY id)) FROM $1"; }

"${PSQL[@]}" -c "CREATE SCHEMA $SCHEMA; CREATE TABLE $SCHEMA.orders (id bigint PRIMARY KEY, name varchar(40), qty int,
  price numeric(12,2), updated_at timestamptz(6) NOT NULL);
  INSERT INTO $SCHEMA.orders SELECT g, 'order ' || g, g % 1000, (g % 100000) / 100.0,
  timestamptz '2024-01-01 00:00:00+00' + (g / 3) * interval '1 second' FROM generate_series(1, $ROWS) g;" >/dev/null

"${PSQL[@]}" -c "CREATE TABLE $SCHEMA.tiny AS SELECT g AS id, 'tiny ' || g AS name FROM generate_series(1, 10) g;
  ALTER TABLE $SCHEMA.tiny ADD PRIMARY KEY (id)" >/dev/null

# a webhook that puts off the first delivery for 20 s and takes the others (one JSON body per line in hook.log)
HOOK_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 - "$HOOK_PORT" "$WORK/hook.log" <<'PY' &
import http.server, sys
port, log = int(sys.argv[1]), sys.argv[2]
seen = [0]
class Hook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        seen[0] += 1
        with open(log, "a") as f:
            f.write(("429 " if seen[0] == 1 else "204 ") + body.replace("\n", " ") + "\n")
        if seen[0] == 1:
            self.send_response(429); self.send_header("Retry-After", "20")
        else:
            self.send_response(204)
        self.send_header("Content-Length", "0"); self.end_headers()
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", port), Hook).serve_forever()
PY
HOOK=$!

start
pg='"host":"127.0.0.1","port":5432,"database":"arus_test","username":"arus","password":"arus"'
source=$(api POST /api/sources "{\"name\":\"src\",\"type\":\"postgresql\",\"config\":{$pg}}" | json 'd["id"]')
destination=$(api POST /api/destinations "{\"name\":\"dst\",\"type\":\"postgresql\",\"config\":{$pg}}" | json 'd["id"]')
target=$(api POST /api/notification-targets "{\"name\":\"hook\",\"type\":\"webhook\",
  \"config\":{\"url\":\"http://127.0.0.1:$HOOK_PORT/in\"}}" | json 'd["id"]')
upstream=$(api POST /api/pipelines "{\"name\":\"up\",\"source_id\":\"$source\",\"destination_id\":\"$destination\",
  \"target_namespace\":\"${SCHEMA}_up\",\"streams\":[{\"name\":\"$SCHEMA.tiny\",\"sync_mode\":\"full_refresh\"}],
  \"notifications\":[{\"target_id\":\"$target\",\"events\":[\"run_succeeded\"]}]}" | json 'd["id"]')
pipeline=$(api POST /api/pipelines "{\"name\":\"kill\",\"source_id\":\"$source\",\"destination_id\":\"$destination\",
  \"target_namespace\":\"${SCHEMA}_dst\",\"batch_size\":10000,\"overlap_policy\":\"queue\",\"depends_on\":[\"$upstream\"],
  \"streams\":[{\"name\":\"$SCHEMA.orders\",\"sync_mode\":\"incremental\"}]}" | json 'd["id"]')
first=$(api POST "/api/pipelines/$pipeline/runs" | json 'd["run_id"]')
# the upstream succeeds while the big run goes on: its dependency trigger is queued behind it, its notification put off
up_run=$(api POST "/api/pipelines/$upstream/runs" | json 'd["run_id"]')
written=0
for _ in $(seq 1 600); do
  written=$(api GET "/api/runs/$first" | json 'd["streams"][0]["rows_written"] if d.get("streams") else 0')
  [ "$written" -ge $((ROWS * 3 / 10)) ] && break
  sleep 0.05
done
kill -9 "$PID"; wait "$PID" 2>/dev/null || true; PID=
landed=$("${PSQL[@]}" -c "SELECT count(*) FROM ${SCHEMA}_dst.orders")
check "the first run was killed part way ($landed of $ROWS rows had landed)" test "$landed" -gt 0 -a "$landed" -lt "$ROWS"

queued=$(grep -c "queued until the current run ends" "$WORK/server.log" || true)
attempts=$(grep -c "$up_run" "$WORK/hook.log" 2>/dev/null || true)
check "before the kill the upstream's dependency run was queued behind the big run ($attempts notification attempt so far)" \
  test "$queued" -ge 1

start
check "after the restart the killed run shows as interrupted" \
  test "$(api GET "/api/runs/$first" | json 'd["status"]')" = interrupted
second=
for _ in $(seq 1 300); do
  second=$(api GET "/api/pipelines/$pipeline/runs" | json '[r["id"] for r in d if r["trigger"] == "dependency"][0] if any(r["trigger"] == "dependency" for r in d) else ""')
  [ -n "$second" ] && break
  sleep 0.1
done
check "the run queued before the kill started by itself after the restart (trigger dependency)" test -n "$second"
for _ in $(seq 1 1200); do
  status=$(api GET "/api/runs/$second" | json 'd["status"]')
  case $status in succeeded|failed|cancelled|interrupted) break ;; esac
  sleep 0.1
done
check "the next run succeeded" test "$status" = succeeded
read_second=$(api GET "/api/runs/$second" | json 'd["streams"][0]["rows_read"]')
check "the next run resumed from the stored offset (read $read_second rows, fewer than $ROWS)" test "$read_second" -lt "$ROWS"
src=$(checksum "$SCHEMA.orders"); dst=$(checksum "${SCHEMA}_dst.orders")
check "destination equals source: count, distinct keys and checksum ($dst)" test "$src" = "$dst"
for _ in $(seq 1 400); do
  grep -q "^204 .*$up_run" "$WORK/hook.log" 2>/dev/null && break
  sleep 0.1
done
check "the notification put off before the kill was delivered after the restart, once ($(grep -c "$up_run" "$WORK/hook.log" || true) attempts)" \
  test "$(grep -c "^204 .*$up_run" "$WORK/hook.log" || true)" = 1 -a "$(grep -c "^429 .*$up_run" "$WORK/hook.log" || true)" = 1

finish
