"""Is a sentence supported by a source? Recognisers and scope, per the editorial policy.

A sentence has its *own* source when it carries an external link, a reference marker, an
author-year reference or a named source (the recognisers come from the rule pack, so an
editorial team can add its house style). Scope then decides which sentences a source
covers: by default its own sentence, a following sentence that continues the attribution
("It found…"), list items under a cited lead-in, and the sentence before a sentence that
only attributes ("Source: NICE, 2020."). `next-sentence` and `paragraph` widen it.
"""
from __future__ import annotations

import re
from urllib.parse import urlparse

from claimlint.document import CAPTION, LIST_ITEM, PARAGRAPH, PROSE_KINDS, REFERENCE, TABLE_CELL
from claimlint.lazyregex import LazyPattern
from claimlint.prefilter import PatternSet
from claimlint.sentences import block_sentences

SCOPES = ("sentence", "next-sentence", "paragraph")
# The path of a shop's product, category or basket page ("/product/10788-302-1", "/collections/serums").
SHOP_PATH = re.compile(r"/(?:[\w-]+/){0,2}(?:products?|shop|store|collections?|category|categories|product-category|"
                       r"cart|basket|checkout|buy)(?:/|$)", re.IGNORECASE)
BARE_URL_RE = re.compile(r"(?:https?://|www\.)[^\s)\]>]+|\bdoi:\s*10\.\d{4,}/\S+|\b10\.\d{4,}/[^\s)]+", re.I)


def _compile_all(patterns) -> LazyPattern | None:
    pats = [p for p in (patterns or []) if p]
    return LazyPattern("|".join(f"(?:{p})" for p in pats)) if pats else None


class CitationFinder:
    """Compiled citation recognisers from a rule's `citation` options."""

    def __init__(self, options: dict):
        def each(*keys):
            return [LazyPattern(p) for key in keys for p in (options.get(key) or []) if p]

        # Every recogniser a sentence's own text can match, searched together (see own_source).
        self.sources = PatternSet([LazyPattern(BARE_URL_RE.pattern, BARE_URL_RE.flags)]
                                  + each("markers", "author_year", "named_sources"))
        self.named = PatternSet(each("named_sources"))  # who a quotation is attributed to
        self.continuing = _compile_all(options.get("continuing"))
        self.attribution_only = _compile_all(options.get("attribution_sentences"))
        self.site_hosts = {h.lower() for h in options.get("site_hosts", [])}
        self.surnames = bool(options.get("surnames", False))  # see `_by_known_person`
        self.key = repr(sorted((k, repr(v)) for k, v in options.items()))

    def is_external(self, url: str) -> bool:
        url = (url or "").strip()
        if not url:
            return False
        if url.lower().startswith(("doi:", "www.")):
            return True
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            return False  # relative links, anchors, mailto: are navigation
        if SHOP_PATH.match(parsed.path):
            return False  # a product or category page of a shop: what the page sells, not a source
        host = parsed.netloc.lower().split(":")[0]
        return not any(host == h or host.endswith("." + h) for h in self.site_hosts)

    def own_source(self, block, start: int, end: int, memo: dict | None = None) -> bool:
        """Does the text [start, end) of `block` carry a source of its own? (`memo`: the document's)"""
        for link in block.links:
            if link.start < end and start < link.end and self.is_external(link.url):
                return True
        for s, e in block.markers:
            if s < end and start <= s:
                return True
        return self.sources.search_within(block.text, start, end, memo)


def sentence_citations(doc, ctx, finder: CitationFinder, block_index: int, scope: str) -> "Citations":
    """For each sentence of a block, whether a source covers it under `scope` (index it by sentence)."""
    return ctx.cached(("cited", finder.key, scope, block_index),
                      lambda: Citations(doc, ctx, finder, block_index, scope))


class Citations:
    """Whether a source covers each sentence of a block, worked out only for the sentences asked
    about (most sentences of a paragraph hold no candidate claim, so their sources never matter).

    Sentence i is covered by its own source; by the sentence before when it continues that
    sentence's attribution ("It found…"); by the sentence after when that one only attributes
    ("Source: NICE, 2020.") or, with scope next-sentence, has a source of its own; by any source
    in the paragraph with scope paragraph; by a cited lead-in when the block is a list item; and
    by an attributed quotation it overlaps.
    """

    def __init__(self, doc, ctx, finder: CitationFinder, block_index: int, scope: str):
        self.doc, self.ctx, self.finder, self.index, self.scope = doc, ctx, finder, block_index, scope
        self.block = doc.blocks[block_index]
        self.sents = block_sentences(doc, ctx, block_index)
        self._own: dict[int, bool] = {}
        self._cited: dict[int, bool] = {}
        self._whole: bool | None = None  # every sentence covered (paragraph scope, cited lead-in)

    def own(self, i: int) -> bool:
        if i not in self._own:
            s = self.sents[i]
            self._own[i] = (self.finder.own_source(self.block, s.start, s.end, self.ctx.memo)
                            or (self.finder.surnames
                                and _by_known_person(self.doc, self.ctx, self.index, s.start, s.end)))
        return self._own[i]

    def _text(self, i: int) -> str:
        s = self.sents[i]
        return self.block.text[s.start:s.end]

    def _covers_all(self) -> bool:
        if self._whole is None:
            n = len(self.sents)
            self._whole = bool(n) and (
                (self.scope == "paragraph" and any(self.own(i) for i in range(n)))
                or (self.block.kind == LIST_ITEM
                    and _lead_in_cited(self.doc, self.ctx, self.finder, self.index, self.scope))
                or (self.block.kind == TABLE_CELL and _table_attributed(self.doc, self.ctx, self.finder, self.index)))
        return self._whole

    def __getitem__(self, i: int) -> bool:
        if i in self._cited:
            return self._cited[i]
        finder, last = self.finder, len(self.sents) - 1
        cited = (self.own(i)
                 or (i > 0 and finder.continuing is not None and self.own(i - 1)
                     and finder.continuing.match(self._text(i)) is not None)
                 or (i < last and finder.attribution_only is not None
                     and finder.attribution_only.match(self._text(i + 1)) is not None)
                 or (i < last and self.scope == "next-sentence" and self.own(i + 1))
                 or self._covers_all()
                 or self._in_quotation(i))
        self._cited[i] = cited
        return cited

    def _in_quotation(self, i: int) -> bool:
        s = self.sents[i]
        return any(s.start < qe and qs < s.end
                   for qs, qe in attributed_quotes(self.doc, self.ctx, self.finder).get(self.index, ()))


OPENING_QUOTES = "“\""
CLOSING_QUOTES = "”\""
_QUOTE_MARK = re.compile(r"[“”\"]")
_SAYING = (r"says|said|say|explains|explained|adds|added|notes|noted|writes|wrote|told|tells|recalls|argues|argued|"
           r"warns|warned|comments|commented")
SAYS_RE = re.compile(rf"\b(?:{_SAYING}|according\s+to)\b", re.I)


def attributed_quotes(doc, ctx, finder: CitationFinder) -> dict[int, list[tuple[int, int]]]:
    """Block-text spans of quotations attributed to a named person, per block index.

    A quotation is cited by its attribution ("…,” says Professor Ana Ruiz of …) wherever that
    sits: right after the closing mark or before the opening one. A quotation running over
    several paragraphs (each re-opened with a quotation mark, the closing mark only at the
    end) stays one quotation until it closes.
    """
    return ctx.cached(("quotes", finder.key), lambda: _find_quotes(doc, finder))


def _find_quotes(doc, finder) -> dict[int, list[tuple[int, int]]]:
    found: dict[int, list[tuple[int, int]]] = {}
    current: list[tuple[int, int, int]] = []  # (block, start, end) pieces of the open quotation
    lead = ""  # text before the opening mark
    for bi, block in enumerate(doc.blocks):
        if block.kind not in PROSE_KINDS:
            current, lead = [], ""
            continue
        text = block.text
        start = None
        if current:  # a quotation left open by the paragraph before continues if re-opened here
            if text[:1] in OPENING_QUOTES:
                start = 1
            else:
                current, lead = [], ""
        for m in _QUOTE_MARK.finditer(text, start or 0):
            ch = m.group()
            if start is None and ch in OPENING_QUOTES and (ch == "“" or _opens(text, m.start())):
                start, lead = m.end(), text[max(0, m.start() - 160):m.start()]
                if not lead.strip() and bi and doc.blocks[bi - 1].text.rstrip().endswith(":"):
                    lead = doc.blocks[bi - 1].text[-160:]  # "Dr Anand told us:" then the quotation
            elif start is not None and ch in CLOSING_QUOTES:
                current.append((bi, start, m.start()))
                tail = text[m.end():m.end() + 160]
                if _attributed(finder, lead, tail):
                    for b, s, e in current:
                        found.setdefault(b, []).append((s, e))
                current, start, lead = [], None, ""
        if start is not None:
            current.append((bi, start, len(text)))
    return found


def _opens(text: str, i: int) -> bool:
    """A straight double quote opens when it follows a space or the start of the text."""
    return i == 0 or text[i - 1].isspace() or text[i - 1] in "([—–-"


_PRONOUN_SAYS = re.compile(r"^\W*(?:he|she|they)\s+(?:\w+\s+)?" + SAYS_RE.pattern, re.I)


def _attributed(finder, lead: str, tail: str) -> bool:
    tail = re.split(r"(?<=[.!?])\s", tail, maxsplit=1)[0]
    sentence = re.split(r"[.!?]\s", lead)[-1]
    for part in (tail, sentence):
        if SAYS_RE.search(part) and finder.named.search(part):
            return True
    # "Professor Ana Ruiz, a neurologist at …, welcomed it. “…,” she said.": the pronoun names
    # the person the sentence before the quotation introduced.
    return bool(_PRONOUN_SAYS.search(tail)) and finder.named.search(lead)


# A person introduced by full name: "Dr Maya Reyes", "Professor Ana Ruiz", "says Maya Reyes",
# "Maya Reyes, a dermatologist at …". Group 1 is the surname.
_PERSON_RES = (  # each opens with a literal or a capital, so `re` skips ahead to where it can match
    re.compile(r"(?:Dr\.?|Prof\.?|Professor|Doctor)\s+(?:[A-Z][\w’'-]+\s+){0,2}([A-Z][a-z][\w’'-]*)\b(?![’']s\s+[A-Z])"),
    re.compile(r"(?:says|said|explains|explained|told|notes|noted|writes|wrote|adds|added)\s+[A-Z][a-z]+\s+"
               r"([A-Z][a-z][\w’'-]*)\b"),
    re.compile(r"[A-Z][a-z]+\s+([A-Z][a-z][\w’'-]*),\s+(?:\d{1,3},\s+)?(?:a|an|the)\s+[\w\s-]{3,60}?\s+"
               r"(?:at|from|of|with)\s+[A-Z]"))
_SAYS_WORDS = _SAYING + r"|recommends|recommended|advises|advised|suggests|suggested|found|finds|reports|reported"

_SAYS_ANY = re.compile(rf"\b(?:{_SAYS_WORDS}|according\s+to)\b")


def people(doc, ctx) -> dict[str, int]:
    """Surnames of the people the article introduces by full name, each with the block index of its
    first introduction (a source named by surname after a full first mention is named)."""
    def find():
        out: dict[str, int] = {}
        for bi, block in enumerate(doc.blocks):
            text = block.text
            if block.kind in PROSE_KINDS:
                for rx in _PERSON_RES:
                    for m in rx.finditer(text):
                        if m.start() == 0 or not text[m.start() - 1].isalnum():
                            out.setdefault(m.group(1), bi)
        return out
    return ctx.cached(("people",), find)


def _surname_attribution(doc, ctx):
    """One expression for the article: a known surname attributing ("Reyes says", "said Reyes",
    "according to Reyes"), with the first block each name may cite from."""
    def make():
        names = people(doc, ctx)
        if not names:
            return None
        alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        return re.compile(rf"\b({alts})\s+(?:also\s+|further\s+)?(?:{_SAYS_WORDS})\b"
                          rf"|\b(?:{_SAYS_WORDS}|according\s+to)\s+(?:Dr\.?\s+|Professor\s+|Prof\.?\s+)?({alts})\b")
    return ctx.cached(("people-attribution",), make)


def _by_known_person(doc, ctx, block_index: int, start: int, end: int) -> bool:
    """Does text [start, end) of a block attribute to a person the article introduced earlier by
    full name ("Colombo says …" after "Dr Paula Colombo, a dermatologist at …")?"""
    if not _SAYS_ANY.search(doc.blocks[block_index].text, start, end):
        return False  # the common case: no attributing word, no need to know the article's people
    rx = _surname_attribution(doc, ctx)
    if rx is None:
        return False
    names = people(doc, ctx)
    for m in rx.finditer(doc.blocks[block_index].text, start, end):
        if names.get(m.group(1) or m.group(2), block_index + 1) <= block_index:
            return True
    return False


def _table_attributed(doc, ctx, finder, block_index: int) -> bool:
    """A table's cells are covered by a line that only attributes, just under the table or just
    above it ("Source: What We Eat in America, NHANES 2007-2010"): the policy's next sentence
    that only attributes, for a table, whose cells are no sentences of their own."""
    if finder.attribution_only is None:
        return False
    return block_index in ctx.cached(("attributed-tables", finder.key), lambda: _attributed_cells(doc, finder))


def _attributed_cells(doc, finder) -> set[int]:
    """The indices of the table cells of every table with an attribution line next to it."""
    blocks, out, i = doc.blocks, set(), 0
    while i < len(blocks):
        if blocks[i].kind != TABLE_CELL:
            i += 1
            continue
        lo = i
        while i < len(blocks) and blocks[i].kind == TABLE_CELL:
            i += 1
        near = [blocks[j] for j in (lo - 1, i) if 0 <= j < len(blocks)]
        if any(b.kind in (PARAGRAPH, CAPTION) and finder.attribution_only.match(b.text.strip()) is not None
               for b in near):
            out.update(range(lo, i))
    return out


def _lead_in_cited(doc, ctx, finder, block_index: int, scope: str) -> bool:
    """A list item is covered when the paragraph introducing its list ends with ':' and is cited."""
    i = doc.lead_in(block_index)
    if i is None:
        return False
    lead = doc.blocks[i]
    sents = block_sentences(doc, ctx, i)
    return bool(sents) and finder.own_source(lead, sents[-1].start, sents[-1].end, ctx.memo)


def is_reference_block(block) -> bool:
    return block.kind == REFERENCE
