"""Word and PDF files of a report, made by the tests from its government page.

The page (``govpage.government_page``) holds the official merged cells; these writers carry
its paragraphs and tables, merges included, into a .docx (python-docx) and a PDF
(reportlab, with its built-in CJK CID font, so no font file is needed); ``browser_pdf`` prints
a page as a browser does (headless Chromium, with a Chinese font installed).
"""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import lxml.html


@dataclass
class Cell:
    text: str
    row: int
    column: int
    rowspan: int
    colspan: int


@dataclass
class Table:
    cells: list[Cell]
    rows: int
    columns: int


Block = str | Table


def blocks(page: str) -> list[Block]:
    """The title, paragraphs and tables of the report on ``page``, in order."""
    root = lxml.html.document_fromstring(page.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    out: list[Block] = [root.findtext(".//h1") or ""]
    zoom = root.get_element_by_id("zoom")
    for element in zoom:
        if element.tag == "table":
            out.append(_table(element))
        else:
            text = element.text_content().replace("\u00a0", " ").strip()
            if text:
                out.append(text)
    return out


def _table(element: lxml.html.HtmlElement) -> Table:
    cells = []
    taken: set[tuple[int, int]] = set()
    rows = element.findall(".//tr")
    width = 0
    for r, tr in enumerate(rows):
        c = 0
        for td in tr.findall("td"):
            while (r, c) in taken:
                c += 1
            rowspan, colspan = int(td.get("rowspan", 1)), int(td.get("colspan", 1))
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken.add((r + dr, c + dc))
            text = td.text_content().replace("\u00a0", " ").strip()
            cells.append(Cell(text, r, c, rowspan, colspan))
            c += colspan
            width = max(width, c)
    return Table(cells, len(rows), width)


def docx_bytes(page: str) -> bytes:
    import docx

    document = docx.Document()
    for block in blocks(page):
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        table = document.add_table(rows=block.rows, cols=block.columns)
        for cell in block.cells:
            top_left = table.cell(cell.row, cell.column)
            if cell.rowspan > 1 or cell.colspan > 1:
                top_left = top_left.merge(
                    table.cell(cell.row + cell.rowspan - 1, cell.column + cell.colspan - 1))
            top_left.text = cell.text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_bytes(page: str) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer
    from reportlab.platypus import Table as PdfTable

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=9, leading=12)
    small = ParagraphStyle("cell", fontName="STSong-Light", fontSize=6, leading=8)
    out = io.BytesIO()
    pagesize = landscape(A4)
    doc = SimpleDocTemplate(out, pagesize=pagesize, leftMargin=20, rightMargin=20)
    story: list[object] = []
    for block in blocks(page):
        if isinstance(block, str):
            story.append(Paragraph(block, body))
            continue
        grid: list[list[object]] = [[""] * block.columns for _ in range(block.rows)]
        style: list[tuple[object, ...]] = [("GRID", (0, 0), (-1, -1), 0.5, colors.black)]
        for cell in block.cells:
            grid[cell.row][cell.column] = Paragraph(cell.text, small) if cell.text else ""
            if cell.rowspan > 1 or cell.colspan > 1:
                style.append(("SPAN", (cell.column, cell.row),
                              (cell.column + cell.colspan - 1, cell.row + cell.rowspan - 1)))
        width = (pagesize[0] - 40) / block.columns
        story.append(PdfTable(grid, colWidths=[width] * block.columns, style=style))
        story.append(Spacer(1, 6))
    doc.build(story)
    return out.getvalue()


def browser_pdf(page: str, folder: Path) -> bytes:
    """``page`` printed to PDF by headless Chromium, as a reader's browser prints it."""
    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is needed (.ci/run installs it)"
    fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, check=False).stdout
    assert fonts.strip(), "a Chinese font is needed to print the page (.ci/run installs fonts-wqy-microhei)"
    source, out = folder / "page.html", folder / "page.pdf"
    source.write_text(page, encoding="utf-8")
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--no-pdf-header-footer",
         f"--user-data-dir={folder / 'profile'}", f"--print-to-pdf={out}", source.as_uri()],
        capture_output=True, timeout=60, check=True)
    return out.read_bytes()
