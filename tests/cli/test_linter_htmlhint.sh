#!/usr/bin/env bash
# Shipped descriptor plugins/htmlhint.yml against the real HTMLHint: the
# rules of the project's .htmlhintrc (at the root, for files in subfolders)
# come out of its JSON report with their ids, lines, columns and severities,
# a clean file has none, warnings alone pass although HTMLHint exits 1 for
# them, nothing is written into the repository, and a config HTMLHint cannot
# parse is a crash.
source "$(dirname "$0")/lib.sh"

export PATH="$SLIPWAY_TOOLS/npm/node_modules/.bin:$PATH"
if ! command -v htmlhint >/dev/null; then
  echo "skipped: htmlhint is not installed (tests/tools/install-npm-tools.sh installs it into .tools/npm)"
  exit 77
fi

repo=$TEST_TMP/repo
new_repo "$repo"
cp -R "$SLIPWAY_SOURCE_DIR/tests/fixtures/linters/htmlhint/." "$repo/"
printf 'version: 1\nlint:\n  linters:\n    htmlhint: {enabled: true}\n' >"$repo/.slipway.yml"
commit_all "$repo"
report=$repo/.slipway/reports/lint.json

# findings: one "path:line:column rule severity" line per HTMLHint finding.
findings() {
  jq -r '.findings[] | select(.tool == "htmlhint") | "\(.path):\(.line):\(.column) \(.rule) \(.severity)"' "$report"
}

run_slipway lint --all -C "$repo" --format json --color never
expect_status 1 "HTMLHint errors fail the run"
expect_eq "$(findings)" "index.htm:1:1 htmlhint/doctype-first error
pages/bad.html:5:1 htmlhint/head-script-disabled warning
pages/bad.html:8:1 htmlhint/tagname-lowercase error
pages/bad.html:8:15 htmlhint/attr-value-double-quotes error
pages/bad.html:9:5 htmlhint/alt-require warning
pages/bad.html:10:1 htmlhint/tag-pair error
pages/bad.html:10:3 htmlhint/id-unique error
pages/bad.html:11:1 htmlhint/tagname-lowercase error" "exact HTMLHint findings"
expect_eq "$(jq -r '.findings[] | select(.rule == "htmlhint/id-unique") | .message' "$report")" \
  "The id value [ main ] must be unique." "message taken from the report"
expect_eq "$(jq '[.findings[] | select(.path == "pages/clean.html")] | length' "$report")" "0" "clean file has no findings"
expect_eq "$(jq '[.findings[] | select(.rule == "htmlhint/crashed")] | length' "$report")" "0" "no crash finding"
expect_eq "$(git -C "$repo" status --porcelain --untracked-files=all -- . ':!.slipway')" "" "nothing written into the repository"

# Warnings only: HTMLHint exits 1, the warnings are reported, the run passes.
git -C "$repo" rm -q pages/bad.html index.htm
printf '<!DOCTYPE html>\n<html lang="en">\n<head>\n<title>w</title>\n</head>\n<body>\n<img src="a.png">\n</body>\n</html>\n' \
  >"$repo/pages/warn.html"
commit_all "$repo"
run_slipway lint --all -C "$repo" --format json --color never
expect_status 0 "warnings only: exit 0"
expect_eq "$(findings)" "pages/warn.html:7:5 htmlhint/alt-require warning" "the warning is reported"

# A config HTMLHint cannot parse: it still lints with its defaults, but the
# line it prints before the JSON makes the report unreadable: a crash, never
# a silent pass.
printf '{ "tag-pair": \n' >"$repo/.htmlhintrc"
commit_all "$repo"
run_slipway lint --all -C "$repo" --format json --color never
expect_status 1 "a broken config fails the run"
expect_eq "$(jq -r '[.findings[] | select(.tool == "htmlhint") | .rule] | unique | join(" ")' "$report")" \
  "htmlhint/crashed" "unreadable report is a crash"
finish
