"""The command line: parse options, wire discover → load → engine → format, set the exit status.

Exit status: 0 no finding at or above --fail-on; 1 findings at or above it; 2 a usage,
configuration, rule-pack or input error (the other files are still checked).
Heavy modules are imported inside `main` so `--version` and `--help` stay fast.
"""
from __future__ import annotations

import datetime as dt
import gc
import os
import re
import sys

import click

from claimlint import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _parse_today(ctx, param, value):
    if value is None:
        return dt.date.today()
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date in YYYY-MM-DD form") from None


def _split(values) -> list[str]:
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format.")
@click.option("--today", callback=_parse_today, metavar="YYYY-MM-DD",
              help="Reference date for every date rule (default: the real current date).")
@click.option("--select", multiple=True, metavar="RULES",
              help="Only these rules: codes, slug names or code prefixes (comma-separated, repeatable).")
@click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rules (codes, names or prefixes).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True,
              help="Exit 1 when a finding has at least this severity.")
@click.option("--stdin-filename", metavar="PATH", help="Name (and so format) of the article read from '-'.")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(exists=True),
              help="Extra rule pack file or folder (repeatable).")
@click.option("-q", "--quiet", is_flag=True, help="Only the finding lines: no excerpts, no summary when clean.")
@click.option("--no-color", is_flag=True, help="Never colour the output.")
@click.option("--list-rules", is_flag=True, help="List every rule with code, name, severity and summary.")
@click.option("--explain", metavar="RULE", help="Explain one rule (code or name): rationale, options, examples.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Worker processes (default: the number of cores; small runs stay in one process).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the results cache.")
@click.option("--cache-dir", metavar="DIR",
              help="Results cache folder (default: $CLAIMLINT_CACHE_DIR, else .claimlint_cache).")
@click.version_option(__version__, "-V", "--version", prog_name="claimlint")
def main(paths, fmt, today, select, ignore, fail_on, stdin_filename, rule_dirs, quiet, no_color,
         list_rules, explain, jobs, no_cache, cache_dir):
    """Lint health articles (Markdown, HTML, plain text) for uncited claims, missing reviewers
    and dates, stale dates and unfinished text.

    PATHS are files or folders (searched for .md, .markdown, .html, .htm, .txt); '-' reads
    standard input.
    """
    linting = not (list_rules or explain)
    store = zygote = None
    if linting and not no_cache:
        from claimlint import cache
        store = cache.Cache(cache.cache_dir(cache_dir))
    if linting and paths:  # loads spaCy while the rule packs load here (see claimlint.zygote)
        from claimlint.zygote import Zygote
        zygote = Zygote.start(store.root if store is not None else None)
    try:
        _main(paths, fmt, today, select, ignore, fail_on, stdin_filename, rule_dirs, quiet, no_color,
              list_rules, explain, jobs, store, zygote)
    finally:
        if zygote is not None:
            zygote.stop()


def _main(paths, fmt, today, select, ignore, fail_on, stdin_filename, rule_dirs, quiet, no_color,
          list_rules, explain, jobs, store, zygote):
    from claimlint.rulepacks import RulePackError, load_rules, pack_paths, select_rules, unknown_selectors

    fingerprint = None
    try:
        pack_files = pack_paths(rule_dirs)
        if store is not None:
            from claimlint import cache, regexcache
            regexcache.install(store.root)
            fingerprint = cache.packs_digest(pack_files), cache.code_fingerprint()
            rules_key = cache.rules_key(*fingerprint)
            rules = store.load_rules(rules_key)
            if rules is None:
                rules = load_rules(paths=pack_files)
                store.store_rules(rules_key, rules)
        else:
            if zygote is not None:  # the zygote gets this process's compiled expressions with the rules
                from claimlint import regexcache
                regexcache.install(None)
            rules = load_rules(paths=pack_files)
    except RulePackError as exc:
        _fail(f"rule pack error: {exc}")
    if list_rules:
        from claimlint.explain import list_table
        click.echo(list_table(rules))
        return
    if explain:
        from claimlint.explain import explain_rule
        text = explain_rule(rules, explain)
        if text is None:
            _fail(f"unknown rule '{explain}' (see --list-rules)")
        click.echo(text)
        return
    if not paths:
        raise click.UsageError("give at least one PATH (a file, a folder, or '-' for standard input)")
    selected, ignored = _split(select), _split(ignore)
    bad = unknown_selectors(rules, selected + ignored)
    if bad:
        raise click.UsageError(f"unknown rule selector(s): {', '.join(bad)} (see --list-rules)")
    rules = select_rules(rules, selected, ignored)
    config = None
    if store is not None:
        from claimlint import cache
        config = cache.config_key(rules, today, *fingerprint)
    sys.exit(run(paths, rules, today, fmt, fail_on, stdin_filename, quiet,
                 color=not no_color and fmt == "text" and sys.stdout.isatty(),
                 jobs=jobs, store=store, config=config, zygote=zygote))


def run(paths, rules, today, fmt, fail_on, stdin_filename, quiet, color, jobs=None, store=None,
        config=None, zygote=None) -> int:
    """Check `paths`; `store` is a results cache (or None) and `config` its configuration key;
    `zygote` a process loading spaCy to check with (see `claimlint.zygote`), or None."""
    from claimlint import runner
    from claimlint.discover import discover
    from claimlint.engine import Engine
    from claimlint.findings import SEVERITY_RANK
    from claimlint.formatters import render_json, render_text
    from claimlint.rulepacks import RulePackError

    files, problems = discover(paths)
    for p in problems:
        click.echo(f"claimlint: {p}", err=True)
    plan = runner.plan(files, stdin_filename, store if config else None, config)
    hits = sum(o.findings is not None for o in plan.outcomes)
    if plan.todo or not hits:  # every file a cache hit: those rules compiled when the entries were made
        try:
            engine = Engine(rules, today)
            for rule in rules:
                engine.compiled(rule)
        except (RulePackError, ValueError, KeyError, TypeError, re.error) as exc:
            _fail(f"rule pack error: {exc}")
        runner.startup_done()
        runner.execute(plan, engine, store if config else None, jobs or runner.default_jobs(), config, zygote)
    if store is not None:
        from claimlint import regexcache
        regexcache.save()
    findings, checked = [], 0
    for outcome in plan.outcomes:
        if outcome.error is not None:
            problems.append(outcome.error)
            click.echo(f"claimlint: {outcome.error}", err=True)
            continue
        findings.extend(outcome.findings)
        checked += 1
    sources = runner.Sources(plan.outcomes)
    if fmt == "json":
        click.echo(render_json(findings, checked, len(problems), problems), nl=False)
    else:
        click.echo(render_text(findings, checked, sources, color, quiet, len(problems)), nl=False)
    if problems:
        return EXIT_ERROR
    threshold = SEVERITY_RANK[fail_on]
    return EXIT_FINDINGS if any(SEVERITY_RANK[f.severity] >= threshold for f in findings) else EXIT_OK


def entry() -> None:
    """The console script: run `main`, flush, and end without the interpreter's teardown.

    Freeing spaCy's vocabulary and every module at exit costs about a tenth of a second, a tenth
    of a short run; once the report is written nothing is left to do. The collector is paused
    while the modules and rule packs load (hundreds of thousands of objects that all live to the
    end) and then told to leave them alone.
    """
    gc.disable()
    try:
        main(standalone_mode=True)
        code = 0
    except SystemExit as exc:
        code = exc.code
    if code is None:
        code = 0
    elif not isinstance(code, int):
        sys.stderr.write(f"{code}\n")
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        pass
    os._exit(code)


def _fail(message: str):
    click.echo(f"claimlint: {message}", err=True)
    sys.exit(EXIT_ERROR)
