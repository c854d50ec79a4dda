"""Reports drawn as pictures (gkreport.picture), for testing OCR: the grid's rules stand where
the page's cells are, each number inside its cell, and degrading a picture is repeatable."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from PIL import Image

import gkreport
from gkreport import picture
from gkreport.picture import DrawnCell, degrade, draw, drawing
from gkreport.strategies import Picture, pictures
from gkreport.template import TEMPLATES

DATA = Path(__file__).parent / "data"
SEEDS = sorted(DATA.glob("00?_*.txt"))
DARK = 128


@pytest.fixture(scope="module")
def report() -> gkreport.Report:
    return gkreport.parse(SEEDS[0])


@pytest.fixture(scope="module")
def tables(report: gkreport.Report) -> picture.Drawing:
    return drawing(report, parts="tables")


def _dark(image: Image.Image) -> np.ndarray:
    return np.asarray(image.convert("L")) < DARK


def _table(cells: tuple[DrawnCell, ...], number: int) -> list[DrawnCell]:
    return [cell for cell in cells if cell.table == number]


def test_the_picture_is_as_wide_as_the_page_at_its_scale(report: gkreport.Report) -> None:
    one, two = draw(report, width=800), draw(report, width=800, scale=2.0)
    assert one.mode == "L" and one.width == 800 and two.width == 1600
    assert abs(two.height - 2 * one.height) < 0.05 * two.height
    tables = draw(report, width=800, parts="tables")
    assert tables.width == 800 and tables.height < one.height  # no paragraphs


def test_the_tables_are_the_pages_three_with_the_template_s_merged_cells(tables: picture.Drawing,
                                                                          report: gkreport.Report) -> None:
    assert sorted({cell.table for cell in tables.cells}) == [0, 1, 2]
    matrix = _table(tables.cells, 1)
    outcomes = [c for c in matrix if c.text == "三、本年度办理结果"]
    template = TEMPLATES[report.meta.template or "2019"]
    assert [(c.column, c.rowspan) for c in outcomes] == [(0, len(template.requests) - 3)]
    [denied] = [c for c in matrix if c.text == "（三）不予公开"]
    assert denied.rowspan == 8 and denied.column == 1
    appeals = _table(tables.cells, 2)
    assert [c.colspan for c in appeals if c.row == 0] == [5, 10]
    for cell in matrix:  # a box to hold a line of text at least
        left, top, right, bottom = cell.box
        assert right - left > 10 and bottom - top > 10


def test_the_long_rules_across_the_matrix_are_its_rows_bounds(tables: picture.Drawing,
                                                               report: gkreport.Report) -> None:
    matrix = _table(tables.cells, 1)
    rows = 1 + max(c.row + c.rowspan - 1 for c in matrix)
    template = TEMPLATES[report.meta.template or "2019"]
    assert rows == 3 + len(template.requests)
    # The numbers' columns: every row's bounds cross them, but that under 法人或其他组织 (自然人
    # and 总计 stand over two header rows).
    [first] = [c for c in matrix if c.text == "自然人"]
    right = max(c.box[2] for c in matrix)
    top, bottom = min(c.box[1] for c in matrix), max(c.box[3] for c in matrix)
    region = _dark(tables.image)[top:bottom, first.box[0]:right]
    long = np.flatnonzero(region.mean(axis=1) > 0.98)
    lines = 1 + np.count_nonzero(np.diff(long) > 1) if long.size else 0
    assert lines == rows + 1 - 1


def test_each_number_is_inside_its_cell_and_a_blank_cell_is_white(tables: picture.Drawing) -> None:
    dark = _dark(tables.image)
    numbers = [c for c in tables.cells if c.text and c.text.isdigit()]
    assert len(numbers) > 100
    for cell in numbers:
        left, top, right, bottom = cell.box
        inside = dark[top + 2:bottom - 2, left + 2:right - 2]
        assert inside.any(), cell
        # The rules around it are drawn: its left and top edges are dark from end to end.
        assert dark[top:bottom, left].all() and dark[top, left:right].all(), cell
    [corner] = [c for c in tables.cells if c.table == 1 and c.row == 0 and c.column == 0]
    left, top, right, bottom = corner.box
    assert corner.text == "" and not dark[top + 2:bottom - 2, left + 2:right - 2].any()


def test_a_none_cell_is_drawn_empty(report: gkreport.Report) -> None:
    import attrs

    blank = attrs.evolve(report.requests["granted"], natural_person=None)
    holed = attrs.evolve(report, requests=gkreport.ApplicantMatrix({**report.requests, "granted": blank}))
    drawn = drawing(holed, parts="tables")
    [row] = [c.row for c in drawn.cells if c.text == "（一）予以公开"]
    [cell] = [c for c in drawn.cells if c.table == 1 and c.row == row and c.column == 3]
    assert cell.text is None
    left, top, right, bottom = cell.box
    dark = _dark(drawn.image)
    assert not dark[top + 2:bottom - 2, left + 2:right - 2].any()
    assert dark[top:bottom, left].all()


def test_a_long_label_wraps_inside_its_cell(tables: picture.Drawing) -> None:
    [partial] = [c for c in tables.cells if c.text and c.text.startswith("（二）部分公开")]
    [granted] = [c for c in tables.cells if c.text == "（一）予以公开"]
    assert partial.box[3] - partial.box[1] > 1.5 * (granted.box[3] - granted.box[1])  # two lines
    _, top, right, bottom = partial.box
    dark = _dark(tables.image)
    # Nothing of it spills over its right rule into the numbers' cell.
    assert not dark[top + 2:bottom - 2, right + 1:right + 6].any()


def test_degrade_is_repeatable_for_a_seed_and_changes_the_picture(tables: picture.Drawing) -> None:
    image = tables.image.crop((0, 0, 400, 300))
    once = degrade(image, blur=0.8, noise=8, scale=0.9, jpeg=80, seed=7)
    assert once.tobytes() == degrade(image, blur=0.8, noise=8, scale=0.9, jpeg=80, seed=7).tobytes()
    assert once.tobytes() != degrade(image, blur=0.8, noise=8, scale=0.9, jpeg=80, seed=8).tobytes()
    assert once.size == (360, 270)
    noisy = np.asarray(degrade(image, noise=10, seed=1), dtype=float) - np.asarray(image, dtype=float)
    assert 5 < noisy[np.asarray(image) == 255].std() < 15  # white clipped at 255: some of it less
    assert degrade(image).tobytes() == image.tobytes()  # nothing asked, nothing done


def test_a_skew_turns_the_picture_and_grows_it(tables: picture.Drawing) -> None:
    image = tables.image
    turned = degrade(image, skew=2.0)
    assert turned.width > image.width and turned.height > image.height
    corner = np.asarray(turned)[:5, :5]
    assert (corner == 255).all()  # filled white
    with pytest.raises(ValueError, match="blur"):
        degrade(image, blur=-1)
    with pytest.raises(ValueError, match="jpeg"):
        degrade(image, jpeg=0)


def test_without_a_chinese_font_the_error_names_the_package(report: gkreport.Report,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(picture, "FONTS", ())
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(gkreport.MissingExtraError, match="fonts-wqy-microhei"):
        draw(report)
    with pytest.raises(FileNotFoundError):
        draw(report, font="/no/such/font.ttf")
    font = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
    if font.is_file():  # a font given is used without looking further
        assert draw(report, font=font, parts="tables").width == 1000


def test_without_pillow_the_error_names_the_ocr_extra(report: gkreport.Report,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "PIL", None)
    with pytest.raises(gkreport.MissingExtraError, match=r"pip install 'gkreport\[ocr\]'") as raised:
        draw(report)
    assert raised.value.extra == "ocr" and raised.value.name == "PIL"


@settings(max_examples=8, deadline=None, database=None)
@given(pictures(parts="tables"))
def test_any_report_draws_as_a_picture_of_sane_size(drawn: Picture) -> None:
    image = drawn.image
    scale = drawn.degradation["scale"]
    assert 0.75 * 1000 * scale <= image.width <= 1.05 * 1000 * scale
    assert 500 * scale < image.height < 4000
    assert (np.asarray(image) < DARK).mean() > 0.01  # rules and text, not a blank page


@settings(max_examples=4, deadline=None, database=None)
@given(pictures(degraded=False))
def test_a_clean_picture_is_the_whole_page(drawn: Picture) -> None:
    assert drawn.degradation == {} and drawn.image.width == 1000
    assert drawn.image.height > draw(drawn.report, parts="tables").height
