"""The managing editor's view: a content library's health as one self-contained HTML page.

`model` works out the figures from a `claimlint.api.Report`; `charts` draws them as SVG; `page`
lays them out. `render` is what the `html` output format and `claimlint report` call.
"""
from __future__ import annotations


def render(report, today=None) -> str:
    from claimlint.report import model, page
    return page.render(model.build(report, today))
