"""Keep compiled regular expressions between runs (in the cache folder), to start faster.

claimlint compiles a few hundred large expressions on every start (the rule packs' detectors,
spaCy's tokenizer prefixes, suffixes and infixes), about a quarter of a second that Python's
`re` module spends in its pure-Python parser and compiler. `install()` wraps that compiler: the
first time a pattern is compiled its compiled program (the list of opcodes `re` hands to the C
engine) is kept, and `save()` writes the table to one file next to the results cache; a later run
hands the stored program straight to the C engine. The programs are exactly those `re` itself
produces, so matching is unchanged.

The table is keyed by the Python build (version, implementation, the regex engine's MAGIC
number): another interpreter never reads it. It is sealed (`claimlint.integrity`): a table that
another writer of the cache folder made or changed is not read. Any failure (an unreadable or corrupt file, a
program the engine rejects, a future Python whose internals differ) falls back to `re`'s own
compiler. Without a cache folder (`--no-cache`) the table is kept in memory only: it then serves the
process that checks the files (see `claimlint.zygote`), which receives it with the rules instead
of compiling every expression again.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import sys
from array import array
from pathlib import Path

from claimlint import integrity

try:  # Python 3.11+
    from re import _compiler, _parser
except ImportError:  # Python 3.10
    import sre_compile as _compiler  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

_sre = _compiler._sre
_CODE = next(t for t in "IL" if array(t).itemsize == _sre.CODESIZE)
MAX_ENTRIES = 20000

# table: everything known (None until read from `path`); added: what this process worked out
# itself (see `export`); new: how many of those are not yet saved.
_state: dict = {"path": None, "table": {}, "added": {}, "new": 0, "original": None}


def _tag() -> str:
    ident = f"{sys.version}|{sys.implementation.cache_tag}|{getattr(_sre, 'MAGIC', '')}|{_sre.CODESIZE}"
    return hashlib.sha256(ident.encode()).hexdigest()[:16]


def _compile(p, flags=0):
    original = _state["original"]
    if not isinstance(p, (str, bytes)) or flags & _compiler.SRE_FLAG_DEBUG:
        return original(p, flags)
    key = (isinstance(p, bytes), p, int(flags))
    table = _table()
    stored = table.get(key)
    if stored is not None:
        try:
            final, program, groups, groupindex, indexgroup = stored
            return _sre.compile(p, final, array(_CODE, program).tolist(), groups, groupindex, indexgroup)
        except Exception:
            table.pop(key, None)
    try:
        parsed = _parser.parse(p, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        program = [int(c) for c in code]
        compiled = _sre.compile(p, int(flags | parsed.state.flags), program, parsed.state.groups - 1, groupindex,
                                tuple(indexgroup))
        # Stored as raw bytes: loading a table of a few hundred thousand opcodes then takes about a millisecond.
        args = (int(flags | parsed.state.flags), array(_CODE, program).tobytes(), parsed.state.groups - 1,
                groupindex, tuple(indexgroup))
    except Exception:
        return original(p, flags)  # the real compiler raises the real error
    if len(table) < MAX_ENTRIES:
        table[key] = _state["added"][key] = args
        _state["new"] += 1
    return compiled


def lookup(key):
    """A value kept under `key` by `remember` (in this run or an earlier one), else None.

    Besides compiled programs, the table keeps other facts about patterns that cost time to
    work out at every start: that a pattern parses, and the prefilter's analysis of it."""
    if _state["original"] is None:
        return None
    return _table().get(key)


def remember(key, value) -> None:
    """Keep a marshal-able `value` under `key` (a tuple whose first item names its kind)."""
    if _state["original"] is None:
        return
    table = _table()
    if key in table:
        return
    if len(table) < MAX_ENTRIES:
        table[key] = _state["added"][key] = value
        _state["new"] += 1


def install(folder: Path | None) -> None:
    """Serve and record compiled programs for the rest of this process: kept in `folder`, or
    in memory only when `folder` is None. The kept table is read when first needed (a run whose
    files are all in the results cache compiles nothing)."""
    if _state["original"] is not None:
        return
    path = None if folder is None else Path(folder) / f"regex-{_tag()}.bin"
    _state.update(path=path, table=None if path is not None else {}, added={}, new=0, original=_compiler.compile)
    _compiler.compile = _compile


def _table() -> dict:
    table = _state["table"]
    if table is None:
        table = {}
        loaded = _read(_state["path"])
        if loaded is not None:
            table = loaded
        _state["table"] = table
    return table


def _read(path) -> dict | None:
    """The table kept at `path`, only if this user's claimlint sealed it (`claimlint.integrity`):
    a program swapped in by another writer of the folder would silently change what a rule matches,
    and marshal data from elsewhere is not safe to load."""
    try:
        with open(path, "rb") as fh:
            data = integrity.unseal(fh.read())
        loaded = marshal.loads(data) if data is not None else None
        return loaded if isinstance(loaded, dict) else None
    except Exception:  # missing, unreadable or corrupt: start empty
        return None


def export() -> dict:
    """What this process worked out itself since `install` (compiled programs, analyses), for
    `adopt` in another process: a process forked before the rule packs were loaded (see
    `claimlint.zygote`), which read the same table folder itself. Marshal-able."""
    return dict(_state["added"]) if _state["original"] is not None else {}


def adopt(entries: dict) -> None:
    """Serve what another process `export`ed as well (installing an in-memory table if this
    process has none). It is that process's to save, so it does not count as new here."""
    install(None)
    table = _table()
    for key, value in entries.items():
        if len(table) >= MAX_ENTRIES:
            break
        table.setdefault(key, value)


def save(min_new: int = 1) -> None:
    """Write the table if this process compiled at least `min_new` new programs (atomically;
    errors ignored). Workers, which compile patterns a few at a time as their texts call for
    them, pass a larger `min_new` so the table is not rewritten after every batch."""
    path = _state["path"]
    if path is None or _state["new"] < min_new:
        return
    _state["new"] = 0
    try:
        import tempfile
        table = dict(_table())
        theirs = _read(path)  # another process (a worker, a concurrent run) may have stored programs since
        if theirs is not None and len(theirs) + len(table) < MAX_ENTRIES:
            table = {**theirs, **table}
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(integrity.seal(marshal.dumps(table)))
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except Exception:
        pass
