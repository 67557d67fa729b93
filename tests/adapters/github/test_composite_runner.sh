#!/usr/bin/env bash
# The composite-action runner itself (run-composite-action.mjs), on a fixture
# action that uses each thing the runner claims to honour the way GitHub
# documents it: step outputs (plain and multi-line), GITHUB_ENV and the env
# context, GITHUB_PATH, GITHUB_STEP_SUMMARY, working-directory, expressions in
# env:, if: with success()/failure()/always() and step outcomes, a hosted
# `uses:` step listed as skipped, and the action's outputs and conclusion.
# Then what it must refuse rather than guess: an unpinned or unknown `uses:`,
# a run step without `shell: bash`, an input the action does not declare.
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/helpers.sh"
require_runner_tools

fixture=$TEST_TMP/fixture-action
mkdir -p "$fixture" "$TEST_TMP/workspace/sub"
cat >"$fixture/action.yml" <<'EOF'
name: runner fixture
description: exercises the runner
inputs:
  who:
    description: a name
    default: world
  unused:
    description: defaults may be expressions
    default: ${{ github.event_name }}
outputs:
  greeting:
    description: from step a
    value: ${{ steps.a.outputs.greeting }}
  multi:
    description: a multi-line output
    value: ${{ steps.a.outputs.multi }}
  recovered:
    description: set by the failure() step
    value: ${{ steps.recover.outputs.ran }}
  default:
    description: the expression default
    value: ${{ inputs.unused }}
runs:
  using: composite
  steps:
    - id: a
      shell: bash
      env:
        WHO: ${{ inputs.who }}
      run: |
        echo "greeting=hello $WHO" >>"$GITHUB_OUTPUT"
        printf 'multi<<END_OF_VALUE\nline one\nline two\nEND_OF_VALUE\n' >>"$GITHUB_OUTPUT"
        echo "FROM_A=set by a" >>"$GITHUB_ENV"
        mkdir -p "$RUNNER_TEMP/bin"
        printf '#!/bin/sh\necho tool ran\n' >"$RUNNER_TEMP/bin/fixture-tool"
        chmod +x "$RUNNER_TEMP/bin/fixture-tool"
        echo "$RUNNER_TEMP/bin" >>"$GITHUB_PATH"
        echo "## summary of a" >>"$GITHUB_STEP_SUMMARY"
        echo "::warning file=a.txt,line=3,title=fixture%3Arule::first%0Asecond"
    - id: b
      shell: bash
      working-directory: sub
      env:
        GREETING: ${{ steps.a.outputs.greeting }}
        FROM_CONTEXT: ${{ env.FROM_A }}
        OUTCOME_A: ${{ steps.a.outcome }}
      run: |
        test "$GREETING" = "hello runner"
        test "$FROM_A" = "set by a"
        test "$FROM_CONTEXT" = "set by a"
        test "$OUTCOME_A" = success
        test "$(fixture-tool)" = "tool ran"
        test "$PWD" = "$GITHUB_WORKSPACE/sub"
        echo "## summary of b" >>"$GITHUB_STEP_SUMMARY"
    - id: broken
      shell: bash
      run: exit 4
    - id: skipped
      shell: bash
      run: echo "must not run" >"$GITHUB_WORKSPACE/skipped-ran"
    - id: recover
      if: failure()
      shell: bash
      run: echo "ran=yes" >>"$GITHUB_OUTPUT"
    - id: always
      if: ${{ always() && steps.broken.outcome == 'failure' && steps.skipped.outcome == 'skipped' }}
      shell: bash
      run: echo "always ran" >"$GITHUB_WORKSPACE/always-ran"
    - name: Restore something
      if: always()
      uses: actions/cache/restore@0057852bfaa89a56745cba8c7296529d2fc39830
      with:
        path: ${{ runner.temp }}/cached
        key: fixture-${{ inputs.who }}
EOF

run_action "$fixture" --workspace "$TEST_TMP/workspace" --input who=runner
expect_action_status 1 "fixture action (one step fails)"
expect_eq "$(result .conclusion)" "failure" "conclusion"
expect_eq "$(result .outputs.greeting)" "hello runner" "GITHUB_OUTPUT, an input through env:"
expect_eq "$(result .outputs.multi)" "line one
line two" "GITHUB_OUTPUT heredoc"
expect_eq "$(result .outputs.recovered)" "yes" "if: failure() runs after a failed step"
expect_eq "$(result .outputs.default)" "push" "an input default with an expression"
expect_eq "$(result '[.steps[] | "\(.id):\(.outcome)"] | join(" ")')" \
  "a:success b:success broken:failure skipped:skipped recover:success always:success null:skipped" "step outcomes"
expect_eq "$(result '.steps[] | select(.id == "broken") | .exitCode')" "4" "the failed step's exit code"
expect_no_file "$TEST_TMP/workspace/skipped-ran"
expect_file "$TEST_TMP/workspace/always-ran"
expect_eq "$(result .env.FROM_A)" "set by a" "GITHUB_ENV"
expect_eq "$(result .summary)" "## summary of a

## summary of b" "GITHUB_STEP_SUMMARY of each step, in order"
expect_eq "$(result '.annotations[0] | "\(.level)|\(.properties.file)|\(.properties.line)|\(.properties.title)|\(.message)"')" \
  "warning|a.txt|3|fixture:rule|first
second" "annotation with escaped properties and message"
expect_eq "$(result '.skippedHosted[0].name')" "Restore something" "the hosted step, by name"
expect_eq "$(result '.skippedHosted[0].with.key')" "fixture-runner" "the hosted step's with: values"
expect_contains "$action_log" "=== skipped: Restore something (uses actions/cache/restore@" "the hosted step in the log"

# What the runner refuses.
refuse() {  # refuse WHAT STEP-YAML EXPECTED-MESSAGE [runner options]
  local dir=$TEST_TMP/refuse-$run_count
  mkdir -p "$dir"
  printf 'name: r\ndescription: r\ninputs:\n  known:\n    description: k\nruns:\n  using: composite\n  steps:\n%s\n' "$2" \
    >"$dir/action.yml"
  run_action "$dir" --workspace "$TEST_TMP/workspace" "${@:4}"
  expect_action_status 2 "$1"
  expect_contains "$action_log" "$3" "$1: says why"
}
refuse "an unpinned uses" "    - uses: actions/cache@v4" "actions/cache@v4 is not pinned to a full commit SHA"
refuse "an unknown uses" "    - uses: someone/else@0057852bfaa89a56745cba8c7296529d2fc39830" "which this runner cannot run"
refuse "a run step without shell" "    - run: echo hi" "shell must be bash"
refuse "an undeclared input" "    - shell: bash
      run: echo hi" 'input "unknown" is not declared' --input unknown=x

finish
