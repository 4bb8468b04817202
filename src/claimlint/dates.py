"""Find the article's own dates (updated, reviewed, published) wherever a format keeps them.

Shared by the required-element and date rules: metadata keys (front matter, meta tags,
JSON-LD, <time>), labelled dates in bylines ("Last updated 16th February 2024", also
glued to scraping debris such as "iconLast updated") and news datelines at the top. Dates
about events in the text, a copyright year or a footer link's date are not the article's date.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateutil import parser as dateparser

from claimlint.document import BOILERPLATE, BYLINE, HEADING, PARAGRAPH, CAPTION
from claimlint.prefilter import PatternSet

MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
         r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
DATE_PATTERN = (
    r"(?:\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + MONTH + r",?\s+\d{4}"
    r"|" + MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}"
    r"|" + MONTH + r"\s+\d{4}"
    r"|\d{1,2}/\d{4}(?![/\d]))"  # a month and year ("Review date: 01/2024")
)
DATE_RE = re.compile(DATE_PATTERN, re.IGNORECASE)
LABEL_RE = re.compile(
    r"(?:last\s+)?(?:updated|reviewed|modified|revised|published|posted|checked|approved|fact[- ]checked|date)"
    r"(?:\s+(?:on|by\s+[^,.\n]{2,60}?(?:\s+on)?))?\s*[:\-–—]?\s*(?:on\s+)?(" + DATE_PATTERN + r")",
    re.IGNORECASE,
)
# A news dateline opens the story: "LONDON, 3 March 2026 (Reuters) – …", "March 3, 2026 — …",
# or a line holding nothing but the date under the headline.
DATELINE_RE = re.compile(
    r"^\s*(?:[A-Z][A-Z.'’ -]{1,40}(?:,\s*[A-Z][A-Za-z.]+)?\s*[,–—-]\s*)?((?i:" + DATE_PATTERN + r"))\s*"
    r"(?:\([^)\n]{1,40}\)\s*)?(?:[–—:-]|$)")
LABELLED_DATES = PatternSet([LABEL_RE])
# A date's label alone ("Last updated:", "Reviewed on"), its date in the next element.
LABEL_ONLY = re.compile(r"^\s*(?:last\s+)?(?:updated|reviewed|modified|revised|published|posted|checked|approved|"
                        r"fact[- ]checked)(?:\s+on)?\s*:?\s*$", re.IGNORECASE)
LABEL_ONLY_CHARS = 30
DATE_ONLY = re.compile(r"^\s*(" + DATE_PATTERN + r")\s*$", re.IGNORECASE)
DATELINE_BLOCKS = 6  # a dateline sits among the first blocks of the article (furniture not counted)
DATE_META_KEYS = ("updated", "last_updated", "lastmod", "last_modified", "last_reviewed", "lastreviewed",
                  "date_modified", "datemodified", "modified", "date", "publishdate", "pubdate", "published",
                  "updateddate", "datepublished", "article:modified_time", "article:published_time",
                  "og:updated_time", "time", "reviewed", "review_date", "reviewed_on", "dc.date",
                  "dcterms.modified", "last-modified", "date-modified", "lastupdate", "lastupdated", "last_update",
                  "last-updated", "updated_at", "modified_at", "date_updated", "dateupdated", "last-reviewed",
                  "reviewed_date", "review-date", "last_review", "lastreview", "revised", "dc.date.modified",
                  "dc.date.issued", "dcterms.issued", "dcterms.date")


@dataclass(frozen=True)
class ArticleDate:
    value: dt.date
    src_start: int
    src_end: int
    label: str


def parse_date(text: str, dayfirst: bool = True) -> dt.date | None:
    t = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.strip(), flags=re.I)
    try:
        value = dateparser.parse(t, dayfirst=dayfirst and not re.match(r"\d{4}-", t),
                                 default=dt.datetime(2000, 1, 1))
    except (ValueError, OverflowError, TypeError):
        return None
    return value.date() if value and 1900 <= value.year <= 2200 else None


def article_dates(doc, ctx, meta_keys=DATE_META_KEYS, dayfirst: bool = True) -> list[ArticleDate]:
    return ctx.cached(("article-dates", tuple(meta_keys), dayfirst), lambda: _find(doc, meta_keys, dayfirst, ctx.memo))


def _find(doc, meta_keys, dayfirst, memo=None) -> list[ArticleDate]:
    found = []
    for m in doc.meta_values(meta_keys):
        value = parse_date(m.value, dayfirst)
        if value:
            found.append(ArticleDate(value, m.src_start, m.src_end, m.key))
    shown = 0  # blocks of the article so far (a page's menus and title do not count)
    blocks = doc.blocks
    for i, block in enumerate(blocks):
        if i + 1 < len(blocks) and len(block.text) <= LABEL_ONLY_CHARS and LABEL_ONLY.match(block.text):
            # "Reviewed on" in one element and "10/01/2026" in the next (a meta list, a byline's
            # spans): the label's date.
            nxt = blocks[i + 1]
            m = DATE_ONLY.match(nxt.text)
            if m and (value := parse_date(m.group(1), dayfirst)):
                s, e = nxt.to_source(m.start(1), m.end(1))
                found.append(ArticleDate(value, s, e, "byline"))
        if block.kind in (BYLINE, PARAGRAPH, HEADING) and shown < DATELINE_BLOCKS:
            shown += 1
            m = DATELINE_RE.match(block.text)
            if m and (value := parse_date(m.group(1), dayfirst)):
                s, e = block.to_source(m.start(1), m.end(1))
                found.append(ArticleDate(value, s, e, "dateline"))
                continue
        if block.kind not in (BYLINE, PARAGRAPH, HEADING, CAPTION, BOILERPLATE) or len(block.text) > 400:
            continue
        if block.kind == BOILERPLATE and re.search(r"privacy|cookie|terms|copyright|©", block.text, re.I):
            continue
        for _, m in LABELLED_DATES.finditer(block.text, memo):
            value = parse_date(m.group(1), dayfirst)
            if value:
                s, e = block.to_source(m.start(1), m.end(1))
                found.append(ArticleDate(value, s, e, "byline"))
    return found
