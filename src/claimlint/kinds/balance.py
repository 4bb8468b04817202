"""Quotation marks and brackets that open and never close (or close and never opened).

Checked within one block. Apostrophes (’ inside or after a word) are not quotation marks.
A quotation left open at the end of a paragraph is fine when the next paragraph re-opens
it (the British convention for multi-paragraph quotations).
"""
from __future__ import annotations

import re

from claimlint.document import FURNITURE_KINDS, REFERENCE
from claimlint.findings import make_finding

PAIRS = {"(": ")", "[": "]", "{": "}", "“": "”"}
CLOSERS = {v: k for k, v in PAIRS.items()}
_MARKS = re.compile("[" + re.escape("".join(PAIRS) + "".join(CLOSERS) + '"') + "]")


def compile(rule):
    return {"words_shown": int(rule.options.get("words_shown", 2))}


def _span_after(text: str, pos: int, words: int) -> int:
    end, seen = pos + 1, 0
    while end < len(text) and seen < words:
        while end < len(text) and text[end].isspace():
            end += 1
        while end < len(text) and not text[end].isspace():
            end += 1
        seen += 1
    return end


def _span_before(text: str, pos: int, words: int) -> int:
    start, seen = pos, 0
    while start > 0 and seen < words:
        while start > 0 and text[start - 1].isspace():
            start -= 1
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        seen += 1
    return start


def unbalanced(text: str):
    """(position, char, is_opener) of every unmatched mark; each bracket type is matched separately."""
    stacks: dict[str, list[int]] = {k: [] for k in PAIRS}
    stray = []
    straight = []
    for m in _MARKS.finditer(text):  # only the marks: most characters are none of them
        i, ch = m.start(), m.group()
        if ch in PAIRS:
            stacks[ch].append(i)
        elif ch in CLOSERS:
            opener = CLOSERS[ch]
            if stacks[opener]:
                stacks[opener].pop()
            else:
                stray.append((i, ch, False))
        elif ch == '"':
            straight.append(i)
    out = [(i, ch, True) for ch, idxs in stacks.items() for i in idxs] + stray
    if len(straight) % 2:
        out.append((straight[-1], '"', True))
    return sorted(out)


def check(doc, rule, comp, ctx):
    blocks = doc.blocks
    for bi, block in enumerate(blocks):
        if block.kind in FURNITURE_KINDS or block.kind == REFERENCE:
            continue
        text = block.text
        for pos, ch, opener in unbalanced(text):
            if ch == "“" and bi + 1 < len(blocks) and blocks[bi + 1].text.lstrip().startswith("“"):
                continue
            if opener:
                s, e = pos, _span_after(text, pos, comp["words_shown"])
            else:
                s, e = _span_before(text, pos, comp["words_shown"]), pos + 1
                if ch == ")" and _is_enumerator_close(text, pos):
                    continue
            what = "opening" if opener else "closing"
            yield make_finding(doc, rule, *block.to_source(s, e), mark=ch, what=what)


def _is_enumerator_close(text: str, pos: int) -> bool:
    """'1)' or 'a)' at the start of a block or after a space is an enumerator, not a bracket."""
    before = text[max(0, pos - 3):pos]
    return (pos <= 2 and before.strip().isalnum()) or (len(before) >= 2 and before[-2] == " " and before[-1].isalnum() and len(before[-1]) == 1 and before[-1].isdigit())
