"""The pre-commit hook, run by the real `pre-commit` tool on a temporary git repository.

`pre-commit try-repo` installs this repository (with its uncommitted changes) into a fresh
environment, which needs claimlint's dependencies as wheels: nothing is downloaded at test time,
so pip is pointed at a wheelhouse that `.ci/run` fills at install time
(`pip wheel -w .ci-wheels . hatchling`; another folder via CLAIMLINT_WHEELHOUSE).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WHEELHOUSE = Path(os.environ.get("CLAIMLINT_WHEELHOUSE", ROOT / ".ci-wheels"))
CLEAN = ("---\ntitle: Zinc\nreviewer: Dr Ana Ruiz\nlast_reviewed: 2026-11-01\n---\n\n"
         "Zinc is a mineral found in meat, shellfish and seeds.\n\n"
         "This article is for information only and is not a substitute for professional medical advice.\n")
CLAIM = CLEAN.replace("Zinc is a mineral", "Zinc lozenges cure a cold overnight. Zinc is a mineral")


def test_the_hook_manifest():
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "claimlint" and hook["language"] == "python" and hook["require_serial"] is True
    assert set(hook["types_or"]) == {"markdown", "html", "plain-text", "mdx"}
    assert hook["entry"].split()[0] == "claimlint"


@pytest.fixture(scope="module")
def pre_commit(tmp_path_factory):
    tool = shutil.which("pre-commit", path=os.path.dirname(sys.executable)) or shutil.which("pre-commit")
    if tool is None:
        pytest.skip("pre-commit is not installed (pip install '.[test]' installs it)")
    if not any(WHEELHOUSE.glob("spacy-*.whl")):
        pytest.skip(f"no wheelhouse at {WHEELHOUSE}: run `pip wheel -w .ci-wheels . hatchling` (as .ci/run does)")
    home = tmp_path_factory.mktemp("pre-commit-home")
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(WHEELHOUSE),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "CLAIMLINT_CACHE_DIR": str(home / "cache")}
    env.pop("VIRTUAL_ENV", None)

    def run(repo: Path, *args) -> subprocess.CompletedProcess:
        return subprocess.run([tool, "try-repo", str(ROOT), "claimlint", "--verbose", *args], cwd=repo, env=env,
                              capture_output=True, text=True, timeout=900)
    return run, env


def _repo(tmp_path: Path, env, files: dict[str, str]) -> Path:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True, env=env)
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=tmp_path, check=True, env=env)
    return tmp_path


def test_the_hook_fails_on_an_uncited_claim_and_passes_a_clean_article(pre_commit, tmp_path):
    run, env = pre_commit
    repo = _repo(tmp_path / "claim", env, {"zinc.md": CLAIM, "notes.yaml": "a: 1\n"})
    proc = run(repo)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "zinc.md:7:15: error CL202 [uncited-efficacy-claim]" in proc.stdout
    assert "notes.yaml" not in proc.stdout  # not a type the hook takes
    clean = _repo(tmp_path / "clean", env, {"zinc.md": CLEAN, "page.html": "<p>Zinc is a mineral.</p>\n"})
    (clean / ".claimlint.yaml").write_text("today: 2026-11-24\noverrides:\n  - paths: ['*.html']\n"
                                           "    provided: [reviewer, date, disclaimer]\n", encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=clean, check=True, env=env)
    proc = run(clean)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "claimlint" in proc.stdout and "Passed" in proc.stdout
