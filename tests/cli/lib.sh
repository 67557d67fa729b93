# Shared helpers for the black-box CLI tests. Each test script sources this,
# builds real git repositories in a temporary folder, runs the real `slipway`
# binary ($SLIPWAY) and checks exit codes, output and report files.
# A failed check prints what was expected and exits 1; the temp folder is
# removed on exit.
set -euo pipefail

: "${SLIPWAY:?SLIPWAY must point to the slipway binary}"
SLIPWAY_SOURCE_DIR=${SLIPWAY_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
SLIPWAY_TOOLS=${SLIPWAY_TOOLS:-$SLIPWAY_SOURCE_DIR/.tools}
TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/slipway-test.XXXXXX")
trap 'rm -rf "$TEST_TMP"' EXIT
failures=0

# The tests must not see the CI platform they themselves run on.
unset GITHUB_ACTIONS GITLAB_CI JENKINS_URL GITHUB_EVENT_PATH GITHUB_OUTPUT GITHUB_STEP_SUMMARY \
  CI_MERGE_REQUEST_DIFF_BASE_SHA CI_COMMIT_BEFORE_SHA CHANGE_TARGET GITHUB_BASE_REF || true
for var in $(env | grep -o '^SLIPWAY_[A-Z_]*' || true); do
  case $var in SLIPWAY_SOURCE_DIR|SLIPWAY_TOOLS) ;; *) unset "$var" ;; esac
done
export GIT_AUTHOR_NAME=Test GIT_AUTHOR_EMAIL=test@example.com GIT_COMMITTER_NAME=Test GIT_COMMITTER_EMAIL=test@example.com
export GIT_CONFIG_NOSYSTEM=1 HOME=$TEST_TMP

fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
pass() { echo "ok: $*"; }

# new_repo DIR: an empty repository on branch main.
new_repo() {
  mkdir -p "$1"
  git -C "$1" init -q -b main
  git -C "$1" config commit.gpgsign false
}
commit_all() { git -C "$1" add -A && git -C "$1" commit -qm "${2:-change}"; }

# run_slipway [args...]: runs slipway, storing exit code, stdout and stderr.
run_slipway() {
  set +e
  "$SLIPWAY" "$@" >"$TEST_TMP/stdout" 2>"$TEST_TMP/stderr"
  status=$?
  set -e
  out=$(cat "$TEST_TMP/stdout")
  err=$(cat "$TEST_TMP/stderr")
}

expect_status() {
  if [ "$status" -eq "$1" ]; then pass "${2:-exit code} = $1"; else
    fail "${2:-exit code}: expected $1, got $status"; echo "--- stdout"; echo "$out" | head -40; echo "--- stderr"; echo "$err" | head -40
  fi
}
expect_contains() {  # expect_contains HAYSTACK NEEDLE WHAT
  if grep -qF -- "$2" <<<"$1"; then pass "$3"; else fail "$3: '$2' not found"; echo "$1" | head -30 >&2; fi
}
expect_not_contains() {
  if grep -qF -- "$2" <<<"$1"; then fail "$3: '$2' found"; else pass "$3"; fi
}
expect_eq() {  # expect_eq ACTUAL EXPECTED WHAT
  if [ "$1" = "$2" ]; then pass "$3"; else fail "$3: expected [$2], got [$1]"; fi
}
expect_file() { if [ -s "$1" ]; then pass "file $1"; else fail "missing or empty file $1"; fi; }
expect_no_file() { if [ -e "$1" ]; then fail "unexpected file $1"; else pass "no file $1"; fi; }

finish() {
  if [ "$failures" -gt 0 ]; then echo "$failures check(s) failed"; exit 1; fi
  echo "all checks passed"
}
