"""What a rule reports: one plain record per problem, ordered by position."""
from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}


@dataclass(frozen=True, slots=True)
class Finding:
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

    def __reduce__(self):  # plain and portable pickling (slots and frozen, on every Python)
        return (Finding, tuple(getattr(self, name) for name in self.__slots__))

    def sort_key(self):
        return (self.path, self.start, self.end, self.code)

    def as_json(self) -> dict:
        """The record's fields but the offsets (every field is a str or an int: no deep copy needed)."""
        return {name: getattr(self, name) for name in JSON_FIELDS}


JSON_FIELDS = tuple(name for name in Finding.__slots__ if name not in ("start", "end"))


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
