#!/usr/bin/env bash
# Installs the npm tools the tests use, at pinned versions, into .tools/npm
# (git-ignored). Re-running is cheap: npm is only called when the pinned set
# changed. Tests find the binaries through SLIPWAY_TOOLS (= .tools).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
prefix="$root/.tools/npm"
spec="$root/tests/tools/npm-tools.txt"
stamp="$prefix/.installed"
mkdir -p "$prefix"
packages=$(grep -vE '^\s*(#|$)' "$spec" | tr '\n' ' ')
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$packages" ]; then
  exit 0
fi
echo "slipway tests: installing npm tools: $packages" >&2
# shellcheck disable=SC2086
npm install --no-audit --no-fund --loglevel=error --prefix "$prefix" $packages >&2
echo "$packages" > "$stamp"
# npm does not run the multitool's install script, which marks its binary executable.
find "$prefix/node_modules/@microsoft" -type f -name 'Sarif.Multitool' -exec chmod u+x {} + 2>/dev/null || true
