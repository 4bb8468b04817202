"""Sealing what claimlint keeps in its cache folder, so that only claimlint's own writing is read back.

A cache folder may be shared (a CI runner's cache, a team drive) and anyone who can write to it
could otherwise hand claimlint forged results, parsed rules or compiled expressions. Everything
kept there is sealed with an HMAC-SHA256 under a key that lives outside the folder, one per user
(`$CLAIMLINT_KEY_FILE`, else `$XDG_CONFIG_HOME/claimlint/cache-key`, else
`~/.config/claimlint/cache-key`, made on first use with mode 0600). What does not carry the right
seal is ignored, as a cache miss. Without a usable key file a process uses a key of its own,
so nothing from the folder is trusted and nothing it writes is trusted later.
"""
from __future__ import annotations

import functools
import hashlib
import hmac
import os
import secrets
from pathlib import Path

SEAL = 32  # bytes of HMAC-SHA256


def key_file() -> Path:
    given = os.environ.get("CLAIMLINT_KEY_FILE")
    if given:
        return Path(given)
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "claimlint" / "cache-key"


@functools.lru_cache(maxsize=1)
def key() -> bytes:
    """The user's key (read, or made on first use); a key for this process alone if neither works."""
    path = key_file()
    try:
        data = path.read_bytes()
        if len(data) >= 32:
            return data
    except OSError:
        pass
    fresh = secrets.token_bytes(32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(fresh)
        return fresh
    except FileExistsError:  # another process made it first
        try:
            data = path.read_bytes()
            if len(data) >= 32:
                return data
        except OSError:
            pass
    except OSError:
        pass
    return fresh


def seal(data: bytes) -> bytes:
    """`data` with its seal in front."""
    return hmac.new(key(), data, hashlib.sha256).digest() + data


def unseal(blob: bytes) -> bytes | None:
    """The data of a sealed blob, or None when the seal does not match (forged, damaged, another user's)."""
    if len(blob) < SEAL:
        return None
    mac, data = blob[:SEAL], blob[SEAL:]
    return data if hmac.compare_digest(mac, hmac.new(key(), data, hashlib.sha256).digest()) else None


def tag(text: str) -> str:
    """A seal for a short text (a marker's name), as hex."""
    return hmac.new(key(), text.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()
