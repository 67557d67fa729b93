#!/usr/bin/env bash
# Acceptance (lint plugins #3, item 4): a user descriptor in .slipway/plugins/
# adds a linter the core has never seen (a regex-parsed script that reports
# TODO comments) and its findings appear in every report format.
source "$(dirname "$0")/lib.sh"

repo=$TEST_TMP/repo
new_repo "$repo"
mkdir -p "$repo/.slipway/plugins" "$repo/tools" "$repo/src"
# The "linter": prints path:line: severity: message for each TODO/FIXME line.
cat > "$repo/tools/todo-lint" <<'SH'
#!/bin/sh
status=0
for f in "$@"; do
  grep -n -E 'TODO|FIXME' "$f" | while IFS=: read -r line text; do
    case $text in *FIXME*) sev=error ;; *) sev=warning ;; esac
    echo "$f:$line: $sev: marker left in code [$(echo "$text" | grep -o -E 'TODO|FIXME' | head -1)]"
  done
  if grep -q -E 'TODO|FIXME' "$f"; then status=1; fi
done
exit $status
SH
chmod +x "$repo/tools/todo-lint"
cat > "$repo/.slipway/plugins/todo.yml" <<'YAML'
id: todo
name: TODO finder
file-patterns: ["*.c", "*.py"]
command: [tools/todo-lint, "{files}"]
mode: batch
output:
  from: stdout
  parser: regex
  pattern: '^(.+?):(\d+): (\w+): (.*) \[(\w+)\]$'
  groups: {path: 1, line: 2, severity: 3, message: 4, rule: 5}
success-exit-codes: [0]
findings-exit-codes: [1]
YAML
printf 'int main(void) {\n  /* TODO: remove */\n  return 0; /* FIXME */\n}\n' > "$repo/src/a.c"
printf 'print("clean")\n' > "$repo/src/b.py"
printf 'x = 1  # TODO later\n' > "$repo/src/c.py"
printf 'version: 1\nlint:\n  linters:\n    todo: {enabled: true}\n' > "$repo/.slipway.yml"
commit_all "$repo"

run_slipway lint --all -C "$repo" --color never --format console,json,sarif,codequality,junit,checkstyle,markdown
expect_status 1 "the FIXME is an error finding"
reports=$repo/.slipway/reports
expect_eq "$(jq -c '[.findings[] | select(.tool=="todo") | [.rule, .path, .line, .severity]]' "$reports/lint.json")" \
  '[["todo/TODO","src/a.c",2,"warning"],["todo/FIXME","src/a.c",3,"error"],["todo/TODO","src/c.py",1,"warning"]]' \
  "json: the three planted markers, nothing in the clean file"
expect_eq "$(jq '[.runs[0].results[] | select(.ruleId | startswith("todo/"))] | length' "$reports/lint.sarif")" "3" "sarif: 3 results"
expect_eq "$(jq -r '[.runs[0].tool.driver.rules[].id | select(startswith("todo/"))] | sort | join(",")' "$reports/lint.sarif")" \
  "todo/FIXME,todo/TODO" "sarif: both rules described"
expect_eq "$(jq '[.[] | select(.check_name | startswith("todo/"))] | length' "$reports/lint.codequality.json")" "3" "codequality: 3 issues"
expect_eq "$(grep -c 'todo/' "$reports/lint.checkstyle.xml")" "3" "checkstyle: 3 errors"
expect_contains "$(cat "$reports/lint.junit.xml")" "todo/FIXME" "junit names the rule"
expect_contains "$(cat "$reports/lint.md")" "todo/TODO" "markdown names the rule"
expect_contains "$out" "marker left in code" "console shows the message"

# The user descriptor shows up in --list, marked as coming from the repository.
run_slipway lint --list -C "$repo"
expect_status 0 "--list"
expect_contains "$(grep '^todo ' <<<"$out")" ".slipway/plugins/todo.yml" "--list names the user descriptor's file"
expect_contains "$(grep '^todo ' <<<"$out")" "yes" "--list: enabled"
finish
