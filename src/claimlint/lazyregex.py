"""Regular expressions compiled the first time they are used.

The rule packs hold several hundred large expressions; compiling them all costs Python's `re`
about half a second at every start, yet a short run (one article, a pre-commit hook) needs only
those whose literals occur in its text (see `claimlint.prefilter`) and the exceptions of the
candidates it finds. A `LazyPattern` keeps the source and flags, which is all the prefilter's
analysis needs, and compiles on the first match.
"""
from __future__ import annotations

import functools
import re

from claimlint import regexcache

try:  # Python 3.11+
    from re import _parser
except ImportError:  # Python 3.10
    import sre_parse as _parser  # type: ignore[no-redef]


def parse(pattern: str, flags: int = 0):
    """The parse tree `re` builds for a pattern (raises `re.error` for a bad one); kept, because
    both a pattern's syntax check and the prefilter's analysis need it. Treat it as read-only.

    Only VERBOSE changes how a pattern parses, so a pattern used both case-sensitively and
    case-insensitively is parsed once; the tree's `state.flags` then holds only its inline flags.
    """
    return _parse(pattern, flags & re.VERBOSE)


def check_syntax(pattern: str, flags: int = 0) -> None:
    """Raise `re.error` for a pattern that does not parse; a pattern that parsed in an earlier run
    with a cache folder (see `claimlint.regexcache`) is not parsed again."""
    key = ("parses", pattern, int(flags & re.VERBOSE))
    if regexcache.lookup(key):
        return
    parse(pattern, flags)
    regexcache.remember(key, True)


@functools.lru_cache(maxsize=2048)
def _parse(pattern: str, flags: int):
    return _parser.parse(pattern, flags)


class LazyPattern:
    """A pattern whose syntax is checked now (a bad rule pack fails at once) but compiled later."""

    __slots__ = ("pattern", "flags", "_compiled")

    def __init__(self, pattern: str, flags: int = 0):
        check_syntax(pattern, flags)
        self.pattern = pattern
        self.flags = flags
        self._compiled = None

    def is_compiled(self) -> bool:
        return self._compiled is not None

    def compiled(self) -> re.Pattern:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def search(self, string, *args):
        return (self._compiled or self.compiled()).search(string, *args)

    def match(self, string, *args):
        return (self._compiled or self.compiled()).match(string, *args)

    def fullmatch(self, string, *args):
        return (self._compiled or self.compiled()).fullmatch(string, *args)

    def finditer(self, string, *args):
        return (self._compiled or self.compiled()).finditer(string, *args)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags})"
