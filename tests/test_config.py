"""Configuration files as a team uses them: the installed CLI, run in temporary folders.

Discovery (closest file wins, pyproject.toml, extend, --config, --isolated), what a file can say
(selection, severities, fail-on, rule options, per-path overrides, provided elements, metadata
keys, formats, exclude globs and .gitignore), errors that name file, line and key, the cache
keyed by the resolved settings, `claimlint init`, --show-settings and --show-files.
Runs select the non-claim rules where they can, so spaCy is rarely loaded.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

TODAY = "2026-11-24"
# A reviewer, a date (3 March 2025: 20 months before TODAY), a disclaimer: only CL301 fires (limit 12).
STALE = ("Medically reviewed by Dr Ana Ruiz\n\nLast updated: 3 March 2025\n\n"
         "Zinc is a mineral found in meat, shellfish and seeds.\n\n"
         "This article is for information only and is not a substitute for professional medical advice.\n")
NO_REVIEWER = ("Last updated: 3 March 2026\n\nZinc is a mineral found in meat, shellfish and seeds.\n\n"
               "This article is for information only and is not a substitute for professional medical advice.\n")
NO_DISCLAIMER = "Medically reviewed by Dr Ana Ruiz\n\nLast updated: 3 March 2026\n\nZinc is a mineral found in meat.\n"
NON_CLAIM = "CL1,CL3,CL4,CL5,CL9"


def run(*args, cwd=None, input: bytes | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "claimlint", *map(str, args)], capture_output=True, cwd=cwd,
                          input=input, timeout=120)
    proc.out, proc.err = proc.stdout.decode(), proc.stderr.decode()
    return proc


def findings(*args, cwd) -> list[dict]:
    proc = run("--format", "json", "--no-cache", *args, cwd=cwd)
    assert proc.returncode in (0, 1), proc.err
    return json.loads(proc.out)["findings"]


def codes(*args, cwd) -> dict[str, set[str]]:
    """{path: {codes}} of a JSON run."""
    out: dict[str, set[str]] = {}
    for f in findings(*args, cwd=cwd):
        out.setdefault(f["path"], set()).add(f["code"])
    return out


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------------
# discovery
# --------------------------------------------------------------------------------------------

def test_the_closest_configuration_file_wins(tmp_path):
    write(tmp_path / ".claimlint.yaml", f"today: {TODAY}\nselect: [{NON_CLAIM}]\nignore: [CL301]\n")
    write(tmp_path / "health" / "claimlint.yaml", f"today: {TODAY}\nselect: [CL3]\n")
    write(tmp_path / "a.md", STALE)
    write(tmp_path / "health" / "b.md", STALE)
    write(tmp_path / "health" / "deep" / "c.md", STALE)
    got = codes(".", cwd=tmp_path)
    assert "a.md" not in {Path(p).name for p in got}  # CL301 ignored at the top
    assert got[str(Path("health/b.md"))] == {"CL301"} and got[str(Path("health/deep/c.md"))] == {"CL301"}
    # the nested file does not inherit the top one's `ignore`: it is a whole configuration
    write(tmp_path / "health" / "claimlint.yaml", f"today: {TODAY}\nselect: [CL1]\n")
    assert codes(".", cwd=tmp_path) == {}


def test_pyproject_table_counts_and_a_pyproject_without_it_is_passed_over(tmp_path):
    write(tmp_path / "pyproject.toml", f'[tool.claimlint]\ntoday = "{TODAY}"\nselect = ["CL301"]\n'
                                       '[tool.claimlint.rules.CL301]\nmax_age_months = 24\n')
    write(tmp_path / "site" / "pyproject.toml", '[project]\nname = "site"\n')  # no [tool.claimlint]
    write(tmp_path / "site" / "a.md", STALE)
    assert codes(".", cwd=tmp_path) == {}  # 20 months < 24: the root pyproject applies
    write(tmp_path / "pyproject.toml", f'[tool.claimlint]\ntoday = {TODAY}\nselect = ["CL301"]\n')
    assert codes(".", cwd=tmp_path) == {str(Path("site/a.md")): {"CL301"}}


def test_extend_inherits_and_the_extending_file_wins(tmp_path):
    write(tmp_path / "base.yaml", f"today: {TODAY}\nselect: [{NON_CLAIM}]\nrules:\n  CL301: {{max_age_months: 24}}\n")
    write(tmp_path / "team" / ".claimlint.yaml", "extend: ../base.yaml\nignore: [CL103]\n")
    write(tmp_path / "team" / "stale.md", STALE)
    write(tmp_path / "team" / "nodisclaimer.md", NO_DISCLAIMER)
    assert codes(".", cwd=tmp_path / "team") == {}  # 24 months from the base; CL103 ignored here
    write(tmp_path / "team" / ".claimlint.yaml", "extend: ../base.yaml\nrules:\n  CL301: {max_age_months: 10}\n")
    assert codes(".", cwd=tmp_path / "team") == {"nodisclaimer.md": {"CL103"}, "stale.md": {"CL301"}}


def test_config_option_forces_one_file_and_isolated_ignores_them_all(tmp_path):
    write(tmp_path / ".claimlint.yaml", f"today: {TODAY}\nselect: [CL103]\n")
    write(tmp_path / "other.yaml", f"today: {TODAY}\nselect: [CL301]\n")
    write(tmp_path / "a.md", STALE + "\n")
    write(tmp_path / "b.md", NO_DISCLAIMER)
    assert codes(".", cwd=tmp_path) == {"b.md": {"CL103"}}
    assert codes("--config", "other.yaml", ".", cwd=tmp_path) == {"a.md": {"CL301"}}
    isolated = codes("--isolated", "--today", TODAY, "--select", NON_CLAIM, ".", cwd=tmp_path)
    assert isolated == {"a.md": {"CL301"}, "b.md": {"CL103"}}


def test_command_line_options_override_the_file(tmp_path):
    write(tmp_path / ".claimlint.yaml", f"today: {TODAY}\nselect: [CL103]\nfail-on: warning\n")
    write(tmp_path / "b.md", NO_DISCLAIMER)
    assert run("--no-cache", "b.md", cwd=tmp_path).returncode == 1  # a warning fails under the file's fail-on
    assert run("--no-cache", "--fail-on", "error", "b.md", cwd=tmp_path).returncode == 0
    assert codes("--select", "CL301", "b.md", cwd=tmp_path) == {}
    assert codes("--today", "2028-01-01", "--select", "CL301", "b.md", cwd=tmp_path) == {"b.md": {"CL301"}}


# --------------------------------------------------------------------------------------------
# what a file can say
# --------------------------------------------------------------------------------------------

def test_a_rule_option_changes_what_is_reported(tmp_path):
    write(tmp_path / "a.md", STALE)
    write(tmp_path / ".claimlint.yaml", f"today: {TODAY}\nselect: [CL301]\n")
    [f] = findings("a.md", cwd=tmp_path)
    assert "limit 12 months" in f["message"]
    write(tmp_path / ".claimlint.yaml", f"today: {TODAY}\nselect: [CL301]\nrules:\n  stale-update-date:\n"
                                        "    max_age_months: 24\n")
    assert findings("a.md", cwd=tmp_path) == []


def test_an_override_changes_whether_and_at_what_severity_a_finding_is_reported(tmp_path):
    write(tmp_path / ".claimlint.yaml", f"""today: {TODAY}
select: [{NON_CLAIM}]
overrides:
  - paths: ["news/**"]
    rules:
      CL301: {{max_age_months: 36}}
  - paths: ["shop/*.md"]
    severity:
      CL301: error
  - paths: ["guides/"]
    ignore: [stale-update-date]
""")
    for folder in ("news", "shop", "guides", "other"):
        write(tmp_path / folder / "a.md", STALE)
    got = {f["path"]: f["severity"] for f in findings(".", cwd=tmp_path) if f["code"] == "CL301"}
    assert got == {str(Path("other/a.md")): "warning", str(Path("shop/a.md")): "error"}


def test_severity_per_rule_and_extend_select(tmp_path):
    write(tmp_path / ".claimlint.yaml", f"today: {TODAY}\nselect: [CL301]\nextend-select: [missing-disclaimer]\n"
                                        "severity:\n  CL103: info\n  stale-update-date: error\n")
    write(tmp_path / "a.md", STALE)
    write(tmp_path / "b.md", NO_DISCLAIMER)
    got = {(f["path"], f["code"], f["severity"]) for f in findings(".", cwd=tmp_path)}
    assert got == {("a.md", "CL301", "error"), ("b.md", "CL103", "info")}


def test_provided_elements_for_some_paths(tmp_path):
    write(tmp_path / ".claimlint.yaml", f"today: {TODAY}\nselect: [CL1]\noverrides:\n"
                                        "  - paths: [\"health/**\"]\n    provided: [disclaimer, reviewer]\n")
    write(tmp_path / "health" / "a.md", "Last updated: 3 March 2026\n\nZinc is a mineral.\n")
    write(tmp_path / "b.md", "Last updated: 3 March 2026\n\nZinc is a mineral.\n")
    assert codes(".", cwd=tmp_path) == {"b.md": {"CL101", "CL103"}}


def test_metadata_keys_that_count(tmp_path):
    article = "---\nmedic: Dr Ana Ruiz\nchecked_on: 2026-05-01\n---\n\nZinc is a mineral found in meat.\n"
    write(tmp_path / "a.md", article)
    write(tmp_path / ".claimlint.yaml", f"today: {TODAY}\nselect: [CL101, CL102]\n")
    assert codes("a.md", cwd=tmp_path) == {"a.md": {"CL101", "CL102"}}
    write(tmp_path / ".claimlint.yaml", f"today: {TODAY}\nselect: [CL101, CL102, CL3]\n"
                                        "metadata:\n  reviewer: [medic]\n  date: [checked_on]\n")
    assert codes("a.md", cwd=tmp_path) == {}


def test_formats_by_extension(tmp_path):
    write(tmp_path / "a.mdtxt", "# Zinc\n\nMost people notice a change after the\n")
    write(tmp_path / ".claimlint.yaml", f"today: {TODAY}\nselect: [CL401]\n")
    assert codes(".", cwd=tmp_path) == {}  # not an extension claimlint reads
    write(tmp_path / ".claimlint.yaml", f"today: {TODAY}\nselect: [CL401]\nformats:\n  mdtxt: markdown\n")
    [f] = findings(".", cwd=tmp_path)
    assert f["path"] == "a.mdtxt" and f["line"] == 3  # read as Markdown: the heading is not a paragraph


def test_html_boilerplate_selectors(tmp_path):
    page = ("<html><body><main><p>Zinc is a mineral found in meat.</p></main>"
            "<div class=\"offer\"><p>Our experts say that most people notice a change after the</p></div>"
            "</body></html>\n")
    write(tmp_path / "a.html", page)
    write(tmp_path / ".claimlint.yaml", f"today: {TODAY}\nselect: [CL401]\n")
    assert codes(".", cwd=tmp_path) == {"a.html": {"CL401"}}
    write(tmp_path / ".claimlint.yaml", f"today: {TODAY}\nselect: [CL401]\nhtml:\n"
                                        "  boilerplate-selectors: [nav, footer, .offer]\n")
    assert codes(".", cwd=tmp_path) == {}


def test_html_content_and_card_selectors(tmp_path):
    body = "<p>" + "Zinc is a mineral found in meat, shellfish and seeds, and most diets hold enough. " * 4 + "</p>"
    page = ("<html><body><div class=\"story\">" + body + "</div>"
            "<div class=\"x-box\"><p>Zinc lozenges cure colds, and our customers keep a pack at home all winter "
            "for the whole family to share, from the first sneeze in October to the last cough in April.</p>"
            "<p>Medically reviewed by Dr Ann Lee</p></div>"
            "</body></html>\n")
    write(tmp_path / "a.html", page)
    write(tmp_path / ".claimlint.yaml", f"today: {TODAY}\nselect: [CL101, CL202]\n")
    assert codes(".", cwd=tmp_path) == {"a.html": {"CL202"}}  # the page's reviewer is found
    write(tmp_path / ".claimlint.yaml", f"today: {TODAY}\nselect: [CL101, CL202]\nhtml:\n"
                                        "  card-selectors: [.x-box]\n")
    assert codes(".", cwd=tmp_path) == {"a.html": {"CL101"}}  # a card's reviewer is another article's
    write(tmp_path / ".claimlint.yaml", f"today: {TODAY}\nselect: [CL101, CL202]\nhtml:\n"
                                        "  content-selectors: [.story]\n")
    assert codes(".", cwd=tmp_path) == {"a.html": {"CL101"}}  # outside the configured body: furniture
    write(tmp_path / ".claimlint.yaml", f"today: {TODAY}\nhtml:\n  content-selectors: .story\n")
    result = run(".", cwd=tmp_path)
    assert result.returncode == 2 and b".claimlint.yaml:3" in result.stderr  # a list is needed


def test_exclude_globs_and_gitignore(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    write(tmp_path / ".gitignore", "build/\n*.draft.md\n")
    write(tmp_path / ".claimlint.yaml", f"today: {TODAY}\nselect: [CL301]\nextend-exclude: [archive/, \"**/old-*.md\"]\n")
    for name in ("a.md", "build/b.md", "c.draft.md", "archive/d.md", "news/old-e.md", "news/f.md"):
        write(tmp_path / name, STALE)
    listed = run("--show-files", ".", cwd=tmp_path)
    assert listed.returncode == 0, listed.err
    assert listed.out.split() == ["a.md", str(Path("news/f.md"))]
    assert set(codes(".", cwd=tmp_path)) == {"a.md", str(Path("news/f.md"))}
    # .gitignore can be switched off; the configuration's globs still apply
    assert set(codes("--no-respect-gitignore", ".", cwd=tmp_path)) == {
        "a.md", str(Path("build/b.md")), "c.draft.md", str(Path("news/f.md"))}
    # a file named on the command line is checked unless --force-exclude
    assert set(codes("archive/d.md", "c.draft.md", cwd=tmp_path)) == {str(Path("archive/d.md")), "c.draft.md"}
    assert codes("--force-exclude", "archive/d.md", "c.draft.md", cwd=tmp_path) == {}


def test_gitignore_only_applies_inside_a_git_work_tree(tmp_path):
    write(tmp_path / ".gitignore", "*.md\n")
    write(tmp_path / ".claimlint.yaml", f"today: {TODAY}\nselect: [CL301]\n")
    write(tmp_path / "a.md", STALE)
    assert set(codes(".", cwd=tmp_path)) == {"a.md"}


# --------------------------------------------------------------------------------------------
# errors: file, line and key, exit 2, before any article is read
# --------------------------------------------------------------------------------------------

BAD_ARTICLE = b"Zinc \xff is a mineral.\n"  # not UTF-8: reading it would be reported


@pytest.mark.parametrize("config,line,key,words", [
    ("today: 2026-11-24\nselec: [CL2]\n", 2, "selec", "did you mean 'select'"),
    ("fail-on: fatal\n", 1, "fail-on", "is not one of"),
    ("respect-gitignore: yes\n", 1, "respect-gitignore", "is not a boolean"),
    ("select: CL2\n", 1, "select", "is not an array"),
    ("ignore: [CL103]\nselect:\n  - CL1\n  - CL999\n", 4, "select[1]", "unknown rule selector 'CL999'"),
    ("severity:\n  missing-reviewr: info\n", 2, "severity.missing-reviewr", "unknown rule"),
    ("severity:\n  CL101: fatal\n", 2, "severity.CL101", "is not one of"),
    ("rules:\n  CL301:\n    max_age_monthz: 24\n", 3, "rules.CL301.max_age_monthz", "did you mean 'max_age_months'"),
    ("rules:\n  CL301:\n    max_age_months: soon\n", 3, "rules.CL301.max_age_months", "is not an integer"),
    ("rules:\n  CL777:\n    max_age_months: 3\n", 2, "rules.CL777", "unknown rule"),
    ("rules:\n  CL403:\n    patterns:\n      - pattern: '(unclosed'\n", 2, "rules.CL403", "invalid regular expression"),
    ("provided: [disclaimer, reviewr]\n", 1, "provided[1]", "unknown element 'reviewr'"),
    ("overrides:\n  - paths: [news/]\n    today: 2026-01-01\n", 3, "overrides[0].today", "unknown key"),
    ("overrides:\n  - rules: {}\n", 2, "overrides[0]", "missing 'paths'"),
    ("extend: missing.yaml\n", 1, "extend", "no such configuration file"),
], ids=lambda v: str(v)[:30])
def test_a_bad_configuration_names_file_line_and_key(tmp_path, config, line, key, words):
    write(tmp_path / ".claimlint.yaml", config)
    (tmp_path / "bad.md").write_bytes(BAD_ARTICLE)
    proc = run("--no-cache", ".", cwd=tmp_path)
    assert proc.returncode == 2, proc.out + proc.err
    assert f".claimlint.yaml:{line}: {key}: " in proc.err and words in proc.err, proc.err
    assert "bad.md" not in proc.err and proc.out == ""  # no article was read


def test_a_bad_pyproject_table_names_its_line(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.claimlint]\nselect = ["CL3"]\n\n'
                                       '[tool.claimlint.rules.CL301]\nmax_age_monthz = 3\n')
    write(tmp_path / "a.md", STALE)
    proc = run("--no-cache", "a.md", cwd=tmp_path)
    assert proc.returncode == 2
    assert "pyproject.toml:8: rules.CL301.max_age_monthz: unknown key" in proc.err, proc.err


def test_invalid_yaml_and_a_configuration_that_extends_itself(tmp_path):
    write(tmp_path / ".claimlint.yaml", "select: [CL1\n")
    write(tmp_path / "a.md", STALE)
    proc = run("--no-cache", "a.md", cwd=tmp_path)
    assert proc.returncode == 2 and ".claimlint.yaml:" in proc.err and "invalid YAML" in proc.err
    write(tmp_path / ".claimlint.yaml", "extend: other.yaml\n")
    write(tmp_path / "other.yaml", "extend: .claimlint.yaml\n")
    proc = run("--no-cache", "a.md", cwd=tmp_path)
    assert proc.returncode == 2 and "extends itself" in proc.err


@pytest.mark.parametrize("pack,line,key,words", [
    ("rules:\n  - code: XX301\n    name: very-stale\n    kind: date\n    severity: warning\n    message: m\n"
     "    summary: s\n    options:\n      max_age_monthz: 24\n", 9, "rules[0].options.max_age_monthz",
     "did you mean 'max_age_months'"),
    ("rules:\n  - code: XX301\n    name: very-stale\n    kind: dates\n    severity: warning\n    message: m\n"
     "    summary: s\n", 4, "rules[0].kind", "is not one of"),
    ("rules:\n  - code: XX301\n    name: Very Stale\n    kind: date\n    severity: warning\n    message: m\n"
     "    summary: s\n", 3, "rules[0].name", "does not have the right form"),
    ("rules:\n  - code: XX301\n    name: very-stale\n    kind: date\n    severity: warning\n    message: m\n",
     2, "rules[0]", "missing 'summary'"),
], ids=["unknown-option", "unknown-kind", "bad-name", "missing-key"])
def test_a_bad_rule_pack_names_file_line_and_key(tmp_path, pack, line, key, words):
    write(tmp_path / "pack.yaml", pack)
    write(tmp_path / "a.md", STALE)
    for args in (["--rules", "pack.yaml"], []):
        if not args:  # the same pack named by a configuration file
            write(tmp_path / ".claimlint.yaml", "rule-packs: [pack.yaml]\n")
        proc = run("--no-cache", *args, "a.md", cwd=tmp_path)
        assert proc.returncode == 2, proc.out
        assert f"pack.yaml:{line}: {key}: " in proc.err and words in proc.err, proc.err


def test_a_configuration_rule_pack_adds_rules(tmp_path):
    write(tmp_path / "packs" / "house.yaml", """rules:
  - code: HS101
    name: house-brand-name
    kind: pattern
    severity: warning
    message: "write the brand as 'ZincUp'"
    summary: The brand name has one spelling.
    options:
      patterns:
        - {pattern: '\\bzinc-up\\b'}
    examples:
      report: ["Take zinc-up daily.\\n"]
      quiet: ["Take ZincUp daily.\\n"]
""")
    write(tmp_path / ".claimlint.yaml", f"today: {TODAY}\nrule-packs: [packs]\nselect: [HS]\n")
    write(tmp_path / "a.md", "Take zinc-up daily.\n")
    assert codes("a.md", cwd=tmp_path) == {"a.md": {"HS101"}}
    listed = run("--list-rules", cwd=tmp_path)
    assert "HS101" in listed.out and "house-brand-name" in listed.out


# --------------------------------------------------------------------------------------------
# the cache is keyed by the resolved settings
# --------------------------------------------------------------------------------------------

def test_changing_an_option_in_a_configuration_file_changes_the_cached_result(tmp_path):
    cache = tmp_path / "cache"
    write(tmp_path / "a.md", STALE)
    write(tmp_path / ".claimlint.yaml", f"today: {TODAY}\nselect: [CL301]\n")

    def cached_run():
        proc = run("--format", "json", "--cache-dir", cache, "a.md", cwd=tmp_path)
        return [f["message"] for f in json.loads(proc.out)["findings"]]

    assert cached_run() == cached_run() and "limit 12 months" in cached_run()[0]
    write(tmp_path / ".claimlint.yaml", f"today: {TODAY}\nselect: [CL301]\nrules:\n  CL301: {{max_age_months: 18}}\n")
    assert "limit 18 months" in cached_run()[0]
    write(tmp_path / ".claimlint.yaml", f"today: {TODAY}\nselect: [CL301]\nseverity:\n  CL301: error\n")
    proc = run("--format", "json", "--cache-dir", cache, "a.md", cwd=tmp_path)
    assert [f["severity"] for f in json.loads(proc.out)["findings"]] == ["error"]
    write(tmp_path / ".claimlint.yaml", f"today: {TODAY}\nselect: [CL301]\nprovided: [date]\n")
    assert cached_run() == ["last updated 2025-03-03, 20 months ago (limit 12 months): review the article"]
    write(tmp_path / ".claimlint.yaml", f"today: {TODAY}\nselect: [CL102]\nprovided: [date]\n")
    assert cached_run() == []


# --------------------------------------------------------------------------------------------
# seeing it: init, --show-settings, --show-files
# --------------------------------------------------------------------------------------------

def test_init_writes_a_commented_starter_that_claimlint_reads(tmp_path):
    proc = run("init", cwd=tmp_path)
    assert proc.returncode == 0, proc.err
    text = (tmp_path / ".claimlint.yaml").read_text()
    assert text.count("\n# ") > 10 and "overrides" in text
    write(tmp_path / "a.md", STALE)
    assert run("--no-cache", "--today", TODAY, "a.md", cwd=tmp_path).returncode == 0
    again = run("init", cwd=tmp_path)
    assert again.returncode == 2 and "already exists" in again.err
    assert run("init", "--force", cwd=tmp_path).returncode == 0


def test_show_settings_says_where_each_value_came_from(tmp_path):
    write(tmp_path / ".claimlint.yaml", f"today: {TODAY}\nignore: [CL103]\noverrides:\n"
                                        "  - paths: [\"news/**\"]\n    rules:\n      CL301: {max_age_months: 36}\n")
    write(tmp_path / "news" / "a.md", STALE)
    proc = run("--show-settings", "news/a.md", "--fail-on", "warning", cwd=tmp_path)
    assert proc.returncode == 0, proc.err
    lines = proc.out.splitlines()
    config = str(tmp_path / ".claimlint.yaml")
    assert f"# Configuration: {config}" in lines
    assert f"fail-on: warning   # from command line" in lines
    assert f"today: '{TODAY}'   # from {config}:1" in lines
    assert f"#   CL301.max_age_months: from {config}:6" in lines
    assert any(line.startswith("#   CL301 stale-update-date") for line in lines)
    assert not any("CL103" in line for line in lines if line.startswith("#   CL"))


def test_unknown_output_and_missing_config_file_are_usage_errors(tmp_path):
    write(tmp_path / "a.md", STALE)
    proc = run("--config", "nope.yaml", "a.md", cwd=tmp_path)
    assert proc.returncode == 2 and "nope.yaml" in proc.err


def test_a_configuration_found_valid_is_remembered_by_its_text_only(tmp_path):
    cache = tmp_path / "cache"
    write(tmp_path / "a.md", STALE)
    write(tmp_path / ".claimlint.yaml", f"today: {TODAY}\nselect: [CL301]\nrules:\n  CL301: {{max_age_months: 24}}\n")
    for _ in range(2):  # the second run takes the checks from the cache folder
        proc = run("--cache-dir", cache, "a.md", cwd=tmp_path)
        assert proc.returncode == 0, proc.err
    assert len(list((cache / "checked").iterdir())) == 2  # the file's schema check, its check against the rules
    write(tmp_path / ".claimlint.yaml", f"today: {TODAY}\nselect: [CL301]\nrules:\n  CL301: {{max_age_monthz: 24}}\n")
    proc = run("--cache-dir", cache, "a.md", cwd=tmp_path)
    assert proc.returncode == 2 and "max_age_monthz" in proc.err


def test_folders_that_share_settings_find_what_the_file_by_file_way_finds(tmp_path):
    """The shortcut (one Settings for a folder whose configuration has no per-path sections) is
    tested equal to resolving every file's settings."""
    from claimlint.api import Linter
    from claimlint.config import Discovery
    from claimlint.discover import discover

    write(tmp_path / ".claimlint.yaml", "formats: {mdtxt: markdown}\nextend-exclude: [skip/]\n")
    write(tmp_path / "site" / ".claimlint.yaml", "overrides:\n  - paths: ['x/*.foo']\n    formats: {foo: text}\n")
    for name in ("a.md", "b.mdtxt", "c.foo", "skip/d.md", "site/e.mdtxt", "site/x/f.foo", "site/x/g.md",
                 "site/y/h.foo", ".hidden/i.md", "node_modules/j.md"):
        write(tmp_path / name, "Zinc is a mineral.\n")
    linter = Linter(Discovery())
    fast = discover([str(tmp_path)], linter._discovery_settings, linter._uniform_settings)
    plain = discover([str(tmp_path)], linter._discovery_settings)
    assert fast.files == plain.files and fast.excluded == plain.excluded
    assert sorted(Path(p).relative_to(tmp_path).as_posix() for p in fast.files) == [
        "a.md", "b.mdtxt", "site/x/f.foo", "site/x/g.md"]


def test_a_named_file_in_no_format_claimlint_reads_is_skipped_with_a_note(tmp_path):
    write(tmp_path / "notes.yaml", "title: Zinc lozenges cure a cold overnight\n")
    write(tmp_path / "a.md", STALE)
    proc = run("--no-cache", "--today", TODAY, "--select", "CL301", "notes.yaml", "a.md", cwd=tmp_path)
    assert proc.returncode == 0, proc.err  # a note, not an error
    assert "note: notes.yaml: skipped" in proc.err and "formats:" in proc.err
    assert "in 1 file." in proc.out
    write(tmp_path / ".claimlint.yaml", "formats: {yaml: text}\n")
    proc = run("--no-cache", "--today", TODAY, "--select", "CL2", "--format", "json", "notes.yaml", cwd=tmp_path)
    assert [f["code"] for f in json.loads(proc.out)["findings"]] == ["CL202"] and "skipped" not in proc.err
