#!/usr/bin/env bash
# Acceptance (foundation #2): on GitHub the reporter writes annotations capped
# at 10 errors + 10 warnings with an overflow note, appends a job summary and
# writes step outputs to the files GitHub names; on GitLab the Code Quality
# entries have unique fingerprints and the log is in collapsible sections.
source "$(dirname "$0")/lib.sh"

repo=$TEST_TMP/repo
new_repo "$repo"
for i in $(seq 1 15); do printf 'x   \n' > "$repo/ws$i.txt"; done   # 15 warnings
for i in $(seq 1 12); do printf '<<<<<<< HEAD\n' > "$repo/cf$i.txt"; done  # 12 errors
printf 'same   \nsame   \n' > "$repo/twins.txt"  # two identical warnings in one file
commit_all "$repo"

summary=$TEST_TMP/summary.md; outputs=$TEST_TMP/outputs.txt
printf '# earlier step\n' > "$summary"; : > "$outputs"
GITHUB_ACTIONS=true GITHUB_EVENT_NAME=push GITHUB_REF=refs/heads/main GITHUB_STEP_SUMMARY=$summary \
  GITHUB_OUTPUT=$outputs run_slipway lint --all -C "$repo"
expect_status 1 "exit code"
expect_eq "$(grep -c '^::error ' <<<"$out")" "10" "10 error annotations"
expect_eq "$(grep -c '^::warning ' <<<"$out")" "10" "10 warning annotations"
expect_contains "$out" "9 more" "overflow note counts the 9 left out (2 errors + 7 warnings)"
expect_contains "$(head -1 "$summary")" "# earlier step" "summary is appended, not replaced"
expect_contains "$(cat "$summary")" "ws1.txt" "summary lists findings"
expect_contains "$(cat "$outputs")" "findings=29" "output: findings"
expect_contains "$(cat "$outputs")" "errors=12" "output: errors"
expect_contains "$(cat "$outputs")" "warnings=17" "output: warnings"
expect_contains "$(cat "$outputs")" "sarif=$repo/.slipway/reports/lint.sarif" "output: sarif path"
expect_file "$repo/.slipway/reports/lint.sarif"
expect_contains "$out" "file=cf1.txt,line=1" "annotation carries file and line"

GITLAB_CI=true CI_PIPELINE_SOURCE=push CI_COMMIT_BRANCH=main run_slipway lint --all -C "$repo"
expect_status 1 "GitLab exit code"
cq=$repo/.slipway/reports/lint.codequality.json
expect_eq "$(jq 'length' "$cq")" "29" "Code Quality entries"
expect_eq "$(jq '[.[].fingerprint] | unique | length' "$cq")" "29" "Code Quality fingerprints unique (identical twins too)"
expect_eq "$(jq -r '[.[].severity] | unique | join(",")' "$cq")" "major,minor" "Code Quality severities"
expect_contains "$out" "section_start:" "GitLab collapsible section start"
expect_contains "$out" "section_end:" "GitLab collapsible section end"
expect_contains "$out" "[collapsed=true]" "section is collapsed"
expect_file "$repo/.slipway/reports/lint.junit.xml"
finish
