#!/usr/bin/env bash
# spot-deployer loader: the only script in the user-data, so the user-data
# keeps one size whatever the instance count. It fetches this launch's
# settings, checks their sha256 before reading them, fetches the bundle
# (waiting while it still uploads), checks it, and runs the agent the bundle
# carries. Contract: docs/bootstrap-agent.md.
set -uo pipefail
umask 077
# shellcheck source=/dev/null
. /etc/spot-deployer/loader.conf
D=/var/lib/spot-deployer C=/etc/spot-deployer/agent.conf L=/var/log/spot-deployer.log
I=${SD_IMDS_URL:-http://169.254.169.254} W=${SD_BUNDLE_WAIT:-900}
c=(curl -fsS --retry 5 --retry-all-errors --retry-delay 2 --connect-timeout 10)
mkdir -p "$D" "${L%/*}" && chmod 0700 "$D"
log() { printf '%s [spot-deployer] loader: %s\n' "$(date -u +%FT%TZ)" "$*" | tee -a "$L" >&2; }
sum() { sha256sum "$1" | cut -c1-64; }

# A failure once the settings are checked: the grant is known, but the key
# that signs reports is the agent's, so this one is unsigned (the deployer
# shows it as unverified). Messages are our own text: no JSON escaping.
fail() { # STEP MESSAGE
  local t h n f=() x j=$D/loader-status.json
  log "$2"
  t=$("${c[@]}" -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 300' "$I/latest/api/token") &&
    h="X-aws-ec2-metadata-token: $t" && n=$("${c[@]}" -H "$h" "$I/latest/meta-data/ami-launch-index") &&
    printf '{"status":"failed","loader":true,"deployment":"%s","instance_id":"%s","launch_index":%s,"failed_step":"%s","steps":[{"name":"%s","status":"failed","seconds":0}],"log_tail":"%s"}\n' \
      "$SD_DEPLOYMENT" "$("${c[@]}" -H "$h" "$I/latest/meta-data/instance-id")" "$n" "$1" "$1" "$2" >"$j" || exit 1
  for x in "${SD_STATUS_FIELDS[@]}"; do f+=(--form-string "$x"); done
  "${c[@]}" "${f[@]}" --form-string "key=$SD_STATUS_KEY_PREFIX$n.json" -F "file=@$j" "$SD_STATUS_POST_URL" >/dev/null
  exit 1
}

# Bounded: the deployer writes the settings before the launch call.
for _ in 1 2 3; do if "${c[@]}" -o "$C.new" "$SD_CONF_URL"; then break; fi; sleep 5; done
[[ -s $C.new ]] || { log "could not fetch the launch settings ${SD_CONF_URL%%\?*}: nothing can be reported" && exit 1; }
got=$(sum "$C.new")
[[ $got == "$SD_CONF_SHA256" ]] || { log "launch settings refused: sha256 mismatch: expected $SD_CONF_SHA256, got $got" && exit 1; }
mv "$C.new" "$C"
# shellcheck source=/dev/null
. "$C"
B=$D/bundle.tar.gz start=$(date +%s)
# The launch overlaps the upload (the key is the sha256): S3 answers 403/404 until it lands.
until log "downloading ${SD_BUNDLE_URL%%\?*}" && "${c[@]}" -L -o "$B" "$SD_BUNDLE_URL"; do
  (($(date +%s) < start + W)) || fail download-bundle "the bundle was not there within ${W}s"
  sleep 5
done
got=$(sum "$B")
[[ $got == "${SD_BUNDLE_SHA256,,}" ]] || fail verify-bundle "sha256 mismatch: expected ${SD_BUNDLE_SHA256,,}, got $got"
tar -xzOf "$B" .spot-bundle/agent.sh >"$D/agent.sh" || fail unpack-agent "the bundle has no .spot-bundle/agent.sh"
SD_BUNDLE_FILE=$B SD_BUNDLE_SECONDS=$(($(date +%s) - start)) SD_IMDS_URL=$I exec bash "$D/agent.sh"
