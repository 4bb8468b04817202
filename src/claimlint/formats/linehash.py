"""The line hash GitHub's code-scanning upload computes for SARIF `primaryLocationLineHash`.

When a SARIF file arrives without it, the upload action hashes each line of the source itself; a
SARIF file sent straight to the API must carry the same value, or the same alert shows twice.
The hash of a line is a polynomial rolling hash (base 37, modulo 2**64) over the 100 characters
that start at the line, counted in UTF-16 code units with spaces and tabs left out and every line
ending read as one LF; past the end of the file come one 0xFFFF and then zeros. It is written in
unsigned hexadecimal followed by ':' and how many lines so far had the same hash.
"""
from __future__ import annotations

BLOCK = 100
BASE = 37
MASK = (1 << 64) - 1
END = 0xFFFF


def _units(text: str) -> list[int]:
    """The characters that count, as UTF-16 code units: no spaces or tabs, CRLF and CR read as LF."""
    data = text.encode("utf-16-le", "surrogatepass")
    units = [data[i] | data[i + 1] << 8 for i in range(0, len(data), 2)]
    out = []
    after_cr = False
    for u in units:
        if u in (0x20, 0x09) or (after_cr and u == 0x0A):
            after_cr = False
            continue
        after_cr = u == 0x0D
        out.append(0x0A if after_cr else u)
    out.append(END)
    return out


def line_hashes(text: str) -> dict[int, str]:
    """{1-based line: 'hash:n'} for every line of `text` that holds a character that counts."""
    units = _units(text)
    drop = pow(BASE, BLOCK, 1 << 64)
    window = units[:BLOCK] + [0] * max(0, BLOCK - len(units))
    value = 0
    for u in window:
        value = (value * BASE + u) & MASK
    out: dict[int, str] = {}
    seen: dict[str, int] = {}
    line, at_start = 0, True
    padded = units + [0] * BLOCK
    for i in range(len(units)):
        if at_start:  # the window now holds the BLOCK units that start this line
            line += 1
            digest = format(value, "x")
            seen[digest] = seen.get(digest, 0) + 1
            out[line] = f"{digest}:{seen[digest]}"
        at_start = units[i] == 0x0A
        value = (value * BASE + padded[i + BLOCK] - drop * padded[i]) & MASK
    return out
