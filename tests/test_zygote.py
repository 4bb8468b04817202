"""The zygote (claimlint.zygote) changes where files are checked, never what is reported.

A file is checked in the zygote (alone or in its workers) exactly as in this process; if the
zygote dies, whatever it did not send back is checked here. The engine it receives is pickled:
the shared prefilter scanner must stay the one scanner of the process it lands in, and compiled
expressions handed over must be used without compiling them again.
"""
from __future__ import annotations

import datetime as dt
import os
import pickle
import shutil
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from claimlint import prefilter, runner
from claimlint.engine import Engine
from claimlint.loaders import format_for
from claimlint.rulepacks import load_rules, pack_paths
from claimlint.zygote import Zygote
from conftest import ROOT, TODAY

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the zygote is used on Linux only")

CORPUS = ROOT / "tests" / "corpus"


@pytest.fixture(scope="module")
def engine() -> Engine:
    rules = load_rules(paths=pack_paths(()))
    built = Engine(rules, dt.date.fromisoformat(TODAY))
    for rule in rules:
        built.compiled(rule)
    return built


@pytest.fixture(scope="module")
def files() -> list[str]:
    return [str(p) for p in sorted(CORPUS.iterdir()) if p.suffix in (".md", ".txt", ".html")]


def outcomes(engine, files, jobs=1, zygote=None):
    todo = [runner.Job(i, path, path, format_for(path)) for i, path in enumerate(files)]
    p = runner.plan(todo, None)
    runner.execute(p, [engine], None, jobs, zygote)
    return [(o.shown, o.findings, o.facts, o.error) for o in p.outcomes]


@pytest.fixture(scope="module")
def reference(engine, files):
    """Every file checked in this process."""
    found = outcomes(engine, files)
    assert sum(len(f or ()) for _, f, _, _ in found) > 50 and all(e is None for _, _, _, e in found)
    return found


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_zygote_reports_what_this_process_reports(engine, files, reference, jobs):
    zygote = Zygote.start()
    assert zygote is not None
    try:
        assert outcomes(engine, files, jobs, zygote) == reference
    finally:
        zygote.stop()


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_zygote_that_died_at_once_loses_no_file(engine, files, reference, jobs):
    zygote = Zygote.start()
    os.kill(zygote.pid, signal.SIGKILL)
    try:
        assert outcomes(engine, files, jobs, zygote) == reference
    finally:
        zygote.stop()


def test_a_zygote_that_died_half_way_loses_no_file(engine, files, reference, monkeypatch):
    """The zygote (a fork of this process, so it has the patch) dies after three files."""
    real, calls = runner.check_batch_pickled, []

    def dying(batch, *args):
        calls.append(batch)
        if len(calls) > 3:
            os._exit(1)
        return real(batch, *args)

    monkeypatch.setattr(runner, "check_batch_pickled", dying)
    zygote = Zygote.start()
    try:
        assert outcomes(engine, files, 1, zygote) == reference
    finally:
        zygote.stop()
    assert calls == []  # the parent checked the rest itself, with check_batch


def test_work_that_cannot_be_pickled_is_checked_here(files, reference):
    rules = load_rules(paths=pack_paths(()))
    unpicklable = Engine(rules, dt.date.fromisoformat(TODAY), loader_options={"hook": lambda: None})
    zygote = Zygote.start()
    try:
        assert outcomes(unpicklable, files, 2, zygote) == reference
    finally:
        zygote.stop()


def test_the_shared_scanner_stays_the_shared_scanner_when_pickled():
    assert pickle.loads(pickle.dumps(prefilter.SHARED)) is prefilter.SHARED
    other = prefilter.Scanner()
    other.add(frozenset({"cure", "cures"}))
    copy = pickle.loads(pickle.dumps(other))
    assert copy is not other and copy is not prefilter.SHARED and copy._strings == {"cure", "cures"}


def test_an_engine_unpickled_in_another_process_scans_with_one_scanner(engine, tmp_path):
    """Before: the unpickled engine's pattern sets kept a copy of the shared scanner while those
    made later used the process's own, so each block was scanned twice."""
    pickled = tmp_path / "engine.pickle"
    pickled.write_bytes(pickle.dumps(engine, pickle.HIGHEST_PROTOCOL))
    script = textwrap.dedent(f"""
        import pickle, sys
        from claimlint import prefilter
        from claimlint.loaders import load, read
        strings = len(prefilter.SHARED._strings)
        engine = pickle.loads(open({str(pickled)!r}, "rb").read())
        scanners = set()
        real = prefilter.Scanner._scan
        def counting(self, text):
            scanners.add(id(self))
            return real(self, text)
        prefilter.Scanner._scan = counting
        path = {str(CORPUS / "finasteride-hair-loss.md")!r}
        found = engine.check(load(path, read(path), "md"))
        print(strings, len(prefilter.SHARED._strings), len(scanners), scanners == {{id(prefilter.SHARED)}}, len(found))
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    before, after, count, shared, found = proc.stdout.split()
    assert before == "0" and int(after) == len(prefilter.SHARED._strings) > 100
    assert count == "1" and shared == "True" and int(found) > 0


def test_compiled_expressions_handed_over_are_not_compiled_again(tmp_path):
    """What one process compiled (regexcache.export) another serves without re's parser."""
    exported = tmp_path / "exported"
    first = textwrap.dedent(f"""
        import marshal, re
        from claimlint import regexcache
        regexcache.install(None)
        re.compile(r"(?i)\\b(cures?|heals?) (baldness|hair loss)\\b")
        open({str(exported)!r}, "wb").write(marshal.dumps(regexcache.export()))
    """)
    second = textwrap.dedent(f"""
        import marshal, re
        from claimlint import regexcache
        regexcache.adopt(marshal.loads(open({str(exported)!r}, "rb").read()))
        regexcache._parser.parse = None  # any compile that is not served from the table fails
        print(bool(re.compile(r"(?i)\\b(cures?|heals?) (baldness|hair loss)\\b").search("It Cures Baldness")))
    """)
    for script in (first, second):
        proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "True"


def test_expressions_compiled_once_before_the_workers_are_served_to_them_from_the_table():
    """`zygote.compile_once` (what the parent had no time to compile, done in the child before it
    forks its workers) leaves each program in the table: a worker's compile is then served from it,
    and gives the expression `re` itself makes."""
    script = textwrap.dedent("""
        import os, re
        from claimlint import regexcache
        from claimlint.zygote import compile_once
        regexcache.adopt({})
        pending = [(r"(?i)\\b(cures?|heals?) (baldness|hair loss)\\b", 0), (r"\\d+\\s*%", re.IGNORECASE), ("(", 0)]
        compile_once(pending)
        pid = os.fork()
        if pid == 0:
            re.purge()  # only the table may serve them now
            regexcache._parser.parse = None  # any compile that is not served from the table fails
            ok = [bool(re.compile(p, f).search("It Cures Baldness in 40 % of men")) for p, f in pending[:2]]
            os._exit(0 if ok == [True, True] else 1)
        print(os.waitpid(pid, 0)[1])
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "0"


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (from /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = open(f"/proc/{entry}/stat").read()
            except OSError:
                continue
            fields = stat[stat.rindex(")") + 2:].split()
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        state = open(f"/proc/{pid}/stat").read()
    except OSError:
        return False
    return state[state.rindex(")") + 2] != "Z"


def _wait_for(condition, seconds: float = 20.0):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    return condition()


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_killing_claimlint_ends_the_zygote_and_its_workers(files, tmp_path, how):
    """Killed mid-run (a hook's time limit, an editor), claimlint leaves nothing checking."""
    library = tmp_path / "library"
    library.mkdir()
    for n in range(60):
        for path in files:
            shutil.copy(path, library / f"{n:02d}-{os.path.basename(path)}")
    proc = subprocess.Popen([sys.executable, "-m", "claimlint", "--no-cache", "--jobs", "2", "--today", TODAY,
                             str(library)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    zygote = workers = []
    try:
        zygote = _wait_for(lambda: _children(proc.pid))
        assert zygote, "no zygote was forked"
        workers = _wait_for(lambda: len(_children(zygote[0])) >= 2 and _children(zygote[0]))
        assert workers, "the zygote forked no workers"
        assert proc.poll() is None, "the run ended before it could be killed: make the library larger"
        proc.send_signal(how)
        proc.wait(timeout=20)
        assert _wait_for(lambda: not any(map(_alive, zygote + workers)), 3), "processes left checking"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for pid in (zygote or []) + (workers or []):  # whatever a failure left running
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_that_kills_its_checker_is_reported_and_kills_nothing_else(engine, files, reference, jobs,
                                                                          monkeypatch):
    """Checking one file ends its process at once (as the kernel's OOM killer would): the file is
    reported as not checked, every other file is checked, and this process lives on. (The zygote,
    its workers and the helpers are forks of this process, so they all have the patch.)"""
    poison = files[len(files) // 2]
    real = runner.check_one

    def deadly(engine_, shown, source, fmt, budget=None):
        if shown == poison:
            os._exit(137)
        return real(engine_, shown, source, fmt, budget)

    monkeypatch.setattr(runner, "check_one", deadly)
    zygote = Zygote.start()
    try:
        got = outcomes(engine, files, jobs, zygote)
    finally:
        zygote.stop()
    assert len(got) == len(reference)
    for (shown, findings, facts, error), expected in zip(got, reference):
        if shown == poison:
            assert findings is None and "the process checking it died" in error
        else:
            assert (shown, findings, facts, error) == expected
