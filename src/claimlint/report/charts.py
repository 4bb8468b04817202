"""Charts for the health report as inline SVG, drawn here: no chart library, no script, and
they print as they show. Each returns an `<svg>` element as text; every label is escaped."""
from __future__ import annotations

from html import escape

BAR = "#3b6ea8"
WARN = "#c0392b"
MUTED = "#8a94a6"
FONT = 'font-family="system-ui, sans-serif" font-size="12"'


def hbars(rows: list[tuple[str, float, str]], *, title: str, unit: str = "", width: int = 640,
          total: list[float] | None = None) -> str:
    """A horizontal bar chart: one (label, value, colour) per row. With `total`, each bar is
    drawn over a pale bar of the row's total ("3 of 10")."""
    label_w, row_h, pad = 220, 22, 8
    height = pad * 2 + row_h * max(1, len(rows)) + 20
    top = max([v for _, v, _ in rows] + (total or []) + [1])
    scale = (width - label_w - 80) / top
    out = [f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="100%" '
           f'xmlns="http://www.w3.org/2000/svg" {FONT}><title>{escape(title)}</title>']
    if not rows:
        out.append(f'<text x="{pad}" y="{pad + 14}" fill="{MUTED}">nothing to show</text>')
    for i, (label, value, colour) in enumerate(rows):
        y = pad + i * row_h
        out.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{escape(_clip(label, 34))}'
                   f'<title>{escape(label)}</title></text>')
        if total is not None:
            out.append(f'<rect x="{label_w}" y="{y + 3}" width="{total[i] * scale:.1f}" height="{row_h - 6}" '
                       f'fill="#e3e8ef"/>')
        out.append(f'<rect x="{label_w}" y="{y + 3}" width="{value * scale:.1f}" height="{row_h - 6}" fill="{colour}"/>')
        shown = f"{_num(value)}" + (f" of {_num(total[i])}" if total is not None else "") + (f" {unit}" if unit else "")
        end = max(value, total[i] if total is not None else 0) * scale
        out.append(f'<text x="{label_w + end + 6:.1f}" y="{y + 15}" fill="#333">{escape(shown)}</text>')
    out.append("</svg>")
    return "".join(out)


def histogram(counts: list[int], labels: list[str], *, title: str, limit_at: float | None = None,
              limit_label: str = "", last_apart: bool = True, width: int = 300, height: int = 160) -> str:
    """Columns for `counts` under `labels`; the last column (articles with no date) is set apart
    in grey when `last_apart`. `limit_at`: a position in columns (2.5: half-way through the third)
    where a dashed line marks the configured limit."""
    pad_l, pad_b, pad_t = 24, 34, 40
    n = len(counts)
    col_w = (width - pad_l - 6) / max(n, 1)
    top = max(counts + [1])
    plot_h = height - pad_b - pad_t
    out = [f'<svg class="chart hist" role="img" viewBox="0 0 {width} {height}" width="{width}" '
           f'xmlns="http://www.w3.org/2000/svg" {FONT}><title>{escape(title)}</title>',
           f'<text x="{pad_l}" y="13" font-weight="600">{escape(_clip(title, 40))}</text>']
    for i, (count, label) in enumerate(zip(counts, labels)):
        x = pad_l + i * col_w
        h = plot_h * count / top
        colour = MUTED if last_apart and i == n - 1 else BAR
        out.append(f'<rect x="{x + 2:.1f}" y="{pad_t + plot_h - h:.1f}" width="{col_w - 4:.1f}" height="{h:.1f}" '
                   f'fill="{colour}"><title>{escape(label)}: {count}</title></rect>')
        if count:
            out.append(f'<text x="{x + col_w / 2:.1f}" y="{pad_t + plot_h - h - 3:.1f}" text-anchor="middle" '
                       f'font-size="10">{count}</text>')
        out.append(f'<text x="{x + col_w / 2:.1f}" y="{height - pad_b + 12}" text-anchor="middle" '
                   f'font-size="9">{escape(label)}</text>')
    out.append(f'<line x1="{pad_l}" y1="{pad_t + plot_h}" x2="{width - 4}" y2="{pad_t + plot_h}" stroke="#999"/>')
    out.append(f'<text x="{pad_l}" y="{height - 6}" font-size="9" fill="{MUTED}">age in months</text>')
    if limit_at is not None:
        x = pad_l + limit_at * col_w
        out.append(f'<line class="limit" x1="{x:.1f}" y1="{pad_t - 24}" x2="{x:.1f}" y2="{pad_t + plot_h}" '
                   f'stroke="{WARN}" stroke-width="1.5" stroke-dasharray="4 3"/>')
        if limit_label:
            out.append(f'<text x="{x + 3:.1f}" y="{pad_t - 15}" font-size="9" fill="{WARN}">{escape(limit_label)}</text>')
    out.append("</svg>")
    return "".join(out)


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _num(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)
