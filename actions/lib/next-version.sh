#!/usr/bin/env bash
# The version step of the build action: `slipway [--config FILE] version --next`.
# The CLI prints the next release version and writes it to $GITHUB_OUTPUT
# itself (docs/build-version.md, "Exported variables"); the action hands it on
# as its `version` output.
set -euo pipefail

command=("${SLIPWAY_BIN:?SLIPWAY_BIN is not set}")
if [ -n "${INPUT_CONFIG:-}" ]; then command+=(--config "$INPUT_CONFIG"); fi
command+=(version --next)
printf 'running:'
printf ' %q' "${command[@]}"
printf '\n'
exec "${command[@]}"
