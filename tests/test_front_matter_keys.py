"""Every default front-matter key does its job, on its own.

Reviewer keys name the medical reviewer; date keys give the article's date, which the date
rules check and report on the key's own line; the disclaimer key is the disclaimer. An
`author` is read but is not a reviewer (editorial policy: an author byline is not a review).
One article per key, all checked in one CLI run with only the required-element and date
rules selected.
"""
from __future__ import annotations

import os

import pytest

from claimlint.loaders import load
from conftest import run_json

REVIEWER_KEYS = ["reviewer", "reviewed_by", "medically_reviewed_by"]
DATE_KEYS = ["last_reviewed", "updated", "last_updated", "date_modified", "lastmod", "date"]
ALL_KEYS = REVIEWER_KEYS + ["author"] + DATE_KEYS + ["disclaimer"]
VALUES = {"reviewer": "Dr Ana Ruiz", "reviewed_by": "Dr Ana Ruiz", "medically_reviewed_by": "Dr Ana Ruiz",
          "author": "Dr Ana Ruiz", "disclaimer": "This article is not a substitute for professional medical advice."}
FUTURE = "2027-03-09"  # after --today 2026-11-24: every date key's date is reported where it is written


def article(key: str) -> str:
    return f"---\ntitle: Zinc and your diet\n{key}: {VALUES.get(key, FUTURE)}\n---\n\nZinc is a mineral found in meat.\n"


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    folder = tmp_path_factory.mktemp("keys")
    for key in ALL_KEYS:
        (folder / f"{key}.md").write_text(article(key), encoding="utf-8")
    out = run_json("--select", "CL1,CL3", folder)
    by_key = {key: [] for key in ALL_KEYS}
    for f in out["findings"]:
        by_key[os.path.splitext(os.path.basename(f["path"]))[0]].append(f)
    return by_key


def rules(findings) -> set[str]:
    return {f["rule"] for f in findings}


@pytest.mark.parametrize("key", ALL_KEYS)
def test_key_is_read_with_its_position(key):
    source = article(key)
    doc = load(f"{key}.md", source, "markdown")
    (meta,) = doc.meta_values([key])
    assert source[meta.src_start:meta.src_end] == meta.value == VALUES.get(key, FUTURE)
    assert doc.position(meta.src_start) == (3, len(key) + 3)


@pytest.mark.parametrize("key", REVIEWER_KEYS)
def test_reviewer_keys_name_the_reviewer(results, key):
    assert rules(results[key]) == {"missing-update-date", "missing-disclaimer"}


def test_author_is_not_a_reviewer(results):
    assert rules(results["author"]) == {"missing-reviewer", "missing-update-date", "missing-disclaimer"}


@pytest.mark.parametrize("key", DATE_KEYS)
def test_date_keys_are_checked_on_their_own_line(results, key):
    assert rules(results[key]) == {"missing-reviewer", "missing-disclaimer", "future-date"}
    (f,) = [f for f in results[key] if f["rule"] == "future-date"]
    assert (f["line"], f["column"], f["end_line"], f["end_column"], f["text"]) == \
        (3, len(key) + 3, 3, len(key) + 3 + len(FUTURE), FUTURE)


def test_disclaimer_key_is_the_disclaimer(results):
    assert rules(results["disclaimer"]) == {"missing-reviewer", "missing-update-date"}
