#!/usr/bin/env bash
# `make demo`: copies examples/demo/project into a fresh git repository under
# build/demo-repo, runs `slipway run --all` on it, prints the findings and
# where the reports went, and exits 0 when slipway behaved as expected: exit
# code 1 (the project has deliberate errors) and every planted rule found.
set -euo pipefail
slipway=$(realpath "${1:?usage: run-demo.sh PATH/TO/slipway}")
here=$(cd "$(dirname "$0")" && pwd)
demo=$(realpath -m "$(dirname "$slipway")/demo-repo")
rm -rf "$demo"
cp -r "$here/project" "$demo"
chmod +x "$demo/scripts/deploy.sh"  # executable without a shebang: planted
git -C "$demo" init -q -b main
git -C "$demo" -c user.name=demo -c user.email=demo@example.com add -A
git -C "$demo" -c user.name=demo -c user.email=demo@example.com -c commit.gpgsign=false commit -qm "demo project"

echo "== slipway run --all on $demo"
set +e
(cd "$demo" && "$slipway" run --all --format console,json,sarif,codequality,junit,markdown)
status=$?
set -e
echo
echo "== slipway exited with $status (1 = findings at or above fail-on, as planted)"
expected=(trailing-whitespace json-syntax yaml-syntax merge-conflict-marker executable-without-shebang)
missing=()
for rule in "${expected[@]}"; do
  grep -Eq "\"rule\": *\"$rule\"" "$demo/.slipway/reports/lint.json" || missing+=("$rule")
done
if [ "$status" -ne 1 ] || [ ${#missing[@]} -gt 0 ]; then
  echo "demo: unexpected result (exit $status, missing rules: ${missing[*]:-none})" >&2
  exit 1
fi
echo "demo: slipway behaved as expected; reports are in $demo/.slipway/reports"
