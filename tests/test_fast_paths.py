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
