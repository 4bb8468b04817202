"""Output formats for CI, through the installed CLI: SARIF (against the official schema, with the
line hash checked against an independent computation), GitHub annotations, GitLab Code Quality,
JUnit, reviewdog's rdjson, concise, JSON Lines, and --output-file.
"""
from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import SHARED, TODAY

# An uncited statistic with a % (escaped by the GitHub format), a non-ASCII word before it (UTF-8
# columns for reviewdog), a control character in the text, and a second identical line.
ARTICLE = ("---\ntitle: Zinc\n---\n\nMedically reviewed by Dr Ana Ruiz\n\nLast updated: 3 March 2026\n\n"
           "Crème users: 64% of patients slept better.\n\n"
           "Zinc lozenges cure a cold overnight.\n\n"
           "Zinc lozenges cure a cold overnight.\n\n"
           "This article is for information only and is not a substitute for professional medical advice.\n")


def run(*args, cwd) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "claimlint", "--today", TODAY, "--no-cache", *map(str, args)],
                          capture_output=True, cwd=cwd, timeout=120)
    proc.out, proc.err = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    return proc


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """A git work tree with articles in a subfolder, one not UTF-8."""
    root = tmp_path_factory.mktemp("repo")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / "content" / "health").mkdir(parents=True)
    (root / "content" / "health" / "zinc.md").write_text(ARTICLE, encoding="utf-8")
    (root / "content" / "health" / "a,b:c.md").write_text("Zinc lozenges cure a cold overnight.\n", encoding="utf-8")
    (root / "content" / "bad.md").write_bytes(b"Zinc \xff\n")
    return root


@pytest.fixture(scope="module")
def outputs(repo) -> dict:
    """Every format of one run, from the 'content' folder (URIs must still be repository-relative)."""
    out = {}
    for fmt in ("sarif", "github", "gitlab", "junit", "rdjson", "concise", "json-lines", "json"):
        proc = run("--format", fmt, ".", cwd=repo / "content")
        assert proc.returncode == 2, proc.err  # bad.md could not be read
        out[fmt] = proc.out
    return out


def expected_line_hash(text: str, line: int) -> str:
    """GitHub's primaryLocationLineHash, computed directly from its definition (not rolling): the
    polynomial base 37 modulo 2**64 of the 100 UTF-16 units that start the line (spaces and tabs
    left out, line ends read as one LF, then 0xFFFF and zeros), with the count of equal hashes."""
    units, after_cr = [], False
    raw = text.encode("utf-16-le")
    for i in range(0, len(raw), 2):
        u = int.from_bytes(raw[i:i + 2], "little")
        if u in (32, 9) or (after_cr and u == 10):
            after_cr = False
            continue
        after_cr = u == 13
        units.append(10 if u == 13 else u)
    units.append(0xFFFF)
    starts = [0] + [i + 1 for i, u in enumerate(units[:-1]) if u == 10]
    counts: dict[str, int] = {}
    for number, start in enumerate(starts, 1):
        window = (units[start:start + 100] + [0] * 100)[:100]
        value = 0
        for u in window:
            value = (value * 37 + u) % (1 << 64)
        digest = format(value, "x")
        counts[digest] = counts.get(digest, 0) + 1
        if number == line:
            return f"{digest}:{counts[digest]}"
    raise AssertionError(f"no line {line}")


def test_sarif_follows_the_official_schema(outputs):
    schema_file = SHARED / "schemas" / "sarif-schema-2.1.0.json"
    if not schema_file.is_file():
        pytest.skip("../shared/schemas/sarif-schema-2.1.0.json is not present")
    from jsonschema import validators

    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    validator = validators.validator_for(schema)(schema)
    problems = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(json.loads(outputs["sarif"]))]
    assert problems == []


def test_sarif_describes_every_rule_and_locates_results_in_the_repository(outputs, repo):
    sarif = json.loads(outputs["sarif"])
    run_ = sarif["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    listed = subprocess.run([sys.executable, "-m", "claimlint", "--list-rules"], capture_output=True, text=True,
                            cwd=repo).stdout
    assert [r["id"] for r in rules] == [line.split()[0] for line in listed.splitlines()[1:]]
    for r in rules:
        assert r["shortDescription"]["text"] and r["fullDescription"]["text"] and r["help"]["text"]
        assert r["defaultConfiguration"]["level"] in ("error", "warning", "note")
    assert run_["columnKind"] == "unicodeCodePoints"
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.resolve().as_uri() + "/"
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run_["results"]}
    assert uris == {"content/health/zinc.md", "content/health/a%2Cb%3Ac.md"}
    for result in run_["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert len(result["partialFingerprints"]["claimlint/v1"]) == 32
    notes = run_["invocations"][0]["toolExecutionNotifications"]
    assert len(notes) == 1 and "bad.md" in notes[0]["message"]["text"]
    assert run_["invocations"][0]["executionSuccessful"] is False


def test_sarif_line_hashes_match_githubs_definition(outputs, repo):
    results = json.loads(outputs["sarif"])["runs"][0]["results"]
    text = (repo / "content" / "health" / "zinc.md").read_text(encoding="utf-8")
    checked = 0
    for result in results:
        location = result["locations"][0]["physicalLocation"]
        if location["artifactLocation"]["uri"] != "content/health/zinc.md":
            continue
        line = location["region"]["startLine"]
        assert result["partialFingerprints"]["primaryLocationLineHash"] == expected_line_hash(text, line)
        checked += 1
    assert checked >= 3


def test_line_hash_edge_cases_match_the_definition():
    from claimlint.formats.linehash import line_hashes

    for text in ("", "a", "a\n", "a\r\nb\rc\n\n\t x", "x" * 250 + "\ny", "😀 emoji\n\ufeffbom", "same\nsame\nsame\n"):
        hashes = line_hashes(text)
        for line in hashes:
            assert hashes[line] == expected_line_hash(text, line), (text, line)
    repeated = line_hashes("x\n" * 250)  # equal 100-unit windows: the count tells them apart
    assert repeated[1] == repeated[2].replace(":2", ":1") and repeated[2].endswith(":2")


def test_github_annotations_escape_what_github_requires(outputs):
    lines = outputs["github"].splitlines()
    stat = next(line for line in lines if "CL201" in line)
    assert stat.startswith("::error file=health/zinc.md,line=9,col=")
    assert "title=CL201 uncited-statistic::" in stat and "64%25" in stat and "64%" not in stat.replace("64%25", "")
    odd = next(line for line in lines if "a%2Cb%3Ac.md" in line)
    assert odd.startswith("::error file=health/a%2Cb%3Ac.md,line=1,")
    assert any(line.startswith("::error title=claimlint::") and "bad.md" in line for line in lines)
    assert all(line.startswith("::") for line in lines)


def test_gitlab_code_quality(outputs):
    issues = json.loads(outputs["gitlab"])
    findings = json.loads(outputs["json"])["findings"]
    assert len(issues) == len(findings)
    for issue, f in zip(issues, findings):
        assert issue["check_name"] == f"{f['code']} {f['rule']}" and issue["description"] == f["message"]
        assert issue["fingerprint"] == f["fingerprint"] and issue["location"]["path"] == f["path"]
        assert issue["location"]["lines"]["begin"] == f["line"]
        assert issue["severity"] == {"error": "major", "warning": "minor", "info": "info"}[f["severity"]]
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_junit_has_a_case_per_file_and_a_failure_per_finding(outputs):
    suites = ET.fromstring(outputs["junit"])
    cases = suites.findall("./testsuite/testcase")
    assert {c.get("name") for c in cases} == {"health/zinc.md", "health/a,b:c.md", "bad.md"}
    findings = json.loads(outputs["json"])["findings"]
    assert len(suites.findall(".//failure")) == len(findings) == int(suites.get("failures"))
    assert [e.get("type") for e in suites.findall(".//error")] == ["unreadable"]


def test_rdjson_counts_columns_in_utf8_bytes(outputs):
    diagnostics = json.loads(outputs["rdjson"])["diagnostics"]
    stat = next(d for d in diagnostics if d["code"]["value"] == "CL201")
    line = "Crème users: 64% of patients slept better."
    start = line.index("64%")
    assert stat["location"]["range"]["start"] == {"line": 9, "column": len(line[:start].encode()) + 1}
    assert stat["severity"] == "ERROR" and stat["location"]["path"] == "health/zinc.md"


def test_concise_and_json_lines_are_one_finding_per_line(outputs):
    findings = json.loads(outputs["json"])["findings"]
    concise = outputs["concise"].splitlines()
    assert len(concise) == len(findings) + 1 and concise[-1].startswith("Found ")
    for line, f in zip(concise, findings):
        assert line == f"{f['path']}:{f['line']}:{f['column']}: {f['severity']} {f['code']} [{f['rule']}] {f['message']}"
    records = [json.loads(line) for line in outputs["json-lines"].splitlines()]
    assert records == findings


def test_messages_never_hold_a_line_break_or_markup(tmp_path):
    (tmp_path / "a.html").write_text(
        "<html><body><p>Our serum <span>cures\nacne</span> overnight and <a href='#'>works\n</a> for 9 in 10 "
        "<b>users</b>\x1b[31m.</p></body></html>\n", encoding="utf-8")
    proc = run("--format", "json", "a.html", cwd=tmp_path)
    messages = [f["message"] for f in json.loads(proc.out)["findings"]]
    assert messages and not any("\n" in m or "<" in m or "\x1b" in m for m in messages), messages
    concise = run("--format", "concise", "a.html", cwd=tmp_path).out
    assert "\x1b" not in concise and len(concise.splitlines()) == len(messages) + 1


def test_output_file_is_written_and_the_terminal_gets_the_summary(tmp_path):
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    proc = run("--format", "sarif", "--output-file", "out/report.sarif", "a.md", cwd=tmp_path)
    assert proc.returncode == 3 and "out/report.sarif" in proc.err  # the folder does not exist: not written
    (tmp_path / "out").mkdir()
    proc = run("--format", "sarif", "--output-file", "out/report.sarif", "a.md", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.out.startswith("Found ") and len(proc.out.splitlines()) == 1
    assert json.loads((tmp_path / "out" / "report.sarif").read_text())["version"] == "2.1.0"
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["report.sarif"]  # no temporary file left
