#!/usr/bin/env python3
"""claimlint's page-body scoring beside two well-kept extractors, on the real saved pages.

    pip install trafilatura readability-lxml && python bench/extractors.py [--split check]

Issue 20 asks whether to run an extractor to choose which blocks count (mapping its answer back
onto the loader's blocks, since no extractor returns source positions) or to score on the
loader's own tree. This measures both on the HTML pages of tests/pages/ with bench/pages.py's
truth: a block is the extractor's article when its text (spacing and quotes normalised) is found
in the extractor's output; claimlint's, when its kind is not furniture. Neither extractor is a
dependency of claimlint; this script skips one that is not installed.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import pages  # noqa: E402


def extractors():
    found = {}
    try:
        import trafilatura

        found["trafilatura"] = lambda html: trafilatura.extract(html, include_comments=False,
                                                                 include_tables=True) or ""
    except ImportError:
        print("trafilatura is not installed: skipped", file=sys.stderr)
    try:
        import lxml.html
        from readability import Document

        found["readability-lxml"] = lambda html: lxml.html.fromstring(Document(html).summary()).text_content()
    except ImportError:
        print("readability-lxml is not installed: skipped", file=sys.stderr)
    return found


def main(argv=None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("all", "tune", "check", "fresh"), default="all",
                    help="check: the pages claimlint's scoring was not built on (a fairer comparison)")
    args = ap.parse_args(argv)
    entries = [e for e in yaml.safe_load((pages.ROOT / "pages.yaml").read_text(encoding="utf-8"))
               if e["file"].endswith((".html", ".htm")) and args.split in ("all", e.get("split"))]
    tools = extractors()
    counts = {name: [0, 0, 0, 0.0] for name in ["claimlint", *tools]}  # tp, fp, fn, seconds
    for e in entries:
        path = pages.ROOT / e["file"]
        html = path.read_text(encoding="utf-8")
        t = time.perf_counter()
        page = pages.Page(path, e)
        counts["claimlint"][3] += time.perf_counter() - t
        truth, _missing = page.truth()
        outputs = {}
        for name, run in tools.items():
            t = time.perf_counter()
            try:
                outputs[name] = pages.norm(run(html))
            except Exception as exc:  # an extractor that fails on a page keeps nothing of it
                print(f"{name} failed on {e['file']}: {exc}", file=sys.stderr)
                outputs[name] = ""
            counts[name][3] += time.perf_counter() - t
        for block, t_ in zip(page.blocks, truth):
            if t_ is None:
                continue
            said = {"claimlint": block.kind not in pages.FURNITURE}
            text = pages.norm(block.text)
            for name, out in outputs.items():
                said[name] = bool(text) and text in out
            for name, s in said.items():
                c = counts[name]
                c[0] += s and t_
                c[1] += s and not t_
                c[2] += (not s) and t_
    print(f"{args.split}: {len(entries)} saved HTML pages from {len({e['site'] for e in entries})} sites, per block:")
    print(f"{'':<18}{'precision':>10}{'recall':>8}{'F1':>7}{'seconds':>9}")
    for name, (tp, fp, fn, secs) in counts.items():
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{name:<18}{p:>10.3f}{r:>8.3f}{f:>7.3f}{secs:>9.2f}")
    print("(claimlint's seconds include its whole HTML load; the extractors' only their extraction)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
