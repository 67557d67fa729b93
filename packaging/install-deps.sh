#!/usr/bin/env bash
# Installs the Debian packages listed in packaging/debian-packages.txt that are
# not installed yet. Usage: install-deps.sh [build|test]... (default: build).
# Runs apt-get only when something is missing, so a prepared machine pays nothing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
sections=("$@")
[ ${#sections[@]} -eq 0 ] && sections=(build)
wanted=()
current=""
while IFS= read -r line; do
  line=${line%%#*}
  read -r line cmd <<<"$line" || true
  [ -z "$line" ] && continue
  # "package command": the package is only wanted when the command is absent
  # (npm ships inside some nodejs builds).
  if [ -n "${cmd:-}" ] && command -v "$cmd" >/dev/null 2>&1; then continue; fi
  if [[ $line == \[*\] ]]; then current=${line:1:-1}; continue; fi
  for s in "${sections[@]}"; do [ "$s" = "$current" ] && wanted+=("$line"); done
done < "$here/debian-packages.txt"
missing=()
for p in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ $status == "install ok installed" ]] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "slipway: installing missing Debian packages: ${missing[*]}" >&2
if [ "$(id -u)" -ne 0 ]; then
  echo "slipway: run as root (or with sudo) to install: apt-get install ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
