"""A GitLab Code Quality report (a JSON list of issues, shown in merge requests)."""
from __future__ import annotations

import json

SEVERITIES = {"info": "info", "warning": "minor", "error": "major"}


def render(report, options) -> str:
    issues = [{"type": "issue", "check_name": f"{f.code} {f.rule}", "description": f.message,
               "categories": ["Style"], "fingerprint": f.fingerprint, "severity": SEVERITIES[f.severity],
               "location": {"path": f.path.replace("\\", "/"), "lines": {"begin": f.line, "end": f.end_line}}}
              for f in report.findings]
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
