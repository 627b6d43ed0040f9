#!/usr/bin/env bash
# Issue 12 item 7, against the exported server jar as a user runs it: at ARUS_LOG_LEVEL=debug, a PostgreSQL ->
# ClickHouse run (both with passwords) that notifies a webhook whose URL carries a token, and a PostgreSQL -> S3
# Parquet run (the files connector: AWS SDK and Parquet, which prints every value at debug), write none of those
# secrets nor any row value, nor the admin password, nor ClickHouse's Basic credentials, to the log; restarted with ARUS_LOG_FORMAT=json
# (issue 17 item 6), a second run's log is one JSON object per line with run_id and pipeline_id, and still holds no
# secret; the data directory is 0700 and its key and H2 files 0600. Needs runtime/target/arus.jar and scripts/test-services.sh (ClickHouse user arus).
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=${ARUS_JAR:-$PWD/runtime/target/arus.jar}
WORK=$(mktemp -d)
ADMIN_PASSWORD=adm-Log-Pw-5Rt8Wq
PG_ROLE=arus_logtest
PG_PASSWORD=pg-Log-Pw-9x2Kd
CH_PASSWORD=arus-ch-Pw-7q4Zr2
HOOK_TOKEN=wh-Tok-4Lq8Zp3
# test-services.sh's s3proxy secret key
S3_SECRET=arus-s3-secret-9vQ2
SCHEMA=arus_logtest_$$
passed=0; failed=0; PID=; HOOK_PID=
check() { # description, command...
  local what=$1; shift
  if "$@"; then passed=$((passed+1)); echo "log-secrets: ok   $what"; else failed=$((failed+1)); echo "log-secrets: FAIL $what"; fi
}
psql_arus() { PGPASSWORD=arus psql -q -h 127.0.0.1 -U arus -d arus_test -v ON_ERROR_STOP=1 -c "$1" >/dev/null; }
cleanup() {
  [ -n "${PID:-}" ] && kill -9 "$PID" 2>/dev/null || true
  [ -n "${HOOK_PID:-}" ] && kill "$HOOK_PID" 2>/dev/null || true
  psql_arus "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" 2>/dev/null || true
  curl -s --data-binary "DROP DATABASE IF EXISTS ${SCHEMA}_ch" http://127.0.0.1:8123/ >/dev/null || true
  [ -n "${KEEP:-}" ] && echo "kept $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

# a PostgreSQL role with a password of its own, so that the grep means something ("arus" is everywhere)
psql_arus "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_ROLE') THEN
  CREATE ROLE $PG_ROLE LOGIN PASSWORD '$PG_PASSWORD'; ELSE ALTER ROLE $PG_ROLE PASSWORD '$PG_PASSWORD'; END IF; END \$\$;
  CREATE SCHEMA $SCHEMA; CREATE TABLE $SCHEMA.items (id bigint PRIMARY KEY, name text NOT NULL);
  INSERT INTO $SCHEMA.items SELECT g, 'item ' || g FROM generate_series(1, 500) g;
  GRANT USAGE ON SCHEMA $SCHEMA TO $PG_ROLE; GRANT SELECT ON ALL TABLES IN SCHEMA $SCHEMA TO $PG_ROLE;"

# the webhook receiver: records each request line (path and query) to a file
HOOK_PORT=$(free_port)
python3 - "$HOOK_PORT" "$WORK/hook.log" <<'PY' &
import sys, http.server
port, out = int(sys.argv[1]), sys.argv[2]
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get('Content-Length') or 0))
        open(out, 'a').write(self.path + '\n')
        self.send_response(200); self.end_headers()
    def log_message(self, *a): pass
http.server.HTTPServer(('127.0.0.1', port), H).serve_forever()
PY
HOOK_PID=$!

PORT=$(free_port)
# ClickHouse's password reaches the server only through its environment: the destination names it as a reference
(cd "$WORK" && exec env CH_SECRET_PASSWORD="$CH_PASSWORD" ARUS_HTTP_PORT="$PORT" ARUS_ADMIN_PASSWORD="$ADMIN_PASSWORD" ARUS_LOG_LEVEL=debug \
  ARUS_LOG_FILE="$WORK/server.log" java -Dlaunch.storage.dir="$WORK/framework" -jar "$JAR" </dev/null >>"$WORK/stdout.log" 2>&1) &
PID=$!
for _ in $(seq 1 300); do curl -sf --max-time 5 "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && break; sleep 0.1; done
api() { # method path [body]
  curl -s --max-time 10 -X "$1" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    ${3:+--data "$3"} "http://127.0.0.1:$PORT$2"
}
TOKEN=$(curl -s --max-time 10 -H 'Content-Type: application/json' \
  --data "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" "http://127.0.0.1:$PORT/api/auth/login" | json 'd["access_token"]')
source_id=$(api POST /api/sources "{\"name\":\"log-pg\",\"type\":\"postgresql\",\"config\":{\"host\":\"127.0.0.1\",
  \"port\":5432,\"database\":\"arus_test\",\"username\":\"$PG_ROLE\",\"password\":\"$PG_PASSWORD\"}}" | json 'd["id"]')
destination_id=$(api POST /api/destinations "{\"name\":\"log-ch\",\"type\":\"clickhouse\",\"config\":{\"host\":\"127.0.0.1\",
  \"port\":8123,\"database\":\"default\",\"username\":\"arus\",\"password\":\"\${env:CH_SECRET_PASSWORD}\"}}" | json 'd["id"]')
target_id=$(api POST /api/notification-targets "{\"name\":\"log-hook\",\"type\":\"webhook\",\"config\":{
  \"url\":\"http://127.0.0.1:$HOOK_PORT/hook?token=$HOOK_TOKEN\"}}" | json 'd["id"]')
pipeline_id=$(api POST /api/pipelines "{\"name\":\"log-secrets\",\"source_id\":\"$source_id\",
  \"destination_id\":\"$destination_id\",\"target_namespace\":\"${SCHEMA}_ch\",
  \"streams\":[{\"name\":\"$SCHEMA.items\",\"sync_mode\":\"full_refresh\"}],
  \"notifications\":[{\"target_id\":\"$target_id\",\"events\":[\"run_succeeded\",\"run_failed\"]}]}" | json 'd["id"]')
# starts a run of the pipeline; sets run_id, and run_status once the run ended (or after 60 s)
run_to_end() {
  run_id=$(api POST "/api/pipelines/$1/runs" | json 'd["run_id"]')
  for _ in $(seq 1 600); do
    run_status=$(api GET "/api/runs/$run_id" | json 'd["status"]')
    case $run_status in succeeded|succeeded_with_warnings|failed|cancelled|interrupted) break;; esac
    sleep 0.1
  done
}
run_to_end "$pipeline_id"
status=$run_status
for _ in $(seq 1 100); do [ -s "$WORK/hook.log" ] && break; sleep 0.1; done
# the same rows as Parquet files in S3 (test-services.sh's s3proxy): the AWS SDK signs with the secret key, and
# Parquet prints every value it writes at debug; neither may reach the log
s3_id=$(api POST /api/destinations "{\"name\":\"log-s3\",\"type\":\"files\",\"config\":{
  \"location\":\"s3://arus-test/logtest-$$\",\"format\":\"parquet\",\"endpoint\":\"http://127.0.0.1:9444\",
  \"path_style\":true,\"access_key\":\"arus-s3\",\"secret_key\":\"$S3_SECRET\"}}" | json 'd["id"]')
s3_pipeline=$(api POST /api/pipelines "{\"name\":\"log-secrets-s3\",\"source_id\":\"$source_id\",
  \"destination_id\":\"$s3_id\",\"target_namespace\":\"lake\",
  \"streams\":[{\"name\":\"$SCHEMA.items\",\"sync_mode\":\"incremental\",\"cursor_field\":\"id\",\"write_mode\":\"append\"}]}" | json 'd["id"]')
main_run=$run_id
run_to_end "$s3_pipeline"
s3_status=$run_status
run_id=$main_run
# a connection test too: the check path opens its own connections
api POST "/api/destinations/$destination_id/test" >/dev/null || true
# what the API answers about the destination and the run (the export as YAML)
{ api GET "/api/destinations/$destination_id"; api GET "/api/runs/$run_id"; api GET "/api/runs/$run_id/log?format=text"
  curl -s --max-time 10 -H "Authorization: Bearer $TOKEN" -H 'Accept: application/yaml' "http://127.0.0.1:$PORT/api/export"
} >"$WORK/answers.txt"
kill -TERM "$PID"; for _ in $(seq 1 300); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done; PID=

check "the PostgreSQL -> ClickHouse run succeeded (status $status)" [ "$status" = succeeded ]
check "ClickHouse holds the 500 rows" [ "$(curl -s -u "arus:$CH_PASSWORD" --data-binary \
  "SELECT count() FROM ${SCHEMA}_ch.items" http://127.0.0.1:8123/)" = 500 ]
check "the webhook received the run's notification at its tokened URL" grep -q "token=$HOOK_TOKEN" "$WORK/hook.log"
check "the destination shows its password as the reference \${env:CH_SECRET_PASSWORD}" \
  grep -qF '"password":"${env:CH_SECRET_PASSWORD}"' "$WORK/answers.txt"
check "no answer (destination, run, run log, export) holds the resolved ClickHouse password" \
  bash -c "! grep -qF -- '$CH_PASSWORD' '$WORK/answers.txt'"
check "the PostgreSQL -> S3 Parquet run succeeded (status $s3_status)" [ "$s3_status" = succeeded ]
check "Parquet printed no row value at debug (no MessageColumnIO or RecordConsumerLoggingWrapper line: addLong(250)...)" \
  bash -c "! grep -qE -- 'MessageColumnIO|RecordConsumerLoggingWrapper|addLong\\(' '$WORK/server.log' '$WORK/stdout.log'"
check "the log is not empty" [ -s "$WORK/server.log" ]
check "the log is at debug level" grep -q ' DEBUG ' "$WORK/server.log"
CH_BASIC=$(printf 'arus:%s' "$CH_PASSWORD" | base64)
PG_MD5=$(printf '%s%s' "$PG_PASSWORD" "$PG_ROLE" | md5sum | cut -c1-32)
for secret in "$PG_PASSWORD" "$PG_MD5" "$CH_PASSWORD" "$CH_BASIC" "$HOOK_TOKEN" "$ADMIN_PASSWORD" "$S3_SECRET"; do
  check "no ${secret:0:6}... in server.log or stdout" bash -c "! grep -rqF -- '$secret' '$WORK/server.log' '$WORK/stdout.log'"
done

# the same server started again with ARUS_LOG_FORMAT=json runs the pipeline a second time: every line it writes (log
# file and standard streams) is one JSON object, the run's lines carry its run_id and pipeline_id, and no secret
# shows up there either
(cd "$WORK" && exec env CH_SECRET_PASSWORD="$CH_PASSWORD" ARUS_HTTP_PORT="$PORT" ARUS_ADMIN_PASSWORD="$ADMIN_PASSWORD" ARUS_LOG_LEVEL=debug \
  ARUS_LOG_FORMAT=json ARUS_LOG_FILE="$WORK/server.json.log" java -Dlaunch.storage.dir="$WORK/framework" -jar "$JAR" </dev/null >>"$WORK/stdout.json.log" 2>&1) &
PID=$!
for _ in $(seq 1 300); do curl -sf --max-time 5 "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && break; sleep 0.1; done
TOKEN=$(curl -s --max-time 10 -H 'Content-Type: application/json' \
  --data "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" "http://127.0.0.1:$PORT/api/auth/login" | json 'd["access_token"]')
second_run=$(api POST "/api/pipelines/$pipeline_id/runs" | json 'd["run_id"]')
second_status=
for _ in $(seq 1 600); do
  second_status=$(api GET "/api/runs/$second_run" | json 'd["status"]')
  case $second_status in succeeded|succeeded_with_warnings|failed|cancelled|interrupted) break;; esac
  sleep 0.1
done
kill -TERM "$PID"; for _ in $(seq 1 300); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done; PID=
check "the second run, logged as JSON, succeeded (status $second_status)" [ "$second_status" = succeeded ]
json_lines() { # file -> "lines bad" : how many lines, how many do not parse as one JSON object
  python3 - "$1" <<'PY'
import json, sys
lines = bad = 0
for line in open(sys.argv[1], encoding='utf-8'):
    lines += 1
    try:
        if not isinstance(json.loads(line), dict): bad += 1
    except ValueError:
        bad += 1; print(line[:200], file=sys.stderr)
print(lines, bad)
PY
}
read -r json_total json_bad < <(json_lines "$WORK/server.json.log")
read -r out_total out_bad < <(json_lines "$WORK/stdout.json.log")
check "every line of the JSON log parses as a JSON object ($json_total lines, $json_bad not)" [ "$json_total" -gt 50 -a "$json_bad" = 0 ]
check "every line on the standard streams parses too ($out_total lines, $out_bad not)" [ "$out_bad" = 0 ]
run_lines=$(python3 -c "import json,sys; print(sum(1 for l in open(sys.argv[1]) if (lambda d: d.get('run_id') == sys.argv[2] and d.get('pipeline_id') == sys.argv[3])(json.loads(l))))" \
  "$WORK/server.json.log" "$second_run" "$pipeline_id")
check "the run's lines carry its run_id and pipeline_id ($run_lines lines)" [ "$run_lines" -ge 3 ]
check "the JSON log is at debug level" grep -q '"level":"DEBUG"' "$WORK/server.json.log"
for secret in "$PG_PASSWORD" "$PG_MD5" "$CH_PASSWORD" "$CH_BASIC" "$HOOK_TOKEN" "$ADMIN_PASSWORD"; do
  check "no ${secret:0:6}... in the JSON log" bash -c "! grep -rqF -- '$secret' '$WORK/server.json.log' '$WORK/stdout.json.log'"
done

mode() { stat -c %a "$1"; }
check "data/ is 0700" [ "$(mode "$WORK/data")" = 700 ]
for file in secret.key jwt.key metadata.mv.db; do
  check "data/$file is 0600" [ "$(mode "$WORK/data/$file")" = 600 ]
done
echo "log-secrets: $passed passed, $failed failed ($(wc -l <"$WORK/server.log") log lines, $(grep -c ' DEBUG ' "$WORK/server.log") at debug)"
[ "$failed" -eq 0 ]
