"""What a rule reports: one plain record per problem, ordered by position.

`Finding` is the one definition of a finding's fields: the JSON output, the results cache and
every output format read them from here (`PUBLIC_FIELDS`, `to_dict`, `CACHED_FIELDS`).
"""
from __future__ import annotations

import bisect
import hashlib
import re
from typing import NamedTuple

SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}
SCOPES = ("span", "document")  # a span of text, or the whole article (a missing reviewer, date, disclaimer)


class Finding(NamedTuple):
    """One problem. A named tuple, not a dataclass: a large run makes, pickles (from a worker)
    and reads back (from the cache) tens of thousands, and a tuple is made about three times
    faster than a frozen dataclass."""

    path: str
    line: int  # 1-based; columns count Unicode characters, 1-based, end_column exclusive
    column: int
    end_line: int
    end_column: int
    code: str
    rule: str  # the rule's slug name
    severity: str
    message: str
    text: str  # the exact source text of the span
    scope: str = "span"  # "span" or "document"
    anchor: str = ""  # the path-free part of the fingerprint (see `anchors`)
    start: int = 0  # source offsets, for sorting and de-duplication
    end: int = 0

    def sort_key(self):
        return (self.path, self.start, self.end, self.code)

    @property
    def fingerprint(self) -> str:
        """A stable identity for baselines and code-scanning alerts: the rule, the path and the
        normalised text of the finding's sentence with its occurrence index (not the line, so it
        survives edits elsewhere in the article)."""
        return fingerprint(self.code, self.path, self.anchor)

    def to_dict(self) -> dict:
        """The public fields and the fingerprint (every value is a str or an int)."""
        d = dict(zip(PUBLIC_FIELDS, self))
        d["fingerprint"] = self.fingerprint
        return d

    as_json = to_dict


PUBLIC_FIELDS = ("path", "line", "column", "end_line", "end_column", "code", "rule", "severity", "message", "text",
                 "scope")
_INT_FIELDS = ("line", "column", "end_line", "end_column", "start", "end")
CACHED_FIELDS = Finding._fields[1:]  # all but the path, which a cache hit fills in (a renamed file is a hit too)
CACHED_TYPES = tuple(int if name in _INT_FIELDS else str for name in CACHED_FIELDS)


def fingerprint(code: str, path: str, anchor: str) -> str:
    path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return hashlib.sha256(f"{code}\0{path}\0{anchor}".encode("utf-8", "surrogatepass")).hexdigest()[:32]


_TAG = re.compile(r"</?[A-Za-z][^<>]{0,300}>|<!--.*?-->", re.S)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def shown(text: str, limit: int = 100) -> str:
    """A span's words as a message quotes them: on one line (markup dropped, spacing collapsed),
    control and direction characters made visible, a long span cut with '…'."""
    if "<" in text:
        text = _TAG.sub(" ", text)
    text = " ".join(text.split())
    if not text.isprintable():
        text = _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def make_finding(doc, rule, src_start: int, src_end: int, message: str | None = None,
                 severity: str | None = None, scope: str = "span", sentence: str | None = None, **fmt) -> Finding:
    """Build a finding for a source span of `doc`, filling the rule's message template.
    `sentence`: the text of the sentence it sits in, when the kind knows it (else `anchors`
    finds it)."""
    src_end = max(src_end, src_start)
    line, col = doc.position(src_start)
    end_line, end_col = doc.position(src_end)
    text = doc.source[src_start:src_end]
    if message is None:
        message = rule.format_message(text=shown(text), **fmt)
    elif "\n" in message or "\r" in message:  # a loader's or a parser's words: one line, like every message
        message = " ".join(message.split())
    return Finding(doc.path, line, col, end_line, end_col, rule.code, rule.name,
                   severity or rule.severity, message, text, scope,
                   sentence_digest(sentence) if sentence is not None else "", src_start, src_end)


# ---------------------------------------------------------------------------------- anchors

_SENTENCE_END = re.compile(r"[.!?…](?:[\"”’')\]]*)\s+")


def anchors(doc, findings: list[Finding]) -> list[Finding]:
    """`findings` (in document order) with their anchors: a digest of the normalised sentence
    each one sits in (case-folded, its spacing collapsed: see `sentence_digest`),
    followed by ".n" for the n-th later finding of the same rule in an equal sentence. A
    document-scope finding's anchor is empty: one per rule and file.

    Findings cluster in few sentences, so each sentence is normalised and hashed once."""
    if not findings:
        return findings
    seen: dict[tuple[str, str], int] = {}
    digests: dict[tuple, str] = {}
    bounds: dict[int, list[int]] = {}
    out = []
    new = tuple.__new__
    for f in findings:
        if f.scope == "document":
            out.append(f)
            continue
        digest = f.anchor  # the digest of its sentence, when the kind knew the sentence
        if not digest:
            where = _sentence_span(doc, f.start, bounds)
            digest = digests.get(where)
            if digest is None:
                text = where[3] if len(where) > 3 else doc.blocks[where[0]].text[where[1]:where[2]]
                digest = digests[where] = sentence_digest(text)
        n = seen.get((f.code, digest), 0)
        seen[(f.code, digest)] = n + 1
        out.append(new(Finding, (*f[:11], digest if not n else f"{digest}.{n}", f[12], f[13])))
    return out


def sentence_digest(text: str) -> str:
    """A digest of a sentence's text, case-folded, its spacing and line breaks collapsed (the
    block text it comes from has no markup)."""
    return hashlib.blake2b(" ".join(text.casefold().split()).encode("utf-8", "surrogatepass"),
                           digest_size=12).hexdigest()


def _sentence_span(doc, offset: int, bounds: dict) -> tuple:
    """(block index, start, end) of the sentence holding a source offset, or (-1, s, e, line
    text) for the source line when no block holds it (metadata, front matter)."""
    located = doc.block_at(offset)
    if located is None:
        s = doc.source.rfind("\n", 0, offset) + 1
        e = doc.source.find("\n", offset)
        e = len(doc.source) if e < 0 else e
        return (-1, s, e, doc.source[s:e])
    block, pos = located
    index = doc.block_index(block)
    ends = bounds.get(index)
    if ends is None:
        ends = bounds[index] = [m.end() for m in _SENTENCE_END.finditer(block.text)]
    i = bisect.bisect_right(ends, pos)
    return (index, ends[i - 1] if i else 0, ends[i] if i < len(ends) else len(block.text))
