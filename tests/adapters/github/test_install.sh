#!/usr/bin/env bash
# The install path (issue #6, acceptance 5) for the shared installer
# packaging/install-slipway.sh and the GitHub actions that call it. The test
# builds a release from $SLIPWAY in the layout of docs/release-archive.md,
# serves it with SHA256SUMS from a local HTTP server on 127.0.0.1, and checks
# that the installer downloads, verifies and caches it (a second run downloads
# nothing, per the server's request log), that the setup action and a stage
# action install it the same way, and that a tampered archive is refused with
# the checksum mismatch message before anything is unpacked.
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/helpers.sh"
source "$(dirname "$0")/../release_server.sh"
require_runner_tools
command -v python3 >/dev/null || skip "python3 is not installed (the test's HTTP server)"
command -v curl >/dev/null || skip "curl is not installed"

installer=$SLIPWAY_SOURCE_DIR/packaging/install-slipway.sh
version=$("$SLIPWAY" version)
version=${version##* }
case $(uname -m) in
  x86_64 | amd64) arch=x86_64 ;;
  aarch64 | arm64) arch=aarch64 ;;
  *) skip "no release archive name for $(uname -m)" ;;
esac
archive=slipway-$version-linux-$arch.tar.gz

# A release as packaging/ would publish it.
make_release() {  # make_release VERSION BINARY
  local release=$TEST_TMP/srv/v$1 stage=$TEST_TMP/stage-$1
  mkdir -p "$release" "$stage/slipway-$1/bin"
  cp "$2" "$stage/slipway-$1/bin/slipway"
  tar -czf "$release/slipway-$1-linux-$arch.tar.gz" -C "$stage" "slipway-$1"
  (cd "$release" && sha256sum "slipway-$1-linux-$arch.tar.gz" >SHA256SUMS)
}
make_release "$version" "$SLIPWAY"
genuine_sha=$(sha256sum "$TEST_TMP/srv/v$version/$archive")
genuine_sha=${genuine_sha%% *}

start_release_server "$TEST_TMP/srv" "v$version/SHA256SUMS"
base_url=http://127.0.0.1:$port
archive_gets() { grep -c "\"GET /v$1/slipway-$1-linux-$arch.tar.gz HTTP" "$TEST_TMP/server.log" || true; }

# run_installer ARGS...: sets status, out, err.
run_installer() {
  set +e
  bash "$installer" "$@" >"$TEST_TMP/stdout" 2>"$TEST_TMP/stderr"
  status=$?
  set -e
  out=$(cat "$TEST_TMP/stdout")
  err=$(cat "$TEST_TMP/stderr")
}

# --- the installer ------------------------------------------------------------------------
cache=$TEST_TMP/cache
run_installer --version "$version" --base-url "$base_url" --install-dir "$cache"
expect_status 0 "installer: first install"
expect_eq "$out" "$cache/$version/$arch/bin/slipway" "installer: prints the installed binary"
expect_eq "$("$out" version)" "slipway $version" "installer: the installed binary runs"
expect_file "$cache/$version/$arch.complete"
expect_contains "$err" "verified (SHA-256 $genuine_sha)" "installer: says what it verified"
expect_eq "$(archive_gets "$version")" "1" "installer: downloaded the archive once"

run_installer --version "v$version" --base-url "$base_url" --install-dir "$cache"
expect_status 0 "installer: second install"
expect_eq "$out" "$cache/$version/$arch/bin/slipway" "installer: same binary from the cache"
expect_contains "$err" "using the cached copy in $cache/$version/$arch" "installer: says it used the cache"
expect_eq "$(archive_gets "$version")" "1" "installer: the second run downloaded nothing"

SLIPWAY_INSTALL_DIR=$cache SLIPWAY_INSTALL_VERSION=$version run_installer --resolve
expect_status 0 "installer --resolve"
expect_contains "$out" "key=slipway-$version-linux-$arch" "resolve: cache key"
expect_contains "$out" "dir=$cache/$version" "resolve: cache folder"
expect_contains "$out" "cached=true" "resolve: knows the cached copy"

# shellcheck disable=SC2016 # the value must reach the installer unexpanded
run_installer --version 'x$(touch pwned)' --base-url "$base_url" --install-dir "$cache"
expect_status 2 "installer: an invalid version"
# shellcheck disable=SC2016
expect_contains "$err" 'invalid version "x$(touch pwned)"' "installer: names the invalid version"
run_installer --version "$version" --base-url "http://example.com" --install-dir "$cache"
expect_status 2 "installer: plain http off the loopback"

# --- the setup action: installs into the tool cache, then finds it there -------------------
tool_cache=$TEST_TMP/tool-cache
mkdir -p "$TEST_TMP/workspace"
run_action setup --workspace "$TEST_TMP/workspace" --tool-cache "$tool_cache" \
  --input version="$version" --input base-url="$base_url"
expect_action_status 0 "setup: download"
expect_eq "$(result .outputs.version)" "$version" "setup: version output"
expect_eq "$(result .outputs.path)" "$tool_cache/slipway/$version/$arch/bin/slipway" "setup: installed in the tool cache"
expect_eq "$(result '.path[0]')" "$tool_cache/slipway/$version/$arch/bin" "setup: on PATH for later steps"
expect_eq "$(result '.skippedHosted[0].name')" "Restore Slipway from the Actions cache" "setup: the cache restore is listed by name"
expect_eq "$(result '.skippedHosted[0].with.key')" "slipway-$version-linux-$arch" "setup: actions/cache key"
expect_eq "$(result '.skippedHosted[0].with.path')" "$tool_cache/slipway/$version" "setup: actions/cache path"
expect_eq "$(result '.skippedHosted[1].name')" "Save Slipway to the Actions cache" "setup: the cache save is listed by name"
expect_eq "$(result '.skippedHosted[1].with.key')" "slipway-$version-linux-$arch" "setup: saved under the same key"
expect_eq "$(archive_gets "$version")" "2" "setup: downloaded the archive"

run_action setup --workspace "$TEST_TMP/workspace" --tool-cache "$tool_cache" \
  --input version="$version" --input base-url="$base_url"
expect_action_status 0 "setup: second run"
expect_contains "$action_log" "using the cached copy in $tool_cache/slipway/$version/$arch" "setup: second run uses the cache"
expect_eq "$(result '.skippedHosted | length')" "0" "setup: no Actions cache restore for a cached copy"
expect_eq "$(archive_gets "$version")" "2" "setup: the second run downloaded nothing"

# A stage action installs the same way; the base URL comes from the job's environment.
lint_fixture "$TEST_TMP/repo" clean
run_action lint --workspace "$TEST_TMP/repo" --tool-cache "$TEST_TMP/tool-cache-lint" \
  --env SLIPWAY_INSTALL_BASE_URL="$base_url" --input version="$version"
expect_action_status 0 "lint: installs, then lints"
expect_eq "$(result '.steps[] | select(.id == "install") | .outputs.bin')" \
  "$TEST_TMP/tool-cache-lint/slipway/$version/$arch/bin/slipway" "lint: used the binary it installed"
expect_eq "$(result .outputs.findings)" "0" "lint: ran on the fixture"
expect_eq "$(archive_gets "$version")" "3" "lint: downloaded the archive"

# --- a release whose binary is not the version it claims ---------------------------------
make_release 9.9.9 "$SLIPWAY"
run_installer --version 9.9.9 --base-url "$base_url" --install-dir "$TEST_TMP/cache-mislabelled"
expect_status 1 "installer: a mislabelled archive"
expect_contains "$err" "holds a slipway that does not report version 9.9.9" "installer: says the version is wrong"
expect_no_file "$TEST_TMP/cache-mislabelled/9.9.9/$arch"

# --- a tampered archive -------------------------------------------------------------------
printf 'tampered' >>"$TEST_TMP/srv/v$version/$archive"
tampered_sha=$(sha256sum "$TEST_TMP/srv/v$version/$archive")
tampered_sha=${tampered_sha%% *}
run_installer --version "$version" --base-url "$base_url" --install-dir "$TEST_TMP/cache-tampered"
expect_status 1 "installer: a tampered archive"
expect_eq "$err" "install-slipway: slipway $version: downloading $base_url/v$version/$archive
install-slipway: checksum mismatch for $archive: expected $genuine_sha, got $tampered_sha" "installer: the mismatch message"
expect_eq "$out" "" "installer: prints no binary"
expect_no_file "$TEST_TMP/cache-tampered/$version/$arch"
expect_no_file "$TEST_TMP/cache-tampered/$version/$arch.complete"
leftovers=$(find "$TEST_TMP/cache-tampered" -mindepth 2 -name '.download.*')
expect_eq "$leftovers" "" "installer: nothing of the download is left"

run_action setup --workspace "$TEST_TMP/workspace" --tool-cache "$TEST_TMP/tool-cache-tampered" \
  --input version="$version" --input base-url="$base_url"
expect_action_status 1 "setup: a tampered archive"
expect_contains "$action_log" "checksum mismatch for $archive: expected $genuine_sha, got $tampered_sha" "setup: the mismatch message in the log"
expect_eq "$(result .outputs.version)" "" "setup: no version output"
expect_eq "$(result '[.skippedHosted[].name] | join(",")')" "Restore Slipway from the Actions cache" \
  "setup: a refused download is not saved to the Actions cache"
expect_no_file "$TEST_TMP/tool-cache-tampered/slipway/$version/$arch"

# The copy verified earlier is still what the cache hands out.
run_installer --version "$version" --base-url "$base_url" --install-dir "$cache"
expect_status 0 "installer: the earlier cached copy"
expect_eq "$(sha256sum <"$out")" "$(sha256sum <"$SLIPWAY")" "installer: the cached binary is the genuine one"

# A checksum file without a line for the archive.
: >"$TEST_TMP/srv/v9.9.9/SHA256SUMS"
run_installer --version 9.9.9 --base-url "$base_url" --install-dir "$TEST_TMP/cache-nosum"
expect_status 1 "installer: no checksum line"
expect_contains "$err" "no SHA-256 checksum for slipway-9.9.9-linux-$arch.tar.gz" "installer: says the checksum is missing"

finish
