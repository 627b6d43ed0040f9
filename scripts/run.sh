#!/usr/bin/env bash
# The one command that builds and starts the server with its embedded defaults (HTTP on :8080, console at /,
# API at /api, drop-in folder ./plugins-dropin). Configuration: see README.md. Extra JVM options: ARUS_JAVA_OPTS
# (after the defaults of scripts/java-options.sh, which they override).
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -B -ntp -q install -DskipTests
# exec: the JVM receives SIGTERM/SIGINT directly and stops the framework cleanly
. scripts/java-options.sh
exec java $(arus_java_options) -jar runtime/target/arus.jar
