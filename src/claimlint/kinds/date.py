"""Dates of the article that are too old, or in the future.

The newest of the article's dates (see `claimlint.dates`) is compared with the reference
date (`--today`): older than `max_age_months` is stale; any article date after the
reference date is a future date. A configuration's `metadata: {date: [...]}` names the
metadata keys that hold the article's dates (`apply_settings`); the dates found are facts of
the article (the newest one up to the reference date is when it was last updated).
"""
from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta

from claimlint.dates import DATE_META_KEYS, article_dates
from claimlint.findings import make_finding


def compile(rule):
    o = rule.options
    mode = o.get("mode", "stale")
    if mode not in ("stale", "future"):
        raise ValueError(f"{rule.source}: mode must be 'stale' or 'future'")
    return {"mode": mode, "max_age_months": int(o.get("max_age_months", 12)),
            "dayfirst": bool(o.get("dayfirst", True)),
            "meta_keys": tuple(k.lower() for k in o.get("meta_keys", DATE_META_KEYS))}


def elements(options: dict) -> set[str]:
    return {"date"}


def apply_settings(options: dict, settings) -> dict:
    if "date" in settings.metadata_map:
        return {**options, "meta_keys": list(settings.metadata_map["date"])}
    return options


def facts(doc, rule, comp, ctx) -> dict:
    """The article's dates, the newest of them up to today (`updated`) and, from a stale-date
    rule, the age it allows (`max_age_months`: the health report draws it per folder)."""
    limit = {"max_age_months": comp["max_age_months"]} if comp["mode"] == "stale" else {}
    dates = article_dates(doc, ctx, comp["meta_keys"], comp["dayfirst"])
    if not dates:
        return limit
    past = [d.value for d in dates if d.value <= ctx.today]
    return {**limit, "dates": sorted({d.value.isoformat() for d in dates}),
            "updated": max(past).isoformat() if past else None}


def check(doc, rule, comp, ctx):
    dates = article_dates(doc, ctx, comp["meta_keys"], comp["dayfirst"])
    if not dates:
        return
    today: dt.date = ctx.today
    if comp["mode"] == "future":
        for d in dates:
            if d.value > today:
                yield make_finding(doc, rule, d.src_start, d.src_end, date=d.value.isoformat())
        return
    past = [d for d in dates if d.value <= today]
    if not past:
        return
    newest = max(past, key=lambda d: d.value)
    limit = today - relativedelta(months=comp["max_age_months"])
    if newest.value < limit:
        months = (today.year - newest.value.year) * 12 + today.month - newest.value.month
        yield make_finding(doc, rule, newest.src_start, newest.src_end, date=newest.value.isoformat(),
                           months=months, max_age=comp["max_age_months"])
