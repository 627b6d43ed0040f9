# Sourced by every bench but platform.sh and cdc.sh, first. Sourcing it readies the bench: the test servers up,
# PostgreSQL's password for psql, a work folder WORK, and on exit the server stopped and the folder removed. It
# defines start_arus (a server from the built jar on PORT, heap capped at HEAP, the JVM options scripts/run.sh
# passes: scripts/java-options.sh's defaults, then ARUS_JAVA_OPTS; data under WORK/server, logged in as admin: sets
# PID and TOKEN), api (METHOD PATH [JSON]), field (a JSON path of stdin), connection (sources|destinations JSON ->
# id), run_once, bench_table_sql (the SQL of the anchors' source table) and pg_pipeline (a PostgreSQL -> PostgreSQL
# pipeline in one database).
export PGPASSWORD=arus
WORK=$(mktemp -d)
PID=
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT
./scripts/test-services.sh >/dev/null
. scripts/java-options.sh

start_arus() {
  mkdir -p "$WORK/server"
  local jar; jar="$(pwd)/runtime/target/arus.jar"
  (cd "$WORK/server" && exec env ARUS_HTTP_PORT=$PORT ARUS_ADMIN_PASSWORD=bench-password \
    java $(arus_java_options) -Xmx$HEAP -jar "$jar" </dev/null >server.log 2>&1) &
  PID=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$PORT/api/health"; do sleep 0.2; done
  TOKEN=$(curl -sf -H 'Content-Type: application/json' --data '{"username":"admin","password":"bench-password"}' \
    "http://127.0.0.1:$PORT/api/auth/login" | field '["access_token"]')
}

api() { curl -sf -X "$1" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' ${3:+--data "$3"} \
  "http://127.0.0.1:$PORT$2"; }

field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

# the connector bundles may still be starting when the API first answers: a refused source is tried again for 30 s
connection() {
  local id tries=0
  until id=$(api POST "/api/$1" "$2" | field '["id"]') 2>/dev/null; do
    tries=$((tries + 1)); [ $tries -lt 30 ] || { echo "POST /api/$1 refused: $2" >&2; return 1; }
    sleep 1
  done
  echo "$id"
}

# starts a run of a pipeline and waits for it: prints its duration in ms (from the run's own start and end times)
# and its rows read; a run that does not succeed is printed and ends the bench. It waits on the run's event stream,
# one idle connection, and reads the status with grep: polling (curl, then python3 behind a pyenv shim at 0.3-0.4 s
# of CPU a call) ten times a second took most of one of the two cores from the run being measured (2026-12-07: 17 s
# of CPU in 37 polls; curl and grep alone still 2 s in a 4 s run)
run_once() {
  local run status
  run=$(api POST "/api/pipelines/$1/runs" | field '["run_id"]')
  while true; do
    # the run's own status is the first "status" of its JSON (stream results and checks come after it)
    status=$(api GET "/api/runs/$run" | grep -o '"status":"[a-z_]*"' | awk -F'"' 'NR == 1 {print $4}')
    case $status in succeeded) break ;; failed|cancelled|interrupted) api GET "/api/runs/$run" >&2; exit 1 ;; esac
    # until an event names an end state; the time limit covers a run that ended before the stream connected
    timeout 5 curl -sN -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/events?run_id=$run" \
      | grep -m1 -qE 'succeeded|failed|cancelled|interrupted' || true
  done
  api GET "/api/runs/$run" | python3 -c "import json,sys,datetime as d; r=json.load(sys.stdin);
p=lambda s: d.datetime.fromisoformat(s.replace('Z','+00:00'));
print(int((p(r['ended_at'])-p(r['started_at'])).total_seconds()*1000), r['rows_read'])"
}

# the SQL creating src.bench with ROWS rows, the table of STACK.md "Speed anchors" (statistics left to the caller)
bench_table_sql() {
  cat <<SQL
CREATE SCHEMA src;
CREATE TABLE src.bench (id BIGINT PRIMARY KEY, name VARCHAR(40), email VARCHAR(40), qty INT, price DECIMAL(12,2),
  created_at TIMESTAMP(6), note VARCHAR(20));
INSERT INTO src.bench SELECT g, 'name ' || g, 'user' || g || '@example.com', g % 1000, (g % 100000) / 100.0,
  timestamp '2024-01-01' + g * interval '1 second', CASE WHEN g % 10 = 0 THEN NULL ELSE 'note ' || (g % 97) END
  FROM generate_series(1, $ROWS) g;
SQL
}

# pg_pipeline DATABASE NAME STREAMS: a source and a destination on DATABASE of the local PostgreSQL, and a pipeline
# NAME between them into the namespace dst, 20,000 rows a batch, with the STREAMS JSON list; prints its id
pg_pipeline() {
  local pg source destination
  pg='"host":"127.0.0.1","port":5432,"database":"'$1'","username":"arus","password":"arus"'
  source=$(connection sources "{\"name\":\"pg\",\"type\":\"postgresql\",\"config\":{$pg}}")
  destination=$(api POST /api/destinations "{\"name\":\"pg\",\"type\":\"postgresql\",\"config\":{$pg}}" | field '["id"]')
  api POST /api/pipelines "{\"name\":\"$2\",\"source_id\":\"$source\",\"destination_id\":\"$destination\",
    \"target_namespace\":\"dst\",\"batch_size\":20000,\"streams\":$3}" | field '["id"]'
}
