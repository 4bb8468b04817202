"""A progress bar on standard error, for long runs at a terminal only.

Never in a pipe, a file or a CI log (the `CI` variable most CI services set), never for a run
of a few files, and drawn at most ten times a second; it erases itself when the run is done, so
the report that follows starts on a clean line.
"""
from __future__ import annotations

import os
import sys
import time

MIN_FILES = 20


def wanted(stream, total: int) -> bool:
    return (total >= MIN_FILES and hasattr(stream, "isatty") and stream.isatty() and not os.environ.get("CI")
            and os.environ.get("TERM") != "dumb")


class Bar:
    def __init__(self, total: int, stream=None, width: int = 30):
        self.total, self.stream, self.width = total, stream or sys.stderr, width
        self._last = 0.0
        self._drawn = False

    def __call__(self, done: int) -> None:
        now = time.monotonic()
        if done < self.total and now - self._last < 0.1:
            return
        self._last = now
        filled = self.width * done // max(self.total, 1)
        self.stream.write(f"\r[{'#' * filled}{'.' * (self.width - filled)}] {done}/{self.total} files")
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()
