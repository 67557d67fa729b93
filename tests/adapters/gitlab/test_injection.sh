#!/usr/bin/env bash
# Acceptance 2 of issue #6 for the GitLab component: an input value holding
# $(touch pwned), backticks, ${{ github.token }} and $HOME is given to every
# input of every template (lint, build, scan, pipeline), through
# `include: component:` under gitlab-ci-local. Nothing may run: no file named
# pwned* appears anywhere under the test folder. Free-text inputs must reach
# their consumer byte for byte: `args` and `config` the CLI (its error
# message repeats the value), `path` and `base-url` the install step (its
# error message repeats them). Constrained inputs (version, job-prefix,
# fail-on, changed-only, scan-fail-on, allow-failure, stage) must be refused
# before any job runs.
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/helpers.sh"
require_gcl
publish_component

# shellcheck disable=SC2016 # the values are meant to stay unexpanded
# The value. No single quote, so `args` can hold it as one word ('...').
value='$(touch pwned) `touch pwned2` ${{ github.token }} $HOME'
# shellcheck disable=SC2016
# base-url must match ^https?://[^@\s]+$, so its variant has no blanks; port 1
# on loopback refuses the connection.
url_value='http://127.0.0.1:1/$(touch${IFS}pwned3)`touch${IFS}pwned4`${{github.token}}$HOME'

project=$TEST_TMP/app
new_project "$project"
printf '.gitlab-ci-local/\n.slipway/\n' >"$project/.gitignore"
printf 'name: fixture\n' >"$project/config.yml"
commit_all "$project" fixture
sync_origin "$project"

# yaml_quote TEXT: TEXT as a single-quoted YAML scalar.
yaml_quote() { printf "'%s'" "${1//\'/\'\'}"; }

nothing_ran() {  # nothing_ran WHAT
  local found
  found=$(find "$TEST_TMP" -name 'pwned*' 2>/dev/null)
  if [ -z "$found" ]; then pass "$1: nothing was executed"; else
    fail "$1: the input was executed: $found"
    find "$TEST_TMP" -name 'pwned*' -delete
  fi
}

# run_with TEMPLATE INPUT VALUE: the project includes TEMPLATE with INPUT set.
run_with() {
  include_component "$project" "$1" "      $2: $(yaml_quote "$3")"
  commit_all "$project" "$1 $2"
  run_gcl "$project"
}

no_slipway_path=$(path_without_slipway)
for template in lint build scan pipeline; do
  case $template in
    pipeline) job=slipway-run command=run ;;
    *) job=slipway-$template command=$template ;;
  esac
  if [ "$template" != lint ] && ! cli_has "$command" && [ "$template" != pipeline ]; then
    echo "SKIP ($template): this slipway has no $command command ('slipway $command --help' failed)"
    continue
  fi

  # args: one word for the CLI, which names it as unexpected.
  run_with "$template" args "'$value'"
  expect_job "$job" "FAIL 2" "$template args: a usage error from the CLI"
  expect_contains "$gcl_log" "argument was not expected: $value" "$template args: the CLI got the value verbatim"
  nothing_ran "$template args"

  run_with "$template" config "$value"
  expect_job "$job" "FAIL 2" "$template config: a configuration error from the CLI"
  expect_contains "$gcl_log" "configuration file not found: $value" "$template config: the CLI got the value verbatim"
  nothing_ran "$template config"

  run_with "$template" path "$value"
  expect_job "$job" "FAIL 1" "$template path: no such binary"
  expect_contains "$gcl_log" "slipway not found at \"$value\"" "$template path: the install step got the value verbatim"
  nothing_ran "$template path"

  # The image is only a name for the runner (ignored by the shell executor).
  run_with "$template" image "$value"
  nothing_ran "$template image"
  expect_contains "$gcl_log" "slipway: using " "$template image: the job ran"

  # base-url is only used for a download: no slipway on PATH.
  include_component "$project" "$template" "      base-url: $(yaml_quote "$url_value")"
  commit_all "$project" "$template base-url"
  JOB_PATH=$no_slipway_path run_gcl "$project"
  expect_job "$job" "FAIL 1" "$template base-url: the download fails"
  expect_contains "$gcl_log" "download failed: $url_value/v" "$template base-url: curl got the value verbatim"
  nothing_ran "$template base-url"

  constrained=(version job-prefix fail-on changed-only allow-failure stage)
  [ "$template" != pipeline ] || constrained+=(scan-fail-on)
  for input in "${constrained[@]}"; do
    run_with "$template" "$input" "$value"
    # gitlab-ci-local names the input it refuses; a stage is refused as unknown.
    reason="\`$input\` input: "
    [ "$input" != stage ] || reason="not found for $job"
    if [ "$gcl_status" -ne 0 ] && [ "$(job_result "$job")" = none ] && grep -qF -- "$reason" <<<"$gcl_log"; then
      pass "$template $input: refused before any job ran"
    else
      fail "$template $input: not refused (gitlab-ci-local exit $gcl_status, job $(job_result "$job"))"
      tail -20 <<<"$gcl_log" >&2
    fi
    nothing_ran "$template $input"
  done
done

finish
