#!/usr/bin/env bash
# The command surface: --help on every command documents exit codes, version,
# ci-info on each platform, usage errors exit 2, lint outside a repository.
source "$(dirname "$0")/lib.sh"

for cmd in "" lint run config ci-info version; do
  run_slipway $cmd --help
  expect_status 0 "slipway $cmd --help"
  expect_contains "$out" "Usage" "slipway $cmd --help prints usage"
done
run_slipway lint --help
expect_contains "$out" "Exit codes" "lint --help documents exit codes"
for flag in --config --format --output-dir --fail-on --changed-only --all --base --new-only --jobs --fix --quiet --verbose --color; do
  expect_contains "$out" -- "$flag" "lint --help lists $flag"
done

run_slipway version
expect_status 0 "version"
expect_contains "$out" "slipway 0." "version text"

# libcurl (for `scan --update-db`) and libarchive (tar.gz artifacts, OSV
# zips), with the thirty libraries they pull in, are opened on first use
# (util/shared_library): no other command pays for them at start-up.
needed=$(readelf -d "$SLIPWAY" | grep NEEDED || true)
expect_contains "$needed" "libgit2" "readelf lists the linked libraries"
loaded=$(LD_DEBUG=libs "$SLIPWAY" version 2>&1 >/dev/null || true)
expect_contains "$loaded" "libgit2" "LD_DEBUG shows the libraries loaded at start-up"
for library in libcurl libarchive libicuuc; do
  expect_not_contains "$needed" "$library" "slipway is not linked against $library"
  expect_not_contains "$loaded" "$library" "slipway version loads no $library"
done

run_slipway lint --no-such-flag
expect_status 2 "unknown flag"
run_slipway
expect_status 2 "no command"

repo=$TEST_TMP/repo
new_repo "$repo"; printf 'ok\n' > "$repo/a.txt"; commit_all "$repo"
GITLAB_CI=true CI_PIPELINE_SOURCE=merge_request_event CI_MERGE_REQUEST_IID=5 CI_MERGE_REQUEST_TARGET_BRANCH_NAME=main \
  CI_MERGE_REQUEST_DIFF_BASE_SHA=abc123 run_slipway ci-info --json -C "$repo"
expect_status 0 "ci-info"
expect_eq "$(jq -r .platform <<<"$out")" "gitlab" "ci-info platform"
expect_eq "$(jq -r .base_commit <<<"$out")" "abc123" "ci-info base"
expect_eq "$(jq -r .commit <<<"$out")" "$(git -C "$repo" rev-parse HEAD)" "ci-info commit read from the repository"
JENKINS_URL=http://j/ GIT_COMMIT=0000000000000000000000000000000000000001 run_slipway ci-info --json -C "$repo"
expect_eq "$(jq -r .commit <<<"$out")" "$(git -C "$repo" rev-parse HEAD)" "Jenkins: GIT_COMMIT is not trusted"

mkdir -p "$TEST_TMP/plain"
run_slipway lint -C "$TEST_TMP/plain"
expect_status 2 "lint outside a git repository"
expect_contains "$err" "git" "the error says why"

run_slipway run --all -C "$repo"
expect_status 0 "run on a clean repository"
expect_contains "$out" "lint" "run summary lists the lint stage"
finish
