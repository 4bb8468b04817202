"""JSON: every finding's fields (see `claimlint.findings.Finding.to_dict`), the errors and a summary."""
from __future__ import annotations

import json


def render(report, options) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
