"""JSON Lines: one finding per line, its fields as in the JSON format (with its fingerprint)."""
from __future__ import annotations

import json


def render(report, options) -> str:
    return "".join(json.dumps(f.to_dict(), ensure_ascii=False) + "\n" for f in report.findings)
