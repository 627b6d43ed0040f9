#!/usr/bin/env bash
# Pipeline speed, in one run, on the 1,000,000-row table of STACK.md "Speed anchors":
#   id BIGINT PK, name VARCHAR(40), email VARCHAR(40), qty INT, price DECIMAL(12,2), created_at TIMESTAMP(6),
#   note VARCHAR(20) (NULL in every 10th row)
# 1. psql COPY ... TO STDOUT (FORMAT binary) | psql COPY ... FROM STDIN (FORMAT binary), target with PK  (anchor)
# 2. pgloader MariaDB -> PostgreSQL                                                                      (anchor)
#    and mariadb --batch --quick | psql COPY (text)                                                      (anchor)
# 3. Arus full refresh PostgreSQL -> PostgreSQL, server heap capped at 512 MB (first run, then a second one)
# 4. Arus full refresh MariaDB -> PostgreSQL, same server, twice (the first run also compiles the MySQL reader)
# 5. psql COPY ... TO STDOUT | clickhouse-client INSERT ... FORMAT TabSeparated (anchor), and Arus full refresh
#    PostgreSQL -> ClickHouse with the same batches of 20,000 rows (the engine flushes 1,000,000 rows at once into
#    ClickHouse, one part each), twice: the first run also pays for loading and compiling the ClickHouse writer
# 6. Arus full refresh PostgreSQL -> PostgreSQL through a 5-step chain (rename, cast, add_column with an expression,
#    filter, hash), next to the same pipeline without transforms (3.), and through one python step (its rows/s)
# Prints rows/s, the ratios to the anchors and the server's peak resident memory. Needs a built tree
# (./mvnw install -DskipTests) and the test servers (scripts/test-services.sh); installs pgloader with apt.
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${ROWS:-1000000}
PORT=${PORT:-18181}
HEAP=${HEAP:-512m}
PSQL=(psql -q -h 127.0.0.1 -U arus -v ON_ERROR_STOP=1)
MARIA=(mariadb -h 127.0.0.1 -P 3306 -uarus -parus)

now_ms() { date +%s%3N; }
rate() { echo $(( $1 * 1000 / ($2 > 0 ? $2 : 1) )); }

. bench/server.sh
command -v pgloader >/dev/null || { echo "installing pgloader" >&2; apt-get install -y -qq pgloader >/dev/null; }
CH=(clickhouse-client --host 127.0.0.1)
ch() { curl -fsS --data-binary "$1" http://127.0.0.1:8123/; }

# --- the source table, in both databases -----------------------------------------------------------------
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS arus_bench" -c "CREATE DATABASE arus_bench"
# VACUUM sets the rows' hint bits now: otherwise the first reader of the new table, the COPY pipe anchor, pays for
# them (2.9 s where 1.7 s is its steady figure) and the runs after it read a table made ready for them
"${PSQL[@]}" -d arus_bench <<SQL
$(bench_table_sql)
VACUUM (FREEZE, ANALYZE) src.bench;
CREATE SCHEMA copy_target;
CREATE TABLE copy_target.bench (LIKE src.bench INCLUDING ALL);
SQL
"${MARIA[@]}" -e "DROP DATABASE IF EXISTS arus_bench; CREATE DATABASE arus_bench CHARACTER SET utf8mb4"
"${MARIA[@]}" arus_bench <<SQL
CREATE TABLE bench (id BIGINT PRIMARY KEY, name VARCHAR(40), email VARCHAR(40), qty INT, price DECIMAL(12,2),
  created_at DATETIME(6), note VARCHAR(20));
INSERT INTO bench SELECT seq, CONCAT('name ', seq), CONCAT('user', seq, '@example.com'), seq % 1000,
  (seq % 100000) / 100, TIMESTAMP('2024-01-01') + INTERVAL seq SECOND, IF(seq % 10 = 0, NULL, CONCAT('note ', seq % 97))
  FROM seq_1_to_$ROWS;
SQL

# Every timed step, anchor or Arus, starts on a quiet database: PostgreSQL autovacuums (and analyzes) each table
# a step loaded, a million inserts past its threshold, and a checkpoint is due after a few loads; on two cores
# either landed on whichever step came next (the COPY pipe, first after a VACUUM, always ran quiet: a run of Arus
# measured 2.7 s there and 2.0 s later in the same bench). ClickHouse merges the parts an insert made.
quiet() {
  local i
  for i in $(seq 1 120); do
    [ "$("${PSQL[@]}" -tA -d postgres -c "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'")" = 0 ] \
      && [ "$(ch "SELECT count() FROM system.merges" 2>/dev/null || echo 0)" = 0 ] && break
    sleep 0.5
  done
  "${PSQL[@]}" -d postgres -c CHECKPOINT
}

# --- 1. COPY binary pipe ------------------------------------------------------------------------------------
quiet
t=$(now_ms)
"${PSQL[@]}" -d arus_bench -c "COPY src.bench TO STDOUT (FORMAT binary)" \
  | "${PSQL[@]}" -d arus_bench -c "COPY copy_target.bench FROM STDIN (FORMAT binary)"
copy_ms=$(( $(now_ms) - t ))

# --- 2. pgloader ----------------------------------------------------------------------------------------------
"${PSQL[@]}" -d arus_bench -c "CREATE SCHEMA pgloader_target"
cat > "$WORK/load.pgl" <<EOF
LOAD DATABASE FROM mysql://arus:arus@127.0.0.1:3306/arus_bench
  INTO postgresql://arus:arus@127.0.0.1:5432/arus_bench
  WITH include drop, create tables, create indexes, reset sequences, workers = 2, concurrency = 1
  ALTER SCHEMA 'arus_bench' RENAME TO 'pgloader_target';
EOF
quiet
t=$(now_ms)
pgloader --quiet "$WORK/load.pgl" > "$WORK/pgloader.log" 2>&1 || { cat "$WORK/pgloader.log"; exit 1; }
pgloader_ms=$(( $(now_ms) - t ))

# --- 2b. mariadb --batch --quick | psql COPY (text) ------------------------------------------------------------
"${PSQL[@]}" -d arus_bench -c "CREATE SCHEMA maria_pipe" -c "CREATE TABLE maria_pipe.bench (LIKE src.bench INCLUDING ALL)"
quiet
t=$(now_ms)
"${MARIA[@]}" --batch --quick --skip-column-names arus_bench -e "SELECT * FROM bench" \
  | "${PSQL[@]}" -d arus_bench -c "COPY maria_pipe.bench FROM STDIN (FORMAT text, NULL 'NULL')"
maria_pipe_ms=$(( $(now_ms) - t ))

# --- 5a. PostgreSQL -> ClickHouse pipe --------------------------------------------------------------------------
ch "DROP DATABASE IF EXISTS arus_bench" >/dev/null
ch "CREATE DATABASE arus_bench" >/dev/null
ch "CREATE TABLE arus_bench.copy_target (id Int64, name String, email String, qty Int32, price Decimal(12,2),
  created_at DateTime, note Nullable(String)) ENGINE = MergeTree ORDER BY id" >/dev/null
quiet
t=$(now_ms)
"${PSQL[@]}" -d arus_bench -c "COPY src.bench TO STDOUT" \
  | "${CH[@]}" --query "INSERT INTO arus_bench.copy_target FORMAT TabSeparated"
ch_pipe_ms=$(( $(now_ms) - t ))

# --- 3 and 4. Arus ------------------------------------------------------------------------------------------
start_arus
pg='"host":"127.0.0.1","port":5432,"database":"arus_bench","username":"arus","password":"arus"'
pg_source=$(connection sources "{\"name\":\"pg\",\"type\":\"postgresql\",\"config\":{$pg}}")
maria_source=$(api POST /api/sources '{"name":"maria","type":"mariadb","config":{"host":"127.0.0.1","port":3306,"database":"arus_bench","username":"arus","password":"arus"}}' | field '["id"]')
pg_destination=$(api POST /api/destinations "{\"name\":\"pg\",\"type\":\"postgresql\",\"config\":{$pg}}" | field '["id"]')
ch_destination=$(api POST /api/destinations '{"name":"ch","type":"clickhouse","config":{"host":"127.0.0.1","port":8123,"database":"arus_bench"}}' | field '["id"]')

arus_run() { # source id, stream, target namespace[, extra pipeline JSON[, destination id[, extra stream JSON]]] -> ms
  local pipeline
  pipeline=$(api POST /api/pipelines "{\"name\":\"bench-$3\",\"source_id\":\"$1\",\"destination_id\":\"${5:-$pg_destination}\",
    \"target_namespace\":\"$3\",\"batch_size\":${BATCH:-20000},${4:-}\"streams\":[{\"name\":\"$2\",\"sync_mode\":\"full_refresh\"${6:-}}]}" | field '["id"]')
  quiet >&2
  run_once "$pipeline" | cut -d" " -f1
}
# the first run of a fresh server also pays for class loading and JIT compilation; a server runs for days, so
# the figure that counts is the second run (the first one is printed too)
pg_cold_ms=$(arus_run "$pg_source" src.bench arus_pg_cold)
pg_ms=$(arus_run "$pg_source" src.bench arus_pg)
# the same without the default quality checks (row count and key uniqueness on both sides): the copy alone
pg_nochecks_ms=$(arus_run "$pg_source" src.bench arus_pg_nochecks '"quality_checks":{"row_count":"off","unique_key":"off"},')
# the first MariaDB run also pays for loading and compiling the MySQL reader (as the first ClickHouse run does for its
# writer below): it is printed, and the second one counts
maria_cold_ms=$(arus_run "$maria_source" arus_bench.bench arus_maria_cold)
maria_ms=$(arus_run "$maria_source" arus_bench.bench arus_maria)
ch_cold_ms=$(arus_run "$pg_source" src.bench arus_bench_ch_cold "" "$ch_destination")
ch_ms=$(arus_run "$pg_source" src.bench arus_bench_ch "" "$ch_destination")
# 6. the same PG -> PG full refresh through the five built-in steps (every row passes the filter), then through a
# python step; the figures compare with the second run without transforms above
chain=',"transforms":[
  {"type":"rename","config":{"columns":{"name":"full_name"}}},
  {"type":"cast","config":{"columns":{"qty":"int64"}}},
  {"type":"add_column","config":{"name":"qty_twice","expression":"qty * 2 + 1","type":"int64"}},
  {"type":"filter","config":{"expression":"qty >= 0"}},
  {"type":"hash","config":{"columns":["email"],"salt":"bench-salt"}}]'
python_step=$(python3 -c 'import json; print(",\"transforms\":" + json.dumps([{"type": "python", "config": {
    "columns": {"total": "decimal(18,2)"},
    "code": "def transform(rows):\n    for r in rows:\n        r[\"total\"] = r[\"qty\"] * r[\"price\"]\n    return rows\n"}}]))')
# like the runs without steps, the first run of the chain (it also loads and compiles the steps) is printed but
# does not count. Each run starts quiet (arus_run); the same pipeline without steps and with them run in turn, three
# times, and the best of each counts
chain_cold_ms=$(arus_run "$pg_source" src.bench arus_pg_chain_cold "" "" "$chain")
plain1_ms=$(arus_run "$pg_source" src.bench arus_pg_plain1)
chain1_ms=$(arus_run "$pg_source" src.bench arus_pg_chain1 "" "" "$chain")
plain2_ms=$(arus_run "$pg_source" src.bench arus_pg_plain2)
chain2_ms=$(arus_run "$pg_source" src.bench arus_pg_chain2 "" "" "$chain")
plain3_ms=$(arus_run "$pg_source" src.bench arus_pg_plain3)
chain3_ms=$(arus_run "$pg_source" src.bench arus_pg_chain3 "" "" "$chain")
least() { printf '%s\n' "$@" | sort -n | head -1; }
plain_ms=$(least "$plain1_ms" "$plain2_ms" "$plain3_ms")
chain_ms=$(least "$chain1_ms" "$chain2_ms" "$chain3_ms")
# what the destination alone makes of the chain's wider rows (a 64-character hash for a 25-character email, an int64
# for an int32, one more column): the same COPY binary pipe from the table each run wrote into a fresh copy of it
pipe_ms() {
  "${PSQL[@]}" -d arus_bench -c "DROP TABLE IF EXISTS public.pipe_copy" -c "CREATE TABLE public.pipe_copy (LIKE $1 INCLUDING ALL)"
  quiet
  local t; t=$(now_ms)
  "${PSQL[@]}" -d arus_bench -c "COPY $1 TO STDOUT (FORMAT binary)" \
    | "${PSQL[@]}" -d arus_bench -c "COPY public.pipe_copy FROM STDIN (FORMAT binary)"
  echo $(( $(now_ms) - t ))
}
plain_pipe_ms=$(least "$(pipe_ms arus_pg_plain1.bench)" "$(pipe_ms arus_pg_plain1.bench)")
chain_pipe_ms=$(least "$(pipe_ms arus_pg_chain1.bench)" "$(pipe_ms arus_pg_chain1.bench)")
python_ms=$(arus_run "$pg_source" src.bench arus_pg_python "" "" "$python_step")
peak_kb=$(awk '/VmHWM/ {print $2}' /proc/$PID/status)
count() { "${PSQL[@]}" -tA -d arus_bench -c "SELECT count(*) FROM $1"; }
for t in copy_target.bench pgloader_target.bench maria_pipe.bench arus_pg_cold.bench arus_pg.bench arus_pg_nochecks.bench arus_maria_cold.bench arus_maria.bench \
    arus_pg_chain_cold.bench arus_pg_plain1.bench arus_pg_chain1.bench arus_pg_plain2.bench arus_pg_chain2.bench \
    arus_pg_plain3.bench arus_pg_chain3.bench \
    arus_pg_python.bench; do
  [ "$(count $t)" = "$ROWS" ] || { echo "$t has $(count $t) rows, not $ROWS" >&2; exit 1; }
done
for t in arus_bench.copy_target "arus_bench_ch_cold.bench FINAL" "arus_bench_ch.bench FINAL"; do
  [ "$(ch "SELECT count() FROM $t")" = "$ROWS" ] || { echo "ClickHouse $t has $(ch "SELECT count() FROM $t") rows" >&2; exit 1; }
done

copy_rate=$(rate "$ROWS" "$copy_ms"); pgloader_rate=$(rate "$ROWS" "$pgloader_ms")
ch_pipe_rate=$(rate "$ROWS" "$ch_pipe_ms"); ch_rate=$(rate "$ROWS" "$ch_ms"); ch_cold_rate=$(rate "$ROWS" "$ch_cold_ms"); pg_rate=$(rate "$ROWS" "$pg_ms"); pg_cold_rate=$(rate "$ROWS" "$pg_cold_ms"); maria_rate=$(rate "$ROWS" "$maria_ms"); pg_nochecks_rate=$(rate "$ROWS" "$pg_nochecks_ms")
chain_rate=$(rate "$ROWS" "$chain_ms"); chain_cold_rate=$(rate "$ROWS" "$chain_cold_ms"); python_rate=$(rate "$ROWS" "$python_ms")
plain_rate=$(rate "$ROWS" "$plain_ms")
printf '%-52s %9s ms %9s rows/s\n' "psql COPY binary | psql COPY binary (anchor)" "$copy_ms" "$copy_rate" \
  "pgloader MariaDB -> PostgreSQL (anchor)" "$pgloader_ms" "$pgloader_rate" \
  "mariadb --batch --quick | psql COPY (anchor)" "$maria_pipe_ms" "$(rate "$ROWS" "$maria_pipe_ms")" \
  "Arus full refresh PG -> PG, first run of the server" "$pg_cold_ms" "$pg_cold_rate" \
  "Arus full refresh PostgreSQL -> PostgreSQL" "$pg_ms" "$pg_rate" \
  "  the same without quality checks" "$pg_nochecks_ms" "$pg_nochecks_rate" \
  "Arus full refresh MariaDB -> PostgreSQL, first run" "$maria_cold_ms" "$(rate "$ROWS" "$maria_cold_ms")" \
  "Arus full refresh MariaDB -> PostgreSQL" "$maria_ms" "$maria_rate" \
  "psql COPY | clickhouse-client TabSeparated (anchor)" "$ch_pipe_ms" "$ch_pipe_rate" \
  "Arus full refresh PG -> ClickHouse, first run" "$ch_cold_ms" "$ch_cold_rate" \
  "Arus full refresh PostgreSQL -> ClickHouse" "$ch_ms" "$ch_rate" \
  "Arus PG -> PG, 5-step chain, first run" "$chain_cold_ms" "$chain_cold_rate" \
  "Arus PG -> PG, no steps, next to the chain (best of $plain1_ms, $plain2_ms, $plain3_ms ms)" "$plain_ms" "$plain_rate" \
  "Arus PG -> PG, 5-step chain (best of $chain1_ms, $chain2_ms, $chain3_ms ms)" "$chain_ms" "$chain_rate" \
  "psql COPY pipe of the output without steps (best of two)" "$plain_pipe_ms" "$(rate "$ROWS" "$plain_pipe_ms")" \
  "psql COPY pipe of the chain's output (best of two)" "$chain_pipe_ms" "$(rate "$ROWS" "$chain_pipe_ms")" \
  "Arus PG -> PG, one python step" "$python_ms" "$python_rate"
python3 -c "print('ratios: Arus PG->PG / COPY pipe = %.2fx (first run %.2fx, %.2fx without checks; goal >= 0.8x, first run 0.7x); Arus MariaDB->PG / pgloader = %.2fx (goal >= 3x), / mariadb|psql pipe = %.2fx (goal >= 0.8x; first run %.2fx and %.2fx)' % ($pg_rate/$copy_rate, $pg_cold_rate/$copy_rate, $pg_nochecks_rate/$copy_rate, $maria_rate/$pgloader_rate, $maria_pipe_ms/$maria_ms, $pgloader_ms/$maria_cold_ms, $maria_pipe_ms/$maria_cold_ms))"
python3 -c "print('ratio: Arus PG->ClickHouse / clickhouse-client pipe = %.2fx (first run %.2fx; goal >= 0.8x)' % ($ch_rate/$ch_pipe_rate, $ch_cold_rate/$ch_pipe_rate))"
python3 -c "print('ratio: Arus PG->PG with the 5-step chain / without transforms = %.2fx (run by run %.2fx, %.2fx and %.2fx; first run %.2fx; goal >= 0.8x); python step %d rows/s (%.2fx)' % ($chain_rate/$plain_rate, $plain1_ms/$chain1_ms, $plain2_ms/$chain2_ms, $plain3_ms/$chain3_ms, $chain_cold_rate/$plain_rate, $python_rate, $python_rate/$plain_rate))"
python3 -c "print('ratio: the destination alone (psql COPY pipe) for the chain\\'s output / without steps = %.2fx' % ($plain_pipe_ms/$chain_pipe_ms))"
echo "server peak resident memory: $((peak_kb / 1024)) MB (heap capped at $HEAP); rows per table: $ROWS; readers per stream: $(grep -o 'read by [0-9]* readers at once' "$WORK/server/server.log" | sort | uniq -c | tr -s ' ' | paste -sd';')"
