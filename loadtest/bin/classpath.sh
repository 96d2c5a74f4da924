#!/usr/bin/env bash
# Prints the loadtest module's runtime class path (compiled classes first), building it when missing or stale.
# Needs the upstream modules installed: mvn -B install -pl loadtest -am -DskipTests. Extra Maven flags: $MVN_ARGS.
set -euo pipefail
module="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cp_file="$module/target/classpath.txt"
if [[ ! -f "$cp_file" || ! -d "$module/target/classes" || "$module/pom.xml" -nt "$cp_file" \
      || -n "$(find "$module/src/main" -newer "$cp_file" -print -quit)" ]]; then
  # shellcheck disable=SC2086
  mvn -B -q ${MVN_ARGS:-} -f "$module/../pom.xml" -pl loadtest compile dependency:build-classpath \
      -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime >&2
fi
echo "$module/target/classes:$(cat "$cp_file")"
