# shellcheck shell=bash
# Shared helpers for the Jenkins shared library tests (tests/adapters/jenkins/test_*.sh).
# Sources the CLI test helpers (temp folder, git fixtures, expect_*), then adds
# run_cases, which runs a Groovy file of cases (tests/adapters/jenkins/cases/)
# with Debian's groovy against the library's vars/ under the recording
# pipeline harness (tests/adapters/jenkins/harness/).

# shellcheck source-path=SCRIPTDIR source=../../cli/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../cli/lib.sh"

JENKINS_LIBRARY=$SLIPWAY_SOURCE_DIR/jenkins
JENKINS_TESTS=$SLIPWAY_SOURCE_DIR/tests/adapters/jenkins
SLIPWAY_ABS=$(cd "$(dirname "$SLIPWAY")" && pwd)/$(basename "$SLIPWAY")
export JENKINS_LIBRARY SLIPWAY_ABS

# skip WHY: the whole script cannot run here (CTest counts exit 77 as skipped).
skip() {
  echo "SKIP: $*"
  exit 77
}

# require_groovy: groovy (Debian package `groovy`) and a Java it can start.
# Debian's groovy looks for /usr/lib/jvm/default-java, which only the
# default-jre package creates; without it JAVA_HOME comes from `java` itself.
require_groovy() {
  command -v groovy >/dev/null || skip "groovy is not installed (apt-get install groovy)"
  if [ -z "${JAVA_HOME:-}" ] && [ ! -x /usr/lib/jvm/default-java/bin/java ]; then
    local java
    java=$(command -v java) || skip "java is not installed"
    JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$java")")")
    export JAVA_HOME
  fi
}

# cli_has COMMAND: whether this slipway has the (sub)command. An unknown
# subcommand prints the top-level help, so the check looks for its own usage line.
cli_has() {
  local help
  help=$("$SLIPWAY" "$1" --help 2>/dev/null || true)
  grep -q "^Usage: slipway $1" <<<"$help"
}

# run_cases FILE: runs tests/adapters/jenkins/cases/FILE; its ok:/FAIL: lines go
# to the output and a failed check makes it exit 1.
run_cases() {
  local cases=$JENKINS_TESTS/cases/$1
  if groovy -cp "$JENKINS_TESTS/harness:$JENKINS_LIBRARY/src" "$cases"; then
    pass "$1: every check passed"
  else
    fail "$1: see the FAIL lines above"
  fi
}

# lint_fixture DIR clean|warning|failing: a repository for the built-in checks,
# with no findings, one warning (trailing whitespace) or also an error (YAML syntax).
lint_fixture() {
  new_repo "$1"
  printf 'name: fixture\nitems: [1, 2]\n' >"$1/config.yml"
  printf '# Fixture\n\nA clean file.\n' >"$1/README.md"
  case $2 in
    warning) printf 'trailing  \n' >"$1/notes.txt" ;;
    failing)
      printf 'trailing  \n' >"$1/notes.txt"
      printf 'broken: [1, 2\n' >"$1/bad.yml"
      ;;
  esac
  commit_all "$1" "fixture"
}
