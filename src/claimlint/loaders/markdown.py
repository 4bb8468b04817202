"""Markdown articles (CommonMark, tables, footnotes) with YAML front matter.

markdown-it-py is a CommonMark-compliant parser that gives each block its source lines;
its inline tokens carry decoded text but no columns, so `_Aligner` walks the source once,
left to right, to find where every piece of text came from. Code, images, raw HTML and
link targets are not prose and never reach the rules; link targets are kept as `Link`s
(citations and `broken-link` need them) and `<sup>` / `[^1]` as citation markers.
"""
from __future__ import annotations

import bisect
import heapq
import html
import re
from functools import lru_cache

import yaml

from claimlint import safeyaml
from claimlint.document import (line_starts, Outline, BYLINE, HEADING, LIST_ITEM, PARAGRAPH, QUOTE, REFERENCE, TABLE_CELL,
                                BOILERPLATE, TITLE, Block, Document, Link, MetaValue, Piece)
from claimlint.loaders import shapes

ENTITY_RE = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_MARKUP = re.compile(r"[&\\*_\[\]()`<>!~|#\n]")  # characters a Markdown parser may drop or change
FRONT_MATTER_RE = re.compile(r"\A(---|\+\+\+)[ \t]*\r?\n")
TITLE_KEYS = ("title", "description", "summary", "subtitle", "excerpt")
# Front-matter keys whose values are never prose shown as the article's text: addresses, names,
# identifiers, taxonomy, layout and the elements other rules read (reviewer, dates).
NOT_PROSE_KEYS = frozenset((
    "slug", "url", "urls", "link", "links", "href", "permalink", "path", "canonical", "redirect", "redirect_from",
    "alias", "aliases", "image", "images", "img", "icon", "thumbnail", "cover", "banner", "src", "video", "audio",
    "file", "files", "layout", "template", "type", "kind", "id", "uuid", "key", "tags", "tag", "categories",
    "category", "keywords", "keyword", "seo_keywords", "topics", "series", "lang", "language", "locale", "draft",
    "weight", "order", "color", "colour", "class", "style", "schema", "menu", "email", "phone", "address", "price",
    "sku", "name", "author", "authors", "by", "reviewer", "reviewers", "reviewed_by", "reviewedby",
    "medically_reviewed_by", "medicalreviewer", "sources", "references", "citations", "cta", "ctatext", "button",
    "buttons", "social", "twitter", "facebook", "instagram", "linkedin", "map", "location", "hours", "form",
    # the page template's furniture, kept in front matter: related-link cards, breadcrumbs, menus
    "related", "relatedlinks", "related_links", "related-links", "relatedposts", "related_posts", "related_pages",
    "breadcrumbs", "breadcrumb", "nav", "navigation", "sidebar", "footer", "share", "promo", "promos"))
_NOT_PROSE_VALUE = re.compile(r"(?:https?:|www\.|mailto:|/|\.\.?/|#)|.*(?:\{\{|\{%)", re.S)


@lru_cache(maxsize=1)
def parser():
    """The Markdown parser, built once per process (an explicit cache)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    return (MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table").enable("strikethrough")
            .use(footnote_plugin))


# Site-generator syntax in a Markdown source: Liquid, Jinja and Nunjucks tags and expressions, Hugo
# shortcodes, template comments, MDX imports and exports. A citation tag ({% cite key %}) stays:
# the claim rules read it as a reference marker.
TEMPLATE_RE = re.compile(
    r"\{\{[<%].{0,500}?[>%]\}\}|\{%-?(?!\s*(?:cite|ref|reference|footnote|fn|bib|citation|sidenote)\b).{0,500}?-?%\}"
    r"|\{\{-?.{0,300}?-?\}\}|\{#.{0,500}?#\}"
    r"|^(?:import\s+[^\n]{1,200}?\s+from\s+['\"][^'\"\n]+['\"]|import\s+['\"][^'\"\n]+['\"]"
    r"|export\s+(?:const|let|default|function)\b[^\n]{0,300});?[ \t]*$",
    re.S | re.M)


def mask_templates(source: str) -> str:
    """`source` with template syntax replaced by spaces (line breaks kept), so the parser sees
    no text there while every offset stays the source's."""
    if "{" not in source and "import" not in source and "export" not in source:
        return source
    return TEMPLATE_RE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), source)


# markdown-it stops at this nesting depth and skips the rest of the file; `load_markdown` notices,
# reports the line and parses on from the next one, so nothing after it goes unchecked.
MAX_NESTING = 100


_LINE_BREAK = re.compile(r"\r\n?|\n")


class _Aligner:
    """Maps decoded inline text back to the source by walking forward through it."""

    def __init__(self, source: str):
        self.source = source
        self.cursor = 0

    def place(self, text: str, limit: int) -> list[tuple[int, int, int]]:
        """(text_offset, src_start, src_len) runs for `text`, found at or after the cursor."""
        src = self.source
        idx = src.find(text, self.cursor, limit + len(text))
        if idx >= 0 and not any(ch.isalnum() for ch in src[self.cursor:idx]):
            self.cursor = idx + len(text)
            return [(0, idx, len(text))]
        return self._align(text, limit)

    def _align(self, text: str, limit: int) -> list[tuple[int, int, int]]:
        src, j, runs, i = self.source, self.cursor, [], 0
        n = min(len(src), max(limit, self.cursor + 1))
        while i < len(text) and j < n:
            ch = src[j]
            if ch == text[i] and ch != "&" and ch != "\\":
                # A stretch with no markup character that the text repeats exactly is what the
                # character-by-character steps below would take, one run at a time: take it whole.
                m = _MARKUP.search(src, j, n)
                k = m.start() if m else n
                if k - j > 1 and text.startswith(src[j:k], i):
                    runs.append((i, j, k - j))
                    i, j = i + k - j, k
                    continue
            m = ENTITY_RE.match(src, j) if ch == "&" else None
            decoded = html.unescape(m.group()) if m else ""
            if m and decoded != m.group() and text.startswith(decoded, i):
                runs.append((i, j, -(m.end() - j) * 1000 - len(decoded)))  # atomic entity
                i, j = i + len(decoded), m.end()
            elif ch == text[i]:
                runs.append((i, j, 1))
                i, j = i + 1, j + 1
            elif ch == "\\" and j + 1 < n and src[j + 1] == text[i]:
                runs.append((i, j, -2))  # atomic: two source chars for one
                i, j = i + 1, j + 2
            else:
                j += 1  # markup or indentation the parser removed
        if i < len(text):  # could not place the rest: pin it to where we stopped
            runs.append((i, min(j, len(src)), -(1000) - (len(text) - i)))
        self.cursor = j
        return runs

    def skip_to(self, pos: int) -> None:
        self.cursor = max(self.cursor, pos)


class _BlockBuilder:
    """Accumulates one block's text, pieces, links and markers."""

    def __init__(self):
        self.parts: list[str] = []
        self.pieces: list[Piece] = []
        self.length = 0
        self.links: list[Link] = []
        self.markers: list[tuple[int, int]] = []

    def add(self, text: str, runs) -> None:
        base = self.length
        for off, start, code in runs:
            if code > 0:
                if self.pieces and self.pieces[-1].text_len == self.pieces[-1].src_len and \
                        self.pieces[-1].text_start + self.pieces[-1].text_len == base + off and \
                        self.pieces[-1].src_start + self.pieces[-1].src_len == start:
                    last = self.pieces[-1]
                    self.pieces[-1] = Piece(last.text_start, last.src_start, last.text_len + code, last.src_len + code)
                else:
                    self.pieces.append(Piece(base + off, start, code, code))
            elif code == -2:
                self.pieces.append(Piece(base + off, start, 1, 2))
            else:
                src_len, text_len = divmod(-code, 1000)
                self.pieces.append(Piece(base + off, start, max(text_len, 1), max(src_len, 1)))
        self.parts.append(text)
        self.length += len(text)

    def add_atomic(self, text: str, src_start: int, src_end: int) -> None:
        self.pieces.append(Piece(self.length, src_start, len(text), max(src_end - src_start, 1)))
        self.parts.append(text)
        self.length += len(text)

    def build(self, kind: str, **kw) -> Block | None:
        text = "".join(self.parts)
        lead = len(text) - len(text.lstrip())
        body = text.strip()
        if not body:
            return None
        pieces = _shift(self.pieces, lead, len(body))
        links = [Link(l.start - lead, l.end - lead, l.url, l.src_start, l.src_end) for l in self.links]
        markers = [(s - lead, e - lead) for s, e in self.markers]
        return Block(kind, body, pieces, links=links, markers=markers, **kw)


def _shift(pieces: list[Piece], lead: int, length: int) -> list[Piece]:
    """Pieces re-based after stripping `lead` characters, clipped to `length`."""
    out = []
    for p in pieces:
        start, end = p.text_start - lead, p.text_start - lead + p.text_len
        if end <= 0 or start >= length:
            continue
        if p.text_len == p.src_len:
            cut_front = max(0, -start)
            cut_back = max(0, end - length)
            out.append(Piece(start + cut_front, p.src_start + cut_front, p.text_len - cut_front - cut_back,
                             p.text_len - cut_front - cut_back))
        else:
            out.append(Piece(max(start, 0), p.src_start, min(end, length) - max(start, 0), p.src_len))
    return out


def _line_offsets(source: str) -> list[int]:
    """Where each line starts, as markdown-it counts lines (a lone CR ends one too), and the end."""
    return line_starts(source) + [len(source)]


def split_front_matter(source: str):
    """(front matter text, its start offset, body start offset) or None when there is none."""
    m = FRONT_MATTER_RE.match(source)
    if not m:
        return None
    fence = m.group(1)
    close = re.compile(r"^" + re.escape(fence) + r"[ \t]*\r?$", re.MULTILINE)
    c = close.search(source, m.end())
    if not c:
        return None
    end = c.end()
    if end < len(source) and source[end] == "\n":
        end += 1
    return fence, source[m.end():c.start()], m.end(), end


def _front_matter_meta(doc: Document, fence: str, text: str, base: int):
    """Read the front matter's metadata into `doc.meta`; the YAML node tree (None for TOML or
    front matter that is not a mapping)."""
    if fence == "+++":
        _toml_meta(doc, text, base)
        return None
    try:
        node = safeyaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        pos = base + (mark.index if mark else 0)
        doc.problems.append(("malformed-front-matter", pos, pos + 1,
                             f"front matter is not valid YAML: {getattr(exc, 'problem', None) or exc}"))
        _line_meta(doc, text, base)
        return None
    if node is None:
        return None
    if not isinstance(node, yaml.MappingNode):
        doc.problems.append(("malformed-front-matter", base, base + 1, "front matter is not a mapping of keys"))
        return None
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode):
            _meta_from_node(doc, str(key_node.value), value_node, base)
    return node


def _prose_values(doc: Document, node, base: int, key: str, aligner: "_Aligner") -> None:
    """Front-matter values that the site shows as text are prose: a title or description, and
    any value shaped like a sentence under a key that is not an address, a name, taxonomy or
    layout (a tagline, a FAQ's answers, a list of benefits). Each is a TITLE block, mapped onto
    its source through the same aligner as the body (folded and quoted YAML included)."""
    if isinstance(node, yaml.ScalarNode):
        value = node.value
        if not value.strip() or not (key in TITLE_KEYS or _prose_shaped(value)):
            return
        start, end = base + node.start_mark.index, base + node.end_mark.index
        if node.style in ("'", '"') and end - start >= 2:
            start, end = start + 1, end - 1  # the value, not its quotes
        aligner.cursor = start
        builder = _BlockBuilder()
        builder.add(value, aligner.place(value, end))
        doc.blocks.append(Block(TITLE, value, builder.pieces))
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _prose_values(doc, item, base, key, aligner)
    elif isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            name = str(k.value).lower() if isinstance(k, yaml.ScalarNode) else ""
            if name and name not in NOT_PROSE_KEYS:
                _prose_values(doc, v, base, name, aligner)


def _prose_shaped(value: str) -> bool:
    """Three words or more of letters, and not an address, a path or template code."""
    text = value.strip()
    return (" " in text and len(re.findall(r"[^\W\d_]{2,}", text)) >= 3
            and not _NOT_PROSE_VALUE.match(text))


def _meta_from_node(doc: Document, key: str, node, base: int) -> None:
    if isinstance(node, yaml.ScalarNode):
        if node.value.strip():
            start, end = base + node.start_mark.index, base + node.end_mark.index
            if node.style in ("'", '"') and end - start >= 2:
                start, end = start + 1, end - 1  # the value, not its quotes
            doc.meta.append(MetaValue(key, node.value, start, end))
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _meta_from_node(doc, key, item, base)
    elif isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value in ("name", "value", "date"):
                _meta_from_node(doc, key, v, base)


TOML_LINE_RE = re.compile(r'^([A-Za-z_][\w.-]*)\s*=\s*("?)(.*?)\2\s*$', re.MULTILINE)
# A top-level `key: value` line of front matter that YAML would not parse as a whole.
YAML_LINE_RE = re.compile(r'^([A-Za-z_][\w.-]*):[ \t]+(["\']?)(\S.*?)\2[ \t]*\r?$', re.MULTILINE)


def _line_meta(doc: Document, text: str, base: int) -> None:
    """Front matter that is not valid YAML (a CMS export's stray quotes, one bad line) still has
    readable `key: value` lines: their keys are read as metadata (a title or a description is
    still prose, a date still a date), and the whole is still reported as malformed."""
    for m in YAML_LINE_RE.finditer(text):
        doc.meta.append(MetaValue(m.group(1), m.group(3), base + m.start(3), base + m.end(3)))


def _toml_meta(doc: Document, text: str, base: int) -> None:
    """TOML front matter: simple `key = value` lines are enough for metadata keys; a text that is
    not TOML is reported as malformed (from the line the TOML parser names)."""
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or _toml_error_line(str(exc))
        starts = line_starts(text)
        pos = base + (starts[line - 1] if line and 0 < line <= len(starts) else 0)
        doc.problems.append(("malformed-front-matter", pos, pos + 1, f"front matter is not valid TOML: {exc}"))
    for m in TOML_LINE_RE.finditer(text):
        doc.meta.append(MetaValue(m.group(1), m.group(3), base + m.start(3), base + m.end(3)))


def _toml_error_line(message: str) -> int | None:
    m = re.search(r"line (\d+)", message)
    return int(m.group(1)) if m else None


# An opening fence whose front matter never closes: the first line after it looks like a key.
_UNCLOSED = re.compile(r"\A(---|\+\+\+)[ \t]*\r?\n(?:[ \t]*\r?\n)*[ \t]*[A-Za-z_][\w.-]*[ \t]*[:=]")


def load_markdown(path: str, source: str, options: dict | None = None) -> Document:
    doc = Document(path=path, source=source, format="markdown")
    body_start = 0
    fm = split_front_matter(source)
    if fm is None and _UNCLOSED.match(source):
        fence = source[:3]
        doc.problems.append(("malformed-front-matter", 0, 3,
                             f"front matter is never closed (no line '{fence}' after it): its keys are not read"))
    if fm:
        fence, text, base, body_start = fm
        node = _front_matter_meta(doc, fence, text, base)
        if node is not None:
            _prose_values(doc, node, base, "", _Aligner(source))
        else:
            for m in doc.meta:
                if m.key.lower() in TITLE_KEYS:
                    doc.blocks.append(Block(TITLE, m.value, [Piece(0, m.src_start, len(m.value),
                                                                   m.src_end - m.src_start)]))
    # Parse the body in place (what comes before blanked out) so line numbers stay the source's.
    lines = _line_offsets(source)
    start = body_start
    parsed = mask_templates(source)  # what the site generator renders is markup, not prose
    html_ranges: list[tuple[int, int]] = []
    while start < len(source):
        first = bisect.bisect_right(lines, start) - 1  # the line `start` is on
        tokens = parser().parse("\n" * first + parsed[start:])
        _walk(doc, tokens, lines, parsed, html_ranges)
        stop = _gave_up_at(tokens)
        if stop is None:
            break
        line_end = lines[stop + 1] if stop + 1 < len(lines) else len(source)
        doc.problems.append(("unparsed-markup", lines[stop], max(lines[stop] + 1, len(source[lines[stop]:line_end].rstrip())
                                                                 + lines[stop]),
                             f"Markdown nested more than {MAX_NESTING} levels deep: the parser gave up on this line "
                             "(it was not checked); the lines after it were"))
        start = line_end
    if html_ranges:
        _html_blocks(doc, parsed, html_ranges, options)
    return doc


# An HTML block in Markdown (a CMS export's `<p>…</p>`, a table, a list) holds text when it has one of these.
_TEXT_TAG = re.compile(r"<(?:p|li|h[1-6]|td|th|blockquote|div|span|section|article|figcaption|dd|dt|strong|em|b|a)\b",
                       re.I)


# Indented "code" that is an HTML page body: it opens with a block-level element and holds text.
_INDENTED_HTML = re.compile(r"\s*<(?:div|section|article|main|header|p|ul|ol|h[1-6]|table|figure|aside|nav|footer|"
                            r"body|span)\b[^>]*>(?=[\s\S]*<(?:p|li|h[1-6]|td)\b)", re.I)


def _html_blocks(doc: Document, parsed: str, ranges: list[tuple[int, int]], options) -> None:
    """The text of the article's HTML blocks, read by the HTML loader: it gets the source with
    everything but those blocks blanked (same length and lines), so its blocks' offsets are the
    article's; they join the Markdown blocks in source order."""
    from claimlint.loaders.html import load_html

    parts, pos = [], 0
    for s, e in sorted(ranges):
        if s < pos:
            continue
        parts.append(_BLANK.sub(" ", parsed[pos:s]))
        parts.append(parsed[s:e])
        pos = e
    parts.append(_BLANK.sub(" ", parsed[pos:]))
    fragment = load_html(doc.path, "".join(parts), {"fragment": True})
    extra = [b for b in fragment.blocks if b.kind != TITLE and b.text.strip()]
    # Both lists are in source order: merged in one pass (many HTML blocks must not cost n^2).
    doc.blocks[:] = heapq.merge(doc.blocks, extra, key=_block_start)


_BLANK = re.compile(r"[^\n]")


def _block_start(block) -> int:
    return block.pieces[0].src_start if block.pieces else 0


def _gave_up_at(tokens) -> int | None:
    """The line where markdown-it stopped for nesting too deep (it then skips to the end), or None."""
    deepest = [t for t in tokens if t.level >= MAX_NESTING - 1 and t.map]
    return max(t.map[0] for t in deepest) if deepest else None


def _walk(doc: Document, tokens, lines: list[int], source: str, html_ranges: list | None = None) -> None:
    """Blocks from the parser's tokens. `source` is what was parsed: the article with template
    syntax blanked (`mask_templates`), the same length and lines, so offsets are the article's.
    The source ranges of HTML blocks that hold text go into `html_ranges` (see `_html_blocks`)."""
    aligner = _Aligner(source)
    stack: list[str] = []
    section, section_level, in_refs, group = "", 0, False, 0
    list_groups: list[int] = []
    level = 2
    outline = Outline()
    for tok in tokens:
        t = tok.type
        if t.endswith("_open"):
            stack.append(t[:-5])
            if t in ("bullet_list_open", "ordered_list_open"):
                group += 1
                list_groups.append(group)
            if t == "heading_open":
                level = int(tok.tag[1:])
                if in_refs and level <= section_level:
                    in_refs = False
            continue
        if t.endswith("_close"):
            if stack:
                stack.pop()
            if t in ("bullet_list_close", "ordered_list_close") and list_groups:
                list_groups.pop()
            continue
        if t == "html_block":
            if tok.map and html_ranges is not None and _TEXT_TAG.search(tok.content):
                html_ranges.append((lines[tok.map[0]], lines[tok.map[1]] if tok.map[1] < len(lines) else len(source)))
            _html_comment_skip(aligner, tok, lines)
            continue
        if t == "code_block" and tok.map and html_ranges is not None and _INDENTED_HTML.match(tok.content):
            # A CMS export's raw HTML indented four spaces ("<!-- wp:html -->" then "    <div …>"):
            # CommonMark reads it as code, the site renders it as the page. It is the article.
            html_ranges.append((lines[tok.map[0]], lines[tok.map[1]] if tok.map[1] < len(lines) else len(source)))
            continue
        if t != "inline":
            continue
        start_line = tok.map[0] if tok.map else None
        limit = lines[min(tok.map[1], len(lines) - 1)] if tok.map else len(source)
        if start_line is not None:
            line_start = lines[start_line]
            if line_start > aligner.cursor or "footnote" in stack:
                aligner.cursor = line_start
        kind = _kind_for(stack)
        builder = _BlockBuilder()
        _inline(builder, tok.children or [], aligner, limit)
        text_kind = kind
        if kind == HEADING:
            block = builder.build(HEADING, group=group, section=section)
            if block:
                section = block.text.lower()
                block.outline = outline.heading(level, section)
                section_level = level
                in_refs = shapes.is_reference_heading(block.text)
                doc.blocks.append(block)
            continue
        if kind in (PARAGRAPH, LIST_ITEM) and in_refs and shapes.could_be_reference(builder_text(builder)):
            text_kind = REFERENCE
        block = builder.build(text_kind, group=list_groups[-1] if list_groups and kind == LIST_ITEM else group,
                              section=section)
        if block is None:
            continue
        block.outline = outline.above(section)
        if block.kind == PARAGRAPH:
            if shapes.is_byline(block.text):
                block.kind = BYLINE
            elif shapes.is_boilerplate(block.text):
                block.kind = BOILERPLATE
        doc.blocks.append(block)


def builder_text(builder: "_BlockBuilder") -> str:
    return "".join(builder.parts)


def _kind_for(stack: list[str]) -> str:
    if "footnote" in stack:
        return REFERENCE
    if "heading" in stack:
        return HEADING
    if "th" in stack or "td" in stack:
        return TABLE_CELL
    if "list_item" in stack:
        return LIST_ITEM
    if "blockquote" in stack:
        return QUOTE
    return PARAGRAPH


def _html_comment_skip(aligner: _Aligner, tok, lines) -> None:
    if tok.map:
        aligner.skip_to(lines[min(tok.map[1], len(lines) - 1)])


def _inline(builder: _BlockBuilder, children, aligner: _Aligner, limit: int) -> None:
    source = aligner.source
    link_stack: list[tuple[int, str]] = []
    sup_start = None
    for child in children:
        ct = child.type
        if ct == "text":
            if child.content:
                builder.add(child.content, aligner.place(child.content, limit))
        elif ct in ("softbreak", "hardbreak"):
            brk = _LINE_BREAK.search(source, aligner.cursor, limit + 1)  # LF, CRLF or a lone CR
            if brk is not None:
                builder.add_atomic(" ", brk.start(), brk.end())
                aligner.cursor = brk.end()
            else:
                builder.add_atomic(" ", aligner.cursor, aligner.cursor)
        elif ct == "code_inline":
            pos = source.find(child.markup + child.content, aligner.cursor, limit + len(child.content) + 4)
            if pos < 0:
                pos = aligner.cursor
            end = pos + len(child.markup) * 2 + len(child.content)
            builder.add_atomic(" ", pos, end)
            aligner.cursor = end
        elif ct == "link_open":
            link_stack.append((builder.length, child.attrs.get("href", "") or ""))
            bracket = source.find("[", aligner.cursor, limit)
            if bracket >= 0 and not any(c.isalnum() for c in source[aligner.cursor:bracket]):
                aligner.cursor = bracket + 1
        elif ct == "link_close" and link_stack:
            start, href = link_stack.pop()
            s, e = _link_target(source, aligner, limit)
            builder.links.append(Link(start, builder.length, href, s, e))
        elif ct == "image":
            end = _skip_image(source, aligner.cursor, limit)
            aligner.cursor = end
        elif ct == "footnote_ref":
            label = child.meta.get("label", "")
            mark = f"[^{label}]"
            pos = source.find(mark, aligner.cursor, limit + len(mark))
            if pos >= 0:
                builder.markers.append((builder.length, builder.length + len(mark)))
                builder.add_atomic(mark, pos, pos + len(mark))
                aligner.cursor = pos + len(mark)
        elif ct == "html_inline":
            pos = source.find(child.content, aligner.cursor, limit + len(child.content))
            if pos >= 0:
                aligner.cursor = pos + len(child.content)
            tag = child.content.lower()
            if tag.startswith("<sup"):
                sup_start = builder.length
            elif tag.startswith("</sup") and sup_start is not None:
                builder.markers.append((sup_start, builder.length))
                sup_start = None
            elif tag.startswith("<a ") or tag == "<a>":
                m = re.search(r"href\s*=\s*[\"']?([^\"' >]*)", child.content, re.I)
                link_stack.append((builder.length, m.group(1) if m else ""))
            elif tag.startswith("</a") and link_stack:
                start, href = link_stack.pop()
                builder.links.append(Link(start, builder.length, href))
        elif ct == "footnote_anchor":
            continue


def _link_target(source: str, aligner: _Aligner, limit: int) -> tuple[int, int]:
    """After a link's text: find `](target)` and return the target's source span."""
    c = aligner.cursor
    close = source.find("]", c, limit + 1)
    if close < 0:
        return -1, -1
    if source.startswith("(", close + 1):
        depth, j = 0, close + 1
        while j < len(source):
            if source[j] == "(":
                depth += 1
            elif source[j] == ")":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        s, e = close + 2, j
        aligner.cursor = min(j + 1, len(source))
        inner = source[s:e].strip()
        title = re.match(r"^(\S+)\s+[\"'(]", inner)
        if title:
            e = s + (len(source[s:e]) - len(source[s:e].lstrip())) + len(title.group(1))
        return s, e
    if source.startswith("[", close + 1):
        end = source.find("]", close + 2, limit + 1)
        aligner.cursor = (end + 1) if end >= 0 else close + 1
        return -1, -1
    aligner.cursor = close + 1
    return -1, -1


def _skip_image(source: str, cursor: int, limit: int) -> int:
    start = source.find("![", cursor, limit)
    if start < 0:
        return cursor
    close = source.find("]", start, limit)
    if close >= 0 and source.startswith("(", close + 1):
        end = source.find(")", close, limit + 1)
        return end + 1 if end >= 0 else close + 1
    return close + 1 if close >= 0 else cursor
