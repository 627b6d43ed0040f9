#!/usr/bin/env bash
# Smoke test of the exported server jar as a user runs it, called by scripts/test.sh after the Maven build.
#  1. Started from an empty working directory with no terminal: it answers /api/health, serves the console,
#     creates its drop-in folder, picks up a connector dropped there, and stops cleanly on SIGTERM.
#  2. Restart, on the default embedded H2 file and on PostgreSQL (ARUS_DB_URL): users, API tokens and sources
#     made before a restart are there after it, an access token issued before it still works, and a pipeline
#     scheduled every 2 seconds (Quartz triggers in the metadata database) starts runs again after it.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=$PWD/runtime/target/arus.jar
GEN=$(ls "$PWD"/connectors/generator/target/arus-connector-generator-*.jar | head -1)
WORK=$(mktemp -d)
ADMIN_PASSWORD=smoke-admin-password
PG_SCHEMA=arus_smoke_$$
passed=0; failed=0; PID=
check() { # description, command...
  local what=$1; shift
  if "$@"; then passed=$((passed+1)); echo "smoke: ok   $what"; else failed=$((failed+1)); echo "smoke: FAIL $what"; fi
}
cleanup() {
  [ -n "${PID:-}" ] && kill -9 "$PID" 2>/dev/null || true
  PGPASSWORD=arus psql -q -h 127.0.0.1 -U arus -d arus_meta_test -c "DROP SCHEMA IF EXISTS $PG_SCHEMA CASCADE" >/dev/null 2>&1 || true
  PGPASSWORD=arus psql -q -h 127.0.0.1 -U arus -d arus_test \
    -c "DROP SCHEMA IF EXISTS ${PG_SCHEMA}_h2 CASCADE; DROP SCHEMA IF EXISTS ${PG_SCHEMA}_postgresql CASCADE" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

PORT=
start() { # working dir, then extra VAR=value environment
  local dir=$1; shift
  PORT=$(free_port)
  (cd "$dir" && exec env ARUS_HTTP_PORT="$PORT" ARUS_ADMIN_PASSWORD="$ADMIN_PASSWORD" "$@" java -Dlaunch.storage.dir=framework -jar "$JAR" </dev/null >>server.log 2>&1) &
  PID=$!
}
up() { for _ in $(seq 1 300); do curl -sf --max-time 5 "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && return 0; sleep 0.1; done; return 1; }
stops() {
  kill -TERM "$PID"
  for _ in $(seq 1 300); do kill -0 "$PID" 2>/dev/null || { PID=; return 0; }; sleep 0.1; done
  return 1
}
api() { # method path token [body]
  curl -s --max-time 10 -X "$1" -H "Authorization: Bearer $3" -H 'Content-Type: application/json' \
    ${4:+--data "$4"} "http://127.0.0.1:$PORT$2"
}
status() { # method path token
  curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X "$1" -H "Authorization: Bearer $3" "http://127.0.0.1:$PORT$2"
}
login() { # user password -> access token
  curl -s --max-time 10 -H 'Content-Type: application/json' --data "{\"username\":\"$1\",\"password\":\"$2\"}" \
    "http://127.0.0.1:$PORT/api/auth/login" | json 'd["access_token"]'
}
listed() { # token type
  for _ in $(seq 1 100); do api GET /api/connectors "$1" | grep -q "\"type\":\"$2\"" && return 0; sleep 0.05; done; return 1
}
scheduled_run_since() { # token pipeline-id UTC-time: a run with trigger schedule created after that time, within 20 s
  for _ in $(seq 1 100); do
    api GET "/api/pipelines/$2/runs" "$1" | json "any(r['trigger'] == 'schedule' and r['created_at'] > '$3' for r in d)" \
      | grep -q True && return 0
    sleep 0.2
  done
  return 1
}

# --- 1. a user's first start ---------------------------------------------------------------------------------
DIR=$WORK/first && mkdir -p "$DIR"
start "$DIR"
check "GET /api/health answers 200 within 30 s" up
check "health says UP" bash -c "curl -sf http://127.0.0.1:$PORT/api/health | grep -q '\"status\":\"UP\"'"
check "GET / serves the console page" bash -c "curl -sf http://127.0.0.1:$PORT/ | grep -q '<title>Arus</title>'"
check "the drop-in and data folders are created in the working directory" test -d "$DIR/plugins-dropin" -a -d "$DIR/data"
check "the API refuses a call without a token" test "$(status GET /api/connectors '')" = 401
TOKEN=$(login admin "$ADMIN_PASSWORD")
check "the initial admin logs in with ARUS_ADMIN_PASSWORD" test -n "$TOKEN"
cp "$GEN" "$DIR/plugins-dropin/.generator.jar.tmp" && mv "$DIR/plugins-dropin/.generator.jar.tmp" "$DIR/plugins-dropin/generator.jar"
check "a dropped connector is listed within 5 s" listed "$TOKEN" generator
check "SIGTERM stops the server within 30 s" stops
check "the stop was clean (bundles deactivated)" grep -q "Arus stopping" "$DIR/server.log"

# --- 2. restart on H2 and on PostgreSQL -----------------------------------------------------------------------
restart_keeps_everything() { # label, then extra environment
  local label=$1; shift
  local dir=$WORK/$label && mkdir -p "$dir/plugins-dropin" && cp "$GEN" "$dir/plugins-dropin/generator.jar"
  start "$dir" "$@"
  up || { check "$label: server starts" false; return; }
  local token viewer_id api_token source_id
  token=$(login admin "$ADMIN_PASSWORD")
  # a drop-in already in the folder when the server starts is started once the framework reaches its start level
  check "$label: the drop-in present at start is listed" listed "$token" generator
  viewer_id=$(api POST /api/users "$token" '{"username":"smoke-viewer","password":"smoke-viewer-pw","role":"viewer"}' | json 'd["id"]')
  api_token=$(api POST /api/tokens "$token" '{"name":"smoke"}' | json 'd["token"]')
  source_id=$(api POST /api/sources "$token" '{"name":"smoke-gen","type":"generator","config":{"rows":50}}' | json 'd["id"]')
  check "$label: user, API token and source created" test -n "$viewer_id" -a -n "$api_token" -a -n "$source_id"
  local destination_id pipeline_id restarted_at
  destination_id=$(api POST /api/destinations "$token" '{"name":"smoke-pg","type":"postgresql","config":{"host":"127.0.0.1",
    "port":5432,"database":"arus_test","username":"arus","password":"arus"}}' | json 'd["id"]')
  pipeline_id=$(api POST /api/pipelines "$token" "{\"name\":\"smoke-every-2s\",\"source_id\":\"$source_id\",
    \"destination_id\":\"$destination_id\",\"target_namespace\":\"${PG_SCHEMA}_$label\",
    \"streams\":[{\"name\":\"generator.table_1\",\"sync_mode\":\"full_refresh\"}],\"schedule\":{\"cron\":\"*/2 * * * * ?\"}}" \
    | json 'd["id"]')
  check "$label: a pipeline scheduled every 2 s runs by itself (trigger schedule)" \
    scheduled_run_since "$token" "$pipeline_id" 1970-01-01T00:00:00Z
  stops
  restarted_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  start "$dir" "$@"
  check "$label: restarted" up
  check "$label: the schedule survives the restart (a scheduled run after it)" \
    scheduled_run_since "$token" "$pipeline_id" "$restarted_at"
  check "$label: the access token issued before the restart still works" test "$(status GET /api/me "$token")" = 200
  check "$label: the API token still works" test "$(status GET /api/me "$api_token")" = 200
  check "$label: the user is still there" test "$(status GET "/api/users/$viewer_id" "$token")" = 200
  check "$label: the user can still log in" test -n "$(login smoke-viewer smoke-viewer-pw)"
  check "$label: the source is still there" bash -c "curl -s -H 'Authorization: Bearer $token' \
    http://127.0.0.1:$PORT/api/sources/$source_id | grep -q '\"rows\":50'"
  check "$label: the initial admin was not created twice" bash -c "! grep -c 'First start' '$dir/server.log' | grep -qv '^1$'"
  stops
}
restart_keeps_everything h2
PGPASSWORD=arus psql -q -h 127.0.0.1 -U arus -d arus_meta_test -c "CREATE SCHEMA $PG_SCHEMA" >/dev/null
restart_keeps_everything postgresql ARUS_DB_URL="jdbc:postgresql://127.0.0.1:5432/arus_meta_test?currentSchema=$PG_SCHEMA" \
  ARUS_DB_USER=arus ARUS_DB_PASSWORD=arus
check "postgresql: the metadata tables live in PostgreSQL" bash -c "PGPASSWORD=arus psql -tA -h 127.0.0.1 -U arus -d arus_meta_test \
  -c \"select count(*) from $PG_SCHEMA.users\" | grep -q '^[1-9]'"
check "postgresql: the stopped server's schedule stays in the Quartz tables" bash -c "PGPASSWORD=arus psql -tA -h 127.0.0.1 \
  -U arus -d arus_meta_test -c \"select count(*) from $PG_SCHEMA.qrtz_cron_triggers where cron_expression = '*/2 * * * * ?'\" \
  | grep -q '^1$'"

if [ "$failed" -gt 0 ]; then
  for log in "$WORK"/*/server.log; do echo "smoke: --- $log"; tail -40 "$log"; done
fi
echo "smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
