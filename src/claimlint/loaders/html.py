"""HTML articles: blocks of prose with exact source positions, plus page metadata.

Why `html.parser.HTMLParser` and not selectolax (which is faster and more forgiving): a
finding must point at the exact source characters, and selectolax's tree carries no
source offsets, so its text would have to be re-found in the source by searching, which
goes wrong on repeated phrases, entities and whitespace. HTMLParser streams events in
source order and `getpos()` gives the exact line and column of each one. With
`convert_charrefs=False`, text arrives as raw source slices (mapped one to one) and each
entity or character reference arrives as its own event, so it becomes one atomic piece
(``&amp;`` -> ``&``). The price is that HTMLParser builds no tree and knows none of
HTML's rules for closing tags implicitly; `_Walker` keeps a stack of open elements and
follows the rules that matter for prose (``<p>`` closed by the next block, ``<li>`` by the
next item, cells by the next cell). Malformed markup never raises. Measured on CPython
3.11: about 2 s per MB of HTML (the bare parser takes a sixth of that), so a typical
50-200 kB article loads in well under half a second.

Block elements start a new block; inline elements stay in the current block's text. Text
directly inside a container (``<div>``, ``<section>``, ``<body>``) becomes a paragraph
of its own. Inline code (``<code>``, ``<kbd>``, ``<samp>``) is not prose: like Markdown's
code spans it stands as one space, and ``<pre>`` blocks are skipped whole. Page chrome
(nav, footer, aside, page-level header, cookie banners...) is kept as BOILERPLATE, because
a medical disclaimer often lives in the footer and the required-element rules search every
block.
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from claimlint.document import (BOILERPLATE, BYLINE, CAPTION, HEADING, LIST_ITEM, PARAGRAPH, QUOTE,
                                REFERENCE, TABLE_CELL, TITLE, Block, Document, Link, MetaValue, Outline, Piece)
from claimlint.loaders import pagebody, shapes

DEFAULT_BOILERPLATE_SELECTORS = (
    "nav", "footer", "aside", "header",
    ".cookie", "#cookie", ".consent", "#consent", ".banner", "#banner", ".newsletter", "#newsletter",
    ".related", "#related", ".share", "#share", ".breadcrumb", "#breadcrumb", ".menu", "#menu",
)

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# The innermost of these decides a block's kind (after title, heading, reference, boilerplate).
STRUCTURE_KINDS = {"td": TABLE_CELL, "th": TABLE_CELL, "li": LIST_ITEM, "dt": LIST_ITEM, "dd": LIST_ITEM,
                   "blockquote": QUOTE, "figcaption": CAPTION, "caption": CAPTION,
                   "summary": CAPTION}  # a <details> label ("Side effects"), not a sentence
LISTS = frozenset({"ul", "ol", "dl", "menu"})
NAMED_TEXT_TAGS = frozenset({"li", "p"})
# A paragraph or division set as a heading by its class: an eyebrow, a kicker, a section title.
LABEL_TAGS = frozenset({"p", "div", "span"})
# A paragraph or division that is an image's caption or credit by its class.
CAPTION_CLASS = re.compile(r"(?:^|\s|[-_])(?:caption|wp-caption-text|figcaption|image-credit|photo-credit|"
                           r"credit)(?:$|\s|[-_]{2})")
LABEL_CLASS = re.compile(r"(?:^|\s|[-_])(?:kicker|eyebrow|overline|subtitle|sub-?heading|section-?title|"
                         r"section-?heading|heading|headline)(?:$|\s|[-_]{2})")
CONTAINERS = frozenset({
    "html", "body", "head", "div", "section", "article", "main", "header", "footer", "aside", "nav",
    "ul", "ol", "dl", "menu", "table", "thead", "tbody", "tfoot", "tr", "figure", "form", "fieldset",
    "address", "hr", "details", "summary", "hgroup", "center", "legend", "pre", "dialog",
})
# Starting or ending one of these ends the block being built.
BREAKS = CONTAINERS | HEADINGS | frozenset(STRUCTURE_KINDS) | {"p", "title"}
# Their content is not prose and never becomes a block (`title` inside `head` is the exception).
SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "math", "iframe", "object",
                     "canvas", "head", "pre", "select", "textarea"})
# Inline code is not prose either (Markdown's `code` is dropped the same way); it stands as
# one space, mapped to its start tag, so the words on either side stay apart.
INLINE_CODE = frozenset({"code", "kbd", "samp"})
ITALIC_TAGS = ("i", "em")
CAPTION_MAX_CHARS = 200  # a paragraph this short can be a caption (see `_as_caption`)
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                  "source", "track", "wbr", "keygen"})
# An end tag does not close elements beyond these (HTML's "scope"), so a stray </div> inside
# a table cell leaves the table alone.
SCOPE_LIMITS = frozenset({"td", "th", "table", "caption", "html", "template"})
TABLE_PARTS = frozenset({"thead", "tbody", "tfoot", "tr", "td", "th", "caption"})
# Elements whose class/id never make them boilerplate: a page-wide class such as
# <body class="has-cookie-banner"> must not turn the whole article into chrome.
NEVER_CHROME = frozenset({"html", "body", "main"})
REFERENCE_CLASSES = frozenset({"references", "footnotes", "endnotes", "reflist", "bibliography"})
REFERENCE_ROLES = frozenset({"doc-endnotes", "doc-bibliography"})
CITATION_TAGS = frozenset({"sup", "cite"})
# Superscripts that cite nothing: marks (®, ™), ordinals (1st) and a unit's power (m², cm³, 10⁻⁶).
_MARK_SUP = re.compile(r"\s*(?:®|™|℠|©|\(?R\)?|TM|SM|st|nd|rd|th|er|e|o|a)\s*", re.I)
_POWER_SUP = re.compile(r"\s*[-−–]?\d{1,2}\s*")
_UNIT_BEFORE = re.compile(r"(?:\b(?:[kcmµμn]?m|ft|in|yd|mi|[kmµμ]?g|s|h|x|×)|\d\s*[×x]\s*10|10)$", re.I)


def is_citation_marker(text: str, start: int, end: int) -> bool:
    """Is the superscript or <cite> at [start, end) of a block's text a citation (not a ® or an m²)?"""
    inner = text[start:end]
    if _MARK_SUP.fullmatch(inner):
        return False
    return not (_POWER_SUP.fullmatch(inner) and _UNIT_BEFORE.search(text[max(0, start - 12):start]))
HEAD_CONTENT = frozenset({"title", "meta", "link", "script", "style", "base", "noscript", "template"})

JSONLD_KEYS = frozenset({"dateModified", "datePublished", "lastReviewed", "reviewedBy", "author",
                         "headline", "description", "@type"})
PERSON_KEYS = frozenset({"author", "reviewedBy"})
META_KEY_ATTRS = ("name", "property", "itemprop")
# Microdata properties read from an element's text or datetime, as from <meta itemprop content>.
ITEMPROP_TEXT = frozenset({"reviewedby", "reviewer", "lastreviewed", "datemodified", "datepublished"})
_TAG_RE = re.compile(r"<[^>]*>")
ITEMPROP_MAX_CHARS = 2000  # a property wrapping more than this is a container, not a name or a date

ENTITY_RE = re.compile(r"&(?:#\d{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};)")
TAG_NAME_RE = re.compile(r"<[^\s/>]*")
ATTR_RE = re.compile(r"""[\s/]*([^\s/>"'=][^\s/>=]*)(?:\s*=+\s*("[^"]*"|'[^']*'|[^\s>]*))?""")
# `&#` that is not a character reference; CPython's HTMLParser (3.11) then stops tokenizing
# and hands the rest of the page to handle_data as text.
BAD_CHARREF_RE = re.compile(r"&(?=#(?![0-9]+[^0-9a-fA-F]|[xX][0-9a-fA-F]+[^0-9a-fA-F]))")
SELECTOR_RE = re.compile(r"^([a-z][a-z0-9-]*)?((?:[.#][^.#\s]+)*)$", re.IGNORECASE)


def load_html(path: str, source: str, options: dict | None = None) -> Document:
    """A Document for an HTML article (`source` already decoded, BOM removed)."""
    options = options or {}
    doc = Document(path=path, source=source, format="html")
    selectors = _parse_selectors(options.get("boilerplate_selectors", DEFAULT_BOILERPLATE_SELECTORS))
    walker = _Walker(doc, selectors, _parse_selectors(options.get("content_selectors", ())),
                     _parse_selectors(options.get("card_selectors", ())))
    walker.fragment = bool(options.get("fragment"))
    try:
        walker.feed(walker.fed)
        walker.close()
    except Exception:  # HTMLParser has a few asserts on hopeless markup: keep what was read
        pass
    walker.finish()
    # A page's article body is found among its elements; HTML inside a Markdown article (a
    # `fragment`) is all article, but its named furniture (a related-posts <div>) is still marked.
    pagebody.mark(doc.blocks, walker.infos, walker.parents, walker.signals, walker.forced,
                  find_article=not options.get("fragment"))
    return doc


BUTTON_CLASS = re.compile(r"(?:^|[\s_-])(?:btn|button|cta)(?:$|[\s_-])")


def _says_button(cls: str, attr: dict) -> bool:
    """Does an <a href="#"> say it is a button a script handles rather than a link?"""
    return (bool(BUTTON_CLASS.search(cls)) or (attr.get("role") or "").lower() == "button"
            or any(k.startswith("data-") or k.startswith("on") for k in attr))


def _line_starts(source: str) -> list[int]:
    """Offsets where each line begins; HTMLParser counts lines by '\\n' only, as we do."""
    starts = [0]
    find = source.find
    i = find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return starts


def _end_tag_limits(tag: str) -> frozenset[str]:
    """Elements an end tag for `tag` may not close past: </table> closes its open cells."""
    if tag == "table":
        return frozenset({"html", "template"})
    if tag in TABLE_PARTS:
        return frozenset({"table", "html", "template"})
    return SCOPE_LIMITS


def _is_reference_list(tag: str, classes: set[str], role: str) -> bool:
    """<ol class="references">, <section class="footnotes">, role=doc-endnotes and the like."""
    return tag in ("ol", "ul", "dl", "section", "div", "aside") and bool(
        classes & REFERENCE_CLASSES or role in REFERENCE_ROLES)


# --- boilerplate selectors -------------------------------------------------------------

@dataclass(frozen=True)
class _Selector:
    """`tag`, `.class-substring`, `#id-substring` or a compound such as `div.cookie`."""

    tag: str | None
    classes: tuple[str, ...]
    ids: tuple[str, ...]

    def matches(self, tag: str, cls: str, ident: str) -> bool:
        """`cls` and `ident` are the element's lower-cased class and id attributes."""
        if (self.tag and self.tag != tag) or (not self.tag and tag in NEVER_CHROME):
            return False
        return all(c in cls for c in self.classes) and all(i in ident for i in self.ids)


def _parse_selectors(spec) -> list[_Selector]:
    """Selectors from a list (or comma-separated string); unusable entries are ignored."""
    items = spec.split(",") if isinstance(spec, str) else list(spec or ())
    out = []
    for item in items:
        m = SELECTOR_RE.match(str(item).strip())
        if not m or not str(item).strip():
            continue
        parts = re.findall(r"([.#])([^.#]+)", m.group(2))
        out.append(_Selector((m.group(1) or "").lower() or None,
                             tuple(v.lower() for k, v in parts if k == "."),
                             tuple(v.lower() for k, v in parts if k == "#")))
    return out


# --- raw tag attributes ----------------------------------------------------------------

def _attr_spans(raw_tag: str) -> dict[str, tuple[int, int]]:
    """Each attribute's value span inside the raw start tag (first occurrence wins).

    HTMLParser gives attribute values but not where they are; scanning the tag's attributes
    in order (rather than searching for 'href=') cannot be fooled by text inside another
    attribute's value.
    """
    spans: dict[str, tuple[int, int]] = {}
    m = TAG_NAME_RE.match(raw_tag)
    pos = m.end() if m else 1
    while pos < len(raw_tag):
        a = ATTR_RE.match(raw_tag, pos)
        if not a or a.end() == pos:
            break
        name, value = a.group(1).lower(), a.group(2)
        if name not in spans:
            if value is None:
                spans[name] = (a.end(), a.end())
            elif value[:1] in "\"'" and len(value) >= 2 and value[-1] == value[0]:
                spans[name] = (a.start(2) + 1, a.end(2) - 1)
            else:
                spans[name] = (a.start(2), a.end(2))
        pos = a.end()
    return spans


# --- block text ------------------------------------------------------------------------

class _Text:
    """One block's text under construction: pieces, links and citation markers."""

    def __init__(self, kind: str, group: int, level: int, container: _Frame | None, node: int = -1,
                 region: str | None = None):
        """`level` and `container` describe a heading: its level and the element holding it;
        `node` is the innermost element around the block and `region` its furniture region."""
        self.kind, self.group, self.level, self.container = kind, group, level, container
        self.node, self.region = node, region
        self.parts: list[str] = []
        self.pieces: list[Piece] = []
        self.length = 0
        self.links: list[Link] = []
        self.markers: list[tuple[int, int]] = []
        self.stat = False  # a stat strip's lone figure was held open for the words after it

    def add_raw(self, text: str, src_start: int) -> None:
        """Text that is its own source: maps character for character."""
        if not text:
            return
        last = self.pieces[-1] if self.pieces else None
        if last and last.text_len == last.src_len and last.src_start + last.src_len == src_start:
            n = last.text_len + len(text)
            self.pieces[-1] = Piece(last.text_start, last.src_start, n, n)
        else:
            self.pieces.append(Piece(self.length, src_start, len(text), len(text)))
        self.parts.append(text)
        self.length += len(text)

    def add_atomic(self, text: str, src_start: int, src_end: int) -> None:
        """Text standing for a source run as a whole (an entity, a <br>)."""
        if text:
            self.pieces.append(Piece(self.length, src_start, len(text), src_end - src_start))
            self.parts.append(text)
            self.length += len(text)

    def add_encoded(self, raw: str, src_start: int) -> None:
        """Source text that may hold entities (an attribute value): decode them atomically."""
        pos = 0
        for m in ENTITY_RE.finditer(raw):
            decoded = html.unescape(m.group())
            if decoded == m.group():
                continue
            self.add_raw(raw[pos:m.start()], src_start + pos)
            self.add_atomic(decoded, src_start + m.start(), src_start + m.end())
            pos = m.end()
        self.add_raw(raw[pos:], src_start + pos)

    def ends_with_space(self) -> bool:
        return not self.parts or self.parts[-1][-1:].isspace()

    def build(self) -> Block | None:
        """The block with surrounding whitespace stripped, or None when there is no text."""
        text = "".join(self.parts)
        body = text.strip()
        if not body:
            return None
        lead = len(text) - len(text.lstrip())
        links = [Link(*_word_span(body, l.start - lead, l.end - lead), l.url, l.src_start, l.src_end, l.button)
                 for l in self.links]
        markers = [span for s, e in self.markers if (span := _word_span(body, s - lead, e - lead))[1] > span[0]]
        return Block(self.kind, body, _clip(self.pieces, lead, len(body)), links=links, markers=markers,
                     group=self.group)


def _word_span(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) clamped to the text and narrowed to the words inside it."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _clip(pieces: list[Piece], lead: int, length: int) -> list[Piece]:
    """Pieces re-based after `lead` characters were stripped and cut to `length`."""
    out = []
    for p in pieces:
        start = p.text_start - lead
        end = start + p.text_len
        if end <= 0 or start >= length:
            continue
        if p.text_len == p.src_len:
            front, back = max(0, -start), max(0, end - length)
            n = p.text_len - front - back
            out.append(Piece(start + front, p.src_start + front, n, n))
        else:
            s, e = max(start, 0), min(end, length)
            out.append(Piece(s, p.src_start, e - s, p.src_len))
    return out


def _as_caption(block) -> None:
    """A short paragraph that a page sets as a caption or a note (under an image, wholly in
    italics) is read as one: the claim rules still read it, but it needs no full stop."""
    if block.kind == PARAGRAPH and len(block.text) <= CAPTION_MAX_CHARS:
        block.kind = CAPTION


# --- the walk --------------------------------------------------------------------------

@dataclass(eq=False)
class _Frame:
    """An open element and what it means for the text inside it."""

    tag: str
    skip: bool = False
    chrome: bool = False  # boilerplate
    reference: bool = False  # a references / footnotes container
    byline: bool = False
    label: str = ""  # "heading" or "caption": a <p>/<div> set as one by its class ("kicker", "wp-caption-text")
    group: int = 0  # list id, for ul/ol/dl
    url: str | None = None  # for <a>
    href_span: tuple[int, int] = (-1, -1)
    button: bool = False  # an <a href="#"> that says it is a button (see `_says_button`)
    span_start: int | None = None  # text offset where an <a>/<sup>/<cite> began, in the current block
    content_start: int = -1  # for <script type=application/ld+json>
    itemprop: str = ""  # a schema.org microdata property the rules read (reviewedBy, lastReviewed…)
    item_start: int = -1  # where its text begins
    # What this element and those around it add up to, set when it opens from its parent's, so
    # that nothing walks down the stack however deeply a page nests (that was quadratic).
    title_open: bool = False
    heading_at: int = -1  # stack index of the innermost open heading
    reference_open: bool = False
    chrome_open: bool = False
    byline_open: bool = False
    label_open: str = ""
    structure: str | None = None  # the innermost open element in STRUCTURE_KINDS
    group_open: int = 0  # the innermost open list's group
    skip_floor: int = -1  # stack index of the outermost skipped element
    article_open: bool = False  # inside <article> or <main>
    region: str | None = None  # the furniture region this element starts (see pagebody)
    region_open: str | None = None  # the strongest region around
    signal: int = 0  # how strongly it says it holds the article (pagebody.content_signal; 3: configured)
    node_open: int = -1  # the innermost container element's node (pagebody's tree)
    blocks_at: int = 0  # blocks emitted before it opened
    after_image: bool = False  # a <p> that opened right after an <img>, its parent's first content
    italic_only: bool = False  # a <p> all of whose text so far is in <i> or <em>


class _Walker(HTMLParser):
    """Turns HTMLParser events into blocks and metadata on `doc`."""

    def __init__(self, doc: Document, selectors: list[_Selector], content_selectors: list[_Selector] = (),
                 card_selectors: list[_Selector] = ()):
        super().__init__(convert_charrefs=False)
        self.doc, self.source, self.selectors = doc, doc.source, selectors
        self.content_selectors, self.card_selectors = list(content_selectors), list(card_selectors)
        # The container elements as a tree for pagebody: each one's parent, its content signal;
        # and per block (index, innermost container, furniture region, heading level).
        self.parents: list[int] = []
        self.signals: list[int] = []
        self.forced: set[int] = set()
        self.infos: list[tuple[int, int, str | None, int]] = []
        # What the parser reads: the source with each stray `&#` masked, same length, so
        # positions still match; text is always taken from the real source.
        self.fed = BAD_CHARREF_RE.sub("_", doc.source)
        self.selector_tags = {s.tag for s in selectors if s.tag}
        self.lines = _line_starts(doc.source)
        self.stack: list[_Frame] = []
        self.where: dict[str, list[int]] = {}  # tag -> stack indices of its open elements, innermost last
        self.spans: list[_Frame] = []  # the open <a>, <sup> and <cite> elements, outermost first
        self.text: _Text | None = None
        self.groups = 0
        self.section = ""
        self.outline = Outline()  # the headings open here, for each block's `outline`
        self.fragment = False  # HTML inside a Markdown article (see `load_html`)
        self.refs_level = 0  # level of the References heading we are under; 0 when none
        self.refs_container: _Frame | None = None
        # An image's caption set as a plain <p>: a container holding only an <img> and then one
        # short paragraph (see `_caption_after_image`).
        self.image_at: tuple[_Frame | None, int] | None = None  # the image's parent, blocks so far
        self.caption: tuple[_Frame | None, int] | None = None  # that container, the <p>'s block

    # positions

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.lines[min(line - 1, len(self.lines) - 1)] + col

    def _skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1].skip

    def _skip_floor(self) -> int:
        """Index of the outermost skipped element around us (0 when not skipping): end tags
        inside skipped content close nothing outside it."""
        if not self._skipping():
            return 0
        return self.stack[-1].skip_floor

    def _innermost(self, tags) -> int:
        """The stack index of the innermost open element among `tags` (-1 when none is open)."""
        where = self.where
        return max((where[t][-1] for t in tags if where.get(t)), default=-1)

    def _push(self, frame: _Frame) -> None:
        parent = self.stack[-1] if self.stack else None
        i = len(self.stack)
        tag = frame.tag
        if parent is not None:
            frame.title_open, frame.heading_at = parent.title_open, parent.heading_at
            frame.reference_open, frame.chrome_open = parent.reference_open, parent.chrome_open
            frame.byline_open, frame.structure, frame.group_open = parent.byline_open, parent.structure, parent.group_open
            # A label's words are its own text and inline elements, not a block inside it (a
            # "section-title" wrapper's <p> of intro text stays a paragraph).
            frame.label_open = parent.label_open if tag not in BREAKS else ""
            frame.skip_floor, frame.article_open = parent.skip_floor, parent.article_open
        frame.title_open = frame.title_open or tag == "title"
        frame.heading_at = i if tag in HEADINGS else frame.heading_at
        frame.reference_open = frame.reference_open or frame.reference
        frame.chrome_open = frame.chrome_open or frame.chrome
        frame.byline_open = frame.byline_open or frame.byline
        frame.label_open = frame.label_open or frame.label
        frame.structure = tag if tag in STRUCTURE_KINDS else frame.structure
        frame.group_open = frame.group or frame.group_open
        if frame.skip_floor < 0 and frame.skip:
            frame.skip_floor = i
        frame.article_open = frame.article_open or tag in ("article", "main")
        if parent is not None:
            frame.region_open, frame.node_open = parent.region_open, parent.node_open
        if frame.region is not None:
            frame.region_open = pagebody.stronger(frame.region, frame.region_open)
        if tag in CONTAINERS and not frame.skip:
            node = len(self.parents)
            self.parents.append(frame.node_open)
            self.signals.append(frame.signal)
            if frame.signal == 3:
                self.forced.add(node)
            frame.node_open = node
        self.stack.append(frame)
        self.where.setdefault(tag, []).append(i)
        if tag == "a" or tag in CITATION_TAGS:
            self.spans.append(frame)

    # HTMLParser events

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "template" and not self.stack and not self.where:
            # A file that opens with <template> is a component (Vue, Svelte, Angular): its
            # template is the page, not inert markup a script will clone. Its end tag, found
            # no open <template> to close, is then ignored like any stray end tag.
            tag = "div"
        pos, raw = self._pos(), self.get_starttag_text() or ""
        spans = {k: (pos + s, pos + e) for k, (s, e) in _attr_spans(raw).items()}
        attr = {k: v or "" for k, v in attrs}
        if tag == "meta":
            self._meta_tag(attr, spans)
        if tag == "time" and "datetime" in spans:
            self._meta_value("time", spans["datetime"])
        if tag in VOID:
            if tag == "img" and not self._skipping():
                fresh = self._no_text() and self.stack and len(self.doc.blocks) == self.stack[-1].blocks_at
                self.image_at = (self.stack[-1], len(self.doc.blocks)) if fresh else None
            if tag == "br" and not self._skipping():
                self._line_break(pos, pos + len(raw))
            elif tag == "hr":
                self._flush()
            return
        self._close_head(tag)
        if not self._skipping():  # inside <svg> or <noscript> nothing is closed or ended
            self._close_implied(tag)
            if tag in BREAKS:
                self._flush()
        if tag in INLINE_CODE and not self._skipping():
            self._ensure_text().add_atomic(" ", pos, pos + len(raw))
        frame = self._frame(tag, attr, spans, pos + len(raw))
        frame.blocks_at = len(self.doc.blocks)
        frame.italic_only = tag == "p"
        if self.image_at is not None:
            if (tag == "p" and self.stack and self.image_at == (self.stack[-1], len(self.doc.blocks))
                    and self._no_text()):
                frame.after_image = True
            self.image_at = None
        self._push(frame)
        if tag in CITATION_TAGS or tag == "a":
            if not self._skipping():
                self.stack[-1].span_start = self._ensure_text().length

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or tag in ("body", "html"):
            return  # text after </body> still belongs to the page
        # The innermost open `tag` closes, unless a limit element (a table cell for most tags)
        # opened inside it, or it lies outside skipped content we are in: then it is stray.
        at = self._innermost((tag,))
        if at >= self._skip_floor() and at > self._innermost(_end_tag_limits(tag) - {tag}):
            self._pop_to(at, self._pos())

    def handle_data(self, data: str) -> None:
        if self._skipping() or self.text is None and data.isspace():
            return  # whitespace between blocks would be stripped anyway
        self.image_at = None
        paragraphs = self.where.get("p")
        if paragraphs and self.stack[paragraphs[-1]].italic_only and not data.isspace():
            if max((self.where.get(tag) or [-1])[-1] for tag in ITALIC_TAGS) < paragraphs[-1]:
                self.stack[paragraphs[-1]].italic_only = False
        pos = self._pos()
        if not self.fed.startswith(data, pos):  # never seen; keep the text, pinned to pos
            self._ensure_text().add_atomic(data, pos, pos)
            return
        # Entities normally arrive as their own events; decoding here too keeps text right on
        # Pythons that pass <title> content (RCDATA) through as data.
        self._ensure_text().add_encoded(self.source[pos:pos + len(data)], pos)

    def handle_entityref(self, name: str) -> None:
        self._reference("&" + name)

    def handle_charref(self, name: str) -> None:
        self._reference("&#" + name)

    def parse_marked_section(self, i, report=1):
        """`<![ junk` makes the base class assert; treat it as the bogus comment HTML says it is.

        The base class moves its position counter before asserting; put it back, or every
        later position would be off.
        """
        saved = self.lineno, self.offset
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            self.lineno, self.offset = saved
            return self.parse_bogus_comment(i)

    # structure

    def _frame(self, tag: str, attr: dict, spans: dict, tag_end: int) -> _Frame:
        parent = self.stack[-1] if self.stack else None
        frame = _Frame(tag)
        page_title = tag == "title" and parent is not None and parent.tag == "head"
        frame.skip = (tag in SKIPPED or tag in INLINE_CODE or bool(parent and parent.skip)) and not page_title
        cls, ident = (attr.get("class") or "").lower(), (attr.get("id") or "").lower()
        frame.chrome = self._is_chrome(tag, cls, ident)
        if not frame.skip and tag in CONTAINERS:
            self._page_signals(frame, tag, cls, ident, attr, parent)
        elif not frame.skip and tag in NAMED_TEXT_TAGS and (cls or ident or "hidden" in attr):
            # A list item or paragraph can name its own furniture ("skip-link", "sr-only").
            frame.region = pagebody.region_of(tag, cls, ident, "", attr, bool(parent and parent.article_open))
        frame.reference = _is_reference_list(tag, set(cls.split()), (attr.get("role") or "").lower())
        frame.byline = "byline" in cls
        if tag in LABEL_TAGS and cls:
            frame.label = ("caption" if CAPTION_CLASS.search(cls) else
                           "heading" if LABEL_CLASS.search(cls) else "")
        if tag in LISTS:
            self.groups += 1
            frame.group = self.groups
        if tag == "a":  # an <a> without href is a placeholder (a script's hook), not a link
            frame.url = html.unescape(self.source[slice(*spans["href"])]) if "href" in spans else None
            frame.href_span = spans.get("href", (-1, -1))
            # A button a script handles (class "btn", role=button, data-action): still a link's
            # words for the text rules, but no target for the link rule to ask for.
            frame.button = frame.url is not None and frame.url.strip() in ("#", "#!") and _says_button(cls, attr)
        if tag == "script" and "ld+json" in (attr.get("type") or "").lower():
            frame.content_start = tag_end
        prop = attr.get("itemprop") or ""
        if prop and prop.lower() in ITEMPROP_TEXT and tag != "meta":
            if "datetime" in spans:  # <time itemprop="dateModified" datetime="2026-01-10">
                self._meta_value(prop, spans["datetime"])
            elif "content" not in spans:
                frame.itemprop, frame.item_start = prop, tag_end
        return frame

    def _page_signals(self, frame: _Frame, tag: str, cls: str, ident: str, attr: dict, parent) -> None:
        """What a container says about the page's layout: a furniture region, article content."""
        role = (attr.get("role") or "").lower()
        # HTML inside a Markdown article is all article: its <header> is the article's own.
        in_article = self.fragment or bool(parent and parent.article_open)
        region = pagebody.region_of(tag, cls, ident, role, attr, in_article) if tag not in NEVER_CHROME else None
        if frame.chrome:
            region = pagebody.stronger(region, pagebody.CHROME)
        if self.card_selectors and any(s.matches(tag, cls, ident) for s in self.card_selectors):
            region = pagebody.TEASER
        frame.region = region
        if self.content_selectors and any(s.matches(tag, cls, ident) for s in self.content_selectors):
            frame.signal = 3
        else:
            frame.signal = pagebody.content_signal(tag, cls, ident, role, attr)

    def _is_chrome(self, tag: str, cls: str, ident: str) -> bool:
        """Whether the element is page chrome by the boilerplate selectors.

        A <header> inside <article> or <main>, or in HTML inside a Markdown article, is the
        article's own header (headline, byline), not the page banner, so it stays content.
        """
        if not (cls or ident) and tag not in self.selector_tags:
            return False  # the common case, decided without trying every selector
        if tag == "header" and (self.fragment or (self.stack and self.stack[-1].article_open)):
            return False
        return any(s.matches(tag, cls, ident) for s in self.selectors)

    def _close_head(self, tag: str) -> None:
        """Body content (or <body>) inside an unclosed <head> ends the head."""
        if self.stack and self.stack[-1].tag == "head" and (tag == "body" or tag not in HEAD_CONTENT):
            self._pop_to(len(self.stack) - 1, self._pos())

    def _close_implied(self, tag: str) -> None:
        """Close the elements that starting `tag` closes in HTML (an open <p>, the previous <li>...)."""
        if tag in HEADINGS and self.stack and self.stack[-1].tag in HEADINGS:
            self._pop_to(len(self.stack) - 1, self._pos())
        if tag in BREAKS:
            self._close_nearest({"p"}, SCOPE_LIMITS | {"button"})
        if tag == "li":
            self._close_nearest({"li"}, LISTS | SCOPE_LIMITS)
        elif tag in ("dt", "dd"):
            self._close_nearest({"dt", "dd"}, LISTS | SCOPE_LIMITS)
        elif tag in ("td", "th"):
            self._close_nearest({"td", "th"}, {"tr", "table"})
        elif tag == "tr":
            self._close_nearest({"tr"}, {"table", "thead", "tbody", "tfoot"})
        elif tag in ("thead", "tbody", "tfoot"):
            self._close_nearest({"thead", "tbody", "tfoot"}, {"table"})

    def _close_nearest(self, targets: set[str], limits) -> None:
        """Close the innermost open target, unless a limit element opened inside it."""
        at = self._innermost(targets)
        if at >= 0 and at > self._innermost(limits - targets):
            self._pop_to(at, self._pos())

    def _pop_to(self, index: int, pos: int) -> None:
        """Close the elements from the top of the stack down to `index`, innermost first."""
        while len(self.stack) > index:
            frame = self.stack[-1]
            self._close_span(frame)
            self.stack.pop()
            self.where[frame.tag].pop()
            if self.spans and self.spans[-1] is frame:
                self.spans.pop()
            if frame.tag in BREAKS and not frame.skip:
                self._flush()
            if self.image_at is not None and self.image_at[0] is frame:
                # A linked or wrapped image (<a><img></a>, <picture>): its wrapper's parent holds it.
                self.image_at = (self.stack[-1], self.image_at[1]) if self.stack and self._no_text() else None
            if frame.italic_only and len(self.doc.blocks) == frame.blocks_at + 1:
                # A paragraph set wholly in italics: a note or a caption ("Consult a doctor for
                # medical advice" under a page's tabs).
                _as_caption(self.doc.blocks[-1])
            if frame.after_image and len(self.doc.blocks) == frame.blocks_at + 1:
                self.caption = (self.stack[-1] if self.stack else None, frame.blocks_at)
            elif self.caption is not None and frame is self.caption[0]:
                self._caption_after_image()
            if frame.content_start >= 0:
                self._jsonld(frame.content_start, pos)
            if frame.itemprop and frame.item_start < pos <= frame.item_start + ITEMPROP_MAX_CHARS:
                self._item_text(frame.itemprop, frame.item_start, pos)
            if frame is self.refs_container:
                self.refs_level, self.refs_container = 0, None

    def _caption_after_image(self) -> None:
        """The container of an image and one paragraph closes: with nothing else in it after the
        paragraph, and the paragraph short, the paragraph is the image's caption (a caption set
        as a plain <p> under the picture), which needs no full stop."""
        index = self.caption[1]
        self.caption = None
        if self._no_text() and len(self.doc.blocks) == index + 1:
            _as_caption(self.doc.blocks[index])

    def _no_text(self) -> bool:
        return self.text is None or self.text.length == 0

    def finish(self) -> None:
        """End of input: close whatever is still open."""
        self._pop_to(0, len(self.source))
        self._flush(final=True)

    # text

    def _reference(self, raw_start: str) -> None:
        """An entity or character reference: one atomic piece for the decoded text."""
        if self._skipping():
            return
        pos = self._pos()
        if not self.fed.startswith(raw_start, pos):  # never seen; keep the text, pinned to pos
            self._ensure_text().add_atomic(html.unescape(raw_start + ";"), pos, pos)
            return
        end = pos + len(raw_start)
        if self.source.startswith(";", end):
            end += 1
        raw = self.source[pos:end]
        decoded = html.unescape(raw)
        text = self._ensure_text()
        if decoded == raw:
            text.add_raw(raw, pos)
        else:
            text.add_atomic(decoded, pos, end)

    def _line_break(self, start: int, end: int) -> None:
        """<br> between two words adds a space (mapped to the tag) so the words stay apart."""
        if self.text is not None and not self.text.ends_with_space() and self.source[end:end + 1].strip():
            self.text.add_atomic(" ", start, end)

    def _ensure_text(self) -> _Text:
        if self.text is None:
            self.text = self._new_text()
            for frame in self.spans:  # a link or <sup> still open continues into this block
                if frame.span_start is None:
                    frame.span_start = 0
        return self.text

    def _new_text(self) -> _Text:
        top = self.stack[-1] if self.stack else None
        if top is None:
            return _Text(self._kind(), 0, 0, None)
        level, container = 0, None
        if top.heading_at >= 0:
            i = top.heading_at
            level, container = int(self.stack[i].tag[1]), self.stack[i - 1] if i else None
        return _Text(self._kind(), top.group_open, level, container, top.node_open, top.region_open)

    def _kind(self) -> str:
        """The block kind for text at this point of the page."""
        top = self.stack[-1] if self.stack else None
        if top is None:
            return PARAGRAPH
        if top.title_open:
            return TITLE
        heading = top.heading_at >= 0
        if not heading and top.reference_open:
            return REFERENCE
        if top.chrome_open:
            return BOILERPLATE
        if heading:
            return HEADING
        if top.label_open and top.structure is None:
            return CAPTION if top.label_open == "caption" else HEADING
        if top.structure is not None:
            return STRUCTURE_KINDS[top.structure]
        if top.byline_open:
            return BYLINE
        return PARAGRAPH

    def _close_span(self, frame: _Frame) -> None:
        """An <a>, <sup> or <cite> ends: record its link or citation marker on the block."""
        if frame.span_start is None or self.text is None:
            return
        if frame.tag == "a":
            if frame.url is not None:
                self.text.links.append(Link(frame.span_start, self.text.length, frame.url, *frame.href_span,
                                            button=frame.button))
        elif frame.tag in CITATION_TAGS and self.text.length > frame.span_start:
            self.text.markers.append((frame.span_start, self.text.length))
        frame.span_start = None

    def _flush(self, final: bool = False) -> None:
        """End the current block: record open links/markers so far and emit the block. A figure
        standing alone in its element, as in a stat strip ("<div>50%</div><p>of men over 50 are
        affected</p>"), is held open for the words after it, unless the page ends."""
        if self.text is None:
            return
        if not final and self.text.kind == PARAGRAPH and shapes.STAT_FIGURE_RE.fullmatch("".join(self.text.parts)):
            if not self.text.ends_with_space():
                pos = self._pos()
                self.text.add_atomic(" ", pos, pos)
            self.text.stat = True
            return
        for frame in reversed(self.spans):
            self._close_span(frame)
        text, self.text = self.text, None
        block = text.build()
        if block is None:
            return
        if block.markers:
            block.markers = [m for m in block.markers if is_citation_marker(block.text, *m)]
        block.section = self.section
        block.outline = self.outline.above(self.section)
        if block.kind == HEADING:
            self._enter_heading(block.text, text.level, text.container)
            if text.level:  # a <p class="kicker"> heading has no level: it opens no chapter
                block.outline = self.outline.heading(text.level, self.section)
        elif self.refs_level and block.kind in (PARAGRAPH, LIST_ITEM, BYLINE) and \
                shapes.could_be_reference(block.text):
            block.kind = REFERENCE  # as in Markdown and plain text: closing prose or a disclaimer stays prose
        elif block.kind == PARAGRAPH:
            if shapes.is_byline(block.text):
                block.kind = BYLINE
            elif shapes.is_boilerplate(block.text):
                block.kind = BOILERPLATE
        if text.stat:
            _as_caption(block)  # a stat strip's figure and words: a label, not a sentence
        self.doc.blocks.append(block)
        self.infos.append((len(self.doc.blocks) - 1, text.node, text.region, text.level))

    def _enter_heading(self, text: str, level: int, container: _Frame | None) -> None:
        """A heading starts a section; a References heading starts the reference list.

        The references last until a heading of the same or a higher level, or until the
        element holding the heading closes (a <section> around the reference list).
        """
        self.section = " ".join(text.split()).lower()
        if self.refs_level and level > self.refs_level:
            return  # a sub-heading inside the references
        if shapes.is_reference_heading(text):
            self.refs_level, self.refs_container = level or 1, container
        else:
            self.refs_level, self.refs_container = 0, None

    # metadata

    def _meta_tag(self, attr: dict, spans: dict) -> None:
        key = next((attr[a] for a in META_KEY_ATTRS if attr.get(a)), "")
        if not key or "content" not in spans:
            return
        meta = self._meta_value(key, spans["content"])
        if meta and key.lower() == "description":
            title = _Text(TITLE, 0, 0, None)
            title.add_encoded(self.source[meta.src_start:meta.src_end], meta.src_start)
            block = title.build()
            if block:
                self.doc.blocks.append(block)

    def _meta_value(self, key: str, span: tuple[int, int]) -> MetaValue | None:
        """A metadata value from an attribute: decoded text, raw span (blank values are skipped)."""
        value = html.unescape(self.source[span[0]:span[1]])
        if not value.strip():
            return None
        meta = MetaValue(key, value, *span)
        self.doc.meta.append(meta)
        return meta

    def _item_text(self, key: str, start: int, end: int) -> None:
        """A microdata property given as an element's text (<span itemprop="reviewedBy">Dr Ana
        Ruiz</span>): its words, tags removed, with the element's inner source span."""
        value = " ".join(html.unescape(_TAG_RE.sub(" ", self.source[start:end])).split())
        if value:
            self.doc.meta.append(MetaValue(key, value, start, end))

    def _jsonld(self, start: int, end: int) -> None:
        """schema.org JSON-LD: the properties the rules ask about, each with its source span."""
        text = self.source[start:end]
        if not text.strip():
            return
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as exc:
            s, e = _error_span(text, _error_pos(text, getattr(exc, "pos", 0)))
            self.doc.problems.append(("malformed-metadata", start + s, start + e,
                                      f"JSON-LD is not valid JSON: {getattr(exc, 'msg', exc)}"))
            return
        finder = _JsonSpans(text, start)
        for key, value in _jsonld_values(data):
            s, e = finder.span(key, value)
            self.doc.meta.append(MetaValue(key, str(value), s, e))


def _error_pos(text: str, pos: int) -> int:
    """Python 3.13 points at a trailing comma, earlier versions at the bracket after it: the
    bracket, on every version, so a finding does not move with the interpreter."""
    if 0 <= pos < len(text) and text[pos] == ",":
        after = pos + 1
        while after < len(text) and text[after].isspace():
            after += 1
        if after < len(text) and text[after] in "}]":
            return after
    return pos


def _error_span(text: str, pos: int) -> tuple[int, int]:
    """Where a JSON error is shown: from the error to the end of its line, never empty.

    An error at the very end (JSON cut off) is shown on the last line that has content.
    """
    body_end = len(text.rstrip())
    pos = min(max(pos, 0), body_end)
    if pos >= body_end:  # cut off: the last line of the JSON
        pos = text.rfind("\n", 0, body_end) + 1
        pos += len(text[pos:body_end]) - len(text[pos:body_end].lstrip())
    while pos < body_end and text[pos].isspace():  # the error sits on the next token
        pos += 1
    line_end = text.find("\n", pos)
    line_end = body_end if line_end < 0 or line_end > body_end else line_end
    end = pos + len(text[pos:line_end].rstrip())
    return pos, max(end, min(pos + 1, len(text)))


def _jsonld_values(node):
    """(key, value) for the wanted properties, in source order; people give their names."""
    if isinstance(node, list):
        for item in node:
            yield from _jsonld_values(item)
        return
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if key in JSONLD_KEYS:
            for v in _jsonld_scalars(value):
                yield key, v
        if key not in PERSON_KEYS and isinstance(value, (dict, list)):
            yield from _jsonld_values(value)


def _jsonld_scalars(value):
    """Strings and numbers of a property: a person/organization's name, each item of a list."""
    if isinstance(value, bool) or value is None:
        return
    if isinstance(value, (str, int, float)):
        if str(value).strip():
            yield value
    elif isinstance(value, list):
        for item in value:
            yield from _jsonld_scalars(item)
    elif isinstance(value, dict):
        yield from _jsonld_scalars(value.get("name", value.get("@value")))


class _JsonSpans:
    """Finds where JSON values sit in the script text, walking forward in source order."""

    def __init__(self, text: str, base: int):
        self.text, self.base, self.cursor = text, base, 0
        lead = len(text) - len(text.lstrip())
        self.fallback = (base + lead, base + len(text.rstrip()))

    def span(self, key: str, value) -> tuple[int, int]:
        k = self.text.find(json.dumps(key), self.cursor)
        after = k + len(json.dumps(key)) if k >= 0 else self.cursor
        for frm in (after, self.cursor, 0):
            for enc in _encodings(value):
                i = self.text.find(enc, frm)
                if i >= 0:
                    self.cursor = i + len(enc)
                    inner = 1 if enc.startswith('"') else 0
                    return self.base + i + inner, self.base + i + len(enc) - inner
        return self.fallback


def _encodings(value) -> list[str]:
    """The ways a JSON writer may have spelled `value`."""
    if not isinstance(value, str):
        return [json.dumps(value)]
    forms = [json.dumps(value, ensure_ascii=False), json.dumps(value)]
    forms += [f.replace("/", "\\/") for f in forms if "/" in f]
    return list(dict.fromkeys(forms))
