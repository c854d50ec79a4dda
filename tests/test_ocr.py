"""Tables that are pictures: the grid, the layout, and the arithmetic as the checker.

The engine's part is replayed: ``tests/ocr`` holds two seed reports' pages as pictures and the
boxes RapidOCR read from them (its README says how they were made), so these tests run a
real engine's output through the layout, the tokenizer and the corrections without running
the engine. ``test_ocr_engine.py`` runs the engine.
"""

from __future__ import annotations

import importlib.util
import io
import json
import math
from collections.abc import Callable, Iterator
from pathlib import Path

import attrs
import pytest
from PIL import Image, ImageDraw

import gkreport
from gkreport import ocr
from gkreport._misread import Picture, check_pictures, misreadings
from gkreport.model import AppealGroup, Appeals, Meta, Report

HERE = Path(__file__).parent
PAGES = sorted((HERE / "ocr").glob("*.png"))
SEEDS = HERE / "data"


class Recorded:
    """An engine that gives the boxes a real one read from the same picture, each box's text
    passed through ``change`` (to make a misreading)."""

    name = "RapidOCR (recorded)"

    def __init__(self, page: Path, change: Callable[[str, int], str] = lambda text, at: text) -> None:
        rows = json.loads(page.with_suffix(".boxes.json").read_text(encoding="utf-8"))
        self.boxes = [ocr.Box(change(text, at), *where) for at, (text, *where) in enumerate(rows)]

    def read(self, image: Image.Image) -> list[ocr.Box]:
        return list(self.boxes)


def _seed(page: Path) -> gkreport.Report:
    return gkreport.parse(next(SEEDS.glob(page.stem + "*.txt")))


@pytest.fixture
def engine(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., None]]:
    """Make ``gkreport.parse`` read pictures with a recorded engine."""
    def use(page: Path, change: Callable[[str, int], str] = lambda text, at: text) -> None:
        monkeypatch.setattr(ocr, "default_engine", lambda: Recorded(page, change))
    yield use


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem[:3])
def test_a_picture_of_a_report_reads_as_its_text_does(page: Path, engine: Callable[..., None]) -> None:
    engine(page)
    read, printed = gkreport.parse(page), _seed(page)
    assert (read.meta.organ, read.meta.year, read.meta.template) == (
        printed.meta.organ, printed.meta.year, printed.meta.template)
    for key in printed.statuses:
        assert read.cell(key).value == printed.cell(key).value, key
    assert set(read.statuses.values()) <= {"read", "blank"}
    assert read.source == str(page)
    pictures = [d for d in read.diagnostics if d.code == "ocr-read"]
    assert len(pictures) == 1
    assert pictures[0].message.startswith(f"{page.name}: read by OCR (RapidOCR (recorded))")
    # Every row read from the picture says so: a cell's diagnostics name the picture.
    assert "ocr-read" in [d.code for d in read.cell("requests.granted.total").diagnostics]
    assert "ocr-read" in [d.code for d in read.cell("appeals.review.total").diagnostics]


def test_the_clause_tables_are_said_unchecked(engine: Callable[..., None]) -> None:
    engine(PAGES[1])
    read = gkreport.parse(PAGES[1])
    unchecked = next(d for d in read.diagnostics if d.code == "ocr-unchecked")
    assert "proactive.normative_documents.in_force" in unchecked.cells
    assert not any(cell.startswith("requests.") for cell in unchecked.cells)  # every identity holds


def test_a_letter_read_for_a_digit_is_taken_as_the_digit_and_said(engine: Callable[..., None]) -> None:
    engine(PAGES[0])  # RapidOCR read several 0s of this page as the letter o
    read = gkreport.parse(PAGES[0])
    letters = [d for d in read.diagnostics if d.code == "ocr-letter-digit"]
    assert letters and all("'o' taken as 0" in d.message for d in letters)
    assert all(d.line and d.source for d in letters)


def _misread(target: str, wrong: str, nth: int = 0) -> Callable[[str, int], str]:
    """Read the ``nth`` box whose text is ``target`` as ``wrong``."""
    seen: list[int] = []

    def change(text: str, at: int) -> str:
        if text == target:
            seen.append(at)
            if len(seen) == nth + 1:
                return wrong
        return text
    return change


def test_a_misread_digit_that_one_change_repairs_is_corrected(engine: Callable[..., None]) -> None:
    page = PAGES[1]  # 001: granted row 10 1 0 0 0 0 11, and 26 at the foot of the total column
    engine(page, _misread("11", "17"))
    read = gkreport.parse(page)
    cell = read.cell("requests.granted.total")
    assert (cell.value, cell.status) == (11, "corrected")
    corrected = next(d for d in read.diagnostics if d.code == "ocr-corrected")
    assert "read as 17, corrected to 11" in corrected.message and corrected.line
    assert not [d for d in read.diagnostics if d.code in ("sum-row", "sum-outcomes", "balance")]


def test_a_misread_that_several_changes_repair_is_left_none(engine: Callable[..., None]) -> None:
    page = PAGES[0]  # 000: the appeals row is 0 0 0 0 0 | 0 0 0 0 0 | 0 0 0 0 0; a total read 8
    printed = _seed(page)
    engine(page, lambda text, at: text)
    boxes = Recorded(page).boxes
    zeros = [i for i, b in enumerate(boxes) if b.text in ("0", "o")]
    last_total = zeros[-1]  # the last cell of the page's last table: suit_after_review's total
    engine(page, lambda text, at: "8" if at == last_total else text)
    read = gkreport.parse(page)
    ambiguous = next(d for d in read.diagnostics if d.code == "ocr-ambiguous")
    assert printed.appeals.suit_after_review.total == 0
    assert read.appeals.suit_after_review.total is None
    assert read.cell("appeals.suit_after_review.total").status == "ambiguous"
    assert ambiguous.readings is not None and len(ambiguous.readings.values) == 5  # 8 in any one cell
    assert "appeals.suit_after_review.total" in ambiguous.cells


def test_a_misread_no_single_change_repairs_stays_as_read_and_fails(engine: Callable[..., None]) -> None:
    page = PAGES[1]
    engine(page, _misread("11", "14"))  # 1 and 4 are no confusion: not corrected, not hidden
    read = gkreport.parse(page)
    assert read.requests["granted"].total == 14
    assert {"sum-row", "sum-outcomes"} <= {d.code for d in read.diagnostics}
    assert not [d for d in read.diagnostics if d.code in ("ocr-corrected", "ocr-ambiguous")]
    unchecked = next(d for d in read.diagnostics if d.code == "ocr-unchecked")
    assert "requests.granted.total" in unchecked.cells


def test_misreadings_are_the_confusions_only() -> None:
    assert sorted(misreadings(0)) == [6, 8, 9]
    assert sorted(misreadings(80)) == [30, 60, 86, 88, 89, 90]  # never a leading 0
    assert list(misreadings(2)) == [] and list(misreadings(44)) == []


def test_check_pictures_on_a_report_built_by_hand() -> None:
    # 2 + 1 + 0 + 0 = 3, the 3 read as 8: only 8 -> 3 makes the sum hold (a 0 read for 6,
    # 8 or 9 would make it 8 + 1, 10, 11; the 1 read for 7, 9).
    appeals = Appeals(review=AppealGroup(upheld=2, corrected=1, other=0, pending=0, total=8, line=3))
    report = Report(meta=Meta(year=2023, template="2021"), appeals=appeals)
    fixed, said = check_pictures(report, [Picture("scan", (1, 9), "scan: read by OCR")])
    assert fixed.appeals.review.total == 3 and fixed.statuses["appeals.review.total"] == "corrected"
    assert [d.code for d in said][:2] == ["ocr-read", "ocr-corrected"]
    # 1 + 0 + 0 + 0 = 7: the total 7 was 1, the 1 was 7, or a 0 was 6: each holds, none is taken.
    twice = Appeals(review=AppealGroup(upheld=1, corrected=0, other=0, pending=0, total=7, line=3))
    left, said = check_pictures(Report(meta=report.meta, appeals=twice), [Picture("scan", (1, 9), "…")])
    assert set(left.appeals.review.values()) == {None}
    readings = said[1].readings
    assert readings is not None and len(readings.values) == 5
    assert dict(zip(readings.cells, readings.values[3], strict=True))["appeals.review.total"] == 1
    untouched, _ = check_pictures(report, [Picture("scan", (10, 20), "scan: read by OCR")])
    assert untouched.appeals.review.total == 8  # not read from the picture: not corrected


# -- the grid ------------------------------------------------------------------------------


def _table(widths: list[int], rows: int, height: int = 30,
           merged: tuple[int, int] | None = None, grey: int = 0) -> Image.Image:
    """A ruled table: columns of ``widths``, ``rows`` rows; ``merged`` = (column, rows) merges
    that column's first cells down."""
    image = Image.new("L", (sum(widths) + 40, rows * height + 60), 255)
    draw = ImageDraw.Draw(image)
    xs = [20 + sum(widths[:i]) for i in range(len(widths) + 1)]
    for r in range(rows + 1):
        y = 30 + r * height
        for c in range(len(widths)):
            if merged and c == merged[0] and 0 < r < merged[1]:
                continue
            draw.line([(xs[c], y), (xs[c + 1], y)], fill=grey)
    for x in xs:
        draw.line([(x, 30), (x, 30 + rows * height)], fill=grey)
    return image


def test_the_grid_finds_rows_cells_and_merged_cells() -> None:
    grid = ocr.grid_of(_table([120, 60, 60], 4, merged=(0, 3)), 16)
    assert len(grid.rows) == 4 and all(len(cells) == 3 for cells in grid.cells)
    assert grid.merged == {(1, 0): 0, (2, 0): 0}
    assert grid.find(80, 30 + 2 * 30 + 15) == (0, 0)    # the merged cell belongs to its first row
    assert grid.find(170, 30 + 2 * 30 + 15) == (2, 1)
    assert grid.find(80, 10) is None                     # above the table
    # Rules drawn grey (a thin line scaled or turned), beside black print: still rules.
    faint = _table([120, 60, 60], 4, merged=(0, 3), grey=190)
    for x in range(25, 250, 12):  # black print, which sets the picture's threshold below the grey
        for y in range(36, 150, 30):
            ImageDraw.Draw(faint).rectangle((x, y, x + 7, y + 14), fill=0)
    assert ocr.grid_of(faint, 16) == grid


def test_a_box_over_a_thin_rule_is_cut_at_it_and_a_rule_read_as_1_dropped() -> None:
    grid = ocr.grid_of(_table([120, 60, 60], 2), 16)
    merged = ocr.Box("信息内容本年|数量", 25, 35, 190, 55)  # a header read over its rule
    assert [b.text for b in grid.split(merged)] == ["信息内容本年", "数量"]
    assert [b.text for b in grid.split(ocr.Box("规章", 25, 35, 70, 55))] == ["规章"]  # within a cell
    rule = grid.cells[0][1][0]  # the rule before the second column
    assert [b.text for b in grid.split(ocr.Box("10", rule - 3, 35, rule + 14, 55))] == ["0"]
    assert [b.text for b in grid.split(ocr.Box("10", rule + 4, 35, rule + 24, 55))] == ["10"]


def test_a_page_prints_its_table_rows_as_tab_separated_cells_with_blank_cells_kept() -> None:
    image = _table([120, 60, 60], 2)
    boxes = [ocr.Box("一、本年新收", 25, 36, 110, 54), ocr.Box("3", 150, 36, 160, 54),
             ocr.Box("规章", 25, 66, 60, 84), ocr.Box("o", 210, 66, 220, 84),
             ocr.Box("五、存在的主要问题", 20, 100, 200, 118)]
    page = ocr.page_text(image, boxes)
    assert page.lines == ("一、本年新收\t3\t", "规章\t\t0", "五、存在的主要问题")
    assert page.letters == ((1, "o", "0"),) and page.table_rows == 2 and page.boxes == 5
    readings = (("。", "0"), ("〇", "0"), ("l", "1"), ("2o", "20"), ("o.5", "0.5"), ("l.o", "l.o"),
                ("规章", "规章"))
    for printed, digits in readings:
        read = ocr.page_text(image, [*boxes[:3], attrs.evolve(boxes[3], text=printed)])
        assert read.lines[1] == f"规章\t\t{digits}", printed


def test_a_skewed_scan_is_turned_upright_before_its_rules_are_found() -> None:
    upright = _table([300, 150, 150], 3)
    askew = upright.rotate(-0.8, fillcolor=255)  # turned clockwise: its lines slope down
    slope = math.tan(math.radians(0.8))
    assert len(ocr.grid_of(askew, 16).rows) < 3  # askew, a rule is no line of pixels
    labels = [ocr.Box("一、本年新收政府信息公开申请数量", 25, 36 + 30 * r, 300, 54 + 30 * r + 280 * slope,
                      slope=slope) for r in range(3)]
    turned, boxes = ocr._upright(askew, labels)
    assert len(ocr.grid_of(turned, 16).rows) == 3
    assert all(b.slope == 0 and b.bottom - b.top < 20 for b in boxes)
    assert ocr._upright(upright, [attrs.evolve(b, slope=0.0) for b in labels])[0] is upright


def test_a_cell_with_print_and_no_box_is_read_alone_or_said_unread() -> None:
    image = _table([120, 60, 60], 1)
    ImageDraw.Draw(image).text((150, 36), "0", fill=0, font_size=18)  # print the engine missed
    boxes = [ocr.Box("规章", 25, 36, 60, 54), ocr.Box("5", 210, 36, 220, 54)]
    assert ocr.page_text(image, boxes).unread == ((0, 2),)  # the second cell from the line's end
    assert ocr.page_text(image, boxes).lines == ("规章\t\t5",)
    again = ocr.page_text(image, boxes, lambda cell: ("0", 0.99))
    assert again.lines == ("规章\t0\t5",) and again.unread == ()
    unsure = ocr.page_text(image, boxes, lambda cell: ("8", 0.2))  # too unsure to take
    assert unsure.lines == ("规章\t\t5",) and unsure.unread == ((0, 2),)
    speck = ocr.page_text(image, [*boxes, ocr.Box(".", 150, 40, 154, 52)], lambda cell: ("0", 0.99))
    assert speck.lines == ("规章\t0\t5",)  # a speck read where a 0 is: read again
    image = _table([120, 60, 60, 60], 1)
    ImageDraw.Draw(image).text((210, 36), "0", fill=0, font_size=18)
    row = [ocr.Box("规章", 25, 36, 60, 54), ocr.Box("8", 150, 36, 160, 54), ocr.Box("To", 205, 36, 225, 54),
           ocr.Box("5", 270, 36, 280, 54)]
    assert ocr.page_text(image, row, lambda cell: ("0", 0.99)).lines == ("规章\t8\t0\t5",)  # 0 read as To
    row[2] = attrs.evolve(row[2], text="一0")  # a blurred rule's end read before it
    assert ocr.page_text(image, row, lambda cell: ("0", 0.99)).lines == ("规章\t8\t0\t5",)
    lost = ocr.page_text(image, row, lambda cell: ("Tc", 0.99))
    assert lost.lines == ("规章\t8\t\t5",) and lost.unread == ((0, 2),)  # not a number again: unread


def test_a_number_in_doubt_is_read_again_and_the_reading_alone_taken_when_it_says_more() -> None:
    image = _table([120, 60, 60, 60], 1)
    draw = ImageDraw.Draw(image)
    for x, text in ((150, "384"), (210, "-5"), (270, "7")):
        draw.text((x, 36), text, fill=0, font_size=18)
    label = ocr.Box("规章", 25, 36, 60, 54)
    # 384 read as 4 with a box over all of it (too wide for one digit); -5 as 5, beside it
    # print the box left out; 7 read sure and narrow: not read again.
    boxes = [label, ocr.Box("4", 148, 36, 180, 54, 0.99), ocr.Box("5", 220, 36, 230, 54, 0.99),
             ocr.Box("7", 268, 36, 280, 54, 0.99)]
    lines = ocr.page_text(image, boxes, lambda cell: ("384", 0.8) if cell.width > 30 else ("-5", 0.8)).lines
    assert lines == ("规章\t384\t-5\t7",)
    # A reading alone that is no surer and says no more than the box's is not taken.
    assert ocr.page_text(image, [label, ocr.Box("4", 148, 36, 180, 54, 0.99), *boxes[2:]],
                         lambda cell: ("9", 0.8)).lines == ("规章\t4\t5\t7",)


def test_an_unread_cell_is_lost_not_blank_and_recovered_where_two_identities_force_it(
        engine: Callable[..., None]) -> None:
    page = PAGES[1]
    rows = json.loads(page.with_suffix(".boxes.json").read_text(encoding="utf-8"))
    # The box of the 0 under 自然人 in the row 1.属于国家秘密 (the row's label box, then 7 numbers).
    label = next(i for i, row in enumerate(rows) if row[0] == "1.属于国家秘密")
    missed = label + 1
    assert rows[missed][0] == "0"
    engine(page, lambda text, at: "" if at == missed else text)
    read = gkreport.parse(page)
    cell = read.cell("requests.denied.state_secret.natural_person")
    assert (cell.value, cell.status) == (0, "recovered")
    assert [d.code for d in cell.diagnostics if d.code != "ocr-read"] == ["ocr-unread", "value-recovered"]


# -- inputs --------------------------------------------------------------------------------


def test_a_folder_of_pictures_is_one_report_read_page_after_page(tmp_path: Path,
                                                                 engine: Callable[..., None]) -> None:
    engine(PAGES[1])
    with Image.open(PAGES[1]) as page:
        page.save(tmp_path / "page1.png")
    (tmp_path / "notes.txt").write_text("not a picture", encoding="utf-8")
    read = gkreport.parse(tmp_path)
    assert read.requests["granted"].total == 11
    assert [d.message.split(":")[0] for d in read.diagnostics if d.code == "ocr-read"] == ["page1.png"]
    with pytest.raises(gkreport.NotAReportError, match="no pictures"):
        gkreport.parse(tmp_path / "..")  # a folder of folders: no pictures in it


def test_a_scanned_pdf_is_read_page_by_page(engine: Callable[..., None]) -> None:
    engine(PAGES[1])
    out = io.BytesIO()
    # A page made at the resolution OCR draws it again at, so that the recorded boxes fit it.
    with Image.open(PAGES[1]) as page:
        page.convert("RGB").save(out, format="PDF", resolution=200)
        size = page.size
    pages = ocr.pdf_pictures(out.getvalue(), "scan.pdf")
    assert [name for name, _ in pages] == ["scan.pdf page 1"]
    assert all(abs(a - b) <= 1 for a, b in zip(pages[0][1].size, size, strict=True))
    read, printed = gkreport.parse(out.getvalue()), _seed(PAGES[1])
    assert dict(read.requests["granted"]) == dict(printed.requests["granted"])
    assert dict(read.appeals["review"]) == dict(printed.appeals["review"])
    assert [d.message.split(":")[0] for d in read.diagnostics if d.code == "ocr-read"] == ["page 1"]


@pytest.mark.parametrize(("dpi", "size"), [(200, (960, 480)), (96, (1000, 500)), (600, (480, 240))])
def test_a_scanned_pdf_page_is_drawn_at_its_scans_resolution_within_bounds(dpi: int,
                                                                          size: tuple[int, int]) -> None:
    out = io.BytesIO()
    Image.new("RGB", (960, 480), "white").save(out, format="PDF", resolution=dpi)
    [(_, page)] = ocr.pdf_pictures(out.getvalue())
    assert all(abs(a - b) <= 1 for a, b in zip(page.size, size, strict=True)), page.size


def test_a_scanned_pdf_without_text_or_the_extra_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    out = io.BytesIO()
    Image.new("RGB", (400, 300), "white").save(out, format="PDF", resolution=72)
    with pytest.raises(gkreport.NoTextLayerError, match="OCR found no text on its pages either"):
        gkreport.parse(out.getvalue())
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "rapidocr_onnxruntime" else real(name, *a))
    with pytest.raises(gkreport.NoTextLayerError, match=r"OCR reads it: pip install 'gkreport\[ocr\]'") as info:
        gkreport.parse(out.getvalue())
    assert info.value.pages == 1


def _tables_only(page: Path, folder: Path) -> Recorded:
    """The part of ``page`` from 二's heading to the end of 四's table saved in ``folder`` as
    tables.png, and an engine that gives the boxes recorded there."""
    recorded = Recorded(page)
    top = next(b.top for b in recorded.boxes if b.text.startswith("二、主动公开"))
    bottom = next(b.top for b in recorded.boxes if b.text.startswith("五、"))
    with Image.open(page) as whole:
        whole.crop((0, int(top) - 5, whole.width, int(bottom) - 5)).save(folder / "tables.png")
    recorded.boxes = [attrs.evolve(b, top=b.top - int(top) + 5, bottom=b.bottom - int(top) + 5)
                      for b in recorded.boxes if top <= b.top < bottom]
    return recorded


PAGE = """<html><head><meta charset="utf-8"></head><body><div class="nav">首页 &gt; 年报</div>
<div id="zoom"><h1>泉州市丰泽区人民政府办公室2023年政府信息公开工作年度报告</h1>
<p>一、总体情况</p><p>2023年，本办坚持以公开为常态。</p>
<p><img src="/pic/2024/tables.png"><img src="icon.gif"><img src="http://www.example.gov.cn/missing.png"></p>
<p>五、存在的主要问题及改进情况</p><p>一是公开业务培训不够。</p>
<p>六、其他需要报告的事项</p><p>本办未收取信息处理费。</p></div></body></html>"""


def test_a_page_whose_tables_are_pictures_beside_it_reads_them(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    recorded = _tables_only(PAGES[1], tmp_path)
    monkeypatch.setattr(ocr, "default_engine", lambda: recorded)
    Image.new("L", (16, 16), 255).save(tmp_path / "icon.gif")  # an icon: passed over
    (tmp_path / "report.html").write_text(PAGE, encoding="utf-8")
    read, printed = gkreport.parse(tmp_path / "report.html"), _seed(PAGES[1])
    assert read.meta.organ == printed.meta.organ
    assert dict(read.requests["granted"]) == dict(printed.requests["granted"])
    assert dict(read.appeals["review"]) == dict(printed.appeals["review"])
    assert dict(read.proactive["normative_documents"]) == dict(printed.proactive["normative_documents"])
    assert [d.message.split(":")[0] for d in read.diagnostics if d.code == "ocr-read"] == ["tables.png"]
    assert [s.key for s in read.sections][:4] == ["overview", "proactive", "requests", "appeals"]
    # The same page read from its text alone (no folder to find pictures in): its tables are lost.
    alone = gkreport.parse((tmp_path / "report.html").read_bytes())
    assert "table-lost" in {d.code for d in alone.diagnostics}


def test_a_page_without_the_extra_names_it_only_when_its_tables_are_pictures(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _tables_only(PAGES[1], tmp_path)
    (tmp_path / "report.html").write_text(PAGE, encoding="utf-8")
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "rapidocr_onnxruntime" else real(name, *a))
    with pytest.raises(gkreport.UnsupportedFormatError, match=r"gkreport\[ocr\]"):
        gkreport.parse(tmp_path / "report.html")
    table = "<table><tr><td>规章</td><td>1</td><td>0</td><td>3</td></tr></table>"
    with_table = PAGE.replace("<p>五、", table + "<p>五、")
    (tmp_path / "report.html").write_text(with_table, encoding="utf-8")
    assert gkreport.parse(tmp_path / "report.html").meta.year == 2023  # a table of text: pictures passed over


def test_without_the_extra_a_picture_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "rapidocr_onnxruntime" else real(name, *a))
    with pytest.raises(gkreport.UnsupportedFormatError, match=r"pip install 'gkreport\[ocr\]'") as info:
        gkreport.parse(PAGES[0].read_bytes())
    assert info.value.extra == "ocr"


def test_sniff_knows_pictures_by_their_bytes_and_names() -> None:
    assert gkreport.extract.sniff(PAGES[0].read_bytes()) == "image"
    jpeg = io.BytesIO()
    Image.new("RGB", (8, 8)).save(jpeg, format="JPEG")
    assert gkreport.extract.sniff(jpeg.getvalue()) == "image"
    assert gkreport.extract.sniff(b"...", ".tif") == "image"


def test_the_example_reads_a_picture_and_says_how_each_number_was_read(
        engine: Callable[..., None], capsys: pytest.CaptureFixture[str]) -> None:
    engine(PAGES[1])
    spec = importlib.util.spec_from_file_location("read_picture", HERE.parent / "examples" / "read_picture.py")
    assert spec is not None and spec.loader is not None
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    assert example.main([str(PAGES[1])]) == 0
    out = capsys.readouterr().out
    assert "granted in full: 11, received: 25" in out and "cells: 196 read, 4 blank" in out
    assert f"[ocr-read] {PAGES[1].name}: read by OCR (RapidOCR (recorded))" in out
