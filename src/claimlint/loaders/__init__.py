"""Read a file and hand it to the loader for its format.

Loaders are the only code that knows about file formats; everything after them works on a
`Document`. Errors a user must fix (unreadable file, not UTF-8) become `LoadError` with a
message that names the file.
"""
from __future__ import annotations

import os
import stat

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


MAX_BYTES = 64 * 1024 * 1024  # the default largest article (configuration: max-file-size)


def read_bytes(path: str, limit: int = MAX_BYTES) -> bytes:
    """A regular file's bytes, at most `limit` of them. A FIFO, a device (a link to /dev/zero) or a
    socket is refused without being read: opened without blocking, then looked at."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except IsADirectoryError as exc:
        raise LoadError(f"{path}: is a directory") from exc
    except OSError as exc:
        if not os.path.exists(path) and os.path.lexists(path):
            raise LoadError(f"{path}: a symbolic link that leads nowhere (or round in a loop)") from exc
        raise LoadError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise LoadError(f"{path}: is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise LoadError(f"{path}: not a regular file (a pipe, a device or a socket): not read")
        if info.st_size > limit:
            raise LoadError(f"{path}: {info.st_size / 2**20:.1f} MB, more than the limit of "
                            f"{limit / 2**20:.1f} MB (max-file-size)")
        with os.fdopen(fd, "rb") as fh:
            fd = -1
            # What fstat gave, and one byte more to see whether it grew (asking for `limit` bytes
            # at once would have the buffer allocated at that size for every small article).
            data = fh.read(info.st_size + 1)
            if len(data) > info.st_size:
                data += fh.read(limit + 1 - len(data))
    except OSError as exc:
        raise LoadError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > limit:
        raise LoadError(f"{path}: grew past the limit of {limit / 2**20:.1f} MB (max-file-size) while read")
    if b"\x00" in data[:8192]:
        raise LoadError(f"{path}: a binary file (it holds NUL bytes), not an article: not checked")
    return data


def read(path: str, limit: int = MAX_BYTES) -> str:
    return decode(path, read_bytes(path, limit))


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
