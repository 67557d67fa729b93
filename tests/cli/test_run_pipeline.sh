#!/usr/bin/env bash
# Build #5 item 7: `slipway run` runs lint -> build -> scan as configured,
# stops at the first failed stage (the summary lists the rest as skipped),
# and runs them all with --keep-going; the summary has every stage's result.
source "$(dirname "$0")/lib.sh"

repo=$TEST_TMP/repo
new_repo "$repo"
printf 'clean\n' > "$repo/a.txt"
cat > "$repo/.slipway.yml" <<'YAML'
version: 1
stages: [lint, build, scan]
build:
  steps:
    - name: compile
      run: 'touch built'
YAML
printf 'FROM alpine:3.19\nUSER nobody\n' > "$repo/Dockerfile"
commit_all "$repo"

run_slipway run --all -C "$repo" --color never --format json
expect_status 0 "all three stages pass"
expect_contains "$out" "lint     passed" "summary: lint"
expect_contains "$out" "build    passed" "summary: build"
expect_contains "$out" "scan     passed" "summary: scan"
expect_file "$repo/.slipway/reports/scan.json"
[ -e "$repo/built" ] && pass "the build step ran" || fail "the build step did not run"

printf '<<<<<<< HEAD\n' > "$repo/b.txt"
rm -f "$repo/built" "$repo/.slipway/reports/scan.json"
run_slipway run --all -C "$repo" --color never --format json
expect_status 1 "a failing lint stage fails the run"
expect_contains "$out" "lint     failed" "summary: lint failed"
expect_contains "$out" "build  skipped (an earlier stage failed)" "build skipped"
[ -e "$repo/built" ] && fail "build ran after lint failed" || pass "build did not run"

run_slipway run --all --keep-going -C "$repo" --color never --format json
expect_status 1 "--keep-going still reports the failure"
expect_contains "$out" "build    passed" "--keep-going: build ran"
expect_contains "$out" "scan     passed" "--keep-going: scan ran"
[ -e "$repo/built" ] && pass "--keep-going: the build step ran" || fail "--keep-going: build step did not run"
finish
