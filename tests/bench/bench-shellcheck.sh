#!/usr/bin/env bash
# Lint-plugin benchmark (issue #3): shellcheck over 2,000 generated shell
# scripts, three ways, same files, same run, warm cache, median of $BENCH_RUNS:
#   1. `slipway lint --all` with only the shipped shellcheck descriptor enabled;
#   2. `xargs -P 2` running shellcheck directly (batches of 200, like slipway's default);
#   3. pre-commit (Debian package) running shellcheck as a `language: system` hook.
# Targets: slipway within 1.15x of xargs -P 2, and faster than pre-commit.
# Prints a Markdown table. Usage: bench-shellcheck.sh PATH/TO/slipway
set -euo pipefail
slipway=$(realpath "${1:?usage: bench-shellcheck.sh PATH/TO/slipway}")
work=${BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/slipway-bench-sc.XXXXXX")}/shellcheck
scripts=${BENCH_SCRIPTS:-2000}
runs=${BENCH_RUNS:-5}
for tool in shellcheck pre-commit; do
  command -v "$tool" >/dev/null || { echo "bench-shellcheck: $tool is not installed (make test-deps)" >&2; exit 1; }
done
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com
export PRE_COMMIT_HOME=$work/pre-commit-home

repo=$work/repo
if [ ! -d "$repo/.git" ]; then
  mkdir -p "$repo"
  git -C "$repo" init -q -b main
  for i in $(seq 1 "$scripts"); do
    d=$repo/dir$((i % 40))
    mkdir -p "$d"
    # A realistic mix: clean lines, an unquoted variable, a useless cat.
    printf '#!/bin/bash\nset -eu\nname=${1:-world}\necho "hello $name"\nfor f in $(ls /tmp); do echo $f; done\ncat "$0" | wc -l\ncount=%d\nif [ "$count" -gt 1 ]; then echo big; fi\n' "$i" > "$d/script$i.sh"
  done
  printf 'version: 1\nfail-on: never\nlint:\n  checks: {}\n  linters:\n    shellcheck: {enabled: true}\n' > "$repo/.slipway.yml"
  cat > "$repo/.pre-commit-config.yaml" <<'YAML'
repos:
  - repo: local
    hooks:
      - id: shellcheck
        name: shellcheck
        entry: shellcheck --format=json1
        language: system
        types: [shell]
        files: \.sh$
YAML
  git -C "$repo" add -A
  git -C "$repo" commit -qm "generated scripts"
fi

median_ms() {
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p"
}

with_xargs() { cd "$repo" && git ls-files -z '*.sh' | xargs -0 -n 200 -P 2 shellcheck --format=json1; }
with_slipway() { "$slipway" lint --all -C "$repo" -j 2 --quiet --format json; }
with_precommit() { cd "$repo" && pre-commit run --all-files shellcheck; }

# Sanity: all three really ran shellcheck on every script (the counts must agree).
sc_findings=$( (cd "$repo" && git ls-files -z '*.sh' | xargs -0 -n 200 -P 2 shellcheck --format=json1 || true) | jq -s '[.[].comments[]] | length')
"$slipway" lint --all -C "$repo" -j 2 --quiet --format json >/dev/null 2>&1 || true
sw_findings=$(jq '[.findings[] | select(.tool=="shellcheck")] | length' "$repo/.slipway/reports/lint.json")
if [ "$sc_findings" != "$sw_findings" ]; then
  echo "bench-shellcheck: slipway found $sw_findings shellcheck findings, shellcheck itself $sc_findings" >&2
  exit 1
fi
with_precommit >/dev/null 2>&1 || true  # first run sets up pre-commit's cache

t_xargs=$(median_ms with_xargs)
t_slipway=$(median_ms with_slipway)
t_precommit=$(median_ms with_precommit)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

cat <<TABLE
| shellcheck over $scripts scripts ($sw_findings findings, $(nproc) cores, median of $runs) | time |
|---|---|
| xargs -n 200 -P 2 shellcheck | ${t_xargs} ms |
| slipway lint --all -j 2 (shellcheck descriptor) | ${t_slipway} ms ($(ratio "$t_slipway" "$t_xargs")x xargs; target ≤ 1.15x) |
| pre-commit run --all-files (language: system) | ${t_precommit} ms (slipway is $(ratio "$t_precommit" "$t_slipway")x faster; target > 1x) |
TABLE
