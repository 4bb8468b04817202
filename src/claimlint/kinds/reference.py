"""Reference entries that do not let a reader find the source.

An entry needs a URL, DOI, PMID or ISBN, or a full bibliographic citation (journal or
publisher, year, and volume or pages). An entry that ends on a dangling ':' / 'from' /
'available at' lost its target. Entries holding a broken URL fragment are left to
`broken-link`.
"""
from __future__ import annotations

import re

from claimlint.document import REFERENCE
from claimlint.findings import make_finding
from claimlint.lazyregex import LazyPattern
from claimlint.prefilter import PatternSet

OPTIONS = ("identifier", "full_citation", "dangling", "left_to_links")


def compile(rule):
    """Each option's expression, prefiltered: most entries hold none of the strings it needs."""
    o = rule.options
    return {key: PatternSet([LazyPattern(o[key], re.IGNORECASE)]) for key in OPTIONS if o.get(key)}


def check(doc, rule, comp, ctx):
    for block in doc.blocks:
        if block.kind != REFERENCE:
            continue
        text = block.text.rstrip()

        def found(key: str) -> bool:  # does the option's expression match `text`? (None: no such option)
            return key in comp and comp[key].search_within(block.text, 0, len(text), ctx.memo)

        if not text or found("left_to_links"):
            continue
        has_target = any(l.url for l in block.links) or found("identifier")
        dangling = found("dangling") and comp["dangling"].patterns[0].search(text)
        if dangling and not any(l.url and l.end >= len(text) - 2 for l in block.links):
            template = rule.options.get("dangling_message", rule.message)
            yield make_finding(doc, rule, *block.to_source(0, len(text)),
                               message=template.format(text=dangling.group().strip()))
        elif not has_target and not found("full_citation"):
            yield make_finding(doc, rule, *block.to_source(0, len(text)))
