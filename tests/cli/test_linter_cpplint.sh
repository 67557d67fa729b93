#!/usr/bin/env bash
# The shipped cpplint descriptor (plugins/cpplint.yml) against the real
# cpplint: exact findings (rule, path, line, severity from cpplint's
# confidence) from its emacs output, a whole-file finding on line 0, the
# CPPLINT.cfg files honoured (root linelength, a folder's filter), and exit
# code 0 because cpplint's findings are warnings and notes.
source "$(dirname "$0")/lib.sh"

if ! command -v cpplint >/dev/null; then
  echo "cpplint is not installed (apt-get install cpplint): skipping"
  exit 77
fi

repo=$TEST_TMP/repo
new_repo "$repo"
# The fixture is written here rather than kept as C/C++ files in the source
# tree, where `make format` would reformat it.
put() { mkdir -p "$(dirname "$repo/$1")" && cat >"$repo/$1"; }
put CPPLINT.cfg <<'EOF'
# Keep cpplint from reading configs above the repository.
set noparent
linelength=100
EOF
put legacy/CPPLINT.cfg <<'EOF'
# Old code keeps its using-directives.
filter=-build/namespaces
EOF
put src/bad.cc <<'EOF'
#include <string>
using namespace std;

int scale(double value) {
  int n = (int)value;  // NOLINT(readability/casting)
  int m = (int)value; // a cast and too few spaces before this comment
  return n + m;
}
EOF
put src/clean.cc <<'EOF'
// Copyright 2024 The Slipway Authors
// Lines up to 100 characters are fine under the root CPPLINT.cfg (linelength=100).

int add_four(int first_number, int second_number, int third_number, int fourth_number) {
  return first_number + second_number + third_number + fourth_number;
}
EOF
put legacy/old.cc <<'EOF'
// Copyright 2024 The Slipway Authors
#include <string>
using namespace std;

string name() { return "old"; }
EOF
printf 'version: 1\nlint:\n  linters:\n    cpplint: {enabled: true}\n' >"$repo/.slipway.yml"
commit_all "$repo"
report=$repo/.slipway/reports/lint.json

# findings: one "path:line rule severity" line per cpplint finding (cpplint has no columns).
findings() {
  jq -r '.findings[] | select(.tool == "cpplint") | "\(.path):\(.line) \(.rule) \(.severity)"' "$report"
}

run_slipway lint --all -C "$repo" --format json --color never
expect_status 0 "warnings and notes only: the run passes"
expect_eq "$(findings)" "src/bad.cc:0 cpplint/legal/copyright warning
src/bad.cc:2 cpplint/build/namespaces warning
src/bad.cc:6 cpplint/readability/casting warning
src/bad.cc:6 cpplint/whitespace/comments note" "exact cpplint findings"
expect_eq "$(jq -r '.findings[] | select(.rule == "cpplint/build/namespaces") | .message' "$report")" \
  "Do not use namespace using-directives.  Use using-declarations instead." "message without category and confidence"
expect_eq "$(jq '[.findings[] | select(.path == "src/clean.cc")] | length' "$report")" "0" \
  "clean file has no findings (root CPPLINT.cfg: linelength=100)"
expect_eq "$(jq '[.findings[] | select(.path == "legacy/old.cc")] | length' "$report")" "0" \
  "legacy/CPPLINT.cfg filter honoured"

# With fail-on warning the same findings fail the run.
printf 'version: 1\nlint:\n  linters:\n    cpplint: {fail-on: warning}\n' >"$repo/.slipway.yml"
run_slipway lint --all -C "$repo" --format json --color never
expect_status 1 "fail-on warning"
finish
