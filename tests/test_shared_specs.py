"""The founding article and the editorial policy examples, checked with the shared tools."""
from __future__ import annotations

import subprocess
import sys

from conftest import claimlint_command


def _run_tool(shared_dir, tool):
    proc = subprocess.run([sys.executable, str(shared_dir / "tools" / tool), "--cmd", claimlint_command()],
                          capture_output=True, text=True)
    return proc.returncode, proc.stdout + proc.stderr


def test_seed_article_matches_spec(shared_dir):
    code, out = _run_tool(shared_dir, "seedcheck.py")
    assert code == 0, out
    assert "found 14/14 required, 0 forbidden" in out, out


def test_every_policy_example_holds(shared_dir):
    code, out = _run_tool(shared_dir, "policycheck.py")
    assert code == 0, out
    assert "examples hold" in out
