"""Claim-detection accuracy on the labelled corpus in tests/corpus/ (see bench/accuracy.py)."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
TOPICS = {"hair-loss", "weight-loss", "erectile-dysfunction", "skin-care", "supplements",
          "mental-health", "menopause", "vaccines"}


def _load_bench():
    spec = importlib.util.spec_from_file_location("claimlint_bench_accuracy", ROOT / "bench" / "accuracy.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


accuracy = _load_bench()


def test_corpus_is_well_formed():
    """Every expectation's text is in its article; sizes, formats and topics are as documented."""
    articles = accuracy.load_corpus(CORPUS)  # raises CorpusError on a missing text or article
    assert len(articles) >= 40
    formats = {a.path.suffix for a in articles}
    assert formats == {".md", ".html", ".txt"}
    assert TOPICS <= {accuracy.topic_of(a.path) for a in articles}  # the eight topics, and more
    for art in articles:
        assert 150 <= accuracy.word_count(art) <= 700, f"{art.path.name}: {accuracy.word_count(art)} words"
        assert art.must_report or art.must_not_report, art.path.name
    assert accuracy.corpus_warnings(articles) == []


def test_matching_uses_character_columns_and_overlap(tmp_path):
    """The scorer's own logic, on a two-line article with a non-ASCII character before the claim."""
    (tmp_path / "a-01-x.md").write_text("# Über\n\nThe gel is £5 and cures acne in 64% of teens.\n", encoding="utf-8")
    (tmp_path / "a-01-x.expect.yaml").write_text(
        'must_report:\n  - {rule: uncited-efficacy-claim, text: "cures acne"}\n'
        '  - {rule: uncited-statistic, text: "64% of teens"}\n'
        'must_not_report:\n  - {text: "£5"}\n', encoding="utf-8")
    art = accuracy.load_article(tmp_path / "a-01-x.expect.yaml")
    path = str((tmp_path / "a-01-x.md").resolve())
    found = {path: [
        {"rule": "uncited-efficacy-claim", "line": 3, "column": 19, "end_line": 3, "end_column": 24,
         "severity": "error", "text": "cures"},       # overlaps "cures acne": TP
        {"rule": "uncited-efficacy-claim", "line": 3, "column": 19, "end_line": 3, "end_column": 29,
         "severity": "error", "text": "cures acne"},  # a second finding on the same claim: duplicate
        {"rule": "uncited-statistic", "line": 3, "column": 12, "end_line": 3, "end_column": 14,
         "severity": "error", "text": "£5"},          # FP on a must-not span
    ]}
    for f in found[path]:  # the spans above are exact: 1-based character columns, end exclusive
        assert art.source[art.offset(f["line"], f["column"]):art.offset(f["end_line"], f["end_column"])] == f["text"]
    scored = accuracy._score([art], found, accuracy.CLAIM_RULES)
    overall = scored["overall"]
    assert (overall["tp"], overall["fp"], overall["fn"]) == (1, 1, 1)
    assert scored["duplicates"] == 1 and scored["must_not_violations"] == ["£5"]
    assert scored["false_positives"][0]["text"] == "£5"
    assert scored["false_negatives"][0]["text"] == "64% of teens"
    assert scored["span_mismatches"] == []
    assert scored["rules"]["uncited-statistic"]["fp"] == 1 and scored["rules"]["uncited-statistic"]["fn"] == 1


# Issue 4's bar: precision >= 0.95 and recall >= 0.90 for the three claim rules together.
PRECISION_FLOOR, RECALL_FLOOR = 0.95, 0.90


def test_claim_rules_accuracy_on_corpus():
    result = accuracy.evaluate(CORPUS, f"{sys.executable} -m claimlint")
    report = accuracy.format_report(result, show=False)
    print(report)
    overall = result["overall"]
    figures = (f"precision {overall['precision']:.3f}, recall {overall['recall']:.3f}, F1 {overall['f1']:.3f} "
               f"(TP {overall['tp']}, FP {overall['fp']}, FN {overall['fn']})")
    print(figures)
    assert overall["precision"] >= PRECISION_FLOOR and overall["recall"] >= RECALL_FLOOR, figures + "\n" + report
