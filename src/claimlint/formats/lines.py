"""What several output formats share: one-line messages, paths relative to the repository,
the text of a finding's line, severities in other tools' words."""
from __future__ import annotations

import os
import re
from pathlib import Path

from claimlint.document import split_lines

_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def one_line(text: str) -> str:
    """`text` with every control character (line breaks included) written as an escape."""
    if text.isprintable():  # the usual case, checked in C
        return text
    return _UNSAFE.sub(lambda m: {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(m.group(), f"\\x{ord(m.group()):02x}"),
                       text)


def repository_root(start: str | None = None) -> Path:
    """The git work tree holding `start` (default: the current folder), else that folder."""
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


def relative_uri(path: str, root: Path) -> str | None:
    """`path` relative to `root` as a URI reference (POSIX, percent-encoded), or None outside it."""
    from urllib.parse import quote
    try:
        rel = Path(path).resolve().relative_to(root)
    except ValueError:
        return None
    return quote(rel.as_posix(), errors="surrogateescape")  # bytes that are not UTF-8 as %XX


def source_lines(result) -> list[str]:
    """The lines of a file result's text (read again from its file), without line ends."""
    return split_lines(result.text())


def utf8_column(line: str, column: int) -> int:
    """A 1-based column counted in Unicode characters, counted in UTF-8 bytes instead."""
    return len(line[:column - 1].encode("utf-8", "surrogatepass")) + 1
