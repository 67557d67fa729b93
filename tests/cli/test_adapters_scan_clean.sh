#!/usr/bin/env bash
# Acceptance (adapters #6, item 6): `slipway scan --config` on actions/,
# gitlab/, jenkins/ and examples/ reports zero findings. The examples are
# also put where each platform reads them (.github/workflows/, the root
# .gitlab-ci.yml, the root Jenkinsfile) so the workflow, GitLab and Jenkins
# rules really look at them. The examples reference Slipway's own actions by
# release tag (`slipway-ci/slipway/actions/lint@v1`, as the adapters issue
# specifies), so the scan trusts that owner the way a user adopting Slipway
# would (scan.misconfig.trusted-action-owners); every other rule applies.
source "$(dirname "$0")/lib.sh"

repo=$TEST_TMP/repo
new_repo "$repo"
for dir in actions gitlab jenkins examples; do cp -R "$SLIPWAY_SOURCE_DIR/$dir" "$repo/$dir"; done
mkdir -p "$repo/.github/workflows"
cp "$SLIPWAY_SOURCE_DIR/examples/github/workflow.yml" "$repo/.github/workflows/example.yml"
cp "$SLIPWAY_SOURCE_DIR/examples/gitlab/.gitlab-ci.yml" "$repo/.gitlab-ci.yml"
cp "$SLIPWAY_SOURCE_DIR/examples/jenkins/Jenkinsfile" "$repo/Jenkinsfile"
printf 'version: 1\nscan:\n  misconfig:\n    trusted-action-owners: [actions, github, slipway-ci]\n' > "$repo/.slipway.yml"
commit_all "$repo"

run_slipway scan --config --secrets --all -C "$repo" --format json --fail-on low --color never
json=$repo/.slipway/reports/scan.json
expect_eq "$(jq -r '[.findings[] | "\(.rule) \(.path):\(.line)"] | join("\n")' "$json")" "" "no findings in the adapters and examples"
expect_status 0 "scan passes even at --fail-on low"
checked=$(jq -r '.summary.files_checked // .files_checked' "$json")
if [ "$checked" -ge 10 ]; then pass "$checked files checked"; else fail "only $checked files checked"; fi

# The scan does look: without trusting Slipway's own owner, the example
# workflow's tag references are reported.
printf 'version: 1\n' > "$repo/.slipway.yml"
run_slipway scan --config --all -C "$repo" --format json --fail-on low
expect_contains "$(jq -r '.findings[].rule' "$json")" "config/github-actions/" "the workflow rules ran on the example"
finish
