#!/usr/bin/env bash
# The one command that runs every test: brings up the servers the tests need, runs the unit tests (surefire)
# and the OSGi integration tests (bnd-testing) of every module, then smoke-tests the exported server jar.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/test-services.sh
./mvnw -B -ntp install "$@"
./scripts/smoke-test.sh
