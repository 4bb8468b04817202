"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

`::error file=a.md,line=3,col=9,endLine=3,endColumn=16,title=CL201 uncited-statistic::message`;
GitHub requires %, CR and LF escaped in the message, and ':' and ',' as well in the properties.
"""
from __future__ import annotations

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(report, options) -> str:
    out = []
    for f in report.findings:
        props = (f"file={_property(f.path)},line={f.line},col={f.column},endLine={f.end_line},"
                 f"endColumn={f.end_column},title={_property(f'{f.code} {f.rule}')}")
        out.append(f"::{LEVELS[f.severity]} {props}::{_data(f.message)}")
    for message in report.errors:
        out.append(f"::error title=claimlint::{_data(message)}")
    return "".join(line + "\n" for line in out)
