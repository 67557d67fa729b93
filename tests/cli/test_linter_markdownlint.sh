#!/usr/bin/env bash
# Shipped descriptor plugins/markdownlint.yml against the real
# markdownlint-cli2: planted problems come out of its default output with
# their MDxxx rules, lines, columns (when it prints one) and severities (a rule
# the project's .markdownlint.jsonc sets to "warning" stays a warning), a
# clean file has none, warnings alone pass, `lint --fix` applies
# markdownlint's fixes and a second run is clean, and a broken config is a
# crash.
source "$(dirname "$0")/lib.sh"

export PATH="$SLIPWAY_TOOLS/npm/node_modules/.bin:$PATH"
if ! command -v markdownlint-cli2 >/dev/null; then
  echo "skipped: markdownlint-cli2 is not installed (tests/tools/install-npm-tools.sh installs it into .tools/npm)"
  exit 77
fi

repo=$TEST_TMP/repo
new_repo "$repo"
cp -R "$SLIPWAY_SOURCE_DIR/tests/fixtures/linters/markdownlint/." "$repo/"
printf 'version: 1\nlint:\n  linters:\n    markdownlint: {enabled: true}\n' >"$repo/.slipway.yml"
commit_all "$repo"
report=$repo/.slipway/reports/lint.json

# findings: one "path:line:column rule severity" line per markdownlint finding.
findings() {
  jq -r '.findings[] | select(.tool == "markdownlint") | "\(.path):\(.line):\(.column) \(.rule) \(.severity)"' "$report"
}

run_slipway lint --all -C "$repo" --format json --color never
expect_status 1 "markdownlint errors fail the run"
expect_eq "$(findings)" "README.md:3:0 markdownlint/MD032 error
README.md:4:0 markdownlint/MD032 error
README.md:4:1 markdownlint/MD004 error
docs/bad.md:3:0 markdownlint/MD001 error
docs/bad.md:5:5 markdownlint/MD034 error
docs/bad.md:7:0 markdownlint/MD040 warning
docs/bad.md:11:0 markdownlint/MD012 error" "exact markdownlint findings"
expect_eq "$(jq -r '.findings[] | select(.rule == "markdownlint/MD001") | .message' "$report")" \
  "Heading levels should only increment by one level at a time [Expected: h2; Actual: h3]" \
  "message without path, rule and alias"
expect_eq "$(jq '[.findings[] | select(.path == "docs/clean.md")] | length' "$report")" "0" "clean file has no findings"
expect_eq "$(jq '[.findings[] | select(.rule == "markdownlint/crashed")] | length' "$report")" "0" "no crash finding"

# Warnings only: markdownlint-cli2 exits 0 and the warning is still reported.
git -C "$repo" rm -q docs/bad.md
git -C "$repo" mv README.md README.orig
# shellcheck disable=SC2016 # the backticks are Markdown, not a command
printf '# Warn\n\n```\ncode\n```\n' >"$repo/docs/warn.md"
commit_all "$repo"
run_slipway lint --all -C "$repo" --format json --color never
expect_status 0 "warnings only: exit 0"
expect_eq "$(findings)" "docs/warn.md:3:0 markdownlint/MD040 warning" "the warning is reported"

# --fix: the fixable list style is rewritten (which also joins the two lists,
# so MD032 goes away), the file is reported as fixed, the unfixable warning
# stays, and a second run has nothing new.
git -C "$repo" mv README.orig README.md
commit_all "$repo"
run_slipway lint --all --fix -C "$repo" --format json --color never
expect_status 0 "everything fixable was fixed"
expect_eq "$(cat "$repo/README.md")" "# Fixture

+ plus list
+ star list" "file rewritten by markdownlint-cli2 --fix"
expect_eq "$(jq -r '.fixed_files | join(" ")' "$report")" "README.md" "fixed file reported"
expect_eq "$(findings)" "docs/warn.md:3:0 markdownlint/MD040 warning" "only the unfixable warning left"
run_slipway lint --all -C "$repo" --format json --color never
expect_status 0 "second run passes"
expect_eq "$(findings)" "docs/warn.md:3:0 markdownlint/MD040 warning" "second run: no new findings"

# A config it cannot parse makes it exit 2: a crash, never a silent pass.
printf '{ "MD013": \n' >"$repo/.markdownlint.jsonc"
commit_all "$repo"
run_slipway lint --all -C "$repo" --format json --color never
expect_status 1 "a crashed markdownlint-cli2 fails the run"
expect_eq "$(jq -r '[.findings[] | select(.tool == "markdownlint") | .rule] | unique | join(" ")' "$report")" \
  "markdownlint/crashed" "exit code 2 is a crash"
finish
