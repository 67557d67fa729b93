#!/usr/bin/env bash
# Shell injection through the Jenkins steps (issue #6, acceptance 2): the value
#     $(touch pwned) `touch pwned` ${{ github.token }} ' "
# is given to every argument of the steps that reaches the CLI or the
# installer (args, config, failOn, changedOnly, format, outputDir, version,
# baseUrl, path, installDir; stage is checked by the library). Each case runs
# under the Groovy harness, whose sh really runs bash, with the real $SLIPWAY.
# Nothing may run (no file named pwned appears anywhere) and the value must
# reach its consumer byte for byte: the CLI or the installer repeats it in its
# error message, writes the reports into a folder of that name, or runs from
# / installs into a folder of that name. ShellQuote itself is checked on its
# own: quoted words come back byte for byte through bash and through dash.
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/helpers.sh"
require_groovy

# shellcheck disable=SC2016,SC2089 # the literal value, quotes included, is the point
INJECTION_VALUE='$(touch pwned) `touch pwned` ${{ github.token }} '"'"' "'
FIXTURES=$TEST_TMP/fixtures
lint_fixture "$FIXTURES/clean" clean

# path: a folder named after the value, holding slipway.
mkdir -p "$TEST_TMP/tools/$INJECTION_VALUE"
ln -s "$SLIPWAY_ABS" "$TEST_TMP/tools/$INJECTION_VALUE/slipway"

# installDir: a tool folder named after the value, with this release already
# in it (in the installer's layout, docs/release-archive.md), so the installer
# uses it without downloading anything.
version=$("$SLIPWAY" version)
version=${version##* }
case $(uname -m) in
  x86_64 | amd64) arch=x86_64 ;;
  aarch64 | arm64) arch=aarch64 ;;
  *) skip "no release archive name for $(uname -m)" ;;
esac
mkdir -p "$TEST_TMP/cache/$INJECTION_VALUE/$version/$arch/bin"
cp "$SLIPWAY_ABS" "$TEST_TMP/cache/$INJECTION_VALUE/$version/$arch/bin/slipway"
sha256sum <"$SLIPWAY_ABS" >"$TEST_TMP/cache/$INJECTION_VALUE/$version/$arch.complete"

# shellcheck disable=SC2090 # exported as data for the Groovy cases, never expanded by a shell
export INJECTION_VALUE FIXTURES
export TOOLS=$TEST_TMP/tools CACHE=$TEST_TMP/cache SCRATCH=$TEST_TMP/scratch RELEASE_VERSION=$version RELEASE_ARCH=$arch
start_dir=$PWD

run_cases injection_cases.groovy

found=$(find "$TEST_TMP" "$JENKINS_LIBRARY" "$JENKINS_TESTS" -name 'pwned*' 2>/dev/null)
[ ! -e "$start_dir/pwned" ] || found="$found $start_dir/pwned"
expect_eq "$found" "" "nothing was executed (no file pwned anywhere)"
finish
