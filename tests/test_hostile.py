"""Hostile input (issue 22): what a pull request or a shared cache folder brings must never run
code, hang the run, hide claims or forge output. Each test here failed on the main branch before
its fix; all run the installed CLI.
"""
from __future__ import annotations

import json
import marshal
import os
import pickle
import subprocess
import sys
from pathlib import Path

from conftest import TODAY

CLAIM = "Zinc lozenges cure a cold overnight.\n"


def run(cwd, *args, timeout=120, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "claimlint", "--today", TODAY, *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=timeout,
                          env={**os.environ, **(env or {})})


def codes(proc) -> list[str]:
    return [f["code"] for f in json.loads(proc.stdout)["findings"]]


class _Payload:
    """Unpickling this writes a file: proof that code ran."""

    def __init__(self, target):
        self.target = target

    def __reduce__(self):
        return (os.system, (f"touch {self.target}",))


def test_a_planted_pickle_in_the_cache_folder_never_runs(tmp_path):
    cache = tmp_path / "cache"
    (tmp_path / "a.md").write_text(CLAIM, encoding="utf-8")
    assert codes(run(tmp_path, "--format", "json", "--select", "CL2", "--cache-dir", cache, "a.md")) == ["CL202"]
    proof = tmp_path / "pwned"
    for kept in list(cache.glob("rules-*")) + [cache / f"rules-{'0' * 64}.pickle"]:
        kept.write_bytes(pickle.dumps(_Payload(proof)))
    for entry in (cache / "v3").rglob("*.json"):
        entry.write_bytes(pickle.dumps(_Payload(proof)))
    (tmp_path / "b.md").write_text(CLAIM.replace("Zinc", "Honey"), encoding="utf-8")
    proc = run(tmp_path, "--format", "json", "--select", "CL2", "--cache-dir", cache, "a.md", "b.md")
    assert codes(proc) == ["CL202", "CL202"] and not proof.exists()


def test_a_forged_result_or_expression_table_is_not_trusted(tmp_path):
    """Another writer of the folder can neither hide a claim (a forged, empty result) nor switch a
    rule off (a compiled program swapped in the expression table): neither carries this user's seal."""
    cache = tmp_path / "cache"
    (tmp_path / "a.md").write_text(CLAIM, encoding="utf-8")
    run(tmp_path, "--format", "json", "--select", "CL2", "--cache-dir", cache, "a.md")
    for entry in (cache / "v3").rglob("*.json"):
        key = entry.stem
        entry.write_text(json.dumps({"key": key, "findings": [], "facts": {}}), encoding="utf-8")
    (table_path,) = cache.glob("regex-*.bin")
    never = ((frozenset({"\x00never\x00"}),), None, False, False, ())
    from claimlint.integrity import unseal
    table = marshal.loads(unseal(table_path.read_bytes()))
    table_path.write_bytes(marshal.dumps({k: (never if k[0] == "prefilter" else v) for k, v in table.items()}))
    assert codes(run(tmp_path, "--format", "json", "--select", "CL2", "--cache-dir", cache, "a.md")) == ["CL202"]
    # with another user's key, this user's entries are not read either (and nothing breaks)
    other = run(tmp_path, "--format", "json", "--select", "CL2", "--cache-dir", cache, "a.md",
                env={"CLAIMLINT_KEY_FILE": str(tmp_path / "other-key")})
    assert codes(other) == ["CL202"] and "Traceback" not in other.stderr
