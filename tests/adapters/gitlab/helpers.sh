# shellcheck shell=bash
# Shared helpers for the GitLab component tests (tests/adapters/gitlab/test_*.sh).
#
# The tests run the real templates the way a GitLab project meets them: a
# fixture project's .gitlab-ci.yml says
#   include:
#     - component: $CI_SERVER_FQDN/slipway-ci/slipway/<name>@<commit>
# and gitlab-ci-local (4.73.0, --force-shell-executor) resolves that reference
# itself. It fetches a component of another project from the fixture's git
# remote host with `git archive --remote=ssh://git@<host>:<port>/<project>.git
# <commit> templates/<name>*.yml`, so the component project here is a real
# bare repository whose root is gitlab/ of this checkout (templates/ and
# README.md, as the component project is published), and the fixture's origin
# is ssh://git@gitlab.test/acme/app.git. The one stand-in is the ssh hop:
# GIT_SSH_COMMAND points at loopback_ssh, which runs the git-upload-archive that
# git asked the remote for against the bare repositories under $TEST_TMP/srv
# and refuses anything else. gitlab-ci-local, git and the archive are real.
#
# $SLIPWAY is put on PATH as `slipway` (the shell executor runs the job
# scripts on this machine, where the component's image would not exist).

# shellcheck source-path=SCRIPTDIR source=../../cli/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../cli/lib.sh"

# The jobs inherit this environment: when the tests themselves run in a GitLab
# pipeline, its CI_* variables (a merge request's, say) must not reach them.
for var in $(env | grep -o '^\(CI\|GITLAB\)_[A-Za-z0-9_]*' || true); do unset "$var"; done
unset CI

GITLAB_DIR=$SLIPWAY_SOURCE_DIR/gitlab
GCL=$SLIPWAY_TOOLS/npm/node_modules/.bin/gitlab-ci-local
readonly GCL_VERSION=4.73.0
COMPONENT=slipway-ci/slipway
export SLIPWAY_TOOLS
gcl_count=0

# skip WHY: the whole script cannot run here (CTest counts exit 77 as skipped).
skip() {
  echo "SKIP: $*"
  exit 77
}

cli_has() {  # cli_has COMMAND: whether this slipway has the subcommand
  local help
  help=$("$SLIPWAY" "$1" --help 2>/dev/null || true)
  grep -q "^Usage: slipway $1" <<<"$help"
}

require_gcl() {
  command -v node >/dev/null || skip "node is not installed"
  [ -x "$GCL" ] || skip "gitlab-ci-local is not installed under $SLIPWAY_TOOLS/npm (tests/tools/npm-tools.txt)"
  local found
  found=$("$GCL" --version 2>/dev/null || true)
  [ "$found" = "$GCL_VERSION" ] || skip "gitlab-ci-local $GCL_VERSION is needed, found \"$found\""
  command -v rsync >/dev/null || skip "rsync is not installed (gitlab-ci-local copies artifacts with it)"
  command -v jq >/dev/null || skip "jq is not installed"
  command -v git-upload-archive >/dev/null || [ -x "$(git --exec-path)/git-upload-archive" ] ||
    skip "git-upload-archive is not installed"
}

# publish_component: the component project as a bare repository at
# $TEST_TMP/srv/$COMPONENT.git, one commit holding gitlab/ of this checkout
# (working tree, so uncommitted template changes are what is tested), tagged
# with the release version. Sets COMPONENT_SHA and COMPONENT_VERSION.
publish_component() {
  local work=$TEST_TMP/component-work
  rm -rf "$work" "$TEST_TMP/srv/$COMPONENT.git"
  new_repo "$work"
  cp -R "$GITLAB_DIR/." "$work/"
  commit_all "$work" "component"
  COMPONENT_SHA=$(git -C "$work" rev-parse HEAD)
  # The release tag, as `@<version>` references use it: the version the
  # templates and the installer default to.
  COMPONENT_VERSION=$(sed -n 's/^readonly default_version=//p' "$SLIPWAY_SOURCE_DIR/packaging/install-slipway.sh")
  git -C "$work" tag "$COMPONENT_VERSION"
  mkdir -p "$TEST_TMP/srv/${COMPONENT%/*}"
  git clone -q --bare "$work" "$TEST_TMP/srv/$COMPONENT.git"
  # git archive --remote names a commit, not a ref: the server must allow it.
  git -C "$TEST_TMP/srv/$COMPONENT.git" config uploadArchive.allowUnreachable true

  mkdir -p "$TEST_TMP/bin"
  cat >"$TEST_TMP/bin/loopback_ssh" <<'SSH'
#!/usr/bin/env bash
# ssh stand-in for git: the last argument is the command git wants run on the
# remote; only git-upload-archive of a repository under $LOOPBACK_SSH_ROOT is.
remote_command=${!#}
if [[ $remote_command =~ ^git-upload-archive\ \'(/[A-Za-z0-9._/-]+\.git)\'$ ]] &&
  [[ ${BASH_REMATCH[1]} != *..* ]]; then
  exec git-upload-archive "$LOOPBACK_SSH_ROOT${BASH_REMATCH[1]}"
fi
echo "loopback_ssh: refused: $remote_command" >&2
exit 1
SSH
  chmod +x "$TEST_TMP/bin/loopback_ssh"
  ln -sf "$SLIPWAY" "$TEST_TMP/bin/slipway"
  export LOOPBACK_SSH_ROOT=$TEST_TMP/srv GIT_SSH_COMMAND=$TEST_TMP/bin/loopback_ssh GIT_SSH_VARIANT=ssh
  case :$PATH: in *":$(git --exec-path):"*) ;; *) PATH=$PATH:$(git --exec-path) ;; esac
}

# path_without_slipway: $PATH without the folders that hold a slipway, for
# jobs that must download it.
path_without_slipway() {
  local dir result=
  local IFS=:
  for dir in $PATH; do
    [ -n "$dir" ] && [ ! -e "$dir/slipway" ] && result=${result:+$result:}$dir
  done
  printf '%s\n' "$result"
}

# new_project DIR: a fixture project (a git repository on main whose origin
# is the GitLab host gitlab.test, with origin/main = main).
new_project() {
  new_repo "$1"
  git -C "$1" config user.name Test
  git -C "$1" config user.email test@example.com
  git -C "$1" remote add origin ssh://git@gitlab.test/acme/app.git
}
# sync_origin DIR: origin/main (and origin/HEAD) point at main, as after a push.
sync_origin() {
  git -C "$1" update-ref refs/remotes/origin/main refs/heads/main
  git -C "$1" symbolic-ref refs/remotes/origin/HEAD refs/remotes/origin/main
}

# include_component DIR NAME [INPUTS-YAML]: writes DIR/.gitlab-ci.yml, which
# includes the component NAME at $COMPONENT_SHA with the given inputs (YAML
# lines, indented 6 spaces by the caller: "      fail-on: warning").
include_component() {
  {
    printf 'include:\n'
    # shellcheck disable=SC2016 # $CI_SERVER_FQDN is for GitLab to expand
    printf '  - component: $CI_SERVER_FQDN/%s/%s@%s\n' "$COMPONENT" "$2" "$COMPONENT_SHA"
    if [ -n "${3:-}" ]; then
      printf '    inputs:\n'
      printf '%s\n' "$3"
    fi
  } >"$1/.gitlab-ci.yml"
}

# run_gcl DIR [gitlab-ci-local options...]: runs the pipeline of DIR with the
# shell executor, slipway on PATH (or the PATH in JOB_PATH); sets gcl_status
# and gcl_log (ANSI colours removed).
run_gcl() {
  local dir=$1
  shift
  gcl_count=$((gcl_count + 1))
  set +e
  (cd "$dir" && PATH=${JOB_PATH:-$TEST_TMP/bin:$PATH} "$GCL" --force-shell-executor --color=false --home "$TEST_TMP/gcl-home" \
    "$@") >"$TEST_TMP/gcl-$gcl_count.log" 2>&1
  gcl_status=$?
  set -e
  gcl_log=$(sed 's/\x1b\[[0-9;]*[A-Za-z]//g' "$TEST_TMP/gcl-$gcl_count.log")
}

# list_jobs DIR [gitlab-ci-local options...]: "<job> <when>" for each job of
# the pipeline, with its rules evaluated (gitlab-ci-local --list-json).
list_jobs() {
  local dir=$1
  shift
  (cd "$dir" && "$GCL" --force-shell-executor --color=false --home "$TEST_TMP/gcl-home" --list-json "$@" \
    2>"$TEST_TMP/list.err") | sed -n '/^\[/,$p' | jq -r '.[] | "\(.name) \(.when)"'
}

# job_result JOB: PASS, WARN <code> (failed, allowed to), FAIL <code> or
# "none" (the job did not run), from the pipeline log of the last run_gcl.
job_result() {
  local line
  line=$(grep -E "^$1 +finished in " <<<"$gcl_log" | tail -1 || true)
  case $line in
    *" FAIL "*) printf 'FAIL %s\n' "$(sed -n 's/.* FAIL \([0-9]*\) *$/\1/p' <<<"$line")" ;;
    *" WARN "*) printf 'WARN %s\n' "$(sed -n 's/.* WARN \([0-9]*\) *$/\1/p' <<<"$line")" ;;
    "") echo none ;;
    *) echo PASS ;;
  esac
}
expect_job() {  # expect_job JOB RESULT WHAT
  local got
  got=$(job_result "$1")
  if [ "$got" = "$2" ]; then pass "$3: $1 $2"; else
    fail "$3: job $1 expected $2, got $got (gitlab-ci-local exit $gcl_status)"
    tail -60 <<<"$gcl_log" >&2
  fi
}

# artifact DIR JOB PATH: a file of JOB's artifacts, as gitlab-ci-local stored them.
artifact() { printf '%s/.gitlab-ci-local/artifacts/%s/%s' "$1" "$2" "$3"; }
# dotenv_value DIR JOB NAME: a variable of the job's dotenv report.
dotenv_value() {
  local file
  file=$(find "$1/.gitlab-ci-local/artifacts/$2/.gitlab-ci-reports/dotenv" -type f -name '*.env' 2>/dev/null | head -1)
  [ -n "$file" ] || return 0
  sed -n "s/^$3=//p" "$file"
}
