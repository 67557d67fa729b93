#!/usr/bin/env bash
# `slipway scan --config` and `--secrets` on the Jenkins library and the
# reference Jenkinsfile (issue #6, acceptance 6, the Jenkins part): zero
# findings. The files are copied into a fresh repository so that only they are
# scanned. A copy of the Jenkinsfile loading the library at a branch instead of
# a commit must be reported, so a scan that checks nothing cannot pass.
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/helpers.sh"
cli_has scan || skip "this slipway has no scan command"
command -v jq >/dev/null || skip "jq is not installed"

repo=$TEST_TMP/repo
new_repo "$repo"
cp -R "$JENKINS_LIBRARY" "$repo/jenkins"
mkdir -p "$repo/examples"
cp -R "$SLIPWAY_SOURCE_DIR/examples/jenkins" "$repo/examples/jenkins"
commit_all "$repo" "the Jenkins library and example"

run_slipway -C "$repo" scan --config --secrets --all --fail-on low --format console,json
expect_status 0 "scan of jenkins/ and examples/jenkins/"
expect_eq "$(jq -r .summary.total "$repo/.slipway/reports/scan.json")" 0 "no findings"

sed 's/slipway@[0-9a-f]\{40\}/slipway@main/' "$SLIPWAY_SOURCE_DIR/examples/jenkins/Jenkinsfile" >"$repo/examples/jenkins/Jenkinsfile"
commit_all "$repo" "load the library at a branch"
run_slipway -C "$repo" scan --config --all --fail-on low --format console,json
expect_status 1 "control: the unpinned library fails the scan"
expect_contains "$(jq -r '.findings[].rule' "$repo/.slipway/reports/scan.json")" "config/jenkins/unpinned-library" \
  "control: reported as config/jenkins/unpinned-library"
finish
