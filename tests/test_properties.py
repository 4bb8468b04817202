"""Properties over generated articles (hypothesis, a bounded number of examples): checking never
raises, every finding's span lies in the document and its text is the source slice, and a run
reports the same findings whatever the order and number of files and workers, in JSON and SARIF
that parse. Time per file against its size is measured in bench/linear.py, not here.
"""
from __future__ import annotations

import json
import random
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import claimlint
from claimlint.document import line_starts
from conftest import TODAY

PIECES = [
    "Zinc lozenges cure a cold overnight.", "Roughly 7 in 10 users saw fewer colds.", "It is completely safe.",
    "No side effects.", "May help some people.", "[1]", "(Smith, 2020)", "<sup>1</sup>", "<p>", "</p>", "<li>",
    "<ul>", "</ul>", "<a href='https://x.org'>", "</a>", "<h2>", "</h2>", "<!-- claimlint-disable CL202 -->",
    "<!-- claimlint-enable -->", "---", "title: Zinc", "reviewer: &a [*a]", "# ", "## ", "- ", "1. ", "> ", "**",
    "_", "`", "```", "|", "[x](", ")", "[^1]", "&amp;", "&#x27;", "&bogus", "<", ">", "\n", "\n\n", "\r", "\r\n",
    "\t", "  ", "Last updated: 3 March 2024", "Medically reviewed by Dr Ana Ruiz", "TODO", "“", "”", "(", "]",
    "\u202e", "\x1b[31m", "\u00e9", "😀", "\u0130", "50%", "1,000", "twice as fast", "?",
]
articles = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
formats = st.sampled_from(["md", "html", "txt"])


@pytest.fixture(scope="module")
def linter():
    return claimlint.Linter(claimlint.Settings.from_dict({"today": TODAY, "select": ["ALL"]}))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=articles, ext=formats)
def test_findings_are_source_slices_and_nothing_raises(linter, text, ext):
    findings = linter.lint_text(text, path=f"article.{ext}")
    starts = line_starts(text)
    for f in findings:
        assert 1 <= f.line <= len(starts) and 1 <= f.end_line <= len(starts)
        start = starts[f.line - 1] + f.column - 1
        end = starts[f.end_line - 1] + f.end_column - 1
        assert 0 <= start <= end <= len(text), f
        assert text[start:end] == f.text, f
        assert "\n" not in f.message and f.severity in ("error", "warning", "info")


def test_the_same_findings_whatever_the_order_and_number_of_files_and_workers(tmp_path):
    rng = random.Random(3)
    names = []
    for i in range(40):
        ext = rng.choice(["md", "html", "txt"])
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(5, 80)))
        (tmp_path / f"a{i:02}.{ext}").write_text(text, encoding="utf-8", newline="")
        names.append(f"a{i:02}.{ext}")

    def run(*args):
        proc = subprocess.run([sys.executable, "-m", "claimlint", "--no-cache", "--today", TODAY, "--select", "ALL",
                               *args], capture_output=True, text=True, cwd=tmp_path, timeout=300)
        assert proc.returncode in (1, 2) and "Traceback" not in proc.stderr, proc.stderr
        return proc.stdout

    def by_file(out):
        return sorted((f["path"], f["line"], f["column"], f["code"], f["text"]) for f in json.loads(out)["findings"])

    reference = by_file(run("--format", "json", "-j", "1", *names))
    shuffled = names[:]
    rng.shuffle(shuffled)
    assert by_file(run("--format", "json", "-j", "2", *shuffled)) == reference
    assert by_file(run("--format", "json", "-j", "2", ".")) == reference
    halves = by_file(run("--format", "json", *names[:20])) + by_file(run("--format", "json", *names[20:]))
    assert sorted(halves) == reference
    sarif = json.loads(run("--format", "sarif", "."))
    assert len(sarif["runs"][0]["results"]) == len(reference)
