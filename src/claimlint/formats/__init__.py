"""Output formats: a registry from a format's name to the function that renders a `Report`.

Formatters only render: they read a report (files, findings, errors) and return text. A new
format is a module here with a `render(report, options) -> str`, listed in `REGISTRY`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Options:
    """How to render: colour (only on a terminal) and quiet (finding lines only)."""

    color: bool = False
    quiet: bool = False


@dataclass(frozen=True)
class OutputFormat:
    name: str
    description: str
    render: Callable  # (report, Options) -> str


def _lazy(module: str):
    """A renderer that imports its module when first used (--help and plain runs stay fast)."""
    def render(report, options):
        import importlib
        return importlib.import_module(f"claimlint.formats.{module}").render(report, options)
    return render


REGISTRY = {f.name: f for f in (
    OutputFormat("text", "one line per finding with the offending words shown, and a summary", _lazy("text")),
    OutputFormat("concise", "one line per finding, nothing else but the summary line", _lazy("concise")),
    OutputFormat("json", "every finding with its fields and fingerprint, the errors and a summary", _lazy("json")),
    OutputFormat("json-lines", "one JSON object per finding per line", _lazy("jsonlines")),
    OutputFormat("sarif", "SARIF 2.1.0 for code scanning (GitHub, GitLab, IDEs)", _lazy("sarif")),
    OutputFormat("github", "GitHub Actions annotations (workflow commands)", _lazy("github")),
    OutputFormat("gitlab", "a GitLab Code Quality report", _lazy("gitlab")),
    OutputFormat("junit", "JUnit XML for CI dashboards", _lazy("junit")),
    OutputFormat("rdjson", "reviewdog's diagnostic format", _lazy("rdjson")),
    OutputFormat("html", "a content-library health report page (as `claimlint report`)", _lazy("html")),
)}


def names() -> list[str]:
    return list(REGISTRY)


def render(name: str, report, options: Options = Options()) -> str:
    return REGISTRY[name].render(report, options)
