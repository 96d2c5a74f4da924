#!/usr/bin/env bash
# Runs every test: unit tests (surefire, *Test) and integration tests (failsafe, *IT) against real
# parts (embedded KRaft broker, embedded S3 server, the dev gateway with bubblewrap sandboxes).
# Installs what Maven cannot bring (bubblewrap) first. Extra arguments go to Maven.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-tools.sh"
exec mvn -B -f "$root/pom.xml" verify "$@"
