#!/usr/bin/env bash
# Shipped descriptor plugins/stylelint.yml against the real Stylelint with
# stylelint-config-standard: planted problems come out with their rule ids,
# lines, columns and severities (a rule the project's config turns into a
# warning stays a warning), a syntax error is an error, a clean file has none,
# warnings alone pass, `lint --fix` rewrites a file to Stylelint's fixes and a
# second run is clean, and a missing config is a crash.
source "$(dirname "$0")/lib.sh"

export PATH="$SLIPWAY_TOOLS/npm/node_modules/.bin:$PATH"
if ! command -v stylelint >/dev/null; then
  echo "skipped: stylelint is not installed (tests/tools/install-npm-tools.sh installs it into .tools/npm)"
  exit 77
fi

# "extends": "stylelint-config-standard" is resolved from node_modules next
# to the config or above it: link the tools' node_modules just above the repo.
ln -s "$SLIPWAY_TOOLS/npm/node_modules" "$TEST_TMP/node_modules"

repo=$TEST_TMP/repo
new_repo "$repo"
cp -R "$SLIPWAY_SOURCE_DIR/tests/fixtures/linters/stylelint/." "$repo/"
printf 'version: 1\nlint:\n  linters:\n    stylelint: {enabled: true}\n' >"$repo/.slipway.yml"
commit_all "$repo"
report=$repo/.slipway/reports/lint.json

# findings: one "path:line:column rule severity" line per Stylelint finding.
findings() {
  jq -r '.findings[] | select(.tool == "stylelint") | "\(.path):\(.line):\(.column) \(.rule) \(.severity)"' "$report"
}

run_slipway lint --all -C "$repo" --format json --color never
expect_status 1 "Stylelint errors fail the run"
expect_eq "$(findings)" "styles/bad.css:3:3 stylelint/property-no-unknown error
styles/bad.css:4:12 stylelint/length-zero-no-unit error
styles/bad.css:8:10 stylelint/declaration-property-value-no-unknown error
styles/bad.css:9:21 stylelint/declaration-no-important warning
styles/broken.css:1:1 stylelint/CssSyntaxError error" "exact Stylelint findings"
expect_eq "$(jq -r '.findings[] | select(.rule == "stylelint/property-no-unknown") | "\(.message) @\(.end_line):\(.end_column)"' "$report")" \
  'Unknown property "colr" (property-no-unknown) @3:7' "message and end position taken from the report"
expect_eq "$(jq '[.findings[] | select(.path == "styles/clean.css")] | length' "$report")" "0" "clean file has no findings"
expect_eq "$(jq '[.findings[] | select(.rule == "stylelint/crashed")] | length' "$report")" "0" "no crash finding"

# Warnings only: Stylelint exits 0 and the warning is still reported.
git -C "$repo" rm -q styles/bad.css styles/broken.css
printf '.note {\n  color: red !important;\n}\n' >"$repo/styles/warn.css"
commit_all "$repo"
run_slipway lint --all -C "$repo" --format json --color never
expect_status 0 "warnings only: exit 0"
expect_eq "$(findings)" "styles/warn.css:2:14 stylelint/declaration-no-important warning" "the warning is reported"

# --fix: Stylelint's fixes are written, the file is reported as fixed, the
# unfixable warning stays, and a second run has nothing new.
printf '.box {\n  margin: 0px;\n  color: #FFFFFF;\n}\n' >"$repo/styles/fixable.css"
commit_all "$repo"
run_slipway lint --all --fix -C "$repo" --format json --color never
expect_status 0 "everything fixable was fixed"
expect_eq "$(cat "$repo/styles/fixable.css")" ".box {
  margin: 0;
  color: #FFF;
}" "file rewritten by stylelint --fix"
expect_eq "$(jq -r '.fixed_files | join(" ")' "$report")" "styles/fixable.css" "fixed file reported"
expect_eq "$(findings)" "styles/warn.css:2:14 stylelint/declaration-no-important warning" "only the unfixable warning left"
run_slipway lint --all -C "$repo" --format json --color never
expect_status 0 "second run passes"
expect_eq "$(findings)" "styles/warn.css:2:14 stylelint/declaration-no-important warning" "second run: no new findings"

# Without a config Stylelint exits 78: a crash finding, never a silent pass.
git -C "$repo" rm -q .stylelintrc.json
commit_all "$repo"
run_slipway lint --all -C "$repo" --format json --color never
expect_status 1 "a crashed Stylelint fails the run"
expect_eq "$(jq -r '[.findings[] | select(.tool == "stylelint") | .rule] | unique | join(" ")' "$report")" \
  "stylelint/crashed" "exit code 78 is a crash"
expect_contains "$(jq -r '[.findings[] | select(.tool == "stylelint")][0].message' "$report")" "78" \
  "crash message names the exit code"
finish
