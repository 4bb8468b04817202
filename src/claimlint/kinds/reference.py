"""Reference entries that do not let a reader find the source.

An entry needs a URL, DOI, PMID or ISBN, or a full bibliographic citation (journal or
publisher, year, and volume or pages). An entry that ends on a dangling ':' / 'from' /
'available at' lost its target. Entries holding a broken URL fragment are left to
`broken-link`.
"""
from __future__ import annotations

import re

from claimlint.document import REFERENCE
from claimlint.findings import make_finding, shown
from claimlint.lazyregex import LazyPattern
from claimlint.prefilter import PatternSet

OPTIONS = ("identifier", "full_citation", "dangling", "left_to_links")


def compile(rule):
    """Each option's expression, prefiltered: most entries hold none of the strings it needs."""
    o = rule.options
    return {key: PatternSet([LazyPattern(o[key], re.IGNORECASE)]) for key in OPTIONS if o.get(key)}


def _found(comp, key: str, block, text: str, ctx) -> bool:
    """Does option `key`'s expression match `text`, the block's text less its trailing space?
    (False when the rule has no such option.)"""
    return key in comp and comp[key].search_within(block.text, 0, len(text), ctx.memo)


def check(doc, rule, comp, ctx):
    for block in doc.blocks:
        if block.kind != REFERENCE:
            continue
        text = block.text.rstrip()
        if not text or _found(comp, "left_to_links", block, text, ctx):
            continue
        has_target = any(l.url for l in block.links) or _found(comp, "identifier", block, text, ctx)
        dangling = _found(comp, "dangling", block, text, ctx) and comp["dangling"].patterns[0].search(text)
        if dangling and not any(l.url and l.end >= len(text) - 2 for l in block.links):
            template = rule.options.get("dangling_message", rule.message)
            yield make_finding(doc, rule, *block.to_source(0, len(text)),
                               message=template.format(text=shown(dangling.group())))
        elif not has_target and not _found(comp, "full_citation", block, text, ctx):
            yield make_finding(doc, rule, *block.to_source(0, len(text)))
