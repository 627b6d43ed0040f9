#!/usr/bin/env bash
# Memory at scale (issue 18): a PostgreSQL -> PostgreSQL full refresh of ROWS rows (default 10,000,000, the shape of
# bench/pipeline.sh's table) on a server whose heap is capped at HEAP (default 256m). Prints the run's time and rows/s,
# the server's peak resident memory (VmHWM, goal <= 400 MB), its resident memory after the run, and the readers the
# run used. KEEP=1 keeps the source database for the next run; NMT=1 prints the JVM's native memory summary (start
# it with ARUS_JAVA_OPTS=-XX:NativeMemoryTracking=summary). Needs a built tree (./mvnw install -DskipTests) and the test servers (scripts/test-services.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${ROWS:-10000000}
PORT=${PORT:-18183}
HEAP=${HEAP:-256m}
PSQL=(psql -q -h 127.0.0.1 -U arus -v ON_ERROR_STOP=1 -d arus_memory)

. bench/server.sh
t=$(date +%s)
if [ "${KEEP:-}" = 1 ] && psql -q -h 127.0.0.1 -U arus -d arus_memory -c "SELECT 1 FROM src.bench LIMIT 1" >/dev/null 2>&1; then
  "${PSQL[@]}" -c "DROP SCHEMA IF EXISTS dst CASCADE"
else
psql -q -h 127.0.0.1 -U arus -d postgres -c "DROP DATABASE IF EXISTS arus_memory" -c "CREATE DATABASE arus_memory"
"${PSQL[@]}" <<SQL
$(bench_table_sql)
VACUUM ANALYZE src.bench;
SQL
fi
echo "source table: $ROWS rows in $(( $(date +%s) - t )) s" >&2

start_arus
pipeline=$(pg_pipeline arus_memory memory '[{"name":"src.bench","sync_mode":"full_refresh"}]')
before_kb=$(awk '/VmRSS/ {print $2}' /proc/$PID/status)
read -r ms rows < <(run_once "$pipeline")
peak_kb=$(awk '/VmHWM/ {print $2}' /proc/$PID/status)
after_kb=$(awk '/VmRSS/ {print $2}' /proc/$PID/status)
[ "$("${PSQL[@]}" -tA -c "SELECT count(*) FROM dst.bench")" = "$ROWS" ] || { echo "dst.bench is not complete" >&2; exit 1; }
printf 'Arus full refresh PG -> PG, %d rows, heap %s: %d ms, %d rows/s\n' "$rows" "$HEAP" "$ms" $((rows * 1000 / ms))
echo "server resident memory: $((before_kb / 1024)) MB before the run, peak (VmHWM) $((peak_kb / 1024)) MB (goal <= 400 MB), $((after_kb / 1024)) MB after"
grep -o 'read by [0-9]* readers at once' "$WORK/server/server.log" | head -1 || echo "read by 1 reader"
[ -n "${NMT:-}" ] && jcmd "$PID" VM.native_memory summary | grep -E "committed" | head -25
[ "${KEEP:-}" = 1 ] || psql -q -h 127.0.0.1 -U arus -d postgres -c "DROP DATABASE arus_memory"
