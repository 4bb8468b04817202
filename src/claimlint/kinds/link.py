"""Links that lead nowhere: no target, never rendered, lost host, mangled or private.

Markup links are checked through the document's `Link`s (their targets are not prose);
pasted URL fragments and unrendered link markup are found in the text itself.
"""
from __future__ import annotations

import re

from claimlint.document import FURNITURE_KINDS
from claimlint.findings import make_finding, shown
from claimlint.kinds import reported_span
from claimlint.lazyregex import LazyPattern
from claimlint.prefilter import PatternSet


def compile(rule):
    o = rule.options
    text_patterns = o.get("text_patterns", [])
    return {
        "text_patterns": PatternSet([LazyPattern(p["pattern"], re.IGNORECASE) for p in text_patterns]),
        "text_specs": [(set(p.get("formats", [])), p.get("message")) for p in text_patterns],
        "bad_target": re.compile(o["bad_target"], re.IGNORECASE) if o.get("bad_target") else None,
        "empty_message": o.get("empty_message", "link has no target"),
        "bad_message": o.get("bad_message", "link points to a private or local address: {url}"),
    }


def check(doc, rule, comp, ctx):
    for block in doc.blocks:
        if block.kind in FURNITURE_KINDS:  # a menu's "#" or javascript: link is the template's, not the article's
            continue
        for link in block.links:
            if link.button:
                continue
            url = (link.url or "").strip()
            if not url or url == "#":
                s, e = block.to_source(link.start, max(link.end, link.start + 1))
                yield make_finding(doc, rule, s, e, message=comp["empty_message"])
            elif comp["bad_target"] is not None and comp["bad_target"].search(url):
                if link.src_start >= 0:
                    s, e = link.src_start, link.src_end
                else:
                    s, e = block.to_source(link.start, max(link.end, link.start + 1))
                yield make_finding(doc, rule, s, e, message=comp["bad_message"].format(url=shown(url)))
        for i, m in comp["text_patterns"].finditer(block.text, ctx.memo):  # pattern by pattern, each in text order
            formats, message = comp["text_specs"][i]
            if formats and doc.format not in formats:
                continue
            s, e = reported_span(m)
            if any(l.start <= s < l.end for l in block.links):
                continue
            yield make_finding(doc, rule, *block.to_source(s, e), message=message or rule.message)
