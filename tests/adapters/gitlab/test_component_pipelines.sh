#!/usr/bin/env bash
# Acceptance 3 of issue #6: gitlab-ci-local 4.73.0 (--force-shell-executor)
# runs each template of gitlab/ through `include: - component:
# $CI_SERVER_FQDN/slipway-ci/slipway/<name>@<commit>` from fixture projects,
# with inputs, and the checks look at what GitLab would get: each job's
# result, the report artifacts it produced (Code Quality, JUnit, the security
# reports, dotenv) and their contents, a later job that reads the dotenv
# variables, the coverage GitLab parses from the log, and the MR-aware rules.
# Scan and build parts are skipped, saying why, when this slipway has no
# `scan`/`build` command yet.
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/helpers.sh"
require_gcl
command -v python3 >/dev/null || skip "python3 is not installed (reads the JUnit reports)"
publish_component

# The fields GitLab's Code Quality widget reads, for every issue of a report.
codequality_ok() {  # codequality_ok FILE: "ok" or what is wrong
  jq -r 'if type != "array" then "not an array" else
    [ .[] | select((.description | type) != "string" or (.check_name | type) != "string"
      or (.fingerprint | type) != "string" or (.severity | IN("info", "minor", "major", "critical", "blocker") | not)
      or (.location.path | type) != "string" or (.location.lines.begin | type) != "number") ]
    | if length == 0 then "ok" else "\(length) issue(s) without the required fields" end end' "$1" 2>&1
}
# junit FILE count|failed|failure NAME: from a JUnit report (parsed as XML):
# the number of test cases, of failed ones, or the failure text of test case NAME.
junit() {
  python3 - "$@" <<'PY' 2>/dev/null || echo unreadable
import sys
import xml.etree.ElementTree as ET
cases = list(ET.parse(sys.argv[1]).getroot().iter("testcase"))
if sys.argv[2] == "count":
    print(len(cases))
elif sys.argv[2] == "failed":
    print(sum(1 for case in cases if case.find("failure") is not None))
else:
    print("".join(f.text or "" for case in cases if case.get("name") == sys.argv[3] for f in case.iter("failure")))
PY
}
ignore_state() { printf '.gitlab-ci-local/\n.slipway/\n' >"$1/.gitignore"; }

# --- lint -----------------------------------------------------------------
lint_project=$TEST_TMP/lint
new_project "$lint_project"
ignore_state "$lint_project"
printf 'name: fixture\n' >"$lint_project/config.yml"
printf 'broken: [1, 2\n' >"$lint_project/bad.yml"
printf 'trailing  \n' >"$lint_project/notes.txt"
include_component "$lint_project" lint
commit_all "$lint_project" fixture
sync_origin "$lint_project"

run_gcl "$lint_project"
expect_job slipway-lint "FAIL 1" "lint: an error finding fails the job (fail-on default error)"
if [ "$gcl_status" -ne 0 ]; then pass "lint: the pipeline fails"; else fail "lint: the pipeline passed"; fi
reports=$(artifact "$lint_project" slipway-lint .slipway/reports)
expect_eq "$(codequality_ok "$reports/lint.codequality.json")" ok "lint: Code Quality report with GitLab's fields"
expect_eq "$(jq -r '[.[].check_name] | sort | join(",")' "$reports/lint.codequality.json")" \
  "trailing-whitespace,yaml-syntax" "lint: Code Quality issues are the findings"
expect_eq "$(jq -r '.[] | select(.check_name == "yaml-syntax") | "\(.location.path):\(.severity)"' \
  "$reports/lint.codequality.json")" "bad.yml:major" "lint: Code Quality location and severity"
expect_eq "$(junit "$reports/lint.junit.xml" failed)" 2 "lint: JUnit, a failed test case per file"
expect_contains "$(junit "$reports/lint.junit.xml" failure bad.yml)" \
  yaml-syntax "lint: JUnit failure names the rule"
expect_eq "$(jq -r '.summary.errors' "$reports/lint.json")" 1 "lint: JSON report in the browsable artifact"
expect_file "$reports/lint.sarif"
expect_eq "$(dotenv_value "$lint_project" slipway-lint SLIPWAY_LINT_EXIT_CODE)" 1 "lint dotenv: exit code"
expect_eq "$(dotenv_value "$lint_project" slipway-lint SLIPWAY_LINT_FINDINGS)" 2 "lint dotenv: findings"
expect_eq "$(dotenv_value "$lint_project" slipway-lint SLIPWAY_LINT_ERRORS)" 1 "lint dotenv: errors"
expect_eq "$(dotenv_value "$lint_project" slipway-lint SLIPWAY_LINT_WARNINGS)" 1 "lint dotenv: warnings"
expect_eq "$(dotenv_value "$lint_project" slipway-lint SLIPWAY_LINT_NOTES)" 0 "lint dotenv: notes"
expect_eq "$(dotenv_value "$lint_project" slipway-lint SLIPWAY_LINT_FAILED)" true "lint dotenv: failed"
expect_contains "$gcl_log" "Code Quality report: " "lint: the log names the Code Quality report"

# Inputs: fail-on never lets it pass, and a later job reads the dotenv report.
include_component "$lint_project" lint '      fail-on: never'
cat >>"$lint_project/.gitlab-ci.yml" <<'YAML'
lint-counts:
  stage: deploy
  script:
    - echo "lint counts findings=$SLIPWAY_LINT_FINDINGS warnings=$SLIPWAY_LINT_WARNINGS failed=$SLIPWAY_LINT_FAILED"
YAML
commit_all "$lint_project" "fail-on never"
sync_origin "$lint_project"
run_gcl "$lint_project"
expect_job slipway-lint PASS "lint: fail-on never"
expect_job lint-counts PASS "lint: a later job runs"
expect_contains "$gcl_log" "lint counts findings=2 warnings=1 failed=false" "lint: the later job gets the dotenv variables"

include_component "$lint_project" lint '      allow-failure: true'
commit_all "$lint_project" "allow failure"
sync_origin "$lint_project"
run_gcl "$lint_project"
expect_job slipway-lint "WARN 1" "lint: allow-failure true"
expect_eq "$gcl_status" 0 "lint: allow-failure keeps the pipeline green"

# A run that writes no report (exit 2: a configuration file that does not
# exist) uploads none of the earlier runs' reports left in the checkout.
include_component "$lint_project" lint '      config: missing.yml'
commit_all "$lint_project" "missing config"
run_gcl "$lint_project"
expect_job slipway-lint "FAIL 2" "lint: a configuration error"
expect_no_file "$(artifact "$lint_project" slipway-lint .slipway/reports/lint.codequality.json)"
expect_no_file "$(artifact "$lint_project" slipway-lint .slipway/reports/lint.json)"
expect_eq "$(dotenv_value "$lint_project" slipway-lint SLIPWAY_LINT_EXIT_CODE)" 2 "lint dotenv: exit code 2"
expect_eq "$(dotenv_value "$lint_project" slipway-lint SLIPWAY_LINT_FINDINGS)" "" "lint dotenv: no counts without a report"

# Merge request pipeline: changed-only (auto) lints what the branch changed.
mr_project=$TEST_TMP/mr
new_project "$mr_project"
ignore_state "$mr_project"
printf 'broken: [1, 2\n' >"$mr_project/bad.yml"
include_component "$mr_project" lint '      job-prefix: check'
commit_all "$mr_project" base
sync_origin "$mr_project"
base=$(git -C "$mr_project" rev-parse HEAD)
git -C "$mr_project" checkout -q -b feature
printf 'trailing  \n' >"$mr_project/notes.txt"
commit_all "$mr_project" "feature"
mr_vars=(--variable CI_PIPELINE_SOURCE=merge_request_event --variable CI_MERGE_REQUEST_IID=7
  --variable CI_MERGE_REQUEST_TARGET_BRANCH_NAME=main --variable "CI_MERGE_REQUEST_DIFF_BASE_SHA=$base"
  --ignore-predefined-vars CI_PIPELINE_SOURCE)
run_gcl "$mr_project" "${mr_vars[@]}"
expect_job check-lint PASS "MR: job-prefix names the job; only the changed file is linted"
expect_eq "$(jq -r '[.findings[].path] | join(",")' "$(artifact "$mr_project" check-lint .slipway/reports/lint.json)")" \
  notes.txt "MR: the findings are those of the changed file"
include_component "$mr_project" lint "$(printf '      job-prefix: check\n      changed-only: "false"')"
commit_all "$mr_project" "all files"
run_gcl "$mr_project" "${mr_vars[@]}"
expect_job check-lint "FAIL 1" "MR: changed-only \"false\" lints every file"
expect_eq "$(dotenv_value "$mr_project" check-lint SLIPWAY_LINT_FINDINGS)" 2 "MR: both findings with changed-only false"

# Rules: merge request pipelines, branches without an open merge request, tags.
expect_eq "$(list_jobs "$mr_project")" "check-lint on_success" "rules: branch pipeline"
expect_eq "$(list_jobs "$mr_project" --variable 'CI_OPEN_MERGE_REQUESTS=acme/app!7')" "check-lint never" \
  "rules: no branch pipeline while a merge request is open"
expect_eq "$(list_jobs "$mr_project" "${mr_vars[@]}" --variable 'CI_OPEN_MERGE_REQUESTS=acme/app!7')" \
  "check-lint on_success" "rules: merge request pipeline"
expect_eq "$(list_jobs "$mr_project" --unset-variable CI_COMMIT_BRANCH --variable CI_COMMIT_TAG=v1.0.0)" \
  "check-lint on_success" "rules: tag pipeline"
expect_eq "$(list_jobs "$mr_project" --unset-variable CI_COMMIT_BRANCH)" "check-lint never" \
  "rules: nothing else (no branch, tag or merge request)"

# --- scan -----------------------------------------------------------------
if ! cli_has scan; then
  echo "SKIP (scan): this slipway has no scan command ('slipway scan --help' failed)"
else
  rand() { head -c 4000 /dev/urandom | tr -dc "$1" | head -c "$2"; }
  secret="ghp_$(rand 'A-Za-z0-9' 36)"  # built at run time: this file holds no secret
  scan_project=$TEST_TMP/scan
  new_project "$scan_project"
  ignore_state "$scan_project"
  mkdir -p "$scan_project/src" "$scan_project/web" "$TEST_TMP/osv"
  printf 'const token = "%s";\n' "$secret" >"$scan_project/src/client.js"
  printf 'FROM ubuntu\nRUN echo hello\n' >"$scan_project/Dockerfile"
  cat >"$scan_project/web/package-lock.json" <<'JSON'
{"name": "web", "lockfileVersion": 3,
 "packages": {"": {"name": "web"}, "node_modules/lodash": {"version": "4.17.20"}}}
JSON
  cat >"$TEST_TMP/osv/GHSA-aaaa-bbbb-cccc.json" <<'JSON'
{"id": "GHSA-aaaa-bbbb-cccc", "modified": "2024-01-01T00:00:00Z", "aliases": ["CVE-2021-23337"],
 "affected": [{"package": {"ecosystem": "npm", "name": "lodash"},
               "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "4.17.21"}]}]}],
 "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H"}]}
JSON
  printf 'version: 1\nscan:\n  deps:\n    db-dir: %s\n' "$TEST_TMP/osv" >"$scan_project/.slipway.yml"
  include_component "$scan_project" scan
  commit_all "$scan_project" fixture
  sync_origin "$scan_project"

  run_gcl "$scan_project"
  expect_job slipway-scan "FAIL 1" "scan: a leaked token fails the job (scan.fail-on default high)"
  reports=$(artifact "$scan_project" slipway-scan .slipway/reports)
  for report in secret-detection sast dependency-scanning; do
    expect_eq "$(jq -r '.version' "$reports/gl-$report-report.json")" 15.0.7 "scan: gl-$report-report.json"
    expect_eq "$(jq -r '.scan.type' "$reports/gl-$report-report.json")" "${report//-/_}" "scan: $report scan type"
  done
  expect_eq "$(jq -r '.vulnerabilities[0].identifiers[0].value' "$reports/gl-secret-detection-report.json")" \
    secret/github-pat "scan: the token in the secret detection report"
  expect_eq "$(jq -r '.vulnerabilities[0].location.file' "$reports/gl-secret-detection-report.json")" \
    src/client.js "scan: secret location"
  expect_contains "$(jq -r '.vulnerabilities[].identifiers[0].value' "$reports/gl-sast-report.json")" \
    config/dockerfile/ "scan: the Dockerfile in the SAST report"
  expect_eq "$(jq -r '.vulnerabilities[0].location.dependency.package.name' \
    "$reports/gl-dependency-scanning-report.json")" lodash "scan: lodash in the dependency scanning report"
  expect_eq "$(codequality_ok "$reports/scan.codequality.json")" ok "scan: Code Quality report"
  expect_contains "$(junit "$reports/scan.junit.xml" failure src/client.js)" \
    "secret/github-pat" "scan: JUnit failure for the file with the token"
  expect_eq "$(dotenv_value "$scan_project" slipway-scan SLIPWAY_SCAN_FAILED)" true "scan dotenv: failed"
  expect_eq "$(dotenv_value "$scan_project" slipway-scan SLIPWAY_SCAN_FINDINGS)" "$(jq '.summary.total' "$reports/scan.json")" \
    "scan dotenv: findings"
  # (.gitlab-ci-local/builds/ holds gitlab-ci-local's own copy of the repository, token included.)
  leaks=$( (printf '%s\n' "$gcl_log"
    find "$scan_project/.gitlab-ci-local/artifacts" "$scan_project/.gitlab-ci-local/output" -type f -exec cat {} +) |
    grep -cF "$secret" || true)
  expect_eq "$leaks" 0 "scan: the token is in no log and no artifact"

  include_component "$scan_project" scan "$(printf '      args: --secrets\n      fail-on: never')"
  commit_all "$scan_project" "secrets only"
  run_gcl "$scan_project"
  expect_job slipway-scan PASS "scan: fail-on never"
  expect_eq "$(jq '.vulnerabilities | length' "$reports/gl-sast-report.json")" 0 "scan: args --secrets reached the CLI"
  expect_eq "$(jq '.vulnerabilities | length' "$reports/gl-secret-detection-report.json")" 1 "scan: secrets still scanned"
fi

# --- build ----------------------------------------------------------------
write_build_config() {  # write_build_config DIR COMMAND
  cat >"$1/.slipway.yml" <<YAML
version: 1
build:
  steps:
    - name: test
      run: $2
  junit: [reports/*.xml]
  coverage:
    file: coverage/lcov.info
    min: 70
YAML
}
write_test_script() {  # write_test_script DIR: unit tests that write JUnit and lcov
  cat >"$1/run-tests.sh" <<'SH'
mkdir -p reports coverage
printf '<testsuite name="unit" tests="2"><testcase classname="math" name="adds"/>%s</testsuite>\n' \
  '<testcase classname="math" name="subtracts"/>' >reports/TEST-unit.xml
printf 'SF:src/a.c\nDA:1,1\nDA:2,1\nDA:3,1\nDA:4,0\nLF:4\nLH:3\nend_of_record\n' >coverage/lcov.info
echo "unit tests ran"
SH
}
if ! cli_has build; then
  echo "SKIP (build): this slipway has no build command ('slipway build --help' failed)"
else
  build_project=$TEST_TMP/build
  new_project "$build_project"
  printf '.gitlab-ci-local/\n.slipway/\nreports/\ncoverage/\n' >"$build_project/.gitignore"
  write_test_script "$build_project"
  write_build_config "$build_project" "sh ./run-tests.sh"
  include_component "$build_project" build
  cat >>"$build_project/.gitlab-ci.yml" <<'YAML'
release-notes:
  stage: deploy
  script:
    - echo "next version $SLIPWAY_VERSION ($SLIPWAY_VERSION_BUMP), build exit $SLIPWAY_BUILD_EXIT_CODE"
YAML
  commit_all "$build_project" "chore: start"
  git -C "$build_project" tag v0.1.0
  printf 'int add(int a, int b) { return a + b; }\n' >"$build_project/add.c"
  commit_all "$build_project" "feat: add"
  sync_origin "$build_project"

  run_gcl "$build_project"
  expect_job slipway-build PASS "build: steps, tests and coverage gate pass"
  reports=$(artifact "$build_project" slipway-build .slipway/reports)
  expect_eq "$(junit "$reports/tests.junit.xml" count)" 2 "build: merged JUnit of the tests"
  expect_file "$reports/build.junit.xml"
  expect_eq "$(codequality_ok "$reports/build.codequality.json")" ok "build: Code Quality report"
  expect_file "$(artifact "$build_project" slipway-build .slipway/logs/build/test.log)"
  expect_contains "$gcl_log" "75.0% coverage" "build: GitLab's coverage regex reads the percentage"
  expect_eq "$(dotenv_value "$build_project" slipway-build SLIPWAY_VERSION)" 0.2.0 "build dotenv: next version"
  expect_eq "$(dotenv_value "$build_project" slipway-build SLIPWAY_BUILD_EXIT_CODE)" 0 "build dotenv: exit code"
  expect_contains "$gcl_log" "next version 0.2.0 (minor), build exit 0" "build: a later job gets the version"

  write_build_config "$build_project" "sh ./run-tests.sh && exit 3"
  commit_all "$build_project" "fix: break the tests"
  run_gcl "$build_project"
  expect_job slipway-build "FAIL 1" "build: a failing step fails the job"
  expect_file "$(artifact "$build_project" slipway-build .slipway/logs/build/test.log)"
  expect_eq "$(dotenv_value "$build_project" slipway-build SLIPWAY_BUILD_EXIT_CODE)" 1 "build dotenv: failed build"
fi

# --- pipeline (slipway run) -------------------------------------------------
if ! cli_has scan || ! cli_has build; then
  echo "SKIP (pipeline): this slipway lacks scan or build"
else
  run_project=$TEST_TMP/run
  new_project "$run_project"
  printf '.gitlab-ci-local/\n.slipway/\nreports/\ncoverage/\n' >"$run_project/.gitignore"
  write_test_script "$run_project"
  write_build_config "$run_project" "sh ./run-tests.sh"
  printf 'stages: [lint, build, scan]\n' >>"$run_project/.slipway.yml"
  printf 'trailing  \n' >"$run_project/notes.txt"
  printf 'FROM ubuntu\n' >"$run_project/Dockerfile"
  include_component "$run_project" pipeline '      scan-fail-on: never'
  commit_all "$run_project" "fixture"
  sync_origin "$run_project"
  run_gcl "$run_project"
  expect_job slipway-run PASS "pipeline: lint (a warning), build and scan (scan-fail-on never) pass"
  reports=$(artifact "$run_project" slipway-run .slipway/reports)
  for file in lint.codequality.json lint.junit.xml build.junit.xml tests.junit.xml scan.codequality.json \
    gl-sast-report.json gl-secret-detection-report.json gl-dependency-scanning-report.json; do
    expect_file "$reports/$file"
  done
  expect_eq "$(codequality_ok "$reports/scan.codequality.json")" ok "pipeline: scan Code Quality report"
  expect_contains "$(jq -r '.vulnerabilities[].identifiers[0].value' "$reports/gl-sast-report.json")" \
    config/dockerfile/ "pipeline: the scan stage's SAST report"
  expect_eq "$(dotenv_value "$run_project" slipway-run SLIPWAY_RUN_EXIT_CODE)" 0 "pipeline dotenv: exit code"
  expect_eq "$(dotenv_value "$run_project" slipway-run SLIPWAY_LINT_WARNINGS)" 1 "pipeline dotenv: lint counts"
  expect_eq "$(dotenv_value "$run_project" slipway-run SLIPWAY_BUILD_FAILED)" false "pipeline dotenv: build counts"
  expect_eq "$(dotenv_value "$run_project" slipway-run SLIPWAY_SCAN_FINDINGS)" \
    "$(jq '.summary.total' "$reports/scan.json")" "pipeline dotenv: scan counts"
  expect_contains "$gcl_log" "75.0% coverage" "pipeline: coverage"

  include_component "$run_project" pipeline "$(printf '      fail-on: warning\n      scan-fail-on: never')"
  commit_all "$run_project" "fail on warnings"
  run_gcl "$run_project"
  expect_job slipway-run "FAIL 1" "pipeline: fail-on warning fails on the lint warning"
  expect_eq "$(dotenv_value "$run_project" slipway-run SLIPWAY_LINT_FAILED)" true "pipeline dotenv: lint failed"
  expect_eq "$(dotenv_value "$run_project" slipway-run SLIPWAY_BUILD_FAILED)" "" \
    "pipeline dotenv: no build counts once lint failed (slipway run stops)"
  expect_no_file "$reports/scan.json"
fi

finish
