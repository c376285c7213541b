# Shared by scripts/run and scripts/test: find the toolchain and install what is missing.
# Sourced, not executed.

# Debian packages the build and the tests need. C libraries: libmicrohttpd (HTTP), OpenSSL
# (tokens, digests, KDF, encryption), SQLite (via GRDB), libcurl (SMTP) and libqrencode (QR codes
# on letters); pkg-config finds them.
DRAAGVLAK_APT_PACKAGES=(libmicrohttpd-dev libssl-dev libsqlite3-dev libcurl4-openssl-dev libqrencode-dev pkg-config tzdata)
# Python packages the end-to-end and schema tests use, as "package:module" where the names differ.
DRAAGVLAK_PIP_PACKAGES=(pytest requests jsonschema pyyaml:yaml selenium aiosmtpd pyreadstat)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

find_swift() {
  if ! command -v swift >/dev/null 2>&1; then
    for candidate in /opt/swift/usr/bin /usr/share/swift/usr/bin; do
      [ -x "$candidate/swift" ] && export PATH="$candidate:$PATH" && break
    done
  fi
  command -v swift >/dev/null 2>&1 || { echo "Swift 6 is not installed (looked in PATH and /opt/swift)." >&2; exit 1; }
}

install_system_packages() {
  local missing=()
  for package in "${DRAAGVLAK_APT_PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_python_packages() {
  local missing=()
  for entry in "${DRAAGVLAK_PIP_PACKAGES[@]}"; do
    local package=${entry%%:*} module=${entry#*:}
    python3 -c "import ${module//-/_}" 2>/dev/null || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Python packages: ${missing[*]}"
  python3 -m pip install --quiet --disable-pip-version-check "${missing[@]}"
}
