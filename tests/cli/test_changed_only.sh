#!/usr/bin/env bash
# Acceptance (foundation #2): changed-only selection. A branch changes 2 of
# 200 files; with a simulated GitHub pull_request (environment + event file)
# and with GitLab merge-request variables, only those 2 files are linted. A
# shallow clone prints the one-line fallback warning and lints everything.
source "$(dirname "$0")/lib.sh"

origin=$TEST_TMP/origin
new_repo "$origin"
for i in $(seq 1 200); do printf 'line with trailing space   \n' > "$origin/file$i.txt"; done
commit_all "$origin" "200 files, all with a problem"
base_sha=$(git -C "$origin" rev-parse HEAD)
git -C "$origin" checkout -q -b feature
printf 'changed   \n' >> "$origin/file7.txt"
printf 'new file   \n' > "$origin/added.txt"
commit_all "$origin" "change two files"
git -C "$origin" checkout -q main
printf 'main moved on\n' > "$origin/main-only.txt"
commit_all "$origin" "main moves on"
main_sha=$(git -C "$origin" rev-parse HEAD)

work=$TEST_TMP/work
git clone -q "$origin" "$work"
git -C "$work" checkout -q feature
head_sha=$(git -C "$work" rev-parse HEAD)

linted_paths() { jq -r '[.findings[].path] | unique | join(",")' "$work/.slipway/reports/lint.json"; }

# GitHub pull_request: base sha from the event file.
event=$TEST_TMP/event.json
cat > "$event" <<JSON
{"pull_request": {"number": 42, "base": {"sha": "$main_sha", "ref": "main"}, "head": {"sha": "$head_sha"}}}
JSON
summary=$TEST_TMP/summary.md; outputs=$TEST_TMP/outputs.txt; : > "$summary"; : > "$outputs"
GITHUB_ACTIONS=true GITHUB_EVENT_NAME=pull_request GITHUB_EVENT_PATH=$event GITHUB_BASE_REF=main \
  GITHUB_HEAD_REF=feature GITHUB_REF=refs/pull/42/merge GITHUB_STEP_SUMMARY=$summary GITHUB_OUTPUT=$outputs \
  run_slipway lint -C "$work" --format json,github --fail-on warning
expect_status 1 "GitHub PR: findings in the changed files"
expect_eq "$(linted_paths)" "added.txt,file7.txt" "GitHub PR: only the 2 changed files"
expect_not_contains "$err" "warning: cannot lint only changed" "GitHub PR: no fallback warning"

# GitLab merge request: CI_MERGE_REQUEST_DIFF_BASE_SHA.
GITLAB_CI=true CI_PIPELINE_SOURCE=merge_request_event CI_MERGE_REQUEST_IID=7 \
  CI_MERGE_REQUEST_TARGET_BRANCH_NAME=main CI_MERGE_REQUEST_DIFF_BASE_SHA=$base_sha \
  CI_MERGE_REQUEST_SOURCE_BRANCH_NAME=feature CI_PROJECT_DIR=$work \
  run_slipway lint -C "$work" --format json --fail-on warning
expect_status 1 "GitLab MR: findings in the changed files"
expect_eq "$(linted_paths)" "added.txt,file7.txt" "GitLab MR: only the 2 changed files"

# Jenkins change request: CHANGE_TARGET names the target branch.
JENKINS_URL=http://jenkins.invalid/ CHANGE_ID=9 CHANGE_TARGET=main BRANCH_NAME=PR-9 \
  run_slipway lint -C "$work" --format json --fail-on warning
expect_eq "$(linted_paths)" "added.txt,file7.txt" "Jenkins change request: only the 2 changed files"

# Locally: the upstream of the branch, or --base.
run_slipway lint -C "$work" --base main --format json
expect_eq "$(linted_paths)" "added.txt,file7.txt" "--base main: only the 2 changed files"

# A shallow clone cannot find the merge base: one warning line, then all files.
shallow=$TEST_TMP/shallow
git clone -q --depth 1 --branch feature "file://$origin" "$shallow"
GITLAB_CI=true CI_PIPELINE_SOURCE=merge_request_event CI_MERGE_REQUEST_IID=7 \
  CI_MERGE_REQUEST_TARGET_BRANCH_NAME=main CI_MERGE_REQUEST_DIFF_BASE_SHA=$base_sha \
  run_slipway lint -C "$shallow" --format json --fail-on warning
expect_status 1 "shallow clone: findings"
expect_eq "$(grep -c 'cannot lint only changed files' <<<"$err")" "1" "shallow clone: exactly one warning line"
expect_contains "$err" "GIT_DEPTH: 0" "shallow clone: the warning says how to fix it"
expect_eq "$(jq '[.findings[].path] | unique | length' "$shallow/.slipway/reports/lint.json")" "201" "shallow clone: all files linted"

# --all overrides the pull-request default.
GITHUB_ACTIONS=true GITHUB_EVENT_NAME=pull_request GITHUB_EVENT_PATH=$event GITHUB_BASE_REF=main \
  run_slipway lint -C "$work" --all --format json
expect_eq "$(jq '[.findings[].path] | unique | length' "$work/.slipway/reports/lint.json")" "201" "--all: every file"
finish
