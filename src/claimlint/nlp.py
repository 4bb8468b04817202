"""spaCy, loaded only when a document has something that needs language context.

A blank English pipeline (no downloaded model) gives the tokenizer, the rule-based
sentencizer and the Matcher. `import spacy` costs most of a second, so nothing imports
this module's dependencies until a rule asks for sentences or a Matcher.
"""
from __future__ import annotations

import re
from functools import lru_cache

# Abbreviations after which a full stop does not end a sentence.
# Written lower-case or capitalised ("Dr.", "dr."), never in capitals: "for ED." ends a sentence.
# Units ("50 mg.") are not here: a unit before a full stop ends its sentence.
ABBREVIATIONS = ("al", "e.g", "i.e", "etc", "vs", "approx", "fig", "dr", "prof", "mr", "mrs", "ms", "st",
                 "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "ed", "eds",
                 "vol", "pp", "ca", "cf", "inc", "ltd", "co", "est")
_ABBREV_END = re.compile(r"(?:^|[\s(])(?:" + "|".join(f"[{a[0]}{a[0].upper()}]{re.escape(a[1:])}" for a in ABBREVIATIONS)
                         + r")\.$")
_NUMBER_ABBREV = re.compile(r"(?:^|[\s(])[Nn]o\.$")  # "No. 5": only before a digit
_REAL_END = re.compile(r"[.!?…][\"”’')\]]*(?:\[[^\]]*\]|\(\d{1,3}\)|\d{1,3}|[ivxlc]{1,6}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|<sup>[^<]*</sup>)*\s*$")
_INITIAL_END = re.compile(r"(?:^|\s)[A-Z]\.$")


@lru_cache(maxsize=1)
def pipeline():
    """A blank English pipeline with a sentencizer; built once per process."""
    import spacy
    from spacy.util import compile_infix_regex

    nlp = spacy.blank("en")
    # A full stop glued to a following citation marker ("adults.12", "flare-ups.iv", "men.[3]")
    # or to the next sentence ("cells.These") is a boundary, not part of a word.
    infixes = list(nlp.Defaults.infixes) + [
        r"(?<=[a-z\)\]%])\.(?=(?:\d{1,3}|[ivxlc]{1,6})(?:[,\s\]]|$))",
        r"(?<=[a-z\)\]%])\.(?=[\[\(¹²³⁴⁵⁶⁷⁸⁹⁰])",
        r"(?<=[a-z]{2})\.(?=[A-Z][a-z])",
    ]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.add_pipe("sentencizer")
    return nlp


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of `text` (spaCy's sentencizer, abbreviation-aware)."""
    doc = pipeline()(_flat(text))
    spans: list[tuple[int, int]] = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        if spans:
            start = _after_trailing_marker(text, spans[-1], start)
            if start >= end:
                spans[-1] = (spans[-1][0], end)
                continue
            if _continues(text, spans[-1], start):
                spans[-1] = (spans[-1][0], end)
                continue
            spans[-1] = (spans[-1][0], start)
        spans.append((start, end))
    return [(s, s + len(text[s:e].rstrip())) for s, e in spans]


_GLUED_MARKER = re.compile(r"(?:\d{1,3}(?:[,–-]\d{1,3})*|[ivxlc]{1,6})(?=\s|$)")
_SPACED_MARKER = re.compile(r"\s*(?:\[[^\]\n]{1,24}\]|\(\d{1,3}(?:[,\s–-]+\d{1,3})*\)|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|<sup>[^<]{1,12}</sup>)")


def _after_trailing_marker(text: str, prev: tuple[int, int], start: int) -> int:
    """Move a boundary past a citation marker that belongs to the previous sentence."""
    region = text[prev[0]:start]
    stop = max(region.rfind("."), region.rfind("!"), region.rfind("?"))
    if stop < 0:
        return start
    pos = prev[0] + stop + 1
    while pos < len(text) and text[pos] in "\"”’')":
        pos += 1
    end = pos
    m = _GLUED_MARKER.match(text, pos)
    if m:
        end = m.end()
    while True:
        m = _SPACED_MARKER.match(text, end)
        if not m:
            break
        end = m.end()
    if end <= start and end == pos:
        return start
    while end < len(text) and text[end].isspace():
        end += 1
    return max(end, start) if end > pos else start


def _continues(text: str, prev: tuple[int, int], start: int) -> bool:
    """True when a split after `prev` was wrong: an abbreviation, an initial, or lower-case next."""
    before = text[prev[0]:prev[1]].rstrip()
    if not _REAL_END.search(before):
        return True
    nxt = text[start:start + 1]
    if _ABBREV_END.search(before) or _INITIAL_END.search(before):
        return True
    if _NUMBER_ABBREV.search(before) and nxt.isdigit():
        return True
    return nxt.islower() and not before.endswith(("?", "!"))


def tokens(text: str):
    """A spaCy Doc of `text`, for rules that match token patterns."""
    return pipeline()(_flat(text))


_LINE_BREAKS = str.maketrans("\n\r\t\f\v", "     ")


def _flat(text: str) -> str:
    """Line breaks as spaces (same length, so offsets hold): a wrapped line is one phrase."""
    return text.translate(_LINE_BREAKS)
