#!/usr/bin/env bash
# Prepares the Python runtime: a virtualenv when requirements.txt lists
# packages (that needs the network), else the image's own python3.
set -euo pipefail
app=/opt/python-web
if grep -qvE '^[[:space:]]*(#|$)' "$app/requirements.txt"; then
  if ! python3 -m venv --help >/dev/null 2>&1; then
    apt-get update -q && apt-get install -y -q python3-venv
  fi
  python3 -m venv "$app/.venv"
  "$app/.venv/bin/pip" install -q -r "$app/requirements.txt"
  ln -sfn "$app/.venv/bin/python" "$app/python"
else
  ln -sfn "$(command -v python3)" "$app/python"
fi
