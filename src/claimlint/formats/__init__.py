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


def _text(report, options):
    from claimlint.formats.text import render
    return render(report, options)


def _json(report, options):
    from claimlint.formats.json import render
    return render(report, options)


REGISTRY = {f.name: f for f in (
    OutputFormat("text", "one line per finding with the offending words shown, and a summary", _text),
    OutputFormat("json", "every finding with its fields and fingerprint, the errors and a summary", _json),
)}


def names() -> list[str]:
    return list(REGISTRY)


def render(name: str, report, options: Options = Options()) -> str:
    return REGISTRY[name].render(report, options)
