"""The trie form of a vocabulary list matches exactly what the plain longest-first alternation matches."""
from __future__ import annotations

import random
import re

import pytest
import yaml

from claimlint import rulepacks
from claimlint.rulepacks import builtin_rules_dir, vocabulary_pattern


def alternation(words) -> str:
    """The plain form: every word in turn, longest first."""
    parts = [w[3:] if w.startswith("re:") else r"\s+".join(re.escape(p) for p in w.split())
             for w in sorted({str(w) for w in words}, key=lambda w: (-len(w), w))]
    return "(?:" + "|".join(parts) + ")" if parts else "(?!x)x"


def vocabularies():
    for path in sorted(builtin_rules_dir().glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=rulepacks._line_loader()) or {}
        for name, words in (data.get("vocabulary") or {}).items():
            if name != "__line__":
                yield f"{path.stem}:{name}", [str(w) for w in words]


@pytest.mark.parametrize("name,words", list(vocabularies()))
def test_same_matches_as_the_alternation(name, words):
    rng = random.Random(name)
    noise = ["the", "and", "in most", "x"]
    for template in (r"\b{}\b", r"{}", r"\b{}\s+(\w+)", r"(?:{})+s?"):
        for flags in (re.IGNORECASE, 0):
            plain = re.compile(template.format(alternation(words)), flags)
            trie = re.compile(template.format(vocabulary_pattern(words)), flags)
            for _ in range(40):
                picks = [rng.choice([w, w.upper(), w[:-1], "x" + w, w + "s", rng.choice(noise)])
                         for w in rng.sample(words, min(6, len(words)))]
                text = rng.choice([" ", "  ", "\n"]).join(picks)
                assert [(m.span(), m.groups()) for m in trie.finditer(text)] == \
                       [(m.span(), m.groups()) for m in plain.finditer(text)], text


def test_trie_shape():
    assert vocabulary_pattern(["reduce", "reduces", "side effects", "side"]) == \
        r"(?:(?:reduce(?:s)?|side(?:\s+effects)?))"
    # Case variants of one word keep the plain alternation (their order could matter).
    assert vocabulary_pattern(["Ab", "abc"]) == "(?:abc|Ab)"
