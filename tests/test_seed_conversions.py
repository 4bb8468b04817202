"""The founding article gives the same findings whatever format it is written in.

`tests/fixtures/seed/` holds hand conversions of `../shared/seeds/hair-loss-cure.txt` to
Markdown and to a CMS-style HTML export (page chrome, entities, byline markup). Every sentence
keeps its words, so every finding on the plain text must come back on each conversion: the
same rule and text, on the conversion's line that holds the same words, at a column where the
conversion's source holds that text. The findings are not listed here; they come from the run
on the plain-text original, so a change in a rule moves all three formats together and only a
loader difference makes this test fail.
"""
from __future__ import annotations

import html
import os
import re
from collections import defaultdict
from pathlib import Path

import pytest

from claimlint.rulepacks import load_rules
from conftest import ROOT, SHARED, run_json

SEED_DIR = ROOT / "tests" / "fixtures" / "seed"
CONVERSIONS = [SEED_DIR / "hair-loss-cure.md", SEED_DIR / "hair-loss-cure.html"]
# Rules about the article as a whole (missing reviewer...): they point at the first line, whose
# text differs between formats, so only whether they fire is compared.
WHOLE_ARTICLE = {r.name for r in load_rules() if r.kind == "required"}

TAG_RE = re.compile(r"<[^>]*>")
MD_IMAGE_RE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
MD_PREFIX_RE = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s?)")


def plain(line: str, fmt: str) -> str:
    """A source line's reader-visible words: markup removed, entities decoded."""
    if fmt == "html":
        return html.unescape(TAG_RE.sub("", line))
    return MD_PREFIX_RE.sub("", MD_IMAGE_RE.sub("", line))


def line_map(original: list[str], converted: list[str], fmt: str) -> dict[int, int]:
    """1-based line of the original -> line of the conversion holding the same words.

    Walks both files forward together: a conversion keeps the original's order, adds markup
    and may drop scraping debris ("iconLast updated" became an <img> and "Last updated").
    """
    mapping, cursor = {}, 0
    for i, line in enumerate(original, 1):
        words = line.strip()
        if not words:
            continue
        for j in range(cursor, len(converted)):
            seen = plain(converted[j], fmt).strip()
            if seen == words or (len(seen) >= 12 and (seen in words or words in seen)):
                mapping[i] = j + 1
                cursor = j + 1
                break
    return mapping


@pytest.fixture(scope="module")
def runs():
    # Module-scoped (one CLI run for all three files), so it cannot use the function-scoped
    # `shared_dir` fixture; it skips the same way.
    seed = SHARED / "seeds" / "hair-loss-cure.txt"
    if not seed.is_file():
        pytest.skip("../shared is not present beside the repository")
    out = run_json(seed, *CONVERSIONS)
    assert out["errors"] == []
    by_path = defaultdict(list)
    for f in out["findings"]:
        by_path[os.path.realpath(f["path"])].append(f)
    return seed, by_path


def _read_lines(path: Path) -> list[str]:
    text = path.read_bytes().decode("utf-8")
    return text.removeprefix("\ufeff").split("\n")


def _groups(findings, decode: bool):
    groups = defaultdict(list)
    for f in findings:
        if f["rule"] in WHOLE_ARTICLE:
            continue
        text = html.unescape(f["text"]) if decode else f["text"]
        groups[(f["rule"], text)].append(f)
    for items in groups.values():
        items.sort(key=lambda f: (f["line"], f["column"]))
    return groups


def test_seed_has_findings_to_compare(runs):
    seed, by_path = runs
    found = by_path[os.path.realpath(seed)]
    # The comparison below is only worth something if the original has findings of many rules.
    assert len({f["rule"] for f in found}) >= 5, found


@pytest.mark.parametrize("conversion", CONVERSIONS, ids=lambda p: p.suffix[1:])
def test_conversion_reports_the_same_findings(runs, conversion):
    seed, by_path = runs
    fmt = "html" if conversion.suffix == ".html" else "markdown"
    original = by_path[os.path.realpath(seed)]
    converted = by_path[os.path.realpath(conversion)]

    assert {f["rule"] for f in converted if f["rule"] in WHOLE_ARTICLE} == \
        {f["rule"] for f in original if f["rule"] in WHOLE_ARTICLE}

    want, got = _groups(original, False), _groups(converted, fmt == "html")
    assert sorted(got) == sorted(want), "the same (rule, text) pairs"

    orig_lines, conv_lines = _read_lines(seed), _read_lines(conversion)
    mapping = line_map(orig_lines, conv_lines, fmt)
    for key, orig in want.items():
        conv = got[key]
        assert len(conv) == len(orig), key
        for o, c in zip(orig, conv):
            assert o["line"] in mapping, f"no line of {conversion.name} holds line {o['line']} of the seed"
            assert c["line"] == mapping[o["line"]], (key, o, c)
            source_line = conv_lines[c["line"] - 1]
            first = c["text"].split("\n")[0]
            assert source_line[c["column"] - 1:c["column"] - 1 + len(first)] == first, (key, c)
            # The words before the finding on its line are the original's words before it.
            before_orig = orig_lines[o["line"] - 1][:o["column"] - 1].lstrip()
            before_conv = plain(source_line[:c["column"] - 1], fmt).lstrip()
            assert before_conv.endswith(before_orig) or before_orig.endswith(before_conv), (key, c)
