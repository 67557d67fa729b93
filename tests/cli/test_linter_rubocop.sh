#!/usr/bin/env bash
# Shipped descriptor plugins/rubocop.yml against the real RuboCop: its JSON
# report gives cop names, lines, columns and severities (convention -> note,
# warning -> warning, Lint/Syntax error -> error), the project's .rubocop.yml
# (disabled cop, excluded folder) is honoured, a clean file has none; --fix
# (safe autocorrect) rewrites the layout offenses, reports the file as fixed,
# and a second run is clean.
source "$(dirname "$0")/lib.sh"

if ! command -v rubocop >/dev/null; then
  echo "skipped: rubocop is not installed (apt-get install rubocop)"
  exit 77
fi

repo=$TEST_TMP/repo
new_repo "$repo"
mkdir -p "$repo/vendor"
cat > "$repo/.rubocop.yml" <<'YAML'
AllCops:
  NewCops: enable
  SuggestExtensions: false
  TargetRubyVersion: 3.1
  Exclude:
    - "vendor/**/*"
Style/FrozenStringLiteralComment:
  Enabled: false
YAML
printf 'def add( first, second )\n  first+second\nend\n' > "$repo/layout.rb"
printf 'def compute(value)\n  unused = value\n  value * 2\nend\n' > "$repo/warn.rb"
printf 'def broken(\n  x =\nend\n' > "$repo/broken.rb"
printf '# Greets someone.\ndef greet(name)\n  "hi #{name}"\nend\n' > "$repo/clean.rb"
# Offenses RuboCop would report if it did not honour AllCops/Exclude.
printf 'x = "a"+"b"\n' > "$repo/vendor/lib.rb"
printf 'version: 1\nlint:\n  linters:\n    rubocop: {enabled: true}\n' > "$repo/.slipway.yml"
commit_all "$repo"

rubocop_findings() {
  jq -c '[.findings[] | select(.tool == "rubocop") | [.rule, .path, .line, .column, .severity]]' \
    "$repo/.slipway/reports/lint.json"
}

run_slipway lint --all -C "$repo" --format json --color never
expect_status 1 "a syntax error is an error"
report=$repo/.slipway/reports/lint.json
expect_eq "$(rubocop_findings)" \
  '[["rubocop/Lint/Syntax","broken.rb",3,1,"error"],["rubocop/Layout/SpaceInsideParens","layout.rb",1,9,"note"],["rubocop/Layout/SpaceInsideParens","layout.rb",1,23,"note"],["rubocop/Layout/SpaceAroundOperators","layout.rb",2,8,"note"],["rubocop/Lint/UselessAssignment","warn.rb",2,3,"warning"]]' \
  "exact rubocop findings"
expect_eq "$(jq -r '.findings[] | select(.rule == "rubocop/Lint/UselessAssignment") | .message' "$report")" \
  'Useless assignment to variable - `unused`.' "message from the report"
expect_eq "$(jq '[.findings[] | select(.path == "clean.rb" or (.path | startswith("vendor/")))] | length' "$report")" \
  "0" "nothing in the clean file or the excluded folder"

run_slipway lint --all --fix -C "$repo" --format json --color never
expect_status 1 "--fix: the syntax error is left"
expect_eq "$(jq -c '.fixed_files' "$report")" '["layout.rb"]' "layout.rb reported as fixed"
expect_eq "$(cat "$repo/layout.rb")" "$(printf 'def add(first, second)\n  first + second\nend')" \
  "layout.rb autocorrected"
expect_eq "$(cat "$repo/vendor/lib.rb")" 'x = "a"+"b"' "excluded file not touched by --fix"
expect_eq "$(rubocop_findings)" \
  '[["rubocop/Lint/Syntax","broken.rb",3,1,"error"],["rubocop/Lint/UselessAssignment","warn.rb",2,3,"warning"]]' \
  "only the offenses safe autocorrect cannot fix are left"

# A warning alone does not fail the run.
git -C "$repo" rm -q broken.rb
commit_all "$repo"
run_slipway lint --all -C "$repo" --format json --color never
expect_status 0 "warnings only: exit 0"
expect_eq "$(rubocop_findings)" '[["rubocop/Lint/UselessAssignment","warn.rb",2,3,"warning"]]' "the warning is reported"

git -C "$repo" rm -q warn.rb
commit_all "$repo"
run_slipway lint --all -C "$repo" --format json --color never
expect_status 0 "second run after the fix"
expect_eq "$(jq '.findings | length' "$report")" "0" "second run is clean"
finish
