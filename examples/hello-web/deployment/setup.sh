#!/usr/bin/env bash
# Installs nginx and serves a greeting: the smallest useful spot-deployer project.
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q nginx

mkdir -p /var/www/html
cat > /var/www/html/index.html <<'HTML'
<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>hello-web</title></head>
  <body><h1>Hello from a spot instance, deployed by spot-deployer!</h1></body>
</html>
HTML

systemctl enable --now nginx
