#!/usr/bin/env bash
# Platform latencies, median of N runs each (default 5):
#   - startup: from `java -jar arus.jar` to the first 200 of GET /api/health
#   - drop-in: copying the generator jar in until GET /api/connectors lists it (add), replacing it with a
#     copy of another Bundle-Version until the new version is listed (replace), deleting it until it is gone
# Needs a built tree (./mvnw install -DskipTests). Uses a free port and a scratch working directory.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-options.sh

RUNS=${RUNS:-5}
JAR=runtime/target/arus.jar
GEN=$(ls connectors/generator/target/arus-connector-generator-*.jar | grep -v sources | head -1)
[ -f "$JAR" ] && [ -f "$GEN" ] || { echo "build first: ./mvnw install -DskipTests" >&2; exit 1; }
PORT=${PORT:-18080}
WORK=$(mktemp -d)
trap 'kill $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT

now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
wait_for() { # url, grep pattern, present(1)/absent(0)
  for _ in $(seq 1 400); do
    if curl -sf -H "Authorization: Bearer $TOKEN" "$1" 2>/dev/null | grep -q "$2"; then [ "$3" = 1 ] && return 0; else [ "$3" = 0 ] && return 0; fi
    sleep 0.02
  done
  echo "timeout waiting for $2 ($3) on $1" >&2; return 1
}

# A copy of the generator with another Bundle-Version, for the replace step.
cp "$GEN" "$WORK/generator-next.jar"
mkdir -p "$WORK/next" && (cd "$WORK/next" && unzip -q "$WORK/generator-next.jar" META-INF/MANIFEST.MF && \
  sed -i 's/^Bundle-Version: .*/Bundle-Version: 0.1.0.bench\r/' META-INF/MANIFEST.MF && \
  zip -q "$WORK/generator-next.jar" META-INF/MANIFEST.MF)

startup=(); add=(); replace=(); remove=()
for run in $(seq 1 "$RUNS"); do
  mkdir -p "$WORK/run$run/plugins-dropin"
  start=$(now_ms)
  (cd "$WORK/run$run" && ARUS_HTTP_PORT=$PORT ARUS_ADMIN_PASSWORD=bench-password exec java $(arus_java_options) -jar "$OLDPWD/$JAR" \
    </dev/null >server.log 2>&1) &
  PID=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$PORT/api/health"; do sleep 0.02; done
  startup+=($(( $(now_ms) - start )))
  TOKEN=$(curl -s -H 'Content-Type: application/json' --data '{"username":"admin","password":"bench-password"}' \
    "http://127.0.0.1:$PORT/api/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
  dir="$WORK/run$run/plugins-dropin"

  t=$(now_ms); cp "$GEN" "$dir/.g.tmp" && mv "$dir/.g.tmp" "$dir/generator.jar"
  wait_for "http://127.0.0.1:$PORT/api/connectors" '"type":"generator"' 1; add+=($(( $(now_ms) - t )))
  t=$(now_ms); cp "$WORK/generator-next.jar" "$dir/.g.tmp" && mv "$dir/.g.tmp" "$dir/generator.jar"
  wait_for "http://127.0.0.1:$PORT/api/connectors" '0.1.0.bench' 1; replace+=($(( $(now_ms) - t )))
  t=$(now_ms); rm "$dir/generator.jar"
  wait_for "http://127.0.0.1:$PORT/api/connectors" '"type":"generator"' 0; remove+=($(( $(now_ms) - t )))

  kill -TERM $PID; wait $PID 2>/dev/null || true
  echo "run $run: startup ${startup[-1]} ms, add ${add[-1]} ms, replace ${replace[-1]} ms, remove ${remove[-1]} ms"
done

printf 'median of %d: startup to first 200 %s ms; drop-in add %s ms, replace %s ms, remove %s ms\n' "$RUNS" \
  "$(printf '%s\n' "${startup[@]}" | median)" "$(printf '%s\n' "${add[@]}" | median)" \
  "$(printf '%s\n' "${replace[@]}" | median)" "$(printf '%s\n' "${remove[@]}" | median)"
