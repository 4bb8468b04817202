"""Words that should never be published: placeholders, template markup, chatbot tokens.

Each pattern is a regular expression with an optional named group `span`, a `formats`
list (some markup is a placeholder in rendered HTML but legitimate in Markdown source),
`case_sensitive` and its own `message`.
"""
from __future__ import annotations

import re

from claimlint.findings import make_finding
from claimlint.kinds import reported_span


def compile(rule):
    out = []
    for p in rule.options.get("patterns", []):
        flags = 0 if p.get("case_sensitive") else re.IGNORECASE
        out.append((re.compile(p["pattern"], flags), set(p.get("formats", [])), p.get("message"),
                    set(p.get("skip_kinds", []))))
    return out


def check(doc, rule, comp, ctx):
    for block in doc.blocks:
        for rx, formats, message, skip_kinds in comp:
            if (formats and doc.format not in formats) or block.kind in skip_kinds:
                continue
            for m in rx.finditer(block.text):
                s, e = reported_span(m)
                src = block.to_source(s, e)
                text = doc.source[src[0]:src[1]]
                yield make_finding(doc, rule, *src, message=(message or rule.message).format(text=text)
                                   if "{text}" in (message or rule.message) else (message or rule.message))
