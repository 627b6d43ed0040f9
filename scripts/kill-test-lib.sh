# Sourced by the process-level kill tests (resilience, files-kill, cdc-resilience, split-kill) after they set NAME (how
# their lines start) and SCHEMA: what each of them needs around a server it kills with SIGKILL, written once.
#   JAR, WORK (a folder removed on exit), PSQL (psql on arus_test, quiet, unaligned), PORT (a free one);
#   check WHAT COMMAND...   runs COMMAND, prints "NAME: ok   WHAT" or "NAME: FAIL WHAT" and counts it;
#   json EXPR               prints EXPR of the JSON on stdin (d is the document);
#   start                   starts the built server on PORT with WORK as its folder (log WORK/server.log, appended),
#                           waits for its health check and logs in as admin (sets PID and TOKEN);
#   api METHOD PATH [JSON]  calls the API with the token;
#   stop_server             kills the server with SIGKILL if it runs (each test's cleanup calls it first);
#   finish [LINES]          prints the server log's last LINES (40) when a check failed, the summary line, and
#                           returns non-zero when a check failed (a test's last command).
JAR=$PWD/runtime/target/arus.jar
WORK=$(mktemp -d)
export PGPASSWORD=arus
PSQL=(psql -h 127.0.0.1 -U arus -d arus_test -v ON_ERROR_STOP=1 -tAq)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
passed=0; failed=0; PID=
. scripts/java-options.sh

check() {
  local what=$1; shift
  if "$@"; then passed=$((passed+1)); echo "$NAME: ok   $what"; else failed=$((failed+1)); echo "$NAME: FAIL $what"; fi
}
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
start() {
  (cd "$WORK" && exec env ARUS_HTTP_PORT="$PORT" ARUS_ADMIN_PASSWORD="$NAME-password" \
    java $(arus_java_options) -Xmx512m -jar "$JAR" </dev/null >>server.log 2>&1) &
  PID=$!
  for _ in $(seq 1 300); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/api/health" && break; sleep 0.1; done
  TOKEN=$(curl -s -H 'Content-Type: application/json' --data "{\"username\":\"admin\",\"password\":\"$NAME-password\"}" \
    "http://127.0.0.1:$PORT/api/auth/login" | json 'd["access_token"]')
}
api() { curl -s --max-time 30 -X "$1" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  ${3:+--data "$3"} "http://127.0.0.1:$PORT$2"; }
stop_server() { [ -n "${PID:-}" ] && kill -9 "$PID" 2>/dev/null || true; }
finish() {
  [ "$failed" -gt 0 ] && tail -"${1:-40}" "$WORK/server.log"
  echo "$NAME: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
