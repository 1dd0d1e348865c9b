#!/usr/bin/env bash
# Regenerates docs/screenshots/*.png: runs the browser tests against a fresh distribution with the
# screenshots written into docs/ instead of itests/target/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$root"
mvn -q -B -ntp -Dstyle.color=never -DskipTests install >&2
cd itests
mvn -q -B -ntp -Dstyle.color=never verify -Dtest=BrowserTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dcityeval.screenshots=docs
ls -1 "$root/docs/screenshots"
