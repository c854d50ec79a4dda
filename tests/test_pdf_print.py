"""Bordered report pages with blank cells, printed to PDF by a browser and read back cell by cell.

A browser prints a table as characters and the lines between them; a blank cell is only a
gap between two lines. Every cell must come back in its own column (None where blank), a
long label wrapped in its cell must stay one label, a table crossing a page break must keep
the rows on both pages, and a metadata table's field name must stay out of the body's name.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

import gkreport
from docgen import browser_pdf
from gkreport import Report, render
from gkreport.model import Value
from govpage import government_page
from snippets import report_2019, report_2021

ORGAN = "泉州市丰泽区财政局"


def _blanked(report: Report) -> Report:
    """``report`` with blank cells: in the matrix one a row, walking across the columns (the
    first column every seventh row), and a second in every other row; one in each clause
    item; in the appeals row its first cell and one in the middle."""
    rows = dict(report.requests.rows)
    for i, (key, row) in enumerate(rows.items()):
        blank = {row.columns[i % 7]} | ({row.columns[(3 * i + 2) % 7]} if i % 2 else set())
        rows[key] = attrs.evolve(row, **dict.fromkeys(blank))
    proactive = {}
    for i, (key, item) in enumerate(report.proactive.items()):
        values = {c: None if j == i % len(item) else v for j, (c, v) in enumerate(item.items())}
        proactive[key] = attrs.evolve(item, values=values)
    appeals = report.appeals
    appeals = attrs.evolve(appeals, review=attrs.evolve(appeals.review, upheld=None),
                           suit_direct=attrs.evolve(appeals.suit_direct, pending=None))
    return attrs.evolve(report, proactive=proactive, appeals=appeals,
                        requests=attrs.evolve(report.requests, rows=rows))


def _cells(report: Report) -> dict[tuple[str, str, str], Value]:
    cells: dict[tuple[str, str, str], Value] = {}
    for key, item in report.proactive.items():
        cells.update({("proactive", key, c): v for c, v in item.items()})
    for key, row in report.requests.items():
        cells.update({("requests", key, c): v for c, v in zip(row.columns, row.cells, strict=True)})
    for group in ("review", "suit_direct", "suit_after_review"):
        row = report.appeals[group]
        cells.update({("appeals", group, c): v for c, v in zip(row.columns, row.cells, strict=True)})
    return cells


def _model(text: str) -> Report:
    return _blanked(gkreport.parse(text.replace("示例县人民政府办公室", ORGAN)))


def _government_page(model: Report) -> str:
    # A bordered metadata table above the title, its field names in cells of their own.
    td = '<td style="border:1px solid #000">'
    meta = (f'<table style="border-collapse:collapse"><tr>{td}名称</td>{td}{model.meta.title}</td></tr>'
            f"<tr>{td}发文机关</td>{td}{ORGAN}</td></tr></table>")
    return government_page(model).replace("<h1", meta + "<h1", 1)


def _rendered_page(model: Report) -> str:
    # The title only in a borderless metadata table: 名称 and the title on one printed line.
    meta = (f"<table><tr><td>名称</td><td>{model.meta.title}</td></tr>"
            f"<tr><td>发文机关</td><td>{ORGAN}</td></tr></table>")
    page = render(model, "html")
    return page.replace(f"<h1>{model.meta.title}</h1>", meta)


def _pages_holding(pdf: bytes, *texts: str) -> list[int]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        pages = [page.extract_text().replace(" ", "") for page in document.pages]
    return [next(i for i, page in enumerate(pages) if text in page) for text in texts]


@pytest.mark.parametrize(("make", "page"), [(report_2019, _government_page), (report_2021, _rendered_page)],
                         ids=["2019-government-page", "2021-rendered"])
def test_every_cell_of_a_printed_page_reads_back(make: Callable[[], str], page: Callable[[Report], str],
                                                  tmp_path: Path) -> None:
    model = _model(make())
    pdf = browser_pdf(page(model), tmp_path)
    report = gkreport.parse(pdf)
    want = _cells(model)
    assert sum(v is None for v in want.values()) > 40
    assert _cells(report) == want
    assert (report.meta.organ, report.meta.year) == (ORGAN, model.meta.year)
    assert [str(d) for d in report.diagnostics if d.is_repair] == []
    # The matrix runs over a page break: rows on both pages were read.
    first, last = _pages_holding(pdf, "予以公开", "结转下年度继续办理")
    assert first < last


def test_a_number_drawn_across_a_column_line_is_given_to_no_cell(tmp_path: Path) -> None:
    model = gkreport.parse(report_2019())
    page = government_page(model).replace(  # 行政处罚's 1869, too wide for its fixed column
        "<p><span>1869</span></p>", '<p style="white-space:nowrap;margin:0;font-size:40pt">186918691869</p>')
    page = page.replace('<table border="1" cellspacing="0" width="100%">',
                        '<table border="1" cellspacing="0" width="100%" style="table-layout:fixed">')
    report = gkreport.parse(browser_pdf(page, tmp_path))
    assert dict(report.proactive["penalties"]) == dict.fromkeys(model.proactive["penalties"])
    (named,) = [d for d in report.diagnostics if "行政处罚" in d.message]
    assert named.is_repair and "1869" in named.message
    assert report.proactive["coercion"] == model.proactive["coercion"]
