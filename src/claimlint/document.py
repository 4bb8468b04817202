"""The format-free view of an article that every rule kind reads.

Loaders turn a source file (plain text, Markdown, HTML) into a `Document`: the untouched
source, metadata, and typed blocks of checkable prose. A block's `text` is what the rules
read (markup stripped, entities decoded); its `pieces` map every character of that text
back to the source, so a finding always points at the exact source characters.
Nothing after the loaders knows which format an article came from.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import NamedTuple

# Block kinds. Prose kinds are checked for claims and unfinished sentences.
HEADING = "heading"
TITLE = "title"  # a front-matter / <title> title or description
PARAGRAPH = "paragraph"
LIST_ITEM = "list_item"
QUOTE = "quote"
TABLE_CELL = "table_cell"
REFERENCE = "reference"
BYLINE = "byline"
CAPTION = "caption"
BOILERPLATE = "boilerplate"
CARD = "card"  # related-article card titles and teasers

PROSE_KINDS = frozenset({PARAGRAPH, LIST_ITEM, QUOTE})
# Page furniture: chrome and teasers are read for a page's reviewer, date and disclaimer (not
# a card's), never for claims, unfinished text, punctuation or links.
FURNITURE_KINDS = frozenset({BOILERPLATE, CARD})
CLAIM_KINDS = frozenset({PARAGRAPH, LIST_ITEM, QUOTE, HEADING, TITLE, TABLE_CELL, CAPTION})


class Piece(NamedTuple):
    """A run of block text mapped onto the source.

    When `text_len == src_len` the run maps character for character; otherwise (an entity
    such as ``&amp;`` decoded to ``&``) the run is atomic and maps as a whole. (A named tuple:
    the loaders make thousands an article, and a frozen dataclass is several times dearer to make.)
    """

    text_start: int
    src_start: int
    text_len: int
    src_len: int


@dataclass(frozen=True)
class Link:
    """A hyperlink inside a block: the linked words (block-text offsets) and its target."""

    start: int
    end: int
    url: str
    src_start: int = -1  # where the target sits in the source, when it is written there
    src_end: int = -1
    button: bool = False  # <a href="#" class="btn">: a control a script handles, not a link to check


@dataclass
class Block:
    kind: str
    text: str
    pieces: list[Piece]
    links: list[Link] = field(default_factory=list)
    markers: list[tuple[int, int]] = field(default_factory=list)  # citation markup (e.g. <sup>, [^1]) in text offsets
    group: int = 0  # blocks sharing a group id belong to the same list / section
    section: str = ""  # the heading this block sits under, lower-cased
    # The headings above that one, outermost first, lower-cased, one a line (level 2 and deeper:
    # a page's one <h1> names the whole article): "clinical benefits" over "sleep quality".
    outline: str = ""
    _starts: list[int] | None = field(default=None, repr=False, compare=False)

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets [s, e) covering block-text offsets [start, end)."""
        if not self.pieces:
            return 0, 0
        end = max(end, start + 1)
        return self._src_at(start, False), self._src_at(end - 1, True)

    def _src_at(self, pos: int, after: bool) -> int:
        if self._starts is None:
            self._starts = [p.text_start for p in self.pieces]
        i = max(0, bisect.bisect_right(self._starts, pos) - 1)
        p = self.pieces[i]
        delta = min(max(pos - p.text_start, 0), max(p.text_len - 1, 0))
        if p.text_len == p.src_len:
            return p.src_start + delta + (1 if after else 0)
        return p.src_start + (p.src_len if after else 0)


@dataclass(frozen=True)
class MetaValue:
    """A metadata value (front matter key, meta tag, JSON-LD property) and where it sits."""

    key: str
    value: str
    src_start: int
    src_end: int


@dataclass
class Document:
    path: str
    source: str
    format: str  # "text" | "markdown" | "html"
    blocks: list[Block] = field(default_factory=list)
    meta: list[MetaValue] = field(default_factory=list)
    problems: list[tuple[str, int, int, str]] = field(default_factory=list)  # (slug, src_start, src_end, message) found while loading
    _line_starts: list[int] | None = field(default=None, repr=False)
    _block_spans: list[tuple[int, int, int]] | None = field(default=None, repr=False)
    _last_block: int = field(default=0, repr=False)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a source offset, columns in Unicode characters. A line ends
        at LF, CRLF or a lone CR, as in editors and in the Markdown parser."""
        if self._line_starts is None:
            self._line_starts = line_starts(self.source)
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def block_at(self, offset: int) -> tuple[Block, int] | None:
        """The block whose text holds the source offset, and the offset in that text (None when
        no block does: metadata, front matter, markup). Only findings ask, a few per article."""
        if self._block_spans is None:
            self._block_spans = sorted((b.pieces[0].src_start, b.pieces[-1].src_start + b.pieces[-1].src_len, i)
                                       for i, b in enumerate(self.blocks) if b.pieces)
        spans = self._block_spans
        i = bisect.bisect_right(spans, (offset, float("inf"), 0)) - 1
        for j in range(i, max(i - 8, -1), -1):  # the nearest block starting at or before it that reaches it
            if offset < spans[j][1]:
                i = j
                break
        else:
            return None
        block = self.blocks[spans[i][2]]
        self._last_block = spans[i][2]
        for p in block.pieces:
            if offset < p.src_start:  # in markup between two pieces: where the next one starts
                return block, p.text_start
            if offset < p.src_start + p.src_len:
                return block, p.text_start + (offset - p.src_start if p.text_len == p.src_len else 0)
        return block, len(block.text)

    def block_index(self, block: Block) -> int:
        """The index of a block `block_at` just returned."""
        return self._last_block if self.blocks[self._last_block] is block else self.blocks.index(block)

    def lead_in(self, index: int) -> int | None:
        """The index of the paragraph that introduces list item `index`'s list ("Athletes benefit
        from:", "Side effects may include:"): the block just before the list, when it ends with
        ':' (a citation marker may follow). None for other blocks."""
        blocks = self.blocks
        if blocks[index].kind != LIST_ITEM:
            return None
        group, i = blocks[index].group, index - 1
        while i >= 0 and blocks[i].kind == LIST_ITEM and blocks[i].group == group:
            i -= 1
        if i < 0 or blocks[i].kind != PARAGRAPH or not LEAD_IN_END.search(blocks[i].text):
            return None
        return i

    def meta_values(self, keys) -> list[MetaValue]:
        wanted = {k.lower() for k in keys}
        return [m for m in self.meta if m.key.lower() in wanted]


class Outline:
    """The headings open at a point of an article, for `Block.outline`: those of level 2 and deeper
    (a page's one level-1 heading names the whole article). The loaders share it."""

    def __init__(self):
        self._open: list[tuple[int, str]] = []  # (level, lower-cased words), outermost first

    def heading(self, level: int, words: str) -> str:
        """Enter a heading of `level`; the headings above it, one a line."""
        while self._open and self._open[-1][0] >= level:
            self._open.pop()
        above = "\n".join(w for _, w in self._open)
        if level >= 2:
            self._open.append((level, words))
        return above

    def above(self, section: str) -> str:
        """For a block under the heading `section`: the headings above that one, one a line."""
        if len(self._open) > 1 and self._open[-1][1] == section:
            return "\n".join(w for _, w in self._open[:-1])
        return ""


LEAD_IN_END = re.compile(r":\s*(?:\[\^?[\w-]{1,12}\]|\[\d{1,3}(?:[,\s–-]+\d{1,3})*\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\(\d{1,3}\))*\s*$")

_BREAK = re.compile(r"\r\n?|\n")


def line_starts(source: str) -> list[int]:
    """The offset where each line begins; a line ends at LF, CRLF or a lone CR."""
    starts = [0]
    if "\r" in source and source.count("\r") != source.count("\r\n"):  # rare: old Mac files, pasted text
        starts.extend(m.end() for m in _BREAK.finditer(source))
        return starts
    find = source.find
    i = find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return starts


def split_lines(source: str) -> list[str]:
    """The lines of `source` as `line_starts` counts them, without their line ends."""
    if "\r" in source and source.count("\r") != source.count("\r\n"):
        return _BREAK.split(source)
    return source.split("\n")


def simple_block(kind: str, source: str, start: int, end: int, **kw) -> Block:
    """A block whose text is the source slice itself."""
    return Block(kind, source[start:end], [Piece(0, start, end - start, end - start)], **kw)
