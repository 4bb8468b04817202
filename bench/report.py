#!/usr/bin/env python3
"""What `claimlint report` costs over a plain run of the same articles, as whole processes.

    python bench/report.py                     # 1,000 articles, 5 rounds
    python bench/report.py --count 300 --runs 3
    python bench/report.py --screenshot docs/report.png   # also photograph the page (needs Chromium)

The seeded corpus (bench/generate.py, as bench/run.py makes it) is laid out as a library with
one folder per topic. Each round runs, in alternating order, a plain run (`claimlint --no-cache
-q`) and a report run (`claimlint report --no-cache -o report.html`), both over the same folder
with the same `--today`; the figures are the medians of whole-process wall times and their ratio
(the report issue asks for under 1.5).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import run as harness  # noqa: E402

TODAY = "2026-11-24"


def library(work: Path, count: int, seed: int) -> Path:
    """The corpus's articles in one folder per topic (`00012-menopause.md` → `menopause/`)."""
    flat = harness.corpus(work, count, seed)
    lib = work / f"library-{count}"
    if not lib.is_dir() or sum(1 for _ in lib.rglob("*.*")) != count:
        shutil.rmtree(lib, ignore_errors=True)
        for article in sorted(flat.iterdir()):
            topic = article.stem.split("-", 1)[1] if "-" in article.stem else "other"
            (lib / topic).mkdir(parents=True, exist_ok=True)
            shutil.copy(article, lib / topic / article.name)
    return lib


def screenshot(page: Path, target: Path) -> None:
    from playwright.sync_api import sync_playwright
    exe = os.environ.get("CLAIMLINT_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        sys.exit("no Chromium found (apt-get install chromium, or set CLAIMLINT_CHROMIUM)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"])
        tab = browser.new_page(viewport={"width": 1280, "height": 1500})
        tab.goto(page.as_uri())
        tab.screenshot(path=str(target))
        browser.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=1000, help="articles in the library")
    ap.add_argument("--runs", type=int, default=5, help="rounds (each: one plain run, one report run)")
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--work", type=Path, default=Path("/tmp/claimlint-bench"))
    ap.add_argument("--cmd", default=None, help="the claimlint command (default: the one on PATH)")
    ap.add_argument("--screenshot", type=Path, default=None, help="save a PNG of the report's first screen here")
    args = ap.parse_args()

    lib = library(args.work, args.count, args.seed)
    cmd = (args.cmd.split() if args.cmd else [harness.tool("claimlint") or sys.exit("claimlint is not on PATH")])
    out = args.work / "report.html"
    plain = [*cmd, "--no-cache", "-q", "--today", TODAY, str(lib)]
    report = [*cmd, "report", "--no-cache", "--today", TODAY, str(lib), "-o", str(out)]
    times: dict[str, list[float]] = {"plain": [], "report": []}
    harness.run_once(plain)  # warm the file system and the interpreter's files
    for i in range(args.runs):
        order = (("plain", plain), ("report", report)) if i % 2 == 0 else (("report", report), ("plain", plain))
        for name, command in order:
            times[name].append(harness.run_once(command)["wall"])
    p, r = statistics.median(times["plain"]), statistics.median(times["report"])
    ratios = sorted(b / a for a, b in zip(times["plain"], times["report"]))
    print(f"library: {args.count} articles in {sum(1 for d in lib.iterdir() if d.is_dir())} folders ({lib})")
    print(f"plain run (--no-cache -q):     median {p:.2f} s  ({', '.join(f'{t:.2f}' for t in times['plain'])})")
    print(f"report run (report --no-cache): median {r:.2f} s  ({', '.join(f'{t:.2f}' for t in times['report'])})")
    print(f"report / plain: {r / p:.3f} (per round: {ratios[0]:.3f}–{ratios[-1]:.3f}); "
          f"page: {out.stat().st_size / 2**20:.1f} MB")
    if args.screenshot is not None:
        screenshot(out, args.screenshot)
        print(f"screenshot: {args.screenshot}")


if __name__ == "__main__":
    main()
