"""A baseline: the findings a library already had, recorded so that a gate reports only new ones.

`write` records each finding by its fingerprint (rule, path, the normalised text of its
sentence and an occurrence index: never its line, so adding or removing lines elsewhere in the
article does not change it). Paths are taken relative to the baseline file's folder, so the file
works whichever folder claimlint runs from. `Baseline.split` separates a run's findings into new
ones and known ones, and says which recorded entries no longer occur in the files checked.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from claimlint.findings import fingerprint

VERSION = 1


class BaselineError(Exception):
    """A baseline file that cannot be read; the message names it."""


def _key_path(path: str, folder: str) -> str:
    return Path(os.path.relpath(os.path.abspath(path), folder)).as_posix()


def _key(finding, folder: str) -> str:
    return fingerprint(finding.code, _key_path(finding.path, folder), finding.anchor)


@dataclass
class Baseline:
    path: str
    entries: dict[str, dict] = field(default_factory=dict)  # fingerprint -> {path, code, line, message}

    @property
    def folder(self) -> str:
        return os.path.dirname(os.path.abspath(self.path))

    @classmethod
    def read(cls, path: str) -> Baseline:
        try:
            with open(path, encoding="utf-8") as fh:
                data = json.load(fh)
        except FileNotFoundError:
            raise BaselineError(f"{path}: no such baseline file (make one with --write-baseline)") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise BaselineError(f"{path}: cannot read baseline: {getattr(exc, 'strerror', None) or exc}") from exc
        except json.JSONDecodeError as exc:
            raise BaselineError(f"{path}:{exc.lineno}: not a baseline file: {exc.msg}") from exc
        if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
            raise BaselineError(f"{path}: not a claimlint baseline (version {VERSION}, with a 'findings' list)")
        entries = {}
        for item in data["findings"]:
            if isinstance(item, dict) and isinstance(item.get("fingerprint"), str):
                entries[item["fingerprint"]] = item
        return cls(path, entries)

    def split(self, findings, checked_paths) -> tuple[list, list, list[dict]]:
        """(new findings, known findings, recorded entries of the checked files that no longer occur)."""
        folder = self.folder
        new, known, seen = [], [], set()
        for f in findings:
            key = _key(f, folder)
            if key in self.entries:
                known.append(f)
                seen.add(key)
            else:
                new.append(f)
        checked = {_key_path(p, folder) for p in checked_paths}
        gone = [e for k, e in self.entries.items() if k not in seen and e.get("path") in checked]
        return new, known, gone


def render(findings, path: str) -> str:
    """The baseline file recording `findings`, to be written at `path`."""
    folder = os.path.dirname(os.path.abspath(path))
    items = [{"fingerprint": _key(f, folder), "path": _key_path(f.path, folder), "code": f.code, "rule": f.rule,
              "line": f.line, "message": f.message} for f in findings]
    items.sort(key=lambda e: (e["path"], e["line"], e["code"]))
    return json.dumps({"version": VERSION, "tool": "claimlint", "findings": items}, indent=1, ensure_ascii=False) + "\n"
