"""Check a list of files: cached results first, then the rest serially or in worker processes.

The parent reads every file (it needs the text for the cache key and for excerpts), answers what
it can from the cache, and hands the rest to `check_batch`: in this process when there is little
to do, otherwise in a pool of worker processes. Each worker builds its engine once and loads
spaCy once, on its first block that needs it (never per file). A result is stored under its file's
index, so the report is in the same order whatever the number of workers; a file that fails
(unreadable, not UTF-8, or a bug) is reported by name and never stops the others.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field

from claimlint.loaders import LoadError, decode, format_for, load, read

# Below this many files (or characters) to check, one process is faster than starting workers
# that each load spaCy (about a second of CPU each); a 1,500-word article is about 10,000 characters.
PARALLEL_MIN_FILES = 8
PARALLEL_MIN_CHARS = 50_000
BATCH_MAX = 16


@dataclass
class Outcome:
    shown: str
    source: str | None = None
    findings: list | None = None
    error: str | None = None


@dataclass
class Plan:
    outcomes: list[Outcome] = field(default_factory=list)
    todo: list[tuple] = field(default_factory=list)  # (index, shown, source, fmt, cache key or None)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def plan(files, stdin_filename, cache, config: str | None) -> Plan:
    """Read each file; take its findings from the cache when an entry matches."""
    p = Plan()
    for index, path in enumerate(files):
        shown = path
        try:
            if path == "-":
                shown = stdin_filename or "-"
                source = decode(shown, sys.stdin.buffer.read())
            else:
                source = read(path)
        except LoadError as exc:
            p.outcomes.append(Outcome(shown, error=str(exc)))
            continue
        fmt = format_for(shown)
        key = cache.entry_key(config, fmt, source) if cache is not None else None
        found = cache.get(key, shown) if key is not None else None
        p.outcomes.append(Outcome(shown, source, found))
        if found is None:
            p.todo.append((index, shown, source, fmt, key))
    return p


def check_one(engine, shown: str, source: str, fmt: str):
    """(findings, None) or (None, message) for one article."""
    try:
        return engine.check(load(shown, source, fmt)), None
    except LoadError as exc:
        return None, str(exc)
    except Exception as exc:  # a bug must not stop the other files from being checked
        return None, f"{shown}: internal error while checking: {type(exc).__name__}: {exc}"


_WORKER: dict = {}


def _init_worker(engine, cache) -> None:
    _WORKER["engine"], _WORKER["cache"] = engine, cache


def check_batch(batch, engine=None, cache=None):
    """Check (index, shown, source, fmt, key) jobs; store each success in the cache."""
    engine = engine or _WORKER["engine"]
    cache = cache if cache is not None else _WORKER.get("cache")
    out = []
    for index, shown, source, fmt, key in batch:
        found, error = check_one(engine, shown, source, fmt)
        if found is not None and cache is not None and key is not None:
            cache.put(key, found)
        out.append((index, found, error))
    if cache is not None:
        from claimlint import regexcache
        regexcache.save()  # a worker's newly compiled expressions (spaCy's tokenizer) for later runs
    return out


def execute(p: Plan, engine, cache, jobs: int) -> None:
    """Fill in the outcomes of every job in `p.todo`."""
    todo = p.todo
    big_enough = len(todo) >= PARALLEL_MIN_FILES and sum(len(job[2]) for job in todo) >= PARALLEL_MIN_CHARS
    workers = min(jobs, len(todo) // 2) if big_enough else 1
    if workers <= 1:
        results = check_batch(todo, engine, cache)
    else:
        results = _parallel(todo, engine, cache, workers)
    for index, found, error in results:
        p.outcomes[index].findings, p.outcomes[index].error = found, error


def _parallel(todo, engine, cache, workers: int):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Fork where it is safe and available: workers inherit the parsed rules and compiled
    # expressions instead of rebuilding them. spaCy is not loaded in the parent.
    methods = multiprocessing.get_all_start_methods()
    method = "fork" if "fork" in methods and sys.platform.startswith("linux") else None
    ctx = multiprocessing.get_context(method)
    size = max(1, min(BATCH_MAX, len(todo) // (workers * 4) or 1))
    batches = [todo[i:i + size] for i in range(0, len(todo), size)]
    results = []
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                             initargs=(engine, cache)) as pool:
        futures = [pool.submit(check_batch, batch) for batch in batches]
        for batch, future in zip(batches, futures):
            try:
                results.extend(future.result())
            except Exception:  # a worker that died (killed, out of memory): check its files here
                results.extend(check_batch(batch, engine, cache))
    return results
