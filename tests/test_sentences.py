"""Sentence boundaries: the Sentencizer's rule run over token arrays must give spaCy's own answer."""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from claimlint import nlp
from claimlint.engine import Context
from claimlint.loaders import LoadError, format_for, load, read

ROOT = Path(__file__).resolve().parent.parent


def _spacy_sentencizer(text: str) -> list[tuple[int, int]]:
    from spacy.pipeline import Sentencizer

    doc = Sentencizer()(nlp.parse(text).doc)
    return [(sent.start_char, sent.end_char) for sent in doc.sents] if len(doc) else []


def _corpus_blocks() -> list[str]:
    texts = []
    for path in sorted((ROOT / "tests").rglob("*")):
        if path.suffix in (".md", ".txt", ".html") and path.is_file():
            try:
                doc = load(str(path), read(str(path)), format_for(str(path)))
            except LoadError:
                continue  # the fixtures include files that are meant not to load
            texts.extend(b.text for b in doc.blocks)
    return texts


def test_sentence_boundaries_equal_spacy_sentencizer_on_every_corpus_block():
    blocks = _corpus_blocks()
    assert len(blocks) > 200
    for text in blocks:
        assert nlp.sentencizer_spans(nlp.parse(text)) == _spacy_sentencizer(text), text


@pytest.mark.parametrize("seed", range(3))
def test_sentence_boundaries_equal_spacy_sentencizer_on_random_text(seed):
    rng = random.Random(seed)
    pieces = ["word", "Dr.", "e.g.", "U.S.", "3.5", "!", "?", ".", "...", "!?", "…", "。", "”", "\"", ")", "(",
              "—", ",", ";", ":", "[1]", "men.12", "cells.These", "'", "?!", " ", "  ", "\n", "。。", "‼", "x"]
    for _ in range(500):
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", " ", "\n"]) for _ in range(rng.randint(0, 30)))
        assert nlp.sentencizer_spans(nlp.parse(text)) == _spacy_sentencizer(text), repr(text)


def test_empty_and_blank_text_have_no_sentences():
    assert nlp.sentence_spans("") == []
    assert nlp.sentencizer_spans(nlp.parse("")) == []


def test_the_ascii_shortcut_holds_every_ascii_mark():
    from spacy.pipeline import Sentencizer

    ascii_marks = {ch for ch in Sentencizer.default_punct_chars if ch.isascii()}
    assert {ch for ch in map(chr, range(128)) if nlp._ASCII_MARKS.fullmatch(ch)} == ascii_marks
    assert all(len(ch) == 1 for ch in Sentencizer.default_punct_chars)  # a mark token is one character


def _columns(parsed):
    return parsed.puncts, parsed.starts, parsed.ends, parsed.text


def test_blocks_parsed_together_get_the_tokens_each_gets_alone():
    """`nlp.prepare` parses many blocks in one spaCy call; each must get exactly its own parse."""
    rng = random.Random(11)
    pieces = ["word", "Dr.", "e.g.", ":)", "a.m.", "U.S.", "3.5", "!", "?", ".", "”", "\"", ")", "(", "—", ",",
              "[1]", "men.12", "cells.These", "'s", "n't", "can't", " ", "  ", "\n", "\t", "\u00a0", "\x00", "x"]
    texts = _corpus_blocks()[:300]
    for _ in range(400):
        texts.append("".join(rng.choice(pieces) + rng.choice(["", " ", " "]) for _ in range(rng.randint(0, 20))))
    texts += texts[:5]  # a text given twice
    try:
        for start in range(0, len(texts), 50):
            batch = texts[start:start + 50]
            nlp.prepare(batch)
            for text in batch:
                together = nlp.parse(text)
                alone = nlp._parse_alone(text)
                assert _columns(together) == _columns(alone), repr(text)
                words = [t.lower_ for t in together.doc[together.lo:together.lo + len(together.starts)]]
                assert words == [t.lower_ for t in alone.doc], repr(text)
    finally:
        nlp.prepare([])


def test_trigger_matches_in_a_shared_parse_are_each_blocks_own():
    from claimlint.kinds import claim

    comp = claim.Compiled([], None, "sentence", {"negation": ["no", "not"], "hedge": ["may", "might help"],
                                                  "hypothetical": [], "negation_after": []},
                          8, set(), "warning", trigger_key="test-triggers")
    texts = ["It may not help.", "No cure", "It might help. Not now", "may", "Nothing here", "might", "help no"]
    ctx = Context(dt.date(2026, 11, 24))
    try:
        nlp.prepare(texts)
        for text in texts:
            shared = claim._trigger_tokens(comp, claim._Tokens(nlp.parse(text)), ctx)
            alone = claim._trigger_tokens(comp, claim._Tokens(nlp._parse_alone(text)), ctx)
            assert sorted(shared) == sorted(alone), text
    finally:
        nlp.prepare([])


def test_sentence_at_by_bisection_is_the_plain_scan():
    from claimlint.sentences import Sentence, sentence_at

    def plain(sentences, pos):
        for s in sentences:
            if s.start <= pos < s.end:
                return s
        return sentences[-1] if sentences and pos >= sentences[-1].start else sentences[0]

    rng = random.Random(7)
    for _ in range(3000):
        pos, sents = 0, []
        for i in range(rng.randint(1, 7)):
            a = pos + rng.randint(0, 3)
            pos = a + rng.randint(1, 9)
            sents.append(Sentence(0, i, a, pos))
        for p in range(-2, pos + 4):
            assert sentence_at(sents, p) == plain(sents, p), (sents, p)


def test_bounded_claim_context_finds_what_the_unbounded_search_finds(monkeypatch):
    """The claim checks look a bounded distance around each candidate (characters for unless_before /
    unless_after, tokens for triggers): on the corpus, the findings equal those of unbounded looks."""
    import claimlint
    from claimlint.kinds import claim

    settings = claimlint.Settings.from_dict({"today": "2026-11-24", "select": ["CL2"]})
    articles = [p for p in sorted((ROOT / "tests" / "corpus").iterdir()) if p.suffix in (".md", ".txt", ".html")]

    def findings():
        linter = claimlint.Linter(settings)
        return [linter.lint_text(p.read_text(encoding="utf-8"), path=p.name) for p in articles]

    bounded = findings()
    monkeypatch.setattr(claim, "CONTEXT_CHARS", 10**9)
    monkeypatch.setattr(claim, "TRIGGER_SPAN", 10**9)
    assert findings() == bounded and sum(map(len, bounded)) > 300
