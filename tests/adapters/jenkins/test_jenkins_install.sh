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

# The server: port 0 lets the kernel pick a free port, which the server prints.
python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$TEST_TMP/srv" >"$TEST_TMP/server.out" 2>"$TEST_TMP/server.log" &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true; rm -rf "$TEST_TMP"' EXIT
port=
for _ in $(seq 1 100); do
  port=$(sed -n 's/^Serving HTTP on 127\.0\.0\.1 port \([0-9]*\) .*/\1/p' "$TEST_TMP/server.out")
  if [ -n "$port" ] && curl -fsS -o /dev/null "http://127.0.0.1:$port/v$version/SHA256SUMS" 2>/dev/null; then break; fi
  port=
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.1
done
[ -n "$port" ] || { cat "$TEST_TMP/server.out" "$TEST_TMP/server.log" >&2; echo "FAIL: the HTTP server did not start" >&2; exit 1; }

FIXTURES=$TEST_TMP/fixtures
lint_fixture "$FIXTURES/clean" clean

export FIXTURES RELEASE_VERSION=$version RELEASE_ARCH=$arch ARCHIVE=$release/$archive
export BASE_URL=http://127.0.0.1:$port SERVER_LOG=$TEST_TMP/server.log
export NODES=$TEST_TMP/nodes SCRATCH=$TEST_TMP/scratch
run_cases install_cases.groovy
finish
