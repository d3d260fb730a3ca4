#!/usr/bin/env bash
# Adds a migration to one module for BOTH providers: SQLite (Persistence/Migrations) and PostgreSQL
# (Persistence/Migrations/Postgres). Each provider has its own migration set and model snapshot in the module's
# assembly; Marketplace.BuildingBlocks/Persistence/ProviderMigrationsAssembly.cs picks the set of the active provider.
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

# dotnet-ef finds "the" model snapshot of a context by type, and each module has two (one per provider). Hide the other
# provider's snapshot file while one provider's migration is added, so the right one is read and rewritten.
hide() { [ -f "$1" ] && mv "$1" "$1.hidden"; trap 'restore' EXIT; }
restore() { for f in "$dir/$snapshot.hidden" "$dir/Postgres/$snapshot.hidden"; do [ -f "$f" ] && mv -f "$f" "${f%.hidden}"; done; trap - EXIT; }

if [ -z "$only" ] || [ "$only" = "Sqlite" ]; then
  hide "$dir/Postgres/$snapshot" || true
  MARKETPLACE_EF_PROVIDER=Sqlite ef -o Persistence/Migrations
  restore
fi

if [ -z "$only" ] || [ "$only" = "Postgres" ]; then
  mkdir -p "$dir/Postgres"
  hide "$dir/$snapshot" || true
  MARKETPLACE_EF_PROVIDER=Postgres ef -o Persistence/Migrations/Postgres
  # The first PostgreSQL migration of a module writes its snapshot beside the SQLite one's name; move it into place.
  if [ -f "$dir/$snapshot" ] && [ ! -f "$dir/Postgres/$snapshot" ]; then mv "$dir/$snapshot" "$dir/Postgres/$snapshot"; fi
  restore
fi
