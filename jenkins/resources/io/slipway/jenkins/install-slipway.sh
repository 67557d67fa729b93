#!/usr/bin/env bash
# install-slipway.sh: downloads a Slipway release archive, verifies it against
# the release's SHA256SUMS *before* unpacking anything, and keeps it in a cache
# folder keyed by version, so a second call for the same version downloads
# nothing. Every CI adapter (the GitHub actions, the GitLab component's shell
# fallback, the Jenkins step) calls this one script; the archive layout it
# expects is described in docs/release-archive.md.
#
# Inputs come from options or, when an option is absent, from environment
# variables (an empty variable counts as unset, as CI systems pass inputs
# nobody filled in as empty strings):
#   --version V       SLIPWAY_INSTALL_VERSION   release to install (default: this script's own release)
#   --base-url URL    SLIPWAY_INSTALL_BASE_URL  where releases live: <URL>/v<V>/<archive> and <URL>/v<V>/SHA256SUMS
#   --install-dir D   SLIPWAY_INSTALL_DIR       cache folder (default: $RUNNER_TOOL_CACHE/slipway, else
#                                               ${XDG_CACHE_HOME:-$HOME/.cache}/slipway)
#   --path P          SLIPWAY_INSTALL_PATH      use this already installed binary (or folder holding it) instead
# The variables are not SLIPWAY_VERSION & co. on purpose: the build stage
# exports SLIPWAY_VERSION as the *project's* next version.
#
# Output: the absolute path of the slipway binary, alone on stdout; progress
# and errors on stderr. With --resolve, nothing is downloaded and name=value
# lines describe what would be installed (for cache keys; the GitHub actions
# append them to $GITHUB_OUTPUT as they are).
# Exit codes: 0 installed or found; 1 download, checksum or archive problem;
# 2 bad option or value.
#
# The script never evaluates a value it was given: values are only quoted
# arguments and compared strings, and the version is checked against a strict
# pattern before it becomes part of a URL or a path.
set -euo pipefail

readonly default_version=0.1.0
readonly default_base_url=https://github.com/slipway-ci/slipway/releases/download

die() {
  local code=$1
  shift
  printf 'install-slipway: %s\n' "$*" >&2
  exit "$code"
}
say() { printf 'install-slipway: %s\n' "$*" >&2; }

usage() {
  cat <<'EOF'
Usage: install-slipway.sh [--version V] [--base-url URL] [--install-dir DIR] [--path FILE] [--resolve]

Downloads slipway-<V>-<os>-<arch>.tar.gz and SHA256SUMS from <URL>/v<V>/,
verifies the archive's SHA-256, unpacks it into <DIR>/<V>/<arch> and prints
the path of the slipway binary. A version already in <DIR> is not downloaded
again. --path uses an installed binary instead; --resolve prints what would be
installed (version, os, arch, archive, url, dir, key, bin, cached) as
name=value lines and downloads nothing.

Environment: SLIPWAY_INSTALL_VERSION, SLIPWAY_INSTALL_BASE_URL,
SLIPWAY_INSTALL_DIR, SLIPWAY_INSTALL_PATH (used when the option is absent).
EOF
}

version=${SLIPWAY_INSTALL_VERSION:-}
base_url=${SLIPWAY_INSTALL_BASE_URL:-}
install_dir=${SLIPWAY_INSTALL_DIR:-}
binary_path=${SLIPWAY_INSTALL_PATH:-}
resolve_only=false

while [ $# -gt 0 ]; do
  case $1 in
    --version | --base-url | --install-dir | --path)
      [ $# -ge 2 ] || die 2 "$1 needs a value"
      case $1 in
        --version) version=$2 ;;
        --base-url) base_url=$2 ;;
        --install-dir) install_dir=$2 ;;
        --path) binary_path=$2 ;;
      esac
      shift 2
      ;;
    --resolve) resolve_only=true && shift ;;
    -h | --help) usage && exit 0 ;;
    *) die 2 "unknown option \"$1\" (see --help)" ;;
  esac
done

# --path: an installed binary; nothing to download.
if [ -n "$binary_path" ]; then
  candidate=$binary_path
  if [ -d "$candidate" ]; then
    if [ -x "$candidate/bin/slipway" ]; then candidate=$candidate/bin/slipway; else candidate=$candidate/slipway; fi
  fi
  [ -f "$candidate" ] || die 1 "slipway not found at \"$binary_path\""
  [ -x "$candidate" ] || die 1 "\"$candidate\" is not executable"
  candidate=$(cd "$(dirname "$candidate")" && pwd)/$(basename "$candidate")
  if [ "$resolve_only" = true ]; then
    printf 'bin=%s\n' "$candidate"
  else
    printf '%s\n' "$candidate"
  fi
  exit 0
fi

version=${version:-$default_version}
version=${version#v}
# Semantic version only: it becomes part of a URL and of folder names.
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.+-]+)?$ ]] ||
  die 2 "invalid version \"$version\": expected a release such as $default_version or v$default_version"

base_url=${base_url:-$default_base_url}
base_url=${base_url%/}
# Plain http only on the loopback interface (a local mirror or a test server):
# elsewhere the archive and its checksum would travel unprotected together.
case $base_url in
  *@*) die 2 "invalid base URL \"$base_url\": credentials do not belong in it (use ~/.netrc)" ;;
  https://*) protocols='=https' ;;
  http://127.0.0.1[:/]* | http://127.0.0.1 | http://localhost[:/]* | http://localhost | http://\[::1\]*)
    protocols='=http' ;;
  *) die 2 "invalid base URL \"$base_url\": use https:// (plain http only for 127.0.0.1, localhost or [::1])" ;;
esac

if [ -z "$install_dir" ]; then
  if [ -n "${RUNNER_TOOL_CACHE:-}" ]; then
    install_dir=$RUNNER_TOOL_CACHE/slipway
  else
    install_dir=${XDG_CACHE_HOME:-${HOME:?HOME is not set; give --install-dir}/.cache}/slipway
  fi
fi

kernel=$(uname -s)
case $kernel in
  Linux) os=linux ;;
  *) die 1 "no Slipway release archive for this operating system ($kernel); releases exist for Linux" ;;
esac
machine=$(uname -m)
case $machine in
  x86_64 | amd64) arch=x86_64 ;;
  aarch64 | arm64) arch=aarch64 ;;
  *) die 1 "no Slipway release archive for this architecture ($machine); releases exist for x86_64 and aarch64" ;;
esac

archive=slipway-$version-$os-$arch.tar.gz
release_url=$base_url/v$version
version_dir=$install_dir/$version
target=$version_dir/$arch
marker=$version_dir/$arch.complete
binary=$target/bin/slipway

cached=false
if [ -f "$marker" ] && [ -x "$binary" ]; then cached=true; fi

if [ "$resolve_only" = true ]; then
  printf '%s\n' "version=$version" "os=$os" "arch=$arch" "archive=$archive" "url=$release_url/$archive" \
    "dir=$version_dir" "key=slipway-$version-$os-$arch" "bin=$binary" "cached=$cached"
  exit 0
fi

# The binary must say it is the version it was installed as: this catches a
# mislabelled archive and a cache folder someone else wrote into.
reports_version() {
  local reported
  reported=$("$1" version 2>/dev/null) || return 1
  [ "${reported##* }" = "$version" ]
}

use_cached_copy() {
  if [ ! -f "$marker" ] || [ ! -x "$binary" ]; then return 1; fi
  if reports_version "$binary"; then
    say "slipway $version: using the cached copy in $target"
    printf '%s\n' "$binary"
    exit 0
  fi
  say "slipway $version: the cached copy in $target does not run as $version; installing it again"
  rm -f "$marker"
  return 1
}

use_cached_copy || true

command -v curl >/dev/null || die 1 "curl is needed to download Slipway; install it or give --path"
command -v sha256sum >/dev/null || die 1 "sha256sum (coreutils) is needed to verify the download"

mkdir -p "$version_dir" || die 1 "cannot create the install folder $version_dir"
# Jobs sharing a machine (Jenkins executors, self-hosted runners) take turns;
# whoever waited finds the copy the other one installed.
if command -v flock >/dev/null; then
  exec 9>"$version_dir/.lock"
  flock -w 900 9 || die 1 "timed out waiting for another installation into $version_dir"
  use_cached_copy || true
fi
work=$(mktemp -d "$version_dir/.download.XXXXXX")
trap 'rm -rf "$work"' EXIT

download() {  # download URL FILE
  curl --fail --silent --show-error --location --netrc-optional --proto "$protocols" --proto-redir '=https' \
    --retry 3 --connect-timeout 20 --max-time 600 --output "$2" "$1" ||
    die 1 "download failed: $1"
}

say "slipway $version: downloading $release_url/$archive"
download "$release_url/SHA256SUMS" "$work/SHA256SUMS"
download "$release_url/$archive" "$work/$archive"

# SHA256SUMS lines are "<hex>  <name>" (or "<hex> *<name>" in binary mode).
expected=$(awk -v name="$archive" '$2 == name || $2 == "*" name { print tolower($1); exit }' "$work/SHA256SUMS")
[[ $expected =~ ^[0-9a-f]{64}$ ]] || die 1 "no SHA-256 checksum for $archive in $release_url/SHA256SUMS"
actual=$(sha256sum "$work/$archive")
actual=${actual%% *}
[ "$actual" = "$expected" ] || die 1 "checksum mismatch for $archive: expected $expected, got $actual"

# Only a verified archive is unpacked.
mkdir "$work/unpacked"
tar -xzf "$work/$archive" -C "$work/unpacked" --no-same-owner "slipway-$version" 2>/dev/null ||
  die 1 "$archive does not hold the folder slipway-$version/ (see docs/release-archive.md)"
unpacked=$work/unpacked/slipway-$version
if [ ! -f "$unpacked/bin/slipway" ] || [ ! -x "$unpacked/bin/slipway" ]; then
  die 1 "$archive has no executable slipway-$version/bin/slipway"
fi
reports_version "$unpacked/bin/slipway" ||
  die 1 "$archive holds a slipway that does not report version $version"

rm -rf "$target"
mv -T "$unpacked" "$target" || die 1 "cannot move slipway into $target"
printf '%s\n' "$actual" >"$marker"  # the SHA-256 of the archive it came from
say "slipway $version: verified (SHA-256 $actual) and installed in $target"
printf '%s\n' "$binary"
