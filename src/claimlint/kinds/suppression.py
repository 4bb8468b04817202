"""Inline suppressions that covered nothing (like ruff's RUF100).

A directive that no longer covers a finding hides the next real one written under it. This kind
runs after the engine has applied the article's directives (see `claimlint.suppressions`) and
reports those left unused, which the engine passes in the document's memo.
"""
from __future__ import annotations

from claimlint.findings import make_finding

AFTER_SUPPRESSIONS = True  # the engine runs this kind once the other kinds' findings are filtered
UNUSED = "unused-suppressions"  # the memo key under which the engine leaves the unused directives


def compile(rule):
    return None


def check(doc, rule, comp, ctx):
    for directive in ctx.memo.get(UNUSED, ()):
        yield make_finding(doc, rule, directive.start, directive.end)
