#!/usr/bin/env python3
"""Real saved pages and templated sources (tests/pages/): is the article told from the furniture?

    python bench/pages.py                          # the figures, all pages
    python bench/pages.py --split check            # the pages kept for checking, never tuned on
    python bench/pages.py --split tune --show      # also every block and finding scored wrong

Each page's expectation (tests/pages/pages.yaml, written by collectors who never saw claimlint)
quotes the article's first and last words, the furniture inside it, the byline/date lines and
the page's own reviewer, date and disclaimer. From that, per block of claimlint's loader:

- **article body**: a block is the article when it lies between the first and last quotes and
  holds no furniture quote; claimlint says so when its kind is not furniture (boilerplate,
  card). Titles from <head> and byline/meta lines are not scored. Precision and recall per block.
- **findings in furniture**: claim, unfinished-sentence, punctuation and link findings whose
  block is furniture by the expectation (there should be none).
- **unfinished-sentence false alarms**: findings of CL401 not on a quoted cut-off, per 10 pages.
  A file the collector trimmed (`trimmed: true`: an excerpt of the page, cut after some blocks)
  ends where the trim cut it, often on a lead-in colon whose list was cut away; a CL401 finding
  on that last article block is the trim's doing, not the page's, and is counted apart ("at a
  trimmed end"), neither as a false alarm nor as a cut-off found.
- **required elements**: for reviewer, date and disclaimer, whether claimlint's missing-* rule
  agrees with the expectation (present or not), per call.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
ROOT = HERE.parent / "tests" / "pages"
FURNITURE = {"boilerplate", "card"}
UNSCORED = {"title", "byline"}
CHECKED_IN_FURNITURE = {"CL201", "CL202", "CL203", "CL401", "CL402", "CL502"}
REQUIRED = {"reviewer": "CL101", "date": "CL102", "disclaimer": "CL103"}


def norm(text: str) -> str:
    """Text as the collectors quoted it: spacing collapsed, typographic quotes and dashes plain."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u00a0", " ")
    return " ".join(text.split()).lower()


def load_blocks(path: Path):
    from claimlint.loaders import format_for, load, read

    return load(str(path), read(str(path)), format_for(str(path))).blocks


class Page:
    """One page's blocks, laid end to end so a quote spanning blocks is found too."""

    def __init__(self, path: Path, expect: dict):
        self.path, self.expect = path, expect
        self.blocks = load_blocks(path)
        self.text, self.starts = "", []
        for b in self.blocks:
            self.starts.append(len(self.text))
            self.text += norm(b.text) + " \n "

    def block_at(self, pos: int) -> int:
        import bisect

        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def find(self, quote: str | None, start: int = 0) -> tuple[int, int] | None:
        """(first block, last block) of the first occurrence of the quote at or after `start`
        (a position in `text`); a quote may run across blocks. None when it is not there."""
        if not quote:
            return None
        q = norm(quote)
        i = self.text.find(q, start)
        if i < 0:  # quoted across blocks: compare with the joins taken out
            flat, where = [], []
            for k, ch in enumerate(self.text[start:], start):
                if ch == "\n":
                    continue
                if ch == " " and flat and flat[-1] == " ":
                    continue
                flat.append(ch)
                where.append(k)
            j = "".join(flat).find(q)
            if j < 0:
                return None
            return self.block_at(where[j]), self.block_at(where[j + len(q) - 1])
        return self.block_at(i), self.block_at(i + len(q) - 1)

    def tightest(self, first_quote, last_quote):
        """The article's first and last block spans: a short headline ("Type 2 diabetes") also
        stands in the page's <title>, menus and sentences, so the occurrence of the first quote
        taken is the last one before the last quote that begins a block (any, when none does);
        blocks of kind title never start the article."""
        starts = []
        pos = 0
        while first_quote:
            span = self.find(first_quote, pos)
            if span is None:
                break
            if self.blocks[span[0]].kind != "title":
                starts.append(span)
            if span[0] + 1 >= len(self.starts):
                break
            pos = self.starts[span[0] + 1]
        if not starts:
            return None, None
        last = self.find(last_quote, self.starts[starts[0][0]]) if last_quote else None
        if last is None:
            return starts[0], None
        before = [s for s in starts if s[0] <= last[0]]
        at_block_start = [s for s in before if norm(self.blocks[s[0]].text).startswith(norm(first_quote))]
        return (at_block_start or before)[-1], last

    def truth(self) -> tuple[list[bool | None], list[str]]:
        """Per block: True article, False furniture, None not scored; and quotes not found."""
        art = self.expect.get("article") or {}
        missing = []
        n = len(self.blocks)
        truth: list[bool | None] = [False] * n
        first, last = self.tightest(art.get("first"), art.get("last"))
        if art.get("first") and first is None:
            missing.append("first: " + art["first"])
        elif art.get("last") and last is None:
            missing.append("last: " + art["last"])
        if first is not None and last is not None:
            for i in range(first[0], last[1] + 1):
                truth[i] = True
        for key, value in (("furniture_inside", False), ("meta_inside", None)):
            for quote in art.get(key) or []:
                span = self.find(quote)
                if span is None:
                    missing.append(f"{key}: {quote}")
                    continue
                for i in range(span[0], span[1] + 1):
                    if truth[i] is not False:
                        truth[i] = value
        for i, b in enumerate(self.blocks):
            if b.kind in UNSCORED:
                truth[i] = None
        return truth, missing


def findings(root: Path) -> dict[str, list[dict]]:
    """claimlint's findings on every file under `root`, by real path (bench/accuracy.py runs it)."""
    from accuracy import findings_by_path, run_claimlint

    cmd = [sys.executable, "-m", "claimlint", "--isolated", "--no-cache"]
    return findings_by_path(run_claimlint(root, cmd))


def block_of_offset(blocks, offset: int) -> int | None:
    for i, b in enumerate(blocks):
        for p in b.pieces:
            if p.src_start <= offset < p.src_start + max(p.src_len, 1):
                return i
    return None


def evaluate(split: str | None = None, root: Path = ROOT) -> dict:
    """The figures over the pages of `split` (tune, check; None for all)."""
    entries = [e for e in yaml.safe_load((root / "pages.yaml").read_text(encoding="utf-8"))
               if split is None or e.get("split") == split]
    paths = [root / e["file"] for e in entries]
    found = findings(root)
    tp = fp = fn = 0
    in_furniture, unfinished_false, at_trim, required_right, required_calls = [], [], [], 0, 0
    missing_quotes, wrong_required, wrong_blocks = [], [], []
    for e, path in zip(entries, paths):
        page = Page(path, e)
        truth, missing = page.truth()
        missing_quotes += [f"{e['file']}: {m}" for m in missing]
        for i, (b, t) in enumerate(zip(page.blocks, truth)):
            if t is None:
                continue
            said = b.kind not in FURNITURE
            tp += said and t
            fp += said and not t
            fn += (not said) and t
            if said != t:
                wrong_blocks.append(f"{e['file']}: {'kept' if said else 'dropped'} {b.kind}: {b.text[:90]!r}")
        mine = found.get(os.path.realpath(path), [])
        source = path.read_text(encoding="utf-8-sig")
        line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", source)]
        cut = [norm(q) for q in e.get("cut_off") or []]
        last_article = max((i for i, v in enumerate(truth) if v), default=None) if e.get("trimmed") else None
        for f in mine:
            offset = line_starts[f["line"] - 1] + f["column"] - 1
            bi = block_of_offset(page.blocks, offset) if f.get("scope") != "document" else None
            if f["code"] in CHECKED_IN_FURNITURE and bi is not None and truth[bi] is False:
                in_furniture.append(f"{e['file']}:{f['line']}: {f['code']} {f['text'][:70]!r}")
            if f["code"] == "CL401" and not any(norm(f["text"]) in c or c in norm(page.blocks[bi].text if bi is not None else "")
                                                for c in cut):
                where = f"{e['file']}:{f['line']}: {f['text'][:70]!r}"
                (at_trim if bi is not None and bi == last_article else unfinished_false).append(where)
        codes = {f["code"] for f in mine}
        for element, code in REQUIRED.items():
            expected_present = bool(e.get(element))
            said_present = code not in codes
            required_calls += 1
            if expected_present == said_present:
                required_right += 1
            else:
                wrong_required.append(f"{e['file']}: {element} expected {'present' if expected_present else 'missing'}"
                                      f" ({e.get(element)!r}), claimlint says {'present' if said_present else 'missing'}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    result = {
        "pages": len(entries), "sites": len({e["site"] for e in entries}),
        "html_pages": sum(1 for e in entries if e["file"].endswith((".html", ".htm"))),
        "body_precision": precision, "body_recall": recall, "blocks": tp + fp + fn,
        "findings_in_furniture": in_furniture, "unfinished_false": unfinished_false, "unfinished_at_trim": at_trim,
        "unfinished_per_10_pages": 10 * len(unfinished_false) / max(1, len(entries)),
        "required_accuracy": required_right / max(1, required_calls), "required_calls": required_calls,
        "wrong_required": wrong_required, "missing_quotes": missing_quotes, "wrong_blocks": wrong_blocks,
    }
    return result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true", help="list every block and finding scored wrong (tune split only)")
    ap.add_argument("--split", choices=("all", "tune", "check", "fresh"), default="all",
                    help="the pages measured: tune (read to build the scoring), check and fresh (measured before "
                         "anything was changed for it), or all")
    args = ap.parse_args(argv)
    if args.show and args.split != "tune":
        ap.error("--show lists what went wrong only on the tune split")
    r = evaluate(None if args.split == "all" else args.split)
    print(f"{args.split}: {r['pages']} pages ({r['html_pages']} HTML) from {r['sites']} sites")
    print(f"article body, per block: precision {r['body_precision']:.3f}  recall {r['body_recall']:.3f}")
    print(f"claim/unfinished/punctuation/link findings in furniture: {len(r['findings_in_furniture'])}")
    print(f"unfinished-sentence false alarms: {len(r['unfinished_false'])} "
          f"({r['unfinished_per_10_pages']:.2f} per 10 pages; {len(r['unfinished_at_trim'])} more at a trimmed end)")
    print(f"required elements right: {r['required_accuracy']:.3f} of {r['required_calls']} calls")
    if r["missing_quotes"]:
        print(f"quotes not found in the loaded blocks: {len(r['missing_quotes'])}")
    if args.show:
        for key in ("missing_quotes", "wrong_blocks", "findings_in_furniture", "unfinished_false", "unfinished_at_trim",
                    "wrong_required"):
            if r[key]:
                print(f"\n-- {key.replace('_', ' ')}")
                print("\n".join(r[key]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
