"""The five real reports: every table cell and meta field equals the hand-read truth."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

import gkreport
from gkreport.template import APPEAL_COLUMNS, APPLICANT_COLUMNS
from whole import whole

DATA = Path(__file__).parent / "data"
TRUTHS = sorted((DATA / "truth").glob("*.json"))


def _num(value: object) -> object:
    return None if value is None else Decimal(str(value))


def _cells(truth: dict, report: gkreport.Report):  # type: ignore[type-arg]
    out = whole(report)
    for key, value in truth["meta"].items():
        yield f"meta.{key}", str(value), str(out["meta"][key])
    for item, columns in truth["proactive"].items():
        for column, value in columns.items():
            yield f"proactive.{item}.{column}", _num(value), _num(out["proactive"][item][column])
    for row, values in truth["requests"].items():
        for column, value in zip(APPLICANT_COLUMNS, values, strict=True):
            got = out["requests"][row][column.key]
            yield f"requests.{row}.{column.key}", _num(value), _num(got)
    for group, values in truth["appeals"].items():
        for column, value in zip(APPEAL_COLUMNS, values, strict=True):
            got = out["appeals"][group][column.key]
            yield f"appeals.{group}.{column.key}", _num(value), _num(got)


@pytest.mark.parametrize("truth_path", TRUTHS, ids=lambda p: p.stem)
def test_every_cell_matches_truth(truth_path: Path) -> None:
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    report = gkreport.parse(DATA / truth["source"])
    wrong = [(name, want, got) for name, want, got in _cells(truth, report) if want != got]
    assert wrong == []


def test_the_corpus_has_both_templates() -> None:
    templates = {gkreport.parse(p).meta.template for p in sorted(DATA.glob("*.txt"))}
    assert templates == {"2019", "2021"}


def test_lost_cells_are_recovered_and_said() -> None:
    report = gkreport.parse(DATA / "000_cf9562a21e5519b3.txt")
    recovered = [d for d in report.diagnostics if d.code == "value-recovered"]
    # (六) 其他处理, (七) 总计, 结转下年度 and the appeals row each lost one cell.
    assert [d.line for d in recovered] == [69, 70, 71, 79]
    assert report.requests["total"].cells == (4, 0, 0, 0, 0, 0, 4)


def test_blank_cells_are_none_not_zero() -> None:
    report = gkreport.parse(DATA / "001_e94c29de80bcac7c.txt")
    assert report.appeals.review.pending is None
    assert report.appeals.suit_after_review.cells == (None, None, 0, 0, 0)
    assert any(d.code == "not-checked" for d in report.diagnostics)


def test_sections_keep_their_narrative() -> None:
    report = gkreport.parse(DATA / "003_bca12cc4fb8d9f2c.txt")
    assert [s.key for s in report.sections] == [
        "overview", "proactive", "requests", "appeals", "problems", "other_matters"]
    overview = report.section("overview")
    assert overview is not None
    assert "2020年，主动公开政府信息25条，历年累计公开1366条。" in overview.paragraphs
    assert report.meta.signature == "泉州市鲤城区人民政府海滨街道办事处"
    assert str(report.meta.signature_date) == "2021-01-12"


def test_metadata_block_before_the_title() -> None:
    meta = gkreport.parse(DATA / "001_e94c29de80bcac7c.txt").meta
    assert (meta.index_number, meta.document_number, meta.publisher, str(meta.published)) == (
        "QZ02101-3000-2024-00013", "泉丰政办综〔2024〕6号", "区人民政府办公室", "2024-01-12")


@pytest.mark.parametrize("truth_path", TRUTHS, ids=lambda p: p.stem)
def test_a_whole_report_printed_on_one_line(truth_path: Path) -> None:
    # As a crawler's text gives it: every line break and tab a single space.
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    text = (DATA / truth["source"]).read_text(encoding="utf-8")
    report = gkreport.parse(" ".join(text.split()))
    lines = gkreport.parse(text)
    assert report.meta == lines.meta
    assert [s.key for s in report.sections] == [s.key for s in lines.sections]
    codes = {d.code for d in report.diagnostics}
    assert "report-flattened" in codes
    # A blank cell leaves no trace in such a copy: the cells of its row are then unknown, and
    # said to be; every other cell is the hand-read value.
    wrong = [(name, want, got) for name, want, got in _cells(truth, report) if want != got]
    assert all(got is None for _, _, got in wrong)
    assert not wrong or "cells-missing" in codes
