#!/usr/bin/env bash
# Issue 17, against the exported server jar: three nodes with ARUS_CLUSTER=true on one PostgreSQL metadata database.
# 1. Ten pipelines on a 5-second cron for two minutes, with a rolling restart of the three nodes meanwhile: every fire
#    time of every pipeline ran at most once across the nodes (a query over the runs: no two runs of a pipeline in one
#    5-second slot) and the schedules kept firing through the restarts.
# 2. kill -9 of the node that runs a 1,000,000-row incremental upsert run: another node resumes it within the lease
#    (30 s) plus 10 s, and the destination equals the source with no duplicate keys. Before the kill, the live events
#    (SSE) of that run are followed on another node.
# Needs runtime/target/arus.jar and scripts/test-services.sh (PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=${ARUS_JAR:-$PWD/runtime/target/arus.jar}
ROWS=${ROWS:-1000000}
WORK=$(mktemp -d)
META=arus_cluster_$$
SCHEMA=cluster_src_$$
export PGPASSWORD=arus
PSQL=(psql -qtA -h 127.0.0.1 -U arus -v ON_ERROR_STOP=1)
passed=0; failed=0
declare -A PIDS PORTS
check() { # description, command...
  local what=$1; shift
  if "$@"; then passed=$((passed+1)); echo "cluster: ok   $what"; else failed=$((failed+1)); echo "cluster: FAIL $what"; fi
}
cleanup() {
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  for s in "$SCHEMA" "${SCHEMA}_big_dst" $(seq -f "${SCHEMA}_dst_%g" 1 10); do
    "${PSQL[@]}" -d arus_test -c "DROP SCHEMA IF EXISTS $s CASCADE" >/dev/null 2>&1 || true
  done
  "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $META" >/dev/null 2>&1 || true
  [ -n "${KEEP:-}" ] && echo "kept $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

"${PSQL[@]}" -d postgres -c "CREATE DATABASE $META" >/dev/null
start() { # node number
  local n=$1
  PORTS[$n]=${PORTS[$n]:-$(free_port)}
  mkdir -p "$WORK/node$n"
  (cd "$WORK/node$n" && exec env ARUS_CLUSTER=true ARUS_NODE_ID="node-$n" ARUS_HTTP_PORT="${PORTS[$n]}" \
    ARUS_DB_URL="jdbc:postgresql://127.0.0.1:5432/$META" ARUS_DB_USER=arus ARUS_DB_PASSWORD=arus \
    ARUS_ENCRYPTION_KEY=cluster-test-encryption-passphrase-0123456789 ARUS_JWT_SECRET=cluster-test-jwt-passphrase-0123456789abcd \
    ARUS_ADMIN_PASSWORD=cluster-admin-password ARUS_DATA_DIR="$WORK/node$n/data" \
    java -Xmx384m -Dlaunch.storage.dir="$WORK/node$n/framework" -jar "$JAR" </dev/null >>"$WORK/node$n/server.log" 2>&1) &
  PIDS[$n]=$!
  disown "$!" # no job notice when the test kills it
}
stop() { # node number: SIGTERM, as a service manager stops it
  kill -TERM "${PIDS[$1]}" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "${PIDS[$1]}" 2>/dev/null || return 0; sleep 0.1; done
}
await() { # node number
  for _ in $(seq 1 600); do curl -sf -o /dev/null "http://127.0.0.1:${PORTS[$1]}/api/health" && return 0; sleep 0.2; done
  echo "node $1 did not come up" >&2; tail -20 "$WORK/node$1/server.log" >&2; return 1
}
token() { curl -s -H 'Content-Type: application/json' --data '{"username":"admin","password":"cluster-admin-password"}' \
  "http://127.0.0.1:${PORTS[$1]}/api/auth/login" | json 'd["access_token"]'; }
api() { # node method path [body]
  curl -s --max-time 30 -X "$2" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' ${4:+--data "$4"} \
    "http://127.0.0.1:${PORTS[$1]}$3"; }
meta() { "${PSQL[@]}" -d "$META" -c "$1"; }

# the first node makes the schema and the admin; the others join it
start 1; await 1
start 2; start 3; await 2; await 3
TOKEN=$(token 1)
nodes=$(api 2 GET /api/cluster | json 'sum(1 for n in d["nodes"] if n["alive"])')
check "GET /api/cluster on node 2 lists 3 live nodes ($nodes) in cluster mode" \
  test "$nodes" = 3 -a "$(api 2 GET /api/cluster | json 'd["clustered"]')" = True

# --- 1. ten pipelines on a 5-second cron for two minutes ---------------------------------------------------------------
"${PSQL[@]}" -d arus_test -c "CREATE SCHEMA $SCHEMA; CREATE TABLE $SCHEMA.items (id bigint PRIMARY KEY, name text);
  INSERT INTO $SCHEMA.items SELECT g, 'item ' || g FROM generate_series(1, 20) g;" >/dev/null
pg='"host":"127.0.0.1","port":5432,"database":"arus_test","username":"arus","password":"arus"'
source=$(api 1 POST /api/sources "{\"name\":\"src\",\"type\":\"postgresql\",\"config\":{$pg}}" | json 'd["id"]')
destination=$(api 1 POST /api/destinations "{\"name\":\"dst\",\"type\":\"postgresql\",\"config\":{$pg}}" | json 'd["id"]')
scheduled=()
for i in $(seq 1 10); do
  scheduled+=("$(api $(( (i % 3) + 1 )) POST /api/pipelines "{\"name\":\"every-5s-$i\",\"source_id\":\"$source\",
    \"destination_id\":\"$destination\",\"target_namespace\":\"${SCHEMA}_dst_$i\",\"misfire_policy\":\"skip\",
    \"schedule\":{\"cron\":\"0/5 * * * * ?\",\"timezone\":\"UTC\"},
    \"streams\":[{\"name\":\"$SCHEMA.items\",\"sync_mode\":\"incremental\",\"cursor_field\":\"id\"}]}" | json 'd["id"]')")
done
from=$(date -u +%s)
sleep 20
# a rolling restart under the schedules: each node stopped and started again in turn, the others firing meanwhile
for n in 1 2 3; do stop $n; start $n; await $n; sleep 5; done
rest=$(( 120 - ($(date -u +%s) - from) ))
[ "$rest" -gt 0 ] && sleep "$rest"
for id in "${scheduled[@]}"; do api 1 POST "/api/pipelines/$id/disable" >/dev/null; done
to=$(date -u +%s)
sleep 6 # the last fires end
ids=$(printf "'%s'," "${scheduled[@]}"); ids=${ids%,}
doubled=$(meta "SELECT count(*) FROM (SELECT pipeline_id, floor(extract(epoch FROM created_at) / 5) AS slot, count(*) AS n
  FROM runs WHERE pipeline_id IN ($ids) AND trigger = 'schedule' GROUP BY 1, 2 HAVING count(*) > 1) d")
total=$(meta "SELECT count(*) FROM runs WHERE pipeline_id IN ($ids) AND trigger = 'schedule'")
fewest=$(meta "SELECT coalesce(min(n), 0) FROM (SELECT p.id, count(r.id) AS n FROM pipelines p
  LEFT JOIN runs r ON r.pipeline_id = p.id AND r.trigger = 'schedule' WHERE p.id IN ($ids) GROUP BY p.id) c")
slots=$(( (to - from) / 5 ))
check "no fire time ran twice: $doubled doubled slots over $total scheduled runs" test "$doubled" = 0
check "every pipeline kept firing: the fewest runs of one pipeline is $fewest of about $slots slots" \
  test "$fewest" -ge $((slots / 2))
spread=$(for n in 1 2 3; do grep -c 'started by schedule' "$WORK/node$n/server.log" || true; done | tr '\n' ' ')
echo "cluster: scheduled runs started per node: $spread"

# --- 2. kill -9 of the node that runs a 1,000,000-row upsert run --------------------------------------------------------
"${PSQL[@]}" -d arus_test -c "CREATE TABLE $SCHEMA.orders (id bigint PRIMARY KEY, name varchar(40), qty int,
  updated_at timestamptz(6) NOT NULL);
  INSERT INTO $SCHEMA.orders SELECT g, 'order ' || g, g % 1000, timestamptz '2024-01-01 00:00:00+00' + (g / 3) * interval '1 second'
  FROM generate_series(1, $ROWS) g;" >/dev/null
big=$(api 1 POST /api/pipelines "{\"name\":\"big\",\"source_id\":\"$source\",\"destination_id\":\"$destination\",
  \"target_namespace\":\"${SCHEMA}_big_dst\",\"batch_size\":10000,
  \"streams\":[{\"name\":\"$SCHEMA.orders\",\"sync_mode\":\"incremental\",\"write_mode\":\"upsert\"}]}" | json 'd["id"]')
first=$(api 2 POST "/api/pipelines/$big/runs" | json 'd["run_id"]')
holder=$(meta "SELECT node_id FROM run_leases WHERE run_id = '$first'")
victim=${holder#node-}
watcher=$(( victim % 3 + 1 ))
# the watcher listens while the run goes on: the run takes a few seconds (its first read goes by key and loads without
# merging), and a kill after a 2 s listen came once after its last row (1000000 rows written)
curl -sN --max-time 5 "http://127.0.0.1:${PORTS[$watcher]}/api/events?pipeline_id=$big&for_seconds=2&access_token=$TOKEN" \
  > "$WORK/sse.txt" &
listening=$!
for _ in $(seq 1 600); do
  written=$(api 1 GET "/api/runs/$first" | json 'd["streams"][0]["rows_written"] if d.get("streams") else 0')
  [ "$written" -ge $((ROWS / 4)) ] && break
  sleep 0.05
done
kill -9 "${PIDS[$victim]}"; killed_at=$(date +%s)
check "the big run ran on node $victim, killed part way ($written rows written)" test "$written" -gt 0 -a "$written" -lt "$ROWS"
wait "$listening" || true
progress=$(grep -c '^event: *run.progress' "$WORK/sse.txt" || true)
check "node $watcher streamed the live progress of the run on node $victim until the kill ($progress events, from $holder)" \
  test "$progress" -gt 0 -a "$(grep -cE "\"node\" *: *\"$holder\"" "$WORK/sse.txt")" -gt 0
survivor=$(( victim % 3 + 1 ))
recovered=
for _ in $(seq 1 120); do
  recovered=$(meta "SELECT id FROM runs WHERE pipeline_id = '$big' AND trigger = 'recovery' ORDER BY created_at LIMIT 1")
  [ -n "$recovered" ] && break
  sleep 0.5
done
took=$(( $(date +%s) - killed_at ))
check "another node resumed the run ${took} s after the kill (lease 30 s + 10 s)" test -n "$recovered" -a "$took" -le 40
if [ -z "$recovered" ] || [ "$took" -gt 40 ]; then
  # what the surviving nodes said about leases, heartbeats and recovery: a late recovery names its cause here
  for n in 1 2 3; do
    [ "$n" = "$victim" ] && continue
    echo "cluster: node $n, lease and recovery lines:"
    grep -E "lease|recover|marked interrupted|WARN|ERROR" "$WORK/node$n/server.log" | tail -15 | cut -c1-300 || true
  done
fi
status="no recovery run"
for _ in $(seq 1 600); do
  [ -n "$recovered" ] || break
  status=$(api $survivor GET "/api/runs/$recovered" | json 'd["status"]')
  case $status in succeeded|failed|cancelled|interrupted) break ;; esac
  sleep 0.2
done
check "the resumed run succeeded ($status)" test "$status" = succeeded
check "the killed run is marked interrupted" test "$(api $survivor GET "/api/runs/$first" | json 'd["status"]')" = interrupted
sums() { "${PSQL[@]}" -d arus_test -c "SELECT count(*) || ' ' || count(DISTINCT id) || ' ' || md5(string_agg(concat_ws('|', id, name,
  qty, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')), ',' ORDER BY id)) FROM $1"; }
src=$(sums "$SCHEMA.orders"); dst=$(sums "${SCHEMA}_big_dst.orders")
check "destination equals source: count, distinct keys and checksum ($dst)" test "$src" = "$dst"

echo "cluster: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
