"""Which lines a change touched: `git diff` against a revision, read into line numbers per file.

`changed(rev)` runs git in the work tree that holds the current folder (so it works from any
folder inside it) and returns, for each file changed since `rev` (committed, staged or not),
the line numbers of the new file that were added or changed; a file git does not track yet
counts as changed throughout.
"""
from __future__ import annotations

import os
import re
import subprocess

HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.M)
WHOLE = None  # every line of a file counts as changed


class DiffError(Exception):
    """git could not say what changed (not a work tree, an unknown revision, no git)."""


def _git(args: list[str], cwd: str) -> str:
    try:
        proc = subprocess.run(["git", "-c", "core.quotepath=off", *args], capture_output=True, cwd=cwd, timeout=120)
    except FileNotFoundError:
        raise DiffError("git is not installed") from None
    except subprocess.TimeoutExpired:
        raise DiffError("git diff took longer than 120 s") from None
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise DiffError(message[-1] if message else f"git {' '.join(args)} failed")
    return proc.stdout.decode("utf-8", "surrogateescape")


def _unquote(path: str) -> str:
    """A path as git prints it: C-quoted when it holds unusual characters."""
    if not (path.startswith('"') and path.endswith('"')):
        return path
    raw = path[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape")
    return raw.encode("latin-1").decode("utf-8", "surrogateescape")


def changed(rev: str, cwd: str | None = None) -> dict[str, set[int] | None]:
    """{absolute path: changed line numbers (None: the whole file)} for every file changed since `rev`."""
    cwd = cwd or os.getcwd()
    top = _git(["rev-parse", "--show-toplevel"], cwd).strip()
    _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd)
    patch = _git(["diff", "--unified=0", "--no-color", "--no-ext-diff", rev, "--"], top)
    out: dict[str, set[int] | None] = {}
    current = None
    for line in patch.splitlines():
        if line.startswith("+++ "):
            target = line[4:]
            current = None if target == "/dev/null" else os.path.join(top, _unquote(target)[2:])
            if current is not None:
                out.setdefault(current, set())
        elif current is not None and line.startswith("@@"):
            m = HUNK.match(line)
            if m:
                start, count = int(m.group(1)), int(m.group(2) if m.group(2) is not None else 1)
                out[current].update(range(start, start + count))
    for name in _git(["ls-files", "--others", "--exclude-standard"], top).splitlines():
        out[os.path.join(top, name)] = WHOLE
    return {os.path.normpath(p): lines for p, lines in out.items()}


def touches(finding, lines: set[int] | None) -> bool:
    """Is a finding on a changed line (any line of its span), or about a changed document?"""
    if lines is None or finding.scope == "document":
        return True
    return any(n in lines for n in range(finding.line, finding.end_line + 1))
