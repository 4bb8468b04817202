"""Problems a loader met while reading the file (malformed front matter or metadata).

The loaders record them on the document instead of failing, so the rest of the article is
still checked; this kind reports those whose slug is the rule's name.
"""
from __future__ import annotations

from claimlint.findings import make_finding


def compile(rule):
    return None


def check(doc, rule, comp, ctx):
    for slug, start, end, message in doc.problems:
        if slug == rule.name:
            yield make_finding(doc, rule, start, end, message=message)
