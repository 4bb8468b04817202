"""Elements an article must have: a named reviewer, a date, a medical disclaimer.

A rule lists where the element may be found: `meta_keys` (front matter, meta tags, JSON-LD)
and `body` patterns searched in the article's blocks. `not_names` rejects statuses and
generic teams where a person's name belongs; `dates: true` accepts any article date
(`date_meta_keys` lists the metadata keys that hold one);
`skip_cards: true` ignores lines that belong to related-article cards (a card's "Medically
reviewed by …" is about another article). `provided_for` lists path patterns whose element
the site adds at build time (a disclaimer in the page template), so it is not in the file;
`provided: true` says the same for every file the rule checks.

A rule names its `element` (reviewer, date, disclaimer): a configuration file's `metadata`
and `provided` settings speak of elements, and `apply_settings` turns them into options. What
was found is reported as a fact of the article (its reviewer, its date).
"""
from __future__ import annotations

import re
from fnmatch import fnmatch
from pathlib import PurePath

from claimlint.dates import DATE_META_KEYS, article_dates
from claimlint.document import BOILERPLATE, BYLINE, CARD, HEADING, PARAGRAPH, TITLE
from claimlint.findings import make_finding
from claimlint.lazyregex import LazyPattern
from claimlint.prefilter import WHITESPACE, PatternSet

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
        "provided": bool(o.get("provided")),
        "element": str(o.get("element") or rule.name),
    }


def elements(options: dict) -> set[str]:
    """The elements a rule with these options looks for (what `provided` and `metadata` may name)."""
    found = {options["element"]} if options.get("element") else set()
    return found | ({"date"} if options.get("dates") else set())


def apply_settings(options: dict, settings) -> dict:
    """The rule's options under a configuration's `metadata` keys and `provided` elements."""
    element, metadata = options.get("element"), settings.metadata_map
    out = dict(options)
    if element in metadata:
        out["meta_keys"] = list(metadata[element])
    if options.get("dates") and "date" in metadata:
        out["date_meta_keys"] = list(metadata["date"])
    if element in settings.provided or (options.get("dates") and "date" in settings.provided):
        out["provided"] = True
    return out


def _ok_value(value: str, comp) -> bool:
    value = value.strip()
    return bool(value) and not (comp["not_names"] and comp["not_names"].search(value))


def present(doc, comp, ctx) -> str | None:
    """The element's value where the article gives it (a name, a date, a sentence), else None."""
    for m in doc.meta_values(comp["meta_keys"]):
        if _ok_value(m.value, comp):
            return " ".join(m.value.split())
    if comp["dates"]:
        dates = article_dates(doc, ctx, comp["date_keys"])
        if dates:
            return max(d.value for d in dates).isoformat()
    cards = ctx.cached(("cards",), lambda: card_flags(doc)) if comp["skip_cards"] else None
    blocks = doc.blocks
    for i, block in enumerate(blocks):
        if cards is not None and cards[i]:
            continue
        text = block.text
        if i + 1 < len(blocks) and len(blocks[i + 1].text) <= LABEL_VALUE_CHARS and ends_on_label(text):
            # A label in one element and its value in the next ("Medically reviewed by" then a
            # name in its own <div>): read as one line.
            text = f"{text} {blocks[i + 1].text}"
        for _, m in comp["body"].finditer(text, ctx.memo):
            value = m.group("name") if "name" in m.re.groupindex and m.group("name") else m.group(0)
            if _ok_value(value, comp):
                return " ".join(value.split())
    return None


# A block that ends on a reviewer's or date's label, its value left to the next element.
LABEL_WORDS = ("by", "on", "updated", "reviewed", "reviewer", "published", "modified", "date")
LABEL_END = re.compile(rf"\b(?:{'|'.join(LABEL_WORDS)})\s*:?\s*$", re.IGNORECASE)
LABEL_VALUE_CHARS = 80
LABEL_WORD_CHARS = max(map(len, LABEL_WORDS))
_TRAILING = WHITESPACE + ":"  # what may follow the label's word: `\s`, one colon


def ends_on_label(text: str) -> bool:
    """`LABEL_END.search(text)`, read only at the end of the text (searching a whole paragraph
    for it, at every block, was about 2% of a run): after the label's word come only whitespace
    and a colon, so a match begins at most LABEL_WORD_CHARS before the run of those the text
    ends with. `search(text, pos)` still sees the character before `pos` for `\b`."""
    tail = len(text) - len(text.rstrip(_TRAILING))
    return LABEL_END.search(text, max(0, len(text) - tail - LABEL_WORD_CHARS)) is not None


def _found(doc, rule, comp, ctx) -> str | None:
    return ctx.cached(("required", rule.code), lambda: present(doc, comp, ctx))


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


def card_flags(doc) -> list[bool]:
    """`in_card` for every block, in one pass (asking block by block walked back over every block
    before it: quadratic on a page of thousands of short lines). Tested equal to `in_card`."""
    blocks = doc.blocks
    out = []
    chain = False  # the run of short title-like blocks just before holds a "Related …" heading
    paragraph_before = False  # a paragraph among the blocks before the previous one
    for i, block in enumerate(blocks):
        if block.kind == CARD or RELATED_RE.search(block.section or "") or RELATED_RE.search(block.text):
            flag = True
        elif chain:
            flag = True
        elif block.kind == BOILERPLATE and i > 0 and blocks[i - 1].kind == BOILERPLATE:
            flag = paragraph_before and blocks[i - 1].kind != TITLE
        else:
            flag = False
        out.append(flag)
        if i > 0 and blocks[i - 1].kind == PARAGRAPH:
            paragraph_before = True
        short = block.kind in TITLE_LIKE and len(block.text) < 120
        chain = short and ((block.kind in (HEADING, BOILERPLATE) and bool(RELATED_RE.search(block.text))) or chain)
    return out


def check(doc, rule, comp, ctx):
    if comp["min_words"] and ctx.cached(("words",), lambda: len(doc.source.split())) < comp["min_words"]:
        return
    if comp["provided"] or provided(doc.path, comp["provided_for"]) or _found(doc, rule, comp, ctx) is not None:
        return
    first = next((i for i, ch in enumerate(doc.source) if not ch.isspace()), 0)
    end = doc.source.find("\n", first)
    end = len(doc.source) if end < 0 else end
    yield make_finding(doc, rule, first, len(doc.source[:end].rstrip()) if end > first else first, scope="document")


def facts(doc, rule, comp, ctx) -> dict:
    """{element: what the article gives for it} when it gives it."""
    value = _found(doc, rule, comp, ctx)
    return {comp["element"]: value} if value is not None else {}
