#!/usr/bin/env bash
# Regenerates docs/screenshots/*.png: runs the browser tests against a fresh distribution with the
# screenshots written into docs/ instead of itests/target/: BrowserTest's views (1400 px wide) and
# LayoutA11yBrowserTest's phone views (11-phone-*.png, 390×844), WhatIfBrowserTest's what-if panel (12-what-if*.png). Chinese text in them needs a CJK font:
# Debian's fonts-noto-cjk (apt-get install fonts-noto-cjk); the tests themselves do not need it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$root"
mvn -q -B -ntp -Dstyle.color=never -DskipTests install >&2
cd itests
mvn -q -B -ntp -Dstyle.color=never verify -Dtest=BrowserTest,LayoutA11yBrowserTest,WhatIfBrowserTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dcityeval.screenshots=docs
ls -1 "$root/docs/screenshots"
