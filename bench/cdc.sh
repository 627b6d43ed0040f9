#!/usr/bin/env bash
# Change capture speed, PostgreSQL -> PostgreSQL, in one run, next to PostgreSQL's own logical replication (a
# subscription in another database of the same server, publishing the same table):
# 1. Throughput: with both consumers stopped, pgbench commits UPDATES single-row updates (default 1,000,000) on a
#    ROWS-row table; then the subscription is enabled and timed until its slot confirmed the last LSN, then Arus's
#    following CDC run is started and timed the same way (its slot is confirmed only after the destination flushed).
#    Prints events/s for both and the ratio (goal >= 0.5x).
# 2. Lag: both consumers running and caught up, pgbench commits RATE single-row updates a second (default 5,000),
#    PER_TX of them a transaction (default 10: this box cannot commit 5,000 transactions a second next to two
#    consumers), for STEADY seconds (default 30); every 250 ms the staleness of each destination (now - the newest
#    source commit time it holds, from a column the updates set to clock_timestamp()) is sampled. Prints p50/p99
#    (goal p99 < 2 s).
# Needs a built tree (./mvnw install -DskipTests) and the test servers (scripts/test-services.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-options.sh

UPDATES=${UPDATES:-1000000}
ROWS=${ROWS:-100000}
RATE=${RATE:-5000}
STEADY=${STEADY:-30}
PORT=${PORT:-18191}
HEAP=${HEAP:-512m}
JAR=$PWD/runtime/target/arus.jar
export PGPASSWORD=arus
PSQL=(psql -q -tA -h 127.0.0.1 -U arus -v ON_ERROR_STOP=1)
WORK=$(mktemp -d)
PID=
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null
  "${PSQL[@]}" -d arus_cdc_sub -c "ALTER SUBSCRIPTION bench_sub DISABLE" -c "ALTER SUBSCRIPTION bench_sub SET (slot_name = NONE)" \
    -c "DROP SUBSCRIPTION bench_sub" >/dev/null 2>&1 || true
  "${PSQL[@]}" -d arus_cdc_src -c "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots
    WHERE database = 'arus_cdc_src' AND NOT active" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
now_ms() { date +%s%3N; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

./scripts/test-services.sh >/dev/null
cleanup; WORK=$(mktemp -d)
for db in arus_cdc_src arus_cdc_sub arus_cdc_dst; do
  "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
done
TABLE="CREATE TABLE public.items (id bigint PRIMARY KEY, name text, qty int, touched timestamptz)"
"${PSQL[@]}" -d arus_cdc_src -c "$TABLE" -c "INSERT INTO public.items SELECT g, 'item ' || g, 0, now()
  FROM generate_series(1, $ROWS) g" -c "CREATE PUBLICATION bench_pub FOR TABLE public.items" \
  -c "SELECT pg_create_logical_replication_slot('bench_sub', 'pgoutput')" >/dev/null
"${PSQL[@]}" -d arus_cdc_sub -c "$TABLE" -c "CREATE SUBSCRIPTION bench_sub CONNECTION
  'host=127.0.0.1 port=5432 user=arus password=arus dbname=arus_cdc_src' PUBLICATION bench_pub
  WITH (create_slot = false, slot_name = 'bench_sub', copy_data = true)" >/dev/null
cat > "$WORK/update.sql" <<EOF
\set id random(1, $ROWS)
UPDATE public.items SET qty = qty + 1, touched = clock_timestamp() WHERE id = :id;
EOF
# the steady load: PER_TX single-row updates a transaction (this 2-core box commits about 2,000 single-row
# transactions a second while both consumers run, short of 5,000)
PER_TX=${PER_TX:-10}
for _ in $(seq 1 "$PER_TX"); do
  printf '%s\n' '\set id random(1, '"$ROWS"')' \
    'UPDATE public.items SET qty = qty + 1, touched = clock_timestamp() WHERE id = :id;'
done | { echo 'BEGIN;'; cat; echo 'COMMIT;'; } > "$WORK/steady.sql"

# the server and the pipeline, following its log (a copy of the jar: a build during the bench may rewrite it)
cp "$JAR" "$WORK/arus.jar"; JAR=$WORK/arus.jar
(cd "$WORK" && exec env ARUS_HTTP_PORT="$PORT" ARUS_ADMIN_PASSWORD=bench-password ARUS_DATA_DIR="$WORK/data" \
  java $(arus_java_options) -Xmx"$HEAP" -jar "$JAR" </dev/null >server.log 2>&1) &
PID=$!
for _ in $(seq 1 1200); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/api/health" && break; sleep 0.1; done
curl -sf -o /dev/null "http://127.0.0.1:$PORT/api/health" || { tail -30 "$WORK/server.log"; exit 1; }
TOKEN=$(curl -s -H 'Content-Type: application/json' --data '{"username":"admin","password":"bench-password"}' \
  "http://127.0.0.1:$PORT/api/auth/login" | json 'd["access_token"]')
api() { curl -s --max-time 30 -X "$1" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  ${3:+--data "$3"} "http://127.0.0.1:$PORT$2"; }
src='"host":"127.0.0.1","port":5432,"database":"arus_cdc_src","username":"arus","password":"arus"'
dst='"host":"127.0.0.1","port":5432,"database":"arus_cdc_dst","username":"arus","password":"arus"'
source=$(api POST /api/sources "{\"name\":\"bench-src\",\"type\":\"postgresql\",\"config\":{$src}}" | json 'd["id"]')
destination=$(api POST /api/destinations "{\"name\":\"bench-dst\",\"type\":\"postgresql\",\"config\":{$dst}}" | json 'd["id"]')
pipeline=$(api POST /api/pipelines "{\"name\":\"bench-cdc\",\"source_id\":\"$source\",\"destination_id\":\"$destination\",
  \"target_namespace\":\"arus\",\"batch_size\":10000,\"cdc\":{\"until\":\"never\"},
  \"streams\":[{\"name\":\"public.items\",\"sync_mode\":\"cdc\"}]}" | json 'd["id"]')

confirmed_past() { # slot target_lsn -> 0 when the slot confirmed at least that far
  [ "$("${PSQL[@]}" -d arus_cdc_src -c "SELECT coalesce(confirmed_flush_lsn >= '$2', false) FROM pg_replication_slots
    WHERE slot_name = '$1'")" = t ]
}
run=$(api POST "/api/pipelines/$pipeline/runs" | json 'd["run_id"]')
for _ in $(seq 1 1200); do
  [ "$("${PSQL[@]}" -d arus_cdc_dst -c "SELECT count(*) FROM arus.items" 2>/dev/null || echo 0)" = "$ROWS" ] && \
  [ "$("${PSQL[@]}" -d arus_cdc_sub -c "SELECT count(*) = 0 FROM pg_subscription_rel WHERE srsubstate <> 'r'")" = t ] && break
  sleep 0.25
done
ARUS_SLOT=$("${PSQL[@]}" -d arus_cdc_src -c "SELECT slot_name FROM pg_replication_slots WHERE slot_name LIKE 'arus\_%'
  AND database = 'arus_cdc_src'")
echo "snapshot done: Arus slot $ARUS_SLOT, subscription in sync"

# --- 1. throughput ----------------------------------------------------------------------------------------------
api POST "/api/runs/$run/cancel" >/dev/null
for _ in $(seq 1 300); do [ "$(api GET "/api/runs/$run" | json 'd["status"]')" = cancelled ] && break; sleep 0.1; done
"${PSQL[@]}" -d arus_cdc_sub -c "ALTER SUBSCRIPTION bench_sub DISABLE" >/dev/null
sleep 1
t=$(now_ms)
pgbench -n -h 127.0.0.1 -U arus -c 4 -j 2 -t $((UPDATES / 4)) -f "$WORK/update.sql" arus_cdc_src > "$WORK/pgbench.log" 2>&1
echo "pgbench committed $UPDATES updates in $(( $(now_ms) - t )) ms"
target=$("${PSQL[@]}" -d arus_cdc_src -c "SELECT pg_current_wal_lsn()")

t=$(now_ms)
"${PSQL[@]}" -d arus_cdc_sub -c "ALTER SUBSCRIPTION bench_sub ENABLE" >/dev/null
until confirmed_past bench_sub "$target"; do sleep 0.05; done
native_ms=$(( $(now_ms) - t ))
"${PSQL[@]}" -d arus_cdc_sub -c "ALTER SUBSCRIPTION bench_sub DISABLE" >/dev/null

t=$(now_ms)
run=$(api POST "/api/pipelines/$pipeline/runs" | json 'd["run_id"]')
until confirmed_past "$ARUS_SLOT" "$target"; do sleep 0.05; done
arus_ms=$(( $(now_ms) - t ))
native_rate=$(( UPDATES * 1000 / native_ms )); arus_rate=$(( UPDATES * 1000 / arus_ms ))
echo "throughput: native subscription $native_rate events/s ($native_ms ms), Arus $arus_rate events/s ($arus_ms ms)," \
  "ratio $(python3 -c "print(round($arus_rate / $native_rate, 2))")x (goal >= 0.5x)"

# --- 2. lag at a steady rate ------------------------------------------------------------------------------------
"${PSQL[@]}" -d arus_cdc_sub -c "ALTER SUBSCRIPTION bench_sub ENABLE" >/dev/null
# sampling starts once both consumers hold the newest change (a re-enabled subscription's worker starts late)
"${PSQL[@]}" -d arus_cdc_src -c "UPDATE public.items SET touched = clock_timestamp() WHERE id = 1"
marker=$("${PSQL[@]}" -d arus_cdc_src -c "SELECT pg_current_wal_lsn()")
until confirmed_past bench_sub "$marker" && confirmed_past "$ARUS_SLOT" "$marker"; do sleep 0.1; done
pgbench -n -h 127.0.0.1 -U arus -c 4 -j 2 -R "$((RATE / PER_TX))" -T "$STEADY" -f "$WORK/steady.sql" arus_cdc_src \
  > "$WORK/steady.log" 2>&1 &
bench=$!
: > "$WORK/lag_native"; : > "$WORK/lag_arus"
sleep 2
while kill -0 "$bench" 2>/dev/null; do
  "${PSQL[@]}" -d arus_cdc_sub -c "SELECT extract(epoch FROM clock_timestamp() - max(touched)) FROM public.items" >> "$WORK/lag_native"
  "${PSQL[@]}" -d arus_cdc_dst -c "SELECT extract(epoch FROM clock_timestamp() - max(touched)) FROM arus.items" >> "$WORK/lag_arus"
  sleep 0.25
done
wait "$bench" || true
echo "steady load: $(grep -E "^tps" "$WORK/steady.log" | head -1) x $PER_TX updates a transaction"
pct() { python3 -c "
import sys
v = sorted(float(x) for x in open('$1') if x.strip())
print('p50 %.3f s, p99 %.3f s (%d samples)' % (v[len(v) // 2], v[min(len(v) - 1, int(len(v) * 0.99))], len(v)))"; }
echo "lag at $RATE changes/s: native subscription $(pct "$WORK/lag_native"); Arus $(pct "$WORK/lag_arus") (goal p99 < 2 s)"
api POST "/api/runs/$run/cancel" >/dev/null
for _ in $(seq 1 300); do [ "$(api GET "/api/runs/$run" | json 'd["status"]')" = cancelled ] && break; sleep 0.1; done
api DELETE "/api/pipelines/$pipeline" >/dev/null
