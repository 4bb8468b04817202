"""Text for people: `path:line:col: severity CODE [rule] message`, the line with the span marked, a summary."""
from __future__ import annotations

COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
BOLD, DIM, RESET = "\033[1m", "\033[2m", "\033[0m"


def _excerpt(f, source_lines: list[str] | None, color: bool) -> list[str]:
    if not source_lines or f.line > len(source_lines):
        return []
    line = source_lines[f.line - 1].rstrip("\r")
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
        for f in result.findings:
            sev = f"{COLORS.get(f.severity, '')}{f.severity}{RESET}" if color else f.severity
            loc = f"{BOLD}{f.path}:{f.line}:{f.column}:{RESET}" if color else f"{f.path}:{f.line}:{f.column}:"
            out.append(f"{loc} {sev} {f.code} [{f.rule}] {f.message}")
            if not quiet:
                if lines is None:
                    lines = result.text().split("\n")
                out.extend(_excerpt(f, lines, color))
    if not quiet or report.findings:
        out.append(summary_line(report))
    return "\n".join(out) + ("\n" if out else "")


def summary_line(report) -> str:
    s = report.summary()
    files, errors = s["files"], s["file_errors"]
    word = "file" if files == 1 else "files"
    tail = f", {errors} could not be read" if errors else ""
    tail += f"; {s['suppressed']} suppressed" if s["suppressed"] else ""
    known, gone = s["baseline"]["known"], s["baseline"]["gone"]
    tail += f"; {known} in the baseline" if known else ""
    tail += (f" ({gone} baseline {'entry no longer occurs' if gone == 1 else 'entries no longer occur'})"
             if gone else "")
    return (f"Found {s['findings']} problem{'s' if s['findings'] != 1 else ''} "
            f"({s['errors']} error{'s' if s['errors'] != 1 else ''}, {s['warnings']} warning"
            f"{'s' if s['warnings'] != 1 else ''}, {s['info']} info) in {files} {word}{tail}.")
