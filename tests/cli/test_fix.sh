#!/usr/bin/env bash
# Acceptance (foundation #2): --fix fixes trailing whitespace, final newlines
# and mixed line endings, keeps file modes, reports what it fixed, and a
# second run finds nothing.
source "$(dirname "$0")/lib.sh"

repo=$TEST_TMP/repo
new_repo "$repo"
printf '#!/bin/sh\necho hi   \n' > "$repo/run.sh" && chmod 755 "$repo/run.sh"
printf 'no newline' > "$repo/a.txt"
printf 'too many\n\n\n\n' > "$repo/b.txt"
printf 'one\r\ntwo\r\nthree\n' > "$repo/c.txt"
printf '\xef\xbb\xbfbom\n' > "$repo/d.txt"
chmod 600 "$repo/b.txt"
commit_all "$repo"

run_slipway lint --all --fix -C "$repo" --format console,json --color never
expect_status 0 "everything fixable was fixed"
for f in run.sh a.txt b.txt c.txt d.txt; do expect_contains "$out" "$f" "fixed file $f reported"; done
expect_eq "$(od -An -c "$repo/run.sh" | tr -s ' ')" "$(printf '#!/bin/sh\necho hi\n' | od -An -c | tr -s ' ')" "trailing whitespace removed"
expect_eq "$(cat "$repo/a.txt"; echo .)" "$(printf 'no newline\n.')" "final newline added"
expect_eq "$(od -An -c "$repo/b.txt" | tr -s ' ')" "$(printf 'too many\n' | od -An -c | tr -s ' ')" "exactly one final newline"
expect_eq "$(od -An -c "$repo/c.txt" | tr -s ' ')" "$(printf 'one\r\ntwo\r\nthree\r\n' | od -An -c | tr -s ' ')" "line endings converted to the majority"
expect_eq "$(od -An -c "$repo/d.txt" | tr -s ' ')" "$(printf 'bom\n' | od -An -c | tr -s ' ')" "BOM removed"
expect_eq "$(stat -c %a "$repo/run.sh")" "755" "mode 755 kept"
expect_eq "$(stat -c %a "$repo/b.txt")" "600" "mode 600 kept"
expect_eq "$(find "$repo" -name '*.tmp*' -not -path '*/.git/*' | wc -l)" "0" "no temp files left"

run_slipway lint --all -C "$repo" --format json
expect_status 0 "second run finds nothing"
expect_eq "$(jq '.findings | length' "$repo/.slipway/reports/lint.json")" "0" "no findings after fix"

# fail-if-fixed makes a fixing run fail (for CI).
printf 'again   \n' > "$repo/e.txt"
printf 'lint:\n  fail-if-fixed: true\n' > "$repo/.slipway.yml"
run_slipway lint --all --fix -C "$repo"
expect_status 1 "lint.fail-if-fixed"
finish
