#!/usr/bin/env bash
# Acceptance (foundation #2): a malformed .slipway.yml (unknown key, wrong
# type, bad YAML) exits 2 with file:line:column and a suggestion; nothing is
# linted and no report is written.
source "$(dirname "$0")/lib.sh"

repo=$TEST_TMP/repo
new_repo "$repo"
printf 'trailing   \n' > "$repo/a.txt"
commit_all "$repo"
reports=$repo/.slipway/reports

check_bad() {  # check_bad NAME CONFIG EXPECTED_LOCATION EXPECTED_TEXT
  printf '%b' "$2" > "$repo/.slipway.yml"
  rm -rf "$repo/.slipway"
  run_slipway lint --all -C "$repo" --format json,sarif
  expect_status 2 "$1: exit code"
  expect_contains "$err" "$repo/.slipway.yml:$3" "$1: file:line:column"
  expect_contains "$err" "$4" "$1: explanation"
  expect_no_file "$reports"
}

check_bad "unknown top-level key" 'version: 1\nfail-onn: warning\n' "2:1" 'did you mean "fail-on"'
check_bad "unknown nested key" 'version: 1\nlint:\n  chekcs: {}\n' "3:3" 'did you mean "lint.checks"'
check_bad "wrong type" 'version: 1\njobs: many\n' "2:7" "integer"
check_bad "bad choice" 'fail-on: sometimes\n' "1:10" "error, warning, note, never"
check_bad "bad YAML" 'version: 1\nlint: [unclosed\n' "" "YAML"
check_bad "section given a scalar" 'lint: 3\n' "1:7" "mapping"

# A bad environment variable and a bad flag are errors too, naming the source.
rm -f "$repo/.slipway.yml"
SLIPWAY_FAIL_ON=loud run_slipway lint --all -C "$repo"
expect_status 2 "bad SLIPWAY_FAIL_ON"
expect_contains "$err" "SLIPWAY_FAIL_ON" "the error names the variable"
run_slipway lint --all -C "$repo" --format json,sariff
expect_status 2 "unknown --format"
expect_contains "$err" 'did you mean "sarif"' "unknown format suggestion"
expect_no_file "$reports"
run_slipway lint --all -C "$repo" --config missing.yml
expect_status 2 "--config naming a missing file"

# A stray comma (which makes yaml-cpp 0.7.0 loop forever) is a clear error,
# in the configuration and in a linted YAML file alike.
printf 'version: 1\n,\n' > "$repo/.slipway.yml"
run_slipway lint --all -C "$repo"
expect_status 2 "stray comma in .slipway.yml"
expect_contains "$err" ".slipway.yml:2" "stray comma: file:line"
rm "$repo/.slipway.yml"
printf -- '- a\n,\n' > "$repo/stray.yaml"
run_slipway lint --all -C "$repo" --format json
expect_status 1 "stray comma in a YAML file is a finding"
expect_eq "$(jq -r '.findings[] | select(.path=="stray.yaml") | "\(.rule):\(.line)"' "$repo/.slipway/reports/lint.json")" \
  "yaml-syntax:2" "stray comma: yaml-syntax finding on line 2"
rm "$repo/stray.yaml"

# A valid file is accepted and its values are explained with their origin.
printf 'version: 1\nfail-on: warning\n' > "$repo/.slipway.yml"
SLIPWAY_OUTPUT_DIR=out run_slipway config --explain -C "$repo" 
expect_status 0 "config --explain"
expect_contains "$out" ".slipway.yml:2:1" "explain names the file position"
expect_contains "$out" "SLIPWAY_OUTPUT_DIR" "explain names the environment variable"
expect_contains "$out" "defaults" "explain names defaults"
finish
