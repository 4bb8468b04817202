#!/usr/bin/env python3
"""Is checking linear in an article's size? Whole-process times for inputs built to be hard, at
sizes that double, and every built-in pattern timed on adversarial text at two lengths.

    python bench/linear.py             # sizes 1x, 2x, 4x of each input; 3 runs each (median)
    python bench/linear.py --runs 5

The first table gives, for each input, seconds at each size and the ratio of the largest to the
smallest: 4 would be linear (the fixed start-up of about half a second pulls it lower). The
second gives the patterns whose time on 4x the text is more than 6x their time on 1x.
"""
from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import run as harness  # noqa: E402

CLAIM = "Zinc lozenges cure a cold overnight.\n"
INPUTS = {  # name -> (extension, text for a size unit n)
    "percentages in one sentence": ("md", lambda n: "# R\n\n" + "1% " * (3000 * n)),
    "one hard-wrapped paragraph": ("txt", lambda n: "Zinc lozenges cure a cold overnight and\n" * (10_000 * n)),
    "claims, one per line": ("md", lambda n: CLAIM * (10_000 * n)),
    "nested lists in HTML": ("html", lambda n: "<ul>" + "<li><ul>" * (5000 * n) + "x" + "</ul></li>" * (5000 * n)),
    "nested divs": ("html", lambda n: "<div>" * (10_000 * n) + "<p>" + CLAIM + "</p>" + "</div>" * (10_000 * n)),
    "unclosed links": ("html", lambda n: "<p>" + "<a href=" * (5000 * n) + "</p>"),
    "deep Markdown lists": ("md", lambda n: "- " * 150 + "x\n\n" + CLAIM * (2000 * n)),
}
ADVERSARIAL = ["a " * 2000, "1% " * 1000, "1, " * 1500, "(" * 2000, "[" * 2000, "\u201c" * 2000, "- " * 2000,
               "word" * 1000, "cure " * 800, "safe, " * 700, "7 in 10 " * 400, ". " * 2000, "http://" * 500]


def time_inputs(runs: int, tool: str) -> list[str]:
    rows = ["| input | 1x | 2x | 4x | 4x / 1x |", "|---|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as work:
        for name, (ext, make) in INPUTS.items():
            times = []
            for n in (1, 2, 4):
                path = Path(work) / f"input.{ext}"
                path.write_text(make(n), encoding="utf-8")
                m = harness.measure([tool, "--no-cache", "--today", "2026-11-24", "-q", str(path)], runs, 0)
                times.append(m["wall"])
            rows.append(f"| {name} | " + " | ".join(f"{t:.2f} s" for t in times) + f" | {times[2] / times[0]:.1f} |")
    return rows


def time_patterns() -> list[str]:
    from claimlint.rulepacks import load_rules

    slow = []
    for rule in load_rules():
        for pattern in _patterns(rule.options):
            try:
                rx = re.compile(pattern, re.I)
            except re.error:
                continue
            for text in ADVERSARIAL:
                t1 = _time(rx, text)
                t4 = _time(rx, text * 4)
                if t4 > 0.002 and t4 / max(t1, 1e-6) > 6:
                    slow.append(f"| {rule.code} | `{pattern[:60]}` | {text[:12]!r} | {t1 * 1000:.1f} ms | {t4 * 1000:.1f} ms |")
    return (["| rule | pattern | input | 1x | 4x |", "|---|---|---|---|---|"] + slow) if slow else \
        ["Every built-in pattern stayed within 6x of its time on 4x the adversarial text."]


def _patterns(value):
    if isinstance(value, str) and len(value) > 3:
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _patterns(v)
    elif isinstance(value, list):
        for v in value:
            yield from _patterns(v)


def _time(rx, text) -> float:
    samples = []
    for _ in range(3):
        t = time.perf_counter()
        for _ in rx.finditer(text):
            pass
        samples.append(time.perf_counter() - t)
    return statistics.median(samples)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    tool = harness.tool("claimlint")
    print("\n".join(time_inputs(a.runs, tool)))
    print()
    print("\n".join(time_patterns()))


if __name__ == "__main__":
    main()
