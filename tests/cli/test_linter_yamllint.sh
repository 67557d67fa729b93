#!/usr/bin/env bash
# Shipped descriptor plugins/yamllint.yml against the real yamllint: planted
# problems come out with rule, line, column and yamllint's own level, the
# project's .yamllint is passed (disabled rule, changed limits and levels,
# ignored folder), a clean file has none; errors fail the run, warnings do
# not, --strict's exit code 2 is read as findings, not as a crash, and
# lint.linters.yamllint.config replaces .yamllint.
source "$(dirname "$0")/lib.sh"

if ! command -v yamllint >/dev/null; then
  echo "skipped: yamllint is not installed (apt-get install yamllint)"
  exit 77
fi

repo=$TEST_TMP/repo
new_repo "$repo"
mkdir -p "$repo/generated"
cat > "$repo/.yamllint" <<'YAML'
extends: default
ignore: |
  generated/
rules:
  document-start: disable
  line-length: {max: 40, level: warning}
  truthy: {level: warning}
YAML
cat > "$repo/bad.yaml" <<'YAML'
name: demo
name: again
enabled: yes
items:
  -  one
description: this line is much longer than forty characters
YAML
printf 'a: [\n' > "$repo/broken.yml"
printf 'service:\n  port: 8080\n  hosts:\n    - a\n    - b\n' > "$repo/clean.yml"
# A duplicate key in a folder the configuration ignores.
printf 'x: 1\nx: 2\n' > "$repo/generated/data.yml"
printf 'version: 1\nlint:\n  linters:\n    yamllint: {enabled: true}\n' > "$repo/.slipway.yml"
commit_all "$repo"

yamllint_findings() {
  jq -c '[.findings[] | select(.tool == "yamllint") | [.rule, .path, .line, .column, .severity]]' \
    "$repo/.slipway/reports/lint.json"
}

run_slipway lint --all -C "$repo" --format json --color never
expect_status 1 "yamllint errors fail the run"
report=$repo/.slipway/reports/lint.json
expect_eq "$(yamllint_findings)" \
  '[["yamllint/key-duplicates","bad.yaml",2,1,"error"],["yamllint/truthy","bad.yaml",3,10,"warning"],["yamllint/hyphens","bad.yaml",5,5,"error"],["yamllint/line-length","bad.yaml",6,41,"warning"],["yamllint/syntax","broken.yml",2,1,"error"]]' \
  "exact yamllint findings under the project's .yamllint"
expect_eq "$(jq -r '.findings[] | select(.rule == "yamllint/key-duplicates") | .message' "$report")" \
  'duplication of key "name" in mapping' "message without level and rule"
expect_eq "$(jq '[.findings[] | select(.tool == "yamllint" and (.path | IN("clean.yml", "generated/data.yml", ".slipway.yml", ".yamllint")))] | length' "$report")" \
  "0" "clean, ignored and configuration files have no findings"

# Warnings only: exit 0; with --strict yamllint exits 2, which is findings too.
git -C "$repo" rm -q bad.yaml broken.yml
printf 'enabled: yes\n' > "$repo/warn.yml"
commit_all "$repo"
run_slipway lint --all -C "$repo" --format json --color never
expect_status 0 "warnings only: exit 0"
expect_eq "$(yamllint_findings)" '[["yamllint/truthy","warn.yml",1,10,"warning"]]' "the warning is reported"

printf 'version: 1\nlint:\n  linters:\n    yamllint:\n      args: [--strict]\n' > "$repo/.slipway.yml"
commit_all "$repo"
run_slipway lint --all -C "$repo" --format json --color never
expect_status 0 "--strict: still only a warning"
expect_eq "$(yamllint_findings)" '[["yamllint/truthy","warn.yml",1,10,"warning"]]' "--strict: exit 2 parsed, no crash finding"

# A configuration file named in .slipway.yml replaces .yamllint: it makes
# truthy an error, and generated/ is no longer ignored.
mkdir -p "$repo/ci"
printf 'extends: default\nrules:\n  document-start: disable\n  truthy: {level: error}\n' > "$repo/ci/yamllint.yml"
printf 'version: 1\nlint:\n  linters:\n    yamllint:\n      config: ci/yamllint.yml\n' > "$repo/.slipway.yml"
commit_all "$repo"
run_slipway lint --all -C "$repo" --format json --color never
expect_status 1 "lint.linters.yamllint.config: truthy is now an error"
expect_eq "$(yamllint_findings)" '[["yamllint/key-duplicates","generated/data.yml",2,1,"error"],["yamllint/truthy","warn.yml",1,10,"error"]]' \
  "the configured file is used instead of .yamllint"
finish
