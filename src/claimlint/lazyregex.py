"""Regular expressions compiled the first time they are used.

The rule packs hold several hundred large expressions; compiling them all costs Python's `re`
about half a second at every start, yet a short run (one article, a pre-commit hook) needs only
those whose literals occur in its text (see `claimlint.prefilter`) and the exceptions of the
candidates it finds. A `LazyPattern` keeps the source and flags, which is all the prefilter's
analysis needs, and compiles on the first match.
"""
from __future__ import annotations

import re


class LazyPattern:
    __slots__ = ("pattern", "flags", "_compiled")

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern
        self.flags = flags
        self._compiled = None

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
