#!/usr/bin/env bash
# The run step of the stage actions: `slipway [--config FILE] <stage> [args]`.
#
# Inputs arrive only as environment variables (the action maps them in its
# env:), so no input is ever part of a script's text:
#   SLIPWAY_BIN   the binary the install step found or installed
#   INPUT_CONFIG  the `config` input: a configuration file instead of .slipway.yml
#   INPUT_ARGS    the `args` input: extra arguments, split into words the way
#                 xargs(1) splits them (blanks separate, quotes and backslashes
#                 group), and nothing else: no $ expansion, no globbing, no
#                 command substitution.
# fail-on and changed-only reach the CLI as SLIPWAY_* variables, set by the
# action. The CLI itself writes the annotations, the job summary, the step
# outputs (findings, errors, warnings, notes, sarif, report-dir) and the
# SARIF file; its exit code is the step's.
set -euo pipefail

stage=${1:?usage: run-stage.sh STAGE}
command=("${SLIPWAY_BIN:?SLIPWAY_BIN is not set}")
if [ -n "${INPUT_CONFIG:-}" ]; then command+=(--config "$INPUT_CONFIG"); fi
command+=("$stage")

if [ -n "${INPUT_ARGS:-}" ]; then
  words=$(mktemp)
  if ! printf '%s' "$INPUT_ARGS" | xargs -r printf '%s\0' >"$words"; then
    rm -f "$words"
    printf '::error title=slipway %s::the args input could not be split into arguments (an unmatched quote?)\n' \
      "$stage"
    exit 2
  fi
  mapfile -d '' -t extra <"$words"
  rm -f "$words"
  command+=("${extra[@]}")
fi

printf 'running:'
printf ' %q' "${command[@]}"
printf '\n'
exec "${command[@]}"
