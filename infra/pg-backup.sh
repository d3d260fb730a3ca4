#!/usr/bin/env bash
# Backs up the PostgreSQL store (every module's schema) with pg_dump into one custom-format file, written beside the
# target and renamed into place once pg_restore can read it back, so a file that exists is a complete dump.
# pg_dump takes a consistent snapshot (one repeatable-read transaction) while the service keeps serving.
#
#   infra/pg-backup.sh CONNINFO FILE
#   e.g. infra/pg-backup.sh "host=db.internal port=5432 dbname=marketplace user=backup" /backups/2026-11-30.dump
#
# The photos, keys and search index are backed up by the service's own verb, run alongside:
#   dotnet Marketplace.Api.dll backup /backups/2026-11-30-files
set -euo pipefail
if [ $# -ne 2 ]; then echo "usage: $0 CONNINFO FILE" >&2; exit 2; fi
conninfo=$1; target=$2
if [ -e "$target" ]; then echo "$0: $target already exists" >&2; exit 2; fi
tool() { command -v "$1" 2>/dev/null || ls /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -1; }
pg_dump=$(tool pg_dump); pg_restore=$(tool pg_restore)
[ -n "$pg_dump" ] || { echo "$0: pg_dump not found (Debian package: postgresql-client)" >&2; exit 2; }
partial="$target.partial-$$"
trap 'rm -f "$partial"' EXIT
"$pg_dump" --format=custom --compress=6 --no-owner --no-privileges --file="$partial" --dbname="$conninfo"
"$pg_restore" --list "$partial" >/dev/null
mv "$partial" "$target"
trap - EXIT
echo "pg-backup: $(stat -c %s "$target") bytes in $target"
