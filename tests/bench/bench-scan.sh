#!/usr/bin/env bash
# Secret-scan benchmarks (issue #4, acceptance 6), run at the end of `make bench`:
#  (a) `slipway scan --secrets --all` over a generated working tree of
#      $BENCH_SCAN_MB MiB (default 1024), against ripgrep running the same
#      patterns and secretlint (npm) with its recommended preset, on the same
#      files in the same run. Targets: faster than rg; at least 20x faster
#      than secretlint.
#  (b) `slipway scan --secrets --history` on a generated repository of
#      $BENCH_COMMITS commits (default 10,000), against
#      `git cat-file --batch-all-objects --batch > /dev/null` reading the same
#      objects. Target: at most 2x.
#  (c) Slipway's peak RSS in both (GNU time's %M, KiB). Target: under 256 MB
#      (read as MiB).
# Each time is the median of $BENCH_RUNS runs (default 3) after a warm-up run,
# so the page cache is warm. Wall time is the figure the targets name; CPU
# time (user + system) is printed beside it because it moves less on a shared
# machine. Before a tool's time counts, its output must show every planted
# credential it is meant to find (the counts are printed); otherwise the script
# fails.
#
# "The same patterns" for rg: Slipway cannot print its rules, so the patterns
# are read from the rule tables themselves (core/stages/scan/secrets/
# builtin_rules_*.cpp): every `RuleSpec{...}` row's fourth field (its raw string
# literals and the one #define it uses, concatenated), with the {assign}/{end}/…
# shorthands expanded from the table in builtin_rules.cpp, and `(?i:…)` around
# the rules marked case-insensitive. That is what the binary compiles, read by
# a small Python tokenizer rather than by C++; the count is checked against the
# rule list in docs/scan-secrets.md. rg needs no rewriting of them (Rust's regex
# syntax accepts every pattern), and runs with -U because some patterns span
# lines (PEM keys), as Vectorscan's do. rg applies no entropy, keyword or
# allowlist gate, so it prints more matches than Slipway reports findings.
#
# Usage: bench-scan.sh PATH/TO/slipway. Inputs are cached in $BENCH_DIR/scan
# when BENCH_DIR is set (generating and committing 1 GiB takes a few
# minutes); otherwise a temporary folder is used and removed (unless
# BENCH_KEEP is set).
set -euo pipefail
slipway=$(realpath "${1:?usage: bench-scan.sh PATH/TO/slipway}")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mb=${BENCH_SCAN_MB:-1024}
commits=${BENCH_COMMITS:-10000}
runs=${BENCH_RUNS:-3}
secretlint=${SECRETLINT:-$root/.tools/npm/node_modules/.bin/secretlint}
if [ -n "${BENCH_DIR:-}" ]; then
  work=$BENCH_DIR/scan
  mkdir -p "$work"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/slipway-bench-scan.XXXXXX")
  trap '[ -z "${BENCH_KEEP:-}" ] && rm -rf "$work"' EXIT
fi
for tool in rg git python3 jq /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench-scan: $tool is not installed (make test-deps)" >&2; exit 1; }
done
[ -x "$secretlint" ] || {
  echo "bench-scan: secretlint not found at $secretlint (npm install secretlint@13.0.6 @secretlint/secretlint-rule-preset-recommend@13.1.0 into .tools/npm, or set SECRETLINT)" >&2
  exit 1
}
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com
out=$work/out
mkdir -p "$out"

# --- inputs ---------------------------------------------------------------

tree=$work/tree-${mb}mb
if [ ! -f "$tree.done" ]; then
  rm -rf "$tree"
  echo "bench-scan: generating a ${mb} MiB tree in $tree ..." >&2
  python3 "$here/generate_scan_tree.py" tree "$tree" "$mb" "$tree.planted"
  git -C "$tree" init -q -b main
  git -C "$tree" add -A
  git -C "$tree" commit -qm "generated tree"
  touch "$tree.done"
fi

history=$work/history-$commits
if [ ! -f "$history.done" ]; then
  rm -rf "$history"
  echo "bench-scan: generating a repository of $commits commits in $history ..." >&2
  git init -q -b main "$history"
  python3 "$here/generate_scan_tree.py" history "$commits" "$history.planted" |
    git -C "$history" fast-import --quiet --export-marks="$history.marks"
  touch "$history.done"
fi

# rg's pattern file, from the rule tables (see the top of this file).
patterns=$out/rg-patterns.txt
python3 - "$root/core/stages/scan/secrets" >"$patterns" <<'PY'
import pathlib, re, sys

folder = pathlib.Path(sys.argv[1])
TOKEN = re.compile(r'''R"(?P<d>[^(\s]*)\((?P<raw>.*?)\)(?P=d)"|"(?P<str>(?:[^"\\]|\\.)*)"'''
                   r'''|(?P<id>[A-Za-z_]\w*)|(?P<num>[0-9.]+)|(?P<p>[{},])|//[^\n]*|\s+''', re.S)

def initializer_fields(text, start, macros):
    """The comma-separated fields of the brace initializer opening at text[start]."""
    fields, field, depth, pos = [], [], 0, start
    while True:
        m = TOKEN.match(text, pos)
        if not m:
            sys.exit(f"bench-scan: cannot read the rule table near {text[pos:pos + 40]!r}")
        pos = m.end()
        if m.group("raw") is not None:
            field.append(("s", m.group("raw")))
        elif m.group("str") is not None:
            field.append(("s", m.group("str")))  # descriptions; patterns are raw strings
        elif m.group("id"):
            field.append(macros.get(m.group("id"), ("id", m.group("id"))))
        elif m.group("p") == "{":
            depth += 1
            if depth > 1:
                field.append(("p", "{"))
        elif m.group("p") == "}":
            depth -= 1
            if depth == 0:
                return fields + [field]
            field.append(("p", "}"))
        elif m.group("p") == "," and depth == 1:
            fields.append(field)
            field = []
        elif m.group("num"):
            field.append(("num", m.group("num")))

def literal(field):
    return "".join(value for kind, value in field if kind == "s")

macros = {}
for path in folder.glob("builtin_rules*.cpp"):
    for m in re.finditer(r'#define (\w+) R"\((.*?)\)"', path.read_text()):
        macros[m.group(1)] = ("s", m.group(2))
text = (folder / "builtin_rules.cpp").read_text()
shorthands = [initializer_fields(text, m.end() - 1, macros) for m in re.finditer(r"Shorthand\{", text)]
shorthands = [(literal(f[0]), literal(f[1])) for f in shorthands if len(f) == 2]
for path in sorted(folder.glob("builtin_rules_*.cpp")):
    text = path.read_text()
    for m in re.finditer(r"RuleSpec\{", text):
        fields = initializer_fields(text, m.end() - 1, macros)
        pattern = literal(fields[3])
        for name, expansion in shorthands:
            pattern = pattern.replace(name, expansion)
        caseless = len(fields) > 8 and fields[8] == [("id", "true")]
        print(f"(?i:{pattern})" if caseless else pattern)
PY
pattern_count=$(wc -l <"$patterns")
documented=$(grep -c '^| `secret/' "$root/docs/scan-secrets.md" || true)
if [ "$pattern_count" != "$documented" ]; then
  echo "bench-scan: read $pattern_count patterns from the rule tables, docs/scan-secrets.md lists $documented rules" >&2
  exit 1
fi
echo '{"rules": [{"id": "@secretlint/secretlint-rule-preset-recommend"}]}' >"$out/secretlintrc.json"

# --- measuring ------------------------------------------------------------

# measure NAME OK_STATUSES DIR STDOUT CMD...: runs CMD in DIR once to warm
# up, then $runs times, its output to STDOUT. Sets wall_ms and cpu_ms (the
# medians) and rss_mb (the largest peak RSS of the runs, MiB). Fails when CMD
# exits with a status not in OK_STATUSES (a space-separated list).
measure() {
  local name=$1 ok=$2 dir=$3 stdout=$4
  shift 4
  local walls=() cpus=() rss=0
  for i in $(seq 0 "$runs"); do
    local start end status=0
    start=$(date +%s%N)
    (cd "$dir" && exec /usr/bin/time -o "$out/$name.time" -f '%U %S %M' "$@" >"$stdout" 2>"$out/$name.err") || status=$?
    end=$(date +%s%N)
    if [[ " $ok " != *" $status "* ]]; then
      echo "bench-scan: $name exited with $status:" >&2
      tail -5 "$out/$name.err" >&2
      exit 1
    fi
    [ "$i" = 0 ] && continue  # the warm-up run
    walls+=($(((end - start) / 1000000)))
    read -r user sys kb < <(tail -1 "$out/$name.time")
    cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%d", (u + s) * 1000 }')")
    [ "$kb" -gt "$rss" ] && rss=$kb
  done
  wall_ms=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
  cpu_ms=$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
  rss_mb=$(((rss + 1023) / 1024))
}

# check KIND PLANTED OUTPUT ROOT [MARKS]: how many planted credentials the
# tool's output shows, as "found/expected". KIND: slipway (its JSON report:
# rule, path and line; for history also the introducing commit), rg (a
# `path:line:` output line holding the secret), secretlint (a `path:line:`
# line of --format unix; its JSON report would hold the text of every file and
# fails on 1 GB) or cat-file (the secret among the bytes read). The line is the
# one where the match starts or the secret's own line (a PEM key's BEGIN line
# comes first). ROOT is the scanned folder; MARKS the fast-import marks file
# (history). Prints the missing ones to stderr.
check() {
  python3 - "$@" <<'PY'
import json, os, sys

kind, planted_path, output, root = sys.argv[1:5]
marks_path = sys.argv[5] if len(sys.argv) > 5 else ""
planted = [line.rstrip("\n").split("\t") for line in open(planted_path)]
marks = {}
if marks_path:
    for line in open(marks_path):
        mark, sha = line.split()
        marks[mark.lstrip(":")] = sha
found, expected, missing = 0, 0, []
if kind == "slipway":
    findings = json.load(open(output))["findings"]
    at = {}
    for f in findings:
        at.setdefault((f["rule"], f["path"]), []).append(f)
elif kind == "rg":
    at = {}
    for line in open(output, errors="replace"):
        path, number, text = line.split(":", 2)
        at.setdefault(path, []).append((int(number), text))
elif kind == "secretlint":  # --format unix: /abs/path:line:column: message
    at = {}
    for line in open(output):
        if line.startswith("/"):
            path, number = line.split(":", 2)[:2]
            at.setdefault(os.path.relpath(path, root), []).append(int(number))
elif kind == "cat-file":
    data = open(output, "rb").read()
for rule, path, first, line, secret, *history in planted:
    lines = range(int(first), int(line) + 1)
    if kind == "secretlint" and rule == "secret/aws-access-key-id":
        continue  # the preset's AWS rule reports an access key ID alone only with enableIDScanRule
    expected += 1
    if kind == "slipway":
        commit = f"introduced in {marks[history[0]][:12]}" if history else ""
        hit = any(f["line"] in lines and commit in f["message"] for f in at.get((rule, path), []))
    elif kind == "rg":
        hit = any(n in lines and secret in text for n, text in at.get(path, []))
    elif kind == "secretlint":
        hit = any(n in lines for n in at.get(path, []))
    else:
        hit = secret.encode() in data
    found += hit
    if not hit:
        missing.append(f"{rule} {path}:{line}")
for m in missing:
    print(f"bench-scan: {kind} missed {m}", file=sys.stderr)
print(f"{found}/{expected}")
PY
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
verdict() { [ "$1" = 1 ] && echo "**met**" || echo "**not met**"; }
fmt() { sed -e ':a' -e 's/\B[0-9]\{3\}\>/,&/' -e 'ta' <<<"$1"; }  # 12345 -> 12,345

# --- (a) working tree ------------------------------------------------------

files=$(git -C "$tree" ls-files | wc -l)
bytes=$(cd "$tree" && git ls-files -z | xargs -0 stat -c %s | awk '{ s += $1 } END { print s }')
(cd "$tree" && git ls-files -z | xargs -0 cat >/dev/null)  # warm the page cache

measure slipway-tree "0" "$tree" /dev/null \
  "$slipway" scan --secrets --all --quiet --format json --fail-on never --output-dir "$out/slipway-tree"
sw_wall=$wall_ms sw_cpu=$cpu_ms sw_rss=$rss_mb
sw_found=$(check slipway "$tree.planted" "$out/slipway-tree/scan.json" "$tree")
sw_findings=$(jq '.findings | length' "$out/slipway-tree/scan.json")
measure rg-tree "0" "$tree" "$out/rg-tree.out" rg -U -o -n -H -f "$patterns"
rg_wall=$wall_ms rg_cpu=$cpu_ms rg_rss=$rss_mb
rg_found=$(check rg "$tree.planted" "$out/rg-tree.out" "$tree")
rg_matches=$(cut -d: -f1,2 "$out/rg-tree.out" | sort -u | wc -l)
measure secretlint-tree "0 1" "$tree" "$out/secretlint-tree.out" \
  "$secretlint" --secretlintrc "$out/secretlintrc.json" --format unix '**/*'
sl_wall=$wall_ms sl_cpu=$cpu_ms sl_rss=$rss_mb
sl_found=$(check secretlint "$tree.planted" "$out/secretlint-tree.out" "$tree")
sl_findings=$(grep -c "^$tree/" "$out/secretlint-tree.out" || true)

for found in "$sw_found" "$rg_found" "$sl_found"; do
  [ "${found%/*}" = "${found#*/}" ] || { echo "bench-scan: a tool missed planted secrets (above)" >&2; exit 1; }
done
faster_rg=$(ratio "$rg_wall" "$sw_wall")
faster_sl=$(ratio "$sl_wall" "$sw_wall")
size_mb=$((bytes / 1048576))

cat <<TABLE
| secrets in a working tree of $(fmt "$files") files, $(fmt "$size_mb") MiB ($(nproc) cores, median of $runs) | wall | CPU | peak RSS | planted found | findings |
|---|---|---|---|---|---|
| \`slipway scan --secrets --all\` | $(fmt "$sw_wall") ms | $(fmt "$sw_cpu") ms | $sw_rss MiB | $sw_found | $(fmt "$sw_findings") |
| \`rg -U -o -n -f\` (the same $pattern_count patterns) | $(fmt "$rg_wall") ms | $(fmt "$rg_cpu") ms | $rg_rss MiB | $rg_found | $(fmt "$rg_matches") matching lines |
| \`secretlint '**/*'\` (recommended preset) | $(fmt "$sl_wall") ms | $(fmt "$sl_cpu") ms | $sl_rss MiB | $sl_found | $(fmt "$sl_findings") |
| Slipway faster than rg (target > 1x) | ${faster_rg}x — $(verdict "$(awk -v r="$faster_rg" 'BEGIN { print (r > 1) }')") | $(ratio "$rg_cpu" "$sw_cpu")x | | | |
| Slipway faster than secretlint (target ≥ 20x) | ${faster_sl}x — $(verdict "$(awk -v r="$faster_sl" 'BEGIN { print (r >= 20) }')") | $(ratio "$sl_cpu" "$sw_cpu")x | | | |
TABLE

# --- (b) history -------------------------------------------------------------

objects=$(git -C "$history" cat-file --batch-all-objects --batch-check | wc -l)
blobs=$(git -C "$history" cat-file --batch-all-objects --batch-check | awk '$2 == "blob" { n++; s += $3 } END { printf "%d %d", n, s / 1048576 }')
pack_mb=$(du -sm "$history/.git/objects" | cut -f1)

measure cat-file "0" "$history" /dev/null git cat-file --batch-all-objects --batch
cf_wall=$wall_ms cf_cpu=$cpu_ms cf_rss=$rss_mb
git -C "$history" cat-file --batch-all-objects --batch >"$out/cat-file.out"  # for the check only
cf_found=$(check cat-file "$history.planted" "$out/cat-file.out" "$history")
rm -f "$out/cat-file.out"
# The repository is not checked out: the working-tree part of the scan has no files.
measure slipway-history "0" "$history" /dev/null \
  "$slipway" scan --secrets --history --all --quiet --format json --fail-on never --output-dir "$out/slipway-history"
sh_wall=$wall_ms sh_cpu=$cpu_ms sh_rss=$rss_mb
sh_found=$(check slipway "$history.planted" "$out/slipway-history/scan.json" "$history" "$history.marks")
sh_findings=$(jq '.findings | length' "$out/slipway-history/scan.json")
for found in "$sh_found" "$cf_found"; do
  [ "${found%/*}" = "${found#*/}" ] || { echo "bench-scan: a tool missed planted secrets (above)" >&2; exit 1; }
done
times_cf=$(ratio "$sh_wall" "$cf_wall")

cat <<TABLE

| secrets in the history of $(fmt "$commits") commits ($(fmt "$objects") objects, $(fmt "${blobs% *}") blobs of $(fmt "${blobs#* }") MiB, pack $pack_mb MiB; median of $runs) | wall | CPU | peak RSS | planted found |
|---|---|---|---|---|
| \`git cat-file --batch-all-objects --batch > /dev/null\` | $(fmt "$cf_wall") ms | $(fmt "$cf_cpu") ms | $cf_rss MiB | $cf_found (bytes read) |
| \`slipway scan --secrets --history --all\` | $(fmt "$sh_wall") ms | $(fmt "$sh_cpu") ms | $sh_rss MiB | $sh_found with commit ($sh_findings findings) |
| Slipway / cat-file (target ≤ 2x) | ${times_cf}x — $(verdict "$(awk -v r="$times_cf" 'BEGIN { print (r <= 2) }')") | $(ratio "$sh_cpu" "$cf_cpu")x | | |

| Slipway's peak RSS (target < 256 MiB) | |
|---|---|
| working tree | $sw_rss MiB — $(verdict "$((sw_rss < 256))") |
| history | $sh_rss MiB — $(verdict "$((sh_rss < 256))") |
TABLE
