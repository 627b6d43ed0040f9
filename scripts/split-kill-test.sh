#!/usr/bin/env bash
# A split-parallel run killed with SIGKILL, then resumed (issue 18): a 1,000,000-row PostgreSQL table with skewed keys
# (half dense at the bottom, half spread far above) is read by four readers at once, in key ranges cut at sampled
# quantiles, into a PostgreSQL upsert table. The server is killed part way and started again; the stored state holds
# each range's bounds, position and whether it ended. The next run reads only what the unfinished ranges had left:
# its rows read equal, exactly, the source rows after each unfinished range's stored position, and the destination
# equals the source (count, distinct keys, checksum). Called by scripts/test.sh after the Maven build.
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${ROWS:-1000000}
NAME=split-kill
SCHEMA=arus_split_$$
. scripts/kill-test-lib.sh
cleanup() {
  stop_server
  "${PSQL[@]}" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE; DROP SCHEMA IF EXISTS ${SCHEMA}_dst CASCADE" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
checksum() { "${PSQL[@]}" -c "SELECT count(*) || ' ' || count(DISTINCT id) || ' ' || md5(string_agg(concat_ws('|', id, name, qty,
  price), ',' ORDER BY id)) FROM $1"; }
wait_run() {
  local status=running
  for _ in $(seq 1 1200); do
    status=$(api GET "/api/runs/$1" | json 'd["status"]')
    case "$status" in running|queued|pending) sleep 0.25 ;; *) break ;; esac
  done
  echo "$status"
}

half=$((ROWS / 2))
"${PSQL[@]}" -c "CREATE SCHEMA $SCHEMA; CREATE TABLE $SCHEMA.orders (id bigint PRIMARY KEY, name varchar(40), qty int,
  price numeric(12,2));
  INSERT INTO $SCHEMA.orders SELECT g, 'order ' || g, g % 1000, (g % 100000) / 100.0 FROM generate_series(1, $half) g;
  INSERT INTO $SCHEMA.orders SELECT 1000000000 + g * 1000, 'far ' || g, g % 7, g / 100.0
    FROM generate_series(1, $((ROWS - half))) g;
  ANALYZE $SCHEMA.orders" >/dev/null

start
pg='"host":"127.0.0.1","port":5432,"database":"arus_test","username":"arus","password":"arus"'
source=$(api POST /api/sources "{\"name\":\"src\",\"type\":\"postgresql\",\"config\":{$pg}}" | json 'd["id"]')
destination=$(api POST /api/destinations "{\"name\":\"dst\",\"type\":\"postgresql\",\"config\":{$pg}}" | json 'd["id"]')
pipeline=$(api POST /api/pipelines "{\"name\":\"split-kill\",\"source_id\":\"$source\",\"destination_id\":\"$destination\",
  \"target_namespace\":\"${SCHEMA}_dst\",\"batch_size\":10000,\"parallelism\":4,
  \"streams\":[{\"name\":\"$SCHEMA.orders\",\"sync_mode\":\"full_refresh\",\"write_mode\":\"upsert\"}]}" | json 'd["id"]')
first=$(api POST "/api/pipelines/$pipeline/runs" | json 'd["run_id"]')
written=0
for _ in $(seq 1 1200); do
  written=$(api GET "/api/runs/$first" | json 'd["streams"][0]["rows_written"] if d.get("streams") else 0')
  [ "$written" -ge $((ROWS * 4 / 10)) ] && break
  sleep 0.05
done
kill -9 "$PID"; wait "$PID" 2>/dev/null || true; PID=
landed=$("${PSQL[@]}" -c "SELECT count(*) FROM ${SCHEMA}_dst.orders")
check "the first run was killed part way ($landed of $ROWS rows had landed)" test "$landed" -gt 0 -a "$landed" -lt "$ROWS"
check "the first run was read by four readers in key ranges" grep -q "read by 4 readers at once, in key ranges" "$WORK/server.log"

start
state=$(api GET "/api/pipelines/$pipeline/state")
echo "$state" | python3 -c "
import json, sys
for sid, o in json.load(sys.stdin)['streams']['$SCHEMA.orders'].items():
    v = o['values']
    print('split-kill: stored %s bounds %s position %s done %s' % (sid, v['bounds'], v['position'], v['done']))"
ranges=$(echo "$state" | json "len(d['streams']['$SCHEMA.orders'])")
check "the state holds the four key ranges with their bounds ($ranges)" test "$ranges" = 4
# the rows the unfinished ranges have left after their stored positions: what the next run must read, no more
left_sql=$(echo "$state" | python3 -c "
import json, sys
splits = json.load(sys.stdin)['streams']['$SCHEMA.orders']
parts = []
for sid, offset in splits.items():
    v = offset['values']
    if v['done']:
        continue
    b, conds = v['bounds'], []
    if 'from' in b: conds.append('id >= %d' % int(b['from']))
    if 'to' in b: conds.append('id < %d' % int(b['to']))
    if v['position']: conds.append('id > %d' % int(v['position']['pk'][0]))
    parts.append('(SELECT count(*) FROM $SCHEMA.orders' + (' WHERE ' + ' AND '.join(conds) if conds else '') + ')')
print(' + '.join(parts) if parts else '0')
")
left=$("${PSQL[@]}" -c "SELECT $left_sql")
second=$(api POST "/api/pipelines/$pipeline/runs" | json 'd["run_id"]')
status=$(wait_run "$second")
check "the resumed run succeeded" test "$status" = succeeded
read_second=$(api GET "/api/runs/$second" | json 'd["streams"][0]["rows_read"]')
check "the resumed run read only what the unfinished ranges had left ($read_second rows read, $left left, of $ROWS)" \
  test "$read_second" = "$left" -a "$read_second" -lt "$ROWS"
check "the run log says it resumed the unfinished key ranges" \
  sh -c "api_out=\$(curl -s -H 'Authorization: Bearer $TOKEN' http://127.0.0.1:$PORT/api/runs/$second/logs); echo \"\$api_out\" | grep -q 'unfinished key ranges of 4'"
src=$(checksum "$SCHEMA.orders")
dst=$(checksum "${SCHEMA}_dst.orders")
check "destination equals source: count, distinct keys and checksum ($dst)" test "$src" = "$dst"
after=$(api GET "/api/pipelines/$pipeline/state" | json "len(d['streams'].get('$SCHEMA.orders', {}))")
check "the finished full refresh keeps no offsets ($after)" test "$after" = 0

finish
