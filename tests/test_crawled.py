"""Real copies as crawlers and PDF converters make them (tests/copies/web, tests/copies/full):
every cell the hand-read truth gives is read exactly or, where the copy does not settle it,
None — never a wrong or invented number — and a copy cut short says where it ends."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import gkreport
from gkreport.template import APPEAL_COLUMNS, APPLICANT_COLUMNS
from whole import whole

DATA = Path(__file__).parent / "copies"
WEB = sorted((DATA / "web" / "truth").glob("*.json"))
FULL = sorted((DATA / "full" / "truth").glob("*.json"))

#: Cells the copies leave unsettled, and why. web/109 prints one cell a line with blank lines
#: between; its first two matrix rows print one number after a run of blank lines, and no rule
#: of the layout tells which of the seven columns it stands in (the truth read the page).
UNSETTLED = {
    "109": {"requests.new_received.total", "requests.carried_over.total"},
}


def _num(value: object) -> object:
    return None if value is None else Decimal(str(value))


def _cells(truth: dict[str, Any], out: dict[str, Any]) -> list[tuple[str, object, object]]:
    cells: list[tuple[str, object, object]] = []
    for key, value in truth.get("meta", {}).items():
        got = out["meta"].get(key)
        cells.append((f"meta.{key}", str(value), None if got is None else str(got)))
    for item, columns in truth.get("proactive", {}).items():
        for column, value in columns.items():
            cells.append((f"proactive.{item}.{column}", _num(value), _num(out["proactive"][item][column])))
    for row, values in truth.get("requests", {}).items():
        for column, value in zip(APPLICANT_COLUMNS, values, strict=True):
            cells.append((f"requests.{row}.{column.key}", _num(value), _num(out["requests"][row][column.key])))
    for group, values in truth.get("appeals", {}).items():
        for column, value in zip(APPEAL_COLUMNS, values, strict=True):
            got = out["appeals"][group][column.key]
            cells.append((f"appeals.{group}.{column.key}", _num(value), _num(got)))
    return cells


def _read(truth_path: Path) -> tuple[gkreport.Report, list[tuple[str, object, object]]]:
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    report = gkreport.parse(truth_path.parent.parent / truth["source"])
    return report, _cells(truth, whole(report))


@pytest.mark.parametrize("truth_path", WEB + FULL, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_every_cell_is_exact_or_unsettled_never_wrong(truth_path: Path) -> None:
    _, cells = _read(truth_path)
    wrong = [(name, want, got) for name, want, got in cells if got is not None and want != got]
    assert wrong == []
    missing = {name for name, want, got in cells if got is None and want is not None}
    assert missing == UNSETTLED.get(truth_path.stem, set())


def test_nearly_every_number_is_read() -> None:
    # The bar: at least 97% of the cells that hold a number, on web/ and full/ together.
    numbers = [(want, got) for path in WEB + FULL for name, want, got in _read(path)[1]
               if isinstance(want, Decimal)]
    exact = sum(want == got for want, got in numbers)
    assert exact / len(numbers) >= 0.97, f"{exact}/{len(numbers)}"


@pytest.mark.parametrize("truth_path", WEB, ids=lambda p: p.stem)
def test_a_crawlers_excerpt_says_where_it_ends(truth_path: Path) -> None:
    report, _ = _read(truth_path)
    assert any(d.code == "report-truncated" for d in report.diagnostics)


@pytest.mark.parametrize("truth_path", FULL, ids=lambda p: p.stem)
def test_a_whole_report_is_not_said_to_be_cut(truth_path: Path) -> None:
    report, _ = _read(truth_path)
    assert not any(d.code == "report-truncated" for d in report.diagnostics)
    assert [s.key for s in report.sections][-1] == "other_matters"
