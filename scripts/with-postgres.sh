#!/usr/bin/env bash
# Runs a command next to a throwaway PostgreSQL server: installs Debian's `postgresql` when
# missing, `initdb`s into a temporary folder as a non-root user, starts it on a free loopback
# port, exports CLIENTELE_TEST_POSTGRES_URL (a superuser URL; tests create a database each),
# runs the command, then stops the server and removes its folder, leaving nothing running.
set -euo pipefail

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
bin=$(find_bin)
if [[ -z "$bin" || ! -x "$bin/initdb" ]]; then
  echo "==> installing PostgreSQL (Debian package postgresql)" >&2
  if [[ $(id -u) == 0 ]]; then apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  else sudo apt-get update -qq; sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; fi
  bin=$(find_bin)
fi

# initdb refuses to run as root: use the `postgres` account the package creates.
if [[ $(id -u) == 0 ]]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

dir=$(mktemp -d /tmp/clientele-pg.XXXXXX)
chmod 755 "$dir"
[[ $(id -u) == 0 ]] && chown postgres "$dir"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

cleanup() {
  as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
# Durability settings are relaxed: this server lives for one test run.
as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null

export CLIENTELE_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres"
echo "==> PostgreSQL ready at $CLIENTELE_TEST_POSTGRES_URL" >&2
"$@"
