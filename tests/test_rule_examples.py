"""Every rule's documented examples hold, so a rule's documentation cannot drift from its behaviour.

All examples of all rules are written to one folder and checked with one run of the CLI.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from claimlint.rulepacks import load_rules
from conftest import run_json

RULES = load_rules()


def _cases():
    for rule in RULES:
        for expect in ("report", "quiet"):
            for i, ex in enumerate(rule.examples.get(expect) or []):
                text, fmt = (ex.get("text"), ex.get("format", "md")) if isinstance(ex, dict) else (ex, "md")
                yield rule, expect, i, text, fmt


CASES = list(_cases())


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    folder = tmp_path_factory.mktemp("examples")
    paths = {}
    for rule, expect, i, text, fmt in CASES:
        p = folder / f"{rule.code}-{expect}-{i}.{fmt}"
        p.write_text(text, encoding="utf-8")
        paths[(rule.code, expect, i)] = str(p)
    out = run_json("--select", "ALL", str(folder))  # rules that are off by default too
    by_path = {}
    for f in out["findings"]:
        by_path.setdefault(os.path.realpath(f["path"]), []).append(f)
    return paths, by_path


def test_every_rule_has_examples_both_ways():
    for rule in RULES:
        assert rule.examples.get("report"), f"{rule.code} has no 'report' examples"
        assert rule.examples.get("quiet"), f"{rule.code} has no 'quiet' examples"


@pytest.mark.parametrize("rule,expect,i,text,fmt", CASES,
                         ids=[f"{c[0].name}-{c[1]}-{c[2]}" for c in CASES])
def test_rule_example(results, rule, expect, i, text, fmt):
    paths, by_path = results
    found = [f for f in by_path.get(os.path.realpath(paths[(rule.code, expect, i)]), []) if f["code"] == rule.code]
    if expect == "report":
        assert found, f"{rule.name} should report on: {text!r}"
    else:
        assert not found, f"{rule.name} should stay quiet on {text!r}, got {[f['text'] for f in found]}"


def test_readme_rule_table_lists_every_rule():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    rows = {cells[1]: cells for line in readme.splitlines()
            if (cells := [c.strip() for c in line.split("|")])[1:2] and re.fullmatch(r"CL\d{3}", cells[1])}
    assert set(rows) == {r.code for r in RULES}
    for rule in RULES:
        assert rows[rule.code][2] == rule.name and rule.severity in rows[rule.code][3], rows[rule.code]
