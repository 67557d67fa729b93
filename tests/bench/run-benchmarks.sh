#!/usr/bin/env bash
# Lint benchmarks (docs/benchmarks.md), run by `make bench`:
#  1. `slipway lint --all` over a generated repository of 20,000 files
#     (~200 MB), against simply reading the same files (`cat` to /dev/null),
#     measured in the same run with a warm page cache. Target: within 3x.
#  2. `slipway lint` with nothing changed (a clone whose branch equals its
#     upstream). Target: under 50 ms.
#  3. shellcheck over 2,000 scripts: slipway vs xargs -P 2 vs pre-commit
#     (bench-shellcheck.sh).
# Each measurement is the median of 5 runs. Prints Markdown tables.
set -euo pipefail
slipway=$(realpath "${1:?usage: run-benchmarks.sh PATH/TO/slipway}")
# The timing functions cd into the repository, so the scripts beside this one
# are found by absolute path.
here=$(cd "$(dirname "$0")" && pwd)
work=${BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/slipway-bench.XXXXXX")}
files=${BENCH_FILES:-20000}
runs=${BENCH_RUNS:-5}
trap '[ -z "${BENCH_KEEP:-}" ] && rm -rf "$work"' EXIT
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com

repo=$work/repo
if [ ! -d "$repo/.git" ]; then
  echo "generating $files files in $repo ..." >&2
  python3 "$here/generate_tree.py" "$repo" "$files"
  git -C "$repo" init -q -b main
  git -C "$repo" add -A
  git -C "$repo" commit -qm "generated tree"
fi
clone=$work/clone
# file:// makes a packed clone, as CI checkouts are (a local path would hard-link loose objects).
[ -d "$clone/.git" ] || git clone -q "file://$repo" "$clone"

# median_ms CMD...: runs CMD $runs times, prints the median wall time in ms.
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

cat_all() { cd "$repo" && git ls-files -z | xargs -0 cat >/dev/null; }
lint_all() { "$slipway" lint --all -C "$repo" --quiet --format json --fail-on never; }
lint_unchanged() { "$slipway" lint -C "$clone" --quiet --format console; }

cat_all  # warm the page cache
size=$(du -sm --exclude=.git "$repo" | cut -f1)
t_cat=$(median_ms cat_all)
t_lint=$(median_ms lint_all)
t_unchanged=$(median_ms lint_unchanged)
ratio=$(awk -v a="$t_lint" -v b="$t_cat" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')

cat <<TABLE
| measurement ($files files, ${size} MB, $(nproc) cores, median of $runs) | time |
|---|---|
| cat of every file to /dev/null | ${t_cat} ms |
| slipway lint --all | ${t_lint} ms (${ratio}x cat; target ≤ 3x) |
| slipway lint, nothing changed | ${t_unchanged} ms (target < 50 ms) |
TABLE

echo
bash "$here/bench-shellcheck.sh" "$slipway"
echo; bash "$here/bench-scan.sh" "$slipway"
