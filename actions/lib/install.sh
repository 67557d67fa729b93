#!/usr/bin/env bash
# The install step of every Slipway action: runs the shared installer
# (packaging/install-slipway.sh, which reads SLIPWAY_INSTALL_* from the step's
# env:), puts the binary's folder on PATH for later steps and writes the step
# outputs `bin` and `version`. Inputs arrive only as environment variables.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bin=$(bash "$here/../../packaging/install-slipway.sh")
reported=$("$bin" version)
version=${reported##* }
{
  printf 'bin=%s\n' "$bin"
  printf 'version=%s\n' "$version"
} >>"$GITHUB_OUTPUT"
dirname "$bin" >>"$GITHUB_PATH"
printf 'slipway %s is %s\n' "$version" "$bin"
