#!/usr/bin/env bash
# Acceptance (foundation #2): --new-only reports a problem on an added line
# and not an identical, older one in the same file.
source "$(dirname "$0")/lib.sh"

repo=$TEST_TMP/repo
new_repo "$repo"
printf 'old line   \nkeep\n' > "$repo/notes.txt"
commit_all "$repo" "old problem"
git -C "$repo" checkout -q -b topic
printf 'old line   \nkeep\nold line   \n' > "$repo/notes.txt"
commit_all "$repo" "same problem added again"

run_slipway lint -C "$repo" --base main --new-only --format json --fail-on warning
expect_status 1 "new problem fails the run"
expect_eq "$(jq -r '[.findings[] | "\(.rule):\(.line)"] | join(" ")' "$repo/.slipway/reports/lint.json")" \
  "trailing-whitespace:3" "only the added line is reported"

run_slipway lint -C "$repo" --base main --format json
expect_eq "$(jq '.findings | length' "$repo/.slipway/reports/lint.json")" "2" "without --new-only both are reported"

# An uncommitted added line counts as added too.
printf 'old line   \nkeep\nold line   \nfresh   \n' > "$repo/notes.txt"
run_slipway lint -C "$repo" --base main --new-only --format json --fail-on warning
expect_eq "$(jq -r '[.findings[] | .line] | join(" ")' "$repo/.slipway/reports/lint.json")" "3 4" "working-tree additions are new"
finish
