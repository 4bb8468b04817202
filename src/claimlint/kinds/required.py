"""Elements an article must have: a named reviewer, a date, a medical disclaimer.

A rule lists where the element may be found: `meta_keys` (front matter, meta tags, JSON-LD)
and `body` patterns searched in the article's blocks. `not_names` rejects statuses and
generic teams where a person's name belongs; `dates: true` accepts any article date
(`date_meta_keys` lists the metadata keys that hold one);
`skip_cards: true` ignores lines that belong to related-article cards (a card's "Medically
reviewed by …" is about another article). `provided_for` lists path patterns whose element
the site adds at build time (a disclaimer in the page template), so it is not in the file.
"""
from __future__ import annotations

import re
from fnmatch import fnmatch
from pathlib import PurePath

from claimlint.dates import DATE_META_KEYS, article_dates
from claimlint.document import BOILERPLATE, BYLINE, CARD, HEADING, PARAGRAPH, TITLE
from claimlint.findings import make_finding
from claimlint.lazyregex import LazyPattern
from claimlint.prefilter import PatternSet

RELATED_RE = re.compile(
    r"^\W*(?:related\b|you\s+(?:may|might)\s+also|more\s+(?:on|from|about|articles|stories|like\s+this)\b|"
    r"read\s+(?:next|more)\b|recommended\b|popular\b|latest\b|trending\b|most\s+read\b|see\s+also\b|"
    r"other\s+articles\b|similar\s+articles\b)", re.IGNORECASE)
TITLE_LIKE = (HEADING, BOILERPLATE, CARD, BYLINE)


def compile(rule):
    o = rule.options
    return {
        "meta_keys": [k.lower() for k in o.get("meta_keys", [])],
        "body": PatternSet([LazyPattern(p, re.IGNORECASE if o.get("ignore_case", True) else 0)
                            for p in o.get("body", [])]),
        "not_names": re.compile(o["not_names"], re.IGNORECASE) if o.get("not_names") else None,
        "dates": bool(o.get("dates")),
        "date_keys": tuple(k.lower() for k in o.get("date_meta_keys", DATE_META_KEYS)),
        "min_words": int(o.get("min_words", 0)),
        "skip_cards": bool(o.get("skip_cards")),
        "provided_for": [str(p) for p in o.get("provided_for", [])],
    }


def _ok_value(value: str, comp) -> bool:
    value = value.strip()
    return bool(value) and not (comp["not_names"] and comp["not_names"].search(value))


def present(doc, comp, ctx) -> bool:
    for m in doc.meta_values(comp["meta_keys"]):
        if _ok_value(m.value, comp):
            return True
    if comp["dates"] and article_dates(doc, ctx, comp["date_keys"]):
        return True
    for i, block in enumerate(doc.blocks):
        if comp["skip_cards"] and in_card(doc, i):
            continue
        for _, m in comp["body"].finditer(block.text, ctx.memo):
            value = m.group("name") if "name" in m.re.groupindex and m.group("name") else m.group(0)
            if _ok_value(value, comp):
                return True
    return False


def provided(path: str, patterns: list[str]) -> bool:
    """Does a `provided_for` pattern ("content/health/**", "*.md") match the file's path?

    A pattern matches the whole path or any tail of it, so "health/*.md" matches
    "site/content/health/zinc.md" wherever claimlint runs from.
    """
    parts = PurePath(path).as_posix().split("/")
    tails = ["/".join(parts[i:]) for i in range(len(parts))]
    return any(fnmatch(tail, pat) for pat in patterns for tail in tails)


def in_card(doc, i: int) -> bool:
    """Does block `i` belong to a related-article card rather than to the article?

    A card sits under a "Related articles"-style heading, or is a short title line followed
    by its details in page chrome, after the article's body has begun.
    """
    blocks = doc.blocks
    if blocks[i].kind == CARD or RELATED_RE.search(blocks[i].section or "") or RELATED_RE.search(blocks[i].text):
        return True
    j = i - 1
    while j >= 0 and blocks[j].kind in TITLE_LIKE and len(blocks[j].text) < 120:
        if blocks[j].kind in (HEADING, BOILERPLATE) and RELATED_RE.search(blocks[j].text):
            return True
        j -= 1
    if blocks[i].kind == BOILERPLATE and i > 0 and blocks[i - 1].kind == BOILERPLATE:
        return any(b.kind == PARAGRAPH for b in blocks[:i - 1]) and blocks[i - 1].kind != TITLE
    return False


def check(doc, rule, comp, ctx):
    if comp["min_words"] and ctx.cached(("words",), lambda: len(doc.source.split())) < comp["min_words"]:
        return
    if provided(doc.path, comp["provided_for"]) or present(doc, comp, ctx):
        return
    first = next((i for i, ch in enumerate(doc.source) if not ch.isspace()), 0)
    end = doc.source.find("\n", first)
    end = len(doc.source) if end < 0 else end
    yield make_finding(doc, rule, first, len(doc.source[:end].rstrip()) if end > first else first)
