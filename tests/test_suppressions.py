"""Inline suppressions through the installed CLI: Markdown and HTML comments (a range, the next
line, the whole file), front matter, plain-text lines; codes, names and bare directives; the
count in the summary; unused directives reported only when asked for.
"""
from __future__ import annotations

import json
import subprocess
import sys

from conftest import TODAY

CLAIM = "Zinc lozenges cure a cold overnight."
STAT = "Roughly 7 in 10 users saw fewer colds last winter."


def lint(tmp_path, name: str, text: str, select: str = "CL2,CL903") -> dict:
    (tmp_path / name).write_text(text, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "claimlint", "--format", "json", "--no-cache", "--today", TODAY,
                           "--select", select, name], capture_output=True, cwd=tmp_path, timeout=120)
    assert proc.returncode in (0, 1), proc.stderr.decode()
    return json.loads(proc.stdout)


def lines_of(out, code=None) -> list[int]:
    return [f["line"] for f in out["findings"] if code is None or f["code"] == code]


def test_a_disabled_range_in_markdown(tmp_path):
    text = (f"{CLAIM}\n\n<!-- claimlint-disable uncited-efficacy-claim -->\n\n{CLAIM}\n\n{STAT}\n\n"
            f"<!-- claimlint-enable -->\n\n{CLAIM}\n")
    out = lint(tmp_path, "a.md", text)
    assert lines_of(out, "CL202") == [1, 11] and lines_of(out, "CL201") == [7]
    assert out["summary"]["suppressed"] == 1


def test_next_line_and_bare_directives_in_html(tmp_path):
    text = (f"<p>{CLAIM}</p>\n<!-- claimlint-disable-next-line CL202 -->\n\n<p>{CLAIM} {STAT}</p>\n"
            f"<!-- claimlint-disable-next-line -->\n<p>{CLAIM} {STAT}</p>\n")
    out = lint(tmp_path, "a.html", text)
    assert [(f["line"], f["code"]) for f in out["findings"]] == [(1, "CL202"), (4, "CL201")]
    assert out["summary"]["suppressed"] == 3


def test_a_file_directive_and_front_matter(tmp_path):
    out = lint(tmp_path, "a.md", f"<!-- claimlint-disable-file CL201 -->\n\n{STAT}\n\n{CLAIM}\n")
    assert [f["code"] for f in out["findings"]] == ["CL202"]
    out = lint(tmp_path, "b.md", f"---\ntitle: Zinc\nclaimlint:\n  ignore: [CL202, uncited-statistic]\n---\n\n"
                                 f"{STAT}\n\n{CLAIM}\n")
    assert out["findings"] == [] and out["summary"]["suppressed"] == 2
    out = lint(tmp_path, "c.md", f"---\nclaimlint: {{ignore: [CL1]}}\n---\n\n{CLAIM}\n", select="CL1,CL2")
    assert {f["code"] for f in out["findings"]} == {"CL202"}  # a prefix covers CL101, CL102, CL103


def test_plain_text_directive_lines(tmp_path):
    text = (f"{CLAIM}\n\nclaimlint: ignore CL202\n{CLAIM} It works\nfor most people.\n\n{CLAIM}\n\n"
            "claimlint: ignore-file CL201\n\n" + STAT + "\n")
    out = lint(tmp_path, "a.txt", text, select="CL2,CL4,CL903")
    assert [(f["line"], f["code"]) for f in out["findings"]] == [(1, "CL202"), (7, "CL202")]
    assert out["summary"]["suppressed"] == 3  # two claims in the covered paragraph, the statistic


def test_unused_directives_are_reported_only_when_selected(tmp_path):
    text = (f"<!-- claimlint-disable-next-line CL202 -->\nZinc is a mineral.\n\n"
            f"<!-- claimlint-disable-next-line CL403 -->\n{CLAIM}\n")
    out = lint(tmp_path, "a.md", text, select="CL2")
    assert lines_of(out, "CL903") == []  # off by default
    out = lint(tmp_path, "a.md", text, select="CL2,CL903")
    # the CL403 directive names a rule this run does not check: it may be needed by another run
    assert [(f["line"], f["code"]) for f in out["findings"]] == [(1, "CL903"), (5, "CL202")]
    assert "suppression covers no finding" in out["findings"][0]["message"]


def test_the_text_summary_counts_suppressed_findings(tmp_path):
    (tmp_path / "a.md").write_text(f"<!-- claimlint-disable-next-line -->\n{CLAIM}\n\n{STAT}\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "claimlint", "--no-cache", "--today", TODAY, "--select", "CL2",
                           "a.md"], capture_output=True, text=True, cwd=tmp_path)
    assert proc.stdout.rstrip().endswith("in 1 file; 1 suppressed.")
