#!/usr/bin/env bash
# A throwaway PostgreSQL server for the core tests; sourced by test.sh.
#
# start_test_postgres exports KARABAKH_TEST_POSTGRES_URL for a server that
# lives in a temp folder (unix socket only, trust authentication, no fsync)
# and arranges for stop_test_postgres to run at exit. It installs Debian's
# postgresql packages when they are missing and it runs as root. When it
# cannot start a server it says why and returns 1 (the tests then run on
# SQLite only). A URL already in KARABAKH_TEST_POSTGRES_URL is used as is;
# KARABAKH_TEST_POSTGRES=0 skips PostgreSQL altogether.

PG_TEST_DIR=""
PG_TEST_BIN=""
PG_TEST_RUN_AS=()
PG_TEST_WHY=""

_pg_bindir() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
    echo "$dir"; return 0
  fi
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"; return 0
  fi
  return 1
}

_pg_install_debian() {
  command -v apt-get >/dev/null 2>&1 || { PG_TEST_WHY="PostgreSQL is not installed and this is not a Debian-like system"; return 1; }
  if [ "$(id -u)" -ne 0 ]; then
    PG_TEST_WHY="PostgreSQL is not installed (run as root to install Debian's postgresql, or set KARABAKH_TEST_POSTGRES_URL)"
    return 1
  fi
  echo "installing Debian packages: postgresql postgresql-contrib" >&2
  local log
  log="$(mktemp /tmp/karabakh-pg-apt.XXXXXX)"
  if ! { apt-get update -qq &&
         DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
           postgresql postgresql-contrib; } >"$log" 2>&1; then
    PG_TEST_WHY="apt-get could not install postgresql: $(grep -m 1 '^E:' "$log" || tail -n 1 "$log")"
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
  # The package creates the system's default cluster and, where services
  # may start, starts it; the tests make their own, so leave that one stopped.
  if command -v pg_lsclusters >/dev/null 2>&1; then
    pg_lsclusters --no-header 2>/dev/null | awk '$4 == "online" {print $1, $2}' |
      while read -r version cluster; do pg_ctlcluster "$version" "$cluster" stop >/dev/null 2>&1 || true; done
  fi
}

# Run a server program as the account that owns the cluster (never root:
# PostgreSQL refuses to run as root), from a folder that account can read.
_pg_run() {
  (cd / && "${PG_TEST_RUN_AS[@]}" "$@")
}

stop_test_postgres() {
  if [ -n "$PG_TEST_DIR" ] && [ -d "$PG_TEST_DIR" ]; then
    _pg_run "$PG_TEST_BIN/pg_ctl" -D "$PG_TEST_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_TEST_DIR"
  fi
  PG_TEST_DIR=""
}

start_test_postgres() {
  if [ "${KARABAKH_TEST_POSTGRES:-1}" = "0" ]; then
    PG_TEST_WHY="KARABAKH_TEST_POSTGRES=0"; return 1
  fi
  if [ -n "${KARABAKH_TEST_POSTGRES_URL:-}" ]; then
    PG_TEST_WHY="the server in KARABAKH_TEST_POSTGRES_URL"; return 0
  fi
  if ! PG_TEST_BIN="$(_pg_bindir)"; then
    _pg_install_debian || return 1
    PG_TEST_BIN="$(_pg_bindir)" || { PG_TEST_WHY="postgresql installed but initdb not found"; return 1; }
  fi
  PG_TEST_RUN_AS=()
  if [ "$(id -u)" -eq 0 ]; then
    if ! id postgres >/dev/null 2>&1 || ! command -v runuser >/dev/null 2>&1; then
      PG_TEST_WHY="running as root without a postgres account to run the server as"; return 1
    fi
    PG_TEST_RUN_AS=(runuser -u postgres --)
  fi
  # A short path: a unix socket path must stay under 108 bytes.
  PG_TEST_DIR="$(mktemp -d /tmp/karabakh-pg.XXXXXX)"
  trap stop_test_postgres EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  [ "$(id -u)" -eq 0 ] && chown postgres "$PG_TEST_DIR"
  local locale
  for locale in C.UTF-8 C.utf8 en_US.UTF-8; do
    if _pg_run "$PG_TEST_BIN/initdb" -D "$PG_TEST_DIR/data" -U postgres --auth=trust --encoding=UTF8 \
         --locale="$locale" --no-sync >"$PG_TEST_DIR/initdb.log" 2>&1; then
      break
    fi
    _pg_run rm -rf "$PG_TEST_DIR/data"
  done
  if [ ! -f "$PG_TEST_DIR/data/PG_VERSION" ]; then
    PG_TEST_WHY="initdb failed: $(tail -n 1 "$PG_TEST_DIR/initdb.log")"; stop_test_postgres; return 1
  fi
  # Durability is not under test here: no fsync makes CREATE DATABASE and
  # commits cheap. The time zone is deliberately not UTC: the application
  # must not depend on the server's.
  if ! _pg_run "$PG_TEST_BIN/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/server.log" -w -t 60 \
       -o "-k $PG_TEST_DIR -p 5432 -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c TimeZone=Asia/Baku" \
       start >/dev/null 2>&1; then
    PG_TEST_WHY="the server did not start: $(tail -n 1 "$PG_TEST_DIR/server.log" 2>/dev/null)"; stop_test_postgres; return 1
  fi
  export KARABAKH_TEST_POSTGRES_URL="postgresql+psycopg://postgres@/postgres?host=$PG_TEST_DIR"
  PG_TEST_WHY="PostgreSQL $("$PG_TEST_BIN/postgres" --version | awk '{print $3}'), a throwaway server in $PG_TEST_DIR"
}
