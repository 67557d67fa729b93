#!/usr/bin/env bash
# Expression and shell injection (issue #6, acceptance 2) for every GitHub
# action: the value
#     $(touch pwned) `touch pwned` ${{ github.token }}
# is given to each input of setup, lint, scan and build in turn. Nothing may
# run (no file named pwned appears anywhere), `${{ github.token }}` must not
# be evaluated (the runner's fake token never shows up), and the value must
# reach its consumer byte for byte: the CLI or the installer echoes it in its
# error message, names a folder after it, or receives it as one argument.
# Last, an action that does put `${{ inputs.value }}` inside `run:` is run the
# same way, to show that this test does catch an injectable action.
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/helpers.sh"
require_runner_tools

# shellcheck disable=SC2016 # the literal value is the point
value='$(touch pwned) `touch pwned` ${{ github.token }}'
quoted=$(printf '%q' "$value")
slipway_abs=$(cd "$(dirname "$SLIPWAY")" && pwd)/$(basename "$SLIPWAY")
start_dir=$PWD

lint_fixture "$TEST_TMP/repo" clean
mkdir -p "$TEST_TMP/nested"
lint_fixture "$TEST_TMP/nested/$value" clean

# After every run: nothing executed, nothing evaluated.
expect_inert() {  # expect_inert WHAT
  if [ "$action_status" -eq 2 ]; then
    fail "$1: the runner could not run the action"
    tail -20 <<<"$action_log" >&2
    return
  fi
  local found
  found=$(find "$TEST_TMP" "$SLIPWAY_SOURCE_DIR/actions" "$SLIPWAY_SOURCE_DIR/packaging" -name 'pwned*' 2>/dev/null)
  [ ! -e "$start_dir/pwned" ] || found="$found $start_dir/pwned"
  expect_eq "$found" "" "$1: nothing was executed (no file pwned)"
  expect_not_contains "$action_log" "$(result .token)" "$1: \${{ github.token }} was not evaluated"
}

# --- setup --------------------------------------------------------------------------------
run_action setup --workspace "$TEST_TMP/repo" --input version="$value"
expect_inert "setup version"
expect_action_status 1 "setup version"
expect_contains "$action_log" "invalid version \"$value\"" "setup version: the installer got the exact value"

run_action setup --workspace "$TEST_TMP/repo" --input base-url="$value"
expect_inert "setup base-url"
expect_action_status 1 "setup base-url"
expect_contains "$action_log" "invalid base URL \"$value\"" "setup base-url: the installer got the exact value"

mkdir -p "$TEST_TMP/tools/$value"
ln -s "$slipway_abs" "$TEST_TMP/tools/$value/slipway"
run_action setup --workspace "$TEST_TMP/repo" --input path="$TEST_TMP/tools/$value/slipway"
expect_inert "setup path"
expect_action_status 0 "setup path"
expect_eq "$(result .outputs.path)" "$TEST_TMP/tools/$value/slipway" "setup path: the binary was found under the exact name"

# --- the stage actions ------------------------------------------------------------------------
for stage in lint scan build; do
  if cli_has "$stage"; then has_stage=true; else
    has_stage=false
    echo "SKIP ($stage, what the CLI echoes): this slipway has no $stage command yet; checking only that nothing runs"
  fi
  fail_variable=SLIPWAY_FAIL_ON
  [ "$stage" = scan ] && fail_variable=SLIPWAY_SCAN_FAIL_ON
  # A repository per stage: the args case names a folder after the value.
  repo=$TEST_TMP/repo-$stage
  lint_fixture "$repo" clean
  with_binary=(--workspace "$repo" --input path="$SLIPWAY")

  run_action "$stage" "${with_binary[@]}" --input config="$value"
  expect_inert "$stage config"
  expect_contains "$action_log" "running: $slipway_abs --config $quoted $stage" "$stage config: one argument, unchanged"
  if $has_stage; then
    expect_contains "$action_log" "configuration file not found: $value" "$stage config: the CLI got the exact value"
  fi

  run_action "$stage" "${with_binary[@]}" --input fail-on="$value"
  expect_inert "$stage fail-on"
  if $has_stage; then
    expect_contains "$action_log" "invalid value in $fail_variable" "$stage fail-on: read from $fail_variable"
    expect_contains "$action_log" "got \"$value\"" "$stage fail-on: the CLI got the exact value"
  fi

  run_action "$stage" "${with_binary[@]}" --input changed-only="$value"
  expect_inert "$stage changed-only"
  if $has_stage; then
    expect_contains "$action_log" "invalid value in SLIPWAY_CHANGED_ONLY" "$stage changed-only: read from SLIPWAY_CHANGED_ONLY"
    expect_contains "$action_log" "got \"$value\"" "$stage changed-only: the CLI got the exact value"
  fi

  run_action "$stage" "${with_binary[@]}" --input args="--output-dir \"$value\""
  expect_inert "$stage args"
  expect_contains "$action_log" "running: $slipway_abs $stage --output-dir $quoted" "$stage args: one argument, unchanged"
  if $has_stage && [ "$stage" != build ]; then
    expect_eq "$(result '.outputs."report-dir"')" "$repo/$value" "$stage args: the reports went to the exact folder"
  fi

  run_action "$stage" --workspace "$TEST_TMP/nested" --input path="$SLIPWAY" --input working-directory="$value"
  expect_inert "$stage working-directory"
  if $has_stage && [ "$stage" != build ]; then
    expect_eq "$(result '.outputs."report-dir"')" "$TEST_TMP/nested/$value/.slipway/reports" \
      "$stage working-directory: ran in the exact folder"
  fi

  run_action "$stage" --workspace "$repo" --input version="$value"
  expect_inert "$stage version"
  expect_action_status 1 "$stage version"
  expect_contains "$action_log" "invalid version \"$value\"" "$stage version: the installer got the exact value"

  run_action "$stage" --workspace "$repo" --input path="$value"
  expect_inert "$stage path"
  expect_action_status 1 "$stage path"
  expect_contains "$action_log" "slipway not found at \"$value\"" "$stage path: the installer got the exact value"

  run_action "$stage" "${with_binary[@]}" --input upload-sarif="$value"
  expect_inert "$stage upload-sarif"
  expect_eq "$(result '.skippedHosted | length')" "0" "$stage upload-sarif: only 'true' uploads"
done

# --- the test catches an injectable action --------------------------------------------------
mkdir -p "$TEST_TMP/vulnerable"
cat >"$TEST_TMP/vulnerable/action.yml" <<'EOF'
name: vulnerable
description: puts an input inside run, which this test must catch
inputs:
  value:
    description: anything
    default: ""
runs:
  using: composite
  steps:
    - shell: bash
      run: echo "value is ${{ inputs.value }}"
EOF
run_action "$TEST_TMP/vulnerable" --workspace "$TEST_TMP/repo" --input value="$value"
if [ -e "$TEST_TMP/repo/pwned" ]; then pass "an input inside run: is executed by the runner, as on GitHub"; else
  fail "the runner did not execute an input put inside run:, so this test could not catch one"
fi

finish
