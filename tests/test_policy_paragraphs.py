"""Policy paragraphs the shared examples do not reach, with invented articles of our own.

Each case is a whole small article (quotations over several paragraphs, related-article cards,
news datelines), so they are written to files and checked in one CLI run per module.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_json

CASES = {
    # 1. Quotations: attributed to a named person, cited in every sentence; a quotation re-opened
    # at each paragraph (British style) stays attributed until it closes.
    "quote-after.md": "“Roughly 8 in 10 of our patients sleep better within a month. Most keep improving,” "
                      "says Dr Lena Okafor, a sleep physician at St Mary’s Hospital.\n",
    "quote-before.md": "Professor Ian Marsh of the University of Leeds said: “Nine in ten runners who used "
                       "the insoles had fewer shin splints.”\n",
    "quote-multi.md": "Dr Priya Anand, a dermatologist at King’s College Hospital, told us:\n\n"
                      "“Around 70% of the teenagers we treat are clear within three months.\n\n"
                      "“The gel halves the number of spots in most of them.”\n",
    "quote-multi-straight.txt": "Dr Priya Anand, a dermatologist at King's College Hospital, told us:\n\n"
                                "\"Around 70% of the teenagers we treat are clear within three months.\n\n"
                                "\"The gel halves the number of spots in most of them.\"\n",
    "quote-unnamed.md": "“About 9 in 10 customers see thicker hair,” says our founder.\n",
    "quote-unclosed-next.md": "“Around 70% of the teenagers we treat are clear within three months.\n\n"
                              "Around 60% of adults relapse within a year.\n",
    # 4. Reviewer: a reviewer line in a related-article card is not the article's reviewer.
    "card-reviewer.txt": "Zinc and colds\n\nZinc is a mineral found in meat and shellfish.\n\n"
                         "Related articles\nVitamin C and colds\nMedically reviewed by Dr Ana Ruiz\n",
    "card-reviewer.html": "<html><head><title>Zinc</title></head><body><article><h1>Zinc</h1>"
                          "<p>Zinc is a mineral.</p></article><aside class=\"related\"><h3>Vitamin C and colds</h3>"
                          "<p>Medically reviewed by Dr Ana Ruiz</p></aside></body></html>\n",
    "header-reviewer.html": "<html><head><title>Zinc</title></head><body><header><p class=\"byline\">Medically "
                            "reviewed by Dr Ana Ruiz</p></header><article><h1>Zinc</h1><p>Zinc is a mineral.</p>"
                            "</article></body></html>\n",
    "top-reviewer.txt": "Zinc and colds\nMedically reviewed by Dr Ana Ruiz\n\nZinc is a mineral found in meat.\n",
    # 4. Dates: a news dateline is the article's date; a sentence that starts with a month is not.
    "dateline-city.txt": "Zinc trial halted\n\nLONDON, 3 March 2024 (Reuters) - A trial of zinc lozenges was "
                         "stopped early.\n",
    "dateline-bare.txt": "Zinc trial halted\n\nMarch 3, 2026 — A trial of zinc lozenges was stopped early.\n",
    "dateline-future.txt": "Zinc trial halted\n\n14 June 2027: A trial of zinc lozenges was stopped early.\n",
    "not-dateline.txt": "Zinc\n\nMarch 2020 was the month the trial began, and it ended early.\n",
}


@pytest.fixture(scope="module")
def findings(tmp_path_factory) -> dict[str, list[dict]]:
    folder: Path = tmp_path_factory.mktemp("policy")
    for name, text in CASES.items():
        (folder / name).write_text(text, encoding="utf-8")
    result = run_json(folder)
    by_file: dict[str, list[dict]] = {name: [] for name in CASES}
    for f in result["findings"]:
        by_file[Path(f["path"]).name].append(f)
    return by_file


def rules(findings, name):
    return [f["rule"] for f in findings[name]]


def claims(findings, name):
    return [f["text"] for f in findings[name] if f["rule"].startswith(("uncited-", "unsupported-"))]


def test_quotation_attributed_after_it_covers_each_sentence(findings):
    assert claims(findings, "quote-after.md") == []


def test_quotation_attributed_before_it(findings):
    assert claims(findings, "quote-before.md") == []


def test_quotation_over_several_paragraphs_stays_attributed(findings):
    assert claims(findings, "quote-multi.md") == []
    assert claims(findings, "quote-multi-straight.txt") == []  # straight marks, re-opened the same way


def test_quotation_with_unnamed_speaker_is_not_cited(findings):
    assert [t for t in claims(findings, "quote-unnamed.md") if "9 in 10" in t]


def test_unclosed_quotation_does_not_cite_the_next_paragraph(findings):
    assert "60% of adults" in claims(findings, "quote-unclosed-next.md")


def test_reviewer_in_related_card_is_not_the_articles(findings):
    assert "missing-reviewer" in rules(findings, "card-reviewer.txt")
    assert "missing-reviewer" in rules(findings, "card-reviewer.html")


def test_reviewer_in_page_header_or_top_byline_counts(findings):
    assert "missing-reviewer" not in rules(findings, "header-reviewer.html")
    assert "missing-reviewer" not in rules(findings, "top-reviewer.txt")


def test_news_dateline_is_the_articles_date(findings):
    stale = [f for f in findings["dateline-city.txt"] if f["rule"] == "stale-update-date"]
    assert [f["text"] for f in stale] == ["3 March 2024"]
    assert "missing-update-date" not in rules(findings, "dateline-city.txt")
    assert rules(findings, "dateline-bare.txt").count("stale-update-date") == 0
    assert "missing-update-date" not in rules(findings, "dateline-bare.txt")
    assert "future-date" in rules(findings, "dateline-future.txt")


def test_month_at_the_start_of_a_sentence_is_not_a_dateline(findings):
    assert "missing-update-date" in rules(findings, "not-dateline.txt")


def test_disclaimer_added_at_build_time_for_configured_paths(tmp_path):
    """Policy 4: a team says in configuration which paths get the disclaimer from the template."""
    pack = tmp_path / "house.yaml"
    pack.write_text(
        "pack: house\nrules:\n  - code: CL193\n    name: house-disclaimer\n    kind: required\n"
        "    severity: warning\n    summary: No disclaimer.\n    message: no disclaimer\n"
        "    rationale: The health section's template adds it.\n    options:\n"
        "      provided_for: ['health/*.md']\n      body: ['not a substitute for']\n", encoding="utf-8")
    for folder in ("health", "blog"):
        (tmp_path / "site" / folder).mkdir(parents=True)
        (tmp_path / "site" / folder / "zinc.md").write_text("Zinc is a mineral.\n", encoding="utf-8")
    result = run_json("--rules", pack, "--select", "CL193", tmp_path / "site")
    flagged = sorted(Path(f["path"]).parent.name for f in result["findings"])
    assert flagged == ["blog"]
