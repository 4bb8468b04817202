"""Text for people: `path:line:col: severity CODE [rule] message`, the line with the span marked, a summary.

An article must not be able to drive the terminal: in the lines shown, control characters become
their visible Unicode pictures (ESC as '␛') and direction overrides '�', one column each, so the
carets still line up. A document-level finding (a missing reviewer) shows no line: nothing on
the first line is wrong.
"""
from __future__ import annotations

import re

from claimlint.document import split_lines
from claimlint.formats.lines import one_line

_INVISIBLE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
HINT = "Run `claimlint --explain CODE` to see what a rule checks, why, and how to fix it."


def _picture(m) -> str:
    code = ord(m.group())
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"


def visible(text: str) -> str:
    """`text` with control and direction characters replaced, one visible character each."""
    return _INVISIBLE.sub(_picture, text)


COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
BOLD, DIM, RESET = "\033[1m", "\033[2m", "\033[0m"


def _excerpt(f, source_lines: list[str] | None, color: bool) -> list[str]:
    if not source_lines or f.line > len(source_lines):
        return []
    line = visible(source_lines[f.line - 1].rstrip("\r"))
    start = f.column - 1
    end = f.end_column - 1 if f.end_line == f.line else len(line)
    end = max(end, start + 1)
    caret = " " * len(line[:start].expandtabs(4)) + "^" * max(1, len(line[start:end].expandtabs(4)))
    shown = line.expandtabs(4)
    if len(shown) > 160:  # keep long lines readable: a window around the span
        lo = max(0, len(line[:start].expandtabs(4)) - 60)
        shown, caret = "…" + shown[lo:lo + 150], " " + caret[lo:lo + 150]
    pre = f"{DIM}" if color else ""
    post = RESET if color else ""
    return [f"    {shown}", f"    {pre}{caret}{post}"]


def render(report, options) -> str:
    color, quiet = options.color, options.quiet
    out = []
    for result in report.files:
        lines = None
        path = one_line(result.path)
        for f in result.findings:
            sev = f"{COLORS.get(f.severity, '')}{f.severity}{RESET}" if color else f.severity
            where = f"{path}:{f.line}:{f.column}:"
            loc = f"{BOLD}{where}{RESET}" if color else where
            out.append(f"{loc} {sev} {f.code} [{f.rule}] {one_line(f.message)}")
            if not quiet and f.scope != "document":
                if lines is None:
                    lines = split_lines(result.text())
                out.extend(_excerpt(f, lines, color))
    if report.findings and not quiet:
        out.append(HINT)
    if not quiet or report.findings:
        out.append(summary_line(report))  # always the last line, for scripts that read it
    return "\n".join(out) + ("\n" if out else "")


def summary_line(report) -> str:
    s = report.summary()
    files, errors = s["files"], s["file_errors"]
    word = "file" if files == 1 else "files"
    tail = f", {errors} could not be checked" if errors else ""
    tail += f"; {s['suppressed']} suppressed" if s["suppressed"] else ""
    known, gone = s["baseline"]["known"], s["baseline"]["gone"]
    tail += f"; {known} in the baseline" if known else ""
    tail += (f" ({gone} baseline {'entry no longer occurs' if gone == 1 else 'entries no longer occur'})"
             if gone else "")
    return (f"Found {s['findings']} problem{'s' if s['findings'] != 1 else ''} "
            f"({s['errors']} error{'s' if s['errors'] != 1 else ''}, {s['warnings']} warning"
            f"{'s' if s['warnings'] != 1 else ''}, {s['info']} info) in {files} {word}{tail}.")


def statistics(report) -> str:
    """`--statistics`: how many findings each rule has, most first (like ruff --statistics)."""
    from collections import Counter

    counts = Counter((f.code, f.rule) for f in report.findings)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    width = max((len(str(n)) for n in counts.values()), default=1)
    lines = [f"{n:>{width}}  {code}  {rule}" for (code, rule), n in rows]
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"
