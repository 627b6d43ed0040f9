#!/usr/bin/env bash
# Incremental at scale: a PostgreSQL table of ROWS rows (default 10,000,000) with an index on its cursor column,
# synced once incrementally (PG -> PG, upsert), then CHANGED rows (default 10,000) spread over the table get a newer
# cursor value and a second incremental run picks them up. Prints the second run's time (goal < 2 s), the query
# plan PostgreSQL chooses for the reader's page query shape, and that the destination equals the source.
# Needs a built tree (./mvnw install -DskipTests) and the test servers (scripts/test-services.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${ROWS:-10000000}
CHANGED=${CHANGED:-10000}
PORT=${PORT:-18182}
HEAP=${HEAP:-512m}
PSQL=(psql -q -h 127.0.0.1 -U arus -v ON_ERROR_STOP=1 -d arus_incr)

. bench/server.sh
psql -q -h 127.0.0.1 -U arus -d postgres -c "DROP DATABASE IF EXISTS arus_incr" -c "CREATE DATABASE arus_incr"
t=$(date +%s)
"${PSQL[@]}" <<SQL
CREATE SCHEMA src;
CREATE TABLE src.events (id BIGINT PRIMARY KEY, account INT NOT NULL, amount DECIMAL(12,2), note VARCHAR(40),
  updated_at TIMESTAMP(6) NOT NULL);
INSERT INTO src.events SELECT g, g % 10007, (g % 100000) / 100.0, 'event ' || g,
  timestamp '2024-01-01' + g * interval '1 second' FROM generate_series(1, $ROWS) g;
CREATE INDEX events_updated_at ON src.events (updated_at, id);
VACUUM ANALYZE src.events;
SQL
echo "source table: $ROWS rows in $(( $(date +%s) - t )) s" >&2

start_arus
pipeline=$(pg_pipeline arus_incr incremental '[{"name":"src.events","sync_mode":"incremental",
  "cursor_field":"updated_at","primary_key":["id"]}]')

out=$(run_once "$pipeline"); read -r first_ms first_rows <<< "$out"
echo "first incremental run: $first_rows rows in $first_ms ms" >&2
# changed rows spread over the whole key range, each with a cursor value newer than any stored
"${PSQL[@]}" -c "UPDATE src.events SET amount = amount + 1, updated_at = now()::timestamp(6) + (id % 1000) * interval '1 microsecond'
  WHERE id % ($ROWS / $CHANGED) = 0"
"${PSQL[@]}" -c "ANALYZE src.events"
out=$(run_once "$pipeline"); read -r second_ms second_rows <<< "$out"
out=$(run_once "$pipeline"); read -r third_ms third_rows <<< "$out"
# once more with the default row_count check off (it counts both ROWS-row tables after every run): what the run
# itself takes, next to what the check adds
api GET "/api/pipelines/$pipeline" | python3 -c "import json,sys; p=json.load(sys.stdin); p['quality_checks']['row_count']='off';
print(json.dumps(p))" > "$WORK/pipeline.json"
api PUT "/api/pipelines/$pipeline" "$(cat "$WORK/pipeline.json")" > /dev/null
"${PSQL[@]}" -c "UPDATE src.events SET amount = amount + 1, updated_at = now()::timestamp(6) + (id % 1000) * interval '1 microsecond'
  WHERE id % ($ROWS / $CHANGED) = 1"
"${PSQL[@]}" -c "ANALYZE src.events"
out=$(run_once "$pipeline"); read -r fourth_ms fourth_rows <<< "$out"
# the reader's page query (KeysetReader: cursor and key after the stored offset, cursor up to the bound taken at
# the start, ORDER BY cursor, key, LIMIT batch), explained with the stored offset's values
plan=$("${PSQL[@]}" -tA -c "EXPLAIN SELECT id, account, amount, note, updated_at FROM src.events
  WHERE (updated_at, id) > (timestamp '2024-01-01' + $ROWS * interval '1 second', $ROWS)
  AND updated_at <= now()::timestamp ORDER BY updated_at, id LIMIT 20000")
diff=$("${PSQL[@]}" -tA -c "SELECT count(*) FROM (SELECT * FROM src.events EXCEPT SELECT id, account, amount, note,
  updated_at FROM dst.events) d")
count=$("${PSQL[@]}" -tA -c "SELECT count(*) FROM dst.events")
[ "$diff" = 0 ] && [ "$count" = "$ROWS" ] || { echo "destination differs: $diff rows, $count in all" >&2; exit 1; }

echo "the page query's plan:"
echo "$plan" | sed 's/^/  /'
printf '%-60s %8s ms %9s rows read\n' "Arus incremental PG -> PG, first run ($ROWS rows)" "$first_ms" "$first_rows" \
  "Arus incremental, $CHANGED changed rows in $ROWS" "$second_ms" "$second_rows" \
  "Arus incremental, nothing changed" "$third_ms" "$third_rows" \
  "Arus incremental, $CHANGED changed rows, row_count check off" "$fourth_ms" "$fourth_rows"
echo "goal: the changed rows' run < 2000 ms; destination equals the source ($count rows)"
# where the changed rows' run spent its time: its run log, as the server wrote it
echo "the changed rows' run, as logged:"
awk '/run [0-9a-f-]+\]/ {print}' "$WORK/server/server.log" | grep -o '^[^ ]* .*\[run [0-9a-f]*' | awk '{print $NF}' | uniq \
  | sed -n 2p | xargs -I{} grep -F "[run {}" "$WORK/server/server.log" | cut -c12-23,60- | cut -c1-200 | sed 's/^/  /'

