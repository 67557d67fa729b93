#!/usr/bin/env bash
# Shipped descriptor plugins/codespell.yml against the real codespell:
# planted misspellings in any kind of text file come out as warnings with
# their line and the misspelt word as rule, the project's .codespellrc is
# honoured, a clean file has none and the run passes; --fix corrects the
# words with a single correction, reports those files as fixed, leaves the
# ambiguous one, and a second run is clean.
source "$(dirname "$0")/lib.sh"

if ! command -v codespell >/dev/null; then
  echo "skipped: codespell is not installed (apt-get install codespell)"
  exit 77
fi

repo=$TEST_TMP/repo
new_repo "$repo"
mkdir -p "$repo/src"
printf 'This is teh readme.\n\nWe recieve data here.\n' > "$repo/README.md"
printf '/* main entry */\n/* an error occured here */\nint main(void) { return 0; }\n' > "$repo/src/main.c"
# "fo" has five possible corrections, so codespell cannot fix it by itself.
printf 'Say fo.\n' > "$repo/ambiguous.txt"
printf 'Nothing to see here.\n' > "$repo/clean.txt"
# A misspelling the project's configuration tells codespell to accept.
printf 'adn\n' > "$repo/names.txt"
printf '[codespell]\nignore-words-list = adn\n' > "$repo/.codespellrc"
printf 'version: 1\nlint:\n  linters:\n    codespell: {enabled: true}\n' > "$repo/.slipway.yml"
commit_all "$repo"

codespell_findings() {
  jq -c '[.findings[] | select(.tool == "codespell") | [.rule, .path, .line, .severity]]' \
    "$repo/.slipway/reports/lint.json"
}

run_slipway lint --all -C "$repo" --format json --color never
expect_status 0 "misspellings are warnings: exit 0"
report=$repo/.slipway/reports/lint.json
expect_eq "$(codespell_findings)" \
  '[["codespell/teh","README.md",1,"warning"],["codespell/recieve","README.md",3,"warning"],["codespell/fo","ambiguous.txt",1,"warning"],["codespell/occured","src/main.c",2,"warning"]]' \
  "exact codespell findings (adn ignored by .codespellrc)"
expect_eq "$(jq -r '.findings[] | select(.rule == "codespell/fo") | .message' "$report")" \
  "fo ==> of, for, to, do, go" "message: word and corrections"
expect_eq "$(jq '[.findings[] | select(.path == "clean.txt" or .path == "names.txt")] | length' "$report")" \
  "0" "clean and ignored files have no findings"

run_slipway lint --all --fix -C "$repo" --format json --color never
expect_status 0 "--fix"
expect_eq "$(jq -c '.fixed_files' "$report")" '["README.md","src/main.c"]' "files with fixable words reported as fixed"
expect_eq "$(cat "$repo/README.md")" "$(printf 'This is the readme.\n\nWe receive data here.')" "README.md corrected"
expect_eq "$(sed -n 2p "$repo/src/main.c")" "/* an error occurred here */" "src/main.c corrected"
expect_eq "$(cat "$repo/ambiguous.txt")" "Say fo." "ambiguous word left alone"
expect_eq "$(cat "$repo/names.txt")" "adn" "ignored word left alone"
expect_eq "$(codespell_findings)" '[["codespell/fo","ambiguous.txt",1,"warning"]]' "only the ambiguous word is left"

git -C "$repo" rm -q ambiguous.txt
commit_all "$repo"
run_slipway lint --all -C "$repo" --format json --color never
expect_status 0 "second run"
expect_eq "$(jq '.findings | length' "$report")" "0" "second run is clean"
finish
