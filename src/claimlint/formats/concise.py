"""One line per finding, `path:line:col: severity CODE [rule] message`, then the summary line.

Nothing an article holds can break a line or drive a terminal: control characters in paths and
messages are written as escapes."""
from __future__ import annotations

from claimlint.formats.lines import one_line
from claimlint.formats.text import summary_line


def render(report, options) -> str:
    out = [f"{one_line(f.path)}:{f.line}:{f.column}: {f.severity} {f.code} [{f.rule}] {one_line(f.message)}"
           for f in report.findings]
    if out or not options.quiet:
        out.append(summary_line(report))
    return "\n".join(out) + "\n"
