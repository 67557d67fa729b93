#!/usr/bin/env bash
# The Jenkins steps under a Groovy harness (issue #6, acceptance 4): Debian's
# groovy loads every jenkins/vars/*.groovy, with sh, withEnv, junit,
# recordIssues, sarif, archiveArtifacts, error, libraryResource, fileExists,
# readFile, echo, env and currentBuild provided by the recording harness
# (tests/adapters/jenkins/harness/), whose sh really runs the script with
# bash. The cases (cases/steps_cases.groovy) run slipway, slipwayLint,
# slipwayScan and slipwayBuild with the real $SLIPWAY on the fixture
# repositories made here, and check the exact command line, the environment
# the CLI got, the reports recorded (junit, recordIssues with sarif, the
# archived folder), the returned counts and currentBuild.result for clean,
# failing and unstable runs, a pull-request build, a missing Warnings Next
# Generation plugin, a configuration error and bad arguments.
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/helpers.sh"
require_groovy

FIXTURES=$TEST_TMP/fixtures
lint_fixture "$FIXTURES/clean" clean
lint_fixture "$FIXTURES/warning" warning
lint_fixture "$FIXTURES/failing" failing

# Build: one step from .slipway.yml, another from ci/build.yml (--config), a
# release tag and a feature commit after it (next version 0.4.0).
new_repo "$FIXTURES/build"
printf 'version: 1\nbuild:\n  steps:\n    - name: test\n      run: echo built > built.txt\n' >"$FIXTURES/build/.slipway.yml"
mkdir -p "$FIXTURES/build/ci"
printf 'version: 1\nbuild:\n  steps:\n    - name: test\n      run: echo ci-config > ci-config.txt\n' >"$FIXTURES/build/ci/build.yml"
printf 'built.txt\nci-config.txt\n' >"$FIXTURES/build/.gitignore"
commit_all "$FIXTURES/build" "chore: start"
git -C "$FIXTURES/build" tag v0.3.0
printf 'feature\n' >"$FIXTURES/build/feature.txt"
commit_all "$FIXTURES/build" "feat: a feature"

new_repo "$FIXTURES/build-failing"
printf 'version: 1\nbuild:\n  steps:\n    - name: test\n      run: exit 3\n' >"$FIXTURES/build-failing/.slipway.yml"
commit_all "$FIXTURES/build-failing" "feat: start"

# A pull request: old.txt (a finding) is on the target branch main, new.txt
# (another) only on the change's branch.
new_repo "$FIXTURES/pr"
printf 'old  \n' >"$FIXTURES/pr/old.txt"
commit_all "$FIXTURES/pr" "chore: old"
git -C "$FIXTURES/pr" update-ref refs/remotes/origin/main HEAD
git -C "$FIXTURES/pr" checkout -q -b feature
printf 'new  \n' >"$FIXTURES/pr/new.txt"
commit_all "$FIXTURES/pr" "feat: new"

HAS_SCAN=false
HAS_BUILD=false
if cli_has scan; then HAS_SCAN=true; else echo "note: this slipway has no scan command; the scan cases are skipped"; fi
if cli_has build; then HAS_BUILD=true; else echo "note: this slipway has no build command; the build cases are skipped"; fi
export FIXTURES HAS_SCAN HAS_BUILD
export SCRATCH=$TEST_TMP/scratch

run_cases steps_cases.groovy
finish
