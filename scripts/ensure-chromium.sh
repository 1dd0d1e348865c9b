#!/usr/bin/env bash
# Installs Debian's Chromium and ChromeDriver for the browser tests when they are missing. Run by the
# itests module before its tests (so 'mvn verify' on a clean machine needs nothing installed by hand).
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "The browser tests need Debian's chromium and chromium-driver: sudo apt-get install chromium chromium-driver" >&2
  exit 1
fi
echo "Installing Debian's chromium and chromium-driver for the browser tests..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
command -v chromium >/dev/null && command -v chromedriver >/dev/null
