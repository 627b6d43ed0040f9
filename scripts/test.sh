#!/usr/bin/env bash
# The one command that runs every test: brings up the servers the tests need, runs the unit tests (surefire)
# and the OSGi integration tests (bnd-testing) of every module, then tests the exported server jar as a process:
# a user's first start and restarts (smoke-test.sh), a run killed with SIGKILL (resilience-test.sh), a change-capture
# run killed with SIGKILL ten times under a concurrent writer (cdc-resilience-test.sh), a Parquet write killed with
# SIGKILL part way (files-kill-test.sh), a run read by four readers in key ranges killed with SIGKILL and resumed
# (split-kill-test.sh), a debug-level log, in text and in JSON, that holds no secret while
# data/ is owner-only (log-secrets-test.sh), and three nodes in cluster mode: schedules fired once across a rolling
# restart, a killed node's run resumed by another (cluster-test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/test-services.sh
./mvnw -B -ntp install "$@"
./scripts/smoke-test.sh
./scripts/resilience-test.sh
./scripts/cdc-resilience-test.sh
./scripts/files-kill-test.sh
./scripts/split-kill-test.sh
./scripts/log-secrets-test.sh
./scripts/cluster-test.sh
