"""Elements an article must have: a named reviewer, a date, a medical disclaimer.

A rule lists where the element may be found: `meta_keys` (front matter, meta tags, JSON-LD)
and `body` patterns searched in the article's blocks. `not_names` rejects statuses and
generic teams where a person's name belongs; `dates: true` accepts any article date.
"""
from __future__ import annotations

import re

from claimlint.dates import article_dates
from claimlint.findings import make_finding


def compile(rule):
    o = rule.options
    return {
        "meta_keys": [k.lower() for k in o.get("meta_keys", [])],
        "body": [re.compile(p, re.IGNORECASE if o.get("ignore_case", True) else 0) for p in o.get("body", [])],
        "not_names": re.compile(o["not_names"], re.IGNORECASE) if o.get("not_names") else None,
        "dates": bool(o.get("dates")),
        "min_words": int(o.get("min_words", 0)),
    }


def _ok_value(value: str, comp) -> bool:
    value = value.strip()
    return bool(value) and not (comp["not_names"] and comp["not_names"].search(value))


def present(doc, comp, ctx) -> bool:
    for m in doc.meta_values(comp["meta_keys"]):
        if _ok_value(m.value, comp):
            return True
    if comp["dates"] and article_dates(doc, ctx):
        return True
    for block in doc.blocks:
        for rx in comp["body"]:
            for m in rx.finditer(block.text):
                value = m.group("name") if "name" in rx.groupindex and m.group("name") else m.group(0)
                if _ok_value(value, comp):
                    return True
    return False


def check(doc, rule, comp, ctx):
    words = len(doc.source.split())
    if words < comp["min_words"] or present(doc, comp, ctx):
        return
    first = next((i for i, ch in enumerate(doc.source) if not ch.isspace()), 0)
    end = doc.source.find("\n", first)
    end = len(doc.source) if end < 0 else end
    yield make_finding(doc, rule, first, len(doc.source[:end].rstrip()) if end > first else first)
