"""The JSON Schemas that validate configuration files and rule packs, and error messages an editor can act on.

`config.schema.json` and `rulepack.schema.json` ship with the package (editors can point their
YAML language server at them); `validate` checks a loaded document against one and raises
`SchemaError` with one line per problem, each naming the file, the line and the key.
"""
from __future__ import annotations

import functools
import json
import re


class SchemaError(Exception):
    """A document that does not follow its schema; `problems` are (line, key path, message)."""

    def __init__(self, path, problems: list[tuple[int, str, str]]):
        self.path = str(path)
        self.problems = sorted(problems, key=lambda p: p[0])
        super().__init__("\n".join(f"{self.path}:{line}: {key}: {message}" if key else f"{self.path}:{line}: {message}"
                                   for line, key, message in self.problems))


@functools.lru_cache(maxsize=None)
def schema(name: str) -> dict:
    """A shipped schema by name ('config' or 'rulepack')."""
    from importlib import resources
    return json.loads(resources.files(__name__).joinpath(f"{name}.schema.json").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=None)
def _validator(name: str, pointer: str = ""):
    from jsonschema import Draft202012Validator

    whole = schema(name)
    if not pointer:
        return Draft202012Validator(whole)
    part = whole
    for step in pointer.strip("/").split("/"):
        part = part[step]
    return Draft202012Validator({**part, "$defs": whole.get("$defs", {})})


def errors(data, name: str, pointer: str = "") -> list[tuple[tuple, str]]:
    """(key path, message) for every problem of `data` against schema `name` (or the part of it
    at `pointer`, such as '/$defs/options-date'), most specific first, in document order."""
    found = []
    for error in _validator(name, pointer).iter_errors(data):
        for leaf in _leaves(error):
            path = tuple(leaf.absolute_path)
            if leaf.validator == "additionalProperties":  # one problem per unknown key, at its own line
                for key in _unknown_keys(leaf):
                    found.append((path + (key,), _unknown_key_message(leaf, key)))
            else:
                found.append((path, _message(leaf)))
    found.sort(key=lambda item: [str(k) for k in item[0]])
    unique, seen = [], set()
    for item in found:
        if item not in seen:
            seen.add(item)
            unique.append(item)
    return unique


def _leaves(error):
    """The most specific errors under a combined one (an `if/then` or `oneOf` failure)."""
    if error.context and error.validator in ("oneOf", "anyOf"):
        best = min(error.context, key=lambda e: (len(e.context or ()), -len(e.absolute_path)))
        return [best] if not best.context else list(_leaves(best))
    return [error]


def _unknown_keys(error) -> list[str]:
    allowed = error.schema.get("properties", {})
    patterns = error.schema.get("patternProperties", {})
    return [k for k in error.instance if k not in allowed and not any(re.search(p, k) for p in patterns)]


def _unknown_key_message(error, key: str) -> str:
    import difflib

    allowed = sorted(error.schema.get("properties", {}))
    close = difflib.get_close_matches(str(key), allowed, n=1)
    if close:
        return f"unknown key (did you mean '{close[0]}'?)"
    return "unknown key" + (f" (known: {', '.join(allowed)})" if allowed else " (this takes no keys)")


def _message(error) -> str:
    v, instance = error.validator, error.instance
    if v == "enum":
        return f"{instance!r} is not one of {', '.join(map(str, error.validator_value))}"
    if v == "type":
        want = error.validator_value
        want = " or ".join(want) if isinstance(want, list) else want
        article = "an" if str(want)[0] in "aeiou" else "a"
        return f"{instance!r} is not {article} {want}"
    if v == "required":
        missing = [k for k in error.validator_value if k not in instance]
        return "missing " + ", ".join(f"'{k}'" for k in missing)
    if v == "pattern":
        what = error.schema.get("description", "")
        return f"{instance!r} does not have the right form" + (f" ({what[0].lower() + what[1:].rstrip('.')})" if what else "")
    if v == "propertyNames":
        return error.message
    if v in ("minimum", "minItems", "minLength"):
        return error.message
    return error.message


def key_path(path) -> str:
    """('rules', 'CL301', 'max_age_months') -> rules.CL301.max_age_months; list items as [0]."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def locate(text: str, raw, path) -> int:
    """The line of the key (or list item) at `path` in a YAML or TOML document's text.

    YAML mappings loaded by claimlint's line-keeping loader carry their first line (`__line__`);
    from the deepest one on the path, the remaining keys are found in the text in order. TOML
    keeps no lines, so its keys (and `[[...]]` table headers for list items) are searched for
    from the `[tool.claimlint]` section on."""
    lines = text.splitlines()
    start = 0
    header = re.compile(r"^\s*\[\s*tool\.claimlint\b")
    for i, line in enumerate(lines):
        if header.match(line):
            start = i
            break
    node = raw
    for step in path:
        if isinstance(node, dict) and isinstance(node.get("__line__"), int):
            start = max(start, node["__line__"] - 1)
        if isinstance(step, str):
            found = _find(lines, start, re.compile(r"(?<![\w-])[\"']?" + re.escape(step) + r"[\"']?\s*(?:[:=]|\]|\.|$)"))
            start = found if found is not None else start
            node = node.get(step) if isinstance(node, dict) else None
        elif isinstance(step, int) and isinstance(node, list) and 0 <= step < len(node):
            item = node[step]
            if isinstance(item, dict) and isinstance(item.get("__line__"), int):
                start = item["__line__"] - 1
            elif isinstance(item, dict):  # a TOML array of tables: its (step+1)-th [[...]] header
                seen = 0
                for i in range(start, len(lines)):
                    if lines[i].lstrip().startswith("[["):
                        if seen == step:
                            start = i
                            break
                        seen += 1
            elif isinstance(item, (str, int, float)):
                found = _find(lines, start, re.compile(re.escape(str(item))))
                start = found if found is not None else start
            node = item
        else:
            node = None
    return start + 1


def _find(lines, start: int, pattern) -> int | None:
    for i in range(start, len(lines)):
        if pattern.search(lines[i]):
            return i
    return None
