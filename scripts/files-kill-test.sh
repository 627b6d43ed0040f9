#!/usr/bin/env bash
# The files destination under SIGKILL, process level (issue 16): a PostgreSQL -> Parquet run (a local folder,
# partitioned by month(ts), 20,000 rows a file) is killed with SIGKILL part way. At that moment every visible data
# file must be a whole Parquet file (magic bytes at both ends; unfinished ones are hidden temporary files). After a
# restart the killed run shows as interrupted, the next run settles the killed run's last flush (by the tokens the
# manifest keeps), resumes from the stored offset and succeeds, and the table's _manifest.json then lists exactly
# the data files present (no unlisted file, no temporary file left) with as many rows as the source. Finally the
# files source reads the folder back into PostgreSQL and it equals the source: count, distinct keys and checksum.
# Meant to run after the Maven build, like resilience-test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${ROWS:-500000}
NAME=files-kill
SCHEMA=arus_fkill_$$
. scripts/kill-test-lib.sh
cleanup() {
  stop_server
  "${PSQL[@]}" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE; DROP SCHEMA IF EXISTS ${SCHEMA}_back CASCADE" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
await_run() {
  local run=$1 status=
  for _ in $(seq 1 1200); do
    status=$(api GET "/api/runs/$run" | json 'd["status"]')
    case $status in succeeded|succeeded_with_warnings|failed|cancelled|interrupted) break ;; esac
    sleep 0.1
  done
  echo "$status"
}
checksum() { "${PSQL[@]}" -c "SELECT count(*) || ' ' || count(DISTINCT id) || ' ' || md5(string_agg(concat_ws('|', id, name, qty,
  price, to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')), ',' ORDER BY id)) FROM $1"; }
TABLE_DIR=$WORK/out/lake/orders
# prints "<whole> <broken> <temporary>": visible .parquet files with PAR1 at both ends, visible ones without, hidden
# temporary files
inspect() {
  python3 - "$TABLE_DIR" <<'PY'
import os, sys
whole = broken = temporary = 0
for folder, _, names in os.walk(sys.argv[1]):
    for name in names:
        path = os.path.join(folder, name)
        if name.startswith('.'):
            temporary += 1
        elif name.endswith('.parquet'):
            with open(path, 'rb') as f:
                head = f.read(4)
                f.seek(-4, os.SEEK_END)
                tail = f.read(4)
            if head == b'PAR1' and tail == b'PAR1':
                whole += 1
            else:
                broken += 1
print(whole, broken, temporary)
PY
}
# prints "same" when the manifest lists exactly the visible data files, then the rows it lists
manifest() {
  python3 - "$TABLE_DIR" <<'PY'
import json, os, sys
root = sys.argv[1]
m = json.load(open(os.path.join(root, '_manifest.json')))
listed = sorted(f['path'] for f in m['files'])
present = sorted(os.path.relpath(os.path.join(d, n), root) for d, _, ns in os.walk(root) for n in ns
                 if not n.startswith('.') and not n.startswith('_'))
print('same' if listed == present else 'differ: %d listed, %d present' % (len(listed), len(present)), sum(f['rows'] for f in m['files']))
PY
}

"${PSQL[@]}" -c "CREATE SCHEMA $SCHEMA; CREATE TABLE $SCHEMA.orders (id bigint PRIMARY KEY, name varchar(40), qty int,
  price numeric(12,2), ts timestamptz(6) NOT NULL);
  INSERT INTO $SCHEMA.orders SELECT g, 'order ' || g, g % 1000, (g % 100000) / 100.0,
  timestamptz '2024-01-01 00:00:00+00' + (g % 182) * interval '1 day' + (g % 86400) * interval '1 second'
  FROM generate_series(1, $ROWS) g;" >/dev/null

start
pg='"host":"127.0.0.1","port":5432,"database":"arus_test","username":"arus","password":"arus"'
source=$(api POST /api/sources "{\"name\":\"src\",\"type\":\"postgresql\",\"config\":{$pg}}" | json 'd["id"]')
files=$(api POST /api/destinations "{\"name\":\"lake\",\"type\":\"files\",\"config\":{\"location\":\"file://$WORK/out\",
  \"format\":\"parquet\",\"partition_by\":[\"month(ts)\"],\"roll_rows\":20000}}" | json 'd["id"]')
pipeline=$(api POST /api/pipelines "{\"name\":\"files-kill\",\"source_id\":\"$source\",\"destination_id\":\"$files\",
  \"target_namespace\":\"lake\",\"batch_size\":5000,
  \"streams\":[{\"name\":\"$SCHEMA.orders\",\"sync_mode\":\"incremental\",\"cursor_field\":\"id\",\"write_mode\":\"append\"}]}" \
  | json 'd["id"]')
first=$(api POST "/api/pipelines/$pipeline/runs" | json 'd["run_id"]')
written=0
for _ in $(seq 1 1200); do
  written=$(api GET "/api/runs/$first" | json 'd["streams"][0]["rows_written"] if d.get("streams") else 0')
  # the counters shown lag the run (by up to a second): kill early, so the run is surely not done yet
  [ "$written" -ge $((ROWS / 10)) ] && break
  sleep 0.05
done
kill -9 "$PID"; wait "$PID" 2>/dev/null || true; PID=
read -r whole broken temporary < <(inspect)
check "killed part way ($written of $ROWS rows written): $whole whole Parquet files visible, $temporary hidden temporary" \
  test "$written" -gt 0 -a "$written" -lt "$ROWS" -a "$whole" -gt 0
check "no visible file is partial ($broken broken)" test "$broken" -eq 0

start
check "after the restart the killed run shows as interrupted" \
  test "$(api GET "/api/runs/$first" | json 'd["status"]')" = interrupted
second=$(api POST "/api/pipelines/$pipeline/runs" | json 'd["run_id"]')
status=$(await_run "$second")
check "the next run succeeded" test "$status" = succeeded
read_second=$(api GET "/api/runs/$second" | json 'd["streams"][0]["rows_read"]')
check "the next run resumed from the stored offset (read $read_second rows, more than none, fewer than $ROWS)" \
  test "$read_second" -gt 0 -a "$read_second" -lt "$ROWS"
# the killed run began a flush whose offset it may not have stored: the next run settles it first, by the tokens the
# manifest keeps (stores its offset, or withdraws its files), so no flush is written twice
settled=$(api GET "/api/runs/$second/log?format=text" | grep -o "the last flush of the run before [a-z ]*" || true)
check "the next run settled the killed run's last flush by the manifest's tokens (${settled:-no such log line})" \
  test "$(printf '%s\n' "$settled" | grep -c .)" -eq 1
read -r whole broken temporary < <(inspect)
read -r same rows < <(manifest)
check "the manifest lists exactly the $whole data files present ($same), none broken, $temporary temporary left" \
  test "$same" = same -a "$broken" -eq 0 -a "$temporary" -eq 0
check "the manifest's rows equal the source's ($rows of $ROWS)" test "$rows" -eq "$ROWS"

# read the folder back with the files source and compare in PostgreSQL
back=$(api POST /api/sources "{\"name\":\"back\",\"type\":\"files\",\"config\":{\"location\":\"file://$WORK/out/lake\",
  \"format\":\"parquet\"}}" | json 'd["id"]')
pgdst=$(api POST /api/destinations "{\"name\":\"pg\",\"type\":\"postgresql\",\"config\":{$pg}}" | json 'd["id"]')
readback=$(api POST /api/pipelines "{\"name\":\"files-back\",\"source_id\":\"$back\",\"destination_id\":\"$pgdst\",
  \"target_namespace\":\"${SCHEMA}_back\",\"streams\":[{\"name\":\"orders\",\"sync_mode\":\"full_refresh\"}]}" | json 'd["id"]')
status=$(await_run "$(api POST "/api/pipelines/$readback/runs" | json 'd["run_id"]')")
check "the files source read the folder back ($status)" test "$status" = succeeded
src=$(checksum "$SCHEMA.orders"); dst=$(checksum "${SCHEMA}_back.orders" 2>/dev/null || true)
check "read back, it equals the source: count, distinct keys and checksum ($dst)" test "$src" = "$dst"

finish
