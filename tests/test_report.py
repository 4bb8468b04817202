"""`claimlint report`: the content-library health page, built by the installed CLI and opened in a
real headless Chromium (Playwright driving Debian's `chromium`). Its counts must equal the JSON
output of the same run; sorting, filtering and highlighting are checked in the DOM.

Without Playwright or a Chromium the browser tests skip and say why, unless
CLAIMLINT_REQUIRE_BROWSER is set (`.ci/run` sets it, after installing the browser), when they fail.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT, TODAY, stderr_on_a_terminal

CORPUS = ROOT / "tests" / "corpus"
ARTIFACTS = ROOT / "test-artifacts"
LIBRARY = {  # folder: corpus articles (some with a reviewer line, some with dates, all three formats)
    "hair": ["hair-loss-03-finasteride.html", "hair-loss-04-clinic-treatments.md", "hair-loss-05-alopecia-areata.txt"],
    "sexual-health": ["erectile-dysfunction-01-sildenafil.txt", "erectile-dysfunction-02-lifestyle.html",
                      "h05_premature_ejaculation_telehealth.html"],
    "shop": ["collagen-gummies-shop.html"],
}
SUPPRESSED = ("---\ntitle: Zinc\n---\n\nZinc lozenges cure a cold overnight.\n\n"
              "<!-- claimlint-disable-next-line uncited-statistic -->\n64% of users slept better.\n")


def claimlint(*args, cwd=None) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "claimlint", *map(str, args)], capture_output=True, cwd=cwd,
                          timeout=300)
    proc.out, proc.err = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    return proc


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("library")
    for folder, names in LIBRARY.items():
        (root / folder).mkdir()
        for name in names:
            shutil.copy(CORPUS / name, root / folder / name)
    (root / "zinc.md").write_text(SUPPRESSED, encoding="utf-8")
    (root / "shop" / "broken.md").write_bytes(b"\x00\x01binary")  # named as not checked
    return root


@pytest.fixture(scope="module")
def built(library, tmp_path_factory):
    """(report path, the JSON output of the same run, the run's facts per path)."""
    out = tmp_path_factory.mktemp("out") / "report.html"
    proc = claimlint("report", ".", "-o", out, "--today", TODAY, cwd=library)
    assert proc.returncode == 2, proc.err  # the binary file could not be checked; the page is still written
    assert "broken.md" in proc.err and out.is_file()
    data = json.loads(claimlint("--format", "json", "--today", TODAY, ".", cwd=library).out)
    from claimlint.api import Linter
    from claimlint.config import Settings
    cwd = os.getcwd()
    os.chdir(library)
    try:
        facts = {r.path: r.facts for r in Linter(Settings.from_dict({"today": TODAY})).lint_paths(["."]).files}
    finally:
        os.chdir(cwd)
    return out, data, facts


def test_the_page_is_one_file_that_fetches_nothing(built):
    out, data, _ = built
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    for needle in ("<script src", "<link ", "@import", "url("):
        assert needle not in page, needle
    # every link is to a place in the page; no element loads anything (article text is escaped)
    assert re.findall(r'<[a-z]+\b[^>]*\s(?:src|href|srcset|data)="(?!#)([^"]*)"', page) == []
    assert "<svg" in page and "<style>" in page


def test_report_takes_a_normal_runs_options_and_refuses_a_format(library, tmp_path):
    clean = claimlint("report", "hair", "-o", tmp_path / "r.html", "--select", "CL103", "--today", TODAY, cwd=library)
    assert clean.returncode == 0, clean.err
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "CL103" in page and 'data-code="CL202"' not in page  # --select applies
    refused = claimlint("report", "hair", "--format", "json", cwd=library)
    assert refused.returncode == 2 and "leave out --format" in refused.err
    helped = claimlint("report", "--help")
    assert helped.returncode == 0 and "claimlint report [OPTIONS] PATHS" in helped.out and "--select" in helped.out
    unwritable = claimlint("report", "hair", "-o", tmp_path / "no" / "such" / "r.html", cwd=library)
    assert unwritable.returncode == 3 and "cannot write" in unwritable.err


def test_the_configured_maximum_age_is_drawn(library, tmp_path):
    shutil.copytree(library / "hair", tmp_path / "hair")
    (tmp_path / ".claimlint.yaml").write_text("rules:\n  CL301:\n    max_age_months: 30\n", encoding="utf-8")
    proc = claimlint("report", "hair", "-o", "r.html", "--today", TODAY, cwd=tmp_path)
    assert proc.returncode == 0, proc.err
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "configured maximum age (30 months)" in page and page.count('class="limit"') == 2  # all, hair


def test_folders_are_the_first_level_below_what_the_paths_share():
    from claimlint.report.model import TOP_FOLDER, _bucket, _folders
    assert _folders(["lib/a/x.md", "lib/b/c/y.md", "lib/z.md"]) == {"lib/a/x.md": "a", "lib/b/c/y.md": "b",
                                                                   "lib/z.md": TOP_FOLDER}
    assert _folders(["x.md"]) == {"x.md": TOP_FOLDER}
    assert [_bucket(m) for m in (0, 2.9, 3, 11.99, 12, 40, None)] == [0, 0, 1, 2, 3, 6, 7]


def test_the_default_output_file_is_claimlint_report_html(library, tmp_path):
    shutil.copytree(library / "hair", tmp_path / "hair")
    proc = claimlint("report", "hair", "--today", TODAY, cwd=tmp_path)
    assert proc.returncode == 0, proc.err
    assert (tmp_path / "claimlint-report.html").is_file()


# ------------------------------------------------------------------------------------ in a browser

def _chromium() -> str | None:
    return os.environ.get("CLAIMLINT_CHROMIUM") or next(
        (found for name in ("chromium", "chromium-browser", "google-chrome") if (found := shutil.which(name))), None)


def _unavailable(reason: str):
    if os.environ.get("CLAIMLINT_REQUIRE_BROWSER"):
        pytest.fail(f"CLAIMLINT_REQUIRE_BROWSER is set but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def page(built):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed (pip install playwright)")
    executable = _chromium()
    if executable is None:
        _unavailable("no Chromium found (Debian: apt-get install chromium; or set CLAIMLINT_CHROMIUM)")
    out = built[0]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic"])
        tab = browser.new_page(viewport={"width": 1280, "height": 1600})
        tab.console_errors = []
        tab.on("console", lambda m: tab.console_errors.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda e: tab.console_errors.append(str(e)))
        tab.goto(out.as_uri())
        tab.wait_for_load_state("load")
        yield tab
        browser.close()


def _count(tab, key: str) -> int:
    return int(tab.inner_text(f'[data-count="{key}"]'))


def _visible_paths(tab) -> list[str]:
    return tab.eval_on_selector_all("#articles tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.path)")


def _set(tab, key: str, value: str) -> None:
    tab.select_option(f"#f-{key}", value)


def test_the_pages_counts_equal_the_json_output(page, built):
    _, data, facts = built
    summary = data["summary"]
    assert _count(page, "checked") == summary["files"]
    assert _count(page, "findings") == summary["findings"]
    assert (_count(page, "error"), _count(page, "warning"), _count(page, "info")) == \
        (summary["errors"], summary["warnings"], summary["info"])
    assert _count(page, "suppressed") == summary["suppressed"] == 1
    assert _count(page, "unchecked") == summary["file_errors"] == 1
    per_path = Counter(f["path"] for f in data["findings"])
    assert _count(page, "clean") == sum(1 for p, f in facts.items() if f is not None and not per_path[p])
    rows = page.eval_on_selector_all("#articles tbody tr", "rows => rows.map(r => [r.dataset.path, "
                                     "+r.dataset.errors + +r.dataset.warnings + +r.dataset.infos])")
    assert dict(rows) == {p: per_path.get(p, 0) for p in facts}
    listed = page.eval_on_selector_all("li.finding", "items => items.map(i => i.dataset.code)")
    assert Counter(listed) == Counter(f["code"] for f in data["findings"])
    assert page.console_errors == []


def test_each_highlight_is_the_findings_text(page, built):
    _, data, _ = built
    marks = page.eval_on_selector_all(
        "article.article", "arts => arts.flatMap(a => Array.from(a.querySelectorAll('mark.hit')).map("
                           "m => [a.querySelector('h3').textContent, m.textContent]))")
    expected = [[f["path"], f["text"]] for f in data["findings"] if f.get("scope", "span") == "span"]
    assert sorted(marks) == sorted(expected)
    assert marks  # the library has claims


def test_sorting_and_filtering(page, built):
    _, data, facts = built
    page.click('th[data-key="errors"]')
    ascending = page.eval_on_selector_all("#articles tbody tr", "rows => rows.map(r => +r.dataset.errors)")
    assert ascending == sorted(ascending)
    page.click('th[data-key="errors"]')
    descending = page.eval_on_selector_all("#articles tbody tr", "rows => rows.map(r => +r.dataset.errors)")
    assert descending == sorted(descending, reverse=True) and descending[0] > descending[-1]

    by_rule = {f["path"] for f in data["findings"] if f["code"] == "CL203"}
    _set(page, "rule", "CL203")
    assert sorted(_visible_paths(page)) == sorted(by_rule) and by_rule
    assert page.eval_on_selector_all("article.article:not([hidden])", "a => a.length") == len(by_rule)
    _set(page, "folder", "hair")
    assert sorted(_visible_paths(page)) == sorted(p for p in by_rule if p.startswith("hair/"))
    _set(page, "rule", "")
    _set(page, "folder", "")
    _set(page, "reviewer", "(none)")
    without = sorted(p for p, f in facts.items() if f is not None and not f.get("reviewer"))
    assert sorted(_visible_paths(page)) == without and len(without) < len(facts)
    _set(page, "reviewer", "")
    _set(page, "severity", "warning")
    assert sorted(_visible_paths(page)) == sorted({f["path"] for f in data["findings"] if f["severity"] == "warning"})
    _set(page, "severity", "")
    page.fill("#f-path", "collagen")
    assert _visible_paths(page) == ["shop/collagen-gummies-shop.html"]
    page.fill("#f-path", "")
    assert len(_visible_paths(page)) == len(facts)
    assert page.console_errors == []


def test_a_rule_link_opens_its_rationale_and_a_screenshot_is_kept(page):
    link = page.locator("a.rule").first
    code = link.get_attribute("href")[len("#rule-"):]
    assert not page.eval_on_selector(f"#rule-{code}", "d => d.open")
    link.click()
    assert page.eval_on_selector(f"#rule-{code}", "d => d.open")
    assert page.is_visible(f"#rule-{code} p")
    page.goto(page.url.split("#")[0])
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "report.png"
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10_000
    assert page.console_errors == []


def test_a_long_report_shows_progress_on_a_terminal_only(tmp_path):
    for i in range(30):
        (tmp_path / f"a{i:02}.md").write_text(f"Zinc is a mineral, article {i}.\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    status, shown = stderr_on_a_terminal([sys.executable, "-m", "claimlint", "report", "--no-cache", "-j", "1",
                                          "--today", TODAY, "."], tmp_path, {**env, "TERM": "xterm"})
    assert status == 0 and "30/30 files" in shown
    piped = claimlint("report", "--no-cache", "--today", TODAY, ".", cwd=tmp_path)
    assert piped.returncode == 0 and "files" not in piped.err
