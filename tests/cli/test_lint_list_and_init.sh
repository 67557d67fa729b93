#!/usr/bin/env bash
# Lint plugins #3, items 6 and 7: `slipway lint --list` shows every known
# linter, whether it is enabled and why, whether it is installed and its
# version; `slipway init` writes a starter .slipway.yml with the detected,
# installed linters, prints the CI snippets, and never overwrites a user's
# file without --force (then it keeps a backup).
source "$(dirname "$0")/lib.sh"
command -v shellcheck >/dev/null || { echo "shellcheck is not installed"; exit 77; }

repo=$TEST_TMP/repo
new_repo "$repo"
mkdir -p "$repo/.slipway/plugins"
printf '#!/bin/sh\necho "$1"\n' > "$repo/run.sh"
printf 'id: ghost\nfile-patterns: ["*.gh"]\ncommand: [slipway-test-missing, "{files}"]\noutput: {parser: sarif}\ninstall: {npm: ghost-lint}\n' \
  > "$repo/.slipway/plugins/ghost.yml"
printf 'x\n' > "$repo/a.gh"
commit_all "$repo"

run_slipway lint --list -C "$repo"
expect_status 0 "--list exits 0"
sc_line=$(grep '^shellcheck ' <<<"$out" || true)
expect_contains "$sc_line" "not enabled" "shellcheck not enabled without configuration"
expect_contains "$sc_line" "$(shellcheck --version | grep -o '[0-9][0-9.]*' | head -1)" "shellcheck's installed version"
ghost_line=$(grep '^ghost ' <<<"$out" || true)
expect_contains "$ghost_line" "npm install -g ghost-lint" "missing tool: install hint"
expect_eq "$(awk '{print $3}' <<<"$ghost_line")" "no" "missing tool: installed = no"

printf 'version: 1\nlint:\n  auto: true\n' > "$repo/.slipway.yml"
run_slipway lint --list -C "$repo"
expect_contains "$(grep '^shellcheck ' <<<"$out")" "auto: detected run.sh" "lint.auto: reason names the detected file"
expect_eq "$(grep '^shellcheck ' <<<"$out" | awk '{print $2}')" "yes" "lint.auto: enabled"
expect_contains "$(grep '^ghost ' <<<"$out")" "not installed" "lint.auto: a detected but missing tool stays off"

# init refuses to replace the user's file.
before=$(sha256sum "$repo/.slipway.yml")
run_slipway init -C "$repo"
expect_status 2 "init refuses an existing .slipway.yml"
expect_eq "$(sha256sum "$repo/.slipway.yml")" "$before" "existing file untouched"

rm "$repo/.slipway.yml"
run_slipway init -C "$repo"
expect_status 0 "init writes a starter file"
expect_contains "$out" "uses: slipway-ci/slipway/actions/lint@v1" "GitHub snippet"
expect_contains "$out" "component:" "GitLab snippet"
expect_contains "$out" "slipwayLint()" "Jenkins snippet"
expect_contains "$(cat "$repo/.slipway.yml")" "shellcheck: {enabled: true}" "detected, installed linter enabled"
expect_contains "$(cat "$repo/.slipway.yml")" "# ghost:" "detected but missing linter left commented out"
run_slipway config -C "$repo"
expect_status 0 "the written file is valid configuration"
printf 'echo $1\n' >> "$repo/run.sh"
run_slipway lint --all -C "$repo" --format json
expect_eq "$(jq -r '[.findings[] | select(.tool=="shellcheck") | .rule] | join(",")' "$repo/.slipway/reports/lint.json")" \
  "shellcheck/SC2086" "the linter init enabled runs"

printf '# mine\nversion: 1\n' > "$repo/.slipway.yml"
run_slipway init --force -C "$repo"
expect_status 0 "init --force replaces"
expect_eq "$(cat "$repo/.slipway.yml.bak")" "$(printf '# mine\nversion: 1')" "the old file is kept as .slipway.yml.bak"
finish
