#!/usr/bin/env bash
# The GitLab component's files, checked without running them: the rules of
# issue #6 section 3 on each template's YAML (check-templates.mjs: the spec
# header, no global keywords, the job's keys, no interpolation in scripts),
# the job scripts through shellcheck as POSIX sh and as dash, yamllint on the
# templates and the example, and `slipway scan --config` on gitlab/ and
# examples/gitlab/ (acceptance 6: no findings).
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/helpers.sh"
command -v node >/dev/null || skip "node is not installed"
[ -f "$SLIPWAY_TOOLS/npm/node_modules/yaml/package.json" ] || skip "yaml is not installed under $SLIPWAY_TOOLS/npm"
here=$SLIPWAY_SOURCE_DIR/tests/adapters/gitlab

set +e
checks=$(node "$here/check-templates.mjs" "$SLIPWAY_SOURCE_DIR" 2>&1)
status=$?
set -e
printf '%s\n' "$checks" | grep -v '^ok: ' || true
expect_eq "$status" 0 "check-templates.mjs: $(grep -c '^ok: ' <<<"$checks") rules hold"

# The scripts GitLab runs, as the shell of a job image runs them.
if ! command -v shellcheck >/dev/null; then
  echo "SKIP (shellcheck): shellcheck is not installed"
else
  for template in "$GITLAB_DIR"/templates/*.yml; do
    name=$(basename "$template" .yml)
    {
      node "$here/template-script.mjs" "$template" 0
      printf '\n'
      node "$here/template-script.mjs" "$template" 1
    } >"$TEST_TMP/$name.sh"
    for shell in sh dash; do
      if findings=$(shellcheck --shell="$shell" "$TEST_TMP/$name.sh" 2>&1); then
        pass "$name: the job script passes shellcheck --shell=$shell"
      else
        fail "$name: shellcheck --shell=$shell"
        printf '%s\n' "$findings" | head -30 >&2
      fi
    done
  done
fi

if ! command -v yamllint >/dev/null; then
  echo "SKIP (yamllint): yamllint is not installed"
else
  rules='{extends: default, rules: {line-length: {max: 120}, document-start: disable, truthy: {check-keys: false}}}'
  if findings=$(yamllint -s -d "$rules" "$GITLAB_DIR/templates" "$SLIPWAY_SOURCE_DIR/examples/gitlab/.gitlab-ci.yml" 2>&1)
  then
    pass "yamllint: templates and example"
  else
    fail "yamllint"
    printf '%s\n' "$findings" | head -30 >&2
  fi
fi

# Acceptance 6: the scanner's CI checks find nothing in the component or the example.
if ! cli_has scan; then
  echo "SKIP (scan --config): this slipway has no scan command ('slipway scan --help' failed)"
else
  repo=$TEST_TMP/scanned
  new_repo "$repo"
  mkdir -p "$repo/examples"
  cp -R "$GITLAB_DIR" "$repo/gitlab"
  cp -R "$SLIPWAY_SOURCE_DIR/examples/gitlab" "$repo/examples/gitlab"
  # The scanner reads a root .gitlab-ci.yml with its local includes: this one
  # includes the templates, so they are checked too, not only the example.
  {
    printf 'include:\n'
    for template in "$GITLAB_DIR"/templates/*.yml; do printf '  - local: gitlab/templates/%s\n' "${template##*/}"; done
  } >"$repo/.gitlab-ci.yml"
  commit_all "$repo" "component and example"
  run_slipway scan --config --all -C "$repo" --format console,json --color never
  expect_status 0 "scan --config on gitlab/ and examples/gitlab/"
  expect_eq "$(jq '.summary.total' "$repo/.slipway/reports/scan.json")" 0 "scan --config: no findings"
  [ "$status" -eq 0 ] || printf '%s\n%s\n' "$out" "$err" | head -30 >&2
fi

finish
