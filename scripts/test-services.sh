#!/usr/bin/env bash
# Brings up the local database servers the Arus test suite needs and creates
# the fixed test accounts and databases. Idempotent; a fast no-op when
# everything is already in place.
#
# Contract (fixed credentials, TCP on 127.0.0.1):
#   PostgreSQL  127.0.0.1:5432  user arus / password arus (SUPERUSER)
#               databases arus_test, arus_meta_test (owner arus)
#               wal_level=logical (change capture); replication role arus_cdc / arus
#   MariaDB     127.0.0.1:3306  user arus / password arus
#               ('arus'@'%', '@localhost', '@127.0.0.1': ALL ON *.* WITH GRANT OPTION)
#               database arus_test (utf8mb4), global local_infile=1
#               binlog ROW with binlog_row_metadata=FULL, server_id 1 (change capture);
#               replication user arus_cdc / arus
#   ClickHouse  127.0.0.1:8123 (HTTP interface) user default, no password; user arus, password arus-ch-Pw-7q4Zr2
#               (a password user, for the tests that check a password never reaches a log)
#               database arus_test
#   Chromium    /usr/bin/chromium and /usr/bin/chromedriver (Debian packages),
#               for the console's browser tests (e2e/)
#   Python      /usr/bin/python3 (Debian's python3), which the python transform's
#               runner processes and their tests use
#   promtool    Prometheus's metrics linter (Debian's prometheus package), for the /metrics test
#   S3          http://127.0.0.1:9444 (s3proxy 4.1.0, filesystem backend, path-style)
#               access key arus-s3 / secret key arus-s3-secret-9vQ2, region us-east-1,
#               bucket arus-test; data in ${ARUS_S3_DIR:-/tmp/arus-s3proxy}; the jar is
#               fetched from Maven Central into ~/.cache/arus (needs java 17+ and curl)
#
# Missing servers are installed with apt-get and stopped servers are started
# (both need root). Exits non-zero if a service cannot be brought up: tests
# must fail, not skip, when a server is missing.
set -euo pipefail

readonly HOST=127.0.0.1
readonly PG_PORT=5432
readonly MARIADB_PORT=3306
readonly CLICKHOUSE_HTTP_PORT=8123
readonly TEST_USER=arus
readonly TEST_PASSWORD=arus
readonly WAIT_SECONDS=${TEST_SERVICES_TIMEOUT:-60}

APT_UPDATED=0

log() { echo "test-services: $*" >&2; }
die() { echo "test-services: ERROR: $*" >&2; exit 1; }
is_root() { [ "$(id -u)" -eq 0 ]; }
has_systemd() { [ -d /run/systemd/system ]; }
# Runs a command that may leave daemons behind without the lock fd, so a
# server started here never holds the lock of later runs.
no_lock_fd() { "$@" 9>&-; }

apt_install() {
  is_root || die "$* not installed and not running as root; install it manually: apt-get install $*"
  command -v apt-get >/dev/null || die "$* not installed and apt-get is unavailable"
  export DEBIAN_FRONTEND=noninteractive
  if [ "$APT_UPDATED" -eq 0 ]; then
    log "apt-get update"
    apt-get update -q >/dev/null || die "apt-get update failed"
    APT_UPDATED=1
  fi
  log "apt-get install -y $*"
  # LANG=C.UTF-8 so that a cluster created by the postgresql package is UTF8.
  LANG=C.UTF-8 LC_ALL=C.UTF-8 no_lock_fd apt-get install -y -q "$@" >/dev/null || die "apt-get install $* failed"
}

# wait_until DESCRIPTION COMMAND...: polls COMMAND for up to WAIT_SECONDS.
wait_until() {
  local what=$1; shift
  local deadline=$((SECONDS + WAIT_SECONDS))
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || die "$what did not come up within ${WAIT_SECONDS}s"
    sleep 0.25
  done
}

# ---------------------------------------------------------------- PostgreSQL

pg_ready() { pg_isready -q -h "$HOST" -p "$PG_PORT" -t 2 >/dev/null 2>&1; }

pg_as_arus() {
  PGPASSWORD=$TEST_PASSWORD PGCONNECT_TIMEOUT=5 \
    psql -X -w -q -At -v ON_ERROR_STOP=1 -h "$HOST" -p "$PG_PORT" -U "$TEST_USER" -d arus_test "$@"
}

# Superuser connection: the postgres OS user over the local socket (peer/trust
# on every Debian install); TCP as postgres only as a last resort.
pg_admin() {
  if is_root; then
    (cd / && runuser -u postgres -- psql -X -w -q -At -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres "$@")
  elif [ "$(id -un)" = postgres ]; then
    psql -X -w -q -At -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres "$@"
  else
    psql -X -w -q -At -v ON_ERROR_STOP=1 -h "$HOST" -p "$PG_PORT" -U postgres -d postgres "$@"
  fi
}

# True when arus can log in over TCP with its password and everything exists.
pg_provisioned() {
  [ "$(pg_as_arus -c "
    SELECT (SELECT rolsuper AND rolcanlogin AND rolcreatedb FROM pg_roles WHERE rolname = current_user)
       AND (SELECT count(*) = 2 FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba
            WHERE r.rolname = current_user AND d.datname IN ('arus_test', 'arus_meta_test'))" 2>/dev/null)" = t ]
}

pg_installed() {
  command -v psql >/dev/null && command -v pg_ctlcluster >/dev/null &&
    compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null
}

pg_latest_version() {
  # Newest configured cluster version, else newest installed server.
  { ls /etc/postgresql 2>/dev/null || true; } | sort -V | tail -n 1 | grep . ||
    { ls /usr/lib/postgresql 2>/dev/null || true; } | sort -V | tail -n 1
}

pg_start() {
  is_root || die "postgresql: not answering on $HOST:$PG_PORT and not running as root; start it manually"
  local version cluster status
  # Prefer the cluster configured on our port; otherwise the newest "main".
  read -r version cluster status < <(pg_lsclusters -h 2>/dev/null | awk -v p="$PG_PORT" '$3 == p {print $1, $2, $4; exit}') || true
  if [ -z "${version:-}" ]; then
    version=$(pg_latest_version)
    [ -n "$version" ] || die "postgresql: no server version found under /usr/lib/postgresql"
    cluster=main
    if [ ! -f "/etc/postgresql/$version/main/postgresql.conf" ]; then
      log "postgresql: creating cluster $version/main"
      no_lock_fd pg_createcluster --port "$PG_PORT" --locale C.UTF-8 --encoding UTF8 "$version" main >/dev/null ||
        die "postgresql: pg_createcluster $version main failed"
    fi
    status=$(pg_lsclusters -h "$version" main 2>/dev/null | awk '{print $4}')
  fi
  case "$status" in
    online*) return 0 ;;  # running (maybe still starting up); just wait for it
  esac
  log "postgresql: starting cluster $version/$cluster"
  if has_systemd; then
    no_lock_fd pg_ctlcluster "$version" "$cluster" start
  else
    no_lock_fd pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start
  fi || die "postgresql: pg_ctlcluster $version $cluster start failed (see /var/log/postgresql/postgresql-$version-$cluster.log)"
}

pg_provision() {
  pg_admin <<'SQL' >/dev/null || die "postgresql: could not create role/databases as the postgres superuser"
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'arus') THEN
    CREATE ROLE arus LOGIN SUPERUSER CREATEDB REPLICATION PASSWORD 'arus';
  ELSE
    ALTER ROLE arus LOGIN SUPERUSER CREATEDB REPLICATION PASSWORD 'arus';
  END IF;
END
$$;
SELECT format('CREATE DATABASE %I OWNER arus TEMPLATE template0 ENCODING %L', d, 'UTF8')
  FROM unnest(ARRAY['arus_test', 'arus_meta_test']) AS d
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = d)
\gexec
ALTER DATABASE arus_test OWNER TO arus;
ALTER DATABASE arus_meta_test OWNER TO arus;
SQL
}

# Inserts password (scram) host lines for loopback before the first host rule.
pg_hba_allow_password() {
  local hba=$1 tmp
  tmp=$(mktemp)
  awk '
    !done && /^[[:space:]]*host/ { print_rules(); done = 1 }
    { print }
    END { if (!done) print_rules() }
    function print_rules() {
      print "# added by scripts/test-services.sh (Arus tests: password login over TCP)"
      print "host    all             all             127.0.0.1/32            scram-sha-256"
      print "host    all             all             ::1/128                 scram-sha-256"
    }' "$hba" >"$tmp"
  cat "$tmp" >"$hba"  # keep owner and mode of the original
  rm -f "$tmp"
}

pg_fix_auth() {
  is_root || die "postgresql: password login for $TEST_USER over TCP fails and not running as root to fix pg_hba.conf"
  local hba
  hba=$(pg_admin -c 'SHOW hba_file') || die "postgresql: cannot locate pg_hba.conf"
  if grep -q '^# added by scripts/test-services.sh' "$hba"; then
    log "postgresql: $hba already has the test-services.sh rules"
  else
    log "postgresql: enabling scram-sha-256 login on loopback in $hba"
    pg_hba_allow_password "$hba"
  fi
  pg_admin -c 'SELECT pg_reload_conf()' >/dev/null
  local deadline=$((SECONDS + 10))
  until pg_as_arus -c 'SELECT 1' >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || die "postgresql: password login for $TEST_USER still fails after editing $hba"
    sleep 0.25
  done
}

# Change capture (issue 15): logical decoding needs wal_level=logical, which only a
# restart applies. Retained WAL is capped so a forgotten slot cannot fill the disk.
# arus_cdc is a non-superuser replication role for the tests that check the minimum
# privileges a user's own server needs.
pg_logical() {
  if [ "$(pg_as_arus -c 'SHOW wal_level')" = logical ]; then
    return 0
  fi
  is_root || die "postgresql: wal_level is not logical and not running as root to change it; set wal_level=logical and restart"
  log "postgresql: setting wal_level=logical and restarting"
  pg_admin -c "ALTER SYSTEM SET wal_level = 'logical'" >/dev/null
  pg_admin -c "ALTER SYSTEM SET max_slot_wal_keep_size = '4GB'" >/dev/null
  local version cluster
  read -r version cluster < <(pg_lsclusters -h 2>/dev/null | awk -v p="$PG_PORT" '$3 == p {print $1, $2; exit}') ||
    die "postgresql: no cluster on port $PG_PORT to restart"
  if has_systemd; then
    no_lock_fd pg_ctlcluster "$version" "$cluster" restart
  else
    no_lock_fd pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" restart
  fi || die "postgresql: restart of $version/$cluster failed"
  wait_until "postgresql on $HOST:$PG_PORT after restart" pg_ready
  [ "$(pg_as_arus -c 'SHOW wal_level')" = logical ] || die "postgresql: wal_level is still not logical after restart"
}

pg_replication_user() {
  pg_admin <<'SQL' >/dev/null || die "postgresql: could not create the replication role arus_cdc"
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'arus_cdc') THEN
    CREATE ROLE arus_cdc LOGIN REPLICATION PASSWORD 'arus';
  END IF;
END $$;
GRANT CREATE ON DATABASE arus_test TO arus_cdc;
SQL
}

pg_up() {
  local note=""
  if ! pg_installed; then
    apt_install postgresql
    note=", installed"
  fi
  if ! pg_ready; then
    pg_start
    wait_until "postgresql on $HOST:$PG_PORT" pg_ready
    note="$note, started"
  fi
  if ! pg_provisioned; then
    pg_provision
    pg_as_arus -c 'SELECT 1' >/dev/null 2>&1 || pg_fix_auth
    pg_provisioned || die "postgresql: $TEST_USER cannot log in to arus_test/arus_meta_test over TCP after provisioning"
    note="$note, provisioned"
  fi
  pg_logical
  pg_replication_user
  echo "postgresql: up ($HOST:$PG_PORT user $TEST_USER/$TEST_PASSWORD db arus_test,arus_meta_test$note)"
}

# ------------------------------------------------------------------- MariaDB

readonly MARIADB_PID_FILE=/run/mysqld/mysqld.pid

# mariadb-admin ping succeeds as soon as the server answers, even when access is denied.
mariadb_ready() {
  mariadb-admin --connect-timeout=2 --protocol=tcp -h "$HOST" -P "$MARIADB_PORT" ping >/dev/null 2>&1
}

mariadb_as_arus() {
  mariadb --connect-timeout=5 --protocol=tcp -h "$HOST" -P "$MARIADB_PORT" \
    -u"$TEST_USER" -p"$TEST_PASSWORD" -N -B "$@" arus_test
}

mariadb_admin_sql() {
  # root over the local socket: unix_socket auth on a stock Debian install.
  mariadb --connect-timeout=5 --protocol=socket -uroot -N -B "$@"
}

mariadb_provisioned() {
  [ "$(mariadb_as_arus -e "
    SELECT @@global.local_infile = 1
       AND (SELECT COUNT(*) FROM mysql.user
            WHERE User = 'arus' AND Host IN ('%', 'localhost', '127.0.0.1')
              AND Grant_priv = 'Y' AND Create_priv = 'Y' AND Drop_priv = 'Y'
              AND File_priv = 'Y' AND Super_priv = 'Y') = 3
       AND (SELECT default_character_set_name FROM information_schema.schemata
            WHERE schema_name = 'arus_test') = 'utf8mb4'" 2>/dev/null)" = 1 ]
}

mariadb_installed() {
  command -v mariadb >/dev/null && command -v mariadb-admin >/dev/null &&
    { command -v mariadbd >/dev/null || [ -x /usr/sbin/mariadbd ]; }
}

mariadb_running() {
  [ -s "$MARIADB_PID_FILE" ] && kill -0 "$(cat "$MARIADB_PID_FILE")" 2>/dev/null
}

mariadb_start() {
  is_root || die "mariadb: not answering on $HOST:$MARIADB_PORT and not running as root; start it manually"
  mariadb_running && return 0  # still starting up; just wait for it
  log "mariadb: starting server"
  if has_systemd; then
    no_lock_fd systemctl start mariadb || die "mariadb: systemctl start mariadb failed"
    return 0
  fi
  install -d -o mysql -g mysql -m 0755 /run/mysqld
  local datadir
  datadir=$(/usr/sbin/mariadbd --print-defaults 2>/dev/null | tr ' ' '\n' | sed -n 's/^--datadir=//p' | tail -n 1)
  datadir=${datadir:-/var/lib/mysql}
  if [ ! -d "$datadir/mysql" ]; then
    log "mariadb: initialising data directory $datadir"
    no_lock_fd mariadb-install-db --user=mysql --datadir="$datadir" >/dev/null || die "mariadb: mariadb-install-db failed"
  fi
  local out=/var/log/mysql/mariadbd.out
  [ -d /var/log/mysql ] || out=/tmp/arus-mariadbd.out
  no_lock_fd start-stop-daemon --start --quiet --oknodo --background --output "$out" \
    --exec /usr/sbin/mariadbd -- --user=mysql ||
    die "mariadb: start-stop-daemon failed to launch /usr/sbin/mariadbd (see $out)"
}

mariadb_provision() {
  is_root || die "mariadb: $TEST_USER account/database missing and not running as root to create them"
  local sql="" h
  for h in '%' localhost 127.0.0.1; do
    sql+="CREATE USER IF NOT EXISTS 'arus'@'$h' IDENTIFIED BY 'arus';
          ALTER USER 'arus'@'$h' IDENTIFIED BY 'arus';
          GRANT ALL PRIVILEGES ON *.* TO 'arus'@'$h' WITH GRANT OPTION;"
  done
  sql+="CREATE DATABASE IF NOT EXISTS arus_test CHARACTER SET utf8mb4;
        ALTER DATABASE arus_test CHARACTER SET utf8mb4;
        SET GLOBAL local_infile = 1;"
  mariadb_admin_sql -e "$sql" || die "mariadb: could not create user/database as root"
}

# Change capture (issue 15): the binlog in ROW format with full row metadata (column
# names and keys in the table-map events) and a server id. log_bin needs a restart.
# arus_cdc holds only the replication privileges a user's own server needs.
readonly MARIADB_CDC_CNF=/etc/mysql/mariadb.conf.d/60-arus-cdc.cnf

mariadb_binlog() {
  if [ "$(mariadb_as_arus -e "SELECT @@log_bin = 1 AND @@binlog_format = 'ROW' AND @@binlog_row_metadata = 'FULL'" 2>/dev/null)" = 1 ]; then
    return 0
  fi
  is_root || die "mariadb: the binlog is off or not ROW/FULL and not running as root to change it; set log_bin, binlog_format=ROW, binlog_row_metadata=FULL, server_id and restart"
  log "mariadb: enabling the ROW binlog with full metadata in $MARIADB_CDC_CNF and restarting"
  install -d "$(dirname "$MARIADB_CDC_CNF")"
  cat > "$MARIADB_CDC_CNF" <<'CNF'
# written by scripts/test-services.sh for Arus change capture
[mariadbd]
log_bin = arus-bin
binlog_format = ROW
binlog_row_metadata = FULL
server_id = 1
expire_logs_days = 2
CNF
  # Some installs carry a my.cnf without the !includedir of the Debian layout.
  if ! /usr/sbin/mariadbd --print-defaults 2>/dev/null | grep -q -- '--binlog-format=ROW'; then
    printf '\n!include %s\n' "$MARIADB_CDC_CNF" >> /etc/mysql/my.cnf
  fi
  if has_systemd; then
    no_lock_fd systemctl restart mariadb || die "mariadb: systemctl restart mariadb failed"
  else
    if mariadb_running; then
      mariadb-admin --protocol=socket -uroot shutdown 2>/dev/null || kill "$(cat "$MARIADB_PID_FILE")"
      local deadline=$((SECONDS + WAIT_SECONDS))
      while mariadb_running || mariadb_ready; do
        [ "$SECONDS" -lt "$deadline" ] || die "mariadb: did not stop for the restart"
        sleep 0.25
      done
    fi
    mariadb_start
  fi
  wait_until "mariadb on $HOST:$MARIADB_PORT after restart" mariadb_ready
  [ "$(mariadb_as_arus -e "SELECT @@log_bin = 1 AND @@binlog_format = 'ROW' AND @@binlog_row_metadata = 'FULL'")" = 1 ] ||
    die "mariadb: the binlog is still not ROW with full metadata after restart"
}

mariadb_replication_user() {
  mariadb_admin_sql -e "
    CREATE USER IF NOT EXISTS 'arus_cdc'@'%' IDENTIFIED BY 'arus';
    CREATE USER IF NOT EXISTS 'arus_cdc'@'localhost' IDENTIFIED BY 'arus';
    CREATE USER IF NOT EXISTS 'arus_cdc'@'127.0.0.1' IDENTIFIED BY 'arus';
    GRANT SELECT, RELOAD, REPLICATION SLAVE, REPLICATION CLIENT, BINLOG MONITOR ON *.* TO 'arus_cdc'@'%', 'arus_cdc'@'localhost', 'arus_cdc'@'127.0.0.1';" ||
    die "mariadb: could not create the replication user arus_cdc"
}

mariadb_up() {
  local note=""
  if ! mariadb_installed; then
    apt_install mariadb-server mariadb-client
    note=", installed"
  fi
  if ! mariadb_ready; then
    mariadb_start
    wait_until "mariadb on $HOST:$MARIADB_PORT" mariadb_ready
    note="$note, started"
  fi
  if ! mariadb_provisioned; then
    mariadb_provision
    mariadb_provisioned || die "mariadb: $TEST_USER cannot log in to arus_test over TCP after provisioning"
    note="$note, provisioned"
  fi
  mariadb_binlog
  mariadb_replication_user
  echo "mariadb: up ($HOST:$MARIADB_PORT user $TEST_USER/$TEST_PASSWORD db arus_test$note)"
}

# ---------------------------------------------------------------- ClickHouse

# Debian ships only clickhouse-server 18.16 (STACK.md); connectors talk to its HTTP interface.
ch_url() { echo "http://$HOST:$CLICKHOUSE_HTTP_PORT/"; }

ch_ready() { [ "$(curl -fsS --max-time 2 "$(ch_url)ping" 2>/dev/null)" = "Ok." ]; }

# ch_sql SQL: runs one statement as the default user over HTTP and prints the answer.
ch_sql() { curl -fsS --max-time 10 --data-binary "$1" "$(ch_url)"; }

ch_provisioned() {
  [ "$(ch_sql "SELECT count() FROM system.databases WHERE name = 'arus_test'" 2>/dev/null)" = 1 ]
}

ch_installed() { [ -x /usr/sbin/clickhouse-server ]; }

# The server reads users.d/*.xml next to users.xml and reloads them within seconds, without a restart.
readonly CH_USER_FILE=/etc/clickhouse-server/users.d/arus.xml
ch_password_user() {
  curl -fsS --max-time 2 -u arus:arus-ch-Pw-7q4Zr2 --data-binary 'SELECT 1' "$(ch_url)" >/dev/null 2>&1
}
ch_add_password_user() {
  is_root || die "clickhouse: user arus missing and not running as root to add $CH_USER_FILE"
  mkdir -p "$(dirname "$CH_USER_FILE")"
  cat >"$CH_USER_FILE" <<'XML'
<yandex>
  <users>
    <arus>
      <password>arus-ch-Pw-7q4Zr2</password>
      <networks><ip>::1</ip><ip>127.0.0.1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </arus>
  </users>
</yandex>
XML
  chmod 644 "$CH_USER_FILE"
}

ch_running() { start-stop-daemon --status --exec /usr/sbin/clickhouse-server 2>/dev/null; }

ch_start() {
  is_root || die "clickhouse: not answering on $HOST:$CLICKHOUSE_HTTP_PORT and not running as root; start it manually"
  ch_running && return 0  # still starting up; just wait for it
  log "clickhouse: starting server"
  if has_systemd; then
    no_lock_fd systemctl start clickhouse-server || die "clickhouse: systemctl start clickhouse-server failed"
  else
    no_lock_fd /etc/init.d/clickhouse-server start >/dev/null ||
      die "clickhouse: /etc/init.d/clickhouse-server start failed (see /var/log/clickhouse-server/)"
  fi
}

clickhouse_up() {
  local note=""
  command -v curl >/dev/null || apt_install curl
  if ! ch_installed; then
    apt_install clickhouse-server clickhouse-client
    note=", installed"
  fi
  if ! ch_ready; then
    ch_start
    wait_until "clickhouse on $HOST:$CLICKHOUSE_HTTP_PORT" ch_ready
    note="$note, started"
  fi
  if ! ch_provisioned; then
    ch_sql "CREATE DATABASE IF NOT EXISTS arus_test" >/dev/null || die "clickhouse: could not create database arus_test"
    ch_provisioned || die "clickhouse: database arus_test missing after CREATE DATABASE"
    note="$note, provisioned"
  fi
  if ! ch_password_user; then
    ch_add_password_user
    wait_until "clickhouse user arus" ch_password_user
    note="$note, user arus added"
  fi
  echo "clickhouse: up ($HOST:$CLICKHOUSE_HTTP_PORT http, users default and arus, db arus_test$note)"
}

# ------------------------------------------------------------------ Chromium

readonly CHROMIUM=/usr/bin/chromium
readonly CHROMEDRIVER=/usr/bin/chromedriver

# The browser tests (e2e/) drive Debian's headless Chromium through its chromedriver; nothing to start.
chromium_up() {
  local note=""
  if [ ! -x "$CHROMIUM" ] || [ ! -x "$CHROMEDRIVER" ]; then
    apt_install chromium chromium-driver
    [ -x "$CHROMIUM" ] && [ -x "$CHROMEDRIVER" ] || die "chromium: $CHROMIUM or $CHROMEDRIVER missing after apt-get install"
    note=", installed"
  fi
  echo "chromium: ready ($("$CHROMIUM" --version 2>/dev/null | head -n 1 || echo "$CHROMIUM")$note)"
}

# ------------------------------------------------------------------- Python

readonly PYTHON3=/usr/bin/python3

# The python transform starts Debian's python3 (the standard library only) per step; nothing to start.
python_up() {
  local note=""
  if [ ! -x "$PYTHON3" ]; then
    apt_install python3
    [ -x "$PYTHON3" ] || die "python3: $PYTHON3 missing after apt-get install"
    note=", installed"
  fi
  echo "python3: ready ($("$PYTHON3" --version 2>&1)$note)"
}

# ----------------------------------------------------------------- promtool

# The /metrics test checks the exposition with Prometheus's own linter (Debian's prometheus package); the
# Prometheus server the package brings is not started here.
promtool_up() {
  local note=""
  if ! command -v promtool >/dev/null; then
    apt_install prometheus
    command -v promtool >/dev/null || die "promtool missing after apt-get install prometheus"
    note=", installed"
  fi
  echo "promtool: ready ($(promtool --version 2>&1 | head -1)$note)"
}

# ---------------------------------------------------------------------- S3

# S3-compatible object storage for connectors/files: s3proxy's jar-with-dependencies
# from Maven Central, run with the filesystem backend. Not on 9000 (ClickHouse native).
readonly S3_PORT=9444
readonly S3_ACCESS_KEY=arus-s3
readonly S3_SECRET_KEY=arus-s3-secret-9vQ2
readonly S3_BUCKET=arus-test
readonly S3PROXY_VERSION=4.1.0
readonly S3PROXY_DIR=${ARUS_S3_DIR:-/tmp/arus-s3proxy}
readonly S3PROXY_JAR=${XDG_CACHE_HOME:-$HOME/.cache}/arus/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar
readonly S3PROXY_URL=https://repo1.maven.org/maven2/org/gaul/s3proxy/$S3PROXY_VERSION/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar

# Any S3 answer counts (an anonymous request gets an S3 403 with an x-amz-request-id).
s3_ready() {
  curl -sS --max-time 2 -o /dev/null -D - "http://$HOST:$S3_PORT/" 2>/dev/null | grep -qi '^x-amz-request-id:'
}

s3proxy_fetch() {
  [ -s "$S3PROXY_JAR" ] && return 0
  command -v curl >/dev/null || apt_install curl
  mkdir -p "$(dirname "$S3PROXY_JAR")"
  log "s3: downloading $S3PROXY_URL"
  local tmp="$S3PROXY_JAR.part" sha
  curl -fsSL --retry 3 -o "$tmp" "$S3PROXY_URL" || die "s3: download of $S3PROXY_URL failed"
  sha=$(curl -fsSL --retry 3 "$S3PROXY_URL.sha1") || die "s3: download of $S3PROXY_URL.sha1 failed"
  [ "$(sha1sum "$tmp" | cut -d' ' -f1)" = "${sha%% *}" ] || { rm -f "$tmp"; die "s3: sha1 of $S3PROXY_URL does not match Maven Central's"; }
  mv "$tmp" "$S3PROXY_JAR"
}

s3proxy_start() {
  command -v java >/dev/null || apt_install openjdk-17-jre-headless
  mkdir -p "$S3PROXY_DIR/data/$S3_BUCKET"
  cat >"$S3PROXY_DIR/s3proxy.conf" <<CONF
s3proxy.endpoint=http://$HOST:$S3_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$S3_ACCESS_KEY
s3proxy.credential=$S3_SECRET_KEY
jclouds.provider=filesystem
jclouds.filesystem.basedir=$S3PROXY_DIR/data
CONF
  log "s3: starting s3proxy $S3PROXY_VERSION on $HOST:$S3_PORT (log $S3PROXY_DIR/s3proxy.log)"
  # Not through no_lock_fd: its shell would stay behind holding the lock; this forks java directly.
  setsid nohup java -Xmx256m -jar "$S3PROXY_JAR" --properties "$S3PROXY_DIR/s3proxy.conf" \
    >"$S3PROXY_DIR/s3proxy.log" 2>&1 </dev/null 9>&- &
}

s3_up() {
  local note=""
  if ! s3_ready; then
    s3proxy_fetch
    s3proxy_start
    wait_until "s3proxy on $HOST:$S3_PORT" s3_ready
    note=", started"
  fi
  echo "s3: up (http://$HOST:$S3_PORT s3proxy, keys $S3_ACCESS_KEY/$S3_SECRET_KEY, bucket $S3_BUCKET$note)"
}

# ---------------------------------------------------------------------------

main() {
  # Serialise concurrent runs (e.g. parallel test commands) on one machine.
  local lock="${TMPDIR:-/tmp}/arus-test-services.lock"
  if command -v flock >/dev/null && { exec 9>>"$lock"; } 2>/dev/null; then
    chmod a+rw "$lock" 2>/dev/null || true
    flock -w "$((WAIT_SECONDS * 2))" 9 || die "another test-services.sh run holds $lock"
  fi
  pg_up
  mariadb_up
  clickhouse_up
  chromium_up
  python_up
  promtool_up
  s3_up
}

main "$@"
