"""Rule packs: YAML files of rules that editors can read and change without Python.

A pack holds `vocabulary` (named word lists) and `rules`. Each rule picks a `kind` (the
checker module that runs it) and gives it `options`. Option strings may name vocabulary
as `{name}`; such a reference expands to a regular-expression alternation of the list,
so word lists are written once and shared by the patterns of every rule in the pack.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path


KINDS = ("required", "claim", "date", "unfinished", "balance", "reference", "pattern", "link", "structure",
         "suppression")
PACK_MAX_BYTES = 16 * 1024 * 1024  # a rule pack or configuration file larger than this is refused unread
VOCAB_REF = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


class RulePackError(Exception):
    """A rule pack that cannot be used; the message names the file and line."""


@dataclass
class Rule:
    code: str
    name: str
    kind: str
    severity: str
    message: str
    summary: str
    rationale: str = ""
    options: dict = field(default_factory=dict)
    examples: dict = field(default_factory=dict)
    pack: str = ""
    source: str = ""  # "file:line" of the rule's definition
    enabled: bool = True  # False: checked only when a selector names it (select, extend-select)

    def format_message(self, **values) -> str:
        try:
            return self.message.format(**values)
        except (KeyError, IndexError, ValueError):
            return self.message


@lru_cache(maxsize=1)
def _line_loader():
    """A safe YAML loader that remembers the line of every mapping (as key '__line__').

    LibYAML's parser when PyYAML has it (about 7x faster to start than the pure-Python one,
    same result), the pure-Python parser otherwise. Made (and PyYAML imported) on first use: a
    run whose parsed packs come from the cache folder never needs it.
    """
    import yaml

    class LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        pass

    def construct_mapping(loader, node, deep=False):
        mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=True)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping

    LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    # Word lists hold "on", "no", "yes": only true/false are booleans in a rule pack (as in YAML 1.2).
    LineLoader.yaml_implicit_resolvers = {
        key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
        for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    LineLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                     list("tTfF"))
    return LineLoader


def strip_lines(value):
    """A copy of loaded YAML without the '__line__' bookkeeping keys."""
    if isinstance(value, dict):
        return {k: strip_lines(v) for k, v in value.items() if k != "__line__"}
    if isinstance(value, list):
        return [strip_lines(v) for v in value]
    return value


def builtin_rules_dir() -> Path:
    """The packs shipped with claimlint: inside the wheel, or the repository's rules/ folder."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parent.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise RulePackError(f"built-in rule packs not found next to {here}")


def vocabulary_pattern(words) -> str:
    """A regex alternation for a word list; longest first so 'side effects' beats 'side'.

    A list of plain words (no "re:" entries) is written as a trie, "reduce(?:s|d)?" rather than
    "reduces|reduced|reduce": it matches the same strings in the same order of preference (at any
    position the words that match are prefixes of one another, and both forms try the longest
    first), but the regex engine no longer tries every word in turn at every position, which made
    the long verb lists the costliest part of claim detection.
    """
    words = {str(w) for w in words}
    if words and not any(w.startswith("re:") for w in words):
        trie = _trie(words)
        if trie is not None:
            return "(?:" + _render(trie) + ")"
    parts = []
    for w in sorted(words, key=lambda w: (-len(w), w)):  # ties in a fixed order: the same pattern every run
        if w.startswith("re:"):
            parts.append(w[3:])
        else:
            parts.append(r"\s+".join(re.escape(p) for p in w.split()))
    return "(?:" + "|".join(parts) + ")" if parts else "(?!x)x"


_END, _SPACE = "", r"\s+"


def _trie(words):
    """Nested dicts keyed by character (or \\s+ between the parts of a phrase); None when two
    branches of a node could match the same character case-insensitively (then order matters)."""
    root: dict = {}
    for w in words:
        node = root
        for i, part in enumerate(w.split()):
            for tok in ([_SPACE] if i else []) + list(part):
                node = node.setdefault(tok, {})
        node[_END] = True
    todo = [root]
    while todo:
        node = todo.pop()
        keys = [k for k in node if k != _END]
        if len({k.casefold() if k != _SPACE else k for k in keys}) != len(keys):
            return None
        todo.extend(node[k] for k in keys)
    return root


def _render(node) -> str:
    alts = [(k if k == _SPACE else re.escape(k)) + _render(child) for k, child in sorted(node.items()) if k != _END]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    if _END in node:  # a word ends here: try the longer words first, then stop
        return f"(?:{body})?"
    return body


def expand(value, vocab: dict, where: str, lists: dict | None = None):
    """Replace `{name}` in option strings by the vocabulary's alternation; "@name" by the list itself."""
    lists = lists or {}
    if isinstance(value, str) and value.startswith("@") and value[1:] in lists:
        return list(lists[value[1:]])
    if isinstance(value, str):
        def sub(m):
            name = m.group(1)
            if name not in vocab:
                raise RulePackError(f"{where}: unknown vocabulary '{{{name}}}'")
            return vocab[name]
        return VOCAB_REF.sub(sub, value)
    if isinstance(value, list):
        return [expand(v, vocab, where, lists) for v in value]
    if isinstance(value, dict):
        return {k: v if str(k).endswith("message") else expand(v, vocab, where, lists) for k, v in value.items()}
    return value


def load_pack(path: Path, validate: bool = True) -> list[Rule]:
    """The rules of one pack file. A pack is checked against the shipped JSON Schema
    (`claimlint.schemas`): every problem is reported with its file, line and key. The built-in
    packs are checked by the test suite instead (`validate=False`), which keeps the JSON Schema
    library out of a plain run's start."""
    from claimlint.loaders import LoadError, read
    try:
        text = read(str(path), PACK_MAX_BYTES)
    except LoadError as exc:
        raise RulePackError(f"cannot read rule pack: {exc}") from exc
    import yaml

    from claimlint import safeyaml
    try:
        data = safeyaml.load(text, _line_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f":{mark.line + 1}" if mark else ""
        raise RulePackError(f"{path}{at}: invalid YAML: {getattr(exc, 'problem', exc)}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise RulePackError(f"{path}:1: a rule pack is a mapping with a 'rules' list")
    if validate:
        check_pack(path, text, data)
    raw_vocab = strip_lines(data.get("vocabulary") or {})
    vocab = {name: vocabulary_pattern(words) for name, words in raw_vocab.items()}
    pack = str(data.get("pack") or path.stem)
    return [_rule_from(raw, pack, path, vocab, raw_vocab) for raw in data["rules"]]


def check_pack(path: Path, text: str, data) -> None:
    """Raise `RulePackError` listing every way a loaded pack breaks the rule-pack schema."""
    from claimlint.schemas import SchemaError, errors, key_path, locate

    problems = errors(strip_lines(data), "rulepack")
    if not problems:
        problems = [(keys, p) for keys, template in message_templates(data) for p in template_problems(template)]
    if problems:
        raise RulePackError(str(SchemaError(path, [(locate(text, data, p), key_path(p), m) for p, m in problems])))


def _rule_from(raw, pack: str, path: Path, vocab: dict, lists: dict) -> Rule:
    where = f"{path}:{raw.get('__line__', 1)}"
    return Rule(
        code=raw["code"], name=raw["name"], kind=raw["kind"], severity=raw["severity"],
        message=raw["message"].strip(), summary=raw["summary"].strip(),
        rationale=str(raw.get("rationale") or "").strip(),
        options=expand(strip_lines(raw.get("options") or {}), vocab, where, lists),
        examples=strip_lines(raw.get("examples") or {}), pack=pack, source=where,
        enabled=raw.get("enabled", True) is not False,
    )


def pack_paths(extra_dirs=()) -> list[Path]:
    """Every rule-pack file a run reads: the built-in packs, then each extra file's, or every .yaml
    and .yml file in an extra folder and its subfolders (hidden ones left out), in name order."""
    paths = sorted(builtin_rules_dir().glob("*.yaml"))
    for d in extra_dirs:
        d = Path(d)
        if d.is_dir():
            paths.extend(sorted(p for p in d.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()
                                and not any(part.startswith(".") for part in p.relative_to(d).parts)))
        else:
            paths.append(d)
    return paths


# What a message template may name: the values the kinds pass, nothing else, never a format spec
# ("{text:>999999999}" would write a gigabyte) or an attribute or index ("{0}", "{text.__class__}").
TEMPLATE_FIELDS = frozenset({"text", "date", "months", "max_age", "what", "mark", "category", "url"})


def template_problems(template: str) -> list[str]:
    """What is wrong with a message template (empty when nothing is)."""
    import string
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as exc:
        return [f"not a message template: {exc} (write a literal brace as {{{{ or }}}})"]
    out = []
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in TEMPLATE_FIELDS:
            out.append(f"'{{{name}}}' is not a value a message can show (known: "
                       f"{', '.join('{' + f + '}' for f in sorted(TEMPLATE_FIELDS))})")
        elif spec or conversion:
            out.append(f"'{{{name}}}' may not carry a format or a conversion")
    return out


def message_templates(value, keys=()):
    """(key path, template) for every message template in a loaded pack or in rule options:
    a rule's `message` and every option whose key ends in 'message'."""
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "__line__":
                continue
            if str(k).endswith("message") and isinstance(v, str):
                yield keys + (k,), v
            else:
                yield from message_templates(v, keys + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from message_templates(v, keys + (i,))


def load_rules(extra_dirs=(), paths=None) -> list[Rule]:
    """All rules of the built-in packs (and any extra pack folders), checked for clashes."""
    if paths is None:
        paths = pack_paths(extra_dirs)
    builtin = builtin_rules_dir().resolve()
    rules, seen = [], {}
    for p in paths:
        for r in load_pack(p, validate=Path(p).resolve().parent != builtin):
            for key in (r.code, r.name):
                if key in seen:
                    raise RulePackError(f"{r.source}: '{key}' is already defined at {seen[key]}")
                seen[key] = r.source
            rules.append(r)
    return sorted(rules, key=lambda r: r.code)


def matches(rule: Rule, selector: str) -> bool:
    """Does a selector (a code, a code prefix, a slug name, or ALL) choose this rule?"""
    sel = selector.strip()
    return bool(sel) and (sel.upper() == "ALL" or rule.name == sel or rule.code.startswith(sel.upper()))


def apply_selection(rules: list[Rule], steps) -> list[Rule]:
    """The rules left after selection steps, in order: ("select", selectors) keeps only those it
    names, ("extend-select", ...) adds, ("ignore", ...) removes (a configuration's select,
    extend-select and ignore, then each override's, then the command line's). A rule that is off
    by default (`enabled: false`) is in only when a select or extend-select names it."""
    chosen = {r.code for r in rules if r.enabled}
    for step, selectors in steps:
        named = {r.code for r in rules if any(matches(r, s) for s in selectors)}
        if step == "select":
            chosen = named
        elif step == "extend-select":
            chosen |= named
        else:
            chosen -= named
    return [r for r in rules if r.code in chosen]


def find_rule(rules: list[Rule], key: str) -> Rule | None:
    """The rule whose code or slug name is `key`."""
    return next((r for r in rules if r.code == key.upper() or r.name == key), None)


def configured(rule: Rule, options: dict, source: str) -> Rule:
    """A copy of `rule` with `options` laid over its own (option by option); `source` says where
    they were set, for errors in them."""
    from dataclasses import replace
    return replace(rule, options={**rule.options, **options}, source=source)
