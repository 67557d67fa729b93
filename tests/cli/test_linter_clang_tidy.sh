#!/usr/bin/env bash
# The shipped clang-tidy descriptor (plugins/clang-tidy.yml) against the real
# clang-tidy, with a compile_commands.json at the root of the repository:
# exact findings (rule, path, line, severity) from its diagnostics, a check in
# WarningsAsErrors as an error that fails the run, warnings alone passing,
# lint.linters.clang-tidy.config as --config-file, and --fix applying the
# checks' fix-its.
source "$(dirname "$0")/lib.sh"

if ! command -v clang-tidy >/dev/null; then
  echo "clang-tidy is not installed (apt-get install clang-tidy): skipping"
  exit 77
fi

repo=$TEST_TMP/repo
new_repo "$repo"
# The fixture is written here rather than kept as C/C++ files in the source
# tree, where `make format` would reformat it.
put() { mkdir -p "$(dirname "$repo/$1")" && cat >"$repo/$1"; }
put .clang-tidy <<'EOF'
# A small, fixed set of checks so the test does not change with clang-tidy's defaults.
Checks: '-*,bugprone-integer-division,readability-braces-around-statements,modernize-use-nullptr'
WarningsAsErrors: 'bugprone-integer-division'
EOF
put src/bad.cpp <<'EOF'
// Known problems for the clang-tidy test.

double half(int total) {
  return total / 2 * 1.0;
}

int sign(int value) {
  if (value < 0)
    return -1;
  return 1;
}

int *nothing() {
  int *pointer = 0;
  return pointer;
}
EOF
put src/warnings.cpp <<'EOF'
// Only warnings: nothing here is in WarningsAsErrors.

int absolute(int value) {
  if (value < 0)
    return -value;
  return value;
}
EOF
put src/clean.cpp <<'EOF'
// No problems for the checks in .clang-tidy.

double average(int total, int count) {
  return static_cast<double>(total) / count;
}

int *none() { return nullptr; }
EOF
# The compilation database names absolute paths, so it is written here.
jq -n --arg root "$repo" '[("bad", "clean", "warnings") as $name
  | {directory: $root, file: "\($root)/src/\($name).cpp",
     arguments: ["c++", "-std=c++17", "-c", "src/\($name).cpp", "-o", "/dev/null"]}]' \
  >"$repo/compile_commands.json"
# The same checks, none of them an error.
printf "Checks: '-*,bugprone-integer-division,readability-braces-around-statements,modernize-use-nullptr'\n" \
  >"$repo/tidy-warnings.yml"
printf 'version: 1\nlint:\n  linters:\n    clang-tidy: {enabled: true}\n' >"$repo/.slipway.yml"
commit_all "$repo"
report=$repo/.slipway/reports/lint.json

# findings: one "path:line:column rule severity" line per clang-tidy finding.
findings() {
  jq -r '.findings[] | select(.tool == "clang-tidy") | "\(.path):\(.line):\(.column) \(.rule) \(.severity)"' "$report"
}

run_slipway lint --all -C "$repo" --format json --color never
expect_status 1 "a WarningsAsErrors check fails the run"
expect_eq "$(findings)" "src/bad.cpp:4:10 clang-tidy/bugprone-integer-division error
src/bad.cpp:8:17 clang-tidy/readability-braces-around-statements warning
src/bad.cpp:14:18 clang-tidy/modernize-use-nullptr warning
src/warnings.cpp:4:17 clang-tidy/readability-braces-around-statements warning" "exact clang-tidy findings"
expect_eq "$(jq -r '.findings[] | select(.rule == "clang-tidy/modernize-use-nullptr") | .message' "$report")" \
  "use nullptr" "message without the check name"
expect_eq "$(jq '[.findings[] | select(.path == "src/clean.cpp")] | length' "$report")" "0" "clean file has no findings"

# An explicit config file replaces .clang-tidy: the same checks, only warnings.
printf 'version: 1\nlint:\n  linters:\n    clang-tidy: {config: tidy-warnings.yml}\n' >"$repo/.slipway.yml"
run_slipway lint --all -C "$repo" --format json --color never
expect_status 0 "only warnings: the run passes"
expect_eq "$(findings)" "src/bad.cpp:4:10 clang-tidy/bugprone-integer-division warning
src/bad.cpp:8:17 clang-tidy/readability-braces-around-statements warning
src/bad.cpp:14:18 clang-tidy/modernize-use-nullptr warning
src/warnings.cpp:4:17 clang-tidy/readability-braces-around-statements warning" \
  "lint.linters.clang-tidy.config used: every finding a warning"

# --fix applies the fix-its (braces, nullptr); integer division has none.
printf 'version: 1\nlint:\n  linters:\n    clang-tidy: {enabled: true}\n' >"$repo/.slipway.yml"
run_slipway lint --all --fix -C "$repo" --format json --color never
expect_status 1 "the error without a fix-it is still reported"
expect_eq "$(jq -r '.fixed_files | join(" ")' "$report")" "src/bad.cpp src/warnings.cpp" "fixed files reported"
expect_contains "$(cat "$repo/src/bad.cpp")" "int *pointer = nullptr;" "nullptr fix applied"
expect_contains "$(cat "$repo/src/bad.cpp")" "if (value < 0) {" "braces fix applied"
expect_contains "$(cat "$repo/src/warnings.cpp")" "if (value < 0) {" "braces fix applied in the second file"
expect_eq "$(findings)" "src/bad.cpp:4:10 clang-tidy/bugprone-integer-division error" "only the unfixable finding left"
run_slipway lint --all -C "$repo" --format json --color never
expect_status 1 "second run: the unfixable error remains"
expect_eq "$(findings)" "src/bad.cpp:4:10 clang-tidy/bugprone-integer-division error" "second run finds nothing else"

# lint.auto turns it on because of compile_commands.json alone.
rm "$repo/.clang-tidy"
printf 'version: 1\nlint:\n  auto: true\n' >"$repo/.slipway.yml"
commit_all "$repo"
run_slipway lint --list -C "$repo"
expect_status 0 "lint --list"
expect_contains "$(grep '^clang-tidy ' <<<"$out")" "auto: detected compile_commands.json" "detected by compile_commands.json"
finish
