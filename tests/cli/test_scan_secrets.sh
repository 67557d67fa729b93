#!/usr/bin/env bash
# Acceptance (scan #4, items 1-2, through the CLI): secrets planted in the
# working tree and buried in older commits (some removed later) are found
# with the right rule, path and line, history findings name the commit that
# introduced them, decoys give nothing, and no report file, console line or
# log of the run contains any planted secret in full. The secrets are built
# from pieces at run time so this file itself holds none.
source "$(dirname "$0")/lib.sh"

rand() { head -c 4000 /dev/urandom | tr -dc "$1" | head -c "$2"; }
aws="AKIA$(rand 'A-Z2-7' 16)"
ghp="ghp_$(rand 'A-Za-z0-9' 36)"
slack="xoxb-$(rand 0-9 11)-$(rand 0-9 12)-$(rand 'A-Za-z0-9' 24)"
stripe="sk_live_$(rand 'A-Za-z0-9' 32)"
glpat="glpat-$(rand 'A-Za-z0-9' 20)"
old_ghp="ghp_$(rand 'A-Za-z0-9' 36)"
old_aws="AKIA$(rand 'A-Z2-7' 16)"
old_slack="xoxb-$(rand 0-9 11)-$(rand 0-9 12)-$(rand 'A-Za-z0-9' 24)"
planted=("$aws" "$ghp" "$slack" "$stripe" "$glpat" "$old_ghp" "$old_aws" "$old_slack")

repo=$TEST_TMP/repo
new_repo "$repo"
mkdir -p "$repo/config" "$repo/src"
# History: secrets added in the first commit and removed in the second.
printf 'token: %s\n' "$old_ghp" > "$repo/config/old.yml"
printf 'line one\nAWS_ACCESS_KEY_ID=%s\n' "$old_aws" > "$repo/src/legacy.env"
commit_all "$repo" "add config"
first=$(git -C "$repo" rev-parse HEAD)
printf 'slack = "%s"\n' "$old_slack" > "$repo/src/notify.py"
commit_all "$repo" "add notifier"
second=$(git -C "$repo" rev-parse HEAD)
rm "$repo/config/old.yml" "$repo/src/legacy.env" "$repo/src/notify.py"
commit_all "$repo" "remove secrets"
# Working tree: secrets of several families, plus decoys.
printf '[default]\naws_access_key_id = %s\n' "$aws" > "$repo/config/credentials"
printf 'const token = "%s";\n' "$ghp" > "$repo/src/client.js"
printf '# chat\nSLACK=%s\nSTRIPE=%s\n' "$slack" "$stripe" > "$repo/src/settings.env"
printf 'gitlab:\n  token: %s\n' "$glpat" > "$repo/config/ci.yml"
cat > "$repo/src/decoys.txt" <<'TXT'
id: 123e4567-e89b-12d3-a456-426614174000
commit 9fceb02d0ae598e95dc970b74767f19372d61af8
sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.
TXT
commit_all "$repo" "current state"

run_slipway scan --secrets --history --all -C "$repo" --color never \
  --format console,json,sarif,codequality,junit,checkstyle,markdown,gitlab-security
expect_status 1 "secrets fail the scan (high and critical)"
json=$repo/.slipway/reports/scan.json
findings() { jq -r '.findings[] | "\(.rule) \(.path):\(.line)"' "$json" | sort -u; }
all=$(findings)
expect_contains "$all" "secret/aws-access-key-id config/credentials:2" "AWS key in the tree"
expect_contains "$all" "secret/github-pat src/client.js:1" "GitHub PAT in the tree"
expect_contains "$all" "secret/slack-bot-token src/settings.env:2" "Slack token in the tree"
expect_contains "$all" "secret/stripe-live-secret-key src/settings.env:3" "Stripe key in the tree"
expect_contains "$all" "secret/gitlab-pat config/ci.yml:2" "GitLab token in the tree"
expect_contains "$all" "secret/github-pat config/old.yml:1" "removed GitHub PAT found in history"
expect_contains "$all" "secret/aws-access-key-id src/legacy.env:2" "removed AWS key found in history"
expect_contains "$all" "secret/slack-bot-token src/notify.py:1" "removed Slack token found in history"
expect_eq "$(jq '[.findings[] | select(.path == "src/decoys.txt")] | length' "$json")" "0" "decoys give nothing"
commit_of() { jq -r --arg p "$1" '.findings[] | select(.path == $p) | (.properties.commit // .message)' "$json"; }
expect_contains "$(commit_of config/old.yml)" "${first:0:12}" "history finding names the introducing commit"
expect_contains "$(commit_of src/notify.py)" "${second:0:12}" "later commit attributed correctly"
expect_file "$repo/.slipway/reports/gl-secret-detection-report.json"

# No output of the run holds any planted secret in full.
leaks=0
for secret in "${planted[@]}"; do
  if grep -rqF -- "$secret" "$repo/.slipway" "$TEST_TMP/stdout" "$TEST_TMP/stderr"; then
    leaks=$((leaks + 1)); echo "leaked: ${secret:0:4}..." >&2
  fi
done
expect_eq "$leaks" "0" "no planted secret appears in any report, log or console line"
expect_contains "$out" "${aws:0:4}…" "the console shows the redacted form"

# A baseline accepts today's secrets; an inline ignore suppresses one.
run_slipway scan --secrets --all -C "$repo" --write-baseline --format json
run_slipway scan --secrets --all -C "$repo" --format json
expect_status 0 "baselined secrets no longer fail"
printf 'other = "%s"  # slipway-ignore[secret/github-pat]\n' "$ghp" > "$repo/src/ignored.js"
run_slipway scan --secrets --all -C "$repo" --format json
expect_eq "$(jq '[.findings[] | select(.path == "src/ignored.js")] | length' "$json")" "0" "inline ignore"
finish
