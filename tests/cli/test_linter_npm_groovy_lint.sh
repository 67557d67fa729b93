#!/usr/bin/env bash
# Shipped descriptor plugins/npm-groovy-lint.yml against the real
# npm-groovy-lint (CodeNarc on Java): its SARIF report gives the rule, line,
# column and level of each planted problem in a Jenkins shared-library step
# (a rule the project's .groovylintrc.json lowers to a warning stays one), a
# file Groovy cannot parse is an error, a Jenkinsfile and a clean class have
# none, `lint --fix` applies its fixes and leaves only non-errors (exit 0),
# no CodeNarc server is left running, and an unreadable config is a crash.
# Each call starts a JVM (5-8 s), so the test makes as few runs as it can.
source "$(dirname "$0")/lib.sh"

export PATH="$SLIPWAY_TOOLS/npm/node_modules/.bin:$PATH"
if ! command -v npm-groovy-lint >/dev/null; then
  echo "skipped: npm-groovy-lint is not installed (tests/tools/install-npm-tools.sh installs it into .tools/npm)"
  exit 77
fi
if ! command -v java >/dev/null; then
  echo "skipped: npm-groovy-lint needs Java (apt-get install default-jre-headless)"
  exit 77
fi

repo=$TEST_TMP/repo
new_repo "$repo"
cp -R "$SLIPWAY_SOURCE_DIR/tests/fixtures/linters/npm-groovy-lint/." "$repo/"
printf 'version: 1\nlint:\n  linters:\n    npm-groovy-lint: {enabled: true}\n' >"$repo/.slipway.yml"
commit_all "$repo"
report=$repo/.slipway/reports/lint.json

# findings: one "path:line:column rule severity" line per npm-groovy-lint finding.
findings() {
  jq -r '.findings[] | select(.tool == "npm-groovy-lint") | "\(.path):\(.line):\(.column) \(.rule) \(.severity)"' "$report"
}
# codenarc_servers: CodeNarc servers whose working folder is this test's repository.
codenarc_servers() {
  local pid count=0
  for pid in $(pgrep -f CodeNarcServer || true); do
    [ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" = "$repo" ] && count=$((count + 1))
  done
  echo "$count"
}

run_slipway lint --all -C "$repo" --format json --color never
expect_status 1 "CodeNarc errors fail the run"
expect_eq "$(findings)" "vars/broken.groovy:0:0 npm-groovy-lint/NglParseError error
vars/deployApp.groovy:1:1 npm-groovy-lint/UnnecessaryGroovyImport note
vars/deployApp.groovy:1:8 npm-groovy-lint/UnusedImport note
vars/deployApp.groovy:3:1 npm-groovy-lint/NoDef note
vars/deployApp.groovy:3:5 npm-groovy-lint/MethodReturnTypeRequired note
vars/deployApp.groovy:4:5 npm-groovy-lint/NoDef note
vars/deployApp.groovy:4:9 npm-groovy-lint/UnusedVariable error
vars/deployApp.groovy:4:9 npm-groovy-lint/VariableTypeRequired note
vars/deployApp.groovy:5:11 npm-groovy-lint/UnnecessaryGString warning
vars/loud.groovy:2:1 npm-groovy-lint/Indentation note
vars/loud.groovy:6:1 npm-groovy-lint/Indentation note
vars/loud.groovy:6:11 npm-groovy-lint/UnnecessaryGString warning" "exact npm-groovy-lint findings"
expect_eq "$(jq -r '.findings[] | select(.rule == "npm-groovy-lint/UnusedVariable") | .message' "$report")" \
  "The variable [unused] in class None is not used" "message taken from the SARIF report"
expect_contains "$(jq -r '.findings[] | select(.rule == "npm-groovy-lint/NglParseError") | .message' "$report")" \
  "@ line 2, column" "parse error message has the position"
expect_eq "$(jq '[.findings[] | select(.path == "Jenkinsfile" or .path == "src/Greeter.groovy")] | length' "$report")" \
  "0" "Jenkinsfile and clean class have no findings"
expect_eq "$(jq '[.findings[] | select(.rule == "npm-groovy-lint/crashed")] | length' "$report")" "0" "no crash finding"
expect_eq "$(codenarc_servers)" "0" "no CodeNarc server left running"

# --fix on a repository without errors: indentation and the quotes are
# rewritten, the file is reported as fixed, and the check that follows the
# fix (on the rewritten files) finds nothing at all; notes and warnings alone
# would not fail the run either (exit code 0 from --failon error).
git -C "$repo" rm -q vars/deployApp.groovy vars/broken.groovy
commit_all "$repo"
run_slipway lint --all --fix -C "$repo" --format json --color never
expect_status 0 "no errors left: exit 0"
# shellcheck disable=SC2016 # ${word} is Groovy, not shell
expect_eq "$(cat "$repo/vars/loud.groovy")" 'String shout(String word) {
    return "LOUD ${word}"
}

String whisper() {
    return '"'quiet'"'
}' "file rewritten by npm-groovy-lint --fix"
expect_eq "$(jq -r '.fixed_files | join(" ")' "$report")" "vars/loud.groovy" "fixed file reported"
expect_eq "$(findings)" "" "no findings after the fix"
expect_eq "$(codenarc_servers)" "0" "no CodeNarc server left running after --fix"

# An unreadable config makes it exit 2: a crash, never a silent pass.
printf '{ "extends": \n' >"$repo/.groovylintrc.json"
commit_all "$repo"
run_slipway lint --all -C "$repo" --format json --color never
expect_status 1 "a crashed npm-groovy-lint fails the run"
expect_eq "$(jq -r '[.findings[] | select(.tool == "npm-groovy-lint") | .rule] | unique | join(" ")' "$report")" \
  "npm-groovy-lint/crashed" "exit code 2 is a crash"
expect_contains "$(jq -r '[.findings[] | select(.tool == "npm-groovy-lint")][0].message' "$report")" \
  "Cannot read config file" "crash message has the tool's reason"
finish
