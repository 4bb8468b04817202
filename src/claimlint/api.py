"""The library API, which the command line itself uses: lint a string or a set of paths.

    import claimlint

    findings = claimlint.lint_text("Zinc cures colds.", path="zinc.md")
    report = claimlint.lint_paths(["articles/"])

A `Linter` holds a configuration (a `Settings`, a `Config`, or by default the configuration files
found beside each article, as the command line finds them), the parsed rule packs and one engine
per distinct resolved `Settings`. Everything a configuration says that needs the rules (a rule
code, a rule's options, an element name) is checked before any article is read. A `Linter`
pickles (its engines are rebuilt where it lands), so a Spark or Dask job can ship it to its
executors. Nothing here changes the process: no patched `re`, no collector tuning, no exit.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from dataclasses import dataclass, field

from claimlint.config import Config, ConfigError, Discovery, Layer, Settings
from claimlint.engine import Engine, kind_module
from claimlint.findings import SEVERITY_RANK, Finding
from claimlint.loaders import LoadError, decode
from claimlint.rulepacks import (Rule, RulePackError, apply_selection, configured, find_rule, load_rules, matches,
                                 message_templates, pack_paths, template_problems)
from claimlint.schemas import errors as schema_errors
from claimlint.schemas import key_path

__all__ = ["ConfigError", "FileResult", "Linter", "Report", "RunError", "lint_paths", "lint_text"]


# ------------------------------------------------------------------------------------------ results

@dataclass
class FileResult:
    """One article's outcome: its findings and facts, or why it could not be checked."""

    path: str  # as shown in the output
    findings: list[Finding] = field(default_factory=list)
    facts: dict | None = None  # words, reviewer, date, dates, updated, disclaimer (what the article gives)
    error: str | None = None
    fail_on: str = "error"
    source: str | None = None  # kept for standard input, which cannot be read again
    file: str | None = None  # the file to read again (None: standard input)
    today: dt.date | None = None  # the date it was checked against (its settings' `today`)

    @property
    def failed(self) -> bool:
        threshold = SEVERITY_RANK[self.fail_on]
        return any(SEVERITY_RANK[f.severity] >= threshold for f in self.findings)

    def text(self) -> str:
        """The article's text (read again from its file)."""
        if self.source is not None:
            return self.source
        from claimlint.loaders import read
        try:
            return read(self.file) if self.file else ""
        except LoadError:
            return ""

    def to_dict(self) -> dict:
        return {"path": self.path, "facts": self.facts, "error": self.error,
                "findings": [f.to_dict() for f in self.findings]}


@dataclass
class Report:
    """What a run found: every file's result, and the paths that could not be used at all."""

    files: list[FileResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # missing paths and the like
    excluded: list[str] = field(default_factory=list)  # left out by exclude globs or .gitignore
    skipped: list[str] = field(default_factory=list)  # named files in no format claimlint reads
    rules: list[Rule] = field(default_factory=list)  # every rule the run's settings know (selected or not)
    baseline_known: int = 0  # findings left out because the baseline records them
    baseline_gone: list = field(default_factory=list)  # baseline entries of the checked files that no longer occur

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.files for f in r.findings]

    @property
    def checked(self) -> list[FileResult]:
        return [r for r in self.files if r.error is None]

    @property
    def errors(self) -> list[str]:
        """Every message about a path or file that could not be checked."""
        return self.problems + [r.error for r in self.files if r.error is not None]

    @property
    def failed(self) -> bool:
        """A finding at or above its file's `fail-on` severity."""
        return any(r.failed for r in self.files)

    def exit_status(self) -> int:
        """0 clean, 1 a finding at or above `fail-on`, 2 a file or path could not be checked."""
        return 2 if self.errors else 1 if self.failed else 0

    def summary(self) -> dict:
        from collections import Counter
        findings = self.findings
        by_sev = Counter(f.severity for f in findings)
        return {"files": len(self.checked), "findings": len(findings), "errors": by_sev.get("error", 0),
                "warnings": by_sev.get("warning", 0), "info": by_sev.get("info", 0),
                "file_errors": len(self.errors), "suppressed": self.suppressed,
                "baseline": {"known": self.baseline_known, "gone": len(self.baseline_gone)},
                "by_rule": dict(sorted(Counter(f.rule for f in findings).items()))}

    @property
    def suppressed(self) -> int:
        """Findings that inline directives in the articles covered."""
        return sum((r.facts or {}).get("suppressed", 0) for r in self.files)

    def to_dict(self) -> dict:
        return {"version": 1, "findings": [f.to_dict() for f in self.findings], "errors": self.errors,
                "summary": self.summary()}


# ------------------------------------------------------------------------------------------ the linter

@dataclass
class _Prepared:
    engine: Engine
    index: int  # its place in the run's list of engines
    cache_key: str | None = None


class Linter:
    """Lints articles under one configuration.

    `settings`: a `Settings` (the same for every article), a `Config` (from a file or a dictionary,
    resolved per path), or None for the configuration files found beside each article. `rule_packs`
    adds pack files or folders for every article (as `--rules`); `store` is a results cache
    (`claimlint.cache.Cache`) that also keeps the parsed rule packs.
    """

    def __init__(self, settings=None, *, store=None):
        self.config = settings if settings is not None else Discovery()
        self.store = store
        self._rules: dict[tuple, list[Rule]] = {}
        self._prepared: dict[Settings, _Prepared] = {}
        self._checked: dict[int, object] = {}  # configurations checked against the rules (kept: ids stay theirs)

    def __getstate__(self):
        return {"config": self.config, "store": None, "_rules": self._rules, "_prepared": {}, "_checked": {}}

    # -- settings and rules ---------------------------------------------------------------------

    def settings_for(self, path: str | None) -> Settings:
        """The settings resolved for an article at `path`, checked against the rules."""
        config = self.config.config_for(path) if isinstance(self.config, Discovery) else self.config
        if id(config) not in self._checked:
            self._check_config(config)
        return config.resolve(path)

    def all_rules(self, settings: Settings | None = None) -> list[Rule]:
        """Every rule of the built-in packs and the settings' extra packs (selected or not)."""
        files = tuple(pack_paths(settings.rule_packs if settings else ()))
        rules = self._rules.get(files)
        if rules is None:
            rules = self._rules[files] = self._load(list(files))
        return rules

    def _load(self, files) -> list[Rule]:
        missing = [str(f) for f in files if not os.path.exists(f)]
        if missing:
            raise RulePackError(f"{missing[0]}: no such rule pack file or folder")
        if self.store is None:
            return load_rules(paths=files)
        from claimlint import cache
        key = cache.rules_key(cache.packs_digest(files), cache.code_fingerprint())
        rules = self.store.load_rules(key)
        if rules is None:
            rules = load_rules(paths=files)
            self.store.store_rules(key, rules)
        return rules

    def rules_for(self, settings: Settings) -> list[Rule]:
        """The rules that check an article under `settings`: selected, with their options."""
        rules = apply_selection(self.all_rules(settings), settings.selection)
        elements = bool(settings.metadata or settings.provided)  # what kinds translate into options
        out = []
        for rule in rules:
            options, source = dict(rule.options), rule.source
            if elements:
                module = kind_module(rule.kind)
                if hasattr(module, "apply_settings"):
                    options = module.apply_settings(options, settings)
            for key, given in settings.rules:
                if rule.code == key.upper() or rule.name == key:
                    options.update(given)
                    source = f"configuration of {rule.code}"
            out.append(configured(rule, options, source) if options != rule.options else rule)
        return out

    def engine_for(self, settings: Settings) -> Engine:
        return self._prepare(settings).engine

    def _prepare(self, settings: Settings) -> _Prepared:
        prepared = self._prepared.get(settings)
        if prepared is None:
            rules = self.rules_for(settings)
            severity = {}
            for key, value in settings.severity:
                rule = find_rule(rules, key)
                if rule is not None:
                    severity[rule.code] = value
            engine = Engine(rules, settings.today or dt.date.today(), severity, settings.loader_options())
            prepared = self._prepared[settings] = _Prepared(engine, len(self._prepared))
            if self.store is not None:
                from claimlint import cache
                packs = cache.packs_digest(pack_paths(settings.rule_packs))
                prepared.cache_key = cache.config_key(rules, engine.today, packs, cache.code_fingerprint(),
                                                      settings.digest() + repr(sorted(severity.items())))
        return prepared

    # -- checking what a configuration names -------------------------------------------------------

    def _check_config(self, config) -> None:
        """Check a configuration (a `Config` or a `Settings`) against the rules: rule codes and
        names, rule options (against the options of the rule's kind), element names. Raises
        `ConfigError`."""
        if isinstance(config, Settings):
            layers = [_settings_layer(config)]
            packs = config.rule_packs
        else:
            layers = config.layers
            packs = tuple(os.path.normpath(os.path.join(layer.root, p))
                          for layer in layers for p in layer.values.get("rule-packs", ()))
        packs = tuple(dict.fromkeys(packs))
        memo = None
        if self.store is not None and any(layer.values for layer in layers):  # checked before, unchanged?
            from claimlint import cache
            memo = json.dumps([cache.packs_digest(pack_paths(packs))] +
                              [[layer.source.path, layer.source.text, layer.keys, layer.values] for layer in layers],
                              sort_keys=True, default=str)
            if self.store.known("rules-check", memo):
                self._checked[id(config)] = config
                return
        try:
            rules = self.all_rules(Settings(rule_packs=packs))
        except RulePackError as exc:
            raise ConfigError(f"rule pack error: {exc}") from exc
        problems = []
        for layer in layers:
            problems.extend(_layer_problems(layer, rules))
        if problems:
            raise ConfigError("\n".join(problems))
        if memo is not None:
            self.store.remember("rules-check", memo)
        self._checked[id(config)] = config

    # -- linting ------------------------------------------------------------------------------------

    def lint_text(self, text: str, path: str = "-", format: str | None = None) -> list[Finding]:
        """The findings for one article given as a string; `path` names it (and so its format and,
        with discovered configuration, its settings)."""
        return self.examine_text(text, path, format).findings

    def examine_text(self, text: str, path: str = "-", format: str | None = None) -> FileResult:
        settings = self.settings_for(None if path == "-" else path)
        engine = self.engine_for(settings)
        compile_all(engine)
        fmt = format or settings.format_for(path)
        doc = engine.load(path, text, fmt)
        findings, facts = engine.examine(doc)
        return FileResult(path, findings, facts, fail_on=settings.fail_on, source=text)

    def lint_paths(self, paths, *, jobs: int = 1, stdin: bytes | None = None, stdin_filename: str | None = None,
                   zygote=None, on_ready=None, diff: str | None = None, baseline: str | None = None,
                   progress=None, timed: bool = False) -> Report:
        """Check files and folders ('-': the article in `stdin`). `jobs` > 1 checks in worker
        processes; `zygote` is the command line's spaCy-loading process (`claimlint.zygote`);
        `on_ready()` is called once the engines are ready, before the first article is checked.
        `diff`: report only what changed since this git revision (`claimlint.gitdiff`);
        `baseline`: a baseline file whose findings are not reported (`claimlint.baseline`).
        `progress(done, total)` is called as files are checked (cache hits are not counted).
        `timed`: stop a file that takes longer than its settings' `file-timeout` (the command line
        asks for it; it sets a timer signal, which a library must not do to its caller's process).
        Raises `RunError` when the diff or the baseline cannot be had."""
        from claimlint import runner
        from claimlint.discover import discover

        known = None
        if baseline is not None:
            from claimlint.baseline import Baseline, BaselineError
            try:
                known = Baseline.read(baseline)
            except BaselineError as exc:
                raise RunError(str(exc)) from None
        found = discover(paths, self._discovery_settings, self._uniform_settings)
        changed = None
        if diff is not None:
            from claimlint import gitdiff
            try:
                changed = gitdiff.changed(diff)
            except gitdiff.DiffError as exc:
                raise RunError(f"--diff {diff}: {exc}") from None
            found.files = [p for p in found.files if p == "-" or os.path.normpath(os.path.abspath(p)) in changed]
        report = Report(problems=list(found.errors), excluded=found.excluded, skipped=found.skipped)
        jobs_list, errors, per_file = [], {}, []  # per_file: (fail-on, today)
        from claimlint.discover import shown as shown_path
        for index, path in enumerate(found.files):
            shown = shown_path((stdin_filename or "-") if path == "-" else path)
            settings = self.settings_for(None if path == "-" and not stdin_filename else shown)
            prepared = self._prepare(settings)
            fmt = settings.format_for(shown)
            source = None
            if path == "-":
                try:
                    source = decode(shown, stdin if stdin is not None else sys.stdin.buffer.read())
                except LoadError as exc:
                    errors[index] = str(exc)
            jobs_list.append(runner.Job(index, shown, None if path == "-" else path, fmt, prepared.index,
                                        prepared.cache_key, source, settings.max_file_size,
                                        settings.file_timeout if timed else None))
            per_file.append((settings.fail_on, prepared.engine.today))
        store = self.store
        plan = runner.plan(jobs_list, store, errors)
        if plan.todo:  # (every file a cache hit: those rules compiled when the entries were made)
            engines = [p.engine for p in sorted(self._prepared.values(), key=lambda p: p.index)]
            for engine in engines:
                compile_all(engine)
            if on_ready is not None:
                on_ready()
            total = len(plan.todo)
            runner.execute(plan, engines, store, jobs, zygote,
                           progress=None if progress is None else (lambda done: progress(done, total)))
        every: dict[str, Rule] = {}
        for settings in self._prepared:
            for rule in self.all_rules(settings):
                every.setdefault(rule.code, rule)
        report.rules = sorted(every.values(), key=lambda r: r.code)
        for index, outcome in enumerate(plan.outcomes):
            findings = outcome.findings or []
            if changed is not None and outcome.path is not None:
                from claimlint.gitdiff import touches
                lines = changed.get(os.path.normpath(os.path.abspath(outcome.path)))
                findings = [f for f in findings if touches(f, lines)]
            report.files.append(FileResult(outcome.shown, findings, outcome.facts, outcome.error,
                                           per_file[index][0], outcome.source, outcome.path,
                                           per_file[index][1]))
        if known is not None:
            _apply_baseline(report, known)
        return report

    def _discovery_settings(self, path: str) -> Settings:
        """Settings for deciding what to check (exclude globs, formats): not yet checked against rules."""
        return self.config.resolve(path)

    def _uniform_settings(self, path: str) -> Settings | None:
        """The settings of every file beside `path`, when its configuration has no per-path sections."""
        config = self.config.config_for(path) if isinstance(self.config, Discovery) else self.config
        if isinstance(config, Settings):
            return config
        return None if any(layer.paths for layer in config.layers) else config.resolve(path)


class RunError(Exception):
    """A run that cannot be made as asked (a --diff revision git does not know, an unreadable baseline)."""


def _apply_baseline(report: Report, known) -> None:
    """Leave out of each file the findings the baseline records; count them and the entries gone."""
    checked = [r.file for r in report.files if r.error is None and r.file is not None]
    new, old, gone = known.split(report.findings, checked)
    keep = set(map(id, new))
    for result in report.files:
        result.findings = [f for f in result.findings if id(f) in keep]
    report.baseline_known, report.baseline_gone = len(old), gone


def compile_all(engine: Engine) -> None:
    """Compile every rule of an engine (a bad expression in a rule pack fails here, as a `RulePackError`)."""
    for rule in engine.rules:
        try:
            engine.compiled(rule)
        except RulePackError:
            raise
        except (ValueError, KeyError, TypeError, re.error) as exc:
            raise RulePackError(f"{rule.source}: {rule.code}: {exc}") from exc


def _settings_layer(settings: Settings) -> Layer:
    """A `Settings` made in code, seen as a layer for the checks against the rules."""
    from claimlint.config import Source
    values: dict = {}
    for step, selectors in settings.selection:
        values.setdefault(step, []).extend(selectors)
    if settings.severity:
        values["severity"] = dict(settings.severity)
    if settings.rules:
        values["rules"] = {k: v for k, v in settings.rules}
    if settings.metadata:
        values["metadata"] = {k: list(v) for k, v in settings.metadata}
    if settings.provided:
        values["provided"] = list(settings.provided)
    return Layer(values, os.getcwd(), Source("<settings>"))


def _layer_problems(layer: Layer, rules: list[Rule]) -> list[str]:
    """What a layer names that the rules do not know, as 'file:line: key: message' lines."""
    out = []
    if not any(key in layer.values for key in ("select", "extend-select", "ignore", "severity", "rules", "provided",
                                               "metadata")):
        return out
    elements = set()
    if "provided" in layer.values or "metadata" in layer.values:
        for rule in rules:
            module = kind_module(rule.kind)
            if hasattr(module, "elements"):
                elements |= module.elements(rule.options)

    def problem(keys, message):
        if layer.source.path == "command line":
            out.append(f"--{keys[0]}: {message}")
        else:
            out.append(f"{layer.where(*keys)}: {key_path(layer.keys + tuple(keys))}: {message}")

    for key in ("select", "extend-select", "ignore"):
        for i, selector in enumerate(layer.values.get(key, ())):
            if not any(matches(r, selector) for r in rules):
                problem((key, i), f"unknown rule selector '{selector}' (see claimlint --list-rules)")
    for name in layer.values.get("severity", {}):
        if find_rule(rules, name) is None:
            problem(("severity", name), f"unknown rule '{name}' (see claimlint --list-rules)")
    for name, options in layer.values.get("rules", {}).items():
        rule = find_rule(rules, name)
        if rule is None:
            problem(("rules", name), f"unknown rule '{name}' (see claimlint --list-rules)")
            continue
        wrong = schema_errors(options, "rulepack", f"/$defs/options-{rule.kind}")
        for keys, message in wrong:
            problem(("rules", name) + keys, f"{message} (an option of {rule.code}, kind '{rule.kind}': "
                                            f"see claimlint --explain {rule.code})")
        for keys, template in message_templates(options):
            for message in template_problems(template):
                problem(("rules", name) + keys, message)
        if not wrong:  # the kind's own checks: expressions that compile, values it accepts
            try:
                kind_module(rule.kind).compile(configured(rule, {**rule.options, **options}, layer.where("rules", name)))
            except re.error as exc:
                problem(("rules", name), f"invalid regular expression: {exc}")
            except (RulePackError, ValueError, TypeError, KeyError) as exc:
                problem(("rules", name), f"{exc}")
    for i, element in enumerate(layer.values.get("provided", ())):
        if element not in elements:
            problem(("provided", i), f"unknown element '{element}' (known: {', '.join(sorted(elements))})")
    for element in layer.values.get("metadata", {}):
        if element not in elements:
            problem(("metadata", element), f"unknown element '{element}' (known: {', '.join(sorted(elements))})")
    return out


# ------------------------------------------------------------------------------------------ shortcuts

def lint_text(text: str, path: str = "-", settings=None, format: str | None = None) -> list[Finding]:
    """The findings for one article given as a string (see `Linter.lint_text`)."""
    return Linter(settings).lint_text(text, path, format)


def lint_paths(paths, settings=None, jobs: int = 1) -> Report:
    """A `Report` for files and folders (see `Linter.lint_paths`)."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    return Linter(settings).lint_paths([os.fspath(p) for p in paths], jobs=jobs)


def load_config(path) -> Config:
    """A configuration file (.claimlint.yaml, claimlint.yaml or a pyproject.toml's [tool.claimlint])."""
    return Config.from_file(path)
