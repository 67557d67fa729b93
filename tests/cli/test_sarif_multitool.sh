#!/usr/bin/env bash
# Acceptance (foundation #2): the SARIF of a lint run with findings of every
# built-in check passes Microsoft's SARIF multitool with GitHub's ingestion
# rules (`validate --rule-kind "Sarif;Gh"`) with zero errors, and validates
# against the OASIS SARIF 2.1.0 JSON schema from ../shared when it is there.
source "$(dirname "$0")/lib.sh"

multitool=$(find "$SLIPWAY_TOOLS/npm/node_modules/@microsoft" -type f -name 'Sarif.Multitool' 2>/dev/null | head -1 || true)
if [ -z "$multitool" ]; then
  fail "SARIF multitool not installed under $SLIPWAY_TOOLS/npm (run tests/tools/install-npm-tools.sh)"
  finish
fi
chmod +x "$multitool"

repo=$TEST_TMP/repo
new_repo "$repo"
printf 'trailing   \n' > "$repo/a.txt"
printf 'no newline' > "$repo/b.txt"
printf '{"a": 1, "a": 2}\n' > "$repo/c.json"
printf 'x: [\n' > "$repo/d.yaml"
printf '<<<<<<< HEAD\n' > "$repo/e.txt"
printf 'echo\n' > "$repo/f.sh" && chmod +x "$repo/f.sh"
printf '\xef\xbb\xbfbom\n' > "$repo/g.txt"
printf 'bad \xff\n' > "$repo/h.txt"
mkdir -p "$repo/dir with space" && printf 'x  \n' > "$repo/dir with space/ü.txt"
commit_all "$repo"

run_slipway lint --all -C "$repo" --format sarif
expect_status 1 "lint exit code"
sarif=$repo/.slipway/reports/lint.sarif
expect_file "$sarif"

set +e
DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 "$multitool" validate --rule-kind "Sarif;Gh" --output "$TEST_TMP/validation.sarif" "$sarif" >"$TEST_TMP/mt.out" 2>&1
mt_status=$?
set -e
errors=$(jq '[.runs[].results[]? | select(.level == "error" or .level == "warning")] | length' "$TEST_TMP/validation.sarif" 2>/dev/null || echo "unreadable")
if [ "$errors" = "0" ]; then pass "multitool Sarif;Gh: zero errors and warnings (exit $mt_status)"; else
  fail "multitool Sarif;Gh reported errors or warnings: $errors"; cat "$TEST_TMP/mt.out" | head -40
  jq -r '.runs[].results[]? | select(.level=="error") | .message.text // .message.id' "$TEST_TMP/validation.sarif" 2>/dev/null | head -20
fi

schema=$SLIPWAY_SOURCE_DIR/../shared/schemas/sarif-schema-2.1.0.json
if [ -f "$schema" ] && python3 -c 'import jsonschema' 2>/dev/null; then
  python3 - "$schema" "$sarif" <<'PY' && pass "OASIS SARIF 2.1.0 schema" || fail "OASIS schema validation"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft7Validator(schema).validate(json.load(open(sys.argv[2])))
PY
else
  echo "skip: OASIS schema check (needs ../shared/schemas and python3-jsonschema)"
fi
finish
