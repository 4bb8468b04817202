"""Turn the paths a user gives into the list of article files to check, in a stable order.

Folders are searched for the extensions claimlint reads (and those a configuration maps to a
format); what a configuration's `exclude` globs or a `.gitignore` (inside a git work tree) leave
out is not checked. A file named on the command line is always checked, unless `force-exclude`
applies the same rules to it (as a pre-commit hook wants). Each file's settings decide for it
(see `claimlint.config`): `settings_for(path)` gives them.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field


@dataclass
class Found:
    files: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)  # what the exclusion rules left out
    skipped: list[str] = field(default_factory=list)  # files named on the command line in no format claimlint reads


def discover(paths, settings_for=None, uniform=None) -> Found:
    """The article files under `paths` ('-' is standard input); missing paths are errors.
    `uniform(path)`, when given, answers the settings shared by every file beside `path` (or None)."""
    if settings_for is None:
        from claimlint.config import Settings
        default = Settings()
        settings_for = lambda path: default  # noqa: E731
    found, seen = Found(), set()
    ignore = GitIgnore()
    for path in paths:
        if path == "-":
            found.files.append("-")
            continue
        if os.path.isdir(path):
            _walk(path, settings_for, uniform, ignore, found, seen)
        elif os.path.exists(path):
            settings = settings_for(path)
            if settings.force_exclude and (settings.excluded(path) or
                                           (settings.respect_gitignore and ignore.ignored(path))):
                found.excluded.append(path)
                continue
            if settings.format_for(path, default=None) is None:
                found.skipped.append(path)
                continue
            _add(path, found.files, seen)
        elif os.path.lexists(path):
            found.errors.append(f"{path}: a symbolic link that leads nowhere (or round in a loop)")
        else:
            found.errors.append(f"{path}: no such file or directory")
    return found


def _walk(top: str, settings_for, uniform, ignore, found: Found, seen: set) -> None:
    """Walk a folder; the paths found are written from `top` as given, without a leading './'.
    Where a folder's configuration has no per-path sections, its files share one `Settings`."""
    for root, dirs, names in os.walk(top):
        kept = []
        for d in sorted(dirs):
            full = os.path.normpath(os.path.join(root, d))
            settings = settings_for(full)
            if settings.excluded(full, is_dir=True, base=top) or (settings.respect_gitignore and
                                                                  ignore.ignored(full, is_dir=True)):
                found.excluded.append(full + os.sep)
            else:
                kept.append(d)
        dirs[:] = kept
        shared = uniform(os.path.join(root, "_")) if uniform is not None else None
        for name in sorted(names):
            full = os.path.normpath(os.path.join(root, name))
            settings = shared or settings_for(full)
            if settings.format_for(name, default=None) is None:
                continue
            if settings.excluded(full, base=top, walked=True) or (settings.respect_gitignore and ignore.ignored(full)):
                found.excluded.append(full)
                continue
            _add(full, found.files, seen)


def shown(path: str) -> str:
    """A path as every output writes it: bytes that are not UTF-8 (kept by the file system as
    surrogate escapes) and control characters (a newline in a file name would forge a finding line)
    become visible escapes, so text is one line and JSON is valid UTF-8."""
    if path.isprintable():
        return path
    out = []
    for ch in path:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:
            out.append(f"\\x{code - 0xDC00:02x}")
        elif not ch.isprintable():
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def _add(path: str, files: list, seen: set) -> None:
    key = os.path.realpath(path)
    if key not in seen:
        seen.add(key)
        files.append(path)


class GitIgnore:
    """What the `.gitignore` files of a git work tree ignore: each folder's file applies to what lies
    under it, a deeper file overrides a shallower one, and `!pattern` re-includes. Outside a work
    tree (no `.git` above) nothing is ignored. Each folder's file is read once."""

    def __init__(self):
        self._specs: dict[str, object] = {}
        self._roots: dict[str, str | None] = {}
        self._outside: set[str] = set()  # folders, as given, that lie in no work tree

    def ignored(self, path: str, is_dir: bool = False) -> bool:
        given = os.path.dirname(path)
        if given in self._outside:
            return False
        absolute = os.path.abspath(path)
        folder = os.path.dirname(absolute)
        top = self._work_tree(folder)
        if top is None:
            self._outside.add(given)
            return False
        while True:
            spec = self._spec(folder)
            if spec is not None:
                rel = os.path.relpath(absolute, folder).replace(os.sep, "/") + ("/" if is_dir else "")
                verdict = spec.check_file(rel).include
                if verdict is not None:
                    return verdict
            if folder == top:
                return False
            folder = os.path.dirname(folder)

    def _work_tree(self, folder: str) -> str | None:
        if folder not in self._roots:
            if os.path.exists(os.path.join(folder, ".git")):
                self._roots[folder] = folder
            else:
                parent = os.path.dirname(folder)
                self._roots[folder] = self._work_tree(parent) if parent != folder else None
        return self._roots[folder]

    def _spec(self, folder: str):
        if folder not in self._specs:
            spec = None
            try:
                with open(os.path.join(folder, ".gitignore"), encoding="utf-8", errors="replace") as fh:
                    lines = fh.read().splitlines()
                import pathspec
                spec = pathspec.GitIgnoreSpec.from_lines(lines)
            except OSError:
                pass
            self._specs[folder] = spec
        return self._specs[folder]
