#!/usr/bin/env python3
"""Whole-process benchmarks of claimlint, side by side with proselint, on a generated corpus.

    python bench/run.py                          # the full set: 1, 100, 1,000 and 5,000 articles, 5 runs each
    python bench/run.py --sizes 1,100 --runs 3   # shorter, while developing

Every figure is a whole process started from the shell (interpreter start-up, imports, reading,
checking, printing), the median of `--runs` timed runs after `--warmup` untimed ones. claimlint
runs with `--no-cache` (except in the cache rows) and its default `--jobs` (the number of cores);
proselint (`pip install proselint`) runs `proselint check` on the same folder. For each run
the harness records:

- wall time (time.perf_counter around the child process);
- peak RSS of the largest single process (the kernel's ru_maxrss for the child and the workers
  it reaped, from os.wait4): the figure for one worker;
- peak total RSS of the process tree (sampled every 20 ms from /proc while it runs): the figure
  for the parent and all its workers together.

Words are whitespace-separated words of each file with HTML tags removed. The corpus is made by
bench/generate.py (seeded: the same articles on every machine) in `--work` (default
/tmp/claimlint-bench) and reused when present. The report ends with a Markdown table for the README.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import generate  # noqa: E402

TODAY = "2026-11-24"
BIN = Path(sys.executable).parent


def tool(name: str) -> str | None:
    """A console script next to this interpreter (the bench environment), else on PATH."""
    local = BIN / name
    return str(local) if local.exists() else shutil.which(name)


# ---------------------------------------------------------------------------------------- corpus

def corpus(work: Path, count: int, seed: int, **kw) -> Path:
    """The first `count` articles of the seeded corpus (made once, reused while the stamp matches)."""
    name = kw.pop("name", None) or f"articles-{count}"
    folder = work / name
    stamp = folder / ".stamp"
    want = f"seed={seed} count={count} {sorted(kw.items())} generator={os.stat(generate.__file__).st_mtime_ns}"
    if stamp.exists() and stamp.read_text() == want:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    generate.generate(folder, count, seed=seed, **kw)
    stamp.write_text(want)
    return folder


TAG = re.compile(r"<[^>]+>")


def count_words(folder: Path) -> tuple[int, int, int]:
    """(articles, words, bytes) of the article files in `folder`."""
    files = [p for p in folder.iterdir() if p.suffix in (".md", ".txt", ".html")]
    words = size = 0
    for p in files:
        text = p.read_text(encoding="utf-8")
        size += len(text.encode("utf-8"))
        words += len((TAG.sub(" ", text) if p.suffix == ".html" else text).split())
    return len(files), words, size


# ----------------------------------------------------------------------------------------- timing

def _children(pid: int) -> list[int]:
    out = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as fh:
                out.extend(int(c) for c in fh.read().split())
    except OSError:
        pass
    return out


def _tree_rss(pid: int) -> int:
    """Resident memory (bytes) of `pid` and all its descendants."""
    total, todo, page = 0, [pid], os.sysconf("SC_PAGE_SIZE")
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/statm") as fh:
                total += int(fh.read().split()[1]) * page
        except OSError:
            continue
        todo.extend(_children(p))
    return total


def run_once(cmd: list[str], cwd=None, env=None) -> dict:
    """One whole-process run: wall seconds, largest-process peak RSS and sampled tree peak RSS (MiB)."""
    peak = [0]
    done = threading.Event()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}:\n{stderr.decode(errors='replace')[-2000:]}")
    return {"wall": wall, "rss_max": usage.ru_maxrss / 1024, "rss_tree": peak[0] / 2**20,
            "cpu": usage.ru_utime + usage.ru_stime}


def measure(cmd: list[str], runs: int, warmup: int, before=None, cwd=None, env=None) -> dict:
    """Medians over `runs` runs after `warmup` untimed ones; `before()` runs (untimed) before each."""
    for _ in range(warmup):
        if before:
            before()
        run_once(cmd, cwd, env)
    samples = []
    for _ in range(runs):
        if before:
            before()
        samples.append(run_once(cmd, cwd, env))
    med = {k: statistics.median(s[k] for s in samples) for k in samples[0]}
    med["min"] = min(s["wall"] for s in samples)
    med["max"] = max(s["wall"] for s in samples)
    med["runs"] = runs
    return med


# ------------------------------------------------------------------------------------------ report

def fmt_s(x: float) -> str:
    return f"{x:.2f} s" if x >= 0.1 else f"{x * 1000:.0f} ms"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1,100,1000,5000", help="corpus sizes (articles), comma-separated")
    ap.add_argument("--runs", type=int, default=5, help="timed runs per figure (median quoted)")
    ap.add_argument("--warmup", type=int, default=1, help="untimed runs before the timed ones")
    ap.add_argument("--big-runs", type=int, default=None,
                    help="timed runs for corpora of 1,000+ articles, the cache rows and the large article "
                         "(default: --runs)")
    ap.add_argument("--big-warmup", type=int, default=None, help="warm-up runs for those (default: --warmup)")
    ap.add_argument("--big-mb", type=float, default=20.0, help="size of the single large article (0: skip)")
    ap.add_argument("--cached-size", type=int, default=1000, help="corpus for the cached-run figures (0: skip)")
    ap.add_argument("--jobs", default=None, help="pass --jobs N to claimlint (default: its own default)")
    ap.add_argument("--no-proselint", action="store_true", help="skip the proselint comparison")
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--work", type=Path, default=Path("/tmp/claimlint-bench"))
    a = ap.parse_args()

    claimlint = tool("claimlint")
    if not claimlint:
        raise SystemExit("claimlint is not installed in this environment: pip install -e '.[test]'")
    proselint = None if a.no_proselint else tool("proselint")
    if not a.no_proselint and not proselint:
        print("proselint is not installed; its columns are left empty. Install it into this environment with:\n"
              f"    {sys.executable} -m pip install proselint\n", file=sys.stderr)
    base = [claimlint, "--today", TODAY, "--quiet", "--no-cache"] + (["--jobs", a.jobs] if a.jobs else [])
    sizes = [int(s) for s in a.sizes.split(",") if s.strip()]
    big_runs = a.runs if a.big_runs is None else a.big_runs
    big_warmup = a.warmup if a.big_warmup is None else a.big_warmup

    def reps(n: int) -> tuple[int, int]:
        return (big_runs, big_warmup) if n >= 1000 else (a.runs, a.warmup)
    a.work.mkdir(parents=True, exist_ok=True)
    rows, notes = [], []

    def log(msg):
        print(msg, file=sys.stderr, flush=True)

    load = os.getloadavg()
    log(f"claimlint {subprocess.run([claimlint, '--version'], capture_output=True, text=True).stdout.strip()}; "
        f"{os.cpu_count()} cores; load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
        f"{a.runs} runs after {a.warmup} warm-up")

    # Start-up
    for label, args in (("`--version`", ["--version"]), ("`--help`", ["--help"])):
        m = measure([claimlint] + args, a.runs, a.warmup)
        rows.append((label, "", "", fmt_s(m["wall"]), "", "", f"{m['rss_max']:.0f} MiB", "", "", ""))
        log(f"{label}: {fmt_s(m['wall'])}")

    one = corpus(a.work, 1, a.seed, name="single-1500", min_words=1500, max_words=1500, formats=("md",))
    (_, words, _) = count_words(one)
    article = next(p for p in one.iterdir() if p.suffix == ".md")
    m = measure(base + [str(article)], a.runs, a.warmup)
    rows.append((f"one {words:,}-word article", "1", f"{words:,}", fmt_s(m["wall"]), f"{words / m['wall']:,.0f}",
                 f"{1 / m['wall']:.2f}", f"{m['rss_max']:.0f} MiB", f"{m['rss_tree']:.0f} MiB", "", ""))
    log(f"single article: {fmt_s(m['wall'])} ({m['min']:.2f}–{m['max']:.2f})")
    # The same article with the cache on but no entry for it (a new or edited article in a folder
    # claimlint has run in before): the kept rule packs and compiled expressions are used.
    cache1 = a.work / "cache-single"
    cmd1 = [c for c in base if c != "--no-cache"] + ["--cache-dir", str(cache1), str(article)]
    run_once(cmd1)
    m = measure(cmd1, a.runs, a.warmup, before=lambda: shutil.rmtree(cache1 / "v1", ignore_errors=True))
    rows.append((f"one {words:,}-word article, cache on, not yet cached", "1", f"{words:,}", fmt_s(m["wall"]),
                 f"{words / m['wall']:,.0f}", f"{1 / m['wall']:.2f}", f"{m['rss_max']:.0f} MiB",
                 f"{m['rss_tree']:.0f} MiB", "", ""))
    log(f"single article, cache on, new article: {fmt_s(m['wall'])} ({m['min']:.2f}–{m['max']:.2f})")

    walls = {}
    for n in sizes:
        folder = corpus(a.work, n, a.seed)
        files, words, size = count_words(folder)
        runs, warmup = reps(n)
        m = measure(base + [str(folder)], runs, warmup)
        walls[n] = m["wall"]
        wps = words / m["wall"]
        ratio = pro = ""
        if proselint:
            p = measure([proselint, "check", str(folder)], runs, warmup)
            pro = f"{words / p['wall']:,.0f} w/s ({fmt_s(p['wall'])}, {p['rss_max']:.0f} MiB)"
            ratio = f"{wps / (words / p['wall']):.2f}"
        rows.append((f"{n:,} articles" + (f" ({runs} runs)" if runs != a.runs else ""), f"{files:,}", f"{words:,}", fmt_s(m["wall"]), f"{wps:,.0f}",
                     f"{files / m['wall']:,.1f}", f"{m['rss_max']:.0f} MiB", f"{m['rss_tree']:.0f} MiB", pro, ratio))
        log(f"{n} articles: {fmt_s(m['wall'])} ({m['min']:.2f}–{m['max']:.2f}), {wps:,.0f} words/s"
            + (f"; proselint {pro}" if pro else ""))

    if a.cached_size:
        folder = corpus(a.work, a.cached_size, a.seed)
        files, words, _ = count_words(folder)
        cache = a.work / "cache"
        cmd = [c for c in base if c != "--no-cache"] + ["--cache-dir", str(cache), str(folder)]
        runs, warmup = reps(a.cached_size)
        first = measure(cmd, runs, warmup, before=lambda: shutil.rmtree(cache, ignore_errors=True))
        run_once(cmd)  # make sure the cache is filled
        second = measure(cmd, max(runs, 3), warmup)
        for label, m in (("first run, empty cache", first), ("second run, unchanged files", second)):
            rows.append((f"{a.cached_size:,} articles, {label} ({m['runs']} runs)", f"{files:,}", f"{words:,}", fmt_s(m["wall"]),
                         f"{words / m['wall']:,.0f}", f"{files / m['wall']:,.1f}", f"{m['rss_max']:.0f} MiB",
                         f"{m['rss_tree']:.0f} MiB", "", ""))
        notes.append(f"cached / first run ({a.cached_size:,} articles): {second['wall'] / first['wall']:.3f} "
                     f"({first['wall'] / second['wall']:.0f}x faster)")
        log(notes[-1])

    if 1000 in walls and 5000 in walls:
        notes.append(f"scaling 5,000 / 1,000 articles: wall-time ratio {walls[5000] / walls[1000]:.2f} (5.00 is linear)")

    if a.big_mb:
        big = corpus(a.work, 1, a.seed, name=f"big-{a.big_mb:g}mb", size=int(a.big_mb * 1_000_000), formats=("md",))
        files, words, size = count_words(big)
        runs = max(1, min(big_runs, 3))
        m = measure(base + [str(big)], runs, min(big_warmup, 1))
        rows.append((f"one {size / 1e6:.3g} MB article ({runs} runs)", "1", f"{words:,}", fmt_s(m["wall"]),
                     f"{words / m['wall']:,.0f}", "", f"{m['rss_max']:.0f} MiB", f"{m['rss_tree']:.0f} MiB", "", ""))
        log(f"big article: {fmt_s(m['wall'])}")

    load = os.getloadavg()
    head = ("| run | files | words | wall (median) | words/s | articles/s | peak RSS, largest process "
            "| peak RSS, all processes | proselint | claimlint/proselint words/s |")
    print(head)
    print("|" + "|".join("---" for _ in range(10)) + "|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    print()
    for n in notes:
        print(f"- {n}")
    print(f"- load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; {os.cpu_count()} cores; "
          f"median of {a.runs} runs after {a.warmup} warm-up ({big_runs} after {big_warmup} where marked); "
          f"claimlint {' '.join(base[1:])}")


if __name__ == "__main__":
    main()
