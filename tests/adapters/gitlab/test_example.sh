#!/usr/bin/env bash
# The reference pipeline examples/gitlab/.gitlab-ci.yml, unchanged, as the
# .gitlab-ci.yml of a fixture project under gitlab-ci-local: its component
# references (@<release>) resolve to the component project's release tag, the
# lint and scan jobs run in the check stage, build (tests, coverage gate, next
# version) in the build stage, and the job override of the example (the OSV
# cache for slipway-scan) merges with the component's job. A lint warning
# (fail-on: warning) stops the pipeline before build. Each job runs in its own
# copy of the project (--shell-isolation), as GitLab gives each job its own
# checkout.
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/helpers.sh"
require_gcl
if ! cli_has scan || ! cli_has build; then
  skip "this slipway lacks scan or build ('slipway scan --help' / 'slipway build --help' failed)"
fi
publish_component

project=$TEST_TMP/app
new_project "$project"
cp "$SLIPWAY_SOURCE_DIR/examples/gitlab/.gitlab-ci.yml" "$project/.gitlab-ci.yml"
printf '.gitlab-ci-local/\n.slipway/\n.cache/\nreports/\ncoverage/\n' >"$project/.gitignore"
cat >"$project/.slipway.yml" <<'YAML'
version: 1
build:
  steps:
    - name: test
      run: sh ./run-tests.sh
  junit: [reports/*.xml]
  coverage:
    file: coverage/lcov.info
    min: 80
YAML
cat >"$project/run-tests.sh" <<'SH'
mkdir -p reports coverage
printf '<testsuite name="unit" tests="1"><testcase classname="app" name="starts"/></testsuite>\n' >reports/TEST-app.xml
printf 'SF:app.c\nDA:1,1\nDA:2,1\nDA:3,1\nDA:4,1\nDA:5,0\nLF:5\nLH:4\nend_of_record\n' >coverage/lcov.info
SH
commit_all "$project" "feat: first version"
sync_origin "$project"

run_gcl "$project" --shell-isolation
expect_job slipway-lint PASS "example: lint (check stage)"
expect_job slipway-scan PASS "example: scan (check stage)"
expect_job slipway-build PASS "example: build (build stage), coverage 80.0% meets the gate"
expect_eq "$gcl_status" 0 "example: the pipeline passes"
expect_contains "$gcl_log" "downloaded $COMPONENT $COMPONENT_VERSION templates/build" \
  "example: the components are fetched at the release tag"
expect_contains "$gcl_log" "80.0% coverage" "example: GitLab reads the coverage"
expect_contains "$gcl_log" "advisory database updated" "example: the scan arguments reached slipway scan"
expect_eq "$(dotenv_value "$project" slipway-build SLIPWAY_VERSION)" 0.1.0 "example: the first version"
expect_file "$(artifact "$project" slipway-scan .slipway/reports/gl-secret-detection-report.json)"
expect_file "$(artifact "$project" slipway-lint .slipway/reports/lint.codequality.json)"
expect_file "$(artifact "$project" slipway-build .slipway/reports/tests.junit.xml)"
# The example's own keys and the component's, merged.
scan_job=$(cd "$project" && "$GCL" --preview 2>/dev/null | sed -n '/^slipway-scan:/,/^[^ ]/p')
expect_contains "$scan_job" "SLIPWAY_SCAN_DEPS_DB_DIR: .cache/osv" "example: the override's variable"
expect_contains "$scan_job" "GIT_DEPTH: '0'" "example: the component's variables are kept"
expect_contains "$scan_job" "key: slipway-osv" "example: the override's cache"

printf 'trailing  \n' >"$project/notes.txt"
commit_all "$project" "docs: notes"
run_gcl "$project" --shell-isolation
expect_job slipway-lint "FAIL 1" "example: a warning fails lint (fail-on: warning)"
expect_job slipway-build none "example: build does not run after a failed check"

finish
