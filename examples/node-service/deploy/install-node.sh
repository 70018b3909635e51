#!/usr/bin/env bash
# Installs Node.js from the distribution when the image has none. Without
# network the install fails and the service falls back (app/start.sh).
set -euo pipefail
if command -v node >/dev/null 2>&1; then
  echo "node $(node --version) already installed"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
if timeout 300 apt-get update -q && timeout 300 apt-get install -y -q nodejs; then
  echo "installed node $(node --version)"
else
  echo "could not install nodejs (no network?); app/start.sh will use its python3 fallback"
fi
