"""Words that should never be published: placeholders, template markup, chatbot tokens.

Each pattern is a regular expression with an optional named group `span`, a `formats`
list (some markup is a placeholder in rendered HTML but legitimate in Markdown source),
`case_sensitive` and its own `message`.
"""
from __future__ import annotations

import re

from claimlint.findings import make_finding, shown
from claimlint.kinds import reported_span
from claimlint.lazyregex import LazyPattern
from claimlint.prefilter import PatternSet


def compile(rule):
    specs, patterns = [], []
    for p in rule.options.get("patterns", []):
        flags = 0 if p.get("case_sensitive") else re.IGNORECASE
        patterns.append(LazyPattern(p["pattern"], flags))
        specs.append((set(p.get("formats", [])), p.get("message"), set(p.get("skip_kinds", []))))
    return specs, PatternSet(patterns)


def check(doc, rule, comp, ctx):
    specs, patterns = comp
    for block in doc.blocks:
        for i, m in patterns.finditer(block.text, ctx.memo):  # pattern by pattern, each in text order
            formats, message, skip_kinds = specs[i]
            if (formats and doc.format not in formats) or block.kind in skip_kinds:
                continue
            s, e = reported_span(m)
            src = block.to_source(s, e)
            template = message or rule.message
            text = doc.source[src[0]:src[1]]
            yield make_finding(doc, rule, *src,
                               message=template.format(text=shown(text)) if "{text}" in template else template)
