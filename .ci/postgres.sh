#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: the stores' PostgreSQL runs (the registry, the status lists, the copy
# command) need a real server, and skip without one except under CI=true.
#
#   eval "$(.ci/postgres.sh start)"   installs Debian's postgresql when it is missing, initialises a cluster in a new
#                                     temporary folder, starts it on a free loopback port, creates a role and a
#                                     database, and prints the shell lines that export
#                                     CREDENTIALS_TEST_POSTGRES (the connection string the tests read) and
#                                     CREDENTIALS_TEST_POSTGRES_DIR (the folder, for stop).
#   .ci/postgres.sh stop [DIR]        stops that server and deletes its folder (DIR defaults to
#                                     $CREDENTIALS_TEST_POSTGRES_DIR).
#
# Works as root (the server then runs as the unprivileged user 'postgres', or 'nobody': initdb refuses root) and as
# a normal user. Everything but the exported lines goes to standard error.
set -euo pipefail

log() { echo "postgres.sh: $*" >&2; }

bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

install_server() {
  if [ -n "$(bin_dir)" ]; then
    return
  fi

  log "installing Debian's postgresql"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
  if [ -z "$(bin_dir)" ]; then
    log "postgresql was installed, but no initdb was found under /usr/lib/postgresql"
    exit 1
  fi
}

# Runs a command as the cluster's owner: as is for a normal user, as an unprivileged user for root.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "$owner" -- "$@"
  else
    "$@"
  fi
}

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done

  log "no free loopback port was found"
  exit 1
}

start() {
  install_server
  local bin dir port password
  bin=$(bin_dir)
  owner=$(id -un)
  if [ "$(id -u)" -eq 0 ]; then
    owner=postgres
    getent passwd postgres >/dev/null || owner=nobody
  fi

  local parent=${TMPDIR:-/tmp}
  [ "$(id -u)" -eq 0 ] && parent=/tmp # the unprivileged owner must reach the folder
  dir=$(mktemp -d "$parent/credentials-postgres.XXXXXX")
  chmod 700 "$dir"
  [ "$(id -u)" -eq 0 ] && chown "$owner" "$dir"

  # The superuser reaches the server only through the socket in the private folder; the tests' role by password.
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }

  for attempt in 1 2 3; do
    port=$(free_port)
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=200 -c fsync=off" \
        start >/dev/null; then
      break
    fi

    [ "$attempt" -eq 3 ] && { cat "$dir/server.log" >&2; exit 1; }
  done

  password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  "$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q >/dev/null <<SQL
CREATE ROLE credentials LOGIN CREATEDB PASSWORD '$password';
CREATE DATABASE credentials OWNER credentials;
SQL

  log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (folder $dir)"
  echo "export CREDENTIALS_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=credentials;Password=$password;Database=credentials'"
  echo "export CREDENTIALS_TEST_POSTGRES_DIR='$dir'"
}

stop() {
  local dir=${1:-${CREDENTIALS_TEST_POSTGRES_DIR:-}}
  if [ -z "$dir" ] || [ ! -d "$dir/data" ]; then
    return
  fi

  local bin
  bin=$(bin_dir)
  owner=$(stat -c %U "$dir/data")
  as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start | stop [DIR]" >&2; exit 2 ;;
esac
