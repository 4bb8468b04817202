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


def compile(rule):
    o = rule.options
    return {key: re.compile(o[key], re.IGNORECASE) for key in ("identifier", "full_citation", "dangling", "left_to_links")
            if o.get(key)}


def check(doc, rule, comp, ctx):
    for block in doc.blocks:
        if block.kind != REFERENCE:
            continue
        text = block.text.rstrip()
        if not text or (comp.get("left_to_links") and comp["left_to_links"].search(text)):
            continue
        has_target = any(l.url for l in block.links) or bool(comp["identifier"].search(text))
        dangling = comp.get("dangling") and comp["dangling"].search(text)
        if dangling and not any(l.url and l.end >= len(text) - 2 for l in block.links):
            template = rule.options.get("dangling_message", rule.message)
            yield make_finding(doc, rule, *block.to_source(0, len(text)),
                               message=template.format(text=dangling.group().strip()))
        elif not has_target and not comp["full_citation"].search(text):
            yield make_finding(doc, rule, *block.to_source(0, len(text)))
