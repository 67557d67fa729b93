#!/usr/bin/env bash
# Acceptance (lint plugins #3, item 5): a missing tool prints its install hint
# and the run goes on; a crashing tool becomes an error finding carrying its
# stderr; a descriptor with a typo exits 2 with file:line; `required: true`
# turns a missing tool into a failing finding.
source "$(dirname "$0")/lib.sh"

repo=$TEST_TMP/repo
new_repo "$repo"
mkdir -p "$repo/.slipway/plugins"
cat > "$repo/.slipway/plugins/ghost.yml" <<'YAML'
id: ghost
file-patterns: ["*.txt"]
command: [slipway-test-no-such-linter, "{files}"]
output: {from: stdout, parser: regex, pattern: '^(.+):(\d+): (.*)$', groups: {path: 1, line: 2, message: 3}}
install: {apt: ghost-linter}
YAML
cat > "$repo/.slipway/plugins/crashy.yml" <<'YAML'
id: crashy
file-patterns: ["*.txt"]
command: [sh, -c, 'echo "crashy: internal error: stack overflow in parser" >&2; exit 70', crashy, "{files}"]
output: {from: stdout, parser: regex, pattern: '^(.+):(\d+): (.*)$', groups: {path: 1, line: 2, message: 3}}
YAML
printf 'hello\n' > "$repo/a.txt"
printf 'version: 1\nlint:\n  linters:\n    ghost: {enabled: true}\n    crashy: {enabled: true}\n' > "$repo/.slipway.yml"
commit_all "$repo"

run_slipway lint --all -C "$repo" --format console,json --color never
expect_status 1 "the crash fails the run"
expect_contains "$out$err" "ghost is not installed (slipway-test-no-such-linter not found); install it with: apt-get install ghost-linter" \
  "missing tool: one line with the install hint"
json=$repo/.slipway/reports/lint.json
expect_eq "$(jq -r '[.findings[] | select(.tool=="crashy") | .rule + " " + .severity] | join(",")' "$json")" \
  "crashy/crashed error" "crash: one error finding"
expect_contains "$(jq -r '.findings[] | select(.tool=="crashy") | .message' "$json")" \
  "stack overflow in parser" "crash finding carries the tool's stderr"
expect_contains "$(jq -r '.findings[] | select(.tool=="crashy") | .message' "$json")" "70" "crash finding has the exit code"
expect_eq "$(jq '[.findings[] | select(.tool=="ghost")] | length' "$json")" "0" "missing tool: no findings of its own"

# required: true turns the missing tool into an error finding.
printf 'version: 1\nlint:\n  linters:\n    ghost: {enabled: true, required: true}\n' > "$repo/.slipway.yml"
run_slipway lint --all -C "$repo" --format json
expect_status 1 "required missing tool fails the run"
expect_eq "$(jq -r '[.findings[] | select(.tool=="ghost") | .rule] | join(",")' "$json")" "ghost/missing" "ghost/missing finding"

# A typo in a descriptor: exit 2 with file:line:column, nothing runs, no report.
rm -rf "$repo/.slipway/reports"
cat > "$repo/.slipway/plugins/ghost.yml" <<'YAML'
id: ghost
file-patterns: ["*.txt"]
comand: [ghost, "{files}"]
output: {from: stdout, parser: regex, pattern: '^(.+):(\d+): (.*)$', groups: {path: 1, line: 2, message: 3}}
YAML
run_slipway lint --all -C "$repo" --format json
expect_status 2 "descriptor typo exits 2"
expect_contains "$err" ".slipway/plugins/ghost.yml:3:1" "error names file:line:column"
expect_contains "$err" 'did you mean "command"' "error suggests the right key"
expect_no_file "$repo/.slipway/reports/lint.json"

# An unknown linter id in .slipway.yml: exit 2 with the line.
git -C "$repo" checkout -q -- .slipway/plugins/ghost.yml
printf 'version: 1\nlint:\n  linters:\n    shelcheck: {enabled: true}\n' > "$repo/.slipway.yml"
run_slipway lint --all -C "$repo" --format json
expect_status 2 "unknown linter id exits 2"
expect_contains "$err" ".slipway.yml:4" "unknown linter: file:line"
expect_contains "$err" 'did you mean "shellcheck"' "unknown linter: suggestion"
finish
