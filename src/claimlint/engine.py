"""Run rules over documents: the engine knows rule kinds, never individual rules.

Each kind is a module in `claimlint.kinds` with `compile(rule) -> object` (done once per
rule and kept in the engine's cache) and `check(doc, rule, compiled, ctx) -> findings`; a
kind may instead offer `check_rules(doc, [(rule, compiled), ...], ctx)` to check all of its
rules in one pass over the document.
`Context` carries the reference date and a per-document memo so that work several rules
need (sentence boundaries, citations) is done once.
"""
from __future__ import annotations

import datetime as dt
import importlib
import re
from dataclasses import dataclass, field

from claimlint.document import Document
from claimlint.findings import Finding
from claimlint.rulepacks import Rule, RulePackError


@dataclass
class Context:
    today: dt.date
    settings: dict = field(default_factory=dict)
    memo: dict = field(default_factory=dict)

    def cached(self, key, compute):
        """Compute a per-document value once (the engine clears the memo between documents)."""
        try:
            return self.memo[key]
        except KeyError:
            value = self.memo[key] = compute()
            return value


def kind_module(kind: str):
    return importlib.import_module(f"claimlint.kinds.{kind}")


class Engine:
    def __init__(self, rules: list[Rule], today: dt.date, settings: dict | None = None):
        self.rules = rules
        self.today = today
        self.settings = settings or {}
        self._compiled: dict[str, object] = {}

    def compiled(self, rule: Rule):
        if rule.code not in self._compiled:
            try:
                self._compiled[rule.code] = kind_module(rule.kind).compile(rule)
            except re.error as exc:
                raise RulePackError(f"{rule.source}: {rule.code} has an invalid regular expression: {exc}") from exc
        return self._compiled[rule.code]

    def check(self, doc: Document) -> list[Finding]:
        ctx = Context(self.today, self.settings)
        found: dict[tuple, Finding] = {}
        try:
            for kind, rules in self._by_kind():
                module = kind_module(kind)
                if hasattr(module, "check_rules"):  # the kind checks all its rules in one pass
                    findings = module.check_rules(doc, [(rule, self.compiled(rule)) for rule in rules], ctx)
                else:
                    findings = (f for rule in rules for f in module.check(doc, rule, self.compiled(rule), ctx))
                for f in findings:
                    found.setdefault((f.code, f.start, f.end), f)
        finally:
            # What the memo holds may point back at the context (a citation table keeps it): cleared,
            # the document's working data is freed at once instead of waiting for the collector,
            # whose passes over it cost several percent of a run.
            ctx.memo.clear()
        return sorted(found.values(), key=Finding.sort_key)

    def _by_kind(self) -> list[tuple[str, list[Rule]]]:
        groups: dict[str, list[Rule]] = {}
        for rule in self.rules:
            groups.setdefault(rule.kind, []).append(rule)
        return list(groups.items())
