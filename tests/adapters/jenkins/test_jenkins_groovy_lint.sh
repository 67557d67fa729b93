#!/usr/bin/env bash
# npm-groovy-lint on the Jenkins shared library (issue #6, acceptance 4): no
# error and no warning in jenkins/ (vars/, src/) and examples/jenkins/Jenkinsfile,
# with the library's own lint configuration (jenkins/.groovylintrc.json:
# npm-groovy-lint's recommended-jenkinsfile preset). A control file with dead
# code is linted in the same run and must be reported, so a linter that
# checks nothing cannot pass.
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/helpers.sh"
lint=$SLIPWAY_TOOLS/npm/node_modules/.bin/npm-groovy-lint
[ -x "$lint" ] || skip "npm-groovy-lint is not installed under $SLIPWAY_TOOLS/npm (tests/tools/install-npm-tools.sh)"
command -v jq >/dev/null || skip "jq is not installed"
require_groovy  # for JAVA_HOME: npm-groovy-lint runs CodeNarc on java

# npm-groovy-lint scans from the common folder of its arguments; linting a
# copy keeps that folder small (the checkout holds build trees).
work=$TEST_TMP/lint
mkdir -p "$work/examples/jenkins" "$work/control"
cp -R "$JENKINS_LIBRARY" "$work/jenkins"
cp "$SLIPWAY_SOURCE_DIR/examples/jenkins/Jenkinsfile" "$work/examples/jenkins/Jenkinsfile"
control=$work/control/deadCode.groovy
printf 'Map call(Map args = [:]) {\n    return args\n    echo(%s)\n}\n' "'never reached'" >"$control"

library_files=$(cd "$work" && find jenkins -name '*.groovy' | sort)
set +e
(cd "$work" && "$lint" --noserver --output json --config jenkins/.groovylintrc.json --failon warning \
  jenkins examples/jenkins/Jenkinsfile control/deadCode.groovy) >"$TEST_TMP/lint.json" 2>"$TEST_TMP/lint.err"
status=$?
set -e
if ! jq -e .summary "$TEST_TMP/lint.json" >/dev/null 2>&1; then
  cat "$TEST_TMP/lint.json" "$TEST_TMP/lint.err" | head -40 >&2
  fail "npm-groovy-lint did not produce a JSON result (exit $status)"
  finish
fi

expect_eq "$status" 1 "npm-groovy-lint fails the run (the control file)"
linted=$(jq -r '.files | keys[]' "$TEST_TMP/lint.json" | sort)
for file in $library_files examples/jenkins/Jenkinsfile; do
  expect_contains "$linted" "$work/$file" "linted $file"
  found=$(jq -r --arg f "$work/$file" '.files[$f].errors // [] | map(select(.severity == "error" or .severity == "warning"))
    | map("\(.line): \(.severity) \(.rule): \(.msg)") | join("\n")' "$TEST_TMP/lint.json")
  expect_eq "$found" "" "no error or warning in $file"
done
control_errors=$(jq -r --arg f "$control" '.files[$f].errors // [] | map(select(.severity == "error")) | map(.rule) | join(",")' \
  "$TEST_TMP/lint.json")
expect_contains "$control_errors" "DeadCode" "the control file's dead code is an error"
finish
