#!/usr/bin/env bash
# The local PostgreSQL for the demo and for running the service: one cluster in
# artifacts/postgres/data, listening on 127.0.0.1 only, with a `videolang` role that owns a
# `videolang` database. The role's password is generated once and kept in
# artifacts/postgres/password (mode 0600); TCP connections need it (scram-sha-256), and the
# `postgres` superuser connects only through the local socket (peer).
#
#   bash ops/postgres.sh [start]   # initialise if missing, start if stopped; prints the connection string
#   bash ops/postgres.sh stop      # fast shutdown
#   bash ops/postgres.sh status    # exit 0 when running, 3 when not
#   bash ops/postgres.sh url       # the Npgsql connection string, e.g. url=$(bash ops/postgres.sh url)
#
# VIDEOLANG_PG_PORT picks the port (default 55432; a running server keeps its port until restarted).
# VIDEOLANG_PG_BIN picks the server programs (default: the newest /usr/lib/postgresql/*/bin).
# Run as root, the cluster belongs to and runs as `postgres`, since PostgreSQL refuses to run as
# root; run as anyone else, it belongs to that user. Messages go to stderr, the connection string
# to stdout.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/artifacts/postgres"
data="$dir/data"
password_file="$dir/password"
log="$dir/server.log"
port="${VIDEOLANG_PG_PORT:-55432}"
command="${1:-start}"

say() { echo "postgres.sh: $*" >&2; }
die() { say "$*"; exit 1; }

[[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -gt 0 ] && [ "$port" -lt 65536 ] \
  || die "VIDEOLANG_PG_PORT=$port is not a TCP port"

# Every path below is absolute; starting from / keeps the postgres user's programs from
# complaining that they cannot enter the caller's directory (root's home, for one).
cd /

find_bin() {
  if [ -n "${VIDEOLANG_PG_BIN:-}" ]; then
    [ -x "$VIDEOLANG_PG_BIN/pg_ctl" ] && [ -x "$VIDEOLANG_PG_BIN/initdb" ] \
      || die "VIDEOLANG_PG_BIN=$VIDEOLANG_PG_BIN has no initdb and pg_ctl"
    echo "$VIDEOLANG_PG_BIN"
    return
  fi
  # pg_config --bindir names the client wrappers in /usr/bin on Debian, not the server programs.
  local candidate best="" best_version=-1 version
  for candidate in /usr/lib/postgresql/*/bin; do
    version="$(basename "$(dirname "$candidate")")"
    [[ "$version" =~ ^[0-9]+$ ]] && [ -x "$candidate/pg_ctl" ] && [ -x "$candidate/initdb" ] || continue
    if [ "$version" -gt "$best_version" ]; then
      best="$candidate"
      best_version="$version"
    fi
  done
  [ -n "$best" ] || die "no PostgreSQL server programs under /usr/lib/postgresql/*/bin: run ops/setup.sh (package postgresql) or set VIDEOLANG_PG_BIN"
  echo "$best"
}
bin="$(find_bin)"

if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 \
    || die "run as root, PostgreSQL runs as the 'postgres' user, which does not exist (installing the postgresql package creates it)"
  owner=postgres
  as_owner() { runuser -u postgres -- "$@"; }
else
  owner="$(id -un)"
  as_owner() { "$@"; }
fi

is_running() { as_owner "$bin/pg_ctl" status -D "$data" >/dev/null 2>&1; }

# Line 4 of postmaster.pid is the port the running server listens on, line 5 its socket directory.
running_port() { sed -n 4p "$data/postmaster.pid"; }
running_socket_dir() { sed -n 5p "$data/postmaster.pid"; }

# Makes artifacts/postgres the owner's and proves the owner can reach it.
prepare_directory() {
  mkdir -p "$dir"
  if [ "$owner" = postgres ] && [ "$(stat -c %U "$dir")" != postgres ]; then
    chown -R postgres: "$dir"
  fi
  chmod 0700 "$dir"
  if ! as_owner test -w "$dir" -a -x "$dir"; then
    local parent="$dir" blocked="$dir"
    while [ "$parent" != / ]; do
      parent="$(dirname "$parent")"
      as_owner test -x "$parent" || blocked="$parent"
    done
    die "the '$owner' user cannot enter $blocked ($(stat -c '%A %U' "$blocked")), so it cannot run PostgreSQL in $dir;" \
      "let it through with 'chmod o+x $blocked' (only the execute bit: it cannot list the folder), or run this script as a non-root user"
  fi
}

generate_password() {
  [ -s "$password_file" ] && return
  # Hex only: safe inside a connection string and an SQL literal without quoting.
  (umask 077 && head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$password_file")
  [ "$owner" != postgres ] || chown postgres: "$password_file"
  say "generated the videolang password in $password_file"
}

# A Unix socket path may hold at most 107 bytes; a deep checkout falls back to a folder in /tmp.
socket_dir() {
  local candidate="$dir/run"
  if [ $((${#candidate} + ${#port} + 10)) -gt 107 ]; then
    candidate="/tmp/videolang-pg-$owner"
  fi
  echo "$candidate"
}

initialise() {
  say "initialising $data ($bin)"
  local output
  # Host connections are rejected until pg_hba.conf below replaces initdb's; initdb itself
  # would demand a superuser password for scram-sha-256.
  output="$(as_owner "$bin/initdb" -D "$data" --username=postgres --encoding=UTF8 --locale=C.UTF-8 \
    --auth-local=peer --auth-host=reject 2>&1)" || { echo "$output" >&2; die "initdb failed"; }
  echo "include_if_exists = 'videolang.conf'" | as_owner tee -a "$data/postgresql.conf" >/dev/null
}

# Rewritten before every start, so a new VIDEOLANG_PG_PORT or a changed rule takes effect.
write_config() {
  local sockets="$1"
  as_owner tee "$data/videolang.conf" >/dev/null <<EOF
# Written by ops/postgres.sh before every start; change the script, not this file.
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$sockets'
password_encryption = 'scram-sha-256'
EOF
  as_owner tee "$data/pg_hba.conf" >/dev/null <<EOF
# Written by ops/postgres.sh before every start; change the script, not this file.
# TYPE  DATABASE  USER      ADDRESS        METHOD
local   all       postgres                 peer map=owner
host    all       all       127.0.0.1/32   scram-sha-256
EOF
  # The OS user that owns the cluster (and root, who can do anything anyway) may be the superuser.
  as_owner tee "$data/pg_ident.conf" >/dev/null <<EOF
# Written by ops/postgres.sh before every start; change the script, not this file.
# MAP    OS USER   DATABASE USER
owner    $owner    postgres
owner    root      postgres
EOF
}

# Creates the role and the database when missing, and sets the password when it does not log in.
ensure_videolang() {
  local password run_port sockets
  password="$(cat "$password_file")"
  run_port="$(running_port)"
  sockets="$(running_socket_dir)"
  as_owner "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$sockets" -p "$run_port" -U postgres -d postgres >/dev/null <<'SQL'
SELECT 'CREATE ROLE videolang LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'videolang') \gexec
SELECT 'CREATE DATABASE videolang OWNER videolang' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'videolang') \gexec
SQL
  if ! PGPASSWORD="$password" "$bin/psql" -X -w -q -h 127.0.0.1 -p "$run_port" -U videolang -d videolang -c 'SELECT 1' >/dev/null 2>&1; then
    # Sent only when the password in the file does not log in yet (first start, or a new file).
    as_owner "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$sockets" -p "$run_port" -U postgres -d postgres >/dev/null <<SQL
ALTER ROLE videolang WITH LOGIN PASSWORD '$password';
SQL
    PGPASSWORD="$password" "$bin/psql" -X -w -q -h 127.0.0.1 -p "$run_port" -U videolang -d videolang -c 'SELECT 1' >/dev/null \
      || die "the videolang role cannot log in over 127.0.0.1:$run_port with the password in $password_file"
  fi
}

print_url() {
  [ -s "$password_file" ] || die "no password yet: run 'bash ops/postgres.sh start' first"
  local url_port="$port"
  if is_running; then
    url_port="$(running_port)"
  fi
  echo "Host=127.0.0.1;Port=$url_port;Database=videolang;Username=videolang;Password=$(cat "$password_file")"
}

start() {
  prepare_directory
  generate_password
  [ -s "$data/PG_VERSION" ] || initialise
  if is_running; then
    say "already running on 127.0.0.1:$(running_port)"
    [ "$(running_port)" = "$port" ] || say "VIDEOLANG_PG_PORT=$port takes effect after 'stop' and 'start'"
  else
    local sockets
    sockets="$(socket_dir)"
    [ -d "$sockets" ] || as_owner mkdir -m 0700 "$sockets"
    write_config "$sockets"
    say "starting on 127.0.0.1:$port (log: $log)"
    as_owner "$bin/pg_ctl" start -D "$data" -l "$log" -w -t 60 >/dev/null \
      || { tail -n 30 "$log" >&2 || true; die "pg_ctl start failed; the log is $log"; }
  fi
  ensure_videolang
  print_url
}

stop() {
  if ! is_running; then
    say "not running"
    return
  fi
  as_owner "$bin/pg_ctl" stop -D "$data" -m fast -w -t 60 >/dev/null
  say "stopped"
}

status() {
  if is_running; then
    say "running on 127.0.0.1:$(running_port) (data: $data)"
    return 0
  fi
  say "not running (data: $data)"
  return 3
}

case "$command" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  url) print_url ;;
  *) die "unknown command '$command'; use start, stop, status or url" ;;
esac
