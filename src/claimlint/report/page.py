"""The health report as one self-contained HTML page: styles and the table's script inline, charts
as SVG, nothing fetched when it is viewed. Everything a reader needs is in the markup itself (the
script only sorts, filters and opens), so the page reads and prints without it."""
from __future__ import annotations

from collections import Counter
from html import escape

from claimlint import __version__
from claimlint.report import charts
from claimlint.report.model import AGE_BUCKETS, SEVERITIES, Model, bucket_labels

NO_REVIEWER = "(none)"


def render(model: Model) -> str:
    parts = [_head(model), _summary(model), _charts(model), _table(model), _articles(model), _rules(model),
             _foot()]
    return "".join(parts)


def _head(model: Model) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>Content health report · {model.today.isoformat()}</title>"
            f"<style>{CSS}</style></head><body>"
            f"<header><h1>Content health report</h1><p class=\"meta\">{len(model.articles)} articles · "
            f"ages counted to {model.today.isoformat()} · claimlint {escape(__version__)}</p></header><main>")


def _summary(model: Model) -> str:
    checked = model.checked
    clean = sum(1 for a in checked if not a.findings)
    sev = model.by_severity()
    total = sum(sev.values())
    tiles = [("articles checked", len(checked), "checked"), ("clean articles", clean, "clean"),
             ("findings", total, "findings"), *((f"{s}s" if s != "info" else "info", sev[s], s) for s in SEVERITIES),
             ("suppressed", model.suppressed, "suppressed")]
    unreadable = len(model.articles) - len(checked) + len(model.problems)
    if unreadable:
        tiles.append(("not checked", unreadable, "unchecked"))
    out = ['<section id="summary"><h2>Summary</h2><div class="tiles">']
    for label, n, key in tiles:
        out.append(f'<div class="tile {key}"><span class="n" data-count="{key}">{n}</span>'
                   f'<span class="label">{escape(label)}</span></div>')
    out.append("</div>")
    if model.problems or unreadable:
        out.append('<details class="problems"><summary>What could not be checked</summary><ul>')
        for message in model.problems + [a.error for a in model.articles if a.error]:
            out.append(f"<li>{escape(message)}</li>")
        out.append("</ul></details>")
    out.append("</section>")
    return "".join(out)


def _limit_position(months: float) -> float:
    for i, (low, high) in enumerate(AGE_BUCKETS):
        if high is None:
            return float(i)
        if months < high:
            return i + (months - low) / (high - low)
    return float(len(AGE_BUCKETS) - 1)


def _charts(model: Model) -> str:
    out = ['<section id="freshness"><h2>Freshness</h2><p class="note">Articles by the age of their last '
           'update or review date (their publication date when they give no other); grey: no date found.']
    limit = model.max_age_months()
    if limit is not None:
        out.append(f" The dashed line is the configured maximum age ({limit:g} months).")
    out.append("</p><div class=\"small-multiples\">")
    labels = bucket_labels()
    for folder, counts in model.freshness().items():
        title = "All articles" if folder == "all" else folder
        limit = model.max_age_months(folder)
        out.append(f'<figure data-folder="{escape(folder)}">' + charts.histogram(
            counts, labels, title=title, limit_at=None if limit is None else _limit_position(limit),
            limit_label="" if limit is None else f"max {limit:g} mo") + "</figure>")
    out.append("</div></section>")
    rules = model.by_rule()
    out.append('<section id="by-rule"><h2>Findings per rule</h2>')
    out.append(charts.hbars([(f"{code} {name}", n, charts.BAR) for code, name, n in rules],
                            title="Findings per rule"))
    out.append('</section><section id="reviewers"><h2>Articles without a reviewer, per folder</h2>')
    rows = model.without_reviewer()
    out.append(charts.hbars([(folder, missing, charts.WARN) for folder, missing, _ in rows],
                            title="Articles without a reviewer per folder", total=[n for *_, n in rows]))
    out.append("</section>")
    return "".join(out)


def _table(model: Model) -> str:
    rules = sorted({(s.finding.code, s.finding.rule) for a in model.articles for s in a.findings})
    reviewers = Counter(a.reviewer or NO_REVIEWER for a in model.checked)
    out = ['<section id="articles-table"><h2>Articles, worst first</h2><form class="filters" '
           'onsubmit="return false">',
           _select("folder", "Folder", [(f, f) for f in model.folders]),
           _select("rule", "Rule", [(code, f"{code} {name}") for code, name in rules]),
           _select("severity", "Severity", [(s, s) for s in SEVERITIES]),
           _select("reviewer", "Reviewer", [(r, r) for r in sorted(reviewers, key=str.casefold)]),
           '<label>Path <input type="search" id="f-path" placeholder="part of a path"></label>'
           '<span id="shown-count" aria-live="polite"></span></form>'
           '<table id="articles"><thead><tr>'
           '<th data-key="path" data-type="text">Article</th><th data-key="folder" data-type="text">Folder</th>'
           '<th data-key="reviewer" data-type="text">Reviewer</th><th data-key="updated" data-type="text">Updated</th>'
           '<th data-key="age" data-type="num">Age (months)</th><th data-key="errors" data-type="num">Errors</th>'
           '<th data-key="warnings" data-type="num">Warnings</th><th data-key="infos" data-type="num">Info</th>'
           '<th data-key="rank" data-type="num" title="worst first">Rank</th></tr></thead><tbody>']
    unchecked = ' data-unchecked="1"'
    for rank, a in enumerate(model.articles, 1):
        sevs = " ".join(sorted({s.finding.severity for s in a.findings}))
        age = "" if a.age_months is None else f"{a.age_months:.1f}"
        out.append(
            f'<tr id="row-{rank}" data-path="{escape(a.path)}" data-folder="{escape(a.folder)}" '
            f'data-rules="{" ".join(sorted({s.finding.code for s in a.findings}))}" '
            f'data-severities="{sevs}" data-reviewer="{escape(_reviewer(a))}" '
            f'data-updated="{a.updated or ""}" data-age="{age or -1}" data-errors="{a.count("error")}" '
            f'data-warnings="{a.count("warning")}" data-infos="{a.count("info")}" data-rank="{rank}"'
            f'{unchecked if a.error else ""}>'
            f'<td><a href="#article-{rank}">{escape(a.path)}</a></td><td>{escape(a.folder)}</td>'
            f'<td>{escape(a.reviewer) if a.reviewer else "<span class=missing>none</span>"}</td>'
            f'<td>{a.updated or "<span class=missing>none</span>"}</td><td class="num">{age}</td>'
            f'<td class="num">{a.count("error")}</td><td class="num">{a.count("warning")}</td>'
            f'<td class="num">{a.count("info")}</td><td class="num">{rank}</td></tr>')
    out.append("</tbody></table></section>")
    return "".join(out)


def _reviewer(a) -> str:
    return "(not checked)" if a.error else a.reviewer or NO_REVIEWER


def _select(key: str, label: str, options: list[tuple[str, str]]) -> str:
    opts = "".join(f'<option value="{escape(v)}">{escape(t)}</option>' for v, t in options)
    return f'<label>{label} <select id="f-{key}" data-filter="{key}"><option value="">all</option>{opts}</select></label>'


def _articles(model: Model) -> str:
    out = ['<section id="details"><h2>Articles</h2>']
    for rank, a in enumerate(model.articles, 1):
        out.append(f'<article id="article-{rank}" class="article" data-row="row-{rank}">'
                   f'<h3>{escape(a.path)}</h3><dl class="facts">'
                   f'<dt>Reviewer</dt><dd>{escape(a.reviewer) if a.reviewer else "<span class=missing>none found</span>"}</dd>'
                   f'<dt>Last updated</dt><dd>{a.updated or "<span class=missing>no date found</span>"}'
                   f'{"" if a.age_months is None else f" ({a.age_months:.1f} months ago)"}</dd>'
                   f'<dt>Words</dt><dd>{a.words}</dd></dl>')
        if a.error:
            out.append(f'<p class="unchecked">Not checked: {escape(a.error)}</p>')
        elif not a.findings:
            out.append('<p class="clean">No findings.</p>')
        else:
            out.append('<ol class="findings">')
            for shown in a.findings:
                f = shown.finding
                where = f"line {f.line}" + (f", column {f.column}" if f.scope != "document" else "")
                out.append(f'<li class="finding {f.severity}" data-code="{f.code}" data-severity="{f.severity}">'
                           f'<span class="sev">{f.severity}</span> <a class="rule" href="#rule-{f.code}" '
                           f'title="why this rule exists">{f.code} {escape(f.rule)}</a> '
                           f'<span class="where">{where}</span><div class="message">{escape(f.message)}</div>')
                if f.scope != "document":
                    out.append(f'<blockquote class="context">{escape(shown.before)}<mark class="hit">'
                               f'{escape(f.text)}</mark>{escape(shown.after)}</blockquote>')
                out.append("</li>")
            out.append("</ol>")
        out.append("</article>")
    out.append("</section>")
    return "".join(out)


def _rules(model: Model) -> str:
    used = {s.finding.code for a in model.articles for s in a.findings}
    out = ['<section id="rules"><h2>The rules behind the findings</h2>']
    for rule in model.rules:
        if rule.code not in used:
            continue
        out.append(f'<details class="rule" id="rule-{rule.code}"><summary><b>{rule.code} {escape(rule.name)}</b>'
                   f' — {escape(rule.summary or "")}</summary><p>{escape(rule.rationale or "")}</p></details>')
    out.append("</section>")
    return "".join(out)


def _foot() -> str:
    return f"</main><footer>Made by claimlint {escape(__version__)}.</footer><script>{SCRIPT}</script></body></html>\n"


CSS = """
:root{--fg:#1d2430;--muted:#5d6778;--line:#d9dee7;--err:#b3261e;--warn:#a05a00;--info:#2f5f98}
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;color:var(--fg);margin:0}
header,main,footer{max-width:1180px;margin:0 auto;padding:0 20px}header{padding-top:18px}
h1{margin:0 0 2px;font-size:24px}h2{font-size:18px;border-bottom:1px solid var(--line);padding-bottom:4px;margin-top:28px}
.meta,.note,footer{color:var(--muted)}footer{padding:24px 20px}
.tiles{display:flex;flex-wrap:wrap;gap:10px}.tile{border:1px solid var(--line);border-radius:6px;padding:8px 14px;min-width:120px}
.tile .n{display:block;font-size:22px;font-weight:600}.tile .label{color:var(--muted)}
.tile.error .n{color:var(--err)}.tile.warning .n{color:var(--warn)}.tile.info .n{color:var(--info)}
.chart{max-width:820px;display:block}.hist{max-width:none}
select{max-width:18em}.small-multiples{display:flex;flex-wrap:wrap;gap:12px}.small-multiples figure{margin:0}
.filters{display:flex;flex-wrap:wrap;gap:12px;align-items:center;margin:8px 0}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}
th{cursor:pointer;user-select:none;background:#f4f6f9;position:sticky;top:0}th[aria-sort=ascending]::after{content:" ▲"}
th[aria-sort=descending]::after{content:" ▼"}td.num{text-align:right;font-variant-numeric:tabular-nums}
td a{word-break:break-all}.missing{color:var(--err)}
.article{border-top:1px solid var(--line);padding:6px 0}.article h3{font-size:15px;margin:8px 0;word-break:break-all}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:0 12px;margin:0 0 6px}.facts dt{color:var(--muted)}.facts dd{margin:0}
.findings{padding-left:22px}.finding{margin:6px 0}.sev{font-weight:600;text-transform:uppercase;font-size:11px}
.finding.error .sev{color:var(--err)}.finding.warning .sev{color:var(--warn)}.finding.info .sev{color:var(--info)}
.where{color:var(--muted)}.context{margin:4px 0 0;padding:4px 8px;border-left:3px solid var(--line);background:#fafbfc;
white-space:pre-wrap;word-break:break-word;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12.5px}
mark.hit{background:#ffe08a;padding:0 1px}details.rule{margin:6px 0}details.rule p{margin:4px 0 0 16px;max-width:80ch}
.clean{color:#2d7d46}.unchecked{color:var(--err)}[hidden]{display:none!important}
@media print{th{position:static}.filters{display:none}.article{break-inside:avoid-page}details.rule>p{display:block}
a{color:inherit;text-decoration:none}}
"""

SCRIPT = """
(function(){
  var table=document.getElementById('articles');if(!table)return;
  var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows);
  var filters=Array.prototype.slice.call(document.querySelectorAll('[data-filter]'));
  var pathBox=document.getElementById('f-path'),counter=document.getElementById('shown-count');
  function keep(row){
    for(var i=0;i<filters.length;i++){
      var f=filters[i],v=f.value,key=f.getAttribute('data-filter');if(!v)continue;
      if(key==='folder'&&row.dataset.folder!==v)return false;
      if(key==='reviewer'&&row.dataset.reviewer!==v)return false;
      if(key==='rule'&&row.dataset.rules.split(' ').indexOf(v)<0)return false;
      if(key==='severity'&&row.dataset.severities.split(' ').indexOf(v)<0)return false;
    }
    var p=pathBox.value.trim().toLowerCase();
    return !p||row.dataset.path.toLowerCase().indexOf(p)>=0;
  }
  function apply(){
    var n=0;
    rows.forEach(function(row){
      var on=keep(row);row.hidden=!on;if(on)n++;
      var art=document.querySelector('[data-row="'+row.id+'"]');if(art)art.hidden=!on;
    });
    counter.textContent=n+' of '+rows.length+' articles';
  }
  filters.forEach(function(f){f.addEventListener('change',apply)});
  pathBox.addEventListener('input',apply);
  Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th){
    th.addEventListener('click',function(){
      var key=th.dataset.key,num=th.dataset.type==='num';
      var dir=th.getAttribute('aria-sort')==='ascending'?-1:1;
      Array.prototype.forEach.call(table.tHead.rows[0].cells,function(c){c.removeAttribute('aria-sort')});
      th.setAttribute('aria-sort',dir===1?'ascending':'descending');
      rows.sort(function(a,b){
        var x=a.dataset[key],y=b.dataset[key];
        if(num){x=parseFloat(x);y=parseFloat(y);}else{x=x.toLowerCase();y=y.toLowerCase();}
        if(x<y)return -dir;if(x>y)return dir;return parseFloat(a.dataset.rank)-parseFloat(b.dataset.rank);
      });
      rows.forEach(function(r){body.appendChild(r)});
    });
  });
  document.addEventListener('click',function(e){
    var a=e.target.closest&&e.target.closest('a.rule');if(!a)return;
    var d=document.querySelector(a.getAttribute('href'));if(d&&d.tagName==='DETAILS')d.open=true;
  });
  if(location.hash.indexOf('#rule-')===0){var d=document.querySelector(location.hash);if(d)d.open=true;}
  apply();
})();
"""
