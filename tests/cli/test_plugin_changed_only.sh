#!/usr/bin/env bash
# Acceptance (lint plugins #3, item 3): in a merge-request pipeline that
# changes one shell file and one Markdown file, only those two are linted —
# by a batch-mode linter (shellcheck) and by a project-mode linter that looks
# at the whole repository on its own (its other findings are filtered out).
# --new-only then keeps only findings on added lines.
source "$(dirname "$0")/lib.sh"
command -v shellcheck >/dev/null || { echo "shellcheck is not installed"; exit 77; }

origin=$TEST_TMP/origin
new_repo "$origin"
mkdir -p "$origin/.slipway/plugins" "$origin/scripts" "$origin/docs"
# Project mode: the tool walks the repository itself and reports every
# Markdown heading without a blank line after it, and every `echo $` in shell.
cat > "$origin/.slipway/plugins/walker.yml" <<'YAML'
id: walker
file-patterns: ["*.md", "*.sh"]
mode: project
command: [sh, -c, 'grep -rn --include=*.md --include=*.sh -E "^#[^!].*|echo [$]" . | grep -v "^./.git/" | sed "s|^\./||"']
output:
  from: stdout
  parser: regex
  pattern: '^([^:]+):(\d+):(.*)$'
  groups: {path: 1, line: 2, message: 3}
success-exit-codes: [0, 1]
findings-exit-codes: []
default-severity: warning
YAML
for i in 1 2 3; do printf '#!/bin/sh\necho $%s\n' "$i" > "$origin/scripts/s$i.sh"; done
for i in 1 2 3; do printf '# Doc %s\n' "$i" > "$origin/docs/d$i.md"; done
printf 'version: 1\nfail-on: never\nlint:\n  linters:\n    shellcheck: {enabled: true}\n    walker: {enabled: true}\n' > "$origin/.slipway.yml"
commit_all "$origin" "base: every file has problems"
base_sha=$(git -C "$origin" rev-parse HEAD)
git -C "$origin" checkout -q -b feature
printf 'echo $HOME\n' >> "$origin/scripts/s2.sh"
printf '\n# Added heading\n' >> "$origin/docs/d3.md"
commit_all "$origin" "change one shell and one Markdown file"

work=$TEST_TMP/work
git clone -q "$origin" "$work"
git -C "$work" checkout -q feature
json=$work/.slipway/reports/lint.json

mr_env=(GITLAB_CI=true CI_PIPELINE_SOURCE=merge_request_event CI_MERGE_REQUEST_IID=3
  CI_MERGE_REQUEST_TARGET_BRANCH_NAME=main CI_MERGE_REQUEST_DIFF_BASE_SHA=$base_sha
  CI_MERGE_REQUEST_SOURCE_BRANCH_NAME=feature CI_PROJECT_DIR=$work)
env "${mr_env[@]}" "$SLIPWAY" lint -C "$work" --format json >"$TEST_TMP/out" 2>&1 && status=0 || status=$?
expect_eq "$status" "0" "fail-on never: exit 0"
expect_eq "$(jq -r '[.findings[] | select(.tool=="shellcheck") | .path] | unique | join(",")' "$json")" \
  "scripts/s2.sh" "shellcheck: only the changed shell file"
expect_eq "$(jq -r '[.findings[] | select(.tool=="walker") | .path] | unique | join(",")' "$json")" \
  "docs/d3.md,scripts/s2.sh" "project-mode linter: findings only in the two changed files"
expect_eq "$(jq '.summary.files_checked // .files_checked' "$json")" "2" "two files selected"

# --new-only: the old problems of the changed files go too; the added lines stay.
env "${mr_env[@]}" "$SLIPWAY" lint -C "$work" --format json --new-only >"$TEST_TMP/out" 2>&1 || true
expect_eq "$(jq -c '[.findings[] | select(.tool=="walker") | [.path, .line]]' "$json")" \
  '[["docs/d3.md",3],["scripts/s2.sh",3]]' "--new-only: only findings on added lines"
expect_eq "$(jq -c '[.findings[] | select(.tool=="shellcheck") | .line] | unique' "$json")" "[3]" \
  "--new-only: shellcheck keeps only line 3"

# Outside a merge request with --all, every file is linted.
run_slipway lint --all -C "$work" --format json
expect_eq "$(jq -r '[.findings[] | select(.tool=="walker") | .path] | unique | length' "$json")" "6" "--all: all six files"
finish
