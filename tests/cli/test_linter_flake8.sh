#!/usr/bin/env bash
# Shipped descriptor plugins/flake8.yml against the real flake8: planted
# pyflakes, pycodestyle and syntax problems come out with their codes, lines
# and mapped severities (F and E9 errors, E/W warnings), a clean file has
# none, the project's .flake8 is honoured without changing the output format,
# lint.linters.flake8.config adds a configuration file, and a run with style
# warnings only passes.
source "$(dirname "$0")/lib.sh"

if ! command -v flake8 >/dev/null; then
  echo "skipped: flake8 is not installed (apt-get install flake8)"
  exit 77
fi

repo=$TEST_TMP/repo
new_repo "$repo"
cat > "$repo/app.py" <<'PY'
import os
import sys


def greet(name):
    print("hello", name,sys.argv)
    return undefined_name
class Greeter:
    pass
PY
printf 'def broken(:\n    pass\n' > "$repo/broken.py"
printf '"""A clean module."""\n\n\ndef add(a, b):\n    return a + b\n' > "$repo/clean.py"
printf 'x = 1 ;\nl = [1,2]\n' > "$repo/style.py"
# The project's configuration ignores E231 (the missing spaces after commas
# above) and asks for another output format and source lines, which the
# descriptor's command line must override.
printf '[flake8]\nextend-ignore = E231\nformat = pylint\nshow-source = true\n' > "$repo/.flake8"
printf 'version: 1\nlint:\n  linters:\n    flake8: {enabled: true}\n' > "$repo/.slipway.yml"
commit_all "$repo"

run_slipway lint --all -C "$repo" --format json --color never
expect_status 1 "undefined name and syntax error are errors"
report=$repo/.slipway/reports/lint.json
expect_eq "$(jq -c '[.findings[] | select(.tool == "flake8") | [.rule, .path, .line, .column, .severity]]' "$report")" \
  '[["flake8/F401","app.py",1,1,"error"],["flake8/F821","app.py",7,12,"error"],["flake8/E302","app.py",8,1,"warning"],["flake8/E999","broken.py",1,13,"error"],["flake8/E203","style.py",1,6,"warning"],["flake8/E703","style.py",1,7,"warning"],["flake8/E741","style.py",2,1,"warning"]]' \
  "exact flake8 findings (E231 ignored by .flake8)"
expect_eq "$(jq -r '.findings[] | select(.rule == "flake8/F821") | .message' "$report")" \
  "undefined name 'undefined_name'" "message without path and code"
expect_eq "$(jq '[.findings[] | select(.path == "clean.py")] | length' "$report")" "0" "clean file has no findings"
expect_eq "$(jq '[.findings[] | select(.rule == "flake8/crashed")] | length' "$report")" "0" "no crash finding"

# Style warnings only: the run passes; a configuration file named in
# .slipway.yml is layered on top of .flake8 (it ignores E741).
git -C "$repo" rm -q app.py broken.py
mkdir -p "$repo/ci"
printf '[flake8]\nextend-ignore = E231,E741\n' > "$repo/ci/flake8.cfg"
printf 'version: 1\nlint:\n  linters:\n    flake8: {enabled: true, config: ci/flake8.cfg}\n' > "$repo/.slipway.yml"
commit_all "$repo"
run_slipway lint --all -C "$repo" --format json --color never
expect_status 0 "warnings only: exit 0"
expect_eq "$(jq -c '[.findings[] | select(.tool == "flake8") | [.rule, .path, .line, .severity]]' "$report")" \
  '[["flake8/E203","style.py",1,"warning"],["flake8/E703","style.py",1,"warning"]]' \
  "lint.linters.flake8.config is applied"
finish
