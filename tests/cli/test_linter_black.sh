#!/usr/bin/env bash
# Shipped descriptor plugins/black.yml against the real Black: check mode
# gives one whole-file black/format warning per file Black would reformat
# (honouring [tool.black] in pyproject.toml), a black/error with line and
# column for a file it cannot parse, nothing for a formatted file; --fix
# rewrites the files to Black's formatting, reports them as fixed, and a
# second run is clean.
source "$(dirname "$0")/lib.sh"

if ! command -v black >/dev/null; then
  echo "skipped: black is not installed (apt-get install black)"
  exit 77
fi

repo=$TEST_TMP/repo
new_repo "$repo"
printf "x = {  'a':1 }\ndef f( a ):\n  return a\n" > "$repo/bad.py"
# Fine for Black's default line length, too long for the project's 40.
printf 'result = some_function_name(argument_one, argument_two)\n' > "$repo/long.py"
printf 'def broken(:\n    pass\n' > "$repo/broken.py"
printf 'def add(a, b):\n    return a + b\n' > "$repo/clean.py"
printf '[tool.black]\nline-length = 40\n' > "$repo/pyproject.toml"
printf 'version: 1\nlint:\n  linters:\n    black: {enabled: true}\n' > "$repo/.slipway.yml"
commit_all "$repo"
before_bad=$(cat "$repo/bad.py")

run_slipway lint --all -C "$repo" --format json --color never
expect_status 1 "a file Black cannot parse is an error"
report=$repo/.slipway/reports/lint.json
expect_eq "$(jq -c '[.findings[] | select(.tool == "black") | [.rule, .path, .line, .column, .severity]]' "$report")" \
  '[["black/format","bad.py",0,0,"warning"],["black/error","broken.py",1,11,"error"],["black/format","long.py",0,0,"warning"]]' \
  "exact black findings"
expect_eq "$(jq -r '.findings[] | select(.path == "bad.py" and .tool == "black") | .message' "$report")" \
  "would reformat bad.py" "message names the file"
expect_eq "$(jq '[.findings[] | select(.path == "clean.py")] | length' "$report")" "0" "formatted file has no findings"
expect_eq "$(cat "$repo/bad.py")" "$before_bad" "check mode does not write"

# --fix rewrites what Black can format; the file it cannot parse stays an
# error (exit 123 of the fix call is not a crash).
run_slipway lint --all --fix -C "$repo" --format json --color never
expect_status 1 "--fix: the unparsable file is still an error"
expect_eq "$(jq -c '.fixed_files' "$report")" '["bad.py","long.py"]' "both files reported as fixed"
expect_eq "$(cat "$repo/bad.py")" "$(printf 'x = {"a": 1}\n\n\ndef f(a):\n    return a')" "bad.py in Black's style"
expect_eq "$(cat "$repo/long.py")" "$(printf 'result = some_function_name(\n    argument_one, argument_two\n)')" \
  "long.py split at the configured line length"
expect_eq "$(cat "$repo/clean.py")" "$(printf 'def add(a, b):\n    return a + b')" "clean file untouched"
expect_eq "$(jq -c '[.findings[] | select(.tool == "black") | .rule]' "$report")" '["black/error"]' \
  "after fixing only the parse error is left"

git -C "$repo" rm -q broken.py
commit_all "$repo"
run_slipway lint --all -C "$repo" --format json --color never
expect_status 0 "second run"
expect_eq "$(jq '.findings | length' "$report")" "0" "second run is clean"

# Formatting problems only: a warning, exit 0.
printf 'y=[1,2 ,3]\n' > "$repo/late.py"
commit_all "$repo"
run_slipway lint --all -C "$repo" --format json --color never
expect_status 0 "reformatting needed is only a warning"
expect_eq "$(jq -c '[.findings[] | [.rule, .path, .severity]]' "$report")" '[["black/format","late.py","warning"]]' \
  "one warning for the new file"
finish
