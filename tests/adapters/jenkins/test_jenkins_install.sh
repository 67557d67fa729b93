#!/usr/bin/env bash
# The install path of the Jenkins steps (issue #6, acceptance 5). A release is
# built from $SLIPWAY in the layout of docs/release-archive.md and served with
# its SHA256SUMS by a local HTTP server on 127.0.0.1. Under the Groovy harness
# (cases/install_cases.groovy), slipwayInstall and slipwayLint download it
# with the installer shipped as a library resource, verify it and keep it in a
# per-node tool folder keyed by version: a second call downloads nothing (the
# server's request log says so), another node folder downloads again, and a
# tampered archive stops the build with the checksum mismatch message and
# installs nothing. The resource is also checked to be the shared installer,
# packaging/install-slipway.sh, byte for byte.
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/helpers.sh"
source "$(dirname "$0")/../release_server.sh"
command -v python3 >/dev/null || skip "python3 is not installed (the test's HTTP server)"
command -v curl >/dev/null || skip "curl is not installed"

resource=$JENKINS_LIBRARY/resources/io/slipway/jenkins/install-slipway.sh
if cmp -s "$resource" "$SLIPWAY_SOURCE_DIR/packaging/install-slipway.sh"; then
  pass "the library's installer is packaging/install-slipway.sh byte for byte"
else
  fail "jenkins/resources/io/slipway/jenkins/install-slipway.sh differs from packaging/install-slipway.sh (copy it again)"
fi
require_groovy

version=$("$SLIPWAY" version)
version=${version##* }
case $(uname -m) in
  x86_64 | amd64) arch=x86_64 ;;
  aarch64 | arm64) arch=aarch64 ;;
  *) skip "no release archive name for $(uname -m)" ;;
esac
archive=slipway-$version-linux-$arch.tar.gz

# The release, as packaging/ publishes it.
release=$TEST_TMP/srv/v$version
mkdir -p "$release" "$TEST_TMP/stage/slipway-$version/bin"
cp "$SLIPWAY_ABS" "$TEST_TMP/stage/slipway-$version/bin/slipway"
tar -czf "$release/$archive" -C "$TEST_TMP/stage" "slipway-$version"
(cd "$release" && sha256sum "$archive" >SHA256SUMS)

start_release_server "$TEST_TMP/srv" "v$version/SHA256SUMS"

FIXTURES=$TEST_TMP/fixtures
lint_fixture "$FIXTURES/clean" clean

export FIXTURES RELEASE_VERSION=$version RELEASE_ARCH=$arch ARCHIVE=$release/$archive
export BASE_URL=http://127.0.0.1:$port SERVER_LOG=$TEST_TMP/server.log
export NODES=$TEST_TMP/nodes SCRATCH=$TEST_TMP/scratch
run_cases install_cases.groovy
finish
