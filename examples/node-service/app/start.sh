#!/bin/sh
# Starts the service with node. On an image without node and without network
# (the offline boot test), it serves the same routes with python3 instead, so
# the deployment still comes up and says which runtime answered.
cd "$(dirname "$0")"
if command -v node >/dev/null 2>&1; then exec node server.mjs; fi
echo "node is not installed; serving with the python3 fallback" >&2
exec python3 fallback.py
