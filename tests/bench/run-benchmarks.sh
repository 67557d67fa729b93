#!/usr/bin/env bash
# Lint benchmarks (docs/benchmarks.md), run by `make bench`:
#  1. `slipway lint --all` over a generated repository of 20,000 files
#     (~200 MB), against simply reading the same files (`cat` to /dev/null),
#     measured in the same run with a warm page cache. Target: within 3x.
#  2. `slipway lint` with nothing changed (a clone whose branch equals its
#     upstream). Target: under 50 ms. Measured twice: as every run after the
#     first one finds it (the index snapshot in .git/slipway is there), and as
#     the first run in a fresh clone (the snapshot removed before each run);
#     `git status` on the same clone in the same run, for reference.
#  3. shellcheck over 2,000 scripts: slipway vs xargs -P 2 vs pre-commit
#     (bench-shellcheck.sh).
# Each measurement is the median of 5 runs (11 for the unchanged lint, which
# is short enough to be moved by a single slow run). Prints Markdown tables.
# BENCH_ONLY=lint stops after the lint tables.
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
  local runs=${MEDIAN_RUNS:-$runs}
  for _ in $(seq "$runs"); do
    # EPOCHREALTIME (bash 5) reads the clock without starting a process,
    # which $(date) would add to every measurement.
    local start end
    start=${EPOCHREALTIME/./}
    "$@" >/dev/null 2>&1 || true
    end=${EPOCHREALTIME/./}
    times+=($(((end - start) / 1000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p"
}

cat_all() { cd "$repo" && git ls-files -z | xargs -0 cat >/dev/null; }
lint_all() { "$slipway" lint --all -C "$repo" --quiet --format json --fail-on never; }
lint_unchanged() { "$slipway" lint -C "$clone" --quiet --format console; }
lint_unchanged_first() { rm -rf "$clone/.git/slipway" && lint_unchanged; }
git_status() { git -C "$clone" status --porcelain; }

cat_all  # warm the page cache
size=$(du -sm --exclude=.git "$repo" | cut -f1)
t_cat=$(median_ms cat_all)
t_lint=$(median_ms lint_all)
lint_unchanged >/dev/null 2>&1  # leaves the index snapshot for the repeated runs
t_unchanged=$(MEDIAN_RUNS=11 median_ms lint_unchanged)
t_unchanged_first=$(MEDIAN_RUNS=11 median_ms lint_unchanged_first)
t_git_status=$(MEDIAN_RUNS=11 median_ms git_status)
lint_unchanged >/dev/null 2>&1
ratio=$(awk -v a="$t_lint" -v b="$t_cat" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')

cat <<TABLE
| measurement ($files files, ${size} MB, $(nproc) cores, median of $runs) | time |
|---|---|
| cat of every file to /dev/null | ${t_cat} ms |
| slipway lint --all | ${t_lint} ms (${ratio}x cat; target ≤ 3x) |
| slipway lint, nothing changed | ${t_unchanged} ms (target < 50 ms; median of 11) |
| the same, first run in a fresh clone (no index snapshot yet) | ${t_unchanged_first} ms (median of 11) |
| git status --porcelain on the same clone, for reference | ${t_git_status} ms (median of 11) |
TABLE

[ "${BENCH_ONLY:-}" = lint ] && exit 0
echo
bash "$here/bench-shellcheck.sh" "$slipway"
echo; bash "$here/bench-scan.sh" "$slipway"
