# shellcheck shell=bash
# Shared helpers for the GitHub Actions adapter tests (tests/adapters/github/test_*.sh).
# Sources the CLI test helpers (temp folder, git fixtures, expect_*), then adds
# run_action, which runs one of actions/<name> with the composite-action
# runner (run-composite-action.mjs) and keeps its exit status, log and result.

# shellcheck source-path=SCRIPTDIR source=../../cli/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../cli/lib.sh"

ACTIONS_DIR=$SLIPWAY_SOURCE_DIR/actions
RUNNER=$SLIPWAY_SOURCE_DIR/tests/adapters/github/run-composite-action.mjs
NPM_MODULES=$SLIPWAY_TOOLS/npm/node_modules
export SLIPWAY_TOOLS
run_count=0

# skip WHY: the whole script cannot run here (CTest counts exit 77 as skipped).
skip() {
  echo "SKIP: $*"
  exit 77
}

require_runner_tools() {
  command -v node >/dev/null || skip "node is not installed"
  command -v jq >/dev/null || skip "jq is not installed"
  [ -f "$NPM_MODULES/@actions/expressions/package.json" ] ||
    skip "@actions/expressions is not installed under $NPM_MODULES (tests/tools/install-npm-tools.sh)"
  [ -f "$NPM_MODULES/yaml/package.json" ] || skip "yaml is not installed under $NPM_MODULES"
}

# cli_has COMMAND: whether this slipway has the (sub)command. An unknown
# subcommand prints the top-level help, so the check looks for its own usage line.
cli_has() {
  local help
  help=$("$SLIPWAY" "$1" --help 2>/dev/null || true)
  grep -q "^Usage: slipway $1" <<<"$help"
}

# run_action NAME|DIR [runner options...]: runs actions/NAME (or the action
# in the absolute folder DIR); sets action_status, action_log and RESULT (the
# runner's JSON result file).
run_action() {
  local action=$1
  shift
  case $action in /*) ;; *) action=$ACTIONS_DIR/$action ;; esac
  run_count=$((run_count + 1))
  RESULT=$TEST_TMP/result-$run_count.json
  rm -f "$RESULT"
  set +e
  node "$RUNNER" --action "$action" --result "$RESULT" --temp "$TEST_TMP/runner-$run_count" "$@" \
    >"$TEST_TMP/log-$run_count" 2>&1
  action_status=$?
  set -e
  action_log=$(cat "$TEST_TMP/log-$run_count")
}

# result JQ-FILTER: a value from the last run's result.
result() { jq -r "$1" "$RESULT"; }

expect_action_status() {  # expect_action_status CODE WHAT
  if [ "$action_status" -eq "$1" ]; then pass "$2: runner exit $1"; else
    fail "$2: runner exit expected $1, got $action_status"
    echo "--- log" >&2
    tail -60 <<<"$action_log" >&2
  fi
}

# write_event FILE JSON: an event payload for --event-file.
write_event() { printf '%s\n' "$2" >"$1"; }

# A repository with one error (YAML syntax) and one warning (trailing
# whitespace) for the built-in checks, or none.
lint_fixture() {  # lint_fixture DIR failing|clean
  new_repo "$1"
  printf 'name: fixture\nitems: [1, 2]\n' >"$1/config.yml"
  printf '# Fixture\n\nA clean file.\n' >"$1/README.md"
  if [ "$2" = failing ]; then
    printf 'broken: [1, 2\n' >"$1/bad.yml"
    printf 'trailing  \n' >"$1/notes.txt"
  fi
  commit_all "$1" "fixture"
}
