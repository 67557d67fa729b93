#!/usr/bin/env bash
# The shipped clang-format descriptor (plugins/clang-format.yml) against the
# real clang-format: check mode (--dry-run --Werror) gives one error per place
# that would change, at its exact line and column; the clean file has none;
# lint.linters.clang-format.config becomes --style=file:<path>; and
# lint --fix rewrites the files in the style of .clang-format, reports them,
# and leaves nothing for a second run.
source "$(dirname "$0")/lib.sh"

if ! command -v clang-format >/dev/null; then
  echo "clang-format is not installed (apt-get install clang-format): skipping"
  exit 77
fi

repo=$TEST_TMP/repo
new_repo "$repo"
# The fixture is written here rather than kept as C/C++ files in the source
# tree, where `make format` would reformat it.
put() { mkdir -p "$(dirname "$repo/$1")" && cat >"$repo/$1"; }
put .clang-format <<'EOF'
BasedOnStyle: LLVM
EOF
put styles/indent4.clang-format <<'EOF'
BasedOnStyle: LLVM
IndentWidth: 4
EOF
put src/ugly.cpp <<'EOF'
// Known formatting problems for the clang-format test (LLVM style).
#include "ugly.h"

int  twice(int value) { return value * 2; }

int clamp(int value) {
  if (value > 10)
    return 10;
    return value;
}
EOF
put include/ugly.h <<'EOF'
// A header with one formatting problem.
#pragma once
int twice( int value );
EOF
put src/clean.cpp <<'EOF'
// Formatted in LLVM style: clang-format changes nothing here.
int add(int left, int right) {
  int sum = left + right;
  return sum;
}
EOF
printf 'version: 1\nlint:\n  linters:\n    clang-format: {enabled: true}\n' >"$repo/.slipway.yml"
commit_all "$repo"
report=$repo/.slipway/reports/lint.json
clean_before=$(cat "$repo/src/clean.cpp")

# findings: one "path:line:column rule severity" line per clang-format finding.
findings() {
  jq -r '.findings[] | select(.tool == "clang-format") | "\(.path):\(.line):\(.column) \(.rule) \(.severity)"' "$report"
}

run_slipway lint --all -C "$repo" --format json --color never
expect_status 1 "unformatted code fails the run"
expect_eq "$(findings)" "include/ugly.h:3:11 clang-format/clang-format-violations error
include/ugly.h:3:21 clang-format/clang-format-violations error
src/ugly.cpp:4:4 clang-format/clang-format-violations error
src/ugly.cpp:8:15 clang-format/clang-format-violations error" "exact clang-format findings"
expect_eq "$(jq '[.findings[] | select(.path == "src/clean.cpp")] | length' "$report")" "0" "clean file has no findings"

# An explicit style file replaces the .clang-format lookup: with 4-space
# indents the clean file is no longer clean.
printf 'version: 1\nlint:\n  linters:\n    clang-format: {config: styles/indent4.clang-format}\n' >"$repo/.slipway.yml"
run_slipway lint --all -C "$repo" --format json --color never
expect_status 1 "other style: findings"
expect_eq "$(findings | grep '^src/clean.cpp' || true)" "src/clean.cpp:2:31 clang-format/clang-format-violations error
src/clean.cpp:3:26 clang-format/clang-format-violations error" "lint.linters.clang-format.config used"

# --fix rewrites to the style of .clang-format.
printf 'version: 1\nlint:\n  linters:\n    clang-format: {enabled: true}\n' >"$repo/.slipway.yml"
run_slipway lint --all --fix -C "$repo" --format json --color never
expect_status 0 "everything fixed"
expect_eq "$(jq -r '.fixed_files | join(" ")' "$report")" "include/ugly.h src/ugly.cpp" "fixed files reported"
expect_eq "$(findings)" "" "no findings after the fix"
expect_eq "$(cat "$repo/include/ugly.h")" "// A header with one formatting problem.
#pragma once
int twice(int value);" "header rewritten in LLVM style"
expect_eq "$(cat "$repo/src/ugly.cpp")" "// Known formatting problems for the clang-format test (LLVM style).
#include \"ugly.h\"

int twice(int value) { return value * 2; }

int clamp(int value) {
  if (value > 10)
    return 10;
  return value;
}" "source rewritten in LLVM style"
expect_eq "$(cat "$repo/src/clean.cpp")" "$clean_before" "clean file untouched"

run_slipway lint --all -C "$repo" --format json --color never
expect_status 0 "second run passes"
expect_eq "$(jq '.findings | length' "$report")" "0" "second run finds nothing"
finish
