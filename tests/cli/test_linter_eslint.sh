#!/usr/bin/env bash
# Shipped descriptor plugins/eslint.yml against the real ESLint (flat config):
# the fixture's eslint.config.mjs imports @eslint/js, planted problems come
# out with their rule ids, lines and severities (2 = error, 1 = warning), a
# parse error is an error without a rule, a clean file has none, a run with
# warnings only passes, and `lint --fix` rewrites a file to ESLint's fixes,
# reports it as fixed, and a second run is clean.
source "$(dirname "$0")/lib.sh"

export PATH="$SLIPWAY_TOOLS/npm/node_modules/.bin:$PATH"
if ! command -v eslint >/dev/null; then
  echo "skipped: eslint is not installed (tests/tools/install-npm-tools.sh installs it into .tools/npm)"
  exit 77
fi

# The fixture's config imports @eslint/js. Node resolves ES module imports
# from node_modules folders next to the file or above it (NODE_PATH does not
# apply to them), so the tools' node_modules is linked just above the repo.
ln -s "$SLIPWAY_TOOLS/npm/node_modules" "$TEST_TMP/node_modules"

repo=$TEST_TMP/repo
new_repo "$repo"
cp -R "$SLIPWAY_SOURCE_DIR/tests/fixtures/linters/eslint/." "$repo/"
printf 'version: 1\nlint:\n  linters:\n    eslint: {enabled: true}\n' >"$repo/.slipway.yml"
commit_all "$repo"
report=$repo/.slipway/reports/lint.json

# findings: one "path:line:column rule severity" line per ESLint finding.
findings() {
  jq -r '.findings[] | select(.tool == "eslint") | "\(.path):\(.line):\(.column) \(.rule) \(.severity)"' "$report"
}

run_slipway lint --all -C "$repo" --format json --color never
expect_status 1 "ESLint errors fail the run"
expect_eq "$(findings)" "src/bad.js:2:5 eslint/no-unused-vars error
src/bad.js:3:5 eslint/prefer-const error
src/bad.js:3:14 eslint/semi warning
src/bad.js:5:3 eslint/no-debugger error
src/bad.js:7:16 eslint/no-undef error
src/broken.mjs:1:14 eslint/unknown error" "exact ESLint findings"
expect_eq "$(jq -r '.findings[] | select(.rule == "eslint/no-undef") | .message' "$report")" \
  "'missing' is not defined." "message taken from the report"
expect_eq "$(jq -r '.findings[] | select(.rule == "eslint/no-undef") | "\(.end_line):\(.end_column)"' "$report")" \
  "7:23" "end position taken from the report"
expect_contains "$(jq -r '.findings[] | select(.path == "src/broken.mjs") | .message' "$report")" \
  "Parsing error" "parse error reported as a finding"
expect_eq "$(jq '[.findings[] | select(.path == "src/clean.js")] | length' "$report")" "0" "clean file has no findings"
expect_eq "$(jq '[.findings[] | select(.rule == "eslint/crashed")] | length' "$report")" "0" "no crash finding"

# Warnings only: ESLint exits 0 and the warning is still reported.
git -C "$repo" rm -q src/bad.js src/broken.mjs
printf 'const value = 1\nexport default value;\n' >"$repo/src/style.js"
commit_all "$repo"
run_slipway lint --all -C "$repo" --format json --color never
expect_status 0 "warnings only: exit 0"
expect_eq "$(findings)" "src/style.js:1:16 eslint/semi warning" "the warning is reported"

# --fix: ESLint's fixes are written (prefer-const and semi), the file is
# reported as fixed, and a second run finds nothing.
printf 'let count = 3\nexport default count\n' >"$repo/src/fixable.js"
commit_all "$repo"
run_slipway lint --all --fix -C "$repo" --format json --color never
expect_status 0 "everything fixable was fixed"
expect_eq "$(cat "$repo/src/fixable.js")" "const count = 3;
export default count;" "file rewritten by eslint --fix"
expect_eq "$(cat "$repo/src/style.js")" "const value = 1;
export default value;" "warning fixed too"
expect_eq "$(jq -r '.fixed_files | sort | join(" ")' "$report")" "src/fixable.js src/style.js" "fixed files reported"
expect_eq "$(cat "$repo/src/clean.js")" "$(cat "$SLIPWAY_SOURCE_DIR/tests/fixtures/linters/eslint/src/clean.js")" \
  "clean file untouched"
run_slipway lint --all -C "$repo" --format json --color never
expect_status 0 "second run passes"
expect_eq "$(jq '.findings | length' "$report")" "0" "no findings after the fix"

# Without a config file ESLint stops with exit code 2: one crash finding,
# never a silent pass.
git -C "$repo" rm -q eslint.config.mjs
commit_all "$repo"
run_slipway lint --all -C "$repo" --format json --color never
expect_status 1 "a crashed ESLint fails the run"
expect_eq "$(jq -r '[.findings[] | select(.tool == "eslint") | .rule] | unique | join(" ")' "$report")" "eslint/crashed" \
  "exit code 2 is a crash"
finish
