#!/usr/bin/env bash
# Acceptance 5 of issue #6 for the GitLab component: the download fallback
# of the templates' install step (for shell runners, where the component's
# image does not apply). A release made from $SLIPWAY in the layout of
# docs/release-archive.md is served with its SHA256SUMS by a local HTTP server
# on 127.0.0.1. Through `include: component:` under gitlab-ci-local, with no
# slipway on PATH, the job downloads, verifies and caches it (a second run
# downloads nothing, per the server's request log; packaging/install-slipway.sh
# finds the same cache); a tampered archive is refused with the checksum
# mismatch message and nothing is unpacked; the `path` input and the
# `version` input are honoured. The same install step, taken out of the
# template, also runs under dash (job images often have only a POSIX sh).
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/helpers.sh"
source "$(dirname "$0")/../release_server.sh"
require_gcl
command -v python3 >/dev/null || skip "python3 is not installed (the test's HTTP server)"
command -v curl >/dev/null || skip "curl is not installed"
publish_component

version=$("$SLIPWAY" version)
version=${version##* }
case $(uname -m) in
  x86_64 | amd64) arch=x86_64 ;;
  aarch64 | arm64) arch=aarch64 ;;
  *) skip "no release archive name for $(uname -m)" ;;
esac
archive=slipway-$version-linux-$arch.tar.gz

# The release as packaging/ publishes it (good/), and a copy whose archive
# was changed after its SHA256SUMS line was written (bad/).
good=$TEST_TMP/srv-http/good/v$version
bad=$TEST_TMP/srv-http/bad/v$version
release_stage=$TEST_TMP/stage/slipway-$version
mkdir -p "$good" "$bad" "$release_stage/bin"
cp "$SLIPWAY" "$release_stage/bin/slipway"
tar -cf - -C "$TEST_TMP/stage" "slipway-$version" | gzip -1 >"$good/$archive"
(cd "$good" && sha256sum "$archive" >SHA256SUMS)
genuine_sha=$(cut -d ' ' -f 1 "$good/SHA256SUMS")
cp "$good/SHA256SUMS" "$bad/SHA256SUMS"
{ cat "$good/$archive"; printf 'tampered'; } >"$bad/$archive"
tampered_sha=$(sha256sum "$bad/$archive" | cut -d ' ' -f 1)

start_release_server "$TEST_TMP/srv-http" "good/v$version/SHA256SUMS"
archive_gets() { grep -c "\"GET /$1/v$version/$archive HTTP" "$TEST_TMP/server.log" || true; }

project=$TEST_TMP/app
new_project "$project"
printf '.gitlab-ci-local/\n.slipway/\n' >"$project/.gitignore"
printf 'name: fixture\n' >"$project/config.yml"
commit_all "$project" fixture
sync_origin "$project"
use_inputs() {  # use_inputs INPUT-LINES...: the lint component with these inputs
  include_component "$project" lint "$(printf '      %s\n' "$@")"
  commit_all "$project" "inputs"
}
export JOB_PATH
JOB_PATH=$(path_without_slipway)
PATH=$JOB_PATH command -v node >/dev/null || skip "node shares a folder with slipway on PATH"

# 1. Download, verify, install into the default cache folder ($HOME/.cache).
use_inputs "base-url: http://127.0.0.1:$port/good"
run_gcl "$project"
expect_job slipway-lint PASS "download: the job runs the downloaded slipway"
expect_contains "$gcl_log" "install-slipway: slipway $version: verified (SHA-256 $genuine_sha) and installed in" \
  "download: verified against SHA256SUMS"
cached=$HOME/.cache/slipway/$version
expect_contains "$gcl_log" "slipway: using $cached/$arch/bin/slipway (slipway $version)" "download: the cached binary runs"
expect_eq "$(cat "$cached/$arch.complete" 2>/dev/null)" "$genuine_sha" "download: the cache marker holds the archive's SHA-256"
expect_eq "$(archive_gets good)" 1 "download: one archive request"
expect_eq "$(find "$cached" -maxdepth 1 -name '.download.*' | wc -l)" 0 "download: no temporary folder left"

# 2. The second job finds the cache and downloads nothing.
run_gcl "$project"
expect_job slipway-lint PASS "cache: second job"
expect_contains "$gcl_log" "using the cached copy in $cached/$arch/bin/slipway" "cache: the cached copy is used"
expect_eq "$(archive_gets good)" 1 "cache: no second archive request"
set +e
shared=$(bash "$SLIPWAY_SOURCE_DIR/packaging/install-slipway.sh" --version "$version" \
  --base-url "http://127.0.0.1:$port/good" 2>"$TEST_TMP/installer.err")
set -e
expect_eq "$shared" "$cached/$arch/bin/slipway" "cache: packaging/install-slipway.sh finds the component's installation"
expect_eq "$(archive_gets good)" 1 "cache: the shared installer downloaded nothing"

# 3. A tampered archive is refused before anything is unpacked.
use_inputs "base-url: http://127.0.0.1:$port/bad"
run_gcl "$project" --variable "SLIPWAY_INSTALL_DIR=$TEST_TMP/cache-bad"
expect_job slipway-lint "FAIL 1" "tampered: the job fails"
expect_contains "$gcl_log" \
  "install-slipway: checksum mismatch for $archive: expected $genuine_sha, got $tampered_sha" "tampered: the mismatch message"
expect_no_file "$TEST_TMP/cache-bad/$version/$arch"
expect_no_file "$TEST_TMP/cache-bad/$version/$arch.complete"
expect_eq "$(find "$TEST_TMP/cache-bad" -name 'slipway-*' -o -name '.download.*' | wc -l)" 0 \
  "tampered: nothing unpacked, no temporary folder left"
expect_not_contains "$gcl_log" "slipway: running" "tampered: slipway never ran"

# 4. The path input: an installed binary (here the folder of the release).
use_inputs "path: $release_stage" "base-url: http://127.0.0.1:1/unused"
run_gcl "$project"
expect_job slipway-lint PASS "path: the job runs the given slipway"
expect_contains "$gcl_log" "slipway: using $release_stage/bin/slipway" "path: folder/bin/slipway"

# 5. The version input decides: slipway on PATH is used only when it is that
# release ("v" accepted); another release is downloaded.
use_inputs "version: v$version" "base-url: http://127.0.0.1:1/unused"
JOB_PATH=$TEST_TMP/bin:$JOB_PATH run_gcl "$project"
expect_job slipway-lint PASS "version: the slipway on PATH is that version"
expect_contains "$gcl_log" "slipway: using $TEST_TMP/bin/slipway" "version: no download"
use_inputs "version: 99.0.0" "base-url: http://127.0.0.1:$port/good"
JOB_PATH=$TEST_TMP/bin:$JOB_PATH run_gcl "$project"
expect_job slipway-lint "FAIL 1" "version: another release is downloaded"
expect_contains "$gcl_log" "download failed: http://127.0.0.1:$port/good/v99.0.0/SHA256SUMS" \
  "version: its URL is the one requested"

# 6. The same step under dash, in the two templates' first script item.
install_step=$(node "$SLIPWAY_SOURCE_DIR/tests/adapters/gitlab/template-script.mjs" "$GITLAB_DIR/templates/scan.yml" 0)
run_step() {  # run_step BASE-URL INSTALL-DIR: sets status, out, err
  set +e
  env -u SLIPWAY_INSTALL_PATH PATH="$JOB_PATH" SLIPWAY_INSTALL_VERSION="$version" SLIPWAY_INSTALL_BASE_URL="$1" \
    SLIPWAY_INSTALL_DIR="$2" dash -e -c "$install_step" >"$TEST_TMP/stdout" 2>"$TEST_TMP/stderr"
  status=$?
  set -e
  out=$(cat "$TEST_TMP/stdout")
  err=$(cat "$TEST_TMP/stderr")
}
if ! command -v dash >/dev/null; then
  echo "SKIP (dash): dash is not installed"
else
  run_step "http://127.0.0.1:$port/good" "$TEST_TMP/cache-dash"
  expect_status 0 "dash: installs"
  expect_contains "$out" "slipway: using $TEST_TMP/cache-dash/$version/$arch/bin/slipway (slipway $version)" "dash: the binary runs"
  run_step "http://127.0.0.1:$port/bad" "$TEST_TMP/cache-dash-bad"
  expect_status 1 "dash: tampered archive refused"
  expect_contains "$err" "checksum mismatch for $archive: expected $genuine_sha, got $tampered_sha" \
    "dash: the mismatch message"
  expect_no_file "$TEST_TMP/cache-dash-bad/$version/$arch"
  run_step "http://example.com/releases" "$TEST_TMP/cache-dash-http"
  expect_status 2 "dash: plain http off loopback is refused"
  expect_contains "$err" "use https://" "dash: says why"
fi

finish
