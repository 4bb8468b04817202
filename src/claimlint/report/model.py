"""What the health report shows, worked out from a `Report`: plain data, no markup.

Kept apart from the page so the figures can be tested (and reused) without HTML: every count
here is a count of the same findings and facts the JSON output gives.
"""
from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from dataclasses import dataclass, field

SEVERITIES = ("error", "warning", "info")
# Age buckets in months for the freshness chart: [lower, upper) with None for open-ended.
AGE_BUCKETS = ((0, 3), (3, 6), (6, 12), (12, 18), (18, 24), (24, 36), (36, None))
NO_DATE = "no date"
CONTEXT_CHARS = 160  # source characters shown on either side of a finding's words
TOP_FOLDER = "(top level)"


@dataclass
class Shown:
    """A finding as the report shows it: the words in their context of source text."""

    finding: object
    before: str = ""
    after: str = ""


@dataclass
class Article:
    path: str
    folder: str
    reviewer: str | None
    updated: str | None  # ISO date: the most recent review/update date it gives (or its date)
    age_months: float | None
    words: int
    error: str | None
    findings: list[Shown] = field(default_factory=list)
    suppressed: int = 0
    max_age_months: float | None = None  # the age its stale-date rule allows, if that rule checked it

    def count(self, severity: str) -> int:
        return sum(1 for s in self.findings if s.finding.severity == severity)

    @property
    def rules(self) -> list[str]:
        return sorted({s.finding.rule for s in self.findings})

    @property
    def worst(self) -> tuple:
        """Sort key, worst first: most errors, then warnings, then info, then oldest."""
        return (-self.count("error"), -self.count("warning"), -self.count("info"),
                -(self.age_months if self.age_months is not None else 1e9), self.path)


@dataclass
class Model:
    today: dt.date
    articles: list[Article]
    rules: list  # claimlint.rulepacks.Rule, every rule the run knew
    problems: list[str]
    folders: list[str]

    @property
    def checked(self) -> list[Article]:
        return [a for a in self.articles if a.error is None]

    def by_severity(self) -> dict[str, int]:
        counts = Counter(s.finding.severity for a in self.articles for s in a.findings)
        return {sev: counts.get(sev, 0) for sev in SEVERITIES}

    def by_rule(self) -> list[tuple[str, str, int]]:
        """(code, name, findings) for each rule with findings, most first."""
        counts = Counter((s.finding.code, s.finding.rule) for a in self.articles for s in a.findings)
        return [(code, name, n) for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]

    def freshness(self) -> dict[str, list[int]]:
        """Per folder (and "all"): article counts per age bucket, then those with no date."""
        out = {}
        for folder in ["all", *self.folders]:
            counts = [0] * (len(AGE_BUCKETS) + 1)
            for a in self.checked:
                if folder != "all" and a.folder != folder:
                    continue
                counts[_bucket(a.age_months)] += 1
            out[folder] = counts
        return out

    def without_reviewer(self) -> list[tuple[str, int, int]]:
        """(folder, articles without a reviewer, articles) per folder."""
        rows = []
        for folder in self.folders:
            inside = [a for a in self.checked if a.folder == folder]
            rows.append((folder, sum(1 for a in inside if not a.reviewer), len(inside)))
        return rows

    def max_age_months(self, folder: str = "all") -> float | None:
        """The maximum age the stale-date rule allows the folder's articles (the most common one,
        should the configuration give several)."""
        limits = Counter(a.max_age_months for a in self.checked
                         if a.max_age_months is not None and folder in ("all", a.folder))
        return limits.most_common(1)[0][0] if limits else None

    @property
    def suppressed(self) -> int:
        return sum(a.suppressed for a in self.articles)


def _bucket(age: float | None) -> int:
    if age is None:
        return len(AGE_BUCKETS)
    for i, (low, high) in enumerate(AGE_BUCKETS):
        if high is None or age < high:
            return i
    return len(AGE_BUCKETS) - 1


def bucket_labels() -> list[str]:
    labels = [f"{low}–{high}" if high is not None else f"{low}+" for low, high in AGE_BUCKETS]
    return labels + [NO_DATE]


def months_between(earlier: dt.date, later: dt.date) -> float:
    return (later - earlier).days / 30.4375


def build(report, today: dt.date | None = None) -> Model:
    """The report's model. `today`: the date ages are counted to (default: each article's own
    checking date, which is the run's `today` setting)."""
    files = report.files
    folders_of = _folders([r.path for r in files])
    articles = []
    for result in files:
        facts = result.facts or {}
        checked_on = today or result.today or dt.date.today()
        updated = facts.get("updated") or facts.get("date")
        age = None
        if updated:
            try:
                age = max(0.0, months_between(dt.date.fromisoformat(updated), checked_on))
            except ValueError:
                updated = None
        reviewer = facts.get("reviewer")
        limit = facts.get("max_age_months")
        article = Article(result.path, folders_of[result.path], reviewer if isinstance(reviewer, str) else None,
                          updated, age, int(facts.get("words", 0) or 0), result.error,
                          suppressed=int(facts.get("suppressed", 0) or 0),
                          max_age_months=float(limit) if isinstance(limit, (int, float)) else None)
        if result.findings:
            source = result.text()
            article.findings = [_shown(f, source) for f in result.findings]
        articles.append(article)
    articles.sort(key=lambda a: a.worst)
    dates = [r.today for r in files if r.today is not None]
    return Model(today or (max(dates) if dates else dt.date.today()), articles,
                 list(report.rules), list(report.problems), sorted(set(folders_of.values()), key=_folder_key))


def _folder_key(folder: str):
    return (folder == TOP_FOLDER, folder.casefold())


def _folders(paths: list[str]) -> dict[str, str]:
    """Each path's top-level folder below the folder the paths have in common."""
    parts = {p: os.path.normpath(p).replace(os.sep, "/").split("/") for p in paths}
    dirs = [v[:-1] for v in parts.values()]
    common = 0
    if dirs:
        first = dirs[0]
        while common < len(first) and all(len(d) > common and d[common] == first[common] for d in dirs):
            common += 1
    return {p: (v[common] if len(v) - 1 > common else TOP_FOLDER) for p, v in parts.items()}


def _shown(finding, source: str) -> Shown:
    if finding.scope == "document" or not (0 <= finding.start <= finding.end <= len(source)):
        return Shown(finding)
    line_start = source.rfind("\n", 0, finding.start) + 1
    line_end = source.find("\n", finding.end)
    line_end = len(source) if line_end < 0 else line_end
    begin = max(line_start, finding.start - CONTEXT_CHARS)
    end = min(line_end, finding.end + CONTEXT_CHARS)
    if begin > line_start:  # start on a word
        space = source.find(" ", begin, finding.start)
        begin = space + 1 if space >= 0 else begin
    if end < line_end:
        space = source.rfind(" ", finding.end, end)
        end = space if space >= 0 else end
    before = ("… " if begin > line_start else "") + source[begin:finding.start]
    after = source[finding.end:end] + (" …" if end < line_end else "")
    return Shown(finding, before, after)
