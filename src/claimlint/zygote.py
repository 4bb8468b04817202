"""A process forked at start that loads spaCy while this one loads the rule packs; it then checks.

Loading spaCy takes about 0.45 s of a core and reading and analysing the rule packs about 0.3 s;
done one after the other (and spaCy once more in every worker) they were the fixed cost of every
run. `Zygote.start()` forks a child as soon as the options are parsed: it loads spaCy while the
parent loads the rules. The parent then sends it the engine and the table of compiled
expressions (`regexcache.export`), so nothing is compiled twice, and the child checks the files:
itself, or in workers it forks, which inherit spaCy instead of loading it again. Results come
back as pickled bytes, passed through untouched.

The parent never imports spaCy: it holds every file's findings, and with spaCy's vocabulary as
well it would outgrow its memory bound on a large library. If the child dies or cannot be
forked, or the work cannot be pickled, whatever it did not send back is checked in the parent,
so a run never loses a file; if the parent is killed, the child and its workers die with it
(`claimlint.lifetime.die_with`). Only on Linux, where forking a small process is cheap and safe; elsewhere the
runner forks (or spawns) its workers itself.
"""
from __future__ import annotations

import io
import marshal
import os
import pickle
import struct
import sys

from claimlint.lifetime import die_with

_LENGTH = struct.Struct("<Q")
_READY = b"ready"  # the child's first message: spaCy is loaded


def _send(fh, data: bytes) -> None:
    fh.write(_LENGTH.pack(len(data)))
    fh.write(data)
    fh.flush()


def _receive(fh) -> bytes | None:
    """The next message, or None at the end of the stream (or a cut-off message)."""
    head = fh.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    size = _LENGTH.unpack(head)[0]
    data = fh.read(size)
    return data if len(data) == size else None


class Zygote:
    """The parent's handle on the child: `check` hands it the work once, `stop` ends it."""

    def __init__(self, pid: int, to_child, from_child):
        self.pid = pid
        self._to_child = to_child
        self._from_child = from_child
        self._done = False

    @classmethod
    def start(cls, regex_folder=None) -> Zygote | None:
        """Fork the child (None where that is not available or fails); it reads the table of
        compiled expressions in `regex_folder` (the cache folder) before it loads spaCy."""
        if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
            return None
        try:
            down_r, down_w = os.pipe()
            up_r, up_w = os.pipe()
        except OSError:
            return None
        parent = os.getpid()
        try:
            pid = os.fork()
        except OSError:
            for fd in (down_r, down_w, up_r, up_w):
                os.close(fd)
            return None
        if pid == 0:  # the child: never returns
            os.close(down_w)
            os.close(up_r)
            _child(os.fdopen(down_r, "rb"), os.fdopen(up_w, "wb"), regex_folder, parent)
        os.close(down_r)
        os.close(up_w)
        return cls(pid, os.fdopen(down_w, "wb"), os.fdopen(up_r, "rb"))

    def check(self, batches, engines, cache, workers: int, on_batch=None) -> dict:
        """Have the child check `batches` (lists of jobs); {batch number: that batch's results}
        for every batch it sent back (all of them, unless it died). `on_batch(results)` is called
        as each batch's results arrive."""
        from claimlint import regexcache

        results: dict = {}
        try:
            task = io.BytesIO()
            pickler = _Pickler(task)
            pickler.dump((engines, cache, batches, workers))
            self._compile_until_ready(pickler.lazy)
            pending = [(p.pattern, int(p.flags)) for p in pickler.lazy if not p.is_compiled()]
            _send(self._to_child, marshal.dumps((regexcache.export(), pending)))
            _send(self._to_child, task.getbuffer())
            self._to_child.close()
            while len(results) < len(batches):
                message = _receive(self._from_child)
                if message is None:
                    break
                number, payload = pickle.loads(message)
                results[number] = pickle.loads(payload)
                if on_batch is not None:
                    on_batch(results[number])
            else:
                self._done = True
        except Exception:  # the child is gone, or the work cannot be pickled: the caller checks the rest
            pass
        return results

    def _compile_until_ready(self, patterns) -> None:
        """Compile the engine's expressions here until the child has loaded spaCy (this process
        has nothing else to do meanwhile); they reach the child with the compiled table, so its
        workers do not each compile them again."""
        import select

        fd = self._from_child.fileno()
        for pattern in patterns:
            if select.select([fd], [], [], 0)[0]:
                break
            pattern.compiled()
        if _receive(self._from_child) != _READY:
            raise EOFError("the zygote ended before it was ready")

    def stop(self) -> None:
        """End the child: wait for it when it has sent everything (it is only shutting its
        workers down), else kill it (every file was a cache hit, or the run failed). A killed
        child is not waited for: the kernel frees its memory while this process exits, which
        took about 5 ms of a cached run's 0.3 s when waited for."""
        if self.pid is None:
            return
        import signal
        for fh in (self._to_child, self._from_child):
            try:
                fh.close()
            except OSError:
                pass
        try:
            if self._done:
                os.waitpid(self.pid, 0)
            else:
                os.kill(self.pid, signal.SIGKILL)
        except OSError:
            pass
        self.pid = None


class _Pickler(pickle.Pickler):
    """Pickles the task and lists the lazily compiled expressions in it, in the order met."""

    def __init__(self, fh):
        from claimlint.lazyregex import LazyPattern

        super().__init__(fh, pickle.HIGHEST_PROTOCOL)
        self._lazy_type = LazyPattern
        self.lazy: list = []

    def reducer_override(self, obj):
        if type(obj) is self._lazy_type:
            self.lazy.append(obj)
        return NotImplemented


def _child(inbox, outbox, regex_folder, parent: int) -> None:
    """The child's whole life: load spaCy, wait for the work, check it, send the results."""
    status = 0
    try:
        die_with(parent)
        devnull = os.open(os.devnull, os.O_RDWR)  # the report is the parent's alone to write
        os.dup2(devnull, 0)
        os.dup2(devnull, 1)
        from claimlint import regexcache
        if regex_folder is not None:
            regexcache.install(regex_folder)
        try:
            from claimlint import nlp
            nlp.pipeline()
        except Exception:  # checking then reports the same error for each file, as the parent would
            pass
        _send(outbox, _READY)
        table = _receive(inbox)
        task = _receive(inbox) if table is not None else None
        if task is not None:
            compiled, pending = marshal.loads(table)
            regexcache.adopt(compiled)
            _serve(pickle.loads(task), outbox, pending)
    except BaseException:  # the parent checks whatever was not sent back
        status = 1
    finally:
        try:
            outbox.close()
        except BaseException:
            pass
        os._exit(status)


def _serve(task, outbox, pending=()) -> None:
    from claimlint import runner

    engines, cache, batches, workers = task
    runner.startup_done()
    if workers > 1:
        compile_once(pending)
    if workers <= 1:
        numbered = ((n, runner.check_batch_pickled(batch, engines, cache)) for n, batch in enumerate(batches))
    else:
        numbered = runner.pool_results(batches, engines, cache, workers, runner.check_batch_pickled,
                                       die_with_parent=True)
    for number, payload in numbered:
        _send(outbox, pickle.dumps((number, payload), pickle.HIGHEST_PROTOCOL))


def compile_once(pending) -> None:
    """Compile the expressions the parent had no time to (pattern, flags), here, before the workers
    are forked: they then get each program from the table they inherit (`claimlint.regexcache`)
    instead of every worker compiling the same few hundred expressions with `re`'s parser, about
    0.35 s of a core each on a large run. The programs are those `re` makes, so matching is unchanged."""
    import re

    for pattern, flags in pending:
        try:
            re.compile(pattern, flags)
        except (re.error, TypeError, ValueError):  # the worker that needs it reports it, as before
            pass
