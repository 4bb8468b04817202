"""reviewdog's Diagnostic Format (rdjson): columns are counted in UTF-8 bytes, as reviewdog wants."""
from __future__ import annotations

import json

from claimlint.formats.lines import source_lines, utf8_column

SEVERITIES = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


def render(report, options) -> str:
    diagnostics = []
    for result in report.files:
        lines = source_lines(result) if result.findings else []

        def col(line: int, column: int) -> int:
            return utf8_column(lines[line - 1], column) if 0 < line <= len(lines) else column

        for f in result.findings:
            diagnostics.append({
                "message": f.message,
                "location": {"path": f.path.replace("\\", "/"),
                             "range": {"start": {"line": f.line, "column": col(f.line, f.column)},
                                       "end": {"line": f.end_line, "column": col(f.end_line, f.end_column)}}},
                "severity": SEVERITIES[f.severity],
                "code": {"value": f.code},
                "original_output": f"{f.path}:{f.line}:{f.column}: {f.severity} {f.code} [{f.rule}] {f.message}",
            })
    return json.dumps({"source": {"name": "claimlint"}, "diagnostics": diagnostics}, indent=2,
                      ensure_ascii=False) + "\n"
