"""What a rule reports: one plain record per problem, ordered by position."""
from __future__ import annotations

from typing import NamedTuple

SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}


class Finding(NamedTuple):
    """One problem. A named tuple, not a dataclass: a large run makes, pickles (from a worker)
    and reads back (from the cache) tens of thousands, and a tuple is made about three times
    faster than a frozen dataclass."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    rule: str  # the rule's slug name
    severity: str
    message: str
    text: str  # the exact source text of the span
    start: int = 0  # source offsets, for sorting and de-duplication
    end: int = 0

    def sort_key(self):
        return (self.path, self.start, self.end, self.code)

    def as_json(self) -> dict:
        """The record's fields but the offsets (every field is a str or an int: no deep copy needed)."""
        return dict(zip(JSON_FIELDS, self))


JSON_FIELDS = tuple(name for name in Finding._fields if name not in ("start", "end"))


def make_finding(doc, rule, src_start: int, src_end: int, message: str | None = None,
                 severity: str | None = None, **fmt) -> Finding:
    """Build a finding for a source span of `doc`, filling the rule's message template."""
    src_end = max(src_end, src_start)
    line, col = doc.position(src_start)
    end_line, end_col = doc.position(src_end)
    text = doc.source[src_start:src_end]
    if message is None:
        message = rule.format_message(text=text, **fmt)
    return Finding(doc.path, line, col, end_line, end_col, rule.code, rule.name,
                   severity or rule.severity, message, text, src_start, src_end)
