"""`--list-rules` and `--explain`: the rules' own documentation, read from the packs."""
from __future__ import annotations

import textwrap

import yaml


def list_table(rules) -> str:
    width = max(len(r.name) for r in rules)
    lines = [f"{'code':7} {'name':{width}} {'severity':8} summary"]
    for r in rules:
        lines.append(f"{r.code:7} {r.name:{width}} {r.severity:8} {r.summary}")
    return "\n".join(lines)


def _example_text(e) -> tuple[str, str]:
    if isinstance(e, dict):
        return e.get("text", ""), e.get("format", "md")
    return str(e), "md"


def explain_rule(rules, key: str) -> str | None:
    rule = next((r for r in rules if r.code == key.upper() or r.name == key), None)
    if rule is None:
        return None
    out = [f"{rule.code} {rule.name} ({rule.severity}, kind: {rule.kind}, pack: {rule.pack})", "",
           rule.summary, ""]
    if rule.rationale:
        out += [rule.rationale, ""]
    for label, key in (("Reported", "report"), ("Not reported", "quiet")):
        items = rule.examples.get(key) or []
        if items:
            out.append(f"{label}:")
            for e in items:
                text, fmt = _example_text(e)
                shown = text.strip().replace("\n", "\n      ")
                out.append(f"    - {shown}" + (f"   ({fmt})" if fmt != "md" else ""))
            out.append("")
    simple = {k: v for k, v in rule.options.items() if not isinstance(v, (list, dict))}
    if simple:
        out.append("Options:")
        out.append(textwrap.indent(yaml.safe_dump(simple, sort_keys=True).rstrip(), "    "))
        out.append("")
    if "detectors" in rule.options:
        out.append("Detectors: " + ", ".join(d["name"] for d in rule.options["detectors"]))
        out.append("")
    out.append(f"Defined at {rule.source}")
    return "\n".join(out)
