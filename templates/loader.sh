#!/usr/bin/env bash
# spot-deployer loader: the only script in the user-data (written there
# gzipped, its comments dropped), so the user-data keeps one size whatever
# the instance count. It fetches this launch's settings, checks their sha256
# before reading them, fetches the bundle (waiting while it still uploads),
# checks it, and runs the agent the bundle carries on it.
# Contract: docs/bootstrap-agent.md.
set -uo pipefail
umask 077
# shellcheck source=/dev/null
. /etc/spot-deployer/loader.conf
D=/var/lib/spot-deployer C=/etc/spot-deployer/agent.conf L=/var/log/spot-deployer.log
I=${SD_IMDS_URL:-http://169.254.169.254} W=${SD_BUNDLE_WAIT:-900}
c=(curl -fsS --retry 5 --retry-all-errors --retry-delay 2 --connect-timeout 10)
mkdir -p "$D" && chmod 0700 "$D"
log() { printf '%s [spot-deployer] loader: %s\n' "$(date -u +%FT%TZ)" "$*" | tee -a "$L" >&2; }
sum() { sha256sum "$1" | cut -c1-64; }

# A failure once the settings are checked: the grant is known, but the key
# that signs reports is the agent's, so this one is unsigned (the deployer
# shows it as unverified). Messages are our own text: no JSON escaping.
fail() { # STEP MESSAGE
  local h n i f=() x j=$D/l.json
  log "$2"
  h="X-aws-ec2-metadata-token: $("${c[@]}" -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 300' "$I/latest/api/token")" &&
    n=$("${c[@]}" -H "$h" "$I/latest/meta-data/ami-launch-index") && i=$("${c[@]}" -H "$h" "$I/latest/meta-data/instance-id") &&
    printf '{"status":"failed","loader":true,"instance_id":"%s","launch_index":%s,"failed_step":"%s","log_tail":"%s"}' \
      "$i" "$n" "$1" "$2" >"$j" || exit 1
  for x in "${SD_STATUS_FIELDS[@]}"; do f+=(--form-string "$x"); done
  "${c[@]}" "${f[@]}" --form-string "key=$SD_STATUS_KEY_PREFIX$i.json" -F "file=@$j" "$SD_STATUS_POST_URL" >/dev/null
  exit 1
}

# Bounded: the deployer writes the settings before the launch call.
for _ in 1 2 3; do if "${c[@]}" -o "$C.new" "$SD_CONF_URL"; then break; fi; sleep 5; done
[[ -s $C.new ]] || { log "no launch settings: nothing can be reported" && exit 1; }
s=$(sum "$C.new")
[[ $s == "$SD_CONF_SHA256" ]] || { log "launch settings refused: sha256 mismatch: expected $SD_CONF_SHA256, got $s" && exit 1; }
mv "$C.new" "$C"
# shellcheck source=/dev/null
. "$C"
B=$D/bundle.tar.gz t=$(date +%s)
# The launch overlaps the upload (the key is the sha256): S3 answers 403/404 until it lands.
# curl retries only transient errors here (no --retry-all-errors): a missing object is this loop's to retry.
until log "downloading ${SD_BUNDLE_URL%%\?*}" && curl -fsS --retry 5 --retry-delay 2 --connect-timeout 10 -L -o "$B" "$SD_BUNDLE_URL"; do
  (($(date +%s) < t + W)) || fail download-bundle "the bundle was not there within ${W}s"
  sleep 5
done
s=$(sum "$B")
[[ $s == "${SD_BUNDLE_SHA256,,}" ]] || fail verify-bundle "sha256 mismatch: expected ${SD_BUNDLE_SHA256,,}, got $s"
tar -xzOf "$B" .spot-bundle/agent.sh >"$D/agent.sh" || fail unpack-agent "the bundle has no .spot-bundle/agent.sh"
SD_BUNDLE_FILE=$B SD_BUNDLE_SECONDS=$(($(date +%s) - t)) SD_IMDS_URL=$I exec bash "$D/agent.sh"
