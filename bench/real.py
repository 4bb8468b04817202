#!/usr/bin/env python3
"""The claim rules on real published text (tests/real/), per split, the locked split first.

    python bench/real.py                    # locked, dev, train: overall and per rule
    python bench/real.py --splits dev,train --show    # list what went wrong (never on locked)
    python bench/real.py --record           # also append the locked figure to bench/locked-results.md

The corpus and its splits are described in tests/real/README.md. The locked split is measured
once per session, before that session changes claim detection (and once more at the end of a
session that changed it, for its final commit), and the figure is recorded with the date and
commit (`--record`); its false positives and negatives are never listed (`--show`
refuses it), so it cannot be read to find what to fix. Scoring is bench/accuracy.py's.
"""
from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from accuracy import CLAIM_RULES, evaluate  # noqa: E402

ROOT = HERE.parent / "tests" / "real"
RESULTS = HERE / "locked-results.md"
SPLITS = ("locked", "dev", "train")


def _row(name: str, s: dict) -> str:
    return (f"{name:<30}{s['tp']:>5}{s['fp']:>5}{s['fn']:>5}{s['precision']:>11.3f}{s['recall']:>8.3f}"
            f"{s['f1']:>7.3f}")


def describe(split: str, result: dict) -> list[str]:
    lines = [f"== {split}: {result['articles']} articles "
             f"({', '.join(f'{k} {v}' for k, v in result['by_format'].items())}), "
             f"{result['expected']} labelled claims",
             f"{'':<30}{'TP':>5}{'FP':>5}{'FN':>5}{'precision':>11}{'recall':>8}{'F1':>7}"]
    lines += [_row(rule, s) for rule, s in result["rules"].items()]
    lines.append(_row("overall", result["overall"]))
    lines.append(_row("overall, strict", result["strict"]))
    lines.append(f"(strict: a second finding in a sentence that holds a labelled claim counts as a false "
                 f"positive; {result['same_sentence_extras']} such, {result['unsettled_findings']} findings on "
                 f"spans the labels leave open, {len(result['errors'])} files not checked)")
    return lines


def commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=HERE,
                             check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "src", "rules"], capture_output=True,
                               text=True, cwd=HERE).stdout.strip()
        return out + ("+changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def record(result: dict, note: str) -> None:
    o, s = result["overall"], result["strict"]
    if not RESULTS.exists():
        RESULTS.write_text(
            "# The claim rules on the locked split of real text\n\n"
            "One line per measurement: once per session, before that session changes claim detection\n"
            "(`python bench/real.py --record`). The split is never read to find what to fix.\n\n"
            "| date | commit | articles | labelled claims | precision | recall | F1 | strict precision | note |\n"
            "|---|---|---|---|---|---|---|---|---|\n", encoding="utf-8")
    with RESULTS.open("a", encoding="utf-8") as fh:
        fh.write(f"| {dt.date.today().isoformat()} | {commit()} | {result['articles']} | {result['expected']} | "
                 f"{o['precision']:.3f} | {o['recall']:.3f} | {o['f1']:.3f} | {s['precision']:.3f} | {note} |\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--splits", default=",".join(SPLITS), help="which splits, in order (default: locked,dev,train)")
    ap.add_argument("--cmd", default=None, help="the command that runs claimlint")
    ap.add_argument("--show", action="store_true", help="list false positives and negatives (not for locked)")
    ap.add_argument("--record", action="store_true", help="append the locked split's figure to " + RESULTS.name)
    ap.add_argument("--note", default="", help="a note for the recorded line")
    args = ap.parse_args()
    splits = [s.strip() for s in args.splits.split(",") if s.strip()]
    if args.show and "locked" in splits:
        ap.error("--show lists what went wrong: not on the locked split (give --splits dev,train)")
    if args.record and "locked" not in splits:
        ap.error("--record records the locked split: include it in --splits")
    from accuracy import format_report
    for split in splits:
        folder = ROOT / split
        if not folder.is_dir():
            ap.error(f"{folder}: no such split")
        result = evaluate(folder, args.cmd, CLAIM_RULES)
        print("\n".join(describe(split, result)))
        if args.show:
            print(format_report(result, True).split("\n\n", 2)[-1])
        if split == "locked" and args.record:
            record(result, args.note)
            print(f"(recorded in {RESULTS})")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
