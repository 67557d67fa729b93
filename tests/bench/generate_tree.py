"""Generates a benchmark tree: N text files of ~10 KB in nested folders,
mixing source-like, YAML, JSON and Markdown files, with a few planted problems
so the checks do real work. Deterministic (seeded)."""
import os
import random
import sys

root, count = sys.argv[1], int(sys.argv[2])
rng = random.Random(42)
words = "alpha beta gamma delta slip way lint build scan deploy config value".split()
for i in range(count):
    folder = os.path.join(root, f"d{i % 50:02d}", f"s{(i // 50) % 20:02d}")
    os.makedirs(folder, exist_ok=True)
    kind = i % 4
    lines = []
    size = 0
    while size < 10_000:
        line = " ".join(rng.choice(words) for _ in range(rng.randint(4, 14)))
        if kind == 1:
            line = f"key{len(lines)}: {line}"
        elif kind == 2:
            line = f'  "k{len(lines)}": "{line}",'
        lines.append(line)
        size += len(line) + 1
    if i % 97 == 0:
        lines[3] += "   "  # trailing whitespace
    if kind == 2:
        body = "{\n" + "\n".join(lines)[:-1] + "\n}\n"
        name = f"f{i}.json"
    else:
        body = "\n".join(lines) + "\n"
        name = f"f{i}." + ("c", "yaml", "", "md")[kind]
    with open(os.path.join(folder, name), "w") as out:
        out.write(body)
