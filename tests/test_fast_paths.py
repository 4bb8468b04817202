"""Shortcuts taken for speed must answer exactly what the plain expression would."""
from __future__ import annotations

import random
import re

from claimlint.kinds.unfinished import _fewer_words, _last_word

WORD = re.compile(r"[\w’'-]+")


def test_last_word_is_the_last_regex_word():
    rng = random.Random(7)
    chars = list("ab Z9_’'-.,!? \tçé٣\u00a0\u200b")
    for _ in range(20000):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 12)))
        words = WORD.findall(text)
        assert _last_word(text) == (words[-1].lower() if words else ""), repr(text)


def test_fewer_words_counts_like_split():
    rng = random.Random(8)
    for _ in range(5000):
        text = "".join(rng.choice("ab \t\n\u00a0") for _ in range(rng.randint(0, 15)))
        for n in range(0, 6):
            assert _fewer_words(text, n) == (len(text.split()) < n), (repr(text), n)


def test_backslash_d_is_isdecimal():
    every = "".join(map(chr, range(0x110000)))
    assert set(re.findall(r"\d", every)) == {ch for ch in every if ch.isdecimal()}


def _align_char_by_char(source: str, cursor: int, text: str, limit: int):
    """The Markdown aligner's walk one character at a time (what it did before taking plain
    stretches whole), as the reference for the test below."""
    import html

    from claimlint.loaders.markdown import ENTITY_RE

    src, j, runs, i = source, cursor, [], 0
    n = min(len(src), max(limit, cursor + 1))
    while i < len(text) and j < n:
        ch = src[j]
        m = ENTITY_RE.match(src, j) if ch == "&" else None
        decoded = html.unescape(m.group()) if m else ""
        if m and decoded != m.group() and text.startswith(decoded, i):
            runs.append((i, j, -(m.end() - j) * 1000 - len(decoded)))
            i, j = i + len(decoded), m.end()
        elif ch == text[i]:
            runs.append((i, j, 1))
            i, j = i + 1, j + 1
        elif ch == "\\" and j + 1 < n and src[j + 1] == text[i]:
            runs.append((i, j, -2))
            i, j = i + 1, j + 2
        else:
            j += 1
    if i < len(text):
        runs.append((i, min(j, len(src)), -(1000) - (len(text) - i)))
    return runs, j


def _unit_runs(runs):
    out = []
    for i, j, code in runs:
        out.extend((i + t, j + t, 1) for t in range(code)) if code > 0 else out.append((i, j, code))
    return out


def test_markdown_alignment_takes_plain_stretches_as_the_character_walk_would():
    from claimlint.loaders.markdown import _Aligner

    rng = random.Random(9)
    pieces = ["word", "Zinc", " ", "  ", "\n", "*", "**", "_", "[", "](", ")", "`", "#", "&amp;", "&#39;", "&x",
              "\\*", "\\", "<b>", "!", "~", "|", "é", "3.5%"]
    for _ in range(3000):
        source = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        # The parsed text: the source with some characters dropped and some entities decoded.
        text = "".join(ch for ch in source.replace("&amp;", "&" if rng.random() < 0.5 else "&amp;")
                       if rng.random() > 0.2)
        cursor = rng.randint(0, len(source))
        limit = rng.randint(cursor, len(source) + 3)
        aligner = _Aligner(source)
        aligner.cursor = cursor
        mine = aligner._align(text, limit) if text else []
        if not text:
            continue
        theirs, end = _align_char_by_char(source, cursor, text, limit)
        assert _unit_runs(mine) == theirs and aligner.cursor == end, (source, text, cursor, limit)


def _continues_plain(text, prev, start):
    """`nlp._continues` as the plain expressions answer it (the reference for the test below)."""
    from claimlint import nlp

    before = text[prev[0]:prev[1]].rstrip()
    if not nlp._REAL_END.search(before):
        return True
    nxt = text[start:start + 1]
    if nlp._ABBREV_END.search(before) or nlp._INITIAL_END.search(before):
        return True
    if nlp._NUMBER_ABBREV.search(before) and nxt.isdigit():
        return True
    return nxt.islower() and not before.endswith(("?", "!"))


def _after_marker_plain(text, prev, start):
    """`nlp._after_trailing_marker` trying both marker expressions at every boundary."""
    from claimlint import nlp

    region = text[prev[0]:start]
    stop = max(region.rfind("."), region.rfind("!"), region.rfind("?"))
    if stop < 0:
        return start
    pos = prev[0] + stop + 1
    while pos < len(text) and text[pos] in "\"”’')":
        pos += 1
    end = pos
    m = nlp._GLUED_MARKER.match(text, pos)
    if m:
        end = m.end()
    while True:
        m = nlp._SPACED_MARKER.match(text, end)
        if not m:
            break
        end = m.end()
    if end <= start and end == pos:
        return start
    while end < len(text) and text[end].isspace():
        end += 1
    return max(end, start) if end > pos else start


def test_sentence_boundary_shortcuts_answer_as_the_expressions_do():
    from claimlint import nlp

    rng = random.Random(9)
    pieces = ["word", "Dr.", "e.g.", "No.", "no.", "A.", "x.", "3", "12", "iv", "vi.", ".", "!", "?", "…", "”",
              "'", ")", "(3)", "[4]", "[a b]", "¹²", "<sup>5</sup>", " ", "  ", "\u00a0", "\n", "Cells", "men.12",
              "٣", "etc.", "al.", "vs."]
    for _ in range(4000):
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", " "]) for _ in range(rng.randint(1, 14)))
        for _ in range(3):
            a = rng.randrange(len(text) + 1)
            b = rng.randrange(a, len(text) + 1)
            start = rng.randrange(b, len(text) + 1)
            prev = (a, b)
            assert nlp._continues(text, prev, start) == _continues_plain(text, prev, start), (repr(text), prev, start)
            assert nlp._after_trailing_marker(text, prev, start) == _after_marker_plain(text, prev, start), \
                (repr(text), prev, start)


def test_boilerplate_shortcut_answers_as_the_expression_does():
    from claimlint.loaders import shapes

    rng = random.Random(10)
    words = ["we use cookies", "We Use Cookies", "cookie policy", "privacy policy", "PRIVACY  policy",
             "terms & conditions", "all rights reserved", "sign up for our newsletter", "share this article",
             "skip to main content", "ſkip to content", "cooKie settings", "İ", "zinc", "is", "a", ".", " ", "\n"]
    for _ in range(5000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 8)))
        expected = len(text) < 400 and bool(shapes.BOILERPLATE_RE.search(text))
        assert shapes.is_boilerplate(text) == expected, repr(text)


def test_card_flags_in_one_pass_equal_in_card_block_by_block():
    import random

    from claimlint.document import (BOILERPLATE, BYLINE, CARD, HEADING, LIST_ITEM, PARAGRAPH, TITLE, Block,
                                    Document, Piece)
    from claimlint.kinds.required import card_flags, in_card

    rng = random.Random(2)
    kinds = [HEADING, BOILERPLATE, CARD, BYLINE, PARAGRAPH, TITLE, LIST_ITEM]
    texts = ["Related articles", "Zinc", "x" * 130, "You may also like", "Medically reviewed by Dr A", "More on colds"]
    for _ in range(3000):
        blocks = [Block(rng.choice(kinds), rng.choice(texts), [Piece(0, 0, 1, 1)],
                        section=rng.choice(["", "related stories", "zinc"])) for _ in range(rng.randint(0, 12))]
        doc = Document("a.md", "x", "markdown", blocks=blocks)
        assert card_flags(doc) == [in_card(doc, i) for i in range(len(blocks))]


def test_label_at_the_end_is_found_reading_only_the_end_as_by_searching_the_whole_text():
    from claimlint.kinds.required import LABEL_END, ends_on_label

    pieces = ["Medically reviewed by", "Updated on", "Published:", "date", "BY", "by:", "ſtandby", "nearby",
              "reviewer", "Reviewer :", "plainly", "onion", "x", "_by", "ON", "Modified", "é", "\u2160by",
              " ", "\n", "\t", ":", "::", "\u00a0", "\u2009", "\u3000", ".", "-", "", "\n\n", "2026"]
    rng = random.Random(3)
    texts = ["", ":", "by", " by", "by ", "by\n", "by:\n", "by :\n ", "by\n\n", "xby", "x by: :"]
    for _ in range(20000):
        texts.append("".join(rng.choice(pieces) for _ in range(rng.randint(1, 8))))
    for text in texts:
        assert ends_on_label(text) == (LABEL_END.search(text) is not None), repr(text)
    assert any(map(ends_on_label, texts)) and not all(map(ends_on_label, texts))
