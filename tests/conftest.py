"""Shared test helpers: run the installed CLI in a subprocess, find ../shared."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
TODAY = "2026-11-24"


@pytest.fixture(scope="session", autouse=True)
def _cache_outside_the_repository(tmp_path_factory):
    """Every CLI run of the suite caches (the default) in a session folder, never in the repository,
    and seals what it keeps there with a key of the session's (see claimlint.integrity)."""
    old = {name: os.environ.get(name) for name in ("CLAIMLINT_CACHE_DIR", "CLAIMLINT_KEY_FILE")}
    os.environ["CLAIMLINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("claimlint_cache"))
    os.environ["CLAIMLINT_KEY_FILE"] = str(tmp_path_factory.mktemp("claimlint_key") / "cache-key")  # not ~/.config
    yield
    for name, value in old.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def run_cli(*args, input: bytes | None = None, cwd=None) -> subprocess.CompletedProcess:
    """Run `python -m claimlint ARGS` with the interpreter running the tests."""
    return subprocess.run([sys.executable, "-m", "claimlint", *map(str, args)], input=input,
                          capture_output=True, cwd=cwd)


def run_json(*args) -> dict:
    proc = run_cli("--format", "json", "--today", TODAY, *args)
    assert proc.returncode in (0, 1), proc.stderr.decode()
    return json.loads(proc.stdout)


@pytest.fixture
def shared_dir() -> Path:
    if not (SHARED / "spec").is_dir():
        pytest.skip("../shared is not present beside the repository")
    return SHARED


def claimlint_command() -> str:
    """A command line for the shared tools that runs this interpreter's claimlint."""
    return f"{sys.executable} -m claimlint"


def stderr_on_a_terminal(argv, cwd, env) -> tuple[int, str]:
    """Run `argv` with standard error on a new pseudo-terminal: (exit status, what it wrote there)."""
    master, slave = os.openpty()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=slave, cwd=cwd, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the other end closed
            break
        if not data:
            break
        chunks.append(data)
    status = proc.wait(timeout=120)
    os.close(master)
    return status, b"".join(chunks).decode("utf-8", "replace")
