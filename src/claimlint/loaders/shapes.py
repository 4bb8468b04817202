"""Shapes of lines that are not sentences, shared by the loaders.

Bylines, captions, cookie banners and reference entries look alike in every format;
recognising them here keeps one definition for plain text, Markdown and HTML.
"""
from __future__ import annotations

import re
from functools import lru_cache

from claimlint.prefilter import fold, required

TERMINAL = ".!?…"
TERMINAL_CLOSERS = "\"'”’)]*_"

BYLINE_RE = re.compile(
    r"^\s*(?:icon)?(?:(?:medically\s+|clinically\s+)?(?:reviewed|approved|fact[- ]checked|checked|written|edited|"
    r"authored|verified)\s+(?:by|on)\b|by\s+(?-i:[A-Z])|last\s+(?:updated|reviewed|modified)\b|updated\s+(?:on\b|\d)|"
    r"published\s+(?:on\b|\d)|reviewed\s+on\b|posted\s+(?:on\b|\d)|date\s*:)",
    re.IGNORECASE,
)
BOILERPLATE_RE = re.compile(
    r"\b(?:we\s+use\s+cookies|cookie\s+(?:policy|settings|preferences)|accept\s+(?:all\s+)?cookies|"
    r"privacy\s+policy|terms\s+(?:and|&)\s+conditions|all\s+rights\s+reserved|subscribe\s+to\s+our\s+newsletter|"
    r"sign\s+up\s+for\s+our\s+newsletter|share\s+this\s+article|skip\s+to\s+(?:main\s+)?content)\b",
    re.IGNORECASE,
)
REFERENCE_HEADING_RE = re.compile(
    r"^\s*(?:references?|sources?|bibliography|further\s+reading|citations?|footnotes?|notes|works\s+cited|"
    r"studies\s+cited|reference\s+list)\s*:?\s*$",
    re.IGNORECASE,
)
YEAR_PAREN_RE = re.compile(r"\((?:19|20)\d\d[a-z]?\)")
URLISH_RE = re.compile(r"(?:https?://|www\.|doi\.org|\bdoi:|\bpmid:?\s*\d|\bisbn\b)", re.IGNORECASE)
DASH_TITLE_RE = re.compile(r"^[A-Z][^.?!]{1,80}\s[–—-]\s\S")
# A statistic's figure as a page's stat strip or hero band sets it: "50%", "10–20%", "85%+", "5x".
_STAT = r"\s*(?:up\s+to\s+|over\s+)?[<>~≈]?\s*\d[\d.,]*\s*(?:[–-]\s*\d[\d.,]*\s*)?(?:%|\+|×|x\b|k\+?)\+?"
STAT_FIGURE_RE = re.compile(_STAT + r"\s*", re.IGNORECASE)  # the figure alone (fullmatch)
STAT_LINE_RE = re.compile(_STAT + r"\s+(?:\w+\s+){2}", re.IGNORECASE)  # the figure and its words


def ends_with_terminal(text: str) -> bool:
    t = text.rstrip().rstrip(TERMINAL_CLOSERS)
    return bool(t) and t[-1] in TERMINAL


def is_byline(text: str) -> bool:
    return bool(BYLINE_RE.match(text)) and len(text) < 200


def is_boilerplate(text: str) -> bool:
    if len(text) >= 400:
        return False
    folded = fold(text)
    if folded is not None and not all(words.search(folded) for words in _boilerplate_words()):
        return False  # a word every match holds is missing: `re` would try every position in vain
    return bool(BOILERPLATE_RE.search(text))


@lru_cache(maxsize=1)
def _boilerplate_words() -> tuple[re.Pattern, ...]:
    """For each clause the prefilter reads off `BOILERPLATE_RE` (a match holds one of its words,
    in `fold`ed text), one expression finding any of them: a plain alternation of literals,
    which `re` skips through far faster than the case-insensitive pattern that opens with `\\b`."""
    return tuple(re.compile("|".join(re.escape(w) for w in sorted(clause)))
                 for clause in required(BOILERPLATE_RE).clauses)


def is_reference_heading(text: str) -> bool:
    return bool(REFERENCE_HEADING_RE.match(text.strip().strip("#").strip()))


def looks_like_reference(text: str) -> bool:
    """A line that names a source: authors (year) title, 'Publisher – Title:', or a URL/DOI entry."""
    t = text.strip()
    if not t or t.endswith("?") or len(t) > 600:
        return False
    if YEAR_PAREN_RE.search(t) and (t.endswith((":", ".")) or URLISH_RE.search(t)):
        return True
    if DASH_TITLE_RE.match(t) and (t.rstrip().endswith(":") or URLISH_RE.search(t) or ".php" in t or ".htm" in t):
        return True
    return False


def word_count(text: str) -> int:
    return len(text.split())


def looks_like_heading(text: str) -> bool:
    """A short line without final punctuation: a heading, caption, label or card title."""
    t = text.strip()
    if not t or ends_with_terminal(t) and not t.endswith(("?", "…")):
        return False
    words = t.split()
    if t.endswith(("?", "…")):
        return len(words) <= 16
    if len(words) <= 8:
        return True
    caps = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return len(words) <= 14 and caps >= 0.6 * len(words)


YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")
DISCLAIMER_HINT_RE = re.compile(r"\b(?:substitute|information\s+only|medical\s+advice|disclaimer)\b", re.I)


def could_be_reference(text: str) -> bool:
    """A paragraph under a References heading that is an entry, not closing prose or a disclaimer."""
    t = text.strip()
    if DISCLAIMER_HINT_RE.search(t) or is_boilerplate(t):
        return False
    return bool(YEAR_RE.search(t) or URLISH_RE.search(t) or t.endswith(":") or len(t.split()) <= 25)
