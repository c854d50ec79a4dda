"""The summary's charts, drawn as standalone SVG documents: no script, no library, no network,
so that a page holding them reads the same anywhere, and one can be saved as a file.

Each chart has a title, labelled axes or a legend, and its marks carry their figures
(``data-*`` attributes and a ``<title>`` a browser shows on hover).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any, Final

#: One colour per series, told apart in print too (light and dark alternate).
PALETTE: Final = ("#3b6ea8", "#9cc3e6", "#c8553d", "#f2b880", "#5b8c5a", "#b9b9b9")
_FONT: Final = 'font-family="sans-serif" font-size="12"'
_TITLE_HEIGHT: Final = 30


def _svg(width: int, height: int, title: str, body: Sequence[str], chart_id: str) -> str:
    return "\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{chart_id}" class="chart" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<text x="4" y="18" font-family="sans-serif" font-size="14" font-weight="bold">{escape(title)}</text>',
        *body, "</svg>", ""])


def _text(x: float, y: float, text: object, anchor: str = "start", extra: str = "") -> str:
    return f'<text x="{x:g}" y="{y:g}" {_FONT} text-anchor="{anchor}"{extra}>{escape(str(text))}</text>'


def _legend(names: Sequence[str], y: int, width: int) -> list[str]:
    """A legend of ``names`` in rows from ``y``, as many a row as ``width`` holds."""
    per_row = max(1, width // 160)
    out = []
    for i, name in enumerate(names):
        x, row_y = 8 + (i % per_row) * 160, y + (i // per_row) * 18
        colour = PALETTE[i % len(PALETTE)]
        out.append(f'<rect x="{x}" y="{row_y - 10}" width="12" height="12" fill="{colour}"/>')
        out.append(_text(x + 17, row_y, name))
    return out


def _legend_height(count: int, width: int) -> int:
    return 18 * math.ceil(count / max(1, width // 160)) + 8


# -- requests per body: a box per year ----------------------------------------------------

_PLOT: Final = 200
_AXIS: Final = 60
_COLUMN: Final = 70


def _log_scale(most: int) -> tuple[int, Any]:
    """Decades of the axis, and the height of a count over the axis: counts per body run from
    0 to thousands, so the scale is of log10(1 + count), which keeps 0 at the axis."""
    decades = max(1, math.ceil(math.log10(1 + most)))
    return decades, lambda value: _TITLE_HEIGHT + 10 + _PLOT * (1 - math.log10(1 + value) / decades)


def requests_chart(groups: Sequence[Mapping[str, Any]]) -> str:
    """The distribution of requests received per body, a box per year: whiskers from the
    least to the most, the box from the first quartile to the third, a line at the median."""
    most = max((g["requests"]["max"] or 0 for g in groups), default=0)
    decades, y = _log_scale(most)
    width = max(360, _AXIS + _COLUMN * len(groups) + 20)
    body = [f'<line x1="{_AXIS}" y1="{y(0):g}" x2="{width - 10}" y2="{y(0):g}" stroke="#444"/>',
            f'<line x1="{_AXIS}" y1="{y(0):g}" x2="{_AXIS}" y2="{_TITLE_HEIGHT + 6}" stroke="#444"/>',
            _text(8, _TITLE_HEIGHT + 4, "requests (log scale)", extra=' fill="#555"')]
    for tick in (0, *(10 ** k for k in range(decades))):
        body.append(_text(_AXIS - 6, y(tick) + 4, tick, "end"))
        body.append(f'<line x1="{_AXIS}" y1="{y(tick):g}" x2="{width - 10}" y2="{y(tick):g}" stroke="#ddd"/>')
    for i, group in enumerate(groups):
        figures, cx = group["requests"], _AXIS + _COLUMN * i + _COLUMN / 2
        body.append(_text(cx, y(0) + 18, group["year"], "middle"))
        body.append(_text(cx, y(0) + 33, f"n={figures['reports']}", "middle", ' fill="#555"'))
        if not figures["reports"]:
            body.append(_text(cx, y(0) - 6, "none", "middle", ' fill="#555"'))
            continue
        low, q1, median, q3, high = (figures[k] for k in ("min", "q1", "median", "q3", "max"))
        said = (f"{group['year']}: min {low}, q1 {q1}, median {median}, q3 {q3}, max {high} "
                f"({figures['reports']} reports)")
        body += [f'<g class="box" data-year="{group["year"]}" data-median="{median}" data-max="{high}" '
                 f'data-reports="{figures["reports"]}"><title>{escape(said)}</title>',
                 f'<line x1="{cx:g}" y1="{y(high):g}" x2="{cx:g}" y2="{y(low):g}" stroke="#3b6ea8"/>',
                 *(f'<line x1="{cx - 8:g}" y1="{y(v):g}" x2="{cx + 8:g}" y2="{y(v):g}" stroke="#3b6ea8"/>'
                   for v in (low, high)),
                 f'<rect x="{cx - 16:g}" y="{y(q3):g}" width="32" height="{max(1.0, y(q1) - y(q3)):g}" '
                 'fill="#9cc3e6" stroke="#3b6ea8"/>',
                 f'<line x1="{cx - 16:g}" y1="{y(median):g}" x2="{cx + 16:g}" y2="{y(median):g}" '
                 'stroke="#1d3a5c" stroke-width="2"/>', "</g>"]
    height = _TITLE_HEIGHT + _PLOT + 56
    return _svg(width, height, "Requests received per body, by year", body, "chart-requests")


# -- outcomes: a stacked bar per year -----------------------------------------------------

_LABEL: Final = 110
_BAR: Final = 420
_ROW: Final = 30


def outcomes_chart(outcomes: Sequence[Mapping[str, Any]], groups: Sequence[str]) -> str:
    """How the requests of each year were handled: a bar per year split into the shares of
    ``groups``, each share's percentage in it where it is wide enough to hold it."""
    width = _LABEL + _BAR + 20
    body = []
    for i, year in enumerate(outcomes):
        top = _TITLE_HEIGHT + 6 + i * _ROW
        body.append(_text(4, top + 15, f"{year['year']} (n={year['reports']})"))
        if year["total"] is None or not year["total"]:
            body.append(_text(_LABEL, top + 15, "no report with every outcome a number", extra=' fill="#555"'))
            continue
        x = float(_LABEL)
        for j, group in enumerate(groups):
            share, count = year["shares"][group], year["counts"][group]
            span = _BAR * share
            said = f"{year['year']} {group}: {count} of {year['total']} ({share:.1%})"
            body.append(f'<rect class="share" data-year="{year["year"]}" data-group="{group}" '
                        f'data-share="{share}" x="{x:.1f}" y="{top}" width="{span:.1f}" height="22" '
                        f'fill="{PALETTE[j % len(PALETTE)]}"><title>{escape(said)}</title></rect>')
            if span >= 36:
                body.append(_text(x + span / 2, top + 15, f"{share:.0%}", "middle"))
            x += span
    legend_top = _TITLE_HEIGHT + 6 + len(outcomes) * _ROW + 14
    body += _legend(groups, legend_top, width)
    height = legend_top + _legend_height(len(groups), width)
    return _svg(width, height, "Outcomes of requests, as shares of all handled, by year", body,
                "chart-outcomes")


# -- appeals: bars per year ---------------------------------------------------------------

_APPEAL_BAR: Final = 20


def appeals_chart(appeals: Sequence[Mapping[str, Any]], groups: Sequence[str]) -> str:
    """The appeals of each year: a bar for each of ``groups`` (the sum of its totals), its
    figure above it; a sum no report gives is marked ``—``."""
    most = max((g["total"] or 0 for year in appeals for g in year["groups"].values()), default=0) or 1
    column = len(groups) * (_APPEAL_BAR + 4) + 24
    width = max(360, 20 + column * len(appeals))
    base = _TITLE_HEIGHT + 20 + 160

    def top(value: int) -> float:
        return base - 160 * value / most

    body = [f'<line x1="10" y1="{base}" x2="{width - 10}" y2="{base}" stroke="#444"/>']
    for i, year in enumerate(appeals):
        left = 20 + column * i
        body.append(_text(left + (column - 24) / 2, base + 16, year["year"], "middle"))
        for j, group in enumerate(groups):
            total, x = year["groups"][group]["total"], left + j * (_APPEAL_BAR + 4)
            if total is None:
                body.append(_text(x + _APPEAL_BAR / 2, base - 4, "—", "middle"))
                continue
            said = f"{year['year']} {group}: {total}"
            body.append(f'<rect class="appeal" data-year="{year["year"]}" data-group="{group}" '
                        f'data-total="{total}" x="{x}" y="{top(total):.1f}" width="{_APPEAL_BAR}" '
                        f'height="{base - top(total):.1f}" fill="{PALETTE[j % len(PALETTE)]}">'
                        f"<title>{escape(said)}</title></rect>")
            body.append(_text(x + _APPEAL_BAR / 2, top(total) - 4, total, "middle"))
    body += _legend(groups, base + 40, width)
    height = base + 40 + _legend_height(len(groups), width)
    return _svg(width, height, "Appeals by year: reviews and lawsuits", body, "chart-appeals")
