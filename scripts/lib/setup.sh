# Shared by scripts/run and scripts/test: find the toolchain and install what is missing.
# Sourced, not executed.

# Debian packages the build and the tests need. C libraries: libmicrohttpd (HTTP), OpenSSL
# (tokens, digests, KDF, encryption), SQLite (via GRDB), libcurl (SMTP) and libqrencode (QR codes
# on letters); pkg-config finds them.
DRAAGVLAK_APT_PACKAGES=(libmicrohttpd-dev libssl-dev libsqlite3-dev libcurl4-openssl-dev libqrencode-dev pkg-config tzdata)
# Python packages the end-to-end and schema tests use, as "package:module" where the names differ.
DRAAGVLAK_PIP_PACKAGES=(pytest requests jsonschema pyyaml:yaml selenium aiosmtpd pyreadstat)
# Pinned packages installed whatever Python version they declare. axe-selenium-python 3.0.0 bundles
# axe-core 4.10, which checks WCAG 2.1; it declares Python >= 3.12 but runs on 3.11, where pip
# would otherwise pick 2.1.6 with axe-core 3.1 (no WCAG 2.1 rules).
DRAAGVLAK_PIP_PACKAGES_ANY_PYTHON=(axe-selenium-python==3.0.0:axe_selenium_python)

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

# Whether "package" (its module imports) or "package==version" (that version is installed) is there.
python_package_present() {
  local package=$1 module=$2
  if [[ $package == *==* ]]; then
    python3 -c "import importlib.metadata as m, sys; sys.exit(m.version('${package%%==*}') != '${package#*==}')" 2>/dev/null
  else
    python3 -c "import ${module//-/_}" 2>/dev/null
  fi
}

install_python_packages() {
  local missing=() missing_any_python=() entry
  for entry in "${DRAAGVLAK_PIP_PACKAGES[@]}"; do
    python_package_present "${entry%%:*}" "${entry#*:}" || missing+=("${entry%%:*}")
  done
  for entry in "${DRAAGVLAK_PIP_PACKAGES_ANY_PYTHON[@]}"; do
    python_package_present "${entry%%:*}" "${entry#*:}" || missing_any_python+=("${entry%%:*}")
  done
  local pip=(python3 -m pip install --quiet --disable-pip-version-check --no-input)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing Python packages: ${missing[*]}"
    "${pip[@]}" "${missing[@]}"
  fi
  if [ ${#missing_any_python[@]} -gt 0 ]; then
    log "installing Python packages (whatever Python they declare): ${missing_any_python[*]}"
    "${pip[@]}" --ignore-requires-python "${missing_any_python[@]}"
  fi
}
