"""Run rules over documents: the engine knows rule kinds, never individual rules.

Each kind is a module in `claimlint.kinds` with `compile(rule) -> object` (done once per
rule and kept in the engine's cache) and `check(doc, rule, compiled, ctx) -> findings`; a
kind may instead offer `check_rules(doc, [(rule, compiled), ...], ctx)` to check all of its
rules in one pass over the document, and `facts(doc, rule, compiled, ctx) -> dict` to report
what it found out about the article (its reviewer, its dates). The article's own suppression
directives (`claimlint.suppressions`) then drop the findings they cover; a kind marked
`AFTER_SUPPRESSIONS` runs last, and sees which directives covered nothing.
`Context` carries the reference date, a per-document memo so that work several rules need
(sentence boundaries, citations) is done once, and the engine's own scratch space (`shared`)
for what a kind builds once for a set of rules.

An engine is made for one resolved `Settings` (see `claimlint.api`): its rules already carry
the configured options, `severity` maps a rule code to the severity every finding of that rule
gets, and `loader_options` are handed to the loader of each format.
"""
from __future__ import annotations

import datetime as dt
import importlib
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from claimlint import suppressions
from claimlint.document import BOILERPLATE, CARD, Document
from claimlint.findings import Finding, anchors
from claimlint.kinds.suppression import UNUSED
from claimlint.rulepacks import Rule, RulePackError


@dataclass
class Context:
    today: dt.date
    memo: dict = field(default_factory=dict)
    shared: dict = field(default_factory=dict)

    def cached(self, key, compute):
        """Compute a per-document value once (the engine clears the memo between documents)."""
        try:
            return self.memo[key]
        except KeyError:
            value = self.memo[key] = compute()
            return value


class Examined(NamedTuple):
    findings: list[Finding]
    facts: dict  # what the article says about itself: words, reviewer, dates (see `Engine.examine`)


def kind_module(kind: str):
    return importlib.import_module(f"claimlint.kinds.{kind}")


class Engine:
    def __init__(self, rules: list[Rule], today: dt.date, severity: dict | None = None,
                 loader_options: dict | None = None):
        self.rules = rules
        self.today = today
        self.severity = dict(severity or {})
        self.loader_options = dict(loader_options or {})
        self._compiled: dict[str, object] = {}
        self._shared: dict = {}

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_shared"] = {}  # scratch space: rebuilt where the engine lands
        return state

    def compiled(self, rule: Rule):
        if rule.code not in self._compiled:
            try:
                self._compiled[rule.code] = kind_module(rule.kind).compile(rule)
            except re.error as exc:
                raise RulePackError(f"{rule.source}: {rule.code} has an invalid regular expression: {exc}") from exc
        return self._compiled[rule.code]

    def load(self, path: str, source: str, fmt: str) -> Document:
        from claimlint.loaders import load
        return load(path, source, fmt, self.loader_options.get(fmt))

    def check(self, doc: Document) -> list[Finding]:
        return self.examine(doc).findings

    def examine(self, doc: Document) -> Examined:
        """The document's findings (in source order, with anchors and configured severities) and facts."""
        ctx = Context(self.today, shared=self._shared)
        found: dict[tuple, Finding] = {}
        facts: dict = {"words": sum(len(b.text.split()) for b in doc.blocks if b.kind not in (BOILERPLATE, CARD))}
        late = []
        try:
            for kind, rules in self._by_kind():
                module = kind_module(kind)
                if getattr(module, "AFTER_SUPPRESSIONS", False):
                    late.append((module, rules))
                    continue
                self._run(doc, module, rules, ctx, found, facts)
            directives = suppressions.find(doc)
            if directives:
                kept, covered = suppressions.apply(directives, list(found.values()))
                found = {(f.code, f.start, f.end): f for f in kept}
                if covered:
                    facts["suppressed"] = covered
                ctx.memo[UNUSED] = suppressions.unused(directives, self.rules)
            for module, rules in late:
                self._run(doc, module, rules, ctx, found, facts)
        finally:
            # What the memo holds may point back at the context (a citation table keeps it): cleared,
            # the document's working data is freed at once instead of waiting for the collector,
            # whose passes over it cost several percent of a run.
            ctx.memo.clear()
        ordered = sorted(found.values(), key=Finding.sort_key)
        if self.severity:
            ordered = [f._replace(severity=self.severity[f.code]) if f.code in self.severity else f for f in ordered]
        return Examined(anchors(doc, ordered), facts)

    def _run(self, doc, module, rules, ctx, found: dict, facts: dict) -> None:
        if hasattr(module, "check_rules"):  # the kind checks all its rules in one pass
            findings = module.check_rules(doc, [(rule, self.compiled(rule)) for rule in rules], ctx)
        else:
            findings = (f for rule in rules for f in module.check(doc, rule, self.compiled(rule), ctx))
        for f in findings:
            found.setdefault((f.code, f.start, f.end), f)
        if hasattr(module, "facts"):
            for rule in rules:
                facts.update(module.facts(doc, rule, self.compiled(rule), ctx))

    def _by_kind(self) -> list[tuple[str, list[Rule]]]:
        groups: dict[str, list[Rule]] = {}
        for rule in self.rules:
            groups.setdefault(rule.kind, []).append(rule)
        return list(groups.items())
