"""A content cache like ruff's: a file whose text and configuration have not changed is not re-checked.

An entry is keyed by the SHA-256 of the article's text, its format, and the *configuration key*
(`config_key`): claimlint's version and a fingerprint of its own code, the contents of every
rule-pack file, the digest of the settings resolved for the file (selected rules, their options
and severities, metadata keys, provided elements, loader options, the reference date) and the
rules those settings select, with every option. A finding's path is not part of an entry (it is
filled in on reading), so a copied or renamed file is a hit too. An entry keeps the file's
findings and its facts (reviewer, dates, word count).

Entries live in `.claimlint_cache/` in the current directory (`--cache-dir` or the
`CLAIMLINT_CACHE_DIR` environment variable choose another folder), one small JSON file each,
written to a temporary file and moved into place with `os.replace`, so concurrent runs and runs
killed half-way never leave a half-written entry under its final name. An entry that cannot be
read or parsed, or has the wrong shape, is a miss; a cache folder that cannot be written is
ignored. Nothing here ever stops a run.

The folder also keeps the parsed rule packs (JSON keyed by the pack files' contents and the
code fingerprint), which saves parsing the YAML on every start, and markers of configurations
found valid. Everything in it is sealed (`claimlint.integrity`): what another writer of the folder
put there is not read back, and nothing in it is ever unpickled.
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from claimlint import __version__, integrity
from claimlint.findings import CACHED_TYPES

ENV_VAR = "CLAIMLINT_CACHE_DIR"
DEFAULT_DIR = ".claimlint_cache"
LAYOUT = "3"  # bump when the entry format changes


def cache_dir(option: str | None) -> Path:
    return Path(option or os.environ.get(ENV_VAR) or DEFAULT_DIR)


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Size and mtime of claimlint's own modules: an edited checkout never reuses stale results.
    (Worked out once per process.)"""
    h = hashlib.sha256(f"{__version__}|{sys.version}".encode())
    root = Path(__file__).resolve().parent
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(filenames):
            if name.endswith((".py", ".json")):  # the code and the shipped schemas
                st = os.stat(os.path.join(dirpath, name))
                h.update(f"{os.path.relpath(os.path.join(dirpath, name), root)}:{st.st_size}:{st.st_mtime_ns}|".encode())
    return h.hexdigest()


def packs_digest(pack_paths) -> str:
    """SHA-256 over the names and bytes of every rule-pack file (unreadable ones count by name)."""
    h = hashlib.sha256()
    for p in pack_paths:
        h.update(str(p).encode("utf-8", "surrogatepass") + b"\0")
        try:  # a regular file of bounded size only (a pack named /dev/zero is refused when loaded)
            from claimlint.loaders import LoadError, read_bytes
            from claimlint.rulepacks import PACK_MAX_BYTES
            h.update(read_bytes(str(p), PACK_MAX_BYTES))
        except LoadError:
            h.update(b"<unreadable>")
        h.update(b"\0")
    return h.hexdigest()


def rules_key(packs: str, code: str) -> str:
    """The key of the kept parsed rule packs: the packs' contents and claimlint's code."""
    return hashlib.sha256(f"{packs}|{code}".encode()).hexdigest()


def config_key(rules, today, packs: str, code: str, settings: str = "") -> str:
    """Everything besides the article text that can change what a run reports: `settings` is
    the digest of the file's resolved settings."""
    described = [[r.code, r.name, r.kind, r.severity, r.message, r.options] for r in rules]
    payload = json.dumps({"layout": LAYOUT, "version": __version__, "code": code, "packs": packs,
                          "today": today.isoformat(), "settings": settings, "rules": described},
                         sort_keys=True, default=repr, ensure_ascii=True)
    return hashlib.sha256(payload.encode()).hexdigest()


class Cache:
    """Read and write result entries under `root`; every failure is a miss or a no-op."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.entries = self.root / f"v{LAYOUT}"
        self._ready = False
        self.writable = True

    def usable(self) -> bool:
        """Is the folder missing, empty or already a claimlint cache? Another folder (`--cache-dir .`
        in a project) is never written to: claimlint would leave a `.gitignore` of `*` in it."""
        try:
            return (not self.root.exists() or (self.root / "CACHEDIR.TAG").is_file()
                    or (self.root.is_dir() and not any(self.root.iterdir())))
        except OSError:
            return False

    def _prepare(self) -> bool:
        if self._ready:
            return self.writable
        self._ready = True
        if not self.usable():
            self.writable = False
            return False
        try:
            self.entries.mkdir(parents=True, exist_ok=True)
            for name, text in ((".gitignore", "# Automatically created by claimlint.\n*\n"),
                               ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n"
                                                "# This file is a cache directory tag created by claimlint.\n")):
                if not (self.root / name).exists():
                    _atomic_write(self.root / name, text.encode())
        except OSError:
            self.writable = False
        return self.writable

    @staticmethod
    def entry_key(config: str, fmt: str, source: str) -> str:
        h = hashlib.sha256(config.encode())
        h.update(b"\0" + fmt.encode() + b"\0")
        h.update(source.encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        return self.entries / key[:2] / f"{key}.json"

    def get(self, key: str, path: str):
        """(findings with `path` filled in, facts), or None on a miss or an unusable entry."""
        from claimlint.findings import Finding
        try:
            with open(self._path(key), "rb") as fh:
                data = json.loads(integrity.unseal(fh.read()))
                used = os.fstat(fh.fileno()).st_mtime
            rows, facts = data["findings"], data["facts"]
            if data.get("key") != key or not isinstance(rows, list) or not all(map(_row_ok, rows)) \
                    or type(facts) is not dict:
                return None
            if used < time.time() - TOUCH_AFTER:  # mark it used, for `claimlint clean --older-than`
                try:
                    os.utime(self._path(key))
                except OSError:
                    pass
            return [Finding(path, *row) for row in rows], facts
        except (OSError, ValueError, TypeError, KeyError, AttributeError):  # unseal gave None: TypeError
            return None

    def put(self, key: str, findings, facts: dict) -> None:
        if not self._prepare():
            return
        rows = [list(f[1:]) for f in findings]  # every field but the path (see findings.CACHED_FIELDS)
        data = json.dumps({"key": key, "findings": rows, "facts": facts}, ensure_ascii=False, separators=(",", ":"))
        target = self._path(key)
        try:
            target.parent.mkdir(exist_ok=True)
            _atomic_write(target, integrity.seal(data.encode("utf-8")))
        except OSError:
            pass

    # What was found valid ---------------------------------------------------------------

    def known(self, kind: str, text: str) -> bool:
        """Was this text (a configuration file, a configuration checked against its rules) found
        valid by this version of claimlint before?"""
        return (self.root / "checked" / self._checked_name(kind, text)).exists()

    def remember(self, kind: str, text: str) -> None:
        if not self._prepare():
            return
        try:
            folder = self.root / "checked"
            folder.mkdir(exist_ok=True)
            _atomic_write(folder / self._checked_name(kind, text), b"")
        except OSError:
            pass

    @staticmethod
    def _checked_name(kind: str, text: str) -> str:
        """A marker's name is sealed: without the key, nobody can name a text as found valid."""
        return f"{kind}-{integrity.tag(f'{kind}|{code_fingerprint()}|{text}')}"

    # Parsed rule packs -------------------------------------------------------------------

    def load_rules(self, key: str):
        """The parsed rules kept under `key`, or None (missing, damaged, not sealed by this user)."""
        from claimlint.rulepacks import Rule
        try:
            with open(self.root / f"rules-{key}.json", "rb") as fh:
                data = json.loads(integrity.unseal(fh.read()))
            return [Rule(**item) for item in data]
        except Exception:  # whatever is wrong with it, it is a miss
            return None

    def store_rules(self, key: str, rules) -> None:
        if not self._prepare():
            return
        try:
            data = json.dumps([dataclasses.asdict(r) for r in rules], ensure_ascii=False).encode("utf-8")
            _atomic_write(self.root / f"rules-{key}.json", integrity.seal(data))
        except (OSError, TypeError, ValueError):
            pass


TOUCH_AFTER = 24 * 3600  # a hit older than this is touched, so its age says when it was last used


def clean(root: Path, older_than_days: float | None = None) -> tuple[int, int]:
    """Remove a cache folder (or only its entries unused for `older_than_days`): (files, bytes) freed.
    Only a folder that claimlint made (it holds CACHEDIR.TAG) is touched."""
    root = Path(root)
    if not (root / "CACHEDIR.TAG").is_file():
        raise ValueError(f"{root} is not a claimlint cache folder (it has no CACHEDIR.TAG)")
    cutoff = None if older_than_days is None else time.time() - older_than_days * 86400
    files = freed = 0
    for dirpath, dirnames, filenames in os.walk(root, topdown=False):
        for name in filenames:
            path = os.path.join(dirpath, name)
            if cutoff is not None and (name in (".gitignore", "CACHEDIR.TAG") or dirpath == str(root) and
                                       name.startswith("regex-")):
                continue  # a partial clean keeps the folder's markers and the expression table
            try:
                info = os.lstat(path)
                if cutoff is not None and info.st_mtime >= cutoff:
                    continue
                os.unlink(path)
                files, freed = files + 1, freed + info.st_size
            except OSError:
                pass
        if dirpath != str(root):
            try:
                os.rmdir(dirpath)  # only if now empty
            except OSError:
                pass
    if cutoff is None:
        try:
            os.rmdir(root)
        except OSError:
            pass
    return files, freed


_TYPES = CACHED_TYPES


def _row_ok(row) -> bool:
    # Exact types, compared in one step (JSON gives exactly int and str; a bool where an int
    # belongs is a damaged entry): a second run over a cached library checks thousands of rows.
    return type(row) is list and tuple(map(type, row)) == _TYPES


def _atomic_write(target: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename it over `target`."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
