"""--jobs and the results cache change how a run is done, never what it reports.

Over the labelled corpus: the JSON report is byte-for-byte the same with one worker and with
two, with --no-cache, with a cache being filled and with a cache being read; a corrupt or
truncated cache entry (or kept rule pack or compiled expression) is ignored (and replaced), never a crash; the cache folder carries its
own .gitignore. No timing is asserted.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from claimlint.cache import LAYOUT
from claimlint.integrity import seal, unseal

from conftest import ROOT, TODAY, run_cli

CORPUS = ROOT / "tests" / "corpus"


def lint(*args, cwd=None) -> tuple[int, str]:
    proc = run_cli("--format", "json", "--today", TODAY, *args, cwd=cwd)
    assert proc.returncode in (0, 1), proc.stderr.decode()
    return proc.returncode, proc.stdout.decode("utf-8")


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    """A copy of the corpus articles (enough files that --jobs 2 really starts workers)."""
    folder = tmp_path_factory.mktemp("articles")
    for path in sorted(CORPUS.iterdir()):
        if path.suffix in (".md", ".txt", ".html"):
            shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="module")
def reference(articles) -> tuple[int, str]:
    return lint("--no-cache", "--jobs", "1", articles)


def entries(cache: Path) -> list[Path]:
    """The result entries (the parsed rule packs beside them are JSON too)."""
    return sorted(cache.glob(f"v{LAYOUT}/*/*.json"))


def test_reference_run_reports_findings(reference):
    status, out = reference
    report = json.loads(out)
    assert report["summary"]["files"] >= 20 and report["findings"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_jobs_without_cache_match(articles, reference, jobs):
    assert lint("--no-cache", "--jobs", jobs, articles) == reference


@pytest.mark.parametrize("first,second", [("1", "2"), ("2", "1")])
def test_cache_filled_then_read_matches(articles, reference, tmp_path, first, second):
    cache = tmp_path / "cache"
    assert lint("--cache-dir", cache, "--jobs", first, articles) == reference  # filling
    filled = entries(cache)
    assert len(filled) == json.loads(reference[1])["summary"]["files"]
    assert lint("--cache-dir", cache, "--jobs", second, articles) == reference  # reading
    assert entries(cache) == filled
    assert (cache / ".gitignore").read_text().splitlines()[-1] == "*"


def test_cache_keyed_by_options(tmp_path):
    """A different --today, --select or --ignore is a different configuration, not a stale hit."""
    folder = tmp_path / "few"
    folder.mkdir()
    for name in ("menopause-01-hrt.md", "hair-loss-03-finasteride.html", "hair-loss-02-hair-vitamins.txt"):
        shutil.copy(CORPUS / name, folder / name)
    cache = tmp_path / "cache"
    lint("--cache-dir", cache, folder)
    for args in (("--today", "2031-01-01"), ("--select", "CL2"), ("--ignore", "uncited-statistic")):
        fresh = run_cli("--format", "json", "--today", TODAY, *args, "--no-cache", folder)
        cached = run_cli("--format", "json", "--today", TODAY, *args, "--cache-dir", cache, folder)
        assert cached.stdout == fresh.stdout, args


DAMAGE = [b"", b"{not json", b'{"key": "x", "findings": []}', b'{"findings": [[1, 2]]}', b"\xff\xfe\x00",
          b"[]", b'{"key": null, "findings": 7}']


def test_corrupt_entries_are_ignored(articles, reference, tmp_path):
    cache = tmp_path / "cache"
    lint("--cache-dir", cache, "--jobs", "1", articles)
    for i, entry in enumerate(entries(cache)):
        entry.write_bytes(DAMAGE[i % len(DAMAGE)])
    # The kept rule packs and compiled expressions beside the entries are damaged too.
    kept = sorted(cache.glob("rules-*.json")) + sorted(cache.glob("regex-*.bin"))
    assert kept
    for i, path in enumerate(kept):
        path.write_bytes(DAMAGE[(i + 1) % len(DAMAGE)] + b"\x80\x05garbage")
    proc = run_cli("--format", "json", "--today", TODAY, "--cache-dir", cache, "--jobs", "2", articles)
    assert (proc.returncode, proc.stdout.decode("utf-8")) == reference
    assert b"Traceback" not in proc.stderr
    # The damaged entries were replaced by good ones, which a further run reads.
    assert all(json.loads(unseal(e.read_bytes()))["findings"] is not None for e in entries(cache))
    assert lint("--cache-dir", cache, articles) == reference


def test_entries_with_rows_of_the_wrong_shape_are_ignored(articles, reference, tmp_path):
    """An entry whose key is right but whose rows are not (a string or a bool where a number
    belongs, a field missing, a row that is not a list) is a miss, never a wrong report."""
    cache = tmp_path / "cache"
    lint("--cache-dir", cache, "--jobs", "1", articles)
    damages = [lambda row: ["1"] + row[1:], lambda row: [True] + row[1:], lambda row: row[:-1],
               lambda row: row[:4] + [None] + row[5:], lambda row: dict(enumerate(row))]
    damaged = 0
    for entry in entries(cache):
        data = json.loads(unseal(entry.read_bytes()))
        if data["findings"]:
            data["findings"][-1] = damages[damaged % len(damages)](data["findings"][-1])
            entry.write_bytes(seal(json.dumps(data).encode()))  # sealed as claimlint would: only the shape is wrong
            damaged += 1
    assert damaged >= len(damages)
    proc = run_cli("--format", "json", "--today", TODAY, "--cache-dir", cache, "--jobs", "1", articles)
    assert (proc.returncode, proc.stdout.decode("utf-8")) == reference
    assert b"Traceback" not in proc.stderr


def test_default_cache_is_in_the_current_folder(articles, reference, tmp_path, monkeypatch):
    monkeypatch.delenv("CLAIMLINT_CACHE_DIR", raising=False)
    assert lint(articles, cwd=tmp_path) == reference
    made = entries(tmp_path / ".claimlint_cache")
    assert made
    other = tmp_path / "other"
    other.mkdir()
    assert lint("--no-cache", articles, cwd=other) == reference
    assert not (other / ".claimlint_cache").exists()


def test_stdin_uses_the_cache_by_content(tmp_path):
    text = (CORPUS / "menopause-01-hrt.md").read_bytes()
    cache = tmp_path / "cache"
    runs = [run_cli("--format", "json", "--today", TODAY, "--cache-dir", cache, "--stdin-filename", name, "-",
                    input=text) for name in ("a.md", "a.md", "b.md")]
    outs = [json.loads(r.stdout) for r in runs]
    assert outs[0] == outs[1]
    assert [f["path"] for f in outs[2]["findings"]] == ["b.md"] * len(outs[2]["findings"])
    assert len(entries(cache)) == 1


def test_second_run_reads_the_cache(tmp_path):
    """A hit is served from the entry (a doctored entry shows through), so the cache is really used."""
    article = tmp_path / "a.md"
    shutil.copy(CORPUS / "menopause-01-hrt.md", article)
    cache = tmp_path / "cache"
    first = json.loads(lint("--cache-dir", cache, article)[1])
    (entry,) = entries(cache)
    data = json.loads(unseal(entry.read_bytes()))
    data["findings"][0][7] = "served from the cache"
    entry.write_bytes(seal(json.dumps(data).encode()))
    second = json.loads(lint("--cache-dir", cache, article)[1])
    assert second["findings"][0]["message"] == "served from the cache"
    assert second["findings"][1:] == first["findings"][1:]
    assert json.loads(lint("--no-cache", article)[1]) == first


def test_pattern_analyses_are_kept_and_read_back(articles, reference, tmp_path):
    """A run with a cache folder keeps what it worked out about the packs' patterns (that each
    parses, what the prefilter read off it); a later run reads it back instead of doing it again,
    and reports the same. A doctored analysis shows through, so the kept one is really used."""
    import marshal

    cache = tmp_path / "cache"
    assert lint("--cache-dir", cache, "--jobs", "1", articles) == reference
    (table_path,) = cache.glob("regex-*.bin")
    table = marshal.loads(unseal(table_path.read_bytes()))
    kinds = {key[0] for key in table if isinstance(key[0], str)}
    assert {"parses", "prefilter"} <= kinds
    shutil.rmtree(cache / f"v{LAYOUT}")
    assert lint("--cache-dir", cache, "--jobs", "2", articles) == reference
    # Say of every pattern that its matches must contain a string no article holds.
    never = ((frozenset({"\x00never\x00"}),), None, False, False, ())
    table = {key: (never if key[0] == "prefilter" else value) for key, value in table.items()}
    table_path.write_bytes(seal(marshal.dumps(table)))
    shutil.rmtree(cache / f"v{LAYOUT}")
    code, out = lint("--cache-dir", cache, "--jobs", "1", articles)
    claims = [f for f in json.loads(out)["findings"] if f["code"] in ("CL201", "CL202", "CL203")]
    assert claims == []
