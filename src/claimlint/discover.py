"""Turn the paths a user gives into the list of article files to check, in a stable order."""
from __future__ import annotations

import os

from claimlint.loaders import EXTENSIONS

SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".claimlint_cache", ".tox"}


def discover(paths) -> tuple[list[str], list[str]]:
    """(files, errors): directories are walked for known extensions; missing paths are errors."""
    files, errors, seen = [], [], set()
    for path in paths:
        if path == "-":
            files.append("-")
            continue
        if os.path.isdir(path):
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
                for name in sorted(names):
                    if os.path.splitext(name)[1].lower() in EXTENSIONS:
                        _add(os.path.join(root, name), files, seen)
        elif os.path.exists(path):
            _add(path, files, seen)
        else:
            errors.append(f"{path}: no such file or directory")
    return files, errors


def _add(path: str, files: list, seen: set) -> None:
    key = os.path.realpath(path)
    if key not in seen:
        seen.add(key)
        files.append(path)
