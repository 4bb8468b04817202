"""Render findings for people (text) and machines (JSON). Formatters only render."""
from __future__ import annotations

import json
from collections import Counter

from claimlint.findings import Finding

COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
BOLD, DIM, RESET = "\033[1m", "\033[2m", "\033[0m"


def summary(findings: list[Finding], files: int, errors: int = 0) -> dict:
    by_sev = Counter(f.severity for f in findings)
    return {"files": files, "findings": len(findings), "errors": by_sev.get("error", 0),
            "warnings": by_sev.get("warning", 0), "info": by_sev.get("info", 0), "file_errors": errors,
            "by_rule": dict(sorted(Counter(f.rule for f in findings).items()))}


def render_json(findings: list[Finding], files: int, errors: int = 0, problems=()) -> str:
    return json.dumps({"version": 1, "findings": [f.as_json() for f in findings],
                       "errors": list(problems), "summary": summary(findings, files, errors)},
                      indent=2, ensure_ascii=False) + "\n"


def _excerpt(f: Finding, source_lines: list[str] | None, color: bool) -> list[str]:
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


def render_text(findings: list[Finding], files: int, sources: dict[str, str], color: bool,
                quiet: bool = False, errors: int = 0) -> str:
    out = []
    lines_cache: dict[str, list[str]] = {}
    for f in findings:
        sev = f"{COLORS.get(f.severity, '')}{f.severity}{RESET}" if color else f.severity
        loc = f"{BOLD}{f.path}:{f.line}:{f.column}:{RESET}" if color else f"{f.path}:{f.line}:{f.column}:"
        out.append(f"{loc} {sev} {f.code} [{f.rule}] {f.message}")
        if not quiet:
            if f.path not in lines_cache and f.path in sources:
                lines_cache[f.path] = sources[f.path].split("\n")
            out.extend(_excerpt(f, lines_cache.get(f.path), color))
    s = summary(findings, files, errors)
    if not quiet or findings:
        word = "file" if files == 1 else "files"
        tail = f", {errors} could not be read" if errors else ""
        out.append(f"Found {s['findings']} problem{'s' if s['findings'] != 1 else ''} "
                   f"({s['errors']} error{'s' if s['errors'] != 1 else ''}, {s['warnings']} warning"
                   f"{'s' if s['warnings'] != 1 else ''}, {s['info']} info) in {files} {word}{tail}.")
    return "\n".join(out) + ("\n" if out else "")
