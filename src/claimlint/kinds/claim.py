"""Claims that need a source: statistics, efficacy, safety, cure and comparative claims.

Two stages keep it fast and accurate. First, each detector's compiled regular expression
scans a block's text for candidate spans (most paragraphs have none and cost nothing
more). Only then is the block handed to spaCy: its sentence boundaries give the claim's
sentence, and a PhraseMatcher over its tokens finds NegEx-style triggers (negation,
hypothesis, hedges) whose scope reaches the candidate. Questions are not claims; a cited
sentence (see `claimlint.citations`) is not reported; a hedge lowers the severity of a
claim whose sentence has no figure, but never removes it.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from claimlint import nlp
from claimlint.lazyregex import LazyPattern
from claimlint.prefilter import SHARED, PatternSet, required
from claimlint.citations import SCOPES, CitationFinder, sentence_citations
from claimlint.document import CLAIM_KINDS, HEADING, LIST_ITEM, TITLE
from claimlint.findings import SEVERITY_RANK, make_finding, shown
from claimlint.kinds import reported_span
from claimlint.sentences import block_sentences, sentence_at

FLAGS = re.IGNORECASE
_JOINED = re.compile(r"[\s,*_]*(?:and\s+|or\s+)?[\s*_]*$")
FIGURE_RE = re.compile(r"\d|\b(?:half|third|quarter|twice|percent|per cent)\b", re.I)


@dataclass
class Detector:
    name: str
    category: str
    pattern: LazyPattern  # case-insensitive
    severity: str | None = None
    message: str | None = None
    negatable: bool = True
    hypothetical: bool = True
    hedgeable: bool = True
    fallback: bool = False  # general (word classes): a specific detector's span at the same place wins
    unless_before: LazyPattern | None = None
    unless_after: LazyPattern | None = None
    unless_sentence: LazyPattern | None = None
    requires_sentence: LazyPattern | None = None
    requires_before: PatternSet | None = None  # must match the text just before the span (prefiltered)
    requires_section: LazyPattern | None = None  # must match the block's place (see `_place`)
    unless_section: LazyPattern | None = None  # must not match it
    kinds: frozenset[str] | None = None  # the block kinds it reads (None: all claim kinds)
    escalate_sentence: LazyPattern | None = None
    escalate_severity: str | None = None
    case_sensitive_span: bool = False
    lower_pattern: LazyPattern | None = None  # the same, without IGNORECASE, for lower-cased text


_UPPER_OUTSIDE_ESCAPES = re.compile(r"(?<!\\)[A-Z]")


def _lower_variant(pattern: str) -> LazyPattern | None:
    r"""The pattern compiled to run on lower-cased text, when it has no upper-case letter of its own.

    Python's `re` matches about two and a half times faster without IGNORECASE, so a detector
    whose pattern is all lower case runs on `text.lower()` instead (same offsets: see
    `_candidates`). A pattern that names capitals (`\bI\s`, `(?-i:[A-Z])`) keeps IGNORECASE.
    """
    if _UPPER_OUTSIDE_ESCAPES.search(re.sub(r"\\[A-Za-z]|\(\?P[<=]", "", pattern)):
        return None
    return LazyPattern(pattern)


@dataclass
class Compiled:
    detectors: list[Detector]
    citations: CitationFinder
    scope: str
    triggers: dict[str, list[str]]
    window: int
    terminators: set[str]
    hedge_severity: str
    trigger_key: str = ""  # the trigger lists, as text: rules with equal lists share their matches
    lowered_index: tuple[int, ...] = ()  # the detectors whose pattern runs on lower-cased text
    matchers: dict = field(default_factory=dict)


def _rx(value, flags=FLAGS):
    """An option's expression (a list is one alternation), compiled on first use."""
    if not value:
        return None
    if isinstance(value, list):
        value = "|".join(f"(?:{v})" for v in value)
    return LazyPattern(value, flags)


def _one(value) -> PatternSet | None:
    """An option's expression as a prefiltered set of one, for `requires_before`: searched before
    every candidate of its detector, it uses the block's scan instead of trying every position.
    (The `unless_*` patterns stay plain: analysing them all would cost more at start than they
    cost searched on short slices.)"""
    rx = _rx(value)
    return PatternSet([rx], branches=False) if rx is not None else None


def compile(rule):
    o = rule.options
    detectors = []
    place_default = o.get("unless_section")  # for every detector that names none of its own
    for d in o.get("detectors", []):
        detectors.append(Detector(
            name=d["name"], category=d.get("category", "claim"), pattern=_rx(d["pattern"]),
            severity=d.get("severity"), message=d.get("message"),
            negatable=d.get("negatable", True), hypothetical=d.get("hypothetical", True),
            hedgeable=d.get("hedgeable", True), fallback=d.get("fallback", False),
            unless_before=_rx(d.get("unless_before")), unless_after=_rx(d.get("unless_after")),
            unless_sentence=_rx(d.get("unless_sentence")), requires_sentence=_rx(d.get("requires_sentence")),
            requires_before=_one(d.get("requires_before")), requires_section=_rx(d.get("requires_section")),
            unless_section=_rx(d.get("unless_section", place_default)),
            kinds=frozenset(d["kinds"]) if d.get("kinds") else None,
            lower_pattern=_lower_variant(d["pattern"]),
            escalate_sentence=_rx(d.get("escalate_sentence")), escalate_severity=d.get("escalate_severity"),
        ))
    # The claim rules' shared detector set is made on first use (`_together`); its strings are
    # registered now, before any block is scanned, so no kept scan ever lacks them.
    SHARED.register(required(d.lower_pattern) for d in detectors if d.lower_pattern is not None)
    scope = o.get("scope", "sentence")
    if scope not in SCOPES:
        raise ValueError(f"{rule.source}: scope must be one of {', '.join(SCOPES)}")
    ctx = o.get("context", {})
    triggers = {k: list(ctx.get(k, [])) for k in ("negation", "hypothetical", "hedge", "negation_after")}
    return Compiled(detectors, CitationFinder(o.get("citation", {})), scope, triggers,
                    int(ctx.get("window", 8)), set(ctx.get("terminators", [",", ";", "but", "however"])),
                    o.get("hedge_severity", "warning"),
                    trigger_key=repr(sorted(triggers.items())),
                    lowered_index=tuple(i for i, d in enumerate(detectors) if d.lower_pattern is not None))


def _matcher(comp: Compiled, shared: dict):
    """The rule's trigger PhraseMatcher; rules with equal trigger lists share one (kept in the
    engine's scratch space), so a slice's parse is matched once for all of them."""
    if "phrase" not in comp.matchers:
        m = shared.get(("claim-matcher", comp.trigger_key))
        if m is None:
            from spacy.matcher import PhraseMatcher
            pipe = nlp.pipeline()
            m = shared[("claim-matcher", comp.trigger_key)] = PhraseMatcher(pipe.vocab, attr="LOWER")
            for label, words in comp.triggers.items():
                if words:
                    m.add(label, [pipe.make_doc(w) for w in words])
        comp.matchers["phrase"] = m
    return comp.matchers["phrase"]


def check(doc, rule, comp: Compiled, ctx):
    yield from check_rules(doc, [(rule, comp)], ctx)


def check_rules(doc, rules, ctx):
    """Every claim rule over the document in one pass.

    A block is lower-cased once and its candidates found for all the rules. The blocks that have
    any are then parsed by spaCy together, a slice of the article at a time (see `nlp.prepare`),
    and judged in order; each slice's parse is dropped when its blocks are done, so memory stays
    flat however long the article is.
    """
    together = _together([comp for _, comp in rules], ctx.shared)
    pending = []
    for bi, block in enumerate(doc.blocks):
        if block.kind not in CLAIM_KINDS:
            continue
        lowered = _lowered(block.text)
        shared = _lowered_matches(together, block.text, lowered, ctx.memo)
        found = [(rule, comp, _candidates(comp, block.text, lowered, shared[k], ctx.memo))
                 for k, (rule, comp) in enumerate(rules)]
        if any(candidates for _, _, candidates in found):  # the cheap pass: no candidate, no spaCy
            pending.append((bi, block, found))
    try:
        for part in _slices(pending):
            nlp.prepare([block.text for _, block, _ in part])
            for bi, block, found in part:
                tokdoc = None
                for rule, comp, candidates in found:
                    if candidates:
                        if tokdoc is None:
                            tokdoc = _Tokens(nlp.tokens(block.text))
                        yield from _check_block(doc, rule, comp, ctx, bi, block, candidates, tokdoc)
    finally:
        nlp.prepare([])
        ctx.memo.pop("claim-doc-matches", None)  # nor keep the last slice's Doc through its matches


PARSE_SLICE = 50_000  # characters of candidate blocks parsed with one call to spaCy


def _slices(pending):
    part, size = [], 0
    for item in pending:
        if part and size + len(item[1].text) > PARSE_SLICE:
            yield part
            part, size = [], 0
        part.append(item)
        size += len(item[1].text)
    if part:
        yield part


def _lowered(text: str) -> str | None:
    """`text` in lower case, or None when that would shift offsets (a character such as "İ")."""
    low = text.lower()
    return low if len(low) == len(text) else None


def _together(comps: list[Compiled], shared: dict) -> tuple[PatternSet, tuple[tuple[int, int], ...], int]:
    """The lower-case detectors of several claim rules as one PatternSet (one plan per block for
    all of them), with (rule, detector) for each of its patterns; made once per list of rules and
    kept in the engine's scratch space (`shared`)."""
    key = ("claim-together", tuple(map(id, comps)))
    if key not in shared:
        owners = tuple((k, i) for k, comp in enumerate(comps) for i in comp.lowered_index)
        patterns = [comps[k].detectors[i].lower_pattern for k, i in owners]
        # The entry holds the rules' compiled forms, so their ids (the key) stay theirs.
        shared[key] = (PatternSet(patterns), owners, len(comps), tuple(comps))
    return shared[key][:3]


def _lowered_matches(together, text: str, low: str | None, memo) -> list[list[tuple[int, object]]]:
    """Per rule, (detector index, match) of its lower-case detectors in `low`, in detector order
    then text order: what each rule's own set would give."""
    pset, owners, count = together
    per: list[list[tuple[int, object]]] = [[] for _ in range(count)]
    if low is not None:
        for j, m in pset.finditer(low, memo, scanned=text):
            k, i = owners[j]
            per[k].append((i, m))
    return per


def _candidates(comp: Compiled, text: str, low: str | None, lowered_matches: list,
                memo=None) -> list[tuple[Detector, int, int]]:
    """Every detector's matches in `text`: compiled expressions only, no language model.

    Detectors whose pattern is all lower case have run on the lower-cased text through the claim
    rules' shared `PatternSet` (`lowered_matches`: see `_lowered_matches`): one Aho-Corasick
    pass finds where their literals occur, a detector that cannot match is skipped and the others
    are tried only where a match could begin. The matches are exactly those of running every
    pattern over the whole text.
    """
    if low is None:
        matches = [(i, m) for i, det in enumerate(comp.detectors) for m in det.pattern.finditer(text)]
    else:
        matches = lowered_matches
        if len(comp.lowered_index) < len(comp.detectors):  # detectors whose pattern names capitals
            matches += [(i, m) for i, det in enumerate(comp.detectors) if det.lower_pattern is None
                        for m in det.pattern.finditer(text)]
            matches.sort(key=lambda im: im[0])  # stable: detector order, then text order
    found = []
    for i, m in matches:
        det = comp.detectors[i]
        s, e = reported_span(m)
        if e > s and (det.requires_before is None
                      or det.requires_before.search_range(text, max(0, s - 160), s, memo)):
            found.append((det, s, e))
    return found


def _check_block(doc, rule, comp, ctx, bi, block, candidates, tokdoc):
    text = block.text
    sents = block_sentences(doc, ctx, bi)
    if not sents:
        return
    cited = sentence_citations(doc, ctx, comp.citations, bi, comp.scope)
    triggers = tokdoc.memo.get(comp.trigger_key)
    if triggers is None:  # the claim rules share their trigger lists: matched once per block
        triggers = tokdoc.memo[comp.trigger_key] = _trigger_tokens(comp, tokdoc, ctx)
    taken_end = -1  # accepted spans do not overlap and come in order: one end to compare with
    accepted: list[tuple[int, int, str, Detector, str]] = []
    per_sentence: dict = {}  # what each sentence's checks need, worked out once per sentence
    place = None  # the block's heading and lead-in, when a detector asks
    lead_hedged = None  # whether a list item's lead-in hedges it ("Research suggests it may:")
    for det, s, e in sorted(candidates, key=lambda c: (c[1], c[0].fallback, -(c[2] - c[1]))):
        if s < taken_end:
            continue
        if det.kinds is not None and block.kind not in det.kinds:
            continue
        if det.requires_section is not None or det.unless_section is not None:
            if place is None:
                place = _place(doc, bi, block)
            if det.requires_section is not None and not det.requires_section.search(place):
                continue
            if det.unless_section is not None and det.unless_section.search(place):
                continue
        if _mentioned(text, s, e):
            continue
        sent = sentence_at(sents, s)
        if cited[sent.index]:
            continue
        known = per_sentence.get(sent.index)
        if known is None:
            sentence = text[sent.start:sent.end]
            known = per_sentence[sent.index] = {"text": sentence, "question": _is_question(sentence)}
        sentence = known["text"]
        if known["question"]:
            continue
        # What comes just before and after: a bounded window, so a very long sentence with many
        # candidates is not searched whole for each one.
        before, after = text[max(sent.start, s - CONTEXT_CHARS):s], text[e:min(sent.end, e + CONTEXT_CHARS)]
        if det.unless_before is not None and det.unless_before.search(before):
            continue
        if det.unless_after is not None and det.unless_after.search(after):
            continue
        if det.unless_sentence is not None and _sentence_search(known, det.unless_sentence):
            continue
        if det.requires_sentence is not None and not _sentence_search(known, det.requires_sentence):
            continue
        context = _context(comp, tokdoc, triggers, sent, s, e)
        if det.negatable and "negation" in context:
            continue
        if det.hypothetical and "hypothetical" in context:
            continue
        severity = det.severity or rule.severity
        if det.escalate_sentence is not None and _sentence_search(known, det.escalate_sentence):
            severity = det.escalate_severity or rule.severity
        if det.hedgeable and not _sentence_search(known, FIGURE_RE):
            if "hedge" not in context and lead_hedged is None:
                lead_hedged = _lead_in_hedged(doc, comp, bi)
            if "hedge" in context or lead_hedged:
                severity = comp.hedge_severity
        if accepted and s >= accepted[-1][1] and _JOINED.match(text, accepted[-1][1], s) and (
                accepted[-1][3] is det or not text[accepted[-1][1]:s].isspace()):
            prev = accepted[-1]  # "gentle, side-effect-free": one claim, one finding
            accepted[-1] = (prev[0], e, _worse(prev[2], severity), prev[3], prev[4])
        else:
            accepted.append((s, e, severity, det, sentence))
        taken_end = e
    for s, e, severity, det, sentence in accepted:
        src_s, src_e = block.to_source(s, e)
        yield make_finding(doc, rule, src_s, src_e, severity=severity,
                           message=_message(rule, det, doc.source[src_s:src_e]), sentence=sentence)


def _place(doc, bi: int, block) -> str:
    """Where a block sits, lower-cased, for `requires_section` / `unless_section`: the headings
    above its own (`Block.outline`), then the heading it sits under, one a line; for a list item,
    also the lead-in introducing its list ("Athletes benefit from:", on its own last line); for a
    heading, the page's title above the heading it follows."""
    section = f"{block.outline}\n{block.section}" if block.outline else block.section or ""
    if block.kind == LIST_ITEM:
        lead = doc.lead_in(bi)
        if lead is not None:
            return f"{section}\n{doc.blocks[lead].text.strip().lower()}"
    elif block.kind == HEADING:
        title = next((b.text for b in doc.blocks[:bi] if b.kind == TITLE), "")
        return f"{title.lower()}\n{section}"
    return section


def _lead_in_hedged(doc, comp: Compiled, bi: int) -> bool:
    """Does the lead-in of list item `bi`'s list hedge its items ("Chiropractic care may:")?"""
    lead = doc.lead_in(bi)
    if lead is None or not comp.triggers.get("hedge"):
        return False
    rx = comp.matchers.get("lead-hedge")
    if rx is None:
        words = sorted(comp.triggers["hedge"], key=len, reverse=True)
        rx = comp.matchers["lead-hedge"] = re.compile(
            r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)
    # Only the words just before the colon govern the items ("… chiropractic care may:"); a
    # hedge earlier in the paragraph ("These herbs can be found in teas. For instance:") does not.
    words = doc.blocks[lead].text.split()
    return rx.search(" ".join(words[-LEAD_HEDGE_WORDS:])) is not None


LEAD_HEDGE_WORDS = 6


CONTEXT_CHARS = 1000  # how far before and after a candidate its unless_before / unless_after look


def _sentence_search(known: dict, pattern) -> bool:
    """Does `pattern` occur in the sentence? Each pattern is searched once per long sentence (a
    sentence of thousands of characters may hold thousands of candidates); a short one is simply
    searched again, which costs less than keeping the answer."""
    text = known["text"]
    if len(text) < LONG_SENTENCE:
        return pattern.search(text) is not None
    hit = known.get(pattern)
    if hit is None:
        hit = known[pattern] = pattern.search(text) is not None
    return hit


LONG_SENTENCE = 2000


def _worse(a: str, b: str) -> str:
    return max(a, b, key=SEVERITY_RANK.__getitem__)


def _message(rule, det: Detector, text: str) -> str:
    template = det.message or rule.message
    try:
        return template.format(text=shown(text), category=det.category)
    except (KeyError, IndexError, ValueError):
        return template


_MENTION_MARKS = {"“": "”", "\"": "\"", "‘": "’", "'": "'"}


_NAMING_BEFORE = re.compile(
    r"(?:\bcall(?:s|ed|ing)?|\blabel(?:s|led|ed|ling)?|\bphrases?|\bterms?|\bwords?|\bsuch\s+as|\blike|"
    r"\bmarketed\s+as|\bdescribed\s+as|\bbranded|\bslogans?|\bclaims?|\bsays?|\bstamped|\bprinted)"
    r"\s*[:,]?\s*(?:(?:a|an|the|it|them|their|its|this|that|\w+)\s+){0,3}$|^\W*$", re.I)
_NAMING_AFTER = re.compile(
    r"^\s*(?:and\s+other|or\s+similar|is\s+(?:a|an|not|just|only|no)\b|means\b|only\s+means|does\s+not\s+mean|"
    r"doesn[’']t\s+mean|on\s+(?:a|the)\s+(?:label|pack|box|bottle)|(?:is|are)\s+(?:a\s+)?marketing)", re.I)


def _mentioned(text: str, s: int, e: int) -> bool:
    """A phrase quoted to be discussed ('a brand can call a cream "clinically proven"') is named, not claimed.

    The quoted phrase must stand alone and be introduced as a phrase (call, label, such as…) or
    discussed after it ("… and other phrases", "… only means"); scare quotes in a claim
    ('Our tablets are “completely safe”') do not excuse it.
    """
    before, after = text[s - 1:s] if s else "", text[e:e + 1]
    if before not in _MENTION_MARKS or after != _MENTION_MARKS[before]:
        return False
    lead = re.split(r"[.!?]\s", text[max(0, s - 61):s - 1])[-1]
    return bool(lead.strip() and _NAMING_BEFORE.search(lead)) or bool(_NAMING_AFTER.match(text[e + 1:e + 80]))


def _is_question(sentence: str) -> bool:
    return sentence.rstrip().rstrip("\"'”’)]*_").endswith("?")


def _trigger_tokens(comp: Compiled, tokens, ctx):
    """(label, start_token, end_token) of every trigger phrase in the block."""
    matcher = _matcher(comp, ctx.shared)
    vocab = matcher.vocab
    found = []
    lo, n = tokens.lo, len(tokens.starts)
    for label, s, e in _doc_matches(matcher, tokens.doc, lo, lo + n, ctx.memo):
        s, e = s - lo, e - lo
        label = vocab.strings[label]
        if label == "hedge" and e < n and tokens.lower(e) in ("not", "n't", "never"):
            continue  # "cannot", "could not": a negation, not a hedge
        if label == "hypothetical" and e == s + 1 and _acronym(tokens, s, n):
            continue  # "IF can help you lose weight": intermittent fasting, not a condition
        if label == "negation" and e < n and tokens.lower(e - 1) == "not" and tokens.lower(e) in ("only", "just"):
            continue  # "not only … but also": an addition, not a negation
        found.append((label, s, e))
    return found


def _acronym(tokens, i: int, n: int) -> bool:
    """Is one-word trigger i written in capitals as a name ("IF": intermittent fasting) in text
    that is not itself in capitals? (Only hypothetical cues are asked: a negation in capitals,
    "does NOT cure", is emphasis.)"""
    word = tokens.text[tokens.starts[i]:tokens.ends[i]]
    if len(word) < 2 or not word.isupper():
        return False
    near = [tokens.text[tokens.starts[j]:tokens.ends[j]] for j in (i - 1, i + 1) if 0 <= j < n]
    return any(w.isalpha() and not w.isupper() for w in near)


def _doc_matches(matcher, doc, lo: int, hi: int, memo: dict):
    """The matcher's matches lying within tokens [lo, hi) of `doc`. A Doc holding several blocks
    (`nlp.prepare`) is matched once (the last Doc's matches are kept in the document's memo); no
    trigger phrase holds the separator between blocks."""
    kept = memo.get("claim-doc-matches")
    if kept is None or kept[0] is not doc or kept[1] is not matcher:
        kept = memo["claim-doc-matches"] = (doc, matcher, sorted(matcher(doc), key=lambda m: (m[1], m[2], m[0])))
    matches = kept[2]
    if lo == 0 and hi == len(doc):
        return matches
    i = bisect.bisect_left(matches, lo, key=lambda m: m[1])
    out = []
    while i < len(matches) and matches[i][1] < hi:
        if matches[i][2] <= hi:
            out.append(matches[i])
        i += 1
    return out


def _context(comp: Compiled, tokdoc, triggers, sent, s: int, e: int) -> set[str]:
    """Labels of triggers whose NegEx scope reaches the candidate span [s, e)."""
    first = tokdoc.at(s)
    last = tokdoc.at(max(e - 1, s))
    sent_first = tokdoc.at(sent.start)
    sent_last = tokdoc.at(max(sent.end - 1, sent.start))
    labels = set()
    # Only triggers near the candidate can reach it (within the window before it, inside it, or a
    # few tokens after it): found by their start token, not by looking at every trigger of the block.
    near = triggers
    if len(triggers) > 32:  # a long block: only the triggers near the candidate, found by bisection
        starts = tokdoc.memo.get(("trigger-starts", id(triggers)))
        if starts is None:
            starts = tokdoc.memo[("trigger-starts", id(triggers))] = [t[1] for t in triggers]
        lo = bisect.bisect_left(starts, max(sent_first, first - comp.window - TRIGGER_SPAN))
        hi = bisect.bisect_right(starts, min(sent_last, last + 4))
        near = triggers[lo:hi]
    for label, ts, te in near:
        if ts < sent_first or ts > sent_last:
            continue
        if label == "negation_after":
            if last < ts <= last + 4 and not _terminated(comp, tokdoc, last + 1, ts):
                labels.add("negation")
            continue
        if ts >= first and ts <= last:  # a trigger inside the candidate ("can improve")
            if label != "negation":
                labels.add(label)
            continue
        if te <= first and first - te <= comp.window and not _terminated(comp, tokdoc, te, first):
            labels.add(label)
    return labels


TRIGGER_SPAN = 16  # tokens a trigger phrase may span: how far before the window a reaching one may start


def _terminated(comp: Compiled, tokdoc, start: int, end: int) -> bool:
    return any(tokdoc.lower(i) in comp.terminators for i in range(start, end))


class _Tokens:
    """A block's parse and what the context checks read of it."""

    __slots__ = ("doc", "lo", "text", "starts", "ends", "memo")

    def __init__(self, parsed):
        self.doc = parsed.doc  # may hold other blocks too: this block's tokens begin at `lo`
        self.lo = parsed.lo
        self.text = parsed.text
        self.starts = parsed.starts
        self.ends = parsed.ends
        self.memo: dict = {}

    def at(self, char: int) -> int:
        """The token holding `char`, or the first one after it (the last token past the end)."""
        return min(bisect.bisect_right(self.ends, char), len(self.ends) - 1)

    def lower(self, i: int) -> str:
        """Token i's text in lower case (spaCy's `Token.lower_`, without making a Token)."""
        return self.text[self.starts[i]:self.ends[i]].lower()
