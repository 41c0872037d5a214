# Sourced by scripts that scan the demo without a network: starts the fixture OSV server on
# loopback (it stops when this shell exits, since its standard input closes) and sets
# WARD_OFFLINE_ARGS, the `ward scan` arguments that point Safety and pip-audit at the offline
# advisory data under fixtures/advisories.
ward_offline_advisories() {
  local repo="$1"
  coproc WARD_OSV { exec python3 "$repo/fixtures/advisories/osv_server.py"; }
  local port
  read -r port <&"${WARD_OSV[0]}"
  WARD_OFFLINE_ARGS=(
    --tool-arg "safety=--db=$repo/fixtures/advisories/safety-db"
    --tool-arg "pip-audit=--vulnerability-service=osv"
    --tool-arg "pip-audit=--osv-url=http://127.0.0.1:$port/v1/query"
    --tool-arg "pip-audit=--no-deps"
    --tool-arg "pip-audit=--disable-pip"
  )
}
