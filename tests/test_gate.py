"""The CI gate on a real git repository: --diff (only what changed since a revision, from any folder
of the work tree) and a baseline (only findings it does not record, surviving edits above them).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TODAY

CLAIM = "Zinc lozenges cure a cold overnight."
STAT = "Roughly 7 in 10 users saw fewer colds last winter."
SAFE = "The spray is completely safe for children."


def git(repo: Path, *args) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True, env=env).stdout


def lint(cwd: Path, *args) -> tuple[subprocess.CompletedProcess, dict | None]:
    proc = subprocess.run([sys.executable, "-m", "claimlint", "--no-cache", "--today", TODAY, "--format", "json",
                           "--select", "CL1,CL2", *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=120)
    return proc, (json.loads(proc.stdout) if proc.stdout.startswith("{") else None)


@pytest.fixture
def repo(tmp_path) -> Path:
    git(tmp_path, "init", "-q")
    (tmp_path / "content" / "health").mkdir(parents=True)
    (tmp_path / "content" / "health" / "zinc.md").write_text(f"{CLAIM}\n\nZinc is a mineral.\n", encoding="utf-8")
    (tmp_path / "content" / "health" / "sleep.md").write_text(f"{STAT}\n", encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "start")
    return tmp_path


def found(out: dict) -> list[tuple[str, int, str]]:
    return [(Path(f["path"]).name, f["line"], f["code"]) for f in out["findings"]]


def test_diff_reports_only_changed_lines_and_changed_documents(repo):
    zinc = repo / "content" / "health" / "zinc.md"
    zinc.write_text(f"{CLAIM}\n\nZinc is a mineral.\n\n{SAFE}\n", encoding="utf-8")  # line 5 added
    (repo / "content" / "new.md").write_text(f"{STAT}\n", encoding="utf-8")  # not tracked yet
    proc, out = lint(repo, "--diff", "HEAD", ".")
    assert proc.returncode == 1, proc.stderr
    codes = found(out)
    assert ("zinc.md", 5, "CL203") in codes and ("zinc.md", 1, "CL202") not in codes  # line 1 did not change
    assert ("zinc.md", 1, "CL101") in codes  # a document-level finding of a changed file
    assert ("new.md", 1, "CL201") in codes  # a new file counts as changed throughout
    assert not any(name == "sleep.md" for name, _, _ in codes)  # unchanged: not even checked
    assert out["summary"]["files"] == 2
    # from a subfolder of the work tree, the same answer
    _, sub = lint(repo / "content" / "health", "--diff", "HEAD", "zinc.md")
    assert found(sub) == [c for c in codes if c[0] == "zinc.md"]
    # committed changes count against an older revision, not against HEAD
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "more")
    _, clean = lint(repo, "--diff", "HEAD", ".")
    assert clean["findings"] == [] and clean["summary"]["files"] == 0
    _, since = lint(repo, "--diff", "HEAD~1", ".")
    assert found(since) == codes


def test_diff_outside_a_work_tree_or_with_an_unknown_revision_is_an_error(repo, tmp_path_factory):
    proc, _ = lint(repo, "--diff", "no-such-rev", ".")
    assert proc.returncode == 2 and "--diff no-such-rev" in proc.stderr
    outside = tmp_path_factory.mktemp("outside")
    (outside / "a.md").write_text(CLAIM + "\n", encoding="utf-8")
    proc, _ = lint(outside, "--diff", "HEAD", "a.md")
    assert proc.returncode == 2 and "not a git repository" in proc.stderr.lower()


def test_a_baseline_keeps_old_findings_out_and_survives_edits_above_them(repo):
    proc = subprocess.run([sys.executable, "-m", "claimlint", "--no-cache", "--today", TODAY, "--select", "CL1,CL2",
                           "--write-baseline", "baseline.json", "content"], capture_output=True, text=True, cwd=repo)
    assert proc.returncode == 0 and proc.stdout.startswith("Wrote 8 findings to baseline.json"), proc.stdout
    recorded = json.loads((repo / "baseline.json").read_text())
    assert recorded["version"] == 1 and len(recorded["findings"]) == 8
    assert {e["path"] for e in recorded["findings"]} == {"content/health/zinc.md", "content/health/sleep.md"}

    proc, out = lint(repo, "--baseline", "baseline.json", "content")
    assert proc.returncode == 0 and out["findings"] == [] and out["summary"]["baseline"] == {"known": 8, "gone": 0}

    # lines added above the old claim, a new claim, and the statistic of sleep.md fixed
    zinc = repo / "content" / "health" / "zinc.md"
    zinc.write_text(f"# Zinc\n\nAn introduction.\n\n{CLAIM}\n\nZinc is a mineral.\n\n{SAFE}\n", encoding="utf-8")
    (repo / "content" / "health" / "sleep.md").write_text("Sleep matters [1].\n", encoding="utf-8")
    proc, out = lint(repo, "--baseline", "baseline.json", "content")
    assert proc.returncode == 1
    assert found(out) == [("zinc.md", 9, "CL203")]  # only the new claim; the moved one is known
    assert out["summary"]["baseline"] == {"known": 7, "gone": 1}
    # from another folder, with the baseline named from there, the same answer
    _, again = lint(repo / "content", "--baseline", "../baseline.json", ".")
    assert found(again) == found(out)
    text = subprocess.run([sys.executable, "-m", "claimlint", "--no-cache", "--today", TODAY, "--select", "CL1,CL2",
                           "--baseline", "baseline.json", "content"], capture_output=True, text=True, cwd=repo).stdout
    assert "7 in the baseline (1 baseline entry no longer occurs)" in text.splitlines()[-1]


def test_a_missing_or_broken_baseline_is_an_error(repo):
    proc, _ = lint(repo, "--baseline", "nope.json", "content")
    assert proc.returncode == 2 and "nope.json: no such baseline file" in proc.stderr
    (repo / "bad.json").write_text("{not json", encoding="utf-8")
    proc, _ = lint(repo, "--baseline", "bad.json", "content")
    assert proc.returncode == 2 and "bad.json:1: not a baseline file" in proc.stderr
