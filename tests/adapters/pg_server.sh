#!/bin/sh
# Starts or stops a throwaway PostgreSQL server for the tests: a fresh cluster in a temporary
# directory, listening on 127.0.0.1:PORT only, with trust authentication for the user
# "smstrack". As root, the server runs as the unprivileged user "postgres" (initdb refuses root).
#   pg_server.sh start PORT    prints nothing on success; fails with the server log otherwise
#   pg_server.sh stop PORT
#   pg_server.sh crash PORT    stops the server at once, as a crash would (pg_ctl -m immediate)
#   pg_server.sh restart PORT  starts the crashed server again on its data (recovery)
# SMSTRACK_PG_OPTIONS adds server options, e.g. "-c shared_buffers=1GB" for benchmarks.
set -eu
action=$1
port=$2
dir="${TMPDIR:-/tmp}/smstrack-pg-$port"
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ]; then
  echo "pg_server: no PostgreSQL server under /usr/lib/postgresql (install the postgresql package)" >&2
  exit 1
fi

as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

run_server() {
  as_server_user "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c max_connections=200 ${SMSTRACK_PG_OPTIONS:-}" \
    start >/dev/null
}

case "$action" in
  start)
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_server_user "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
    as_server_user "$bindir/initdb" -D "$dir/data" -U smstrack --auth=trust --encoding=UTF8 --no-locale \
      >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    if ! run_server; then
      cat "$dir/server.log" >&2
      exit 1
    fi
    ;;
  crash)
    as_server_user "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null
    ;;
  restart)
    if ! run_server; then
      cat "$dir/server.log" >&2
      exit 1
    fi
    ;;
  stop)
    if [ -d "$dir/data" ]; then
      as_server_user "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: pg_server.sh start|stop|crash|restart PORT" >&2
    exit 2
    ;;
esac
