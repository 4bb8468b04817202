"""spaCy, loaded only when a document has something that needs language context.

A blank English pipeline (no downloaded model) gives the tokenizer and the vocabulary the
Matcher works on; sentence boundaries are those of spaCy's rule-based Sentencizer over its
tokens. `import spacy` costs most of a second, so nothing imports this module's
dependencies until a rule asks for sentences or a Matcher, or the zygote (`claimlint.zygote`)
loads them ahead, in its own process, while the rule packs load.
"""
from __future__ import annotations

import bisect
import gc
import importlib
import operator
import re
import sys
import types
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
# _ABBREV_END, _NUMBER_ABBREV and _INITIAL_END match at most this many characters before the
# end, so they are searched from there ("^" still means the real start of the text).
_TAIL = max(map(len, ABBREVIATIONS)) + 4


# A full stop glued to a following citation marker ("adults.12", "flare-ups.iv", "men.[3]")
# or to the next sentence ("cells.These") is a boundary, not part of a word.
EXTRA_INFIXES = (
    r"(?<=[a-z\)\]%])\.(?=(?:\d{1,3}|[ivxlc]{1,6})(?:[,\s\]]|$))",
    r"(?<=[a-z\)\]%])\.(?=[\[\(¹²³⁴⁵⁶⁷⁸⁹⁰])",
    r"(?<=[a-z]{2})\.(?=[A-Z][a-z])",
)


def import_spacy():
    """`import spacy` without importing its command line (typer, weasel, requests, rich, …).

    spaCy's package __init__ imports `spacy.cli.info` only to re-export `spacy.info`; the CLI
    package behind it costs about a third of `import spacy`. Stand-ins for `spacy.cli` and
    `spacy.cli.info` are put in `sys.modules` just for the import and taken out afterwards, so a
    later `import spacy.cli` gets the real package; `spacy.info` and any other name asked of a
    stand-in import the real module on first use.
    """
    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        import spacy
        return spacy
    cli = _StandIn("spacy.cli")
    info = _StandIn("spacy.cli.info")
    cli.__path__ = []
    cli.info = info

    def lazy_info(*args, **kwargs):
        return info._real().info(*args, **kwargs)

    info.info = lazy_info
    sys.modules["spacy.cli"], sys.modules["spacy.cli.info"] = cli, info
    try:
        import spacy
    finally:
        for name, stand_in in (("spacy.cli.info", info), ("spacy.cli", cli)):
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]
    return spacy


class _StandIn(types.ModuleType):
    def _real(self):
        for name in ("spacy.cli.info", "spacy.cli"):
            if isinstance(sys.modules.get(name), _StandIn):
                del sys.modules[name]
        return importlib.import_module(self.__name__)

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self._real(), name)


@lru_cache(maxsize=1)
def pipeline():
    """A blank English pipeline: its tokenizer and vocabulary, built once per process.

    The English language class is subclassed only to add `EXTRA_INFIXES`, so the tokenizer's
    infix expression is compiled once, with them, instead of once by `spacy.blank` and again
    after.
    """
    collecting = gc.isenabled()
    gc.disable()  # spaCy's import makes several hundred thousand objects that live to the end
    try:
        import_spacy()
        from spacy.lang.en import English
    finally:
        if collecting:  # as it was: moving them out of the collector's way is the command line's call
            gc.enable()

    class ClaimlintDefaults(English.Defaults):
        infixes = list(English.Defaults.infixes) + list(EXTRA_INFIXES)

    class ClaimlintEnglish(English):
        lang = "en"
        Defaults = ClaimlintDefaults

    pipe = ClaimlintEnglish()
    # spaCy refuses texts over a million characters for the memory its parser and NER would need;
    # this pipeline only tokenizes (memory linear in the text), so a long block is no reason to
    # leave an article unchecked.
    pipe.max_length = 1 << 40
    return pipe


@lru_cache(maxsize=1)
def _sentence_marks() -> re.Pattern:
    """The characters spaCy's rule-based Sentencizer ends sentences on (each one character), as
    a character class: a token is a mark when its text is one of them."""
    from spacy.pipeline import Sentencizer

    return re.compile("[" + "".join(re.escape(ch) for ch in sorted(Sentencizer.default_punct_chars)) + "]")


_ASCII_MARKS = re.compile(r"[!.?]")  # the Sentencizer's marks that are ASCII (a test checks)


@lru_cache(maxsize=1)
def _other_marks() -> frozenset[str]:
    """The Sentencizer's marks that are not ASCII: a text holding none of them (most text, even
    with curly quotes) is searched for the three ASCII marks only, which `re` does far faster."""
    from spacy.pipeline import Sentencizer

    return frozenset(ch for ch in Sentencizer.default_punct_chars if not ch.isascii())


@lru_cache(maxsize=1)
def _columns() -> list[int]:
    from spacy.attrs import IDX, IS_PUNCT, LENGTH

    return [IS_PUNCT, IDX, LENGTH]


class Parsed:
    """A block's tokens: the spaCy Doc they are in, from token `lo` on (a Doc may hold several
    blocks: see `prepare`), and the per-token columns the rules read, offsets in the block."""

    __slots__ = ("doc", "lo", "text", "puncts", "starts", "ends")

    def __init__(self, doc, text: str):
        self.doc = doc
        self.lo = 0
        self.text = text  # the text the tokens were made of
        if len(doc):
            self.puncts, self.starts, lengths = doc.to_array(_columns()).T.tolist()
            self.ends = list(map(operator.add, self.starts, lengths))
        else:
            self.puncts, self.starts, self.ends = [], [], []

    @classmethod
    def part(cls, doc, lo: int, text: str, puncts, starts, ends) -> "Parsed":
        parsed = cls.__new__(cls)
        parsed.doc, parsed.lo, parsed.text = doc, lo, text
        parsed.puncts, parsed.starts, parsed.ends = puncts, starts, ends
        return parsed


# Between blocks parsed together: a token of its own (spaCy tokenizes each run of non-space
# characters by itself, and the single spaces around it are absorbed), which no special case
# and no trigger phrase holds, so nothing matched across it changes a block's tokens.
_SEPARATOR = " \x00 "
_PREPARED: dict[str, Parsed] = {}  # an explicit cache: the blocks of the last `prepare`


def prepare(texts) -> None:
    """Parse several blocks with one call to spaCy (each call costs a Doc and a copy of its columns,
    which for short paragraphs cost more than the tokens); `parse` then answers from them until the
    next `prepare`. The tokens are those `parse` makes of each text alone: spaCy splits on spaces
    first and tokenizes each run of other characters by itself. A text that begins or ends with a
    space, or holds the separator's character, is left to `parse`. `prepare([])` frees them."""
    _PREPARED.clear()
    todo, flats, seen = [], [], set()
    for text in texts:
        flat = _flat(text)
        if not flat or flat[0].isspace() or flat[-1].isspace() or "\x00" in flat or text in seen:
            continue
        seen.add(text)
        todo.append(text)
        flats.append(flat)
    if not todo:
        return
    doc = pipeline().make_doc(_SEPARATOR.join(flats))
    puncts, starts, lengths = doc.to_array(_columns()).T.tolist() if len(doc) else ([], [], [])
    base, lo = 0, 0
    for text, flat in zip(todo, flats):
        lo = bisect.bisect_left(starts, base, lo)
        hi = bisect.bisect_left(starts, base + len(flat), lo)
        local = [s - base for s in starts[lo:hi]]
        _PREPARED[text] = Parsed.part(doc, lo, flat, puncts[lo:hi], local,
                                      list(map(operator.add, local, lengths[lo:hi])))
        base += len(flat) + len(_SEPARATOR)
        lo = hi


def parse(text: str) -> Parsed:
    """The tokens of `text`: sentences and token matches of a block come from one parse.

    Line breaks are parsed as spaces, so a phrase wrapped over two lines ("no\nevidence") is
    one phrase to the matchers; offsets are unchanged."""
    prepared = _PREPARED.get(text)
    return prepared if prepared is not None else _parse_alone(text)


@lru_cache(maxsize=16)
def _parse_alone(text: str) -> Parsed:
    flat = _flat(text)
    return Parsed(pipeline().make_doc(flat), flat)


def sentencizer_spans(parsed: Parsed) -> list[tuple[int, int]]:
    """Character spans of the sentences spaCy's rule-based Sentencizer finds in a parse.

    The Sentencizer's own rule, with its own list of marks: a token whose text is a mark sets
    "seen a mark", and the next token that is neither punctuation nor a mark starts a sentence.
    Marks are rare, so they are found in the text (a mark token is one character long, so it
    begins where a mark character is) and only the tokens after each are looked at. The pipe
    itself makes a Python object of every token, which cost as much as tokenizing.
    `tests/test_sentences.py` holds the two equal.
    """
    starts, ends, puncts = parsed.starts, parsed.ends, parsed.puncts
    n = len(starts)
    if not n:
        return []
    firsts = [0]
    after = 0  # tokens before this one are settled
    text = parsed.text
    ascii_only = text.isascii() or _other_marks().isdisjoint(text)
    for m in (_ASCII_MARKS if ascii_only else _sentence_marks()).finditer(text):
        pos = m.start()
        k = bisect.bisect_left(starts, pos, after)
        if k == n or starts[k] != pos or ends[k] != pos + 1:
            continue  # the character is part of a longer token ("e.g.", "3.5"): not a mark
        j = k + 1  # the first token after the mark that is neither punctuation nor a mark
        while j < n and (puncts[j] or (ends[j] == starts[j] + 1 and _is_mark(text, starts[j]))):
            j += 1
        if j < n:
            firsts.append(j)
        after = j
        if j >= n:
            break
    lasts = [i - 1 for i in firsts[1:]] + [n - 1]
    return [(starts[f], ends[k]) for f, k in zip(firsts, lasts)]


def _is_mark(text: str, pos: int) -> bool:
    ch = text[pos]
    return ch in "!.?" or ch in _other_marks()


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of `text` (spaCy's sentencizer, abbreviation-aware)."""
    spans: list[tuple[int, int]] = []
    for start, end in sentencizer_spans(parse(text)):
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
    first = text[pos:pos + 1]
    if first and (first.isdecimal() or first in "ivxlc"):  # what a glued marker begins with
        m = _GLUED_MARKER.match(text, pos)
        if m:
            end = m.end()
    while _may_be_spaced_marker(text, end):
        m = _SPACED_MARKER.match(text, end)
        if not m:
            break
        end = m.end()
    if end <= start and end == pos:
        return start
    while end < len(text) and text[end].isspace():
        end += 1
    return max(end, start) if end > pos else start


_SPACED_FIRST = frozenset("[(<¹²³⁴⁵⁶⁷⁸⁹⁰")  # what a spaced marker begins with, after its spaces


def _may_be_spaced_marker(text: str, pos: int) -> bool:
    """False when `_SPACED_MARKER` cannot match at `pos` (most boundaries): spaces, then none
    of the characters a marker begins with."""
    n = len(text)
    while pos < n and text[pos].isspace():  # `\s` in a str pattern is `str.isspace`
        pos += 1
    return pos < n and text[pos] in _SPACED_FIRST


def _continues(text: str, prev: tuple[int, int], start: int) -> bool:
    """True when a split after `prev` was wrong: an abbreviation, an initial, or lower-case next."""
    before = text[prev[0]:prev[1]].rstrip()
    last = before[-1:]
    # Ending on a mark is a real end (`_REAL_END` matches there); otherwise ask the expression.
    if not (last and last in ".!?…") and not _REAL_END.search(before):
        return True
    nxt = text[start:start + 1]
    if last == ".":  # the three abbreviation shapes all end with a full stop
        tail = max(0, len(before) - _TAIL)  # those three match only the last few characters
        if _ABBREV_END.search(before, tail) or _INITIAL_END.search(before, tail):
            return True
        if _NUMBER_ABBREV.search(before, tail) and nxt.isdigit():
            return True
    return nxt.islower() and not before.endswith(("?", "!"))


def tokens(text: str) -> Parsed:
    """The tokens of `text`, for rules that match token patterns (the same parse as its sentences)."""
    return parse(text)


_LINE_BREAKS = str.maketrans("\n\r\t\f\v", "     ")


def _flat(text: str) -> str:
    """Line breaks as spaces (same length, so offsets hold): a wrapped line is one phrase."""
    return text.translate(_LINE_BREAKS)
