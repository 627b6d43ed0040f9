#!/usr/bin/env bash
# Resilience of a real run, process level (a test inside the framework cannot kill its own JVM): a
# 1,000,000-row PostgreSQL -> PostgreSQL incremental run is killed with SIGKILL half way, the server is started
# again, the killed run shows as interrupted, and the next run ends with the destination equal to the source:
# same count, no duplicate key, same checksum. Called by scripts/test.sh after the Maven build.
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${ROWS:-1000000}
JAR=$PWD/runtime/target/arus.jar
WORK=$(mktemp -d)
SCHEMA=arus_kill_$$
export PGPASSWORD=arus
PSQL=(psql -h 127.0.0.1 -U arus -d arus_test -v ON_ERROR_STOP=1 -tAq)
passed=0; failed=0; PID=
check() {
  local what=$1; shift
  if "$@"; then passed=$((passed+1)); echo "resilience: ok   $what"; else failed=$((failed+1)); echo "resilience: FAIL $what"; fi
}
cleanup() {
  [ -n "${PID:-}" ] && kill -9 "$PID" 2>/dev/null || true
  "${PSQL[@]}" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE; DROP SCHEMA IF EXISTS ${SCHEMA}_dst CASCADE" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
start() {
  (cd "$WORK" && exec env ARUS_HTTP_PORT="$PORT" ARUS_ADMIN_PASSWORD=resilience-password java -Xmx512m -jar "$JAR" \
    </dev/null >>server.log 2>&1) &
  PID=$!
  for _ in $(seq 1 300); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/api/health" && break; sleep 0.1; done
  TOKEN=$(curl -s -H 'Content-Type: application/json' --data '{"username":"admin","password":"resilience-password"}' \
    "http://127.0.0.1:$PORT/api/auth/login" | json 'd["access_token"]')
}
api() { curl -s --max-time 30 -X "$1" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  ${3:+--data "$3"} "http://127.0.0.1:$PORT$2"; }
checksum() { "${PSQL[@]}" -c "SELECT count(*) || ' ' || count(DISTINCT id) || ' ' || md5(string_agg(concat_ws('|', id, name, qty,
  price, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')), ',' ORDER BY id)) FROM $1"; }

"${PSQL[@]}" -c "CREATE SCHEMA $SCHEMA; CREATE TABLE $SCHEMA.orders (id bigint PRIMARY KEY, name varchar(40), qty int,
  price numeric(12,2), updated_at timestamptz(6) NOT NULL);
  INSERT INTO $SCHEMA.orders SELECT g, 'order ' || g, g % 1000, (g % 100000) / 100.0,
  timestamptz '2024-01-01 00:00:00+00' + (g / 3) * interval '1 second' FROM generate_series(1, $ROWS) g;" >/dev/null

start
pg='"host":"127.0.0.1","port":5432,"database":"arus_test","username":"arus","password":"arus"'
source=$(api POST /api/sources "{\"name\":\"src\",\"type\":\"postgresql\",\"config\":{$pg}}" | json 'd["id"]')
destination=$(api POST /api/destinations "{\"name\":\"dst\",\"type\":\"postgresql\",\"config\":{$pg}}" | json 'd["id"]')
pipeline=$(api POST /api/pipelines "{\"name\":\"kill\",\"source_id\":\"$source\",\"destination_id\":\"$destination\",
  \"target_namespace\":\"${SCHEMA}_dst\",\"batch_size\":10000,
  \"streams\":[{\"name\":\"$SCHEMA.orders\",\"sync_mode\":\"incremental\"}]}" | json 'd["id"]')
first=$(api POST "/api/pipelines/$pipeline/runs" | json 'd["run_id"]')
written=0
for _ in $(seq 1 600); do
  written=$(api GET "/api/runs/$first" | json 'd["streams"][0]["rows_written"] if d.get("streams") else 0')
  [ "$written" -ge $((ROWS * 3 / 10)) ] && break
  sleep 0.05
done
kill -9 "$PID"; wait "$PID" 2>/dev/null || true; PID=
landed=$("${PSQL[@]}" -c "SELECT count(*) FROM ${SCHEMA}_dst.orders")
check "the first run was killed part way ($landed of $ROWS rows had landed)" test "$landed" -gt 0 -a "$landed" -lt "$ROWS"

start
check "after the restart the killed run shows as interrupted" \
  test "$(api GET "/api/runs/$first" | json 'd["status"]')" = interrupted
second=$(api POST "/api/pipelines/$pipeline/runs" | json 'd["run_id"]')
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

[ "$failed" -gt 0 ] && tail -40 "$WORK/server.log"
echo "resilience: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
