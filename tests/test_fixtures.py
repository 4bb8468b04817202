"""Small articles per format with every finding's exact position, and the span property.

Each article under `tests/fixtures/{markdown,html,text}/` has a `NAME.expect.yaml` listing
every finding of `claimlint --today 2026-11-24` (rule, line, col, end_col, text; end_line
when the span crosses a line): the run must report exactly those, no more, no fewer.

The property test holds for every finding on every fixture, the seed conversions, the
founding article in ../shared and the labelled corpus: a finding's `text` is exactly the
source between its (line, column) and (end_line, end_column). The source is the file's
UTF-8 text with a leading BOM removed (as the loaders read it); lines end at "\\n" (a CRLF
line keeps its "\\r" as its last character); columns are 1-based and count Unicode
characters; end_column is exclusive.

All of it comes from one CLI run.
"""
from __future__ import annotations

import os
from collections import Counter, defaultdict
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SHARED, run_json

FIXTURES = ROOT / "tests" / "fixtures"
FORMAT_DIRS = [FIXTURES / "markdown", FIXTURES / "html", FIXTURES / "text"]
CORPUS = ROOT / "tests" / "corpus"
SEED = SHARED / "seeds" / "hair-loss-cure.txt"
ARTICLE_SUFFIXES = {".md", ".html", ".txt"}

ARTICLES = sorted(p for d in FORMAT_DIRS for p in d.iterdir() if p.suffix in ARTICLE_SUFFIXES)


def expect_path(article: Path) -> Path:
    return article.with_name(article.stem + ".expect.yaml")


@pytest.fixture(scope="module")
def run() -> tuple[dict[str, list[dict]], int]:
    """(path (real) -> findings, number of files read) for every fixture, the seed and the
    corpus, from one run."""
    paths = [*FORMAT_DIRS, FIXTURES / "seed", CORPUS] + ([SEED] if SEED.is_file() else [])
    out = run_json(*paths)
    assert out["errors"] == []
    by_path = defaultdict(list)
    for f in out["findings"]:
        by_path[os.path.realpath(f["path"])].append(f)
    return by_path, out["summary"]["files"]


def source_of(path: str) -> str:
    """The text findings are measured in: UTF-8, a leading BOM removed."""
    return Path(path).read_bytes().decode("utf-8").removeprefix("\ufeff")


def slice_at(source: str, line: int, col: int, end_line: int, end_col: int) -> str:
    starts = [0] + [i + 1 for i, ch in enumerate(source) if ch == "\n"]
    assert 1 <= line <= end_line <= len(starts) and col >= 1 and end_col >= 1
    start, end = starts[line - 1] + col - 1, starts[end_line - 1] + end_col - 1
    # A column never runs past its own line (the "\n" ending it is the last place).
    assert start <= (starts[line] - 1 if line < len(starts) else len(source))
    assert start <= end <= len(source)
    return source[start:end]


def test_every_fixture_has_an_expectation():
    assert len(ARTICLES) >= 10
    for d in FORMAT_DIRS:
        assert any(p.parent == d for p in ARTICLES), f"no fixture in {d}"
    for article in ARTICLES:
        assert expect_path(article).is_file(), f"{article.name} has no {expect_path(article).name}"
    for d in FORMAT_DIRS:  # and no expectation without its article
        for e in d.glob("*.expect.yaml"):
            assert any(expect_path(a) == e for a in ARTICLES), f"{e.name} has no article"


def test_crlf_and_bom_fixtures_kept_their_bytes():
    for d in FORMAT_DIRS:
        data = next(p for p in ARTICLES if p.parent == d and p.stem == "crlf-bom").read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")
        assert data.count(b"\r\n") == data.count(b"\n") > 5


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture_findings_are_exactly_the_expected(run, article):
    findings, _ = run
    spec = yaml.safe_load(expect_path(article).read_text(encoding="utf-8"))
    want = Counter((e["rule"], e["line"], e["col"], e.get("end_line", e["line"]), e["end_col"], e["text"])
                   for e in spec["findings"] or [])
    got = Counter((f["rule"], f["line"], f["column"], f["end_line"], f["end_column"], f["text"])
                  for f in findings[os.path.realpath(article)])
    missing, extra = want - got, got - want
    assert not missing and not extra, f"missing: {sorted(missing)}\nextra: {sorted(extra)}"
    # The expectation itself points at the text it names.
    source = source_of(str(article))
    for rule, line, col, end_line, end_col, text in want:
        assert slice_at(source, line, col, end_line, end_col) == text, (rule, line, col)


def test_finding_text_is_the_source_at_its_span(run):
    findings, files = run
    corpus = sorted(p for p in CORPUS.iterdir() if p.suffix in ARTICLE_SUFFIXES)
    # Every file was read, and the corpus alone gives plenty of findings to check.
    assert files >= len(ARTICLES) + len(corpus) + 2
    checked = 0
    for path, found in findings.items():
        source = source_of(path)
        for f in found:
            got = slice_at(source, f["line"], f["column"], f["end_line"], f["end_column"])
            assert got == f["text"], f"{path}:{f['line']}:{f['column']} {f['rule']}: {got!r} != {f['text']!r}"
            checked += 1
    assert checked >= 100
