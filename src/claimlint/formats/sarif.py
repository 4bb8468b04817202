"""SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps, IDE viewers).

Every rule of the run is described in `tool.driver.rules` (summary, rationale, help, default
level); results point at repository-relative URIs under `%SRCROOT%`, with columns counted in
Unicode code points (`columnKind`). Each result carries two partial fingerprints: claimlint's own
(rule, path, sentence, occurrence: it survives edits elsewhere) and the `primaryLocationLineHash`
GitHub's upload action would compute (see `linehash`), so a file sent straight to the API does
not duplicate the alerts of one that went through the action. Files and paths that could not be
checked are tool execution notifications.
"""
from __future__ import annotations

import json

from claimlint import __version__
from claimlint.formats.lines import relative_uri, repository_root
from claimlint.formats.linehash import line_hashes

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
INFORMATION_URI = "https://github.com/claimlint/claimlint"


def _rule(rule) -> dict:
    rationale = " ".join(rule.rationale.split()) if rule.rationale else rule.summary
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rationale},
        "help": {"text": f"{rationale}\n\nRun `claimlint --explain {rule.code}` for examples and options.",
                 "markdown": f"**{rule.code} {rule.name}**: {rule.summary}\n\n{rationale}\n\n"
                             f"Run `claimlint --explain {rule.code}` for examples and options."},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": [rule.pack, rule.kind]},
    }


def _raw_text(result) -> str:
    """The file as the upload action reads it: every byte, a BOM included, bad bytes replaced."""
    if result.file is None:
        return result.source or ""
    try:
        with open(result.file, "rb") as fh:
            return fh.read().decode("utf-8", "replace")
    except OSError:
        return ""


def render(report, options) -> str:
    root = repository_root()
    rules = sorted(report.rules, key=lambda r: r.code)
    index = {r.code: i for i, r in enumerate(rules)}
    results = []
    for result in report.files:
        if not result.findings:
            continue
        uri = relative_uri(result.file or result.path, root)
        artifact = {"uri": uri, "uriBaseId": "%SRCROOT%"} if uri is not None else {"uri": result.path}
        hashes = line_hashes(_raw_text(result))
        for f in result.findings:
            region = {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line,
                      "endColumn": max(f.end_column, f.column + (f.end_line == f.line))}
            if f.scope == "span" and f.text:
                region["snippet"] = {"text": f.text}
            item = {"ruleId": f.code, "level": LEVELS[f.severity], "message": {"text": f.message},
                    "locations": [{"physicalLocation": {"artifactLocation": artifact, "region": region}}],
                    "partialFingerprints": {"claimlint/v1": f.fingerprint},
                    "properties": {"scope": f.scope}}
            if f.code in index:
                item["ruleIndex"] = index[f.code]
            if f.line in hashes:
                item["partialFingerprints"]["primaryLocationLineHash"] = hashes[f.line]
            results.append(item)
    notifications = [{"level": "error", "message": {"text": message}, "descriptor": {"id": "unreadable"}}
                     for message in report.errors]
    run = {
        "tool": {"driver": {"name": "claimlint", "version": __version__, "semanticVersion": __version__,
                            "informationUri": INFORMATION_URI, "rules": [_rule(r) for r in rules]}},
        "originalUriBaseIds": {"%SRCROOT%": {"uri": root.as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": results,
        "invocations": [{"executionSuccessful": not report.errors, "toolExecutionNotifications": notifications}],
    }
    return json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, indent=2, ensure_ascii=False) + "\n"
