#!/usr/bin/env bash
# spot-deployer bootstrap agent. It travels in the bundle
# (.spot-bundle/agent.sh); the loader in the user-data (templates/loader.sh)
# has fetched this launch's settings (agent.conf) and the bundle, checked
# both sha256, and runs it with SD_BUNDLE_FILE naming the checked bundle. It
# places the bundle's files, runs its steps.sh, and reports ok|failed through
# the launch's presigned POST grant. Contract: docs/bootstrap-agent.md.
set -euo pipefail
umask 022

SD_CONF=${SD_CONF:-/etc/spot-deployer/agent.conf}
# shellcheck source=/dev/null
. "$SD_CONF"
: "${SD_DEPLOYMENT:?}" "${SD_BUNDLE_FILE:?}" "${SD_BUNDLE_SHA256:?}" "${SD_TARGET:?}" "${SD_STATUS_POST_URL:?}" "${SD_STATUS_KEY_PREFIX:?}"
SD_TTL_SECONDS=${SD_TTL_SECONDS:-0}
SD_IMDS_URL=${SD_IMDS_URL:-http://169.254.169.254}
SD_STATE_DIR=${SD_STATE_DIR:-/var/lib/spot-deployer}
SD_LOG_FILE=${SD_LOG_FILE:-/var/log/spot-deployer.log}
SD_ENV_FILE=/etc/spot-deployer/env
SD_BUNDLE_DIR=$SD_STATE_DIR/bundle
# The key pair made at boot: its public half goes out in the hello, the
# secret part of the bundle comes back encrypted to it, and every report is
# signed with it. The private key never leaves SD_STATE_DIR (0700).
SD_KEY=$SD_STATE_DIR/agent-key.pem
SD_IDENTITY=$SD_STATE_DIR/identity
SD_SECRET_WAIT=${SD_SECRET_WAIT:-1800}
[[ -v SD_SECRET_URLS ]] || SD_SECRET_URLS=()
[[ -v SD_STATUS_FIELDS ]] || SD_STATUS_FIELDS=()
# Curl options shared by every download and upload: transient errors of S3 or
# IMDS right after boot are common, so every error is retried.
SD_CURL=(curl -fsS --retry 5 --retry-all-errors --retry-delay 2 --connect-timeout 10)

SD_STEP_NAMES=() SD_STEP_STATES=() SD_STEP_SECONDS=() SD_ON_FAILURE=()
SD_CURRENT_STEP=agent SD_FAILED_STEP="" SD_REPORTED=no
SD_INSTANCE_ID="" SD_LAUNCH_INDEX=""
SD_STARTED_AT=$(date -u +%Y-%m-%dT%H:%M:%SZ)

# Scripts' output and the status copy may hold sensitive text: root only.
mkdir -p "$(dirname "$SD_LOG_FILE")" "$SD_STATE_DIR"
chmod 0700 "$SD_STATE_DIR"
touch "$SD_LOG_FILE"
chmod 0600 "$SD_LOG_FILE"
# Everything (ours and the steps' output) goes to one file, synchronously, so
# the log tail in the status object is complete when it is read. The agent's
# own progress lines also go to the stderr cloud-init gave it (fd 3), which
# reaches cloud-init-output.log, the journal and the EC2 console; steps never
# get fd 3 (sd_step closes it), so their output and any background process
# they leave stay out of cloud-init's pipe.
exec 3>&2 >>"$SD_LOG_FILE" 2>&1

sd_log() {
  local line
  line="$(date -u +%Y-%m-%dT%H:%M:%SZ) [spot-deployer] $*"
  printf '%s\n' "$line"
  printf '%s\n' "$line" 2>/dev/null >&3 || true
}

# Presigned URLs are credentials for their object: log only the part before the query.
sd_redact() { printf '%s' "${1%%\?*}"; }

# ---- JSON -----------------------------------------------------------------
# Reads stdin, prints it as a JSON string. Pure bash + tr (+ iconv when present)
# so it works without python3: control characters other than tab/CR/LF are
# dropped and invalid UTF-8 (e.g. a character cut by `tail -c`) is removed.
sd_json_stdin() {
  local out="" sep="" line
  while IFS= read -r line || [[ -n $line ]]; do
    line=${line//\\/\\\\}
    line=${line//\"/\\\"}
    line=${line//$'\t'/\\t}
    line=${line//$'\r'/\\r}
    out+="$sep$line"
    sep='\n'
  done < <(LC_ALL=C tr -d '\000-\010\013\014\016-\037' | sd_utf8_only)
  printf '"%s"' "$out"
}

sd_utf8_only() {
  if command -v iconv >/dev/null 2>&1; then
    iconv -c -f UTF-8 -t UTF-8 || true # exits 1 when it dropped something
  else
    LC_ALL=C tr -d '\200-\377'
  fi
}

sd_json() { printf '%s' "$1" | sd_json_stdin; }

sd_status_json() {
  local status=$1 i sep="" failed=null index=null
  [[ -n $SD_FAILED_STEP ]] && failed=$(sd_json "$SD_FAILED_STEP")
  [[ $SD_LAUNCH_INDEX =~ ^[0-9]+$ ]] && index=$SD_LAUNCH_INDEX
  printf '{"status":"%s","deployment":%s,"instance_id":%s,"launch_index":%s,"failed_step":%s,"steps":[' \
    "$status" "$(sd_json "$SD_DEPLOYMENT")" "$(sd_json "$SD_INSTANCE_ID")" "$index" "$failed"
  for i in "${!SD_STEP_NAMES[@]}"; do
    printf '%s{"name":%s,"status":"%s","seconds":%d}' "$sep" "$(sd_json "${SD_STEP_NAMES[$i]}")" \
      "${SD_STEP_STATES[$i]}" "${SD_STEP_SECONDS[$i]}"
    sep=,
  done
  printf '],"health":%s,"started_at":"%s","finished_at":"%s","log_tail":%s}\n' "$(cat "$SD_STATE_DIR/health.json" 2>/dev/null || echo null)" \
    "$SD_STARTED_AT" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(tail -c 4096 "$SD_LOG_FILE" | sd_json_stdin)"
}

# ---- steps ----------------------------------------------------------------
# Runs one named step in a subshell with `set -e` really in force (it is
# ignored inside functions called from `if`/`||`), records its duration and,
# on failure, ends the agent: the EXIT trap reports it.
sd_step() {
  local name=$1 start rc
  shift
  start=$(date +%s)
  SD_CURRENT_STEP=$name
  sd_log "step '$name': start"
  set +e
  # fd 3 (cloud-init's stderr) closed: nothing a step starts can hold cloud-init's pipe open.
  (
    set -e
    "$@"
  ) 3>&-
  rc=$?
  set -e
  SD_STEP_NAMES+=("$name") SD_STEP_SECONDS+=($(($(date +%s) - start)))
  if ((rc == 0)); then
    SD_STEP_STATES+=(ok)
    sd_log "step '$name': ok"
    return 0
  fi
  SD_STEP_STATES+=(failed)
  SD_FAILED_STEP=$name
  sd_log "step '$name': failed (exit code $rc)"
  exit "$rc"
}

# Registers a command run (as root, in SD_TARGET, with the env) when the deployment fails.
sd_on_failure() { SD_ON_FAILURE+=("$1"); }

sd_run_failure_hooks() {
  local hook
  for hook in "${SD_ON_FAILURE[@]}"; do
    sd_log "on_failure hook: start"
    (sd_run "$SD_TARGET" root 300 command "$hook") || sd_log "on_failure hook failed (ignored)"
  done
}

# Runs a user command with the deployment's env: the env file is sourced by a
# child bash right before it execs the command, never by the agent itself, so
# `PATH=/opt/venv/bin` or a name the agent uses cannot break the agent.
# shellcheck disable=SC2016 # $1.. are expanded by the child bash
SD_WITH_ENV='set -a; [[ ! -f $1 ]] || . "$1"; set +a; shift
while [[ $1 != -- ]]; do export "$1"; shift; done
shift; exec "$@"'

# sd_run DIR USER TIMEOUT command|script COMMAND-OR-PATH [KEY=VALUE...]
# Interpreters are named by absolute path: the user's PATH applies to the
# command's own lookups only.
sd_run() {
  local dir=$1 user=$2 seconds=$3 kind=$4 value=$5 rc=0 bash_bin
  local -a cmd
  shift 5
  bash_bin=$(command -v bash)
  if [[ $kind == script ]]; then
    [[ -f $value ]] || { sd_log "script $value not found" && return 1; }
    if [[ -x $value ]]; then cmd=("$value"); else cmd=("$bash_bin" "$value"); fi
  else
    cmd=("$bash_bin" -c "$value")
  fi
  [[ $user == root ]] || cmd=("$(command -v runuser)" -u "$user" -- "${cmd[@]}")
  cd "$dir" || return 1 # explicit: hooks call this where set -e is off
  timeout --kill-after=10 "$seconds" "$bash_bin" -c "$SD_WITH_ENV" sd-env "$SD_ENV_FILE" "$@" -- "${cmd[@]}" 3>&- || rc=$?
  ((rc != 124)) || sd_log "timed out after ${seconds}s"
  return "$rc"
}

# ---- bundle and files -------------------------------------------------------
sd_download() { # URL FILE
  sd_log "downloading $(sd_redact "$1")"
  "${SD_CURL[@]}" -L -o "$2" "$1"
}

sd_verify() { # FILE SHA256
  local actual
  actual=$(sha256sum "$1" | cut -d' ' -f1)
  if [[ $actual != "${2,,}" ]]; then
    sd_log "sha256 mismatch: expected ${2,,}, got $actual"
    return 1
  fi
}

sd_unsafe_path() { [[ $1 == /* || /$1/ == */../* ]]; }

# True when a symlink's target, resolved from the link's folder, leaves the
# archive root (the bundle keeps relative links that stay inside their upload).
sd_link_escapes() { # LINK-NAME TARGET
  local part depth=0
  local -a parts
  [[ $2 != /* ]] || return 0
  IFS=/ read -ra parts <<<"$(dirname "$1")/$2"
  for part in "${parts[@]}"; do
    case $part in
    '' | .) ;;
    ..) depth=$((depth - 1)) && ((depth >= 0)) || return 0 ;;
    *) depth=$((depth + 1)) ;;
    esac
  done
  return 1
}

# Refuses absolute names, `..` components, escaping symlinks and hard links
# to unsafe names, before anything is written.
sd_check_archive() { # FILE
  local name line re='^[^ ]+ +[^ ]+ +[0-9,]+ +[0-9-]+ +[0-9:]+ (.*) (->|link to) (.*)$'
  while IFS= read -r name; do
    if sd_unsafe_path "$name"; then sd_log "unsafe path in archive: $name" && return 1; fi
  done < <(tar -tf "$1")
  while IFS= read -r line; do
    [[ $line == [lh]* ]] || continue
    [[ $line =~ $re ]] || { sd_log "unreadable link entry: $line" && return 1; }
    if [[ $line == l* ]] && sd_link_escapes "${BASH_REMATCH[1]}" "${BASH_REMATCH[3]}"; then
      sd_log "symlink leaves the archive: $line" && return 1
    fi
    if [[ $line == h* ]] && sd_unsafe_path "${BASH_REMATCH[3]}"; then
      sd_log "unsafe hard link in archive: $line" && return 1
    fi
  done < <(tar -tvf "$1")
}

sd_unpack() { # FILE DIR
  rm -rf "$2"
  mkdir -p "$2"
  tar -xf "$1" -C "$2" --no-same-owner
}

sd_tarball() { # URL SHA256 DEST
  local file
  file=$(mktemp "$SD_STATE_DIR/tarball.XXXXXX")
  sd_download "$1" "$file"
  sd_verify "$file" "$2"
  sd_check_archive "$file"
  mkdir -p "$3"
  tar -xf "$file" -C "$3" --no-same-owner
  rm -f "$file"
}

# Copies files/<DEST> of the bundle to DEST; the bundle already carries modes.
sd_place() { # DEST [OWNER]
  local src=$SD_BUNDLE_DIR/files$1
  [[ -e $src ]] || { sd_log "not in bundle: $1" && return 1; }
  mkdir -p "$(dirname "$1")"
  if [[ -d $src ]]; then mkdir -p "$1" && cp -a "$src/." "$1/"; else cp -a "$src" "$1"; fi
  [[ -z ${2:-} ]] || chown -R "$2" "$1"
}

# Like sd_place, but 0600 files / 0700 folders from the first byte (umask);
# only the path is ever logged.
sd_secret() { # DEST [OWNER]
  local src=$SD_BUNDLE_DIR/files$1
  umask 077
  [[ -e $src ]] || { sd_log "secret not in bundle: $1" && return 1; }
  mkdir -p "$(dirname "$1")"
  if [[ -d $src ]]; then mkdir -p "$1" && cp -R "$src/." "$1/"; else cp "$src" "$1"; fi
  find "$1" -type d -exec chmod 0700 {} + -o -type f -exec chmod 0600 {} +
  chown -R "${2:-root}" "$1"
  sd_log "secret placed at $1"
}

sd_env() {
  umask 077
  mkdir -p "$(dirname "$SD_ENV_FILE")"
  if [[ -f $SD_BUNDLE_DIR/.spot-bundle/env ]]; then
    cp "$SD_BUNDLE_DIR/.spot-bundle/env" "$SD_ENV_FILE"
  else
    : >"$SD_ENV_FILE"
  fi
  chmod 0600 "$SD_ENV_FILE"
}

# ---- packages and services --------------------------------------------------
sd_os_family() {
  local ids
  # shellcheck source=/dev/null
  ids=$(. /etc/os-release && printf ' %s %s ' "${ID:-}" "${ID_LIKE:-}")
  case $ids in
  *" ubuntu "* | *" debian "*) echo apt ;;
  *" amzn "* | *" fedora "* | *" rhel "*) echo dnf ;;
  *) sd_log "unsupported OS:$ids" && return 1 ;;
  esac
}

sd_packages() { # NAME[=VERSION]...
  local family
  family=$(sd_os_family)
  if [[ $family == apt ]]; then
    export DEBIAN_FRONTEND=noninteractive
    # cloud-init or unattended-upgrades may still hold the dpkg lock at boot.
    apt-get -o DPkg::Lock::Timeout=300 update -q
    apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends "$@"
  else
    dnf install -y -q "${@/=/-}" # dnf spells name=version as name-version
  fi
}

# Installs a unit, with a drop-in that gives it the deployment's env file.
sd_install_unit() { # NAME file|inline PATH-OR-CONTENT
  local unit=/etc/systemd/system/$1
  mkdir -p "$unit.d"
  if [[ $2 == file ]]; then install -m 0644 "$3" "$unit"; else printf '%s\n' "$3" >"$unit" && chmod 0644 "$unit"; fi
  printf '[Service]\nEnvironmentFile=-%s\n' "$SD_ENV_FILE" >"$unit.d/spot-deployer-env.conf"
}

sd_service() { # NAME yes|no(enable) yes|no(start) file|inline PATH-OR-CONTENT
  sd_install_unit "$1" "$4" "$5"
  systemctl daemon-reload
  if [[ $2 == yes ]]; then systemctl enable "$1"; fi
  if [[ $3 == yes ]] && ! systemctl start "$1"; then
    sd_unit_journal "$1"
    return 1
  fi
}

# Why a unit failed is in its journal ("Failed to load environment files", the
# program's own last words), not in systemctl's "see journalctl -xeu" line; the
# log tail the deployer shows must hold it, since nobody has a shell on the instance.
sd_unit_journal() { # NAME
  sd_log "journal of $1 (last 20 lines):"
  journalctl --unit "$1" --lines 20 --no-pager --output cat 2>&1 || true
}

# One word for a unit file line: double-quoted with \ and " escaped, and
# systemd's own expansions of % and $ doubled (systemd.service(5), "Command lines").
sd_systemd_quote() {
  local value=${1//\\/\\\\}
  value=${value//\"/\\\"}
  value=${value//%/%%}
  printf '"%s"' "${value//\$/\$\$}"
}

# Runs the compose file as a oneshot unit so it comes back after a reboot.
sd_compose() { # FILE
  if ! command -v docker >/dev/null 2>&1; then
    if [[ $(sd_os_family) == apt ]]; then sd_packages docker.io docker-compose-v2; else sd_packages docker; fi
  fi
  systemctl enable docker
  systemctl start docker
  sd_service spot-deployer-compose.service yes yes inline "[Unit]
Description=spot-deployer compose project
Requires=docker.service
After=docker.service

[Service]
Type=oneshot
RemainAfterExit=yes
WorkingDirectory=$(dirname "$1" | sed 's/%/%%/g')
ExecStart=/usr/bin/env docker compose -f $(sd_systemd_quote "$1") up -d --remove-orphans
ExecStop=/usr/bin/env docker compose -f $(sd_systemd_quote "$1") down

[Install]
WantedBy=multi-user.target"
}

sd_health_once() { # http|tcp|command TARGET
  # shellcheck disable=SC2016 # the tcp probe's $1 is expanded by the inner bash
  case $1 in
  http) curl -fsS -o /dev/null --max-time 5 "$2" ;;
  tcp) timeout 5 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$2" ;;
  command) timeout 30 bash -c "$2" 3>&- ;;
  esac
}

sd_health() { # http|tcp|command TARGET TIMEOUT-SECONDS [UNIT]
  local deadline=$(($(date +%s) + $3))
  until sd_health_once "$1" "$2"; do
    if (($(date +%s) >= deadline)); then
      sd_log "health check ($1) not healthy after $3s"
      if [[ -n ${4:-} ]]; then sd_unit_journal "$4"; fi
      return 1
    fi
    sleep 2
  done
}

# The project's health_check (config.yaml): polled before the agent reports
# ready; its last result goes into the status object's `health` field.
sd_health_check() { # PORT PATH EXPECTED-STATUS TIMEOUT-SECONDS
  local url="http://127.0.0.1:$1$2" deadline=$(($(date +%s) + $4)) code=000 result=failed
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$url" 3>&-) || true
    if [[ $code == "$3" ]]; then result=ok && break; fi
    (($(date +%s) < deadline)) || break
    sleep 2
  done
  printf '{"url":%s,"status":"%s","http_status":%d,"expected":%d}' "$(sd_json "$url")" "$result" "$((10#${code:-0}))" "$3" \
    >"$SD_STATE_DIR/health.json"
  sd_log "health check $url: $result (HTTP $code, expected $3)"
  [[ $result == ok ]]
}

# ---- main -------------------------------------------------------------------
sd_arm_ttl() {
  ((SD_TTL_SECONDS > 0)) || { sd_log "no TTL" && return 0; }
  shutdown -h "+$(((SD_TTL_SECONDS + 59) / 60))" "spot-deployer TTL"
}

sd_imds() {
  local token header
  token=$("${SD_CURL[@]}" -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 21600' "$SD_IMDS_URL/latest/api/token")
  header="X-aws-ec2-metadata-token: $token"
  SD_INSTANCE_ID=$("${SD_CURL[@]}" -H "$header" "$SD_IMDS_URL/latest/meta-data/instance-id")
  SD_LAUNCH_INDEX=$("${SD_CURL[@]}" -H "$header" "$SD_IMDS_URL/latest/meta-data/ami-launch-index")
  # The identity document and AWS's signature of it bind this instance to the key made below.
  mkdir -p "$SD_IDENTITY"
  "${SD_CURL[@]}" -H "$header" -o "$SD_IDENTITY/document" "$SD_IMDS_URL/latest/dynamic/instance-identity/document"
  "${SD_CURL[@]}" -H "$header" -o "$SD_IDENTITY/signature" "$SD_IMDS_URL/latest/dynamic/instance-identity/signature"
  sd_log "instance $SD_INSTANCE_ID, launch index $SD_LAUNCH_INDEX"
}

sd_keygen() {
  (
    umask 077
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$SD_KEY" 2>/dev/null
  )
  openssl pkey -in "$SD_KEY" -pubout -out "$SD_STATE_DIR/agent-pub.pem"
}

sd_b64() { base64 -w0 "$1"; }

# Prints REPORT-FILE's JSON with a `signed` member: the report's exact bytes,
# their signature by the agent's key, the public key and the identity
# document (contract: src/agent/signed-report.ts). Unsigned without a key.
sd_envelope() { # REPORT-FILE
  local json sig=$SD_STATE_DIR/report.sig
  json=$(cat "$1")
  if [[ ! -f $SD_KEY || ! -f $SD_IDENTITY/signature ]] || ! openssl dgst -sha256 -sign "$SD_KEY" -out "$sig" "$1"; then
    printf '%s\n' "$json"
    return 0
  fi
  printf '%s,"signed":{"report":"%s","signature":"%s","public_key":"%s","identity_document":"%s","identity_signature":"%s"}}\n' \
    "${json%\}}" "$(sd_b64 "$1")" "$(sd_b64 "$sig")" "$(sd_b64 "$SD_STATE_DIR/agent-pub.pem")" \
    "$(sd_b64 "$SD_IDENTITY/document")" "$(sd_b64 "$SD_IDENTITY/signature")"
}

# One presigned POST policy serves the whole launch: it allows any key under
# SD_STATUS_KEY_PREFIX, and this instance writes <prefix><instance id>.json
# (EC2 Fleet can give two instances of one call the same launch index).
# --form-string: a value starting with @ or < is never read as a file name.
sd_put_report() { # REPORT-FILE
  local field
  local -a form=()
  [[ $SD_INSTANCE_ID =~ ^i-[0-9a-f]+$ ]] || { sd_log "no instance id ('$SD_INSTANCE_ID'): cannot name the status object" && return 1; }
  sd_envelope "$1" >"$1.signed"
  for field in "${SD_STATUS_FIELDS[@]}"; do form+=(--form-string "$field"); done
  "${SD_CURL[@]}" "${form[@]}" --form-string "key=$SD_STATUS_KEY_PREFIX$SD_INSTANCE_ID.json" \
    -F "file=@$1.signed;type=application/json" "$SD_STATUS_POST_URL" >/dev/null
}

# The early report that carries the public key the secret part is encrypted to.
sd_hello() {
  local file=$SD_STATE_DIR/hello.json index=null
  [[ $SD_LAUNCH_INDEX =~ ^[0-9]+$ ]] && index=$SD_LAUNCH_INDEX
  printf '{"status":"hello","deployment":%s,"instance_id":%s,"launch_index":%s}\n' \
    "$(sd_json "$SD_DEPLOYMENT")" "$(sd_json "$SD_INSTANCE_ID")" "$index" >"$file"
  sd_log "hello: public key sent"
  sd_put_report "$file"
}

# Waits for the secret part, which the deployer encrypts to this instance's
# key once it has checked the hello. Its URL leads only to that ciphertext.
sd_fetch_secrets() { # FILE
  local slot=$SD_LAUNCH_INDEX url deadline=$(($(date +%s) + SD_SECRET_WAIT))
  # The slot comes from the launch's slot map (EC2 Fleet can repeat launch
  # indexes); the deployer writes it once the launch call has returned.
  if [[ -n ${SD_SLOTS_URL:-} ]]; then
    slot=""
    until [[ -n $slot ]]; do
      slot=$(curl -fsS --connect-timeout 10 "$SD_SLOTS_URL" 2>/dev/null | awk -v id="$SD_INSTANCE_ID" '$1 == id { print $2 }') || true
      [[ -n $slot ]] && break
      if (($(date +%s) >= deadline)); then sd_log "no secret slot for $SD_INSTANCE_ID within ${SD_SECRET_WAIT}s" && return 1; fi
      sleep 2
    done
  fi
  # A subscript is arithmetic in bash (it would run $(...)): only digits index the array.
  [[ $slot =~ ^[0-9]+$ ]] || { sd_log "the slot for $SD_INSTANCE_ID is not a number" && return 1; }
  url=${SD_SECRET_URLS[$slot]:-}
  if [[ -z $url && ${#SD_SECRET_URLS[@]} -eq 1 ]]; then url=${SD_SECRET_URLS[0]}; fi
  [[ -n $url ]] || { sd_log "no secret URL for slot '$slot'" && return 1; }
  sd_log "waiting for the secret part: $(sd_redact "$url")"
  until curl -fsS --connect-timeout 10 -o "$1" "$url" 2>/dev/null; do
    if (($(date +%s) >= deadline)); then sd_log "the secret part did not arrive within ${SD_SECRET_WAIT}s" && return 1; fi
    sleep 2
  done
}

# RSA-OAEP-SHA256 unwraps a passphrase and the plaintext's sha256; AES-256-CBC
# (openssl enc, PBKDF2) holds the secret tar.gz. Format: src/agent/seal.ts.
sd_open_secrets() { # SEALED OUT
  local dir=$SD_STATE_DIR/sealed
  umask 077
  rm -rf "$dir" && mkdir -p "$dir"
  head -c 256 "$1" >"$dir/wrapped"
  tail -c +257 "$1" >"$dir/body"
  openssl pkeyutl -decrypt -inkey "$SD_KEY" -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha256 \
    -pkeyopt rsa_mgf1_md:sha256 -in "$dir/wrapped" -out "$dir/keys"
  head -n 1 "$dir/keys" >"$dir/pass"
  openssl enc -d -aes-256-cbc -pbkdf2 -iter 1 -md sha256 -pass "file:$dir/pass" -in "$dir/body" -out "$2"
  sd_verify "$2" "$(sed -n 2p "$dir/keys")"
  # The public bundle (checked against the user-data) names the secret part too.
  if [[ -f $SD_BUNDLE_DIR/.spot-bundle/secrets.sha256 ]]; then sd_verify "$2" "$(head -n 1 "$SD_BUNDLE_DIR/.spot-bundle/secrets.sha256")"; fi
  rm -rf "$dir" "$1"
}

sd_unpack_secrets() { # FILE
  umask 077
  tar -xf "$1" -C "$SD_BUNDLE_DIR" --no-same-owner
  rm -f "$1"
}

sd_report() { # ok|failed
  local file=$SD_STATE_DIR/status.json
  sd_log "reporting status $1"
  sd_status_json "$1" >"$file"
  sd_put_report "$file"
}

# EXIT trap: the single place that reports, whatever way the agent ends.
sd_finish() {
  local rc=$?
  set +e
  [[ $SD_REPORTED == no ]] || exit "$rc"
  SD_REPORTED=yes
  if ((rc == 0)); then
    sd_report ok
  else
    SD_FAILED_STEP=${SD_FAILED_STEP:-$SD_CURRENT_STEP}
    sd_log "deployment failed at step '$SD_FAILED_STEP'"
    sd_run_failure_hooks
    sd_report failed
  fi
  exit "$rc"
}

sd_main() {
  trap sd_finish EXIT
  sd_log "agent start: deployment $SD_DEPLOYMENT"
  # Armed first: a stuck download or step must not keep the instance alive.
  sd_step arm-ttl sd_arm_ttl
  SD_CURRENT_STEP=imds
  sd_imds
  SD_CURRENT_STEP=hello
  sd_keygen
  sd_hello
  mkdir -p "$SD_TARGET"
  local archive=$SD_BUNDLE_FILE secrets=$SD_STATE_DIR/secrets.tar.gz
  # The loader downloaded the bundle (waiting for an upload still in flight): its time is this step's.
  SD_STEP_NAMES+=(download-bundle) SD_STEP_STATES+=(ok) SD_STEP_SECONDS+=("${SD_BUNDLE_SECONDS:-0}")
  # Checked again here: the agent trusts nothing it did not check itself.
  sd_step verify-bundle sd_verify "$archive" "$SD_BUNDLE_SHA256"
  sd_step check-bundle sd_check_archive "$archive"
  sd_step unpack-bundle sd_unpack "$archive" "$SD_BUNDLE_DIR"
  if ((${#SD_SECRET_URLS[@]} > 0)); then
    sd_step fetch-secrets sd_fetch_secrets "$secrets.sealed"
    sd_step open-secrets sd_open_secrets "$secrets.sealed" "$secrets"
    sd_step check-secrets sd_check_archive "$secrets"
    sd_step unpack-secrets sd_unpack_secrets "$secrets"
  fi
  SD_CURRENT_STEP=steps.sh
  # shellcheck source=/dev/null
  . "$SD_BUNDLE_DIR/.spot-bundle/steps.sh"
  sd_log "agent done"
}

sd_main "$@"
