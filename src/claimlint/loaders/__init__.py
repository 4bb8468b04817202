"""Read a file and hand it to the loader for its format.

Loaders are the only code that knows about file formats; everything after them works on a
`Document`. Errors a user must fix (unreadable file, not UTF-8) become `LoadError` with a
message that names the file.
"""
from __future__ import annotations

import os

from claimlint.document import Document

EXTENSIONS = {
    ".md": "markdown", ".markdown": "markdown", ".mdx": "markdown",
    ".html": "html", ".htm": "html",
    ".txt": "text", ".text": "text",
}


class LoadError(Exception):
    """A file that cannot be read as an article; the message names it."""


def format_for(path: str, default: str = "text") -> str:
    return EXTENSIONS.get(os.path.splitext(path)[1].lower(), default)


def decode(path: str, data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise LoadError(f"{path}:{line}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})") from exc
    return text[1:] if text.startswith("\ufeff") else text


def read(path: str) -> str:
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except IsADirectoryError as exc:
        raise LoadError(f"{path}: is a directory") from exc
    except OSError as exc:
        raise LoadError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    return decode(path, data)


def load(path: str, source: str, fmt: str, options: dict | None = None) -> Document:
    """A Document for `source`, parsed as `fmt` ('text', 'markdown' or 'html')."""
    if fmt == "markdown":
        from claimlint.loaders.markdown import load_markdown
        return load_markdown(path, source, options)
    if fmt == "html":
        from claimlint.loaders.html import load_html
        return load_html(path, source, options)
    from claimlint.loaders.text import load_text
    return load_text(path, source, options)
