"""Sentences of a block, computed once per document and shared by every rule.

Only blocks that a cheap scanner flagged are ever segmented, so spaCy runs on the few
paragraphs that hold a candidate claim, not on the whole article.
"""
from __future__ import annotations

import bisect
from typing import NamedTuple

from claimlint import nlp


class Sentence(NamedTuple):
    """One sentence of a block (a named tuple: made for every sentence of every claim paragraph)."""

    block: int  # index of the block in doc.blocks
    index: int  # position among the block's sentences
    start: int  # block-text offsets
    end: int


def block_sentences(doc, ctx, block_index: int) -> list[Sentence]:
    def compute():
        text = doc.blocks[block_index].text
        return [Sentence(block_index, i, s, e) for i, (s, e) in enumerate(nlp.sentence_spans(text))]
    return ctx.cached(("sentences", block_index), compute)


def sentence_at(sentences: list[Sentence], pos: int) -> Sentence:
    """The sentence holding block offset `pos`, found by bisection (a block may hold thousands); for
    an offset in no sentence, the last one if it lies past its start, else the first."""
    if len(sentences) <= 8:  # the usual paragraph: a scan is cheaper than bisection with a key
        for s in sentences:
            if s.start <= pos < s.end:
                return s
    else:
        i = bisect.bisect_right(sentences, pos, key=_start) - 1
        if i >= 0 and pos < sentences[i].end:
            return sentences[i]
    return sentences[-1] if sentences and pos >= sentences[-1].start else sentences[0]


def _start(sentence: Sentence) -> int:
    return sentence.start
