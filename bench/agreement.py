#!/usr/bin/env python3
"""How far two annotators agree on the real-text corpus's claims (tests/real/).

    python bench/agreement.py [tests/real]

Articles labelled twice keep the second annotator's file in `second/NAME.expect.yaml` beside the
split folders (the first is the one the corpus uses). For each such article, the two
`must_report` lists are matched by overlapping source spans:

- positive agreement (F1 between the two annotators, the usual figure for span labels where
  "not a claim" has no count): 2·matched / (claims of A + claims of B);
- lenient agreement: a claim one annotator must report and the other put in `may_report` counts
  as agreed (the policy left it open for one of them);
- on matched claims, how often the two gave the same rule (kind) and the same severity.

Claims are matched one to one (a span of A to the first unmatched overlapping span of B).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from accuracy import EXPECT_SUFFIX, article_for, load_article  # noqa: E402

DEFAULT = HERE.parent / "tests" / "real"


def _overlap(a, b) -> bool:
    return a.start < b.end and b.start < a.end


def compare(first, second) -> dict:
    """Counts for one article labelled by two annotators (`bench.accuracy.Article`s)."""
    used: set[int] = set()
    matched = same_rule = same_severity = soft = 0
    for a in first.must_report:
        partner = next((i for i, b in enumerate(second.must_report) if i not in used and _overlap(a, b)), None)
        if partner is None:
            soft += any(_overlap(a, b) for b in second.may_report)
            continue
        used.add(partner)
        b = second.must_report[partner]
        matched += 1
        same_rule += a.rule == b.rule or a.rule in b.rules or b.rule in a.rules
        same_severity += (a.severity or "error") == (b.severity or "error")
    soft += sum(1 for i, b in enumerate(second.must_report)
                if i not in used and any(_overlap(b, a) for a in first.may_report))
    return {"a": len(first.must_report), "b": len(second.must_report), "matched": matched, "soft": soft,
            "same_rule": same_rule, "same_severity": same_severity}


def pairs(root: Path):
    """(primary expectation file, second one) for every article labelled twice."""
    for second in sorted((root / "second").glob("*" + EXPECT_SUFFIX)):
        found = [p for p in root.glob(f"*/{second.name}") if p.parent.name != "second"]
        if len(found) != 1:
            raise SystemExit(f"{second}: expected one primary label file named {second.name}, found {len(found)}")
        yield found[0], second


def measure(root: Path) -> dict:
    total = {"articles": 0, "a": 0, "b": 0, "matched": 0, "soft": 0, "same_rule": 0, "same_severity": 0}
    for primary, second in pairs(root):
        first = load_article(primary)
        # the second file labels the same article, which sits beside the primary one
        other = load_article_as(second, article_for(primary))
        counts = compare(first, other)
        total["articles"] += 1
        for key, value in counts.items():
            total[key] += value
    return total


def load_article_as(expect: Path, article: Path):
    """Load `expect` against `article` (which lives in another folder)."""
    import shutil
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        stem = expect.name[: -len(EXPECT_SUFFIX)]
        shutil.copy(article, Path(tmp) / (stem + article.suffix))
        shutil.copy(expect, Path(tmp) / expect.name)
        return load_article(Path(tmp) / expect.name)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("root", nargs="?", type=Path, default=DEFAULT)
    t = measure(ap.parse_args().root)
    if not t["articles"]:
        raise SystemExit("no article is labelled twice (second/*.expect.yaml)")
    strict = 2 * t["matched"] / (t["a"] + t["b"]) if t["a"] + t["b"] else 1.0
    lenient = (2 * t["matched"] + t["soft"]) / (t["a"] + t["b"]) if t["a"] + t["b"] else 1.0
    print(f"articles labelled twice: {t['articles']}")
    print(f"claims to report: annotator 1 {t['a']}, annotator 2 {t['b']}, matched {t['matched']}")
    print(f"positive agreement (F1 between annotators): {strict:.3f}")
    print(f"lenient (one said must report, the other may report): {lenient:.3f}")
    if t["matched"]:
        print(f"on matched claims: same rule {t['same_rule'] / t['matched']:.3f}, "
              f"same severity {t['same_severity'] / t['matched']:.3f}")


if __name__ == "__main__":
    main()
