"""The command line: options become a configuration layer, `claimlint.api` checks, a format renders.

Exit status: 0 no finding at or above --fail-on; 1 findings at or above it; 2 a usage,
configuration, rule-pack or input error (the other files are still checked); 3 the report could
not be written; 130 interrupted (Ctrl-C).
Heavy modules are imported inside `main` so `--version` and `--help` stay fast. `entry` is the
console script: it alone tunes the collector and ends the process without the interpreter's
teardown (the library API does neither).
"""
from __future__ import annotations

import datetime as dt
import errno
import gc
import os
import re
import sys

import click

from claimlint import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_OUTPUT, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
# claimlint.formats.REGISTRY's names (not imported here, so --help stays fast; a test holds the two equal)
FORMAT_NAMES = ("text", "concise", "json", "json-lines", "sarif", "github", "gitlab", "junit", "rdjson", "html")


def _parse_today(ctx, param, value):
    if value is None:
        return None
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
@click.option("--format", "fmt", type=click.Choice(FORMAT_NAMES), default="text", show_default=True,
              help="Output format.")
@click.option("-o", "--output-file", metavar="FILE", type=click.Path(dir_okay=False),
              help="Write the report to FILE (the terminal still gets the summary line).")
@click.option("--config", "config_file", metavar="FILE", type=click.Path(dir_okay=False),
              help="Use this configuration file for every article (no discovery).")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option("--today", callback=_parse_today, metavar="YYYY-MM-DD",
              help="Reference date for every date rule (default: the configuration's, else the real date).")
@click.option("--select", multiple=True, metavar="RULES",
              help="Only these rules: codes, slug names or code prefixes (comma-separated, repeatable).")
@click.option("--extend-select", multiple=True, metavar="RULES", help="These rules as well.")
@click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rules (codes, names or prefixes).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Exit 1 when a finding has at least this severity (default: error).")
@click.option("--stdin-filename", metavar="PATH", help="Name (and so format and configuration) of the article read from '-'.")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(exists=True),
              help="Extra rule pack file or folder (repeatable).")
@click.option("--exclude", multiple=True, metavar="GLOB",
              help="Paths not to check, replacing the default list (gitignore-style globs).")
@click.option("--extend-exclude", multiple=True, metavar="GLOB", help="Paths not to check, besides the others.")
@click.option("--force-exclude", is_flag=True, help="Apply exclusions to files named on the command line too.")
@click.option("--no-respect-gitignore", is_flag=True, help="Check files that .gitignore ignores.")
@click.option("--diff", "diff_rev", metavar="REV",
              help="Report only findings on lines changed since this git revision (and document-level ones of changed files).")
@click.option("--baseline", "baseline_file", metavar="FILE", type=click.Path(dir_okay=False),
              help="Leave out the findings this baseline file records.")
@click.option("--write-baseline", "write_baseline", metavar="FILE", type=click.Path(dir_okay=False),
              help="Record the findings of this run in FILE (a baseline) and exit 0.")
@click.option("--file-timeout", type=click.FloatRange(min=0, min_open=True), metavar="SECONDS",
              help="Stop and report an article that takes longer than this (default 120).")
@click.option("--statistics", is_flag=True, help="Show how many findings each rule has, instead of the findings.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings are reported (2 still means an error).")
@click.option("-q", "--quiet", is_flag=True, help="Only the finding lines: no excerpts, no summary when clean.")
@click.option("--no-color", is_flag=True, help="Never colour the output.")
@click.option("--list-rules", is_flag=True, help="List every rule with code, name, severity and summary.")
@click.option("--explain", metavar="RULE", help="Explain one rule (code or name): rationale, options, examples.")
@click.option("--show-settings", "show_settings", metavar="PATH",
              help="Print the settings resolved for PATH and where each came from, then exit.")
@click.option("--show-files", is_flag=True, help="List the files that would be checked, then exit.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Worker processes (default: the number of cores; at most 4 per core; small runs stay in one process).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the results cache.")
@click.option("--cache-dir", metavar="DIR",
              help="Results cache folder (default: $CLAIMLINT_CACHE_DIR, else .claimlint_cache).")
@click.version_option(__version__, "-V", "--version", prog_name="claimlint")
def main(paths, fmt, output_file, config_file, isolated, today, select, extend_select, ignore, fail_on, stdin_filename, rule_dirs,
         exclude, extend_exclude, force_exclude, no_respect_gitignore, diff_rev, baseline_file, write_baseline,
         file_timeout, statistics,
         exit_zero, quiet, no_color, list_rules, explain,
         show_settings, show_files, jobs, no_cache, cache_dir):
    """Lint health articles (Markdown, HTML, plain text) for uncited claims, missing reviewers
    and dates, stale dates and unfinished text.

    PATHS are files or folders (searched for .md, .markdown, .mdx, .html, .htm, .txt); '-'
    reads standard input. Settings come from the closest .claimlint.yaml, claimlint.yaml or
    pyproject.toml [tool.claimlint] (see `claimlint init`); options here override them.
    """
    cli = {"select": _split(select) or None, "extend-select": _split(extend_select), "ignore": _split(ignore),
           "fail-on": fail_on, "today": today.isoformat() if today else None, "rule-packs": list(rule_dirs),
           "exclude": list(exclude), "extend-exclude": list(extend_exclude),
           "force-exclude": True if force_exclude else None,
           "respect-gitignore": False if no_respect_gitignore else None, "file-timeout": file_timeout}
    linting = not (list_rules or explain or show_settings or show_files)
    store = zygote = None
    if linting and not no_cache:
        from claimlint import cache
        store = cache.Cache(cache.cache_dir(cache_dir))
        if not store.usable():
            click.echo(f"claimlint: note: {store.root} holds other files and is not a claimlint cache folder: "
                       "the cache is off for this run (give --cache-dir an empty or new folder)", err=True)
            store = None
    if linting and paths:  # loads spaCy while the configuration and rule packs load here (see claimlint.zygote)
        from claimlint.zygote import Zygote
        zygote = Zygote.start(store.root if store is not None else None)
    try:
        _main(paths, cli, fmt, output_file, config_file, isolated, stdin_filename, quiet, no_color, list_rules, explain,
              show_settings, show_files, jobs, store, zygote, diff_rev, baseline_file, write_baseline, statistics,
              exit_zero)
    finally:
        if zygote is not None:
            zygote.stop()


def _main(paths, cli, fmt, output_file, config_file, isolated, stdin_filename, quiet, no_color, list_rules, explain,
          show_settings, show_files, jobs, store, zygote, diff_rev=None, baseline_file=None, write_baseline=None,
          statistics=False, exit_zero=False):
    from claimlint.api import Linter, RunError
    from claimlint.config import ConfigError, Discovery, cli_layer
    from claimlint.rulepacks import RulePackError

    if store is not None or zygote is not None:  # compiled expressions: kept in the cache folder, or handed to the zygote
        from claimlint import regexcache
        regexcache.install(store.root if store is not None else None)
    try:
        discovery = Discovery(cli_layer(cli), forced=config_file, isolated=isolated, memory=store)
        linter = Linter(discovery, store=store)
        if list_rules or explain:
            _document_rules(linter, list_rules, explain)
            return
        if show_settings:
            click.echo(_describe_settings(linter, discovery, show_settings), nl=False)
            return
        if not paths:
            raise click.UsageError("give at least one PATH (a file, a folder, or '-' for standard input)")
        if show_files:
            from claimlint.discover import discover
            found = discover(paths, linter._discovery_settings, linter._uniform_settings)
            for p in found.errors:
                click.echo(f"claimlint: {p}", err=True)
            for f in found.files:
                click.echo(f)
            sys.exit(EXIT_ERROR if found.errors else EXIT_OK)
        from claimlint import progress, runner
        bar = []

        def show_progress(done, total):
            if not bar:
                bar.append(progress.Bar(total) if progress.wanted(sys.stderr, total) else None)
            if bar[0] is not None:
                bar[0](done)

        try:
            report = linter.lint_paths(paths, jobs=jobs or runner.default_jobs(), stdin_filename=stdin_filename,
                                       zygote=zygote, on_ready=runner.startup_done, diff=diff_rev,
                                       baseline=baseline_file, progress=show_progress, timed=True)
        finally:
            if bar and bar[0] is not None:
                bar[0].close()
    except RunError as exc:
        _fail(str(exc))
    except ConfigError as exc:
        _fail(f"configuration error:\n{exc}" if "\n" in str(exc) else f"configuration error: {exc}")
    except RulePackError as exc:
        _fail(f"rule pack error: {exc}")
    if store is not None:
        from claimlint import regexcache
        regexcache.save()
    for message in report.errors:
        click.echo(f"claimlint: {message}", err=True)
    for path in report.skipped:
        click.echo(f"claimlint: note: {path}: skipped, not a format claimlint reads "
                   "(map its extension with 'formats:' in the configuration)", err=True)
    if write_baseline is not None:
        from claimlint import baseline
        try:
            _write_atomically(write_baseline, baseline.render(report.findings, write_baseline))
        except OSError as exc:
            _fail(f"{write_baseline}: cannot write the baseline: {exc.strerror or exc}", EXIT_OUTPUT)
        click.echo(f"Wrote {len(report.findings)} finding{'s' if len(report.findings) != 1 else ''} to {write_baseline}")
        sys.exit(EXIT_ERROR if report.errors else EXIT_OK)
    from claimlint.formats import Options, render
    color = fmt == "text" and output_file is None and _use_color(no_color)
    if statistics:
        from claimlint.formats.text import statistics as table
        rendered = table(report)
    else:
        rendered = render(fmt, report, Options(color=color, quiet=quiet))
    if output_file is not None:
        from claimlint.formats.text import summary_line
        try:
            _write_atomically(output_file, rendered)
        except OSError as exc:
            _fail(f"{output_file}: cannot write the report: {exc.strerror or exc}", EXIT_OUTPUT)
        click.echo(summary_line(report))
    else:
        try:
            click.echo(rendered, nl=False, color=color)  # click strips colour off a terminal unless told
            sys.stdout.flush()
        except OSError:  # the reader went away or the disk is full: the report is not whole
            sys.exit(EXIT_OUTPUT)
    status = report.exit_status()
    sys.exit(EXIT_OK if exit_zero and status == EXIT_FINDINGS else status)


def _use_color(no_color: bool) -> bool:
    """--no-color and NO_COLOR (https://no-color.org) turn colour off; FORCE_COLOR turns it on
    where standard output is not a terminal; otherwise colour only at a terminal."""
    if no_color or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def _write_atomically(path: str, text: str) -> None:
    """Write to a temporary file beside `path`, then rename it into place: a reader never sees half a report."""
    import tempfile
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".claimlint-", suffix=".part")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # as an ordinary new file would be, not mkstemp's 0600
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _document_rules(linter, list_rules: bool, explain: str | None) -> None:
    rules = linter.all_rules(linter.settings_for(None))
    if list_rules:
        from claimlint.explain import list_table
        click.echo(list_table(rules))
        return
    from claimlint.explain import explain_rule
    text = explain_rule(rules, explain)
    if text is None:
        _fail(f"unknown rule '{explain}' (see --list-rules)")
    click.echo(text)


def _describe_settings(linter, discovery, path: str) -> str:
    """The settings resolved for one file, each with where it came from (like ruff --show-settings)."""
    import yaml

    settings = linter.settings_for(path)
    _, origins = discovery.explain(path)
    config = discovery.config_for(path)
    rules = linter.rules_for(settings)
    lines = [f"# Settings for {path}",
             f"# Configuration: {config.path or 'none (defaults' + (' and the command line)' if discovery.cli else ')')}"]
    for key, value in settings.to_dict().items():
        shown = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=1 << 30).strip()
        if shown.endswith("\n..."):  # how PyYAML ends a lone scalar
            shown = shown[:-4].strip()
        lines.append(f"{key}: {shown}   # from {', '.join(origins.get(key, ['default']))}")
        if key == "rules":
            for opt, where in sorted(origins.items()):
                if opt.startswith("rules."):
                    lines.append(f"#   {opt[6:]}: from {where[0]}")
    lines.append("# Rules that check it:")
    severity = linter.engine_for(settings).severity
    for rule in rules:
        lines.append(f"#   {rule.code} {rule.name} ({severity.get(rule.code, rule.severity)})")
    return "\n".join(lines) + "\n"


def entry() -> None:
    """The console script: `claimlint init`, `claimlint clean` or a lint run; flush, and end without
    the interpreter's teardown.

    Freeing spaCy's vocabulary and every module at exit costs about a tenth of a second, a tenth
    of a short run; once the report is written nothing is left to do. The collector is paused
    while the modules and rule packs load (hundreds of thousands of objects that all live to the
    end) and then told to leave them alone.
    """
    gc.disable()
    command, args, name = main, sys.argv[1:], "claimlint"
    if args[:1] == ["init"]:
        from claimlint.init import init
        command, args, name = init, args[1:], "claimlint init"
    elif args[:1] == ["clean"]:
        from claimlint.clean import clean
        command, args, name = clean, args[1:], "claimlint clean"
    elif args[:1] == ["report"]:
        name = "claimlint report"
        try:
            args = report_args(args[1:])
        except click.UsageError as exc:
            exc.show()
            os._exit(exc.exit_code)
    try:
        command(args=args, prog_name=name, standalone_mode=False)
        code = 0
    except SystemExit as exc:
        code = exc.code
    except click.exceptions.Abort:  # Ctrl-C, as click reports it
        code = _interrupted()
    except KeyboardInterrupt:
        code = _interrupted()
    except click.ClickException as exc:  # a usage error: click's message, status 2
        exc.show()
        code = exc.exit_code
    except OSError as exc:  # standard output closed or full: the report could not be written
        if exc.errno == errno.EPIPE or isinstance(exc, BrokenPipeError):
            code = EXIT_OUTPUT
        else:
            _write_stderr(f"claimlint: cannot write the report: {exc.strerror or exc}\n")
            code = EXIT_OUTPUT
    if code is None:
        code = 0
    elif not isinstance(code, int):
        _write_stderr(f"{code}\n")
        code = 1
    try:
        sys.stdout.flush()
    except (OSError, ValueError):  # a reader that went away, a full disk: the report is incomplete
        code = EXIT_OUTPUT if code in (EXIT_OK, EXIT_FINDINGS) else code
    try:
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(code)


REPORT_FILE = "claimlint-report.html"
REPORT_HELP = f"""Usage: claimlint report [OPTIONS] PATHS... [-o FILE]

  Write a content-library health report: one self-contained HTML page (summary, freshness
  per folder, findings per rule, articles without a reviewer, a sortable table of articles
  worst first, every finding in its sentence). Default FILE: {REPORT_FILE}. The run is a
  normal run (same configuration, selection, suppressions, --today and cache); it exits 0
  when the page is written, whatever it found (2: some file could not be checked, 3: the
  page could not be written). The options are those of a lint run:

"""


def report_args(args: list[str]) -> list[str]:
    """A lint run's arguments for `claimlint report ARGS`: the html format, an output file,
    and findings that do not fail the command (the report shows them; a CI gate is a lint run)."""
    if any(a in ("-h", "--help") for a in args):
        click.echo(REPORT_HELP, nl=False)
        return ["--help"]
    if any(a == "--format" or a.startswith("--format=") for a in args):
        raise click.UsageError("claimlint report always writes HTML: leave out --format")
    wrote = any(a in ("-o", "--output-file") or a.startswith("--output-file=") or (a.startswith("-o") and len(a) > 2)
                for a in args)
    return ["--format", "html", "--exit-zero", *args, *([] if wrote else ["-o", REPORT_FILE])]


def _interrupted() -> int:
    _write_stderr("claimlint: interrupted\n")
    return EXIT_INTERRUPTED


def _write_stderr(text: str) -> None:
    try:
        sys.stderr.write(text)
    except (OSError, ValueError):
        pass


def _fail(message: str, status: int = EXIT_ERROR):
    click.echo(f"claimlint: {message}", err=True)
    sys.exit(status)
