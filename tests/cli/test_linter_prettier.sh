#!/usr/bin/env bash
# Shipped descriptor plugins/prettier.yml against the real Prettier: in check
# mode each unformatted file is one whole-file warning, a file Prettier cannot
# parse is an error with its line and column (and does not hide the other
# files of its batch), the project's .prettierrc.json is honoured, files
# Prettier has no parser for are not its business, and `lint --fix` rewrites
# the files to Prettier's formatting, reports them as fixed, and a second run
# is clean.
source "$(dirname "$0")/lib.sh"

export PATH="$SLIPWAY_TOOLS/npm/node_modules/.bin:$PATH"
if ! command -v prettier >/dev/null; then
  echo "skipped: prettier is not installed (tests/tools/install-npm-tools.sh installs it into .tools/npm)"
  exit 77
fi

repo=$TEST_TMP/repo
new_repo "$repo"
# .slipway.yml is YAML, so Prettier checks it too: it is written the way
# Prettier prints it (a block mapping, not "{enabled: true}").
cp -R "$SLIPWAY_SOURCE_DIR/tests/fixtures/linters/prettier/." "$repo/"
printf 'version: 1\nlint:\n  linters:\n    prettier:\n      enabled: true\n' >"$repo/.slipway.yml"
commit_all "$repo"
report=$repo/.slipway/reports/lint.json

# findings: one "path:line:column rule severity" line per Prettier finding.
findings() {
  jq -r '.findings[] | select(.tool == "prettier") | "\(.path):\(.line):\(.column) \(.rule) \(.severity)"' "$report"
}

run_slipway lint --all -C "$repo" --format json --color never
expect_status 1 "a file Prettier cannot parse fails the run"
expect_eq "$(findings)" "docs/ugly.md:0:0 prettier/unknown warning
src/broken.js:1:14 prettier/SyntaxError error
src/ugly.js:0:0 prettier/unknown warning
styles/ugly.css:0:0 prettier/unknown warning" "exact Prettier findings"
expect_eq "$(jq -r '.findings[] | select(.path == "src/broken.js") | .message' "$report")" \
  "[error] src/broken.js: SyntaxError: Unexpected token (1:14)" "parse error message"
expect_eq "$(jq -r '.findings[] | select(.path == "src/ugly.js") | .message' "$report")" \
  "[warn] src/ugly.js" "unformatted file message"
expect_eq "$(jq '[.findings[] | select(.path == "src/clean.js")] | length' "$report")" "0" \
  "clean file (formatted with the project's semi: false) has no findings"
expect_eq "$(jq '[.findings[] | select(.rule == "prettier/crashed")] | length' "$report")" "0" "no crash finding"

# Unformatted files only: warnings, the run passes.
git -C "$repo" rm -q src/broken.js
commit_all "$repo"
run_slipway lint --all -C "$repo" --format json --color never
expect_status 0 "unformatted files only: exit 0"
expect_eq "$(findings | wc -l)" "3" "the three unformatted files are still reported"

# --fix: Prettier rewrites the files, they are reported as fixed, and a
# second run finds nothing.
run_slipway lint --all --fix -C "$repo" --format json --color never
expect_status 0 "everything was formatted"
expect_eq "$(cat "$repo/src/ugly.js")" "const point = { x: 1, y: 2 }
export default point" "JavaScript rewritten (without semicolons, as configured)"
expect_eq "$(cat "$repo/styles/ugly.css")" ".card {
  margin: 0;
  color: red;
}" "CSS rewritten"
expect_eq "$(cat "$repo/docs/ugly.md")" "# Notes

- one
- two" "Markdown rewritten"
expect_eq "$(jq -r '.fixed_files | sort | join(" ")' "$report")" "docs/ugly.md src/ugly.js styles/ugly.css" \
  "fixed files reported"
expect_eq "$(cat "$repo/docs/notes.txt")" "plain text, not for Prettier" "file without a parser untouched"
run_slipway lint --all -C "$repo" --format json --color never
expect_status 0 "second run passes"
expect_eq "$(jq '.findings | length' "$report")" "0" "no findings after the fix"

# A broken config makes Prettier exit 2 without naming a file: a crash,
# never a silent pass.
printf 'semi: [\n' >"$repo/.prettierrc.json"
commit_all "$repo"
run_slipway lint --all -C "$repo" --format json --color never
expect_status 1 "a crashed Prettier fails the run"
expect_eq "$(jq -r '[.findings[] | select(.tool == "prettier") | .rule] | unique | join(" ")' "$report")" \
  "prettier/crashed" "a broken config is a crash"
finish
