"""Check a list of files: cached results first, then the rest serially or in worker processes.

The parent answers what it can from the cache (reading a file only to compute its cache key,
and keeping none of the text) and hands the rest to `check_batch`. On Linux they go to the
zygote (see `claimlint.zygote`), which checks them itself when there is little to do, otherwise
in workers it forks, which inherit its spaCy; elsewhere they are checked in this process or in a
pool of workers forked (or spawned) from here. Either way the workers start before any article
is read, so none inherits the library's text: a job names its file; whoever checks it reads it.
A result is stored under its file's index, so the report is in the same order whatever the
number of workers; a file that fails (unreadable, not UTF-8, or a bug) is reported by name and
never stops the others. The text formatter reads a file again only to show excerpts.

Each job names the engine that checks it (one per distinct resolved `Settings`: see
`claimlint.api`) and the configuration key its result is cached under.
"""
from __future__ import annotations

import gc
import os
import pickle
import signal
import sys
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field

from claimlint.loaders import MAX_BYTES, LoadError, read

# Below this many files (or bytes) to check, one process checks them all: a new worker first
# warms up (compiles the expressions its texts need, builds its scanners and matchers; without
# the zygote it also loads spaCy), which a few files do not repay. A 1,500-word article is about
# 10,000 bytes.
PARALLEL_MIN_FILES = 8
PARALLEL_MIN_BYTES = 50_000
BATCH_MAX = 8
TAIL_SINGLES = 4  # per worker: files at the end of the list handed out one at a time
REGEX_SAVE_MIN = 48  # a worker rewrites the compiled-expression table only after this many new ones


@dataclass
class Outcome:
    shown: str
    path: str | None = None  # the file to read again for excerpts (None: standard input)
    source: str | None = None  # kept only for standard input, which cannot be read twice
    findings: list | None = None
    facts: dict | None = None
    error: str | None = None


@dataclass(frozen=True)
class Job:
    index: int
    shown: str
    path: str | None
    fmt: str
    engine: int = 0  # which of the run's engines checks it
    config: str | None = None  # the configuration key its result is cached under (None: not cached)
    source: str | None = None  # standard input's text; files are read by whoever checks them
    limit: int = MAX_BYTES  # the largest file it may be (configuration: max-file-size)
    budget: float | None = None  # seconds it may take before it is stopped (None: no limit; see check_one)


@dataclass
class Plan:
    outcomes: list[Outcome] = field(default_factory=list)
    todo: list[Job] = field(default_factory=list)


def max_workers() -> int:
    """At most four workers per core: each holds spaCy (about 90 MB), and more than the cores can
    run only costs memory (500 workers took 8 GB)."""
    return 4 * default_jobs()


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def plan(jobs: list[Job], cache, errors: dict | None = None) -> Plan:
    """Take each job's findings from the cache when an entry matches; the rest are still to do.
    `errors` maps a job's index to a message when its file could not even be read (standard input
    that is not UTF-8)."""
    p = Plan()
    for job in jobs:
        error = (errors or {}).get(job.index)
        if error is not None:
            p.outcomes.append(Outcome(job.shown, error=error))
            continue
        found = None
        if cache is not None and job.config is not None:
            source = job.source
            try:
                if source is None:
                    source = read(job.path, job.limit)
            except LoadError as exc:
                p.outcomes.append(Outcome(job.shown, error=str(exc)))
                continue
            found = cache.get(cache.entry_key(job.config, job.fmt, source), job.shown)
        outcome = Outcome(job.shown, job.path, job.source)
        if found is not None:
            outcome.findings, outcome.facts = found
        else:
            p.todo.append(job)
        p.outcomes.append(outcome)
    return p


class OverBudget(Exception):
    """Raised in the checking process when an article has taken longer than its time budget."""


def _over_budget(signum, frame):
    raise OverBudget()


def check_one(engine, shown: str, source: str, fmt: str, budget: float | None = None):
    """(findings, facts, None) or (None, None, message) for one article.

    With a `budget` (seconds), an article that takes longer (a pattern of a team's pack that
    backtracks without end, say) is stopped by a timer signal and reported, and the run goes on.
    Only the command line's processes set one: a timer and a signal handler are the process's
    own business, never the library's."""
    timed = budget is not None and budget > 0 and hasattr(signal, "setitimer") and \
        threading.current_thread() is threading.main_thread()
    if timed:
        previous = signal.signal(signal.SIGALRM, _over_budget)
        signal.setitimer(signal.ITIMER_REAL, budget)
    try:
        findings, facts = engine.examine(engine.load(shown, source, fmt))
        return findings, facts, None
    except LoadError as exc:
        return None, None, str(exc)
    except OverBudget:
        return None, None, (f"{shown}: not checked: stopped after {budget:g} s (the time budget for one file; "
                            "see --file-timeout)")
    except Exception as exc:  # a bug must not stop the other files from being checked
        return None, None, f"{shown}: internal error while checking: {type(exc).__name__}: {exc}"
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


_WORKER: dict = {}


def _init_worker(engines, cache, parent: int | None = None) -> None:
    if parent is not None:  # a worker of the zygote: it ends when the zygote does
        from claimlint.lifetime import die_with
        die_with(parent)
    _WORKER["engines"], _WORKER["cache"] = engines, cache


def check_batch(batch, engines=None, cache=None):
    """Check a list of `Job`s; store each success in the cache under the text that was checked.
    Results are (index, findings, facts, error)."""
    if engines is None:
        engines, cache = _WORKER["engines"], _WORKER.get("cache")
    out = []
    for job in batch:
        source = job.source
        if source is None:
            try:
                source = read(job.path, job.limit)
            except LoadError as exc:
                out.append((job.index, None, None, str(exc)))
                continue
        found, facts, error = check_one(engines[job.engine], job.shown, source, job.fmt, job.budget)
        if found is not None and cache is not None and job.config is not None:
            cache.put(cache.entry_key(job.config, job.fmt, source), found, facts)
        out.append((job.index, found, facts, error))
    if cache is not None:
        from claimlint import regexcache
        regexcache.save(min_new=REGEX_SAVE_MIN)  # newly compiled expressions, for later runs
    return out


def _size(job: Job) -> int:
    if job.source is not None:
        return len(job.source)
    try:
        return os.path.getsize(job.path)
    except OSError:
        return 0


def check_batch_pickled(batch, engines=None, cache=None) -> bytes:
    """`check_batch`'s results, pickled where they are made: a process that only relays them
    (see `claimlint.zygote`) then passes bytes along instead of unpickling and pickling again."""
    return pickle.dumps(check_batch(batch, engines, cache), pickle.HIGHEST_PROTOCOL)


def execute(p: Plan, engines: list, cache, jobs: int, zygote=None, progress=None) -> None:
    """Fill in the outcomes of every job in `p.todo` (each checked by `engines[job.engine]`): in
    the zygote when there is one (see `claimlint.zygote`), else here or in workers forked from here.
    `progress(n)` is called as results come in, with how many files are done."""
    todo = p.todo
    if not todo:
        return
    big_enough = len(todo) >= PARALLEL_MIN_FILES and sum(_size(job) for job in todo) >= PARALLEL_MIN_BYTES
    workers = min(jobs, len(todo) // 2, max_workers()) if big_enough else 1
    done = [0]

    def advance(batch_results):
        if progress is not None:
            done[0] += len(batch_results)
            progress(done[0])
        return batch_results

    if zygote is not None:
        batches = _batches(todo, workers)
        got = zygote.check(batches, engines, cache, workers, on_batch=advance)
        results = [r for n in sorted(got) for r in got[n]]
        missing = [job for n, batch in enumerate(batches) if n not in got for job in batch]
        if missing:  # the zygote died: check what it did not send back, apart from this process
            results.extend(advance(check_apart(missing, engines, cache)))
    elif workers <= 1:
        batches = [todo] if progress is None else _batches(todo, 1)
        results = [r for batch in batches for r in advance(check_batch(batch, engines, cache))]
    else:
        results = [r for _, batch_results in pool_results(_batches(todo, workers), engines, cache, workers,
                                                          check_batch)
                   for r in advance(batch_results)]
    for index, found, facts, error in results:
        outcome = p.outcomes[index]
        outcome.findings, outcome.facts, outcome.error = found, facts, error


def _batches(todo, workers: int) -> list[list[Job]]:
    """Small enough batches that the workers finish together: the last few files go one by one,
    so no worker is left with a whole batch while the others have nothing more to do. One
    process checking alone gets one file at a time (its results then come back as they are made)."""
    if workers <= 1:
        return [[job] for job in todo]
    size = max(1, min(BATCH_MAX, len(todo) // (workers * 8) or 1))
    tail = min(len(todo), workers * TAIL_SINGLES)
    body = len(todo) - tail
    return [todo[i:min(i + size, body)] for i in range(0, body, size)] + [[job] for job in todo[body:]]


def pool_results(batches, engines, cache, workers: int, check, die_with_parent: bool = False):
    """(batch number, `check(batch)`) for each batch, in order, from a pool of `workers` worker
    processes; a batch whose worker died (killed, out of memory) is checked apart (`check_apart`),
    never in this process, which a file that kills its checker would kill too.
    `die_with_parent`: the workers end when this process does (see `lifetime.die_with`)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Fork where it is safe and available: workers inherit the parsed rules, compiled expressions
    # and (in the zygote) spaCy instead of rebuilding them.
    methods = multiprocessing.get_all_start_methods()
    method = "fork" if "fork" in methods and sys.platform.startswith("linux") else None
    ctx = multiprocessing.get_context(method)
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                             initargs=(engines, cache, os.getpid() if die_with_parent else None)) as pool:
        futures = [pool.submit(check, batch) for batch in batches]
        for number, (batch, future) in enumerate(zip(batches, futures)):
            try:
                result = future.result()
            except Exception:  # its worker died (killed, out of memory), and the pool with it
                apart = check_apart(batch, engines, cache)
                result = pickle.dumps(apart, pickle.HIGHEST_PROTOCOL) if check is check_batch_pickled else apart
            yield number, result


def check_apart(jobs, engines, cache) -> list:
    """`check_batch(jobs)`, done in a helper process forked for it: if the helper dies while it
    checks a file (killed, out of memory), that file is reported as not checked and a new helper
    goes on with the files after it; this process, which holds the run's results, is never put at
    risk by a file that kills whoever checks it. Checked here where there is no fork."""
    if not hasattr(os, "fork") or not sys.platform.startswith("linux"):
        return check_batch(jobs, engines, cache)
    results: dict[int, tuple] = {}
    todo = list(jobs)
    while todo:
        got = _helper(todo, engines, cache)
        if got is None:  # no fork to be had: check here after all
            for r in check_batch(todo, engines, cache):
                results[r[0]] = r
            break
        results.update(got)
        rest = [job for job in todo if job.index not in results]
        if rest:  # the helper died on the first of them
            dead = rest[0]
            results[dead.index] = (dead.index, None, None,
                                   f"{dead.shown}: not checked: the process checking it died (killed, or out of memory)")
            rest = rest[1:]
        todo = rest
    return [results[job.index] for job in jobs]


def _helper(jobs, engines, cache) -> dict | None:
    """Results by job index that a forked helper sent back before it ended (None: no fork)."""
    try:
        read_fd, write_fd = os.pipe()
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:  # the helper
        status = 0
        try:
            os.close(read_fd)
            from claimlint.lifetime import die_with
            die_with(os.getppid())
            with os.fdopen(write_fd, "wb") as out:
                for job in jobs:
                    data = pickle.dumps(check_batch([job], engines, cache)[0], pickle.HIGHEST_PROTOCOL)
                    out.write(len(data).to_bytes(8, "little") + data)
                    out.flush()
        except BaseException:
            status = 1
        os._exit(status)
    os.close(write_fd)
    got: dict = {}
    with os.fdopen(read_fd, "rb") as inbox:
        while True:
            head = inbox.read(8)
            if len(head) < 8:
                break
            data = inbox.read(int.from_bytes(head, "little"))
            try:
                result = pickle.loads(data)
            except Exception:  # cut off as the helper died
                break
            got[result[0]] = result
    try:
        os.waitpid(pid, 0)
    except OSError:
        pass
    return got


# Checking makes and drops many small objects (matches, tuples, findings) and no reference
# cycles (the engine clears each document's memo); collecting every 700 new objects, the
# default, cost about 3% of the run.
GC_THRESHOLD = (50_000, 20, 20)


def startup_done() -> None:
    """Move everything loaded so far (modules, rule packs, spaCy) out of the collector's way and
    switch it back on, less often."""
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)
    gc.enable()


class Sources(Mapping):
    """Each checked file's text by its shown name, read again only when asked (for excerpts)."""

    def __init__(self, outcomes):
        self._outcomes = {o.shown: o for o in outcomes if o.error is None}
        self._read: dict[str, str] = {}

    def __getitem__(self, shown: str) -> str:
        if shown not in self._read:
            outcome = self._outcomes[shown]
            if outcome.source is not None:
                self._read[shown] = outcome.source
            else:
                try:
                    self._read[shown] = read(outcome.path)
                except LoadError:
                    self._read[shown] = ""
        return self._read[shown]

    def __iter__(self):
        return iter(self._outcomes)

    def __len__(self) -> int:
        return len(self._outcomes)
