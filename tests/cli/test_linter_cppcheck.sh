#!/usr/bin/env bash
# The shipped Cppcheck descriptor (plugins/cppcheck.yml) against the real
# cppcheck: exact findings (rule, path, line, severity) from its daca2
# template, inline suppressions honoured, C++ `.h` headers not given to it, the
# suppressions list picked up as {config}, and the exit code following the
# worst finding.
source "$(dirname "$0")/lib.sh"

if ! command -v cppcheck >/dev/null; then
  echo "cppcheck is not installed (apt-get install cppcheck): skipping"
  exit 77
fi

repo=$TEST_TMP/repo
new_repo "$repo"
# The fixture is written here rather than kept as C/C++ files in the source
# tree, where `make format` would reformat it.
put() { mkdir -p "$(dirname "$repo/$1")" && cat >"$repo/$1"; }
put src/bad.cpp <<'EOF'
// Known problems for the Cppcheck test: two errors and one style note.
int divide(int value) {
  int zero = 0;
  return value / zero;
}

int last_of_three() {
  int numbers[3] = {1, 2, 3};
  return numbers[3];
}

void overwrite() {
  int unused = 1;
  unused = 2;
}
EOF
put src/suppressed.cpp <<'EOF'
// The same division by zero as in bad.cpp, silenced by an inline suppression.
int divide_quietly(int value) {
  int zero = 0;
  // cppcheck-suppress zerodiv
  return value / zero;
}
EOF
put src/clean.cpp <<'EOF'
// No problems: Cppcheck reports nothing here.
#include "widget.h"

int add(int left, int right) { return left + right; }
EOF
put include/widget.h <<'EOF'
// A C++ header with a plain .h name: not given to Cppcheck, which would
// read it as C and call the namespace a syntax error.
#pragma once
namespace demo {
class Widget {
 public:
  int size() const { return 1; }
};
}  // namespace demo
EOF
printf 'version: 1\nlint:\n  linters:\n    cppcheck: {enabled: true}\n' >"$repo/.slipway.yml"
commit_all "$repo"
report=$repo/.slipway/reports/lint.json

# findings: one "path:line:column rule severity" line per cppcheck finding.
findings() {
  jq -r '.findings[] | select(.tool == "cppcheck") | "\(.path):\(.line):\(.column) \(.rule) \(.severity)"' "$report"
}

run_slipway lint --all -C "$repo" --format json --color never
expect_status 1 "errors from cppcheck fail the run"
expect_eq "$(findings)" "src/bad.cpp:4:16 cppcheck/zerodiv error
src/bad.cpp:8:7 cppcheck/constVariable note
src/bad.cpp:9:17 cppcheck/arrayIndexOutOfBounds error
src/bad.cpp:14:10 cppcheck/unreadVariable note" "exact cppcheck findings"
expect_eq "$(jq -r '.findings[] | select(.rule == "cppcheck/zerodiv") | .message' "$report")" "Division by zero." \
  "message read from the template"
expect_eq "$(jq '[.findings[] | select(.path == "src/clean.cpp")] | length' "$report")" "0" "clean file has no findings"
expect_eq "$(jq '[.findings[] | select(.path == "src/suppressed.cpp")] | length' "$report")" "0" \
  "inline suppression honoured"
expect_eq "$(jq '[.findings[] | select(.path == "include/widget.h")] | length' "$report")" "0" \
  "C++ .h header not read as C"

# A suppressions list at the root becomes {config}; with the errors
# suppressed only the note is left and the run passes.
printf 'zerodiv\narrayIndexOutOfBounds:src/bad.cpp\nunreadVariable\n' >"$repo/.cppcheck-suppressions"
commit_all "$repo"
run_slipway lint --all -C "$repo" --format json --color never
expect_status 0 "only a note left: the run passes"
expect_eq "$(findings)" "src/bad.cpp:8:7 cppcheck/constVariable note" "suppressions list applied"
finish
