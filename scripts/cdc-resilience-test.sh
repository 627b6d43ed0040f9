#!/usr/bin/env bash
# Change capture under SIGKILL, process level: a PostgreSQL -> PostgreSQL pipeline that follows its log
# (sync_mode cdc) while a writer commits inserts, updates and deletes; the server is killed with SIGKILL KILLS times
# during the run and started again each time (the run starts again by itself, trigger "restart"). After every kill
# the slot's confirmed flush LSN is checked against what the destination holds: every transaction the writer
# committed at or before that LSN must have landed. At the end the destination equals the source (count, distinct
# keys, checksum) and deleting the pipeline drops its slot. Called by scripts/test.sh after the Maven build.
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${ROWS:-50000}
KILLS=${KILLS:-10}
NAME=cdc-resilience
SCHEMA=arus_cdckill_$$
. scripts/kill-test-lib.sh
WRITER=
cleanup() {
  [ -n "${WRITER:-}" ] && kill "$WRITER" 2>/dev/null || true
  stop_server
  "${PSQL[@]}" -c "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots
    WHERE slot_name IN (SELECT pubname FROM pg_publication_tables WHERE schemaname = '$SCHEMA') AND NOT active" \
    >/dev/null 2>&1 || true
  "${PSQL[@]}" -c "DO \$\$ DECLARE p text; BEGIN FOR p IN SELECT pubname FROM pg_publication_tables
    WHERE schemaname = '$SCHEMA' LOOP EXECUTE format('DROP PUBLICATION %I', p); END LOOP; END \$\$;
    DROP SCHEMA IF EXISTS $SCHEMA CASCADE; DROP SCHEMA IF EXISTS ${SCHEMA}_dst CASCADE" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
checksum() { "${PSQL[@]}" -c "SELECT count(*) || ' ' || count(DISTINCT id) || ' ' || coalesce(md5(string_agg(concat_ws('|',
  id, name, qty, price), ',' ORDER BY id)), '') FROM $1"; }
latest_run() { api GET "/api/runs?pipeline_id=$pipeline&limit=1" | json 'd["items"][0]["id"] if isinstance(d, dict) else d[0]["id"]'; }

"${PSQL[@]}" -c "CREATE SCHEMA $SCHEMA; CREATE TABLE $SCHEMA.orders (id bigint PRIMARY KEY, name varchar(40), qty int,
  price numeric(12,2)); INSERT INTO $SCHEMA.orders SELECT g, 'order ' || g, g % 1000, (g % 100000) / 100.0
  FROM generate_series(1, $ROWS) g;" >/dev/null

# The writer: one transaction at a time (a new row, an update and a delete of old rows); after each commit it notes
# the new row's id and the WAL position, which is at or after that transaction's commit.
writer() {
  local n=0
  while :; do
    n=$((n + 1))
    local id=$((10000000 + n)) old=$(( (n * 7919) % ROWS + 1 ))
    "${PSQL[@]}" -c "BEGIN; INSERT INTO $SCHEMA.orders VALUES ($id, 'new $n', $n % 1000, $n / 100.0);
      UPDATE $SCHEMA.orders SET qty = qty + 1, name = 'upd $n' WHERE id = $old;
      DELETE FROM $SCHEMA.orders WHERE id = $(( (n * 104729) % ROWS + 1 )); COMMIT;" >/dev/null
    echo "$id $("${PSQL[@]}" -c 'SELECT pg_current_wal_lsn()')" >> "$WORK/ledger"
  done
}

start
pg='"host":"127.0.0.1","port":5432,"database":"arus_test","username":"arus","password":"arus"'
source=$(api POST /api/sources "{\"name\":\"src\",\"type\":\"postgresql\",\"config\":{$pg}}" | json 'd["id"]')
destination=$(api POST /api/destinations "{\"name\":\"dst\",\"type\":\"postgresql\",\"config\":{$pg}}" | json 'd["id"]')
pipeline=$(api POST /api/pipelines "{\"name\":\"cdc-kill\",\"source_id\":\"$source\",\"destination_id\":\"$destination\",
  \"target_namespace\":\"${SCHEMA}_dst\",\"batch_size\":2000,\"cdc\":{\"until\":\"never\"},
  \"streams\":[{\"name\":\"$SCHEMA.orders\",\"sync_mode\":\"cdc\"}]}" | json 'd["id"]')
api POST "/api/pipelines/$pipeline/runs" >/dev/null
writer & WRITER=$!

ahead=0; restarted=0; SLOT=
for kill in $(seq 1 "$KILLS"); do
  sleep "$(python3 -c "import random; print(round(random.uniform(2, 5), 1))")"
  kill -9 "$PID"; wait "$PID" 2>/dev/null || true; PID=
  [ -n "$SLOT" ] || SLOT=$("${PSQL[@]}" -c "SELECT pubname FROM pg_publication_tables WHERE schemaname = '$SCHEMA'")
  confirmed=$("${PSQL[@]}" -c "SELECT confirmed_flush_lsn FROM pg_replication_slots WHERE slot_name = '$SLOT'")
  if [ -n "$confirmed" ] && [ -s "$WORK/ledger" ]; then
    # every transaction committed at or before the confirmed LSN must be in the destination
    "${PSQL[@]}" -c "CREATE TEMP TABLE l (id bigint, lsn pg_lsn)" -c "\\copy l FROM '$WORK/ledger' WITH (DELIMITER ' ')" \
      -c "SELECT count(*) FROM l WHERE lsn <= '$confirmed' AND id NOT IN (SELECT id FROM ${SCHEMA}_dst.orders)" \
      > "$WORK/missing" 2>/dev/null || echo 0 > "$WORK/missing"
    missing=$(tail -n 1 "$WORK/missing")
    [ "$missing" = 0 ] || { ahead=$((ahead + 1)); echo "cdc-resilience: kill $kill: $missing transactions confirmed at $confirmed are not in the destination"; }
  fi
  start
  # the killed run shows as interrupted and the pipeline starts again by itself
  for _ in $(seq 1 200); do
    [ "$(api GET "/api/runs/$(latest_run)" | json 'd["trigger"] + " " + d["status"]')" = "restart running" ] && { restarted=$((restarted + 1)); break; }
    sleep 0.1
  done
done
kill "$WRITER"; wait "$WRITER" 2>/dev/null || true; WRITER=
check "the slot's confirmed flush LSN was never ahead of the destination ($KILLS kills)" test "$ahead" -eq 0
check "after each of the $KILLS kills the pipeline started again by itself" test "$restarted" -eq "$KILLS"

src=$(checksum "$SCHEMA.orders"); dst=""
for _ in $(seq 1 240); do
  dst=$(checksum "${SCHEMA}_dst.orders" 2>/dev/null || true)
  [ "$src" = "$dst" ] && break
  sleep 0.5
done
check "destination equals source: count, distinct keys and checksum ($dst, $(wc -l < "$WORK/ledger") writer transactions)" test "$src" = "$dst"
run=$(latest_run)
api POST "/api/runs/$run/cancel" >/dev/null
for _ in $(seq 1 300); do
  case $(api GET "/api/runs/$run" | json 'd["status"]') in cancelled|failed|interrupted|succeeded) break ;; esac
  sleep 0.1
done
code=$(curl -s -o /dev/null -w '%{http_code}' -X DELETE -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/pipelines/$pipeline")
check "deleting the pipeline ($code) dropped its slot $SLOT" test -n "$SLOT" -a "$code" = 204 -a \
  "$("${PSQL[@]}" -c "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '$SLOT'")" = 0

finish 60
