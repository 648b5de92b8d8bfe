#!/usr/bin/env bash
# Starts a local PostgreSQL for the loyalty-jdbc tests and prints the line that points them at it:
#   eval "$(.ci/postgres.sh)"     # sets LOYALTY_PG_URL; without it the PostgreSQL tests skip
# Idempotent: installs Debian's postgresql only when missing, reuses a running cluster, creates role and database
# "loyalty" (password "loyalty") only when missing. Needs root (apt-get, su postgres). Diagnostics go to stderr, so
# stdout is exactly the export line. Env: PG_PORT (default 5432).
set -euo pipefail
PORT="${PG_PORT:-5432}"
log() { echo "postgres.sh: $*" >&2; }

if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    log "installing postgresql"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
fi

VERSION="$(ls /usr/lib/postgresql | sort -V | tail -1)"
CLUSTER=main
if ! pg_lsclusters -h 2>/dev/null | awk -v v="$VERSION" -v c="$CLUSTER" '$1==v && $2==c {f=1} END {exit !f}'; then
    log "creating cluster $VERSION/$CLUSTER on port $PORT"
    pg_createcluster -p "$PORT" "$VERSION" "$CLUSTER" >&2
fi
CLUSTER_PORT="$(pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1==v && $2==c {print $3}')"
if ! pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1==v && $2==c && $4 ~ /online/ {f=1} END {exit !f}'; then
    log "starting cluster $VERSION/$CLUSTER on 127.0.0.1:$CLUSTER_PORT"
    pg_ctlcluster "$VERSION" "$CLUSTER" start -- -o "-c listen_addresses=127.0.0.1" >&2 \
        || pg_ctlcluster "$VERSION" "$CLUSTER" start >&2
fi

for _ in $(seq 1 30); do
    if su postgres -c "psql -p $CLUSTER_PORT -tAc 'select 1'" >/dev/null 2>&1; then break; fi
    sleep 1
done

psql_admin() { su postgres -c "psql -v ON_ERROR_STOP=1 -p $CLUSTER_PORT -tAc \"$1\""; }
if [ "$(psql_admin "select 1 from pg_roles where rolname='loyalty'")" != "1" ]; then
    log "creating role loyalty"
    psql_admin "create role loyalty login password 'loyalty'" >&2
fi
if [ "$(psql_admin "select 1 from pg_database where datname='loyalty'")" != "1" ]; then
    log "creating database loyalty"
    psql_admin "create database loyalty owner loyalty" >&2
fi

echo "export LOYALTY_PG_URL='jdbc:postgresql://127.0.0.1:${CLUSTER_PORT}/loyalty?user=loyalty&password=loyalty'"
