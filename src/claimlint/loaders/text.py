"""Plain-text articles: paragraphs, headings, bylines and references from layout alone.

Scraped or exported text has no markup, so structure comes from blank lines and the shape
of each line. A blank-line group whose lines are long is a hard-wrapped paragraph; a group
of short lines (a byline block, related-article cards) is one block per line. Reference
entries are the runs of source-naming lines that follow the body.
"""
from __future__ import annotations

import re

from claimlint.document import (BOILERPLATE, BYLINE, HEADING, LIST_ITEM, PARAGRAPH, REFERENCE, Document,
                                simple_block)
from claimlint.loaders import shapes
from claimlint.suppressions import is_directive_line

_LINE_END = re.compile(r"\r(?!\n)|\n")
WRAP_MIN = 40  # a hard-wrapped paragraph's non-final lines are at least this long
# A list item's bullet: a dash, star or bullet glyph, "1." / "1)", or a letter "a)" / "(b)" / "c."
LIST_RE = re.compile(r"^\s*(?:[-*•◦▪▫●○‣⁃–—]|\d{1,3}[.)]|\(?[a-zA-Z][)]|\([a-zA-Z]{1,3}\)|[a-z][.](?=\s+[A-Z]))\s+")


def _groups(source: str):
    """Yield lists of (start, end) line spans separated by blank lines."""
    group, pos = [], 0
    for line in _LINE_END.split(source):  # one character ends each: LF, or a lone CR (CRLF's CR stays)
        end = pos + len(line)
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            trail = len(line.rstrip())
            group.append((pos + lead, pos + trail))
        elif group:
            yield group
            group = []
        pos = end + 1
    if group:
        yield group


def _split_group(source: str, group):
    """Split a blank-line group into blocks: wrapped lines join, short lines stand alone.

    A line continues the one before when that line is long (a hard wrap) and nothing marks
    a new start: a list bullet, a byline or date line, or a heading-like line followed by
    a capitalised one. A short line ends its block, so a heading directly above its
    paragraph, or a stack of byline and card lines, gives one block per line.
    """
    blocks = [[group[0]]]
    for prev, cur in zip(group, group[1:]):
        if _continues(source[prev[0]:prev[1]], source[cur[0]:cur[1]]):
            blocks[-1].append(cur)
        else:
            blocks.append([cur])
    return [(b[0][0], b[-1][1]) for b in blocks]


FUNCTION_END_RE = re.compile(r"\b(?:a|an|the|of|in|on|at|to|for|by|with|and|or|but|from|as|than|that|your|our|their|"
                             r"its|his|her|is|are|was|were|be|can|may|will|such|into|about|per|via|if|when)$", re.I)


def _continues(prev: str, line: str) -> bool:
    if LIST_RE.match(line) or shapes.is_byline(line) or len(prev) < WRAP_MIN or shapes.looks_like_reference(line):
        return False
    if shapes.ends_with_terminal(prev) and len(line) < WRAP_MIN and shapes.looks_like_heading(line):
        return False  # a card's label after a card's sentence
    first = line.lstrip()[:1]
    if not first.isupper() or shapes.ends_with_terminal(prev) or prev.rstrip().endswith((",", ";", ":")):
        return True
    if FUNCTION_END_RE.search(prev.rstrip()):
        return True
    return not shapes.looks_like_heading(prev)


def classify(text: str) -> str:
    if shapes.is_byline(text):
        return BYLINE
    if shapes.is_boilerplate(text):
        return BOILERPLATE
    if LIST_RE.match(text):
        return LIST_ITEM  # a bullet line is a list item: house styles differ on its full stop
    if shapes.looks_like_heading(text) and not shapes.URLISH_RE.search(text):
        return HEADING  # a line with a URL is an entry, not a heading
    return PARAGRAPH


ITEM_MAX = 90  # a line of an unmarked list (scraped text loses its bullets) is shorter than this


def _spans_and_kinds(source: str):
    """Blocks as (start, end) with their kinds. After a lead-in that ends with ':', a run of two
    or more short lines opening the next blank-line group is a list whose bullets were lost in
    copying: one list item per line."""
    spans, kinds = [], []
    for group in _groups(source):
        run = 0
        if spans and source[spans[-1][0]:spans[-1][1]].rstrip().endswith(":"):
            while run < len(group) and group[run][1] - group[run][0] < ITEM_MAX:
                run += 1
            run = run if run >= 2 else 0
        for s, e in group[:run]:
            spans.append((s, e))
            kinds.append(LIST_ITEM)
        if run < len(group):
            for s, e in _split_group(source, group[run:]):
                spans.append((s, e))
                kinds.append(classify(source[s:e]))
    return spans, kinds


def load_text(path: str, source: str, options: dict | None = None) -> Document:
    doc = Document(path=path, source=source, format="text")
    spans, kinds = _spans_and_kinds(source)
    _mark_references(source, spans, kinds)
    section, group = "", 0
    for (s, e), kind in zip(spans, kinds):
        text = source[s:e]
        if "claimlint" in text and is_directive_line(text):  # an inline suppression, not prose
            continue
        if kind == HEADING:
            section = text.strip().lower()
            group += 1
        doc.blocks.append(simple_block(kind, source, s, e, group=group, section=section))
    return doc


def _mark_references(source: str, spans, kinds) -> None:
    """Entries under a 'References' heading, and runs of two or more source-naming lines."""
    in_refs = False
    for i, (s, e) in enumerate(spans):
        text = source[s:e]
        if kinds[i] == HEADING:
            in_refs = shapes.is_reference_heading(text)
            continue
        if in_refs and kinds[i] in (PARAGRAPH, HEADING) and shapes.could_be_reference(text):
            kinds[i] = REFERENCE
    run = []
    for i, (s, e) in enumerate(spans + [(0, 0)]):
        if i < len(spans) and kinds[i] in (PARAGRAPH, HEADING, REFERENCE) and shapes.looks_like_reference(source[s:e]):
            run.append(i)
            continue
        if len(run) >= 2:
            for j in run:
                kinds[j] = REFERENCE
        run = []
