#!/usr/bin/env bash
# Regenerates docs/openapi.json from the API (after adding or changing an endpoint), then lints it and type-checks the
# generated TypeScript client, as CI does. Usage: tools/openapi/update.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build tests/Marketplace.Api.Tests -c Release -nologo -v quiet
UPDATE_OPENAPI=1 dotnet test tests/Marketplace.Api.Tests -c Release --no-build -nologo \
  --filter "FullyQualifiedName~OpenApiLintTests" --logger "console;verbosity=minimal"
git --no-pager diff --stat -- docs/openapi.json
