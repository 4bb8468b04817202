"""Inline suppressions: an article may say that a finding in it is fine.

In Markdown and HTML, HTML comments:

    <!-- claimlint-disable CL201 uncited-efficacy-claim -->  ...  <!-- claimlint-enable -->
    <!-- claimlint-disable-next-line CL202 -->   (the next line that is not blank)
    <!-- claimlint-disable-file CL103 -->

In Markdown front matter, `claimlint: {ignore: [CL103]}` (the whole file). In plain text, a line
holding only `claimlint: ignore CODES` covers the paragraph after it, and `claimlint: ignore-file
CODES` the whole file. Codes, code prefixes or rule names, separated by spaces or commas; a
directive with none covers every rule. `claimlint-enable CODES` ends the disabled ranges that
name any of those codes (a bare enable ends them all).

The engine drops the findings a directive covers (by the line a finding starts on; a
document-level finding is on line 1), counts them, and hands the directives that covered
nothing to the rules of kind `suppression` (off by default, like ruff's RUF100).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

COMMENT = re.compile(r"<!--\s*claimlint-(disable-next-line|disable-file|disable|enable)\b(.*?)-->", re.S)
TEXT_LINE = re.compile(r"^[ \t]*claimlint:[ \t]*(ignore-file|ignore)\b([^\n]*)$", re.M)
_SPLIT = re.compile(r"[\s,]+")
EVERY_LINE = 1 << 62


@dataclass
class Directive:
    codes: tuple[str, ...]  # empty: every rule
    first: int  # the lines it covers, 1-based, inclusive
    last: int
    start: int  # where it is written, for a finding about it
    end: int
    used: bool = False

    def covers(self, finding) -> bool:
        if not self.first <= finding.line <= self.last:
            return False
        return not self.codes or any(_names(finding, code) for code in self.codes)


def _names(finding, code: str) -> bool:
    return code.upper() == "ALL" or finding.rule == code or finding.code.startswith(code.upper())


def _codes(text: str) -> tuple[str, ...]:
    return tuple(c for c in _SPLIT.split(text.strip()) if c)


def find(doc) -> list[Directive]:
    """The directives an article holds (none without the word 'claimlint', which is searched first)."""
    if "claimlint" not in doc.source:
        return []
    if doc.format == "text":
        return _text_directives(doc)
    found = _comment_directives(doc)
    if doc.format == "markdown":
        found.extend(_front_matter_directives(doc))
    return found


def _line_of(doc, offset: int) -> int:
    return doc.position(offset)[0]


def _next_content_line(source: str, offset: int) -> int:
    """The 1-based number of the first line after `offset`'s line that is not blank."""
    line = source.count("\n", 0, offset) + 1
    pos = source.find("\n", offset)
    while pos >= 0:
        line += 1
        nxt = source.find("\n", pos + 1)
        if source[pos + 1:len(source) if nxt < 0 else nxt].strip():
            return line
        pos = nxt
    return line + 1


def _comment_directives(doc) -> list[Directive]:
    out: list[Directive] = []
    open_ranges: list[Directive] = []
    for m in COMMENT.finditer(doc.source):
        what, codes = m.group(1), _codes(m.group(2))
        line = _line_of(doc, m.start())
        if what == "disable-file":
            out.append(Directive(codes, 1, EVERY_LINE, m.start(), m.end()))
        elif what == "disable-next-line":
            target = _next_content_line(doc.source, m.end())
            out.append(Directive(codes, target, target, m.start(), m.end()))
        elif what == "disable":
            directive = Directive(codes, line, EVERY_LINE, m.start(), m.end())
            out.append(directive)
            open_ranges.append(directive)
        else:  # enable
            for directive in list(open_ranges):
                if not codes or not directive.codes or set(codes) & set(directive.codes):
                    directive.last = line
                    open_ranges.remove(directive)
    return out


def _front_matter_directives(doc) -> list[Directive]:
    from claimlint.loaders.markdown import split_front_matter

    fm = split_front_matter(doc.source)
    if not fm or fm[0] != "---" or "claimlint" not in fm[1]:
        return []
    import yaml

    from claimlint import safeyaml
    try:
        data = safeyaml.load(fm[1])
    except yaml.YAMLError:
        return []  # malformed front matter is reported by its own rule
    setting = data.get("claimlint") if isinstance(data, dict) else None
    if not isinstance(setting, dict) or "ignore" not in setting:
        return []
    ignore = setting["ignore"]
    codes = tuple(str(c) for c in ignore) if isinstance(ignore, list) else _codes(str(ignore or ""))
    start = doc.source.find("claimlint", fm[2])
    return [Directive(codes, 1, EVERY_LINE, start, start + len("claimlint"))]


def _text_directives(doc) -> list[Directive]:
    out = []
    from claimlint.document import split_lines
    lines = split_lines(doc.source)
    for m in TEXT_LINE.finditer(doc.source):
        codes = _codes(m.group(2))
        if m.group(1) == "ignore-file":
            out.append(Directive(codes, 1, EVERY_LINE, m.start(), m.end()))
            continue
        first = _next_content_line(doc.source, m.end())
        last = first
        while last < len(lines) and lines[last].strip():  # the paragraph: up to the next blank line
            last += 1
        out.append(Directive(codes, first, last, m.start(), m.end()))
    return out


def is_directive_line(text: str) -> bool:
    """Is a plain-text line a directive (so the loader does not read it as prose)?"""
    return "claimlint" in text and TEXT_LINE.fullmatch(text.strip()) is not None


def unused(directives: list[Directive], rules) -> list[Directive]:
    """The directives that covered nothing, though every rule they name was checked (one naming a
    rule that was not selected may still be needed by a run that selects it)."""
    return [d for d in directives if not d.used and all(
        any(code.upper() == "ALL" or r.name == code or r.code.startswith(code.upper()) for r in rules)
        for code in d.codes)]


def apply(directives: list[Directive], findings: list) -> tuple[list, int]:
    """(the findings no directive covers, how many were covered); marks the directives used."""
    kept, covered = [], 0
    for f in findings:
        hit = False
        for d in directives:
            if d.covers(f):
                d.used = hit = True
        if hit:
            covered += 1
        else:
            kept.append(f)
    return kept, covered
