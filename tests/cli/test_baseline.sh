#!/usr/bin/env bash
# Acceptance (foundation #2): findings written to the baseline are not
# reported again, even after lines shift; a new finding is; inline
# slipway-ignore markers suppress by rule.
source "$(dirname "$0")/lib.sh"

repo=$TEST_TMP/repo
new_repo "$repo"
printf 'old   \nfine\n' > "$repo/a.txt"
printf '<<<<<<< HEAD\n' > "$repo/b.txt"
commit_all "$repo"

run_slipway lint --all -C "$repo" --write-baseline
expect_status 0 "writing the baseline"
expect_eq "$(jq '.findings | length' "$repo/.slipway-baseline.json")" "2" "baseline holds both findings"

run_slipway lint --all -C "$repo" --format json
expect_status 0 "baselined findings do not fail"
expect_eq "$(jq '.findings | length' "$repo/.slipway/reports/lint.json")" "0" "baselined findings not reported"

# Lines shift: still known. A new problem: reported.
printf 'inserted\nabove\nold   \nfine\nnew problem   \n' > "$repo/a.txt"
run_slipway lint --all -C "$repo" --format json --fail-on warning
expect_status 1 "new finding fails"
expect_eq "$(jq -r '[.findings[] | "\(.path):\(.line)"] | join(" ")' "$repo/.slipway/reports/lint.json")" "a.txt:5" "only the new finding"

# Inline suppression on the line or the line above, by rule or bare.
printf 'x # slipway-ignore[trailing-whitespace]   \n# slipway-ignore\ny   \nz # slipway-ignore[other-rule]   \n' > "$repo/c.txt"
run_slipway lint --all -C "$repo" --format json
expect_eq "$(jq -r '[.findings[] | select(.path=="c.txt") | .line] | join(" ")' "$repo/.slipway/reports/lint.json")" "4" "suppressed lines 1 and 3, not 4"

# A corrupt baseline is a clear error, and is left untouched.
printf '{broken' > "$repo/.slipway-baseline.json"
run_slipway lint --all -C "$repo"
expect_status 2 "corrupt baseline"
expect_contains "$err" ".slipway-baseline.json" "error names the baseline file"
expect_eq "$(cat "$repo/.slipway-baseline.json")" "{broken" "corrupt baseline left as it was"
finish
