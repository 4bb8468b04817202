"""The literal prefilter must never change what a pattern finds: only where it looks."""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from claimlint.prefilter import WHITESPACE, PatternSet, required
from claimlint.rulepacks import load_rules, pack_paths

ROOT = Path(__file__).resolve().parent.parent


def test_whitespace_is_exactly_what_backslash_s_matches():
    every = "".join(map(chr, range(0x110000)))
    assert set(re.findall(r"\s", every)) == set(WHITESPACE)


@pytest.mark.parametrize("pattern, clauses, starts", [
    (r"\b(?:reduces?|lowers)\s+(?:the\s+)?(?:pain|risk)", [{"reduce", "lowers"}, {"pain", "risk"}],
     {"reduce ", "reduces ", "lowers "}),  # `\s` reads as a space
    (r"(?:works?|worked)", [{"work"}], {"work"}),
    (r"\bx?yzw", [{"yzw"}], {"yzw", "xyzw"}),
    (r"a*bcd", [{"bcd"}], {"a", "bcd"}),
    (r"(?:ab|cd)?efg", [{"efg"}], {"abefg", "cdefg", "efg"}),
    (r"\d+\s?(?:%|per\s?cent)", [set("0123456789"), {"%", "per cent", "percent"}], set("0123456789")),
    (r"(?:the|an?)\s+best", [{"best"}], {"the ", "a ", "an "}),
    (r"(?i:CURE)s", [{"cures"}], {"cures"}),  # literals are folded: case does not matter
    (r"[Dd]r\.?\s+Ruiz", [{"ruiz"}], {"dr ", "dr. "}),
    (r"\w+ful", [{"ful"}], None),  # a word character can begin anything
    (r"(?:abc|)def", [{"def"}], {"abcdef", "def"}),  # an empty alternative
    (r"(a)\1xyz", [{"xyz"}], {"a"}),  # a back-reference
    (r"(?<![\w.])half|quarter", [{"half", "quarter"}], {"half", "quarter"}),
    (r"xyz(?=yy)", [{"xyz"}], {"xyz"}),  # a lookahead is not part of the match
    (r"^\W*gone", [{"gone"}], set()),  # only at the start of the text (see `begin`)
    (r"\bin\s+\d", [set("0123456789")], {"in "}),  # "in" is too common to be worth a clause
])
def test_requirements_read_off_the_parse_tree(pattern, clauses, starts):
    req = required(re.compile(pattern))
    assert [set(c) for c in req.clauses] == clauses
    assert (set(req.starts) if req.starts is not None else None) == starts


def test_a_choice_is_narrowed_to_the_branches_a_text_can_match():
    req = required(re.compile(r"\b(?P<span>my\s+skin|[\w]+-healing|^\W*gone)"))
    assert req.starts is None  # one branch can begin anywhere...
    assert [(set(a.starts) if a.starts is not None else None, a.begin) for a in req.alternatives] == [
        ({"my "}, False), (None, False), (set(), True)]
    pset = PatternSet([re.compile(r"\b(?P<span>my\s+skin|[\w]+-healing|^\W*gone)")])
    found = pset.scanner.scan("gone, and my skin is fine")
    from claimlint.prefilter import _positions
    assert _positions(req, found) == ([10], True)  # ...but not in a text without "-healing"


def test_fold_sees_whitespace_as_spaces_and_keeps_length():
    from claimlint.prefilter import fold

    assert fold("Per\u00a0Cent\n") == "per cent "
    assert fold("İstanbul") is None  # lower-casing would shift every position after it


def _detector_patterns() -> list[re.Pattern]:
    from claimlint.engine import Engine
    import datetime as dt

    rules = load_rules(paths=pack_paths(()))
    engine = Engine(rules, dt.date(2026, 11, 24))
    out = []
    for rule in rules:
        if rule.kind == "claim":
            out += [d.lower_pattern for d in engine.compiled(rule).detectors if d.lower_pattern is not None]
    return out


TRICKY = [re.compile(p) for p in (
    r"\bx?yz", r"a*bc", r"(?:ab|cd)?ef", r"(a)\1x", r"x(?=yy)", r"(?<![\w.])half|quarter", r"\d+\s?%",
    r"(?:the|an?)\s+best", r"b+", r"(?:ab)+c", r"\bin\b", r"[’']s\b", r"\s+-\s+",
    r"\b(?P<span>my\s+skin|[\w]+-healing|^\W*gone)", r"^\W*(?:cleared|gone)\s+now", r"(?m)^foo\b",
    r"\Afoo|bar", r"(?:x|^)y+",
)] + [re.compile(r"^bar", re.M), re.compile(r"^\W*Skin", re.I | re.M)]

WORDS = ("the a an in of is are best cure cures cured reduce reduces lower pain risk half a third quarter "
         "per cent percent % 7 in 10 40 people adults works worked safe side effects no never may help helps "
         "clinically proven effective most users x y z yz xyz ab cd ef abef bc aab b c aabbc half-price "
         "three times faster within minutes 2 weeks lose 5 kg ٣ ١٠ by 30% risk-free Cures THE Best "
         "my skin skin-healing gone now cleared foo bar yy xy").split()
SEPARATORS = (" ", " ", " ", "\n", "\xa0", "\t", ", ", ". ", "-", "", "’", "'", "(", ")", "\u2009")


def _texts(count: int, seed: int):
    rng = random.Random(seed)
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 40)):
            parts.append(rng.choice(WORDS))
            parts.append(rng.choice(SEPARATORS))
        yield "".join(parts).lower() if rng.random() < 0.8 else "".join(parts)


def _plain(patterns, text):
    return [(i, m.span(), m.group()) for i, p in enumerate(patterns) for m in p.finditer(text)]


def test_pattern_set_finds_exactly_what_finditer_finds_on_random_text():
    patterns = _detector_patterns() + TRICKY
    pset = PatternSet(patterns)
    for text in _texts(3000, seed=11):
        assert [(i, m.span(), m.group()) for i, m in pset.finditer(text)] == _plain(patterns, text), text


def test_pattern_set_finds_exactly_what_finditer_finds_on_the_corpus():
    patterns = _detector_patterns()
    pset = PatternSet(patterns)
    files = sorted((ROOT / "tests" / "corpus").glob("*.*")) + sorted((ROOT / "examples").glob("*.*"))
    checked = 0
    for path in files:
        if path.suffix not in (".md", ".txt", ".html"):
            continue
        for para in path.read_text(encoding="utf-8").lower().split("\n\n"):
            assert [(i, m.span()) for i, m in pset.finditer(para)] == \
                [(i, m.span()) for i, p in enumerate(patterns) for m in p.finditer(para)]
            checked += 1
    assert checked > 500


def test_other_decimal_digits_turn_the_prefilter_off():
    pset = PatternSet([re.compile(r"\d+%")])
    assert pset.scanner.scan("about ٣٠% of adults") is None
    assert [m.group() for _, m in pset.finditer("about ٣٠% of adults")] == ["٣٠%"]
    assert [m.group() for _, m in pset.finditer("about 30% of adults")] == ["30%"]


def test_fold_treats_letters_as_re_does_under_ignorecase():
    from claimlint.prefilter import fold

    every = "".join(map(chr, range(0x110000)))
    from claimlint.prefilter import _SAME_LETTER

    letters = set("abcdefghijklmnopqrstuvwxyz") | {chr(c) for group in _SAME_LETTER for c in group}
    for letter in sorted(letters):
        for same in re.findall("(?i)" + re.escape(letter), every):
            folded = fold(same)
            assert folded is None or folded == fold(letter), (letter, same)


CASE_PATTERNS = [re.compile(p, f) for p, f in (
    (r"according\s+to\s+the\s+[A-Z]\w+", re.I), (r"\b(?:Dr\.?|Prof\.?)\s+[A-Z][a-z]+", 0),
    (r"\b(?i:study|trial)\s+(?i:in|by)\s+[A-Z]", 0), (r"(?i)cures?", 0), (r"NHS\s+(?i:says)", 0),
    (r"(?i:s)ide", 0), (r"(?i)ist", 0), (r"\bΣ\w+", re.I),
)]
CASE_WORDS = ("according to the NHS Dr Prof Smith study trial in by Lancet cures CURE ſide ıst İst side Σοφία "
              "σοφία ΣΟΦΊΑ says SAYS nhs Nhs ACCORDING TO THE Bmj").split()


def test_folded_pattern_set_finds_exactly_what_finditer_finds():
    from claimlint.citations import CitationFinder

    rules = load_rules(paths=pack_paths(()))
    citation = next(r for r in rules if r.kind == "claim").options["citation"]
    patterns = CitationFinder(citation).sources.patterns + CASE_PATTERNS
    pset = PatternSet(patterns)
    rng = random.Random(5)
    for _ in range(3000):
        text = "".join(rng.choice(CASE_WORDS + WORDS) + rng.choice(SEPARATORS) for _ in range(rng.randint(1, 30)))
        assert [(i, m.span()) for i, m in pset.finditer(text)] == \
            [(i, m.span()) for i, p in enumerate(patterns) for m in p.finditer(text)], text
        assert pset.search(text) == any(p.search(text) for p in patterns), text


def test_every_extra_case_pair_of_re_folds_together():
    casefix = pytest.importorskip("re._casefix")
    from claimlint.prefilter import fold

    for code, others in casefix._EXTRA_CASES.items():
        for other in others:
            assert fold(chr(code)) == fold(chr(other)), (hex(code), hex(other))


def test_search_within_a_slice_agrees_with_searching_the_slice():
    from claimlint.citations import CitationFinder

    rules = load_rules(paths=pack_paths(()))
    citation = next(r for r in rules if r.kind == "claim").options["citation"]
    pset = CitationFinder(citation).sources
    rng = random.Random(9)
    for _ in range(1500):
        text = "".join(rng.choice(CASE_WORDS + WORDS) + rng.choice(SEPARATORS) for _ in range(rng.randint(1, 30)))
        memo: dict = {}
        for _ in range(4):
            start = rng.randint(0, len(text))
            end = rng.randint(start, len(text))
            assert pset.search_within(text, start, end, memo) == pset.search(text[start:end]), (text, start, end)


def test_search_range_agrees_with_search_between_pos_and_endpos():
    rules = load_rules(paths=pack_paths(()))
    claim_rules = [r for r in rules if r.kind == "claim"]
    befores = [re.compile(d["requires_before"], re.I) for r in claim_rules for d in r.options["detectors"]
               if d.get("requires_before")]
    assert befores
    for pattern in befores + TRICKY + [re.compile(r"\bto\s+$"), re.compile(r"(?<=lower)s?\s+\w+$", re.I)]:
        pset = PatternSet([pattern])
        rng = random.Random(13)
        for _ in range(300):
            text = "".join(rng.choice(WORDS + ["lowers", "reduced", "uplift", "to"]) + rng.choice(SEPARATORS)
                           for _ in range(rng.randint(1, 30)))
            memo: dict = {}
            for _ in range(3):
                pos = rng.randint(0, len(text))
                endpos = rng.randint(pos, len(text))
                assert pset.search_range(text, pos, endpos, memo) == bool(pattern.search(text, pos, endpos)), \
                    (pattern.pattern[:60], text, pos, endpos)


def test_stored_analysis_reads_back_the_same_for_every_built_in_pattern():
    """What a cache folder keeps of an analysis (see `regexcache.remember`) is the analysis itself."""
    import marshal

    from claimlint.prefilter import _from_tuple, _to_tuple

    patterns = _detector_patterns()
    assert len(patterns) > 20
    for p in patterns:
        req = required(p)
        assert _from_tuple(marshal.loads(marshal.dumps(_to_tuple(req)))) == req, p.pattern


def test_a_set_made_after_a_scan_still_finds_its_matches():
    """A PatternSet made mid-document adds strings to the scanner; a scan kept from before lacks
    them and must not be used for it."""
    from claimlint.prefilter import Scanner

    scanner, memo = Scanner(), {}
    text = "Zinc helps. Quux cures nothing."
    first = PatternSet([re.compile(r"zinc", re.I)], scanner=scanner)
    assert [m.group() for _, m in first.finditer(text, memo)] == ["Zinc"]  # the block is scanned and kept
    later = PatternSet([re.compile(r"quux\s+cures", re.I)], scanner=scanner)
    assert [m.group() for _, m in later.finditer(text, memo)] == ["Quux cures"]
    assert later.search_within(text, 12, len(text), memo)


def test_positions_of_prefix_free_starts_merge_without_a_set_as_with_one():
    """The plan's shortcut (`_disjoint_positions`) gives what `_positions` gives, for every
    detector whose starts it takes (no start string begins another), on random and tricky text."""
    from claimlint.prefilter import _disjoint_positions, _positions, _prefix_free

    pset = PatternSet(_detector_patterns() + TRICKY)
    taken = [req for req in pset.requirements if req.starts is not None and _prefix_free(req.starts)]
    assert len(taken) > 50
    assert not _prefix_free({"ab", "abc"}) and _prefix_free({"ab", "ac", "b"})
    for text in _texts(600, seed=5):
        found = pset.scanner.scan(text)
        if found is None:
            continue
        for req in taken:
            hit = req.starts & found.present
            assert _disjoint_positions(found, hit) == _positions(req, found)[0], (text, sorted(req.starts))
