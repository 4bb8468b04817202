"""Text that stops before it is done.

A prose paragraph must end with terminal punctuation (or a colon that introduces a list);
a list item may end without a full stop but not mid-phrase (on a function word or a
colon); headings, bylines, captions and cards are not sentences, unless they end on a
function word ("Written by Ana Ruiz on": the date was lost). A paragraph that is a lone
subordinate clause ("Although the cream is cheaper.") is a fragment.
"""
from __future__ import annotations

import re

from claimlint.document import (BYLINE, CAPTION, HEADING, LIST_ITEM, PARAGRAPH, QUOTE, TABLE_CELL, TITLE)
from claimlint.findings import make_finding
from claimlint.loaders.shapes import ends_with_terminal

LAST_WORDS = re.compile(r"(?:\S+\s+){0,3}\S+\s*$")
# A phrasal verb's particle and preposition end a heading whole: "Signs to look out for",
# "What to ask about", "Who to turn to".
PHRASAL_END = re.compile(r"\b(?:look|watch|ask|care|turn|wait|listen|look\s+out|watch\s+out|keep\s+an\s+eye\s+out|"
                         r"test(?:ed)?|screen(?:ed)?|check(?:ed)?|pay|prepare|apply|qualify|eligible|used|go|talk)\s+"
                         r"(?:out\s+)?(?:for|about|to|at|on|with|of)\W*$", re.I)
# Citation markers after the full stop ("trial.[^1]", "trial.<sup>1</sup>" -> "trial.1", "adults. [4]")
# ... and a site generator's citation tag ("trial.{% cite ruiz2021 %}", "trial.{{< cite 4 >}}").
TRAILING_MARKERS = re.compile(r"(?<=[.!?…\"”’')\]])(?:\s*(?:\[\^?[\w,\s–-]{1,12}\]|\(\d{1,3}(?:[,\s–-]+\d{1,3})*\)|"
                              r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\d{1,3}(?:[,–-]\d{1,3})*|[ivxlc]{1,6}|"
                              r"\{%-?\s*(?:cite|ref|footnote|fn|citation)\b[^%\n]{0,120}%\}|\{\{[<%]\s*(?:cite|ref|footnote|fn|citation)\b[^}\n]{0,120}[>%]\}\}))+$")
# A label and a short value on one line: "Next review due: 27/08/2019", "Helpline: 0800 123 456".
LABEL_LINE = re.compile(r"^[^\W\d][^:.!?\n]{0,40}:[ \t]*(?:\S+[ \t]*){1,4}$")
_MARKER_ENDS = "])¹²³⁴⁵⁶⁷⁸⁹⁰ivxlc}"  # the last character of a marker: one of these or a digit (`\d`: isdecimal)


def compile(rule):
    o = rule.options
    return {
        "function_words": {w.lower() for w in o.get("function_words", [])},
        "fragment": re.compile(o["fragment"], re.IGNORECASE) if o.get("fragment") else None,
        "min_words": int(o.get("min_words", 4)),
    }


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch in "_’'-"  # what `[\w’'-]` matches (`\w`: alphanumeric or "_")


def _last_word(text: str) -> str:
    r"""The last run of word characters (`[\w’'-]+`), lower-cased: read from the end, not the whole text."""
    end = len(text)
    while end and not _is_word_char(text[end - 1]):
        end -= 1
    start = end
    while start and _is_word_char(text[start - 1]):
        start -= 1
    return text[start:end].lower()


def _fewer_words(text: str, n: int) -> bool:
    """len(text.split()) < n, splitting no further than needed."""
    return len(text.split(None, n)) < n


def _tail(block, text: str):
    m = LAST_WORDS.search(text)
    s = m.start() if m else 0
    return block.to_source(s, len(text.rstrip()))


def check(doc, rule, comp, ctx):
    blocks = doc.blocks
    for i, block in enumerate(blocks):
        text = block.text.rstrip()
        if not text:
            continue
        kind = block.kind
        if text[-1] in _MARKER_ENDS or text[-1].isdecimal():  # else no trailing marker can match
            text = TRAILING_MARKERS.sub("", text) or text
        ends_function = (_last_word(text) in comp["function_words"] and not _capital_name(text)
                         and not ends_with_terminal(text)
                         and not text.endswith(":") and not PHRASAL_END.search(text)
                         and not _gap_at_end(text))
        if kind == TABLE_CELL and _fewer_words(text, 2):
            ends_function = False  # a one-letter column label ("A") is not a cut-off phrase
        if kind in (PARAGRAPH, QUOTE) and LOOKS_LISTED.match(text):
            kind = LIST_ITEM  # "- Avoid vitamin A", "##Different plans" as written: a list item, a heading
        if kind in (PARAGRAPH, QUOTE):
            if _only_links(block):
                continue
            if text.endswith(":"):
                nxt = blocks[i + 1] if i + 1 < len(blocks) else None
                if nxt is not None and nxt.kind in (LIST_ITEM, TABLE_CELL, PARAGRAPH, QUOTE):
                    continue
                yield make_finding(doc, rule, *_tail(block, text), message=rule.options.get(
                    "colon_message", "lead-in ends with ':' but nothing follows it"))
                continue
            if not ends_with_terminal(text) and not text.endswith((":", ";")):
                # A label and its value ("Next review due: 27/08/2019"), a tagline written as a
                # title, and a paragraph under `min_words` are not asked for a full stop, only
                # not to stop mid-phrase.
                if ends_function or not (_fewer_words(text, comp["min_words"]) or LABEL_LINE.match(text)
                                         or _tagline(text)):
                    yield make_finding(doc, rule, *_tail(block, text))
                continue
            if comp["fragment"] and comp["fragment"].match(text) and "," not in text and text.count(".") <= 1:
                yield make_finding(doc, rule, *block.to_source(0, len(text)), message=rule.options.get(
                    "fragment_message", "sentence fragment: a subordinate clause with no main clause"))
        elif kind in (LIST_ITEM, HEADING, BYLINE, CAPTION, TITLE, TABLE_CELL):
            if kind in (LIST_ITEM, HEADING) and text.endswith(":") and not _followed_by_content(blocks, i):
                yield make_finding(doc, rule, *_tail(block, text), message=rule.options.get(
                    "colon_message", "lead-in ends with ':' but nothing follows it"))
            elif ends_function and not (kind == LIST_ITEM and _joins_next_item(blocks, i, text)):
                yield make_finding(doc, rule, *_tail(block, text))


# Symbols that join a tagline's parts ("Lumbar spine & pelvis · Toluca Lake", "Home / Conditions /
# Sciatica", "Restore comfort + function"); "&" alone does not ("Diet & exercise help you").
TAGLINE_SEPARATOR = re.compile(r"\s[·•|/+›»]\s")
TAGLINE_WORDS = 12


def _tagline(text: str) -> bool:
    """Is a short paragraph a tagline rather than a clause that lost its full stop? Editors set
    taglines and eyebrows as titles: every word of four letters or more capitalised ("Expert
    Tinnitus Evaluation & Treatment"), or parts joined by a separator symbol. Running prose is
    not written so."""
    words = text.split(None, TAGLINE_WORDS)
    if len(words) > TAGLINE_WORDS:
        return False
    if TAGLINE_SEPARATOR.search(text):
        return True
    long = [w.strip("\"'“”‘’()[]") for w in words]
    long = [w for w in long if sum(c.isalpha() for c in w) >= 4]
    return len(long) >= 2 and all(w[:1].isupper() for w in long)


def _capital_name(text: str) -> bool:
    """Is the last word a capital letter naming something ("vitamin A", "hepatitis A", "type A")
    rather than the article "a" left hanging?"""
    end = len(text.rstrip(" \t\n*_)]\"'”’"))
    return end >= 3 and text[end - 1] == "A" and text[end - 2] == " " and text[:end - 2].rstrip()[-1:].isalpha()


# A paragraph whose text still begins with a bullet or with a heading's hashes (a renderer that
# wants a space after them did not take them): a list item or heading as its writer meant it.
LOOKS_LISTED = re.compile(r"(?:[-*+•]\s+\S|#{1,6}[^\W\d_])")

# A clause led by a wh-word leaves its gap at the end ("What a plantar wart actually is", "What's
# usually going on", "Who it is for"), and a wh-word may end one ("you're not sure why").
WH_LED = re.compile(r"^\W*(?:\d{1,2}[.)]\s*)?(?:what|what's|how|why|when|where|who|who's|which|whatever)\b", re.I)
WH_END = re.compile(r"\b(?:why|(?:not\s+sure|don[’']t\s+know|wonder(?:ing)?|no\s+matter|here[’']s|that[’']s|"
                    r"this\s+is)\s+(?:how|what|where|when))\W*$", re.I)
WH_WORDS = 10


def _gap_at_end(text: str) -> bool:
    """Does a short wh-clause explain a last word that would otherwise look cut off?"""
    if WH_END.search(text):
        return True
    return len(text.split(None, WH_WORDS)) <= WH_WORDS and bool(WH_LED.match(text))


def _joins_next_item(blocks, i, text: str) -> bool:
    """A list item ending "…, or" / "…, and" with another item after it: the list goes on."""
    if _last_word(text) not in ("or", "and", "and/or", "plus"):
        return False
    return i + 1 < len(blocks) and blocks[i + 1].kind == LIST_ITEM


def _only_links(block) -> bool:
    covered = sum(l.end - l.start for l in block.links)
    return bool(block.links) and covered >= 0.6 * len(block.text.strip())


def _followed_by_content(blocks, i) -> bool:
    """Whether a list item's or heading's lead-in colon has something after it: a list (for a list
    item, a list of its own: another group), or a paragraph, quotation or table (a numbered
    lead-in "1. Stay connected:" above its text)."""
    if i + 1 >= len(blocks):
        return False
    nxt = blocks[i + 1]
    return nxt.kind in (PARAGRAPH, QUOTE, TABLE_CELL) or (nxt.kind == LIST_ITEM and (
        blocks[i].kind != LIST_ITEM or nxt.group != blocks[i].group))
