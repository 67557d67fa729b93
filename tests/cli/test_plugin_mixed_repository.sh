#!/usr/bin/env bash
# Acceptance (lint plugins #3, item 2): a repository with shell, YAML, C++,
# Python, Markdown and JavaScript files, one planted problem in each, linted
# by the shipped descriptors of shellcheck, yamllint, cppcheck, flake8,
# markdownlint and eslint at once with `slipway lint --all -j 2`: exactly the
# planted findings come out (nothing from the clean twin files), and the SARIF
# passes the SARIF multitool's `Sarif;Gh` rules.
source "$(dirname "$0")/lib.sh"
export PATH="$SLIPWAY_TOOLS/npm/node_modules/.bin:$PATH"
for tool in shellcheck yamllint cppcheck flake8 markdownlint-cli2 eslint; do
  command -v "$tool" >/dev/null || { echo "skipped: $tool is not installed (make test-deps)"; exit 77; }
done
multitool=$(find "$SLIPWAY_TOOLS/npm/node_modules/@microsoft" -type f -name 'Sarif.Multitool' 2>/dev/null | head -1 || true)
[ -n "$multitool" ] || { echo "skipped: the SARIF multitool is not installed (make test-deps)"; exit 77; }
# eslint.config.mjs imports @eslint/js: ES modules resolve from node_modules above the file.
ln -s "$SLIPWAY_TOOLS/npm/node_modules" "$TEST_TMP/node_modules"

repo=$TEST_TMP/repo
new_repo "$repo"
mkdir -p "$repo/scripts" "$repo/config" "$repo/src" "$repo/app" "$repo/docs" "$repo/web"
# Planted problems, one per language (line numbers matter):
printf '#!/bin/sh\nset -eu\ntarget=$1\necho $target\n' > "$repo/scripts/deploy.sh"                     # SC2086 on 4
printf 'name: web\nreplicas: 2\nname: api\n' > "$repo/config/app.yaml"                                  # key-duplicates on 3
printf 'int ratio(int a) {\n  int zero = 0;\n  return a / zero;\n}\n' > "$repo/src/calc.cpp"            # zerodiv on 3
printf 'import os\n\n\nprint("hi")\n' > "$repo/app/main.py"                                             # F401 on 1
printf '# Guide\n\nSome text.\n\n### Skipped level\n\nMore text.\n' > "$repo/docs/guide.md"              # MD001 on 5
printf 'export function total() {\n  return missing + 1;\n}\n' > "$repo/web/app.js"                     # no-undef on 2
# Clean twins: the same languages without problems.
printf '#!/bin/sh\nset -eu\ntarget=$1\necho "$target"\n' > "$repo/scripts/ok.sh"
printf 'name: web\nreplicas: 2\n' > "$repo/config/ok.yaml"
printf 'int twice(int a) {\n  return a * 2;\n}\n' > "$repo/src/ok.cpp"
printf 'import os\n\nprint(os.sep)\n' > "$repo/app/ok.py"
printf '# Notes\n\n## Section\n\nText.\n' > "$repo/docs/ok.md"
printf 'export function one() {\n  return 1;\n}\n' > "$repo/web/ok.js"
printf 'import js from "@eslint/js";\n\nexport default [js.configs.recommended];\n' > "$repo/eslint.config.mjs"
printf 'extends: default\nrules:\n  document-start: disable\n' > "$repo/.yamllint"
cat > "$repo/.slipway.yml" <<'YAML'
version: 1
lint:
  linters:
    shellcheck:
      enabled: true
    yamllint:
      enabled: true
    cppcheck:
      enabled: true
    flake8:
      enabled: true
    markdownlint:
      enabled: true
    eslint:
      enabled: true
YAML
commit_all "$repo"

run_slipway lint --all -j 2 -C "$repo" --format json,sarif --color never
expect_status 1 "errors among the planted findings"
json=$repo/.slipway/reports/lint.json
expect_eq "$(jq -r '.findings[] | "\(.path):\(.line) \(.rule) \(.severity)"' "$json" | sort)" \
"app/main.py:1 flake8/F401 error
config/app.yaml:3 yamllint/key-duplicates error
docs/guide.md:5 markdownlint/MD001 error
scripts/deploy.sh:4 shellcheck/SC2086 note
src/calc.cpp:3 cppcheck/zerodiv error
web/app.js:2 eslint/no-undef error" "exactly the six planted findings"
expect_eq "$(jq -r '[.findings[] | select(.rule | test("crashed|missing"))] | length' "$json")" "0" "no crashed or missing linter"

sarif=$repo/.slipway/reports/lint.sarif
expect_eq "$(jq '.runs[0].results | length' "$sarif")" "6" "SARIF: six results"
set +e
DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 "$multitool" validate --rule-kind "Sarif;Gh" --output "$TEST_TMP/validation.sarif" \
  "$sarif" >"$TEST_TMP/mt.out" 2>&1
set -e
problems=$(jq '[.runs[].results[]? | select(.level == "error" or .level == "warning")] | length' "$TEST_TMP/validation.sarif" 2>/dev/null || echo unreadable)
if [ "$problems" = "0" ]; then pass "multitool Sarif;Gh: zero errors and warnings"; else
  fail "multitool Sarif;Gh: $problems problems"; head -40 "$TEST_TMP/mt.out"
fi
finish
