#!/usr/bin/env bash
# The GitHub action files as files (issue #6, acceptance 1, first half): every
# actions/*/action.yml and the example workflow pass @action-validator/cli;
# check-action-files.mjs checks what a schema cannot (shell: bash, no ${{ }}
# inside run:, SHA-pinned uses:, declared inputs, the issue's inputs and
# outputs, READMEs); the scripts pass shellcheck; and the default release the
# adapters install is the project's version.
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/helpers.sh"
require_runner_tools
validator=$NPM_MODULES/.bin/action-validator
[ -x "$validator" ] || skip "@action-validator/cli is not installed under $NPM_MODULES"

for file in "$SLIPWAY_SOURCE_DIR"/actions/*/action.yml "$SLIPWAY_SOURCE_DIR/examples/github/workflow.yml"; do
  name=${file#"$SLIPWAY_SOURCE_DIR"/}
  if report=$("$validator" "$file" 2>&1); then pass "action-validator: $name"; else
    fail "action-validator: $name"
    echo "$report" | head -40 >&2
  fi
done
expect_eq "$(find "$SLIPWAY_SOURCE_DIR/actions" -name action.yml | wc -l)" "4" "four actions: setup, lint, build, scan"

# The validator must be able to fail: an action step without shell.
mkdir -p "$TEST_TMP/broken"
printf 'name: broken\ndescription: a run step without shell\nruns:\n  using: composite\n  steps:\n    - run: echo hi\n' \
  >"$TEST_TMP/broken/action.yml"
if "$validator" "$TEST_TMP/broken/action.yml" >/dev/null 2>&1; then
  fail "action-validator accepted a composite step without shell:"
else pass "action-validator rejects a composite step without shell:"; fi

set +e
checks=$(node "$SLIPWAY_SOURCE_DIR/tests/adapters/github/check-action-files.mjs" "$SLIPWAY_SOURCE_DIR" 2>&1)
checks_status=$?
set -e
echo "$checks"
failures=$((failures + $(grep -c '^FAIL:' <<<"$checks" || true)))
[ "$checks_status" -eq 0 ] || grep -q '^FAIL:' <<<"$checks" || fail "check-action-files.mjs exited $checks_status"

if command -v shellcheck >/dev/null; then
  for script in "$SLIPWAY_SOURCE_DIR"/actions/lib/*.sh "$SLIPWAY_SOURCE_DIR/packaging/install-slipway.sh"; do
    if report=$(shellcheck "$script" 2>&1); then pass "shellcheck: ${script#"$SLIPWAY_SOURCE_DIR"/}"; else
      fail "shellcheck: ${script#"$SLIPWAY_SOURCE_DIR"/}"
      echo "$report" >&2
    fi
  done
else
  echo "SKIP (shellcheck part): shellcheck is not installed"
fi

project_version=$(sed -n 's/^project(slipway VERSION \([0-9.]*\).*/\1/p' "$SLIPWAY_SOURCE_DIR/CMakeLists.txt")
installer_version=$(sed -n 's/^readonly default_version=//p' "$SLIPWAY_SOURCE_DIR/packaging/install-slipway.sh")
expect_eq "$installer_version" "$project_version" "the installer's default release is the project version"

finish
