#!/usr/bin/env bash
# The Backstage end-to-end test: builds and unit-tests the module, packs it, installs a real Backstage
# backend from the npm registry with it, and runs e2e.js against tfsync (target/tfsync.jar must be built:
# ./mvnw -B -DskipTests package, or the verify that .ci/run runs first).
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"
MODULE="$(cd .. && pwd)"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "backstage-e2e: FAILED: node and npm are needed (Node.js 20 or newer)" >&2
  exit 1
fi
echo "backstage-e2e: node $(node --version), npm $(npm --version 2>/dev/null)"

retry() { "$@" || { echo "backstage-e2e: '$*' failed; trying once more" >&2; sleep 5; "$@"; }; }

# The module: build and unit tests.
(cd "$MODULE" && retry npm ci --no-audit --no-fund --loglevel=error && npm test)

# Pack it as an adopter would install it, and install the Backstage backend with it.
rm -f "$MODULE"/*.tgz
TARBALL="$(cd "$MODULE" && npm pack --silent 2>/dev/null | tail -n 1)"
retry npm ci --no-audit --no-fund --loglevel=error
npm install --no-save --no-audit --no-fund --loglevel=error "$MODULE/$TARBALL"
rm -f "$MODULE/$TARBALL"

# The offset store against PostgreSQL, with the knex the backend installed.
node --test offsets.test.js

exec node e2e.js
