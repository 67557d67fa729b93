#!/usr/bin/env bash
# File selection on a tree large enough to be checked on two threads
# (app/file_selection.cpp, above 8,192 paths): every regular file is selected
# once, in both halves of the list, while symbolic links, excluded folders and
# Slipway's own output are not; an untracked file is selected too. Shown
# through `slipway scan --secrets --all`: its files_checked count and the
# secrets planted at the start and at the end of the path list.
source "$(dirname "$0")/lib.sh"

rand() { head -c 4000 /dev/urandom | tr -dc "$1" | head -c "$2"; }
first_secret="ghp_$(rand 'A-Za-z0-9' 36)"
last_secret="glpat-$(rand 'A-Za-z0-9' 20)"

repo=$TEST_TMP/repo
new_repo "$repo"
python3 - "$repo" <<'PY'
import pathlib, sys
root = pathlib.Path(sys.argv[1])
for d in range(40):
    folder = root / f"d{d:02}"
    folder.mkdir()
    for f in range(250):
        (folder / f"f{f:03}.txt").write_text(f"file {d} {f}\n")
PY
printf 'token = "%s"\n' "$first_secret" > "$repo/d00/f000.txt"
printf 'token: %s\n' "$last_secret" > "$repo/d39/f249.txt"
ln -s d00/f001.txt "$repo/link.txt"
mkdir -p "$repo/vendor"
printf 'token = "%s"\n' "$first_secret" > "$repo/vendor/excluded.txt"
printf 'exclude:\n  - "vendor/**"\n' > "$repo/.slipway.yml"
commit_all "$repo" "ten thousand files"
printf 'untracked\n' > "$repo/d20/untracked.txt"

run_slipway -C "$repo" scan --secrets --all --format json --output-dir out --fail-on never
expect_status 0 "scan exit code"
report=$repo/out/scan.json
expect_file "$report"
# 40 x 250 files, .slipway.yml and the untracked file; not the link, not vendor/, not out/.
expect_eq "$(jq '.summary.files_checked' "$report")" "10002" "files checked"
expect_eq "$(jq -r '[.findings[] | .path] | sort | join(",")' "$report")" "d00/f000.txt,d39/f249.txt" \
  "secrets at both ends"
finish
