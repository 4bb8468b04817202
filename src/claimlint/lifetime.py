"""Processes that end with their parent: a zygote whose claimlint was killed, a worker whose zygote was.

Kept apart from `claimlint.runner` and `claimlint.zygote` so that both can use it without
importing each other.
"""
from __future__ import annotations

import os


def die_with(parent: int) -> None:
    """Have Linux kill this process when `parent` ends (prctl PR_SET_PDEATHSIG), however it
    ends: a zygote whose claimlint was killed, or a worker whose zygote was, must not go on
    checking a library for nobody."""
    try:
        import ctypes
        import signal
        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL), 0, 0, 0)  # 1: PR_SET_PDEATHSIG
    except Exception:  # not Linux, no libc: the parent's own clean-up still ends us
        return
    if os.getppid() != parent:  # it ended before we asked
        os._exit(1)
