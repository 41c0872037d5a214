# Sourced by scripts/demo and scripts/test: installs the Debian packages Ward builds and links
# against when they are missing (the SQLite history, libxml2 for JUnit, Vectorscan and PCRE2 for
# the secret detector, venv for the scanners' virtual environments, strace for the test that watches a hostile scan).
ward_system_packages() {
  command -v apt-get >/dev/null 2>&1 || return 0
  local packages="libsqlite3-dev libxml2-dev zlib1g-dev libvectorscan-dev libpcre2-dev python3-venv git strace"
  # shellcheck disable=SC2086
  dpkg -s $packages >/dev/null 2>&1 && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $packages >/dev/null
}
