#!/usr/bin/env bash
# Acceptance (build #5) through the real CLI: retries (flaky step passes with
# retries: 2, fails with 1), a timed-out step killed with its children, an
# `always` cleanup step after a failure, JUnit merge with a failing test,
# the coverage gate (79.9 % fails against 80, 80.0 % passes), artifacts whose
# SHA256SUMS match sha256sum, signed with provenance and checked by
# `slipway verify` (genuine accepted; modified byte, wrong key, other commit,
# swapped signature refused), the private key never printed, `../` globs
# refused, and `slipway version --next` on a real history.
source "$(dirname "$0")/lib.sh"

repo=$TEST_TMP/repo
new_repo "$repo"
write_config() { printf 'version: 1\n%s' "$1" > "$repo/.slipway.yml"; }
printf 'x\n' > "$repo/README.md"
commit_all "$repo" "chore: start"

# --- retries ------------------------------------------------------------------
flaky='n=$(cat .attempts 2>/dev/null || echo 0); n=$((n+1)); echo $n > .attempts; [ $n -ge 3 ]'
write_config "build:
  steps:
    - name: flaky
      run: '$flaky'
      retries: 2
      retry-delay: 10ms
"
rm -f "$repo/.attempts"
run_slipway build -C "$repo" --color never --format json
expect_status 0 "flaky step passes with retries: 2"
expect_eq "$(cat "$repo/.attempts")" "3" "three attempts"
sed -i 's/retries: 2/retries: 1/' "$repo/.slipway.yml"
rm -f "$repo/.attempts"
run_slipway build -C "$repo" --color never --format json
expect_status 1 "flaky step fails with retries: 1"
expect_eq "$(jq -r '.findings[].rule' "$repo/.slipway/reports/build.json")" "build/step-failed" "a step-failed finding"
expect_contains "$(jq -r '.findings[].message' "$repo/.slipway/reports/build.json")" "2 attempt(s)" "message counts attempts"

# --- timeout, children, always ------------------------------------------------
write_config "build:
  steps:
    - name: slow
      run: 'sleep 300 & echo \$! > child.pid; wait'
      timeout: 1s
    - name: skipped-after-failure
      run: 'touch should-not-run'
    - name: cleanup
      run: 'touch cleaned'
      always: true
"
run_slipway build -C "$repo" --color never --format json
expect_status 1 "timed-out step fails the build"
expect_eq "$(jq -r '.findings[].rule' "$repo/.slipway/reports/build.json")" "build/step-timed-out" "timed-out finding"
child=$(cat "$repo/child.pid")
# SIGKILL is delivered at once; the orphan is reaped by init a moment later
# (a zombie counts as gone). Wait for that, bounded.
alive() { local state; state=$(ps -o stat= -p "$1" 2>/dev/null) || return 1; [[ $state != Z* ]]; }
for _ in $(seq 1 100); do alive "$child" || break; sleep 0.05; done
if alive "$child"; then fail "the step's child $child survived the timeout"; kill "$child"; else pass "child killed"; fi
[ -e "$repo/cleaned" ] && pass "always step ran after the failure" || fail "always step did not run"
expect_no_file "$repo/should-not-run"

# --- JUnit merge and coverage gate ---------------------------------------------
mkdir -p "$repo/reports"
cat > "$repo/reports/a.xml" <<'XML'
<testsuite name="a" tests="2"><testcase classname="a" name="ok"/><testcase classname="a" name="broken"><failure message="expected 1, got 2"/></testcase></testsuite>
XML
cat > "$repo/reports/b.xml" <<'XML'
<testsuites><testsuite name="b" tests="1"><testcase classname="b" name="fine"/></testsuite></testsuites>
XML
printf 'TN:\nSF:a.c\n' > "$repo/reports/cov.info"
for i in $(seq 1 1000); do if [ "$i" -le 799 ]; then echo "DA:$i,1"; else echo "DA:$i,0"; fi; done >> "$repo/reports/cov.info"
echo end_of_record >> "$repo/reports/cov.info"
write_config "build:
  steps:
    - name: test
      run: 'true'
  junit: [reports/*.xml]
  coverage:
    file: reports/cov.info
    min: '80'
"
summary=$TEST_TMP/summary.md; : > "$summary"
GITHUB_ACTIONS=true GITHUB_STEP_SUMMARY=$summary GITHUB_OUTPUT=$TEST_TMP/gh-out run_slipway build -C "$repo" --color never --format json,console
expect_status 1 "failing test and low coverage fail the build"
expect_contains "$out" "tests: 2 passed, 1 failed" "test counts printed"
expect_contains "$out" "Coverage: 79.9%" "coverage line for GitLab's regex"
expect_eq "$(jq -r '[.findings[].rule] | sort | join(",")' "$repo/.slipway/reports/build.json")" \
  "build/coverage-below-minimum,build/test-failed" "test and coverage findings"
expect_contains "$(jq -r '.findings[].message' "$repo/.slipway/reports/build.json")" "a.broken failed: expected 1, got 2" "failing test named"
expect_contains "$(cat "$summary")" "broken" "failing test in the GitHub summary"
expect_eq "$(grep -o '<testcase' "$repo/.slipway/reports/tests.junit.xml" | wc -l)" "3" "merged JUnit has all three tests"
sed -i 's/^DA:800,0$/DA:800,1/' "$repo/reports/cov.info"
run_slipway build -C "$repo" --color never --format json
expect_contains "$out" "Coverage: 80.0%" "80.0 %"
expect_eq "$(jq -r '[.findings[].rule] | join(",")' "$repo/.slipway/reports/build.json")" "build/test-failed" "80.0 % passes the gate"

# --- artifacts, signing, verify -------------------------------------------------
run_slipway keygen --private "$TEST_TMP/key.pem" --public "$TEST_TMP/key.pub"
expect_status 0 "keygen"
expect_eq "$(stat -c %a "$TEST_TMP/key.pem")" "600" "private key mode 0600"
run_slipway keygen --private "$TEST_TMP/other.pem" --public "$TEST_TMP/other.pub"
mkdir -p "$repo/dist"
printf 'binary one\n' > "$repo/dist/app"
printf 'binary two\n' > "$repo/dist/lib.so"
write_config "build:
  steps:
    - name: compile
      run: 'true'
  artifacts: [dist/]
  signing:
    key-env: RELEASE_KEY
"
commit_all "$repo" "feat: dist"
head_sha=$(git -C "$repo" rev-parse HEAD)
RELEASE_KEY=$(cat "$TEST_TMP/key.pem") run_slipway build -C "$repo" --color never --format json,sarif,markdown
expect_status 0 "build with artifacts"
art=$repo/.slipway/artifacts
expect_eq "$(cd "$art" && sha256sum app lib.so)" "$(grep -v '^$' "$art/SHA256SUMS")" "SHA256SUMS equals sha256sum"
key_body=$(sed -n 2p "$TEST_TMP/key.pem")
if grep -rqF -- "$key_body" "$repo/.slipway" <<<"$out$err"; then fail "private key material in an output"; else pass "private key never written"; fi
if grep -qF -- "$key_body" <<<"$out$err"; then fail "private key printed"; else pass "private key never printed"; fi
run_slipway verify "$art/app" --key "$TEST_TMP/key.pub" --provenance "$art/provenance.intoto.jsonl" --source-commit "$head_sha"
expect_status 0 "verify accepts the genuine artifact"
cp "$art/app" "$TEST_TMP/app.orig"
printf 'X' | dd of="$art/app" bs=1 seek=0 conv=notrunc 2>/dev/null
run_slipway verify "$art/app" --key "$TEST_TMP/key.pub"
expect_status 1 "a modified byte is refused"
cp "$TEST_TMP/app.orig" "$art/app"
run_slipway verify "$art/app" --key "$TEST_TMP/other.pub"
expect_status 1 "a wrong key is refused"
run_slipway verify "$art/app" --key "$TEST_TMP/key.pub" --provenance "$art/provenance.intoto.jsonl" --source-commit 0123456789abcdef0123456789abcdef01234567
expect_status 1 "a provenance for another commit is refused"
expect_contains "$err" "commit" "the reason names the commit"
run_slipway verify "$art/app" --key "$TEST_TMP/key.pub" --signature "$art/lib.so.sig"
expect_status 1 "a swapped signature is refused"

# --- path traversal -----------------------------------------------------------
printf 'secret outside\n' > "$TEST_TMP/outside.txt"
write_config "build:
  steps:
    - name: compile
      run: 'true'
  artifacts: ['../outside.txt']
"
run_slipway build -C "$repo" --color never
expect_status 2 "a ../ glob is refused"
expect_contains "$err" "../outside.txt" "the error names the glob"

# --- version --------------------------------------------------------------------
vrepo=$TEST_TMP/versions
new_repo "$vrepo"
git -C "$vrepo" commit -q --allow-empty -m "chore: init"
git -C "$vrepo" tag v1.4.2
git -C "$vrepo" commit -q --allow-empty -m "fix: a bug"
run_slipway version --next -C "$vrepo"
expect_eq "$out" "1.4.3" "fix -> patch"
git -C "$vrepo" commit -q --allow-empty -m "feat: a feature"
run_slipway version --next -C "$vrepo"
expect_eq "$out" "1.5.0" "feat -> minor"
expect_contains "$(cat "$vrepo/.slipway/reports/version.env")" "SLIPWAY_VERSION=1.5.0" "dotenv export"
git -C "$vrepo" commit -q --allow-empty -m "feat!: drop the old API"
run_slipway version --next -C "$vrepo"
expect_eq "$out" "2.0.0" "feat! -> major"
finish
