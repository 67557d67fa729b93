#!/usr/bin/env bash
# Acceptance (scan #4, items 3-5, through the CLI): a package-lock.json and a
# requirements.txt matched against OSV records in a local database folder
# (aliases merged, fixed version in the message, CVSS score as
# security-severity), misconfiguration findings for a Dockerfile, a
# Kubernetes manifest and a GitHub workflow (and none for their clean twins),
# scan.fail-on bands, the GitLab security reports, and a SARIF that passes
# the SARIF multitool's `Sarif;Gh` rules.
source "$(dirname "$0")/lib.sh"
multitool=$(find "$SLIPWAY_TOOLS/npm/node_modules/@microsoft" -type f -name 'Sarif.Multitool' 2>/dev/null | head -1 || true)
[ -n "$multitool" ] || { echo "skipped: the SARIF multitool is not installed (make test-deps)"; exit 77; }
fixtures=$SLIPWAY_SOURCE_DIR/tests/fixtures/scan/misconfig

repo=$TEST_TMP/repo
new_repo "$repo"
db=$TEST_TMP/osv
mkdir -p "$db" "$repo/web" "$repo/api" "$repo/deploy" "$repo/.github/workflows" "$repo/clean"
cat > "$db/GHSA-aaaa-bbbb-cccc.json" <<'JSON'
{"id": "GHSA-aaaa-bbbb-cccc", "modified": "2024-01-01T00:00:00Z", "aliases": ["CVE-2021-23337"],
 "summary": "Command injection in template",
 "affected": [{"package": {"ecosystem": "npm", "name": "lodash"},
               "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "4.17.21"}]}]}],
 "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H"}]}
JSON
cat > "$db/PYSEC-2021-1.json" <<'JSON'
{"id": "PYSEC-2021-1", "modified": "2024-01-01T00:00:00Z", "aliases": ["CVE-2021-33203"],
 "affected": [{"package": {"ecosystem": "PyPI", "name": "django"}, "versions": ["3.2.0", "3.2.1"]}],
 "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N"}]}
JSON
cat > "$db/GHSA-withdrawn.json" <<'JSON'
{"id": "GHSA-with-draw-nnnn", "modified": "2024-01-01T00:00:00Z", "withdrawn": "2024-02-01T00:00:00Z",
 "affected": [{"package": {"ecosystem": "npm", "name": "lodash"}, "versions": ["4.17.20"]}]}
JSON
cat > "$repo/web/package-lock.json" <<'JSON'
{
  "name": "web",
  "lockfileVersion": 3,
  "packages": {
    "": {"name": "web"},
    "node_modules/lodash": {"version": "4.17.20"},
    "node_modules/left-pad": {"version": "1.3.0"}
  }
}
JSON
printf 'Django==3.2.0\nrequests==2.31.0\n' > "$repo/api/requirements.txt"
cp "$fixtures/bad/Dockerfile" "$repo/Dockerfile"
cp "$fixtures/bad/k8s/web.yaml" "$repo/deploy/web.yaml"
cp "$fixtures/good/Dockerfile" "$repo/clean/Dockerfile"
cp "$fixtures/good/k8s/web.yaml" "$repo/clean/web.yaml"
cat > "$repo/.github/workflows/pr.yml" <<'YAML'
name: pr
on: pull_request
permissions:
  contents: read
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - run: echo "Thanks for ${{ github.event.pull_request.title }}"
YAML
printf 'version: 1\nscan:\n  deps:\n    db-dir: %s\n' "$db" > "$repo/.slipway.yml"
commit_all "$repo"

run_slipway scan --deps --config --all -C "$repo" --color never --format json,sarif,gitlab-security
expect_status 1 "high findings fail the scan (default scan.fail-on: high)"
json=$repo/.slipway/reports/scan.json
lodash=$(jq -r '.findings[] | select(.rule == "GHSA-aaaa-bbbb-cccc") | "\(.path):\(.line) \(.message) \(.security_severity)"' "$json")
expect_contains "$lodash" "web/package-lock.json:" "lodash advisory on its lockfile"
expect_contains "$lodash" "4.17.21" "fixed version in the message"
expect_contains "$lodash" "CVE-2021-23337" "aliases merged into the finding"
expect_contains "$lodash" "7.2" "CVSS 3.1 base score as security-severity"
expect_eq "$(jq '[.findings[] | select(.rule == "GHSA-aaaa-bbbb-cccc")] | length' "$json")" "1" "one finding per package per vulnerability"
expect_eq "$(jq '[.findings[] | select(.rule == "GHSA-with-draw-nnnn")] | length' "$json")" "0" "withdrawn advisory ignored"
expect_eq "$(jq -r '[.findings[] | select(.rule == "PYSEC-2021-1") | .path] | join(",")' "$json")" "api/requirements.txt" "PyPI versions list matched"
rules=$(jq -r '.findings[].rule' "$json" | sort -u)
expect_contains "$rules" "config/dockerfile/" "Dockerfile rules fire"
expect_contains "$rules" "config/kubernetes/" "Kubernetes rules fire"
expect_contains "$rules" "config/github-actions/expression-injection" "workflow expression injection"
expect_eq "$(jq '[.findings[] | select(.path | startswith("clean/"))] | length' "$json")" "0" "clean twins give nothing"
reports=$repo/.slipway/reports
expect_eq "$(jq -r '.version' "$reports/gl-dependency-scanning-report.json")" "15.0.7" "dependency scanning report version"
expect_eq "$(jq '[.vulnerabilities[] | select(.location.dependency.package.name == "lodash")] | length' "$reports/gl-dependency-scanning-report.json")" "1" "lodash in the dependency scanning report"
expect_eq "$(jq '.vulnerabilities | length > 0' "$reports/gl-sast-report.json")" "true" "misconfiguration in the SAST report"

set +e
DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 "$multitool" validate --rule-kind "Sarif;Gh" --output "$TEST_TMP/validation.sarif" \
  "$reports/scan.sarif" >"$TEST_TMP/mt.out" 2>&1
set -e
problems=$(jq '[.runs[].results[]? | select(.level == "error" or .level == "warning")] | length' "$TEST_TMP/validation.sarif" 2>/dev/null || echo unreadable)
if [ "$problems" = "0" ]; then pass "scan SARIF: multitool Sarif;Gh clean"; else
  fail "scan SARIF: $problems multitool problems"; head -30 "$TEST_TMP/mt.out"
fi
expect_eq "$(jq '[.runs[0].tool.driver.rules[] | select(.properties["security-severity"] != null)] | length > 0' "$reports/scan.sarif")" \
  "true" "rules carry security-severity"

run_slipway scan --deps --config --all -C "$repo" --fail-on never --format json
expect_status 0 "--fail-on never"
run_slipway scan --deps --all -C "$repo" --fail-on critical --format json
expect_status 0 "no critical dependency finding: passes with --fail-on critical"
run_slipway scan --deps --all -C "$repo" --fail-on bogus
expect_status 2 "an invalid band is a usage error"
finish
