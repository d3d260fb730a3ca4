#!/usr/bin/env bash
# Restores a dump made by infra/pg-backup.sh into an existing (empty or to-be-replaced) database, in ONE transaction:
# if anything fails, the database is left as it was. Stop the service first; start it afterwards (it migrates the
# schema if the dump is older than the build) and run its restore verb for the photos, keys and search index:
#   dotnet Marketplace.Api.dll restore /backups/2026-11-30-files
#
#   infra/pg-restore.sh CONNINFO FILE
set -euo pipefail
if [ $# -ne 2 ]; then echo "usage: $0 CONNINFO FILE" >&2; exit 2; fi
conninfo=$1; source=$2
[ -f "$source" ] || { echo "$0: $source not found" >&2; exit 2; }
tool() { command -v "$1" 2>/dev/null || ls /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -1; }
pg_restore=$(tool pg_restore)
[ -n "$pg_restore" ] || { echo "$0: pg_restore not found (Debian package: postgresql-client)" >&2; exit 2; }
"$pg_restore" --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error --dbname="$conninfo" "$source"
echo "pg-restore: $source restored"
