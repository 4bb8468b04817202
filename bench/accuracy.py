#!/usr/bin/env python3
"""Measure claimlint's claim detection against the labelled corpus in tests/corpus/.

    python bench/accuracy.py [CORPUS_DIR] [--cmd claimlint] [--rules uncited-statistic,...] [--show]

claimlint is run once over the corpus folder (`--format json --today 2026-11-24`). Each article
`NAME.ext` has `NAME.expect.yaml`:

    must_report:        # every claim the editorial policy says must be reported
      - {rule: uncited-statistic, text: "7 in 10 users", severity: error}
      - {rule: [uncited-statistic, uncited-efficacy-claim], text: "cut flares by half"}
    must_not_report:    # tricky spans that must not get any claim finding
      - {text: "5 mg"}
    may_report:         # spans the policy does not settle: a finding there is neither right nor wrong
      - {text: "92% of customers"}

`text` is an exact substring of the article's source; `occurrence: N` picks the Nth one when it
is not unique. `rule` is one rule slug or a list: the first is the claim's kind under the policy,
the others are also accepted. The corpus lists two rules where one claim is fairly reported by
either: an effect size or time-to-effect stated with an efficacy verb ("reduces flares by 20%",
"works within two weeks"), a safety comparison ("gentler than"). `severity` is optional; the
corpus gives it only where the policy settles it (a hedge with no figure: warning; a vague
quantifier on an outcome: warning; an unhedged figure or claim: error). Where the policy is
ambiguous a span is in neither list and the expectation file says why in a comment.

Matching: a finding matches an entry when its rule is one the entry accepts and its source span
(from line/column, 1-based, columns in characters, end exclusive) overlaps the entry's span.

- TP: a must_report entry matched by at least one finding; FN: an entry matched by none.
- FP: a claim finding that matches no must_report entry. Extra findings on an entry already
  matched are counted as duplicates, not as false positives (the policy asks for one finding
  per claim); so is a finding of another claim rule on an expected claim ("cuts pain by a
  third" reported as a statistic and as an efficacy claim): the claim is real, the second
  finding is noise, and the report counts it apart. A finding on a may_report span is set
  aside (counted, not scored).
- Same sentence, other words: a finding left unmatched and an entry left unmatched in the same
  sentence, of a rule the entry accepts, are paired (the labeller and the detector chose
  different key words for one claim: "They work within minutes to ease wheezing"). The report
  counts these pairs; they are TPs, not an FP and an FN.
- Precision is about sentences an editor is sent to for nothing: a further finding in a
  sentence that holds an expected claim is counted apart ("extra findings in claim
  sentences"), not as an FP. The report also prints the strict figure, where those extras
  count as FPs. An FP overlapping a must_not_report span is marked as such.
- Per rule, an entry counts under its first rule and a finding under its own rule.

Only the three claim rules count; every other rule (missing-reviewer and so on) is ignored.
A file claimlint could not check (listed in its "errors") keeps its entries as false negatives;
the report also gives the figures without those files.
"""
from __future__ import annotations

import argparse
import bisect
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

CLAIM_RULES = ("uncited-statistic", "uncited-efficacy-claim", "unsupported-safety-claim")
ARTICLE_EXTS = (".md", ".markdown", ".mdx", ".html", ".htm", ".txt", ".text")
EXPECT_SUFFIX = ".expect.yaml"
TODAY = "2026-11-24"
DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus"
SHOW_AUTOMATICALLY = 30  # list FPs and FNs without --show when there are at most this many


class CorpusError(Exception):
    """The corpus itself is wrong: an expectation whose text is not in its article, and so on."""


@dataclass
class Entry:
    rules: tuple[str, ...]
    text: str
    start: int
    end: int
    line: int
    column: int
    severity: str | None = None
    occurrence: int | None = None  # as written in the expectation file

    @property
    def rule(self) -> str:
        return self.rules[0]


@dataclass
class Article:
    path: Path
    source: str
    line_starts: list[int]
    must_report: list[Entry]
    must_not_report: list[Entry]
    may_report: list[Entry]

    def offset(self, line: int, column: int) -> int:
        line = max(1, min(line, len(self.line_starts)))
        return min(self.line_starts[line - 1] + column - 1, len(self.source))

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1


# ---------------------------------------------------------------- corpus

def read_source(path: Path) -> str:
    """The article text as claimlint reads it: UTF-8, BOM dropped, newlines untouched."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path}: not valid UTF-8 ({exc.reason} at byte {exc.start})") from None
    return text[1:] if text.startswith("\ufeff") else text


def line_starts_of(source: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", source)]


def article_for(expect_path: Path) -> Path:
    stem = expect_path.name[: -len(EXPECT_SUFFIX)]
    found = [expect_path.with_name(stem + ext) for ext in ARTICLE_EXTS
             if expect_path.with_name(stem + ext).exists()]
    if len(found) != 1:
        raise CorpusError(f"{expect_path}: expected exactly one article named {stem}.*, found {len(found)}")
    return found[0]


def _rules_of(item: dict, where: str) -> tuple[str, ...]:
    rule = item.get("rule")
    rules = tuple(rule) if isinstance(rule, list) else (rule,)
    if not rules or not all(isinstance(r, str) and r in CLAIM_RULES for r in rules):
        raise CorpusError(f"{where}: rule must be one of {', '.join(CLAIM_RULES)} (or a list of them), got {rule!r}")
    return rules


def _span(source: str, text: str, occurrence: int, where: str) -> tuple[int, int]:
    if not isinstance(text, str) or not text:
        raise CorpusError(f"{where}: text must be a non-empty string")
    start = -1
    for _ in range(occurrence):
        start = source.find(text, start + 1)
        if start < 0:
            raise CorpusError(f"{where}: occurrence {occurrence} of {text!r} is not in the article")
    return start, start + len(text)


def load_article(expect_path: Path) -> Article:
    path = article_for(expect_path)
    source = read_source(path)
    starts = line_starts_of(source)
    data = yaml.safe_load(expect_path.read_text(encoding="utf-8")) or {}
    unknown = set(data) - {"must_report", "must_not_report", "may_report"}
    if unknown:
        raise CorpusError(f"{expect_path}: unknown keys {sorted(unknown)}")
    art = Article(path, source, starts, [], [], [])
    for key, bucket in (("must_report", art.must_report), ("must_not_report", art.must_not_report),
                        ("may_report", art.may_report)):
        for i, item in enumerate(data.get(key) or []):
            where = f"{expect_path}: {key}[{i}]"
            if not isinstance(item, dict):
                raise CorpusError(f"{where}: each entry is a mapping")
            rules = _rules_of(item, where) if key == "must_report" else CLAIM_RULES
            occurrence = int(item.get("occurrence", 1))
            start, end = _span(source, item.get("text"), occurrence, where)
            line, col = art.position(start)
            severity = item.get("severity")
            if severity not in (None, "error", "warning", "info"):
                raise CorpusError(f"{where}: severity must be error, warning or info")
            bucket.append(Entry(rules, item["text"], start, end, line, col, severity, item.get("occurrence")))
    return art


def load_corpus(corpus_dir: Path) -> list[Article]:
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise CorpusError(f"{corpus_dir}: not a folder")
    articles = [load_article(p) for p in sorted(corpus_dir.rglob("*" + EXPECT_SUFFIX))]
    with_expect = {a.path.resolve() for a in articles}
    orphans = [p for p in sorted(corpus_dir.rglob("*")) if p.suffix.lower() in ARTICLE_EXTS
               and p.resolve() not in with_expect]
    if orphans:
        raise CorpusError("articles without an expectation file: " + ", ".join(map(str, orphans)))
    return articles


def corpus_warnings(articles: list[Article]) -> list[str]:
    """Soft problems: texts that are not unique (and no occurrence given), overlapping lists."""
    out = []
    for art in articles:
        for entry in art.must_report + art.must_not_report:
            if entry.occurrence is None and art.source.count(entry.text) > 1:
                out.append(f"{art.path.name}:{entry.line}: {entry.text!r} occurs "
                           f"{art.source.count(entry.text)} times; add `occurrence:` to be explicit")
        for bad in art.must_not_report:
            for good in art.must_report:
                if bad.start < good.end and good.start < bad.end:
                    out.append(f"{art.path.name}:{bad.line}: must_not_report {bad.text!r} overlaps "
                               f"must_report {good.text!r}")
    return out


def topic_of(path: Path) -> str:
    """The topic is the file name before its two-digit number: 'hair-loss-01-x.md' -> 'hair-loss'."""
    m = re.match(r"(.+?)-\d\d(?:-|$)", path.stem)
    return m.group(1) if m else path.stem


def word_count(art: Article) -> int:
    text = art.source
    if art.path.suffix.lower() in (".html", ".htm"):
        text = re.sub(r"(?is)<(script|style|head)\b.*?</\1>", " ", text)
        text = re.sub(r"<[^>]+>", " ", text)
    elif text.startswith("---\n"):
        end = text.find("\n---", 4)
        text = text[end + 4:] if end > 0 else text
    return len(re.findall(r"[A-Za-z0-9][\w'’%.,-]*", text))


# ---------------------------------------------------------------- claimlint

def default_cmd() -> str:
    return "claimlint" if shutil.which("claimlint") else f"{shlex.quote(sys.executable)} -m claimlint"


def run_claimlint(corpus_dir: Path, cmd: str | list[str]) -> dict:
    argv = shlex.split(cmd) if isinstance(cmd, str) else list(cmd)
    argv += ["--format", "json", "--today", TODAY, str(Path(corpus_dir).resolve())]
    proc = subprocess.run(argv, capture_output=True, text=True)
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        raise RuntimeError(f"{' '.join(argv)} exited {proc.returncode} without JSON output:\n"
                           f"{proc.stderr.strip()[-2000:]}") from None
    if not isinstance(report, dict) or "findings" not in report:
        raise RuntimeError(f"unexpected claimlint output: {proc.stdout[:500]}")
    return report


def findings_by_path(report: dict, codes=None) -> dict[str, list[dict]]:
    """A report's findings grouped by the real path of their file (of rules `codes` only, if given)."""
    by_path: dict[str, list[dict]] = {}
    for f in report.get("findings", []):
        if codes is None or f.get("rule") in codes or f.get("code") in codes:
            by_path.setdefault(os.path.realpath(f["path"]), []).append(f)
    return by_path


def _error_path(message: str) -> str | None:
    m = re.match(r"(.+?):(?:\d+:)? ", message)
    return m.group(1) if m else None


# ---------------------------------------------------------------- scoring

def _prf(tp: int, fp: int, fn: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}


_SENTENCE_BREAK = re.compile(r"[.!?][\"”’')\]]*\s|\n\s*\n|</(?:p|li|h\d|td|th|title)>|<(?:p|li|h\d|br)\b", re.I)


def _same_sentence(source: str, a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """No sentence end, blank line or block tag between two spans of the source."""
    lo, hi = (a_end, b_start) if a_end <= b_start else (b_end, a_start)
    return lo >= hi or not _SENTENCE_BREAK.search(source, lo, hi)


def _score(articles, findings_by_path, rules) -> dict:
    """Match findings to the entries of `articles`: per-rule and overall figures, FP and FN lists."""
    counts = {r: Counter() for r in rules}
    fps, fns, mismatches, violations, span_mismatches = [], [], [], [], []
    duplicates = other_rule = unsettled = paired = same_sentence_extra = 0
    strict_fp = Counter()
    for art in articles:
        pending = []
        findings = [f for f in findings_by_path.get(os.path.realpath(art.path), []) if f["rule"] in rules]
        entries = [e for e in art.must_report if e.rule in rules]
        matched = {id(e): [] for e in entries}
        for f in findings:
            start = art.offset(f["line"], f["column"])
            end = art.offset(f["end_line"], f["end_column"])
            if f.get("text") is not None and art.source[start:end] != f["text"]:
                span_mismatches.append(f"{art.path}:{f['line']}:{f['column']}: the span holds "
                                       f"{art.source[start:end]!r}, the finding says {f['text']!r}")
            end = max(end, start + 1)  # an empty span still points at a character
            hits = [e for e in entries if f["rule"] in e.rules and start < e.end and e.start < end]
            if hits:
                if all(matched[id(e)] for e in hits):
                    duplicates += 1
                for e in hits:
                    matched[id(e)].append(f)
                continue
            if any(start < e.end and e.start < end for e in entries):
                other_rule += 1  # a second finding, of another claim rule, on a real claim
                continue
            if any(start < e.end and e.start < end for e in art.may_report):
                unsettled += 1
                continue
            pending.append((f, start, end))
        for f, start, end in pending:
            on_must_not = any(start < b.end and b.start < end for b in art.must_not_report)
            free = [e for e in entries if not on_must_not and not matched[id(e)] and f["rule"] in e.rules
                    and _same_sentence(art.source, start, end, e.start, e.end)]
            if free:
                matched[id(free[0])].append(f)
                paired += 1
                continue
            if not on_must_not and any(_same_sentence(art.source, start, end, e.start, e.end) for e in art.must_report):
                same_sentence_extra += 1  # another finding on a sentence that holds an expected claim
                strict_fp[f["rule"]] += 1
                continue
            counts[f["rule"]]["fp"] += 1
            strict_fp[f["rule"]] += 1
            bad = [b.text for b in art.must_not_report if start < b.end and b.start < end]
            if bad:
                violations.append(bad[0])
            fps.append({"path": str(art.path), "line": f["line"], "column": f["column"], "rule": f["rule"],
                        "severity": f.get("severity"), "text": f.get("text", art.source[start:end]),
                        "must_not": bad[0] if bad else None,
                        "also_overlaps": sorted({e.text for e in art.must_report
                                                 if start < e.end and e.start < end})})
        for e in entries:
            by = matched[id(e)]
            if by:
                counts[e.rule]["tp"] += 1
                if e.severity and not any(f.get("severity") == e.severity for f in by):
                    mismatches.append({"path": str(art.path), "line": e.line, "rule": e.rule, "text": e.text,
                                       "expected": e.severity, "got": sorted({str(f.get("severity")) for f in by})})
            else:
                counts[e.rule]["fn"] += 1
                fns.append({"path": str(art.path), "line": e.line, "column": e.column, "rule": e.rule,
                            "rules": list(e.rules), "severity": e.severity, "text": e.text})
    total = Counter()
    for c in counts.values():
        total.update(c)
    return {
        "rules": {r: _prf(c["tp"], c["fp"], c["fn"]) for r, c in counts.items()},
        "overall": _prf(total["tp"], total["fp"], total["fn"]),
        "false_positives": fps,
        "false_negatives": fns,
        "severity_mismatches": mismatches,
        "must_not_violations": violations,
        "duplicates": duplicates,
        "other_rule_findings": other_rule,
        "same_sentence_pairs": paired,
        "same_sentence_extras": same_sentence_extra,
        "strict": _prf(total["tp"], total["fp"] + same_sentence_extra, total["fn"]),
        "unsettled_findings": unsettled,
        "span_mismatches": span_mismatches,
    }


def evaluate(corpus_dir=DEFAULT_CORPUS, cmd: str | list[str] | None = None, rules=CLAIM_RULES) -> dict:
    """Run claimlint over `corpus_dir` and score its claim findings against the expectations.

    Returns {"rules": {rule: {tp, fp, fn, precision, recall, f1}}, "overall": {...},
    "false_positives": [...], "false_negatives": [...], "severity_mismatches": [...],
    "must_not_violations": [...], "duplicates": n, "other_rule_findings": n, "unsettled_findings": n,
    "span_mismatches": [...],
    "errors": [claimlint's file errors], "errored_files": [...],
    "without_errored_files": {...} or None, "articles": n, "expected": n, "must_not": n,
    "by_format": {...}, "by_topic": {...}}.
    """
    rules = tuple(rules)
    unknown = set(rules) - set(CLAIM_RULES)
    if unknown or not rules:
        raise ValueError(f"not claim rules: {', '.join(sorted(unknown)) or '(none given)'}")
    corpus_dir = Path(corpus_dir)
    articles = load_corpus(corpus_dir)
    report = run_claimlint(corpus_dir, cmd or default_cmd())

    by_path = findings_by_path(report, CLAIM_RULES)
    errors = list(report.get("errors", []))
    errored = {os.path.realpath(p) for p in map(_error_path, errors) if p}
    errored_articles = [a for a in articles if os.path.realpath(a.path) in errored]

    result = _score(articles, by_path, rules)
    without = None
    if errored_articles:
        without = _score([a for a in articles if a not in errored_articles], by_path, rules)["overall"]
    result.update({
        "errors": errors,
        "errored_files": [str(a.path) for a in errored_articles],
        "without_errored_files": without,
        "articles": len(articles),
        "expected": sum(1 for a in articles for e in a.must_report if e.rule in rules),
        "must_not": sum(len(a.must_not_report) for a in articles),
        "by_format": dict(sorted(Counter(a.path.suffix.lstrip(".").lower() for a in articles).items())),
        "by_topic": dict(sorted(Counter(topic_of(a.path) for a in articles).items())),
    })
    return result


# ---------------------------------------------------------------- report

def _rel(path: str) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


def format_report(result: dict, show: bool | None = None) -> str:
    lines = [f"{result['articles']} articles ({', '.join(f'{k} {v}' for k, v in result['by_format'].items())}); "
             f"{result['expected']} expected claims, {result['must_not']} must-not spans"]
    lines.append("")
    lines.append(f"{'rule':<28}{'TP':>5}{'FP':>5}{'FN':>5}{'precision':>11}{'recall':>8}{'F1':>7}")
    rows = list(result["rules"].items()) + [("overall", result["overall"])]
    if result.get("strict"):
        rows.append(("overall, strict", result["strict"]))
    for name, s in rows:
        lines.append(f"{name:<28}{s['tp']:>5}{s['fp']:>5}{s['fn']:>5}"
                     f"{s['precision']:>11.3f}{s['recall']:>8.3f}{s['f1']:>7.3f}")
    w = result.get("without_errored_files")
    if w:
        lines.append(f"{'overall, checked files only':<28}{w['tp']:>5}{w['fp']:>5}{w['fn']:>5}"
                     f"{w['precision']:>11.3f}{w['recall']:>8.3f}{w['f1']:>7.3f}")
    lines.append("")
    lines.append(f"duplicate findings on already-matched claims: {result['duplicates']}; "
                 f"second findings of another rule on an expected claim: {result['other_rule_findings']}; "
                 f"findings on unsettled (may_report) spans: {result['unsettled_findings']}; "
                 f"pairs in the same sentence with other words: {result['same_sentence_pairs']}; "
                 f"extra findings in claim sentences: {result['same_sentence_extras']}; "
                 f"must-not spans hit: {len(result['must_not_violations'])}; "
                 f"severity mismatches: {len(result['severity_mismatches'])}")
    if result["span_mismatches"]:
        lines.append(f"{len(result['span_mismatches'])} finding(s) whose line/column span does not hold its text, e.g.:")
        lines.extend("  " + m for m in result["span_mismatches"][:3])
    if result["errors"]:
        lines.append(f"claimlint could not check {len(result['errored_files'])} file(s); their claims count as FN:")
        lines.extend("  " + e for e in result["errors"][:10])
        if len(result["errors"]) > 10:
            lines.append(f"  ... and {len(result['errors']) - 10} more")
    fps, fns = result["false_positives"], result["false_negatives"]
    if show is None:
        show = len(fps) + len(fns) <= SHOW_AUTOMATICALLY
    if show:
        lines.append("")
        lines.append(f"False positives ({len(fps)}):")
        for f in fps:
            note = f"   [must_not_report: {f['must_not']!r}]" if f["must_not"] else ""
            if f["also_overlaps"]:
                note += f"   [overlaps expected {f['also_overlaps'][0]!r} of another rule]"
            lines.append(f"  {_rel(f['path'])}:{f['line']}: {f['rule']} ({f['severity']}) {f['text']!r}{note}")
        lines.append("")
        lines.append(f"False negatives ({len(fns)}):")
        for f in fns:
            rule = f["rule"] if len(f["rules"]) == 1 else "|".join(f["rules"])
            lines.append(f"  {_rel(f['path'])}:{f['line']}: {rule} {f['text']!r}")
        if result["severity_mismatches"]:
            lines.append("")
            lines.append(f"Severity mismatches ({len(result['severity_mismatches'])}):")
            for m in result["severity_mismatches"]:
                lines.append(f"  {_rel(m['path'])}:{m['line']}: {m['rule']} {m['text']!r}: "
                             f"expected {m['expected']}, got {', '.join(map(str, m['got']))}")
    elif fps or fns:
        lines.append("(run with --show to list the false positives and negatives)")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Score claimlint's claim rules against a labelled corpus.")
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS),
                        help="folder of articles with NAME.expect.yaml files (default: tests/corpus)")
    parser.add_argument("--cmd", default=None,
                        help="command that runs claimlint (default: claimlint on PATH, else python -m claimlint)")
    parser.add_argument("--rules", default=",".join(CLAIM_RULES),
                        help="comma-separated claim rules to score (default: all three)")
    parser.add_argument("--show", action="store_true", help="always list false positives and negatives")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--check", action="store_true",
                        help="only check the corpus (texts present, word counts); do not run claimlint")
    args = parser.parse_args(argv)
    rules = tuple(r.strip() for r in args.rules.split(",") if r.strip())

    try:
        if args.check:
            articles = load_corpus(Path(args.corpus))
            for w in corpus_warnings(articles):
                print("warning:", w)
            for a in articles:
                n = word_count(a)
                if not 150 <= n <= 400:
                    print(f"warning: {a.path.name}: {n} words (want 150-400)")
            print(f"{len(articles)} articles, {sum(len(a.must_report) for a in articles)} expected claims, "
                  f"{sum(len(a.must_not_report) for a in articles)} must-not spans")
            print("by format:", dict(Counter(a.path.suffix for a in articles)))
            print("by topic:", dict(sorted(Counter(topic_of(a.path) for a in articles).items())))
            return 0
        result = evaluate(args.corpus, args.cmd, rules)
    except (CorpusError, ValueError, RuntimeError) as exc:
        print(f"accuracy: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(format_report(result, True if args.show else None))
    return 0


if __name__ == "__main__":
    sys.exit(main())
