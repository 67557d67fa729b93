#!/usr/bin/env bash
# Acceptance (foundation #2): a real repository with one problem per built-in
# check; `slipway lint --all` exits 1, reports every planted finding with its
# rule, path and line (and nothing else), and writes every report file.
source "$(dirname "$0")/lib.sh"

repo=$TEST_TMP/repo
new_repo "$repo"
cd "$repo"
printf 'hello   \nclean\n' > trailing.txt
printf 'no final newline' > nonewline.txt
printf 'a\r\nb\r\nc\n' > mixed.txt
printf 'ok\n<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> topic\n' > conflict.txt
printf -- '-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n-----END RSA PRIVATE KEY-----\n' > id_rsa
head -c 700000 /dev/zero | tr '\0' 'a' | fold -w 99 > large.txt
printf 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n' > lfs-pointer.dat
printf 'key: [1, 2\nother: 3\n' > broken.yaml
printf -- '---\nfirst: 1\n---\nsecond: [\n' > multi.yml
printf '{\n  "a": 1,\n  "a": 2\n}\n' > dup.json
printf '{\n  "a": 1,\n  "b":\n}\n' > syntax.json
printf 'echo no shebang\n' > noshebang.sh && chmod +x noshebang.sh
printf '#!/bin/sh\necho fine\n' > withshebang.sh && chmod +x withshebang.sh
printf 'one\n' > Readme.txt && printf 'two\n' > README.TXT
printf '\xef\xbb\xbfwith bom\n' > bom.txt
printf 'fine\nbad \xc3\x28 byte\n' > badutf8.txt
printf 'binary\0data   \r\n\xff\xfe' > blob.bin
printf 'all good\n' > clean.txt
commit_all "$repo" "planted problems"

run_slipway lint --all -C "$repo" --format console,json,sarif,codequality,junit,checkstyle,markdown --color never
expect_status 1 "lint exit code with errors"

reports=$repo/.slipway/reports
for f in lint.json lint.sarif lint.codequality.json lint.junit.xml lint.checkstyle.xml lint.md; do
  expect_file "$reports/$f"
done

actual=$(jq -r '.findings[] | "\(.rule) \(.path):\(.line)"' "$reports/lint.json" | sort)
expected=$(sort <<'EOF_EXPECTED'
trailing-whitespace trailing.txt:1
end-of-file-newline nonewline.txt:1
mixed-line-endings mixed.txt:3
merge-conflict-marker conflict.txt:2
merge-conflict-marker conflict.txt:4
merge-conflict-marker conflict.txt:6
private-key id_rsa:1
large-file large.txt:0
yaml-syntax broken.yaml:2
yaml-syntax multi.yml:5
json-syntax dup.json:3
json-syntax syntax.json:4
executable-without-shebang noshebang.sh:1
case-conflict README.TXT:0
case-conflict Readme.txt:0
utf8-bom bom.txt:1
invalid-utf8 badutf8.txt:2
EOF_EXPECTED
)
if [ "$actual" = "$expected" ]; then pass "exactly the planted findings"; else
  fail "findings differ"; diff <(echo "$expected") <(echo "$actual") || true
fi

# Severities and messages never carry the key material.
expect_eq "$(jq -r '.findings[] | select(.rule=="private-key") | .severity' "$reports/lint.json")" "error" "private-key is an error"
expect_not_contains "$(cat "$reports"/* "$TEST_TMP/stdout")" "MIIBOgIBAAJBAKj34" "no key material in any report"

# Console output is grouped by file and ends with a summary.
expect_contains "$out" "trailing.txt" "console names the file"
expect_contains "$out" "problems" "console summary line"

# Each report speaks of the same findings.
count=$(jq '.findings | length' "$reports/lint.json")
expect_eq "$(jq '.runs[0].results | length' "$reports/lint.sarif")" "$count" "SARIF result count"
expect_eq "$(jq 'length' "$reports/lint.codequality.json")" "$count" "Code Quality entry count"
expect_eq "$(jq '[.[].fingerprint] | unique | length' "$reports/lint.codequality.json")" "$count" "Code Quality fingerprints unique"
expect_eq "$(grep -o '<error ' "$reports/lint.checkstyle.xml" | wc -l)" "$count" "checkstyle error count"
expect_contains "$(cat "$reports/lint.junit.xml")" '<testcase' "JUnit has test cases"
expect_contains "$(cat "$reports/lint.junit.xml")" 'name="clean.txt"' "JUnit has a testcase for a clean checked file"
expect_contains "$(cat "$reports/lint.md")" "trailing-whitespace" "Markdown lists findings"
expect_eq "$(head -c 1 "$reports/lint.codequality.json")" "[" "Code Quality starts with [ (no BOM)"
python3 -c 'import sys, xml.dom.minidom as m; [m.parse(f) for f in sys.argv[1:]]' "$reports/lint.junit.xml" "$reports/lint.checkstyle.xml" \
  && pass "XML reports are well-formed" || fail "XML reports are not well-formed"

# The binary file was skipped, the clean ones produce nothing.
expect_eq "$(jq '[.findings[] | select(.path=="blob.bin" or .path=="clean.txt" or .path=="withshebang.sh" or .path=="lfs-pointer.dat")] | length' "$reports/lint.json")" "0" "no findings on clean, binary and LFS files"

# --fail-on never turns the same findings into a pass.
run_slipway lint --all -C "$repo" --fail-on never --format json
expect_status 0 "--fail-on never"
finish
