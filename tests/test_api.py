"""The library API: the README's example, a pickled Linter in another process, no process-wide
side effects, reports with facts, fingerprints that survive edits, settings built in code.

Everything that loads spaCy runs in a subprocess of its own (as a Spark executor would), so the
test process itself stays as the other tests expect it.
"""
from __future__ import annotations

import json
import pickle
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import claimlint
from claimlint.config import ConfigError, Settings
from conftest import ROOT, TODAY

README = ROOT / "README.md"


def python(code: str, cwd=ROOT, input: bytes | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, cwd=cwd, input=input,
                          timeout=180)
    assert proc.returncode == 0, proc.stderr.decode()
    return proc


def test_the_readme_api_example_runs():
    text = README.read_text(encoding="utf-8")
    marker = text.index("<!-- api-example")
    block = re.search(r"```python\n(.*?)```", text[marker:], re.S).group(1)
    out = python(block).stdout.decode().splitlines()
    assert out[0].startswith("zinc.md:1:") and " error CL202 " in out[0]
    summary = next(line for line in out if "findings; exit status" in line)
    assert int(summary.split()[0]) > 10 and summary.endswith("exit status 1")
    per_file = [line.split() for line in out if line.startswith("examples/")]
    assert {row[0] for row in per_file} == {"examples/hair-loss-cure.txt", "examples/zinc-and-colds.md"}
    assert all(int(row[1]) > 50 for row in per_file)
    assert out[-1].isdigit()


def test_a_pickled_linter_lints_in_another_process(tmp_path):
    article = ("Last updated: 3 March 2025\n\nZinc lozenges cure a cold overnight.\n\n"
               "Roughly 7 in 10 users saw fewer colds last winter.\n")
    linter = claimlint.Linter(Settings.from_dict({"today": TODAY, "rules": {"CL301": {"max_age_months": 6}}}))
    (tmp_path / "linter.pickle").write_bytes(pickle.dumps(linter))
    script = f"""
        import json, pickle, sys
        linter = pickle.loads(open({str(tmp_path / 'linter.pickle')!r}, 'rb').read())
        findings = linter.lint_text(sys.stdin.read(), path="news/zinc.md")
        print(json.dumps([f.to_dict() for f in findings]))
    """
    there = json.loads(python(script, input=article.encode()).stdout)
    assert {f["code"] for f in there} >= {"CL101", "CL103", "CL201", "CL202", "CL301"}
    stale = next(f for f in there if f["code"] == "CL301")
    assert "limit 6 months" in stale["message"]  # the settings travelled with it
    again = json.loads(python(script, input=article.encode()).stdout)
    assert again == there  # the same findings and fingerprints wherever it runs


def test_the_api_leaves_the_process_as_it_found_it():
    out = python(f"""
        import gc, re, signal, sys
        from re import _compiler
        compile_before, threshold, enabled = _compiler.compile, gc.get_threshold(), gc.isenabled()
        alarm = signal.getsignal(signal.SIGALRM)
        import claimlint
        found = claimlint.lint_text("Zinc lozenges cure a cold overnight.\\n", path="a.md",
                                    settings=claimlint.Settings.from_dict({{"today": "{TODAY}"}}))
        report = claimlint.lint_paths(["examples"], settings=claimlint.Settings.from_dict({{"today": "{TODAY}"}}),
                                      jobs=2)
        assert found and report.findings
        assert _compiler.compile is compile_before, "re's compiler was replaced"
        assert gc.get_threshold() == threshold and gc.isenabled() == enabled and gc.get_freeze_count() == 0
        assert signal.getsignal(signal.SIGALRM) is alarm and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
        print("still running")
    """).stdout.decode()
    assert out.strip() == "still running"


def test_a_report_carries_each_articles_facts(tmp_path):
    (tmp_path / "a.md").write_text("---\nreviewer: Dr Ana Ruiz\nlast_reviewed: 2026-05-01\n---\n\n"
                                   "Zinc is a mineral found in meat, shellfish and seeds.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Zinc is a mineral.\n", encoding="utf-8")
    (tmp_path / "c.md").write_bytes(b"Zinc \xff\n")
    out = python(f"""
        import json, claimlint
        settings = claimlint.Settings.from_dict({{"today": "{TODAY}", "select": ["CL1", "CL3"]}})
        report = claimlint.lint_paths([{str(tmp_path)!r}], settings=settings)
        print(json.dumps({{"files": [r.to_dict() for r in report.files], "status": report.exit_status(),
                          "errors": report.errors}}))
    """).stdout
    got = json.loads(out)
    by_name = {Path(r["path"]).name: r for r in got["files"]}
    a, b, c = by_name["a.md"], by_name["b.txt"], by_name["c.md"]
    assert a["facts"]["reviewer"] == "Dr Ana Ruiz" and a["facts"]["updated"] == "2026-05-01"
    assert a["facts"]["dates"] == ["2026-05-01"] and a["facts"]["words"] == 10 and a["findings"] == [
        f for f in a["findings"] if f["code"] == "CL103"]
    assert b["facts"]["words"] == 4 and "reviewer" not in b["facts"] and "updated" not in b["facts"]
    assert c["error"] and "not valid UTF-8" in c["error"] and c["facts"] is None
    assert got["status"] == 2 and got["errors"] == [c["error"]]


def test_fingerprints_survive_edits_elsewhere_and_tell_repeats_apart(tmp_path):
    before = ("Zinc lozenges cure a cold overnight.\n\nRoughly 7 in 10 users saw fewer colds.\n\n"
              "Roughly 7 in 10 users saw fewer colds.\n")
    after = "# A new title\n\nAn extra paragraph about zinc in food.\n\n" + before.replace("overnight", "overnight")
    out = python(f"""
        import json, claimlint
        settings = claimlint.Settings.from_dict({{"today": "{TODAY}", "select": ["CL2", "CL1"]}})
        runs = [[f.to_dict() for f in claimlint.lint_text(text, path=path, settings=settings)]
                for text, path in (({before!r}, "a.md"), ({after!r}, "a.md"), ({before!r}, "b.md"))]
        print(json.dumps(runs))
    """).stdout
    first, moved, renamed = json.loads(out)
    key = lambda f: (f["code"], f["fingerprint"], f["text"] if f["scope"] == "span" else "")  # noqa: E731
    assert [key(f) for f in first] == [key(f) for f in moved]  # the same, though every line moved
    assert [f["line"] for f in first] != [f["line"] for f in moved]
    stats = [f for f in first if f["code"] == "CL201"]
    assert len(stats) == 2 and stats[0]["fingerprint"] != stats[1]["fingerprint"]  # a repeated sentence
    assert {f["fingerprint"] for f in first}.isdisjoint(f["fingerprint"] for f in renamed)  # the path counts
    assert {f["scope"] for f in first if f["code"].startswith("CL1")} == {"document"}


def test_settings_from_dict_are_checked_like_a_file():
    with pytest.raises(ConfigError, match=r"selec: unknown key \(did you mean 'select'\?\)"):
        Settings.from_dict({"selec": ["CL2"]})
    with pytest.raises(ConfigError, match="overrides"):
        Settings.from_dict({"overrides": [{"paths": ["x/"], "ignore": ["CL1"]}]})
    config = claimlint.Config.from_dict({"rules": {"CL301": {"max_age_months": 24}},
                                         "overrides": [{"paths": ["news/**"], "ignore": ["CL103"]}]}, root="/site")
    assert ("ignore", ("CL103",)) in config.resolve("/site/news/a.md").selection
    assert config.resolve("/site/health/a.md").selection == ()
    assert config.resolve("/site/news/a.md").digest() != config.resolve("/site/health/a.md").digest()
    assert config.resolve("/site/news/a.md") == config.resolve("/site/news/b.md")


def test_unknown_rule_options_in_code_are_reported_by_the_linter():
    linter = claimlint.Linter(Settings.from_dict({"rules": {"CL301": {"max_age_monthz": 3}}}))
    with pytest.raises(ConfigError, match=r"rules\.CL301\.max_age_monthz: unknown key"):
        linter.settings_for("a.md")


def test_the_builtin_rule_packs_follow_their_schema():
    from claimlint.rulepacks import _line_loader, builtin_rules_dir, check_pack
    import yaml

    for path in sorted(builtin_rules_dir().glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        check_pack(path, text, yaml.load(text, Loader=_line_loader()))


def test_the_shipped_schemas_are_valid_json_schemas():
    from jsonschema import Draft202012Validator

    from claimlint.schemas import schema

    for name in ("config", "rulepack"):
        Draft202012Validator.check_schema(schema(name))


def test_the_command_line_offers_exactly_the_registered_formats():
    from claimlint.cli import FORMAT_NAMES
    from claimlint.formats import names

    assert tuple(names()) == FORMAT_NAMES
