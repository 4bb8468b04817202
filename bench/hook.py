#!/usr/bin/env python3
"""A pre-commit hook's run: claimlint on the one article a commit changed, as a whole process.

    python bench/hook.py              # 9 runs each (median quoted)
    python bench/hook.py --runs 5

A 1,500-word Markdown article from the seeded corpus (bench/generate.py) sits in a library of
100 articles with a .claimlint.yaml; before every timed run one sentence of it changes, so the
results cache never holds it. Three figures: the cache off (`--no-cache`), the cache on with a
warm cache folder (the parsed rule packs and compiled expressions kept from earlier runs: a
hook's usual case), and the same through `--diff HEAD` in a git work tree (git is run too).
Each is the median of whole-process wall times (interpreter start-up, imports, spaCy, checking,
printing) measured by bench/run.py's harness.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import run as harness  # noqa: E402

TODAY = "2026-11-24"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--work", type=Path, default=Path("/tmp/claimlint-bench"))
    a = ap.parse_args()
    claimlint = harness.tool("claimlint")
    library = a.work / "hook-library"
    shutil.rmtree(library, ignore_errors=True)
    shutil.copytree(harness.corpus(a.work, 100, 8), library, ignore=shutil.ignore_patterns(".stamp"))
    single = harness.corpus(a.work, 1, 8, name="single-1500", min_words=1500, max_words=1500, formats=("md",))
    article = library / "changed.md"
    shutil.copy(next(single.glob("*.md")), article)
    (library / ".claimlint.yaml").write_text(f"today: {TODAY}\nextend-exclude: [.cache/]\n", encoding="utf-8")
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=library, check=True)
    subprocess.run([*git, "add", "."], cwd=library, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "library"], cwd=library, check=True)
    original = article.read_text(encoding="utf-8")
    counter = [0]

    def change():
        counter[0] += 1
        article.write_text(original + f"\nA sentence added for run {counter[0]}.\n", encoding="utf-8")

    cache = library / ".cache"
    subprocess.run([claimlint, "--cache-dir", str(cache), "-q", "."], cwd=library, capture_output=True)
    rows = []
    for label, args in (("cache off", ["--no-cache", "changed.md"]),
                        ("cache on (warm folder, the article changed)", ["--cache-dir", str(cache), "changed.md"]),
                        ("cache on, --diff HEAD", ["--cache-dir", str(cache), "--diff", "HEAD", "changed.md"])):
        m = harness.measure([claimlint, "-q", *args], a.runs, a.warmup, before=change, cwd=library)
        rows.append((label, m))
        print(f"{label}: {harness.fmt_s(m['wall'])} (min {m['min']:.2f}, max {m['max']:.2f})", file=sys.stderr)
    words = len(original.split())
    print(f"\nOne changed {words:,}-word article in a 100-article library, median of {a.runs} runs after "
          f"{a.warmup} warm-up:\n")
    print("| run | wall (median) | min | max | peak RSS, all processes |")
    print("|---|---|---|---|---|")
    for label, m in rows:
        print(f"| {label} | {harness.fmt_s(m['wall'])} | {m['min']:.2f} s | {m['max']:.2f} s | {m['rss_tree']:.0f} MiB |")


if __name__ == "__main__":
    main()
