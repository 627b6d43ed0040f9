#!/usr/bin/env bash
# Smoke test of the exported server jar as a user runs it: started from an empty working directory with no
# terminal, it must answer /api/health and serve the console, create its drop-in folder, pick up a connector
# dropped there, and stop cleanly on SIGTERM. Called by scripts/test.sh after the Maven build.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=$PWD/runtime/target/arus.jar
GEN=$(ls "$PWD"/connectors/generator/target/arus-connector-generator-*.jar | head -1)
WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
passed=0; failed=0
check() { # description, command...
  local what=$1; shift
  if "$@"; then passed=$((passed+1)); echo "smoke: ok   $what"; else failed=$((failed+1)); echo "smoke: FAIL $what"; fi
}
cleanup() { [ -n "${PID:-}" ] && kill -9 "$PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

(cd "$WORK" && ARUS_HTTP_PORT=$PORT exec java -jar "$JAR" </dev/null >server.log 2>&1) &
PID=$!
api() { curl -sf --max-time 5 "http://127.0.0.1:$PORT$1"; }
up() { for _ in $(seq 1 300); do api /api/health >/dev/null 2>&1 && return 0; sleep 0.1; done; return 1; }
listed() { for _ in $(seq 1 100); do api /api/connectors | grep -q "\"type\":\"$1\"" && return 0; sleep 0.05; done; return 1; }
stops() {
  kill -TERM "$PID"
  for _ in $(seq 1 300); do kill -0 "$PID" 2>/dev/null || { PID=; return 0; }; sleep 0.1; done
  return 1
}

check "GET /api/health answers 200 within 30 s" up
check "health says UP" bash -c "curl -sf http://127.0.0.1:$PORT/api/health | grep -q '\"status\":\"UP\"'"
check "GET / serves the console page" bash -c "curl -sf http://127.0.0.1:$PORT/ | grep -q '<title>Arus</title>'"
check "the drop-in folder is created in the working directory" test -d "$WORK/plugins-dropin"
cp "$GEN" "$WORK/plugins-dropin/.generator.jar.tmp" && mv "$WORK/plugins-dropin/.generator.jar.tmp" "$WORK/plugins-dropin/generator.jar"
check "a dropped connector is listed within 5 s" listed generator
check "SIGTERM stops the server within 30 s" stops
check "the stop was clean (bundles deactivated)" grep -q "Arus stopping" "$WORK/server.log"

if [ "$failed" -gt 0 ]; then
  echo "smoke: server log follows"; cat "$WORK/server.log"
fi
echo "smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
