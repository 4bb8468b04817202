"""At the terminal: --statistics, --exit-zero, NO_COLOR / FORCE_COLOR, a progress bar on a terminal
only, document-level findings without an excerpt, article text that cannot drive the terminal,
the hint to --explain. The CLI runs in a subprocess; the progress bar's terminal is a real pty.
"""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import TODAY, stderr_on_a_terminal

CLAIM = "Zinc lozenges cure a cold overnight.\n"


def run(tmp_path, *args, env=None) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "CI")}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "claimlint", "--no-cache", "--today", TODAY, *map(str, args)],
                          capture_output=True, text=True, cwd=tmp_path, env=full_env, timeout=120)


def test_statistics_and_exit_zero(tmp_path):
    (tmp_path / "a.md").write_text(CLAIM + "\n" + CLAIM.replace("Zinc", "Honey"), encoding="utf-8")
    proc = run(tmp_path, "--statistics", "--select", "CL1,CL2", "a.md")
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[0].split() == ["2", "CL202", "uncited-efficacy-claim"]
    assert sorted(line.split()[1] for line in lines[1:4]) == ["CL101", "CL102", "CL103"]
    assert lines[-1].startswith("Found 5 problems")
    assert run(tmp_path, "--exit-zero", "a.md").returncode == 0
    assert run(tmp_path, "--exit-zero", "missing.md").returncode == 2  # an error is still an error


@pytest.mark.parametrize("env,colored", [({}, False), ({"FORCE_COLOR": "1"}, True),
                                         ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False)],
                         ids=["pipe", "force", "no-color-wins"])
def test_color_follows_no_color_and_force_color(tmp_path, env, colored):
    (tmp_path / "a.md").write_text(CLAIM, encoding="utf-8")
    out = run(tmp_path, "--select", "CL2", "a.md", env=env).stdout
    assert ("\x1b[" in out) == colored
    if colored:
        assert "\x1b[" not in run(tmp_path, "--select", "CL2", "--no-color", "a.md", env=env).stdout


def test_document_level_findings_have_no_excerpt_and_a_hint_follows(tmp_path):
    (tmp_path / "a.html").write_text("<!DOCTYPE html>\n<p>Zinc is a mineral.</p>\n", encoding="utf-8")
    lines = run(tmp_path, "--select", "CL1", "a.html").stdout.splitlines()
    assert [line.split()[2] for line in lines[:3]] == ["CL101", "CL102", "CL103"]
    assert "--explain" in lines[3] and lines[4].startswith("Found 3 problems")
    assert not any("^" in line or "DOCTYPE" in line for line in lines)


def test_article_text_cannot_drive_the_terminal(tmp_path):
    (tmp_path / "a.md").write_text("Zinc lozenges \x1b[2J\x1b]0;owned\x07cure a cold overnight \u202eevil.\n",
                                   encoding="utf-8")
    out = run(tmp_path, "--select", "CL2,CL4", "a.md", env={"FORCE_COLOR": ""}).stdout
    assert "cure a cold" in out
    assert not any(ch in out for ch in "\x1b\x07\u202e")
    assert "␛" in out and "\ufffd" in out


def _with_a_terminal_for_stderr(tmp_path, args, env) -> str:
    """Run the CLI with standard error on a new pseudo-terminal; what it wrote there."""
    full_env = {k: v for k, v in os.environ.items() if k != "CI"}
    full_env.update(env)
    return stderr_on_a_terminal([sys.executable, "-m", "claimlint", "--no-cache", "--today", TODAY, *args],
                                tmp_path, full_env)[1]


def test_a_progress_bar_on_a_terminal_only(tmp_path):
    for i in range(30):
        (tmp_path / f"a{i:02}.md").write_text(f"Zinc is a mineral, article {i}.\n", encoding="utf-8")
    shown = _with_a_terminal_for_stderr(tmp_path, ["--select", "CL4", "-j", "1", "."], {"TERM": "xterm"})
    assert "30/30 files" in shown and "[" in shown and shown.endswith("\r\x1b[K")
    assert "files" not in _with_a_terminal_for_stderr(tmp_path, ["--select", "CL4", "-j", "1", "."],
                                                      {"TERM": "xterm", "CI": "true"})
    assert "files" not in run(tmp_path, "--select", "CL4", ".").stderr  # a pipe
