#!/usr/bin/env bash
# The GitHub actions run step by step by the composite-action runner
# (run-composite-action.mjs, GitHub's expression evaluator) on fixture
# repositories: setup, lint on a clean and a failing repository (outputs, job
# summary, annotations in the log, exit status, the hosted steps listed as
# skipped), every lint input reaching the CLI, and scan and build the same way
# when this slipway has those commands (otherwise that part says why and is
# skipped). The binary under test is handed to the actions through `path`;
# test_install.sh covers downloading it.
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/helpers.sh"
require_runner_tools

slipway_abs=$(cd "$(dirname "$SLIPWAY")" && pwd)/$(basename "$SLIPWAY")
slipway_version=$("$SLIPWAY" version)
slipway_version=${slipway_version##* }

# --- setup with an installed binary -------------------------------------------------------
mkdir -p "$TEST_TMP/empty"
run_action setup --workspace "$TEST_TMP/empty" --input path="$SLIPWAY"
expect_action_status 0 "setup with path"
expect_eq "$(result .outputs.version)" "$slipway_version" "setup: output version is what the binary reports"
expect_eq "$(result .outputs.path)" "$slipway_abs" "setup: output path is the absolute binary path"
expect_eq "$(result '.path[0]')" "$(dirname "$slipway_abs")" "setup: the binary's folder is added to GITHUB_PATH"
expect_eq "$(result '.steps[1].reason')" "condition" "setup: no Actions cache restore when path is given"
expect_contains "$action_log" "=== skipped: Restore Slipway from the Actions cache" "setup: the skipped cache step is named in the log"

# --- lint on a failing repository --------------------------------------------------------
lint_fixture "$TEST_TMP/failing" failing
run_action lint --workspace "$TEST_TMP/failing" --input path="$SLIPWAY" --input upload-sarif=true
expect_action_status 1 "lint, failing repository"
expect_eq "$(result .conclusion)" "failure" "lint failing: the action fails"
expect_eq "$(result '.steps[] | select(.id == "run") | .exitCode')" "1" "lint failing: slipway exits 1"
expect_eq "$(result .outputs.findings)" "2" "lint failing: findings output"
expect_eq "$(result .outputs.errors)" "1" "lint failing: errors output"
expect_eq "$(result .outputs.warnings)" "1" "lint failing: warnings output"
expect_eq "$(result .outputs.notes)" "0" "lint failing: notes output"
sarif=$(result .outputs.sarif)
expect_eq "$sarif" "$TEST_TMP/failing/.slipway/reports/lint.sarif" "lint failing: sarif output"
expect_file "$sarif"
expect_eq "$(jq '[.runs[].results[]] | length' "$sarif")" "2" "lint failing: the SARIF report holds both findings"
expect_eq "$(result '.outputs."report-dir"')" "$TEST_TMP/failing/.slipway/reports" "lint failing: report-dir output"
expect_contains "$action_log" "::error file=bad.yml,line=2,col=1,title=yaml-syntax::YAML syntax error" \
  "lint failing: error annotation in the log"
expect_contains "$action_log" "::warning file=notes.txt,line=1,col=9,title=trailing-whitespace::trailing whitespace" \
  "lint failing: warning annotation in the log"
expect_eq "$(result '[.annotations[] | "\(.level) \(.properties.file):\(.properties.line) \(.properties.title)"] | join(";")')" \
  "error bad.yml:2 yaml-syntax;warning notes.txt:1 trailing-whitespace" "lint failing: the runner parsed exactly these annotations"
summary=$(result .summary)
expect_contains "$summary" "slipway lint: 2 problems (1 error, 1 warning, 0 notes)" "lint failing: job summary headline"
expect_contains "$summary" "| bad.yml:2:1 | error | yaml-syntax |" "lint failing: job summary lists the error"
expect_contains "$summary" "| notes.txt:1:9 | warning | trailing-whitespace |" "lint failing: job summary lists the warning"
# The upload runs after the failed step (!cancelled()) and is listed, not run.
expect_eq "$(result '.skippedHosted | length')" "1" "lint failing: one hosted step skipped"
expect_eq "$(result '.skippedHosted[0].name')" "Upload the SARIF report to code scanning" "lint failing: the skipped step by name"
expect_contains "$(result '.skippedHosted[0].uses')" "github/codeql-action/upload-sarif@" "lint failing: it is upload-sarif"
expect_eq "$(result '.skippedHosted[0].with.sarif_file')" "$sarif" "lint failing: upload-sarif would get the SARIF report"
expect_eq "$(result '.skippedHosted[0].with.category')" "slipway-lint" "lint failing: upload-sarif category"
expect_contains "$action_log" "=== skipped: Upload the SARIF report to code scanning (uses github/codeql-action/upload-sarif@" \
  "lint failing: the log names the skipped upload"

# --- lint on a clean repository -------------------------------------------------------
lint_fixture "$TEST_TMP/clean" clean
run_action lint --workspace "$TEST_TMP/clean" --input path="$SLIPWAY"
expect_action_status 0 "lint, clean repository"
expect_eq "$(result .conclusion)" "success" "lint clean: the action succeeds"
expect_eq "$(result .outputs.findings)/$(result .outputs.errors)/$(result .outputs.warnings)" "0/0/0" "lint clean: zero counts"
expect_file "$(result .outputs.sarif)"
expect_eq "$(result '.annotations | length')" "0" "lint clean: no annotations"
expect_not_contains "$action_log" "::error" "lint clean: no error command in the log"
expect_contains "$(result .summary)" "slipway lint" "lint clean: a job summary is written"
expect_not_contains "$(result .summary)" "| error |" "lint clean: the summary lists no finding"
expect_eq "$(result '.skippedHosted | length')" "0" "lint clean: upload-sarif off by default, nothing hosted to skip"
expect_eq "$(result '.steps[] | select(.name == "Upload the SARIF report to code scanning") | .reason')" "condition" \
  "lint clean: the upload step is skipped by its condition"

# --- each lint input reaches the CLI --------------------------------------------------------
run_action lint --workspace "$TEST_TMP/failing" --input path="$SLIPWAY" --input fail-on=never
expect_action_status 0 "fail-on=never"
expect_eq "$(result .outputs.findings)" "2" "fail-on=never: findings still reported"

run_action lint --workspace "$TEST_TMP/clean" --input path="$SLIPWAY" --input fail-on=warning
expect_action_status 0 "fail-on=warning on a clean repository"
printf 'x  \n' >"$TEST_TMP/clean/warn.txt"
run_action lint --workspace "$TEST_TMP/clean" --input path="$SLIPWAY" --input fail-on=warning --input changed-only=false
expect_action_status 1 "fail-on=warning with a warning"
expect_eq "$(result .outputs.warnings)" "1" "fail-on=warning: one warning"
rm "$TEST_TMP/clean/warn.txt"

mkdir -p "$TEST_TMP/failing/ci"
printf 'fail-on: never\n' >"$TEST_TMP/failing/ci/relaxed.yml"
run_action lint --workspace "$TEST_TMP/failing" --input path="$SLIPWAY" --input config=ci/relaxed.yml
expect_action_status 0 "config=ci/relaxed.yml (fail-on: never)"
expect_contains "$action_log" "running: $slipway_abs --config ci/relaxed.yml lint" "config: passed as --config before the subcommand"

run_action lint --workspace "$TEST_TMP/failing" --input path="$SLIPWAY" \
  --input args='--format "console,github,sarif,json" --fail-on never'
expect_action_status 0 "args with quotes"
expect_file "$TEST_TMP/failing/.slipway/reports/lint.json"
expect_eq "$(jq '.findings | length' "$TEST_TMP/failing/.slipway/reports/lint.json")" "2" "args: the json report asked for"

run_action lint --workspace "$TEST_TMP/failing" --input path="$SLIPWAY" --input args='--base "unterminated'
expect_action_status 1 "args with an unmatched quote"
expect_eq "$(result '.steps[] | select(.id == "run") | .exitCode')" "2" "unmatched quote: usage error, slipway not run"
expect_contains "$action_log" "::error title=slipway lint::the args input could not be split" "unmatched quote: says why"
expect_not_contains "$action_log" "running:" "unmatched quote: slipway was not started"

mkdir -p "$TEST_TMP/monorepo"
lint_fixture "$TEST_TMP/monorepo/service" failing
run_action lint --workspace "$TEST_TMP/monorepo" --input path="$SLIPWAY" --input working-directory=service
expect_action_status 1 "working-directory=service"
expect_eq "$(result '.outputs."report-dir"')" "$TEST_TMP/monorepo/service/.slipway/reports" \
  "working-directory: slipway ran in the subfolder"

# A pull request that adds only notes.txt: changed-only (auto) checks just that file.
new_repo "$TEST_TMP/pr"
printf 'broken: [1, 2\n' >"$TEST_TMP/pr/bad.yml"
commit_all "$TEST_TMP/pr" "base"
base_sha=$(git -C "$TEST_TMP/pr" rev-parse HEAD)
git -C "$TEST_TMP/pr" checkout -q -b feature
printf 'trailing  \n' >"$TEST_TMP/pr/notes.txt"
commit_all "$TEST_TMP/pr" "add notes"
head_sha=$(git -C "$TEST_TMP/pr" rev-parse HEAD)
write_event "$TEST_TMP/pr-event.json" "{\"pull_request\":{\"base\":{\"ref\":\"main\",\"sha\":\"$base_sha\"},\"head\":{\"ref\":\"feature\",\"sha\":\"$head_sha\"}}}"
pr_options=(--workspace "$TEST_TMP/pr" --event-name pull_request --event-file "$TEST_TMP/pr-event.json"
  --ref refs/pull/1/merge --sha "$head_sha" --base-ref main --head-ref feature --input path="$SLIPWAY")
run_action lint "${pr_options[@]}"
expect_action_status 0 "pull request, changed-only default"
expect_eq "$(result .outputs.findings)" "1" "pull request: only the changed file is checked"
run_action lint "${pr_options[@]}" --input changed-only=false
expect_action_status 1 "pull request, changed-only=false"
expect_eq "$(result .outputs.findings)" "2" "changed-only=false: every file is checked"

# --- scan ---------------------------------------------------------------------------------
if cli_has scan; then
  new_repo "$TEST_TMP/scan-clean"
  printf 'print("hello")\n' >"$TEST_TMP/scan-clean/app.py"
  commit_all "$TEST_TMP/scan-clean" "clean"
  run_action scan --workspace "$TEST_TMP/scan-clean" --input path="$SLIPWAY" --input upload-sarif=true
  expect_action_status 0 "scan, clean repository"
  expect_eq "$(result .outputs.findings)" "0" "scan clean: no findings"
  expect_file "$(result .outputs.sarif)"
  expect_contains "$(result .summary)" "slipway scan" "scan clean: a job summary is written"
  expect_eq "$(result '.skippedHosted[0].with.category')" "slipway-scan" "scan clean: upload-sarif listed with its category"

  new_repo "$TEST_TMP/scan-failing"
  token=ghp_$(head -c 400 /dev/urandom | tr -dc 'A-Za-z0-9' | head -c 36)
  printf 'GITHUB_TOKEN = "%s"\n' "$token" >"$TEST_TMP/scan-failing/settings.py"
  commit_all "$TEST_TMP/scan-failing" "leak"
  run_action scan --workspace "$TEST_TMP/scan-failing" --input path="$SLIPWAY"
  expect_action_status 1 "scan, a leaked token"
  findings=$(result .outputs.findings)
  if [ "${findings:-0}" -ge 1 ]; then pass "scan failing: findings output ($findings)"; else fail "scan failing: findings output is '$findings'"; fi
  expect_eq "$(result '[.annotations[] | select(.properties.file == "settings.py")] | length > 0')" "true" \
    "scan failing: an annotation on settings.py"
  expect_contains "$action_log" "file=settings.py" "scan failing: the annotation is in the log"
  expect_contains "$(result .summary)" "settings.py" "scan failing: the job summary names the file"
  expect_not_contains "$action_log$(result .summary)" "$token" "scan failing: the token is never printed in full"
  run_action scan --workspace "$TEST_TMP/scan-failing" --input path="$SLIPWAY" --input fail-on=never
  expect_action_status 0 "scan, fail-on=never reaches scan.fail-on"
else
  echo "SKIP (scan part): this slipway has no scan command yet ($SLIPWAY scan --help shows no scan usage)"
fi

# --- build ------------------------------------------------------------------------------
if cli_has build; then
  new_repo "$TEST_TMP/build"
  cat >"$TEST_TMP/build/.slipway.yml" <<'EOF'
build:
  steps:
    - name: compile
      run: echo compiled > out.txt
EOF
  commit_all "$TEST_TMP/build" "feat: first feature"
  git -C "$TEST_TMP/build" tag v1.2.3
  printf 'more\n' >"$TEST_TMP/build/more.txt"
  commit_all "$TEST_TMP/build" "feat: another feature"
  run_action build --workspace "$TEST_TMP/build" --input path="$SLIPWAY"
  expect_action_status 0 "build, passing steps"
  expect_eq "$(cat "$TEST_TMP/build/out.txt" 2>/dev/null)" "compiled" "build: the configured step ran"
  expect_contains "$(result .summary)" "slipway build" "build: a job summary is written"
  version_help=$("$SLIPWAY" version --help 2>/dev/null || true)
  if grep -q -- "--next" <<<"$version_help"; then
    expect_eq "$(result .outputs.version)" "1.3.0" "build: version output (feat after v1.2.3)"
  else
    echo "SKIP (build version part): this slipway has no 'version --next'"
  fi

  cat >"$TEST_TMP/build/.slipway.yml" <<'EOF'
build:
  steps:
    - name: broken
      run: exit 3
EOF
  commit_all "$TEST_TMP/build" "fix: break the build"
  run_action build --workspace "$TEST_TMP/build" --input path="$SLIPWAY"
  expect_action_status 1 "build, a failing step"
  expect_eq "$(result '.steps[] | select(.id == "run") | .exitCode')" "1" "build failing: slipway build exits 1"
else
  echo "SKIP (build part): this slipway has no build command yet ($SLIPWAY build --help shows no build usage)"
fi

finish
