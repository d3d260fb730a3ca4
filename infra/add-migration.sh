#!/usr/bin/env bash
# Adds a migration to one module for BOTH providers: SQLite (Persistence/Migrations) and PostgreSQL
# (Persistence/Migrations/Postgres). Each provider has its own migration set and model snapshot in the module's
# assembly; Marketplace.SharedKernel/Persistence/ProviderMigrationsAssembly.cs picks the set of the active provider.
#
#   infra/add-migration.sh Catalog InitialCatalog            # both providers
#   infra/add-migration.sh Catalog AddBoothId Postgres       # only one provider (Sqlite|Postgres)
#
# The context is <Module>DbContext in src/Modules/<Module>/Marketplace.<Module>, built through its design-time factory
# (DesignTime.Options: MARKETPLACE_EF_PROVIDER=Postgres selects Npgsql).
set -euo pipefail
cd "$(dirname "$0")/.."

module="${1:?module name, e.g. Catalog}"
name="${2:?migration name, e.g. InitialCatalog}"
only="${3:-}"
project="src/Modules/$module/Marketplace.$module"
context="${module}DbContext"
dir="$project/Persistence/Migrations"
snapshot="${context}ModelSnapshot.cs"

[ -d "$project" ] || { echo "No module project at $project" >&2; exit 2; }
dotnet tool restore >/dev/null
dotnet restore src/Marketplace.Api -v q >/dev/null

ef() { dotnet tool run dotnet-ef migrations add "$name" -p "$project" -s src/Marketplace.Api -c "$context" "$@"; }

if [ -z "$only" ] || [ "$only" = "Sqlite" ]; then
  MARKETPLACE_EF_PROVIDER=Sqlite ef -o Persistence/Migrations
fi

if [ -z "$only" ] || [ "$only" = "Postgres" ]; then
  mkdir -p "$dir/Postgres"
  if [ ! -f "$dir/Postgres/$snapshot" ] && [ -f "$dir/$snapshot" ]; then
    # First PostgreSQL migration of this module: dotnet-ef looks for an existing snapshot file by name anywhere in the
    # project and would overwrite the SQLite one. Keep a copy and put the new PostgreSQL snapshot where it belongs.
    cp "$dir/$snapshot" "$dir/$snapshot.sqlite"
    trap 'mv -f "$dir/$snapshot.sqlite" "$dir/$snapshot" 2>/dev/null || true' EXIT
    MARKETPLACE_EF_PROVIDER=Postgres ef -o Persistence/Migrations/Postgres
    mv "$dir/$snapshot" "$dir/Postgres/$snapshot"
    mv "$dir/$snapshot.sqlite" "$dir/$snapshot"
    trap - EXIT
  else
    MARKETPLACE_EF_PROVIDER=Postgres ef -o Persistence/Migrations/Postgres
  fi
fi
