"""Literal prefilters: run a regular expression only where its match could begin.

Most rule patterns cannot match unless the text holds one of a few literal strings (a claim
verb, "%", "cure"…), and every match begins with one of a known set of strings ("reduce",
"lower", a digit…). `required(pattern)` reads both off the pattern's parse tree, in terms of
`fold(text)` (lower case, letters `re` treats as one under IGNORECASE folded together, every
whitespace character a space), so case-sensitive and case-insensitive patterns alike qualify:

- `clauses`: every match contains at least one string of *each* clause;
- `starts`: every match begins with one of these strings (None when that cannot be known).

A `Scanner` makes one Aho-Corasick pass over a text and finds where the strings of every
registered pattern occur; rules share it, and a per-document memo, so each block is scanned
once. A `PatternSet` then skips a pattern whose clauses are not all met, and tries one with
`starts` (`Pattern.match`) only at the positions where a start string occurs, in order,
skipping positions inside the previous match: exactly what `finditer` finds scanning every
position (lookbehinds and `\\b` still see the text before the position). Findings are
unchanged; only the work is less.

The analysis is conservative. Anything it does not fully understand (`\\w`, a negated or wide
class, a back-reference) adds nothing; a pattern with no clause and no starts is simply run
everywhere. `\\d` is read as the ASCII digits, so text holding any other decimal digit ("٣") is
scanned the ordinary way. It reads the parse tree of Python's own `re` module (private, but
the same from 3.10 to 3.13); any failure only means the pattern is always run.
"""
from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
from dataclasses import dataclass, field

from claimlint import regexcache
from claimlint.lazyregex import parse

try:  # Python 3.11+
    from re import _constants as _C
except ImportError:  # Python 3.10
    import sre_constants as _C  # type: ignore[no-redef]

MAX_STRINGS = 64  # largest set of exact strings followed through a sequence
MAX_STARTS = 512  # largest set of start strings kept for one pattern
MAX_START_LEN = 24  # start strings are cut to this length (a shorter prefix is still a prefix)
MAX_CHARSET = 12  # largest character class read as a set of one-character strings
MAX_REPEAT_EXPANDED = 3
MEMO_MAX = 5000  # scans kept per document (a long article's blocks beyond this are scanned again)
ASCII_DIGITS = "0123456789"
# Every character `\s` matches in a str pattern (a test checks this against `re`). The text a
# PatternSet scans has each of them replaced by a space, so `\s` reads as " " in a literal.
WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
              "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")

_ZERO_WIDTH = {_C.AT, _C.ASSERT, _C.ASSERT_NOT}
_REPEATS = {_C.MAX_REPEAT, _C.MIN_REPEAT} | ({_C.POSSESSIVE_REPEAT} if hasattr(_C, "POSSESSIVE_REPEAT") else set())
_ATOMIC = getattr(_C, "ATOMIC_GROUP", None)
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")
_AT_START = ((_C.AT, _C.AT_BEGINNING), (_C.AT, _C.AT_BEGINNING_STRING))
BEGIN = "\x00^"  # stands, among start strings, for "at the start of the text"; never scanned for


@dataclass(frozen=True)
class Requirement:
    """What every match of a pattern contains (`clauses`) and begins with (`starts`).

    `begin`: a match may also begin at the very start of the text (the pattern opens with `^`).
    `alternatives`: for a pattern that is a choice (`\\b(?:A|B|C)`), the same for each branch,
    so a branch whose clauses a text does not meet is left out of the choice.
    """

    clauses: tuple[frozenset[str], ...] = ()
    starts: frozenset[str] | None = None
    ascii_digits: bool = False  # the analysis read `\d` as [0-9]
    begin: bool = False
    alternatives: tuple[Requirement, ...] = ()


NO_REQUIREMENT = Requirement()


@dataclass
class _Analysis:
    digits: bool = False  # set when a `\d` was read as [0-9]
    exact: dict = field(default_factory=dict)  # id(item) -> its exact strings (items live as long as this)


# Characters that `re` treats as the same letter under IGNORECASE although `str.lower` keeps
# them apart ("ſ" and "s", "ı" and "i", "ς" and "σ"…): each class folds to one member. A test
# checks this against `re` itself.
_SAME_LETTER = ((0x69, 0x131), (0x73, 0x17F), (0xB5, 0x3BC), (0x345, 0x3B9, 0x1FBE), (0x390, 0x1FD3),
                (0x3B0, 0x1FE3), (0x3B2, 0x3D0), (0x3B5, 0x3F5), (0x3B8, 0x3D1), (0x3BA, 0x3F0), (0x3C0, 0x3D6),
                (0x3C1, 0x3F1), (0x3C2, 0x3C3), (0x3C6, 0x3D5), (0x432, 0x1C80), (0x434, 0x1C81), (0x43E, 0x1C82),
                (0x441, 0x1C83), (0x442, 0x1C84, 0x1C85), (0x44A, 0x1C86), (0x463, 0x1C87), (0x1C88, 0xA64B),
                (0x1E61, 0x1E9B), (0xFB05, 0xFB06))
_FOLD = str.maketrans({**{c: " " for c in WHITESPACE if c != " "},
                       **{chr(c): chr(group[0]) for group in _SAME_LETTER for c in group[1:]}})


def fold(text: str) -> str | None:
    """`text` lower-cased, letters `re` treats as one folded together, whitespace as spaces.

    None when lower-casing changes the length (a character such as "İ"): positions would shift.
    """
    low = text.lower()
    return low.translate(_FOLD) if len(low) == len(text) else None


def required(pattern, branches: bool = True) -> Requirement:
    """The literal requirement of a pattern (compiled, lazy or a string), in `fold(text)` terms.

    `branches`: also work out each branch of a choice (costs time at start; pays off for a
    pattern run over whole blocks, less for one searched on short slices)."""
    text = pattern.pattern if hasattr(pattern, "pattern") else pattern
    flags = pattern.flags if hasattr(pattern, "flags") else 0
    if not isinstance(text, str):
        return NO_REQUIREMENT
    return _required(text, flags & ~re.UNICODE, branches)


@functools.lru_cache(maxsize=4096)
def _required(text: str, flags: int, branches: bool = True) -> Requirement:
    """`required` for a pattern's source and flags: the same pattern is analysed once (and, with
    a cache folder, once across runs: see `claimlint.regexcache`)."""
    key = ("prefilter", _analysis_version(), text, int(flags), bool(branches))
    stored = regexcache.lookup(key)
    if stored is not None:
        try:
            return _from_tuple(stored)
        except Exception:  # not what this version stores: work it out again
            pass
    req = _analyse(text, flags, branches)
    regexcache.remember(key, _to_tuple(req))
    return req


@functools.lru_cache(maxsize=1)
def _analysis_version() -> str:
    """A digest of this module's source: a stored analysis is used only by the code that made it."""
    import hashlib
    from pathlib import Path

    try:
        return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    except OSError:
        return "unknown"


def _to_tuple(req: Requirement) -> tuple:
    return (tuple(req.clauses), req.starts, req.ascii_digits, req.begin, tuple(map(_to_tuple, req.alternatives)))


def _from_tuple(t: tuple) -> Requirement:
    clauses, starts, digits, begin, alternatives = t
    return Requirement(tuple(map(frozenset, clauses)), None if starts is None else frozenset(starts),
                       bool(digits), bool(begin), tuple(map(_from_tuple, alternatives)))


def _analyse(text: str, flags: int, branches: bool) -> Requirement:
    try:
        parsed = parse(text, flags)
        items = _folded(parsed, bool((flags | parsed.state.flags) & _C.SRE_FLAG_MULTILINE))
        an = _Analysis()
        req = _sequence_requirement(items, an)
        choice = _choice(items) if branches else None
        if choice is not None:
            prefix, branches, rest = choice
            alternatives = tuple(_sequence_requirement(prefix + list(b) + rest, an) for b in branches)
            req = Requirement(req.clauses, req.starts, False, req.begin, alternatives)
        return Requirement(req.clauses, req.starts, an.digits, req.begin, req.alternatives)
    except Exception:  # an analysis that fails only costs speed: the pattern is always run
        return NO_REQUIREMENT


def _sequence_requirement(items, an: _Analysis) -> Requirement:
    clauses = tuple(_clauses(items, an))
    starts = _starts(items, frozenset({""}), an)
    if starts is None or "" in starts:
        return Requirement(clauses)
    begin = BEGIN in starts
    return Requirement(clauses, _prefix_minimal(starts - {BEGIN}), begin=begin)


def _choice(items):
    """(zero-width prefix, branches, rest) when the pattern's first consuming part is a choice."""
    i = 0
    while i < len(items) and items[i][0] in _ZERO_WIDTH:
        i += 1
    if i == len(items):
        return None
    op, av = items[i]
    while op is _C.SUBPATTERN and len(av[3]) == 1:  # a group around the choice: (?P<span>A|B)
        op, av = av[3][0]
    if op is not _C.BRANCH or len(av[1]) < 2:
        return None
    return list(items[:i]), av[1], list(items[i + 1:])


_UNKNOWN = (_C.ANY, None)  # stands for a part whose literal characters cannot be relied on


def _folded(items, multiline: bool) -> list:
    """The parse tree with every literal folded as `fold` folds the text.

    Case-sensitive literals are folded too ("D" is in a text only if "d" is in its fold), so
    case-insensitive parts need no special treatment. A `^` that may match after a line break
    (MULTILINE) is marked as such, so only a plain `^` counts as "the start of the text".
    """
    out = []
    for op, av in items:
        if op is _C.AT and av is _C.AT_BEGINNING and multiline:
            out.append((op, _C.AT_BEGINNING_LINE))
            continue
        if op is _C.LITERAL:
            out.append(_folded_literal(av))
        elif op is _C.IN:
            members = []
            for sub_op, sub_av in av:
                if sub_op is _C.RANGE and sub_av[1] - sub_av[0] < MAX_CHARSET:
                    members += [_folded_literal(c) for c in range(sub_av[0], sub_av[1] + 1)]
                elif sub_op is _C.LITERAL:
                    members.append(_folded_literal(sub_av))
                else:
                    members.append((sub_op, sub_av))
            out.append(_UNKNOWN if _UNKNOWN in members else (op, members))
        elif op is _C.SUBPATTERN:
            inner = (multiline or bool(av[1] & _C.SRE_FLAG_MULTILINE)) and not av[2] & _C.SRE_FLAG_MULTILINE
            out.append((op, (av[0], 0, 0, _folded(av[3], inner))))
        elif op is _C.BRANCH:
            out.append((op, (av[0], [_folded(b, multiline) for b in av[1]])))
        elif op in _REPEATS:
            out.append((op, (av[0], av[1], _folded(av[2], multiline))))
        elif _ATOMIC is not None and op is _ATOMIC:
            out.append((op, _folded(av, multiline)))
        else:
            out.append((op, av))
    return out


@functools.lru_cache(maxsize=4096)
def _folded_literal(code: int):
    same = fold(chr(code))
    return _UNKNOWN if same is None else (_C.LITERAL, ord(same))


# ------------------------------------------------------------------------------ exact strings

def _exact_item(item, an: _Analysis) -> set[str] | None:
    """Every string one item of the tree can match, when that is a small finite set; else None.

    Worked out once per item (the clause and start walks ask about the same items many times);
    the sets handed out are shared, never changed.
    """
    key = id(item)
    if key in an.exact:
        return an.exact[key]
    op, av = item
    if op is _C.LITERAL:
        strings = {chr(av)}
    elif op is _C.IN:
        strings = _charset(av, an)
    elif op in _ZERO_WIDTH:
        strings = {""}
    elif op is _C.SUBPATTERN:
        strings = _exact(av[-1], an)
    elif op is _C.BRANCH:
        strings = set()
        for branch in av[1]:
            sub = _exact(branch, an)
            if sub is None:
                strings = None
                break
            strings |= sub
    elif op in _REPEATS:
        low, high, sub_items = av
        sub = _exact(sub_items, an) if high <= MAX_REPEAT_EXPANDED else None
        strings = None if sub is None else {
            "".join(p) for n in range(low, high + 1) for p in itertools.product(sorted(sub), repeat=n)}
    else:
        strings = None
    if strings is not None and len(strings) > MAX_STRINGS:
        strings = None
    an.exact[key] = strings
    return strings


def _exact(items, an: _Analysis) -> set[str] | None:
    """Every string a sequence of items can match, when that is a small finite set; else None."""
    result = {""}
    for item in items:
        strings = _exact_item(item, an)
        if strings is None:
            return None
        result = {a + b for a in result for b in strings}
        if len(result) > MAX_STRINGS:
            return None
    return result


def _charset(items, an: _Analysis) -> set[str] | None:
    """The characters of a class like `[’']`, `[a-c]` or `\\d`; None for anything wider."""
    chars: set[str] = set()
    for op, av in items:
        if op is _C.LITERAL:
            chars.add(chr(av))
        elif op is _C.RANGE and av[1] - av[0] < MAX_CHARSET:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        elif op is _C.CATEGORY and av is _C.CATEGORY_DIGIT:
            an.digits = True
            chars.update(ASCII_DIGITS)
        elif op is _C.CATEGORY and av is _C.CATEGORY_SPACE:
            chars.add(" ")  # the scanned text has every whitespace character as a space
        else:
            return None
    return chars if len(chars) <= MAX_CHARSET else None


# -------------------------------------------------------------------------------- clauses

def _clauses(items, an: _Analysis) -> list[frozenset[str]]:
    """Clauses of a sequence: consecutive exact items are joined ("p","e","r" → "per")."""
    out: list[frozenset[str]] = []
    run: set[str] = {""}

    def flush():
        clause = _minimal(run)
        if _useful(clause):
            out.append(clause)

    for item in items:
        exact = _exact_item(item, an)
        if exact is not None:
            joined = {a + b for a in run for b in exact}
            if len(joined) <= MAX_STRINGS:
                run = joined
                continue
            flush()
            run = exact
            continue
        flush()
        run = {""}
        out.extend(_item_clauses(item, an))
    flush()
    return out


def _item_clauses(item, an: _Analysis) -> list[frozenset[str]]:
    op, av = item
    if op is _C.SUBPATTERN:
        return _clauses(av[-1], an)
    if op is _C.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            best = _best(_clauses(branch, an))
            if best is None:
                return []
            union |= best
        clause = _minimal(union)
        return [clause] if _useful(clause) else []
    if op in _REPEATS:
        low, _high, sub = av
        return _clauses(sub, an) if low >= 1 else []
    if _ATOMIC is not None and op is _ATOMIC:
        return _clauses(av, an)
    return []


def _minimal(strings) -> frozenset[str]:
    """Drop strings that contain another string of the set: finding the shorter one is enough."""
    kept: list[str] = []
    for s in sorted(set(strings), key=len):
        if not any(k in s for k in kept):
            kept.append(s)
    return frozenset(kept)


def _useful(clause) -> bool:
    """A clause worth checking: no empty string, and none so common it is met almost everywhere."""
    return bool(clause) and not any(_common(s) for s in clause)


def _common(s: str) -> bool:
    """A word of one or two letters, or only spaces ("a", " in ", " "): in nearly every paragraph."""
    word = s.strip(" ")
    return len(word) <= 2 and all(ch.isalpha() for ch in word)


def _best(clauses):
    """The most selective clause: the longest shortest string, then the fewest strings."""
    return max(clauses, key=lambda c: (min(map(len, c)), -len(c)), default=None)


# --------------------------------------------------------------------------------- starts

def _starts(items, tail: frozenset[str], an: _Analysis) -> frozenset[str] | None:
    """Strings one of which every match of `items` followed by `tail` begins with.

    `tail` holds the strings what follows begins with ({""} when unknown or at the end).
    A result holding "" says nothing; None means the set grew too large.
    """
    run = {""}  # leading exact items, joined
    i = 0
    while i < len(items):
        if items[i] in _AT_START and run == {""}:
            return frozenset({BEGIN})  # nothing consumed yet: the match begins at the text's start
        exact = _exact_item(items[i], an)
        if exact is None:
            break
        joined = {(a + b)[:MAX_START_LEN] for a in run for b in exact}
        if len(joined) > MAX_STARTS:
            break
        run, i = joined, i + 1
        if min(map(len, run)) >= MAX_START_LEN:
            return frozenset(run)
    if i:
        after = _starts(items[i:], tail, an)
        if after is None:
            after = frozenset({""})
        combined = {(a + t)[:MAX_START_LEN] for a in run for t in after}
        if len(combined) <= MAX_STARTS:
            return frozenset(combined)
        fallback = {a for a in run if a} | (set(after) if "" in run else set())
        return frozenset(fallback) if len(fallback) <= MAX_STARTS else None
    if not items:
        return tail
    (op, av), rest = items[0], items[1:]
    if op is _C.SUBPATTERN:
        return _starts(list(av[-1]) + list(rest), tail, an)
    if _ATOMIC is not None and op is _ATOMIC:
        return _starts(list(av) + list(rest), tail, an)
    if op is _C.BRANCH:
        after = _starts(rest, tail, an)
        if after is None:
            after = frozenset({""})
        union = _branch_starts(av[1], after, an)
        if union is None and after != {""}:  # too many: the branches' own starts, not extended
            union = _branch_starts(av[1], frozenset({""}), an)
            if union is not None and "" in union:
                union = (union - {""}) | after
        return union
    if op in _REPEATS:
        low, _high, sub_items = av
        first = _starts(list(sub_items), frozenset({""}), an)
        if first is None or "" in first:
            return first if first is None else frozenset({""})
        if low >= 1:
            return first
        after = _starts(rest, tail, an)
        if after is None:
            return None
        union = set(first) | set(after)
        return frozenset(union) if len(union) <= MAX_STARTS else None
    return frozenset({""})  # \w, \s, ., a negated class…: the match may begin with anything


def _branch_starts(branches, after: frozenset[str], an: _Analysis) -> frozenset[str] | None:
    union: set[str] = set()
    for branch in branches:
        sub = _starts(list(branch), after, an)
        if sub is None:
            return None
        union |= sub
        if len(union) > MAX_STARTS:
            return None
    return frozenset(union)


def _prefix_minimal(strings) -> frozenset[str]:
    """Drop strings that begin with another string of the set (same positions, fewer strings)."""
    kept: list[str] = []
    for s in sorted(set(strings)):
        if not kept or not s.startswith(kept[-1]):
            kept.append(s)
    return frozenset(kept)


# ---------------------------------------------------------------------------------- index

class Scanner:
    """One Aho-Corasick automaton over the strings of many PatternSets.

    Several rules scan the same block; sharing a scanner (and a per-document `memo`) means one
    pass over each block serves all of them. Strings may be added at any time; the automaton is
    rebuilt before the next scan, and a scan kept in a memo from before is not used again (its
    key holds the scanner's `generation`).
    """

    def __init__(self):
        self._strings: set[str] = set()
        self._automaton = None
        self._dirty = False
        self._digits = False
        self.generation = 0  # bumped whenever strings are added: older scans lack them

    def register(self, requirements) -> None:
        for req in requirements:
            self.add(_strings_of(req), req.ascii_digits)

    def add(self, strings, digits: bool = False) -> None:
        """Scan for `strings` too (and, if `digits`, for decimal digits other than 0-9)."""
        if not strings <= self._strings:
            self._strings |= strings
            self._dirty = True
            self.generation += 1
        if digits and not self._digits:
            self._digits = True
            self.generation += 1

    def __reduce_ex__(self, protocol):
        # The shared scanner, pickled with an engine for another process (see claimlint.zygote),
        # is that process's shared scanner when unpickled, holding these strings too: the pattern
        # sets it makes later must scan with the same one, or every block is scanned twice.
        if self is SHARED:
            return _shared_scanner, (frozenset(self._strings), self._digits)
        return super().__reduce_ex__(protocol)

    def scan(self, text: str, memo: dict | None = None) -> Found | None:
        """The strings found in `fold(text)` and where they occur; None when the prefilter
        cannot be used.

        It cannot when lower-casing changes the text's length, or when the text holds a decimal
        digit other than 0-9 and some pattern read `\\d` as [0-9].
        """
        if memo is not None:
            key = ("prefilter-scan", id(self), self.generation, text)
            try:
                return memo[key]
            except KeyError:
                found = self._scan(text)
                kept = memo.get("prefilter-kept", 0)
                if kept < MEMO_MAX:  # a very long article: later blocks are scanned again instead
                    memo[key] = found
                    memo["prefilter-kept"] = kept + 1
                return found
        return self._scan(text)

    def _scan(self, text: str) -> Found | None:
        if self._digits and not text.isascii() and _OTHER_DIGIT.search(text):
            return None
        scanned = fold(text)
        if scanned is None:
            return None
        if self._dirty:
            self._build()
        if self._automaton is None:
            return Found(frozenset(), scanned)
        # Only which strings occur: where one occurs is found when a plan asks (`Found.at`),
        # for far fewer strings than occur (a Python step for every hit cost more than the scan).
        return Found(frozenset(map(_SECOND, self._automaton.iter(scanned))), scanned)  # (end, string) hits

    def _build(self) -> None:
        self._automaton = None
        if self._strings:
            import ahocorasick

            automaton = ahocorasick.Automaton()
            for s in sorted(self._strings):
                automaton.add_word(s, s)
            automaton.make_automaton()
            self._automaton = automaton
        self._dirty = False


class Found:
    """What a scan found: every string present (a set, so checking a clause against it costs
    the clause's size, not the text's) and, asked for one string, where it occurs."""

    __slots__ = ("present", "text", "_at")

    def __init__(self, present: frozenset[str], text: str):
        self.present = present
        self.text = text  # the scanned text: fold(block text)
        self._at: dict[str, list[int]] = {}

    def at(self, s: str) -> list[int]:
        """Every position where `s` begins in the scanned text, overlapping ones too, ascending."""
        positions = self._at.get(s)
        if positions is None:
            positions = self._at[s] = []
            find = self.text.find
            i = find(s)
            while i >= 0:
                positions.append(i)
                i = find(s, i + 1)
        return positions


_SECOND = operator.itemgetter(1)
SHARED = Scanner()  # the block-level scanner the rule kinds share (an explicit cache, one per process)


def _shared_scanner(strings: frozenset[str], digits: bool) -> Scanner:
    """This process's shared scanner, scanning for `strings` too (see `Scanner.__reduce_ex__`)."""
    SHARED.add(strings, digits)
    return SHARED


class PatternSet:
    """Many patterns run over the same texts, each only where it can match.

    `finditer(text)` gives `(index, match)` for every match of every pattern, in pattern order
    and, within a pattern, in text order: exactly `[(i, m) for i, p in enumerate(patterns) for
    m in p.finditer(text)]`, with most of the work skipped. The strings of all the patterns'
    requirements go into a `Scanner` (by default the shared one).

    For each text it works out a plan once (kept in the document's memo): the patterns whose
    clauses the text meets, each with the positions where a match can begin. Searches of parts
    of the text (a sentence, the words before a claim) then take their share of that plan.
    """

    def __init__(self, patterns, scanner: Scanner | None = None, branches: bool = True):
        self.patterns = list(patterns)
        self.requirements = [required(p, branches) for p in self.patterns]
        self.scanner = SHARED if scanner is None else scanner
        self.scanner.register(self.requirements)
        # A pattern is looked at only when its most telling clause (its `key`) is met; one with
        # no clause, when one of its start strings occurs (or always, when it has none).
        key_owners: dict[str, list[int]] = {}
        start_owners: dict[str, list[int]] = {}
        always = []
        for i, req in enumerate(self.requirements):
            if req.clauses:
                for s in min(req.clauses, key=_selectivity):
                    key_owners.setdefault(s, []).append(i)
            elif req.starts is not None and not req.begin:
                for s in req.starts:
                    start_owners.setdefault(s, []).append(i)
            else:
                always.append(i)
        self._key_owners = {s: tuple(v) for s, v in key_owners.items()}
        self._key_strings = frozenset(key_owners)
        self._start_owners = {s: tuple(v) for s, v in start_owners.items()}
        self._start_strings = frozenset(start_owners)
        self._always = frozenset(always)
        self._compiled: list = [None] * len(self.patterns)
        # Starts in which no string begins another (what the analysis makes; checked, not assumed):
        # two of them never begin at the same position, so their positions need no set to merge.
        self._disjoint = [req.starts is not None and _prefix_free(req.starts) for req in self.requirements]

    def _pattern(self, i: int):
        compiled = self._compiled[i]
        if compiled is None:
            p = self.patterns[i]
            compiled = self._compiled[i] = p.compiled() if hasattr(p, "compiled") else p
        return compiled

    def _plan(self, found, key, memo) -> list[tuple[int, re.Pattern, list[int] | None, bool, tuple]]:
        """(index, compiled pattern, sorted positions where a match can begin or None for
        anywhere, whether one can begin at the start of the text, its clauses) for each pattern
        whose clauses `found` meets."""
        if memo is not None:
            memo_key = ("prefilter-plan", id(self), self.scanner.generation, key)
            plan = memo.get(memo_key)
            if plan is not None:
                return plan
        present = found.present
        todo = set(self._always)
        for s in self._key_strings.intersection(present):
            todo.update(self._key_owners[s])
        for s in self._start_strings.intersection(present):
            todo.update(self._start_owners[s])
        plan = []
        requirements, disjoint, compiled = self.requirements, self._disjoint, self._compiled
        for i in sorted(todo):
            req = requirements[i]
            clauses = req.clauses
            if len(clauses) > 1 and not _admits(clauses, present):
                continue
            if disjoint[i]:  # the common case: `_positions`, without a set to merge the positions
                hit = req.starts.intersection(present)
                begin = req.begin
                if not hit and not begin:
                    continue
                positions = _disjoint_positions(found, hit)
            else:
                positions, begin = _positions(req, found)
                if not (positions is None or positions or begin):
                    continue
            plan.append((i, compiled[i] or self._pattern(i), positions, begin, clauses))
        if memo is not None and memo.get("prefilter-kept", 0) < MEMO_MAX:
            memo[memo_key] = plan
        return plan

    def finditer(self, text: str, memo: dict | None = None, scanned: str | None = None) -> list[tuple[int, object]]:
        """`scanned`: the text to scan when `text` is its lower-cased copy (same fold, shared memo)."""
        key = text if scanned is None else scanned
        found = self.scanner.scan(key, memo)
        if found is None:
            return [(i, m) for i in range(len(self.patterns)) for m in self._pattern(i).finditer(text)]
        out: list[tuple[int, object]] = []
        for i, pattern, positions, begin, _clauses in self._plan(found, key, memo):
            if positions is None:  # no telling where a match begins: every position
                out.extend((i, m) for m in pattern.finditer(text))
                continue
            if begin and (not positions or positions[0] != 0):
                positions = [0] + positions
            last = 0
            match = pattern.match
            for pos in positions:
                if pos >= last:
                    m = match(text, pos)
                    if m is not None:
                        out.append((i, m))
                        last = m.end()
        return out

    def search(self, text: str, memo: dict | None = None) -> bool:
        """Whether any of the patterns matches anywhere in `text`."""
        return self.search_range(text, 0, len(text), memo)

    def search_within(self, text: str, start: int, end: int, memo: dict | None = None) -> bool:
        """`search(text[start:end])`, using the plan of the whole `text` (shared through `memo`).

        Where a match of the slice begins, one of the pattern's start strings lies wholly in the
        slice, and so in the whole text at the same place (`fold` works character by character,
        so the slice's fold is the fold's slice); a pattern whose clauses the whole text does not
        meet cannot match a part of it. The slice is still what each pattern is run on, so
        lookbehinds, `\\b` and `$` see its edges, as they would searching the slice itself.
        """
        found = self.scanner.scan(text, memo)
        part = text[start:end]
        if found is None:
            return any(self._pattern(i).search(part) for i in range(len(self.patterns)))
        for _i, pattern, positions, begin, clauses in self._plan(found, text, memo):
            if positions is None:
                if (not clauses or _admits_within(clauses, found, start, end)) and pattern.search(part):
                    return True
                continue
            if begin and pattern.match(part):
                return True
            lo = bisect.bisect_left(positions, start)
            if lo < len(positions) and positions[lo] < end:
                match = pattern.match
                for at in positions[lo:bisect.bisect_left(positions, end, lo)]:
                    if match(part, at - start):
                        return True
        return False

    def search_range(self, text: str, pos: int, endpos: int, memo: dict | None = None) -> bool:
        """Whether any pattern's `search(text, pos, endpos)` matches, using the plan of `text`.

        Unlike a slice, the text before `pos` stays visible to lookbehinds and `\\b`; the text
        ends at `endpos`, so a match begins before it (start strings are never empty).
        """
        found = self.scanner.scan(text, memo)
        if found is None:
            return any(self._pattern(i).search(text, pos, endpos) for i in range(len(self.patterns)))
        for _i, pattern, positions, begin, _clauses in self._plan(found, text, memo):
            if positions is None:
                if pattern.search(text, pos, endpos):
                    return True
                continue
            if begin and pos == 0 and pattern.match(text, 0, endpos):
                return True
            lo = bisect.bisect_left(positions, pos)
            if lo < len(positions) and positions[lo] < endpos:
                match = pattern.match
                for at in positions[lo:bisect.bisect_left(positions, endpos, lo)]:
                    if match(text, at, endpos):
                        return True
        return False


def _strings_of(req: Requirement) -> set[str]:
    """Every string a requirement (and each of its alternatives) asks a scan to find."""
    strings = {s for clause in req.clauses for s in clause} | set(req.starts or ())
    for alt in req.alternatives:
        strings |= _strings_of(alt)
    return strings


def _positions(req: Requirement, found: Found) -> tuple[list[int] | None, bool]:
    """(sorted positions where a match can begin, or None when any position can; whether a
    match can begin at the start of the text).

    A choice whose branches do not all have known starts is narrowed to the branches whose
    clauses the text meets.
    """
    if req.starts is not None:  # the common case
        hit = req.starts & found.present
        if len(hit) == 1:
            for s in hit:
                return found.at(s), req.begin
        return (sorted(set().union(*map(found.at, hit))) if hit else []), req.begin
    if not req.alternatives:
        return None, False
    found_positions: set[int] = set()
    begin = False
    for alt in req.alternatives:
        if alt.clauses and not _admits(alt.clauses, found.present):
            continue  # this branch cannot match anywhere in the text
        if alt.starts is None:
            return None, False
        for s in alt.starts.intersection(found.present):
            found_positions.update(found.at(s))
        begin = begin or alt.begin
    return sorted(found_positions), begin


def _disjoint_positions(found: Found, hit) -> list[int]:
    """`_positions` of start strings none of which begins another: what each string's positions
    give, merged by a sort (no position is found twice, so no set is needed)."""
    if len(hit) == 1:
        for s in hit:
            return found.at(s)
    out: list[int] = []
    kept = found._at
    for s in hit:
        positions = kept.get(s)
        out += positions if positions is not None else found.at(s)
    out.sort()
    return out


def _prefix_free(strings) -> bool:
    """No string of the set begins another (then no two of them begin at the same position)."""
    ordered = sorted(strings)
    return all(not b.startswith(a) for a, b in zip(ordered, ordered[1:]))


def _selectivity(clause: frozenset[str]) -> tuple[int, int]:
    """Sort key of a clause: the longer its shortest string, and the fewer its strings, the rarer
    a text that meets it."""
    return (-min(map(len, clause)), len(clause))


def _admits_within(clauses, found: Found, start: int, end: int) -> bool:
    """Whether every clause has a string lying wholly in [start, end) (positions from a scan)."""
    for clause in clauses:
        for s in clause.intersection(found.present):
            positions = found.at(s)
            k = bisect.bisect_left(positions, start)
            if k < len(positions) and positions[k] + len(s) <= end:
                break
        else:
            return False
    return True


def _admits(clauses, present: frozenset[str]) -> bool:
    for clause in clauses:
        if clause.isdisjoint(present):
            return False
    return True
