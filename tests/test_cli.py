"""The command line as a user meets it: the installed CLI, run in a subprocess on real files.

Exit statuses, --fail-on, --select/--ignore, file errors, folder discovery, standard input,
--today, --version, --list-rules, --explain, the text and JSON formats, and the promise that an
article is never modified. Runs that need no claim rule select a few rules so that spaCy is
never loaded; the runs over the claim-heavy articles are shared through module fixtures.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import claimlint
from claimlint.rulepacks import load_rules

TODAY = "2026-11-24"
RULES = load_rules()
ALL_CODES = {r.code for r in RULES}


def run(*args, input: bytes | None = None, cwd=None) -> subprocess.CompletedProcess:
    """`python -m claimlint ARGS` with the interpreter running the tests; text decoded as UTF-8."""
    proc = subprocess.run([sys.executable, "-m", "claimlint", *map(str, args)], input=input,
                          capture_output=True, cwd=cwd, timeout=120)
    proc.out = proc.stdout.decode("utf-8")
    proc.err = proc.stderr.decode("utf-8")
    return proc


def run_json(*args, **kw):
    proc = run("--format", "json", "--today", TODAY, *args, **kw)
    return proc, json.loads(proc.out)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


CLEAN = ("---\ntitle: Zinc and your diet\n---\n\n"
         "Medically reviewed by Dr Ana Ruiz\n\n"
         "Last updated: 3 March 2026\n\n"
         "Zinc is a mineral found in meat, shellfish and seeds.\n\n"
         "This article is for information only and is not a substitute for professional medical advice.\n")
# Only a warning: no disclaimer.
WARN_ONLY = ("Medically reviewed by Dr Ana Ruiz\n\n"
             "Last updated: 3 March 2026\n\n"
             "Zinc is a mineral found in meat, shellfish and seeds.\n")
# An error: no reviewer.
ERROR = ("Last updated: 3 March 2026\n\n"
         "Zinc is a mineral found in meat, shellfish and seeds.\n\n"
         "This article is for information only and is not a substitute for professional medical advice.\n")
# Findings of many rules: CL101, CL103, CL201, CL202, CL301, CL403 (and no CL102: it has a date).
MIXED = ("Last updated: 3 March 2025\n\n"
         "Zinc lozenges cure a cold overnight.\n\n"
         "Roughly 7 in 10 users saw fewer colds last winter.\n\n"
         "The lozenges were approved in TK.\n")


# --------------------------------------------------------------------------------------------
# exit statuses and --fail-on
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("article,fail_on,status", [
    (CLEAN, None, 0),
    (WARN_ONLY, None, 0), (WARN_ONLY, "warning", 1), (WARN_ONLY, "info", 1),
    (ERROR, "error", 1),
], ids=["clean", "warning-only", "warning-only-fail-on-warning", "warning-only-fail-on-info", "error"])
def test_exit_status_and_fail_on(tmp_path, article, fail_on, status):
    path = write(tmp_path / "article.md", article)
    args = ["--today", TODAY, "--no-color", path] + (["--fail-on", fail_on] if fail_on else [])
    proc = run(*args)
    assert proc.returncode == status, proc.out + proc.err
    assert proc.err == ""
    assert proc.out.splitlines()[-1].startswith("Found")
    if article is CLEAN:
        assert proc.out == "Found 0 problems (0 errors, 0 warnings, 0 info) in 1 file.\n"


@pytest.mark.parametrize("article,status", [(CLEAN, 0), (ERROR, 1)], ids=["clean", "error"])
def test_quiet_prints_finding_lines_only(tmp_path, article, status):
    path = write(tmp_path / "article.md", article)
    proc = run("--today", TODAY, "-q", "--no-color", path)
    assert proc.returncode == status
    if article is CLEAN:
        assert proc.out == ""  # no summary when clean
    else:
        lines = proc.out.splitlines()
        assert lines[0].startswith(f"{path}:1:1: error CL101 [missing-reviewer] ")
        assert not any(line.startswith("    ") for line in lines), "quiet output has no excerpts"


@pytest.mark.parametrize("args", [
    ["--fail-on", "critical"],
    ["--no-such-option"],
], ids=["bad-fail-on", "unknown-option"])
def test_usage_errors_exit_2(tmp_path, args):
    path = write(tmp_path / "clean.md", CLEAN)
    proc = run("--today", TODAY, *args, path)
    assert proc.returncode == 2
    assert proc.err.strip()


def test_no_path_is_a_usage_error():
    proc = run("--today", TODAY)
    assert proc.returncode == 2
    assert "PATH" in proc.err


# --------------------------------------------------------------------------------------------
# --select / --ignore
# --------------------------------------------------------------------------------------------

# Claim rules load spaCy (slow to start), so only the CL2 case runs them.
@pytest.mark.parametrize("args,codes", [
    (["--select", "CL403", "--select", "missing-disclaimer"], {"CL403", "CL103"}),
    (["--select", "CL2"], {"CL201", "CL202"}),
    (["--select", "CL1,placeholder-text", "--select", "CL3"], {"CL101", "CL103", "CL403", "CL301"}),
    (["--select", "CL1,CL3", "--ignore", "missing-disclaimer", "--ignore", "CL301"], {"CL101"}),
    (["--ignore", "CL2,stale-update-date", "--ignore", "CL101"], {"CL103", "CL403"}),
], ids=["code-and-slug", "prefix", "comma-separated-and-repeated", "select-then-ignore", "ignore"])
def test_select_and_ignore(tmp_path, args, codes):
    path = write(tmp_path / "mixed.md", MIXED)
    proc, out = run_json(*args, path)
    assert proc.returncode in (0, 1), proc.err
    assert {f["code"] for f in out["findings"]} == codes


@pytest.mark.parametrize("option,selector", [
    ("--select", "CL777"),
    ("--ignore", "CL201,uncited-statistics"),
])
def test_unknown_selector_exits_2_with_message(tmp_path, option, selector):
    path = write(tmp_path / "mixed.md", MIXED)
    proc = run("--today", TODAY, option, selector, path)
    assert proc.returncode == 2
    bad = selector.split(",")[-1]
    assert "unknown rule selector" in proc.err and bad in proc.err
    assert proc.out == ""


# --------------------------------------------------------------------------------------------
# input errors: every other file is still checked
# --------------------------------------------------------------------------------------------

def _error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip()]


def test_missing_path_is_named_and_other_files_checked(tmp_path):
    # The other files hold only a warning, so without the missing path the exit status would be 0.
    first = write(tmp_path / "a.md", WARN_ONLY)
    missing = tmp_path / "no-such-article.md"
    last = write(tmp_path / "z.md", WARN_ONLY)
    proc = run("--today", TODAY, "--no-color", first, missing, last)
    assert proc.returncode == 2
    errors = _error_lines(proc.err)
    assert len(errors) == 1 and str(missing) in errors[0], proc.err
    assert f"{first}:1:1: warning CL103 [missing-disclaimer]" in proc.out
    assert f"{last}:1:1: warning CL103 [missing-disclaimer]" in proc.out
    assert proc.out.splitlines()[-1] == \
        "Found 2 problems (0 errors, 2 warnings, 0 info) in 2 files, 1 could not be checked."


@pytest.mark.parametrize("fmt", ["json"])
def test_non_utf8_file_is_named_and_other_files_checked(tmp_path, fmt):
    bad = tmp_path / "a-latin1.md"
    bad.write_bytes(b"Medically reviewed by Dr Ana Ruiz\n\ncaf\xe9\n")
    good = write(tmp_path / "b.md", ERROR)
    proc = run("--today", TODAY, "--format", fmt, "--select", "CL1", bad, good)
    assert proc.returncode == 2
    errors = _error_lines(proc.err)
    assert len(errors) == 1 and str(bad) in errors[0] and "UTF-8" in errors[0], proc.err
    if fmt == "json":
        out = json.loads(proc.out)
        assert {f["path"] for f in out["findings"]} == {str(good)}
        assert len(out["errors"]) == 1 and str(bad) in out["errors"][0]
    else:
        assert f"{good}:1:1: error CL101 [missing-reviewer]" in proc.out
        assert str(bad) not in proc.out.replace(str(good), "")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_is_named_and_other_files_checked(tmp_path):
    locked = write(tmp_path / "locked.md", ERROR)
    locked.chmod(0)
    good = write(tmp_path / "good.md", ERROR)
    try:
        proc = run("--today", TODAY, "--select", "CL1", locked, good)
    finally:
        locked.chmod(0o644)
    assert proc.returncode == 2
    errors = _error_lines(proc.err)
    assert len(errors) == 1 and str(locked) in errors[0]
    assert f"{good}:1:1: error CL101" in proc.out


# --------------------------------------------------------------------------------------------
# folders and standard input
# --------------------------------------------------------------------------------------------

def test_folder_is_searched_recursively_for_article_extensions(tmp_path):
    root = tmp_path / "site"
    wanted = [root / "top.md", root / "a" / "page.markdown", root / "a" / "b" / "page.html",
              root / "a" / "b" / "c" / "old.htm", root / "notes" / "plain.txt"]
    ignored = [root / "README.rst", root / "a" / "data.json", root / "a" / "b" / "config.yaml",
               root / "a" / "script.py", root / "notes" / "table.csv", root / "notes" / "draft.md.bak",
               root / "notes" / "article.docx", root / "a" / "b" / "c" / "noext"]
    for p in wanted + ignored:
        write(p, "Zinc is a mineral found in meat.\n")
    proc, out = run_json("--select", "missing-reviewer", root)
    assert proc.returncode == 1
    found = {os.path.realpath(f["path"]) for f in out["findings"]}
    assert found == {os.path.realpath(p) for p in wanted}
    assert out["summary"]["files"] == len(wanted)


STDIN_LINK = "See [the dosing chart](/charts/dosing) before you start.\n"


@pytest.mark.parametrize("name,shown,broken", [
    ("dosing.md", "dosing.md", False),   # Markdown: a link, not broken
    (None, "-", True),                   # no name: shown as '-', read as plain text
])
def test_stdin_filename_decides_path_and_format(name, shown, broken):
    args = ["--select", "broken-link", "-"] + (["--stdin-filename", name] if name else [])
    proc, out = run_json(*args, input=STDIN_LINK.encode("utf-8"))
    assert proc.returncode == (1 if broken else 0), proc.err
    assert out["summary"]["files"] == 1
    if broken:
        (f,) = out["findings"]
        assert f["path"] == shown and f["rule"] == "broken-link"
        assert f["text"] == "[the dosing chart](/charts/dosing)"
    else:
        assert out["findings"] == []


def test_stdin_placeholder_depends_on_format():
    """`{{ reviewer }}` is template debris in HTML but site-generator markup in Markdown."""
    page = b"<p>Medically reviewed by {{ reviewer }}</p>\n"
    html = run("--today", TODAY, "--no-color", "--select", "placeholder-text", "--stdin-filename", "page.html",
               "-", input=page)
    assert html.returncode == 1
    assert html.out.startswith("page.html:1:26: error CL403 [placeholder-text] ")


# --------------------------------------------------------------------------------------------
# --today
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", [
    "2026-02-30", "24/11/2026",
    "20261124", "2026-W48-2",
])
def test_invalid_today_exits_2(tmp_path, value):
    path = write(tmp_path / "clean.md", CLEAN)
    proc = run("--today", value, path)
    assert proc.returncode == 2
    assert "--today" in proc.err
    assert proc.out == ""


def test_today_is_the_reference_for_date_rules(tmp_path):
    write(tmp_path / "stale.md", "Last updated: 3 March 2025\n\nZinc is a mineral.\n")
    write(tmp_path / "future.md", "Last reviewed: 12 January 2027\n\nZinc is a mineral.\n")
    write(tmp_path / "fresh.md", "Last updated: 3 March 2026\n\nZinc is a mineral.\n")
    proc, out = run_json("--select", "CL3", tmp_path)
    got = {(os.path.basename(f["path"]), f["rule"]) for f in out["findings"]}
    assert got == {("stale.md", "stale-update-date"), ("future.md", "future-date")}
    later = run("--format", "json", "--today", "2027-01-15", "--select", "CL3", tmp_path)
    got = {(os.path.basename(f["path"]), f["rule"]) for f in json.loads(later.out)["findings"]}
    assert got == {("stale.md", "stale-update-date")}


# --------------------------------------------------------------------------------------------
# --version, --list-rules, --explain
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(flag):
    proc = run(flag)
    assert proc.returncode == 0
    assert claimlint.__version__ in proc.out
    assert re.search(r"\d+\.\d+\.\d+", proc.out)


def test_list_rules_lists_every_code_and_name():
    proc = run("--list-rules")
    assert proc.returncode == 0
    rows = {line.split()[0]: line for line in proc.out.splitlines()[1:] if line.strip()}
    assert set(rows) == ALL_CODES
    for rule in RULES:
        assert rule.name in rows[rule.code] and rule.severity in rows[rule.code]
    for code in ("CL101", "CL102", "CL103", "CL201", "CL202", "CL203", "CL301", "CL302", "CL401", "CL402",
                 "CL403", "CL501", "CL502", "CL901", "CL902"):
        assert code in rows


@pytest.mark.parametrize("key", ["uncited-statistic", "CL201"])
def test_explain_prints_rationale_and_examples(key):
    proc = run("--explain", key)
    assert proc.returncode == 0
    rule = next(r for r in RULES if r.code == "CL201")
    assert proc.out.startswith("CL201 uncited-statistic")
    assert rule.summary in proc.out
    assert rule.rationale.splitlines()[0] in proc.out
    assert "Reported:" in proc.out and "Not reported:" in proc.out
    assert rule.examples["report"][0].strip() in proc.out
    assert rule.examples["quiet"][0].strip() in proc.out


@pytest.mark.parametrize("key", ["no-such-rule"])
def test_explain_unknown_rule_exits_2(key):
    proc = run("--explain", key)
    assert proc.returncode == 2
    assert key in proc.err
    assert proc.out == ""


# --------------------------------------------------------------------------------------------
# output formats, on a shared folder of articles (two CLI runs for all the tests below)
# --------------------------------------------------------------------------------------------

ARTICLES = {
    # Non-ASCII and astral characters before a span; a span broken over two lines.
    "unicode.md": ("# Café notes 🙂\n\nMedically reviewed by Dr Zoë Ærø\n\nLast updated: 3 March 2026\n\n"
                   "À café’s “tea” 🙂🙂 — roughly 7 in 10 users saw fewer colds.\n\n"
                   "The cream heals\nsunburn overnight.\n"),
    # Windows line ends.
    "windows.md": ("Medically reviewed by Dr Ana Ruiz\r\n\r\nLast updated: 3 March 2026\r\n\r\n"
                   "The spray is the best treatment for hay fever.\r\n"
                   "About 6 in 10 patients felt less pain.\r\n"),
    # HTML: entities inside spans, markup splitting a sentence.
    "page.html": ("<html><head><title>Zinc &amp; colds</title></head><body>\n"
                  "<p>Medically reviewed by Dr Ana Ruiz</p><p>Last updated: 3 March 2026</p>\n"
                  "<p>Zinc&nbsp;lozenges cure a cold &amp; have no side effects.</p>\n"
                  "<p>Sixty&nbsp;per cent of users said their sleep improved.</p>\n"
                  "<p>A <b>gentle,\nside-effect-free</b> formula.</p></body></html>\n"),
    # Plain text: claims, a broken link, an unfinished paragraph, a placeholder.
    "notes/plain.txt": ("Last updated: 3 March 2026\n\n"
                        "The patch is well tolerated. About 40,000 people use it and 58% of children saw fewer "
                        "spots.\n\nThe gel was approved in TK.\n\nSee [our guide]() for the rest of the\n"),
    # A reference cut off after its colon.
    "refs.md": ("Medically reviewed by Dr Ana Ruiz\n\nLast updated: 3 March 2026\n\n"
                "Roughly 3 in 4 users slept better [1].\n\n## References\n\n"
                "1. Okafor B. Magnesium and sleep. Available at:\n"),
}

FINDING_LINE = re.compile(r"^(?P<path>\S.*?):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning|info) "
                          r"(?P<code>[A-Z]{2,4}\d{3}) \[(?P<rule>[a-z0-9-]+)\] (?P<message>.+)$")


def _snapshot(folder: Path) -> dict:
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("articles")
    for name, text in ARTICLES.items():
        write(folder / name, text)
    before = _snapshot(folder)
    as_json = run("--format", "json", "--today", TODAY, ".", cwd=folder)
    as_text = run("--no-color", "--today", TODAY, ".", cwd=folder)
    after = _snapshot(folder)
    return folder, as_json, json.loads(as_json.out), as_text, before, after


def _source(folder: Path, path: str) -> str:
    return (folder / path).read_bytes().decode("utf-8")


def _offset(source: str, line: int, column: int) -> int:
    """Offset of a 1-based (line, column), columns counted in characters."""
    lines = source.split("\n")
    assert 1 <= line <= len(lines)
    assert 1 <= column <= len(lines[line - 1]) + 1
    return sum(len(x) + 1 for x in lines[: line - 1]) + column - 1


def test_articles_are_never_modified(outputs):
    folder, *_ignored, before, after = outputs
    assert after == before  # same files, same bytes, same modification times


def test_json_shape_and_summary(outputs):
    folder, proc, out, *_ = outputs
    assert proc.returncode == 1 and proc.err == ""
    assert set(out) == {"version", "findings", "errors", "summary"} and out["version"] == 1
    assert out["errors"] == []
    keys = {"path", "line", "column", "end_line", "end_column", "code", "rule", "severity", "message", "text",
            "scope", "fingerprint"}
    for f in out["findings"]:
        assert set(f) == keys
        assert f["severity"] in ("error", "warning", "info")
        assert f["scope"] == ("document" if f["code"] in ("CL101", "CL102", "CL103") else "span")
        assert re.fullmatch(r"[0-9a-f]{32}", f["fingerprint"])
    assert len({f["fingerprint"] for f in out["findings"]}) == len(out["findings"])
    s = out["summary"]
    assert s["files"] == len(ARTICLES) and s["file_errors"] == 0
    assert s["findings"] == len(out["findings"]) == s["errors"] + s["warnings"] + s["info"]
    assert s["errors"] == sum(f["severity"] == "error" for f in out["findings"])
    by_rule = {}
    for f in out["findings"]:
        by_rule[f["rule"]] = by_rule.get(f["rule"], 0) + 1
    assert s["by_rule"] == by_rule
    # the sample covers the rules below, so the span check that follows means something
    assert {"CL201", "CL202", "CL203", "CL401", "CL403", "CL501", "CL502"} <= {f["code"] for f in out["findings"]}


def test_json_text_is_the_source_slice(outputs):
    folder, _proc, out, *_ = outputs
    for f in out["findings"]:
        source = _source(folder, f["path"])
        start = _offset(source, f["line"], f["column"])
        end = _offset(source, f["end_line"], f["end_column"])
        assert (f["line"], f["column"]) <= (f["end_line"], f["end_column"])
        assert source[start:end] == f["text"], f


def test_json_spans_with_unicode_crlf_entities_and_line_breaks(outputs):
    _folder, _proc, out, *_ = outputs
    spans = {(os.path.normpath(f["path"]), f["code"], f["text"]): f for f in out["findings"]}
    f = spans[("unicode.md", "CL201", "roughly 7 in 10 users")]
    assert (f["line"], f["column"], f["end_column"]) == (7, 21, 42)  # characters, not bytes or UTF-16 units
    f = spans[("unicode.md", "CL202", "heals\nsunburn")]
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (9, 11, 10, 8)
    f = spans[("windows.md", "CL201", "About 6 in 10 patients")]
    assert (f["line"], f["column"], f["end_column"]) == (6, 1, 23)
    assert ("page.html", "CL201", "Sixty&nbsp;per cent of users") in spans
    assert ("page.html", "CL202", "cure a cold") in spans


def test_text_output_lines_excerpts_and_summary(outputs):
    folder, _proc, out, text, *_ = outputs
    assert text.returncode == 1 and text.err == ""
    assert "\x1b[" not in text.out
    lines = text.out.splitlines()
    assert lines[-1].startswith("Found ")
    s = out["summary"]
    assert lines[-1] == (f"Found {s['findings']} problems ({s['errors']} errors, {s['warnings']} warnings, "
                         f"{s['info']} info) in {s['files']} files.")
    assert "claimlint --explain CODE" in lines[-2]
    body = lines[:-2]
    # each finding: its line, then for a span an excerpt and the carets (a document-level finding has none)
    assert len(body) == sum(1 if f["scope"] == "document" else 3 for f in out["findings"])
    assert any(f["scope"] == "document" for f in out["findings"])
    at = 0
    for f in out["findings"]:
        head = body[at]
        m = FINDING_LINE.match(head)
        assert m, head
        assert (m["path"], int(m["line"]), int(m["col"]), m["severity"], m["code"], m["rule"], m["message"]) == \
               (f["path"], f["line"], f["column"], f["severity"], f["code"], f["rule"], f["message"])
        if f["scope"] == "document":
            at += 1
            continue
        excerpt, carets = body[at + 1:at + 3]
        at += 3
        source_line = _source(folder, f["path"]).split("\n")[f["line"] - 1].rstrip("\r")
        assert excerpt == "    " + source_line
        assert carets.strip() and set(carets.strip()) == {"^"}, carets
        start = len(carets) - len(carets.lstrip())
        assert start == 4 + f["column"] - 1, (head, carets)
        width = len(carets.strip())
        if f["end_line"] == f["line"]:
            assert width == f["end_column"] - f["column"], (head, carets)
        else:
            assert width == len(source_line) - f["column"] + 1, (head, carets)


def test_messages_have_no_unfilled_placeholders(outputs):
    _folder, _proc, out, *_ = outputs
    assert any(f["rule"] == "empty-reference" for f in out["findings"])
    for f in out["findings"]:
        assert not re.search(r"\{[a-z_]+\}", f["message"]), f["message"]


def test_which_metadata_keys_count_is_a_rule_option(tmp_path):
    """A team whose front matter says `published_on` adds a pack rule that reads that key."""
    pack = tmp_path / "house.yaml"
    pack.write_text(
        "pack: house\n"
        "rules:\n"
        "  - code: CL190\n"
        "    name: missing-house-date\n"
        "    kind: required\n"
        "    severity: error\n"
        "    summary: No house date.\n"
        "    message: no published_on date\n"
        "    rationale: House style keeps the date in published_on.\n"
        "    options:\n"
        "      dates: true\n"
        "      date_meta_keys: [published_on]\n"
        "      meta_keys: []\n", encoding="utf-8")
    article = tmp_path / "a.md"
    article.write_text("---\npublished_on: 2026-10-01\n---\n\nZinc is a mineral.\n", encoding="utf-8")
    proc, result = run_json("--rules", pack, "--select", "CL102,CL190", article)
    assert [f["rule"] for f in result["findings"]] == ["missing-update-date"], proc.err


def test_invalid_regular_expression_in_a_pack_names_the_rule_and_exits_2(tmp_path):
    pack = tmp_path / "house.yaml"
    pack.write_text("pack: house\nrules:\n  - code: HS901\n    name: bad-regex\n    kind: pattern\n"
                    "    severity: error\n    summary: s\n    message: m\n    options:\n      patterns:\n"
                    "        - pattern: 'foo(bar'\n", encoding="utf-8")
    article = tmp_path / "a.md"
    article.write_text("Fine text.\n", encoding="utf-8")
    proc = run("--today", TODAY, "--rules", pack, article)
    assert proc.returncode == 2
    assert f"{pack}:3: HS901 has an invalid regular expression" in proc.err


def test_excerpts_are_shown_when_articles_are_checked_in_worker_processes(tmp_path):
    for i in range(12):
        (tmp_path / f"a{i:02}.md").write_text(f"# Zinc {i}\n\nZinc cut colds by {i + 20}% in adults.\n" + "Filler text here. " * 300
                                              + "\n", encoding="utf-8")
    proc = run("--today", TODAY, "--no-cache", "--jobs", "2", "--select", "CL201", tmp_path)
    lines = proc.out.splitlines()
    for i in range(12):
        at = lines.index(next(l for l in lines if l.startswith(f"{tmp_path / f'a{i:02}.md'}:3:")))
        assert lines[at + 1].strip().startswith("Zinc cut colds by")
        assert "^" in lines[at + 2]
