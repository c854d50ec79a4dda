"""Every cell says how it was obtained: ``read``, ``recovered``, ``solved``, ``settled``, or
for a None ``ambiguous``, ``blank``, ``lost``; and the diagnostics behind it."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import gkreport
from gkreport import STATUSES, Report
from gkreport.cli import main
from gkreport.convert import status_of
from gkreport.model import AppealGroup, RequestRow
from gkreport.template import APPEAL_COLUMNS, APPLICANT_COLUMNS, TEMPLATES
from snippets import report_2019

HERE = Path(__file__).parent
SEEDS = sorted((HERE / "data" / "truth").glob("*.json"))
COPIES = sorted((HERE / "copies").glob("*/*.txt")) + sorted((HERE / "data").glob("*.txt"))
NUMBER_STATUSES = ("read", "recovered", "solved", "settled", "corrected")

#: What the seeds' truth notes say the copy lost and the arithmetic gives back: 000's rows
#: (六)其他处理, (七)总计 and 四、结转下年度继续办理 each print six numbers for seven columns
#: (and its review and litigation row 14 for 15). Which cell of a row of zeros was lost no
#: one can tell, so each zero such a row could have lost is recovered: forced either way.
RECOVERED = {"000_cf9562a21e5519b3": {
    **{f"requests.{row}.{c.key}": "recovered" for row in ("other_handling", "carried_forward")
       for c in APPLICANT_COLUMNS},
    **{f"requests.total.{c.key}": "recovered" for c in APPLICANT_COLUMNS[1:-1]},
    **{f"appeals.{group}.{c.key}": "recovered" for group in ("review", "suit_direct", "suit_after_review")
       for c in APPEAL_COLUMNS},
}}


def _with_line(text: str, start: str, new: str) -> str:
    """``text`` with the line that starts ``start`` (its tabs stripped) as ``new``."""
    lines = text.split("\n")
    (at,) = [i for i, line in enumerate(lines) if line.strip("\t").startswith(start)]
    return "\n".join([*lines[:at], new, *lines[at + 1:]])


LOST_CELL = "\t(六)其他处理\t0\t0\t0\t0\t0\t0"  # six numbers for seven columns


def _truth_cells(truth: dict[str, Any]) -> dict[str, Decimal | None]:
    cells: dict[str, Decimal | None] = {}
    for item, columns in truth["proactive"].items():
        cells.update({f"proactive.{item}.{c}": v for c, v in columns.items()})
    for row, values in truth["requests"].items():
        cells.update({f"requests.{row}.{c.key}": v for c, v in zip(APPLICANT_COLUMNS, values, strict=True)})
    for group, values in truth["appeals"].items():
        cells.update({f"appeals.{group}.{c.key}": v for c, v in zip(APPEAL_COLUMNS, values, strict=True)})
    return {key: None if v is None else Decimal(str(v)) for key, v in cells.items()}


@pytest.mark.parametrize("truth_path", SEEDS, ids=lambda p: p.stem)
def test_each_cell_of_a_seed_has_the_status_its_truth_notes_give(truth_path: Path) -> None:
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    report = gkreport.parse(truth_path.parent.parent / truth["source"])
    recovered = RECOVERED.get(truth_path.stem, {})
    for key, want in _truth_cells(truth).items():
        cell = report.cell(key)
        assert (cell.key, cell.value) == (key, want)
        # A blank in the truth is printed empty; a number is read, unless the notes say lost.
        assert cell.status == ("blank" if want is None else recovered.get(key, "read")), key
    if recovered:
        said = {code for key in recovered for d in report.cell(key).diagnostics for code in [d.code]}
        assert said == {"value-recovered"}


@pytest.mark.parametrize("path", COPIES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_cell_of_every_copy_has_a_status_that_fits_its_value(path: Path) -> None:
    report = gkreport.parse(path)
    template = TEMPLATES[report.meta.template or "2021"]
    assert list(report.statuses) == list(template.cell_keys)
    data = json.loads(json.dumps(gkreport.to_dict(report)))
    for cell in report.cells():
        assert cell.status in STATUSES
        assert (cell.value is not None) == (cell.status in NUMBER_STATUSES), cell
        assert status_of(data, cell.key) == cell.status  # the JSON says it too


def test_a_cell_names_the_diagnostics_behind_it() -> None:
    text = _with_line(report_2019(), "(六)其他处理", LOST_CELL)
    report = gkreport.parse(text)
    cell = report.cell("requests.other_handling.total")
    assert (cell.value, cell.status) == (0, "recovered")
    assert [d.code for d in cell.diagnostics] == ["value-recovered"]
    assert report.cell("requests.granted.total").diagnostics == ()
    with pytest.raises(KeyError):
        report.cell("requests.other_handling.no_fee.total")  # a 2021 row, not the 2019 template's


def test_a_row_and_a_table_lost_are_errors_and_their_cells_lost() -> None:
    # A heading the copy garbled takes 四's table with it; a row label garbled takes its row.
    text = _with_line(report_2019(), "(二)部分公开", "\t(二)完全看不懂的一行\t1\t0\t0\t0\t0\t0\t1")
    text = text.replace("四、政府信息公开行政复议、行政诉讼情况", "四、复 议诉 讼")
    report = gkreport.parse(text)
    lost = {d.code: d for d in report.diagnostics if d.code in ("row-lost", "table-lost")}
    assert {code: d.severity for code, d in lost.items()} == {"row-lost": "error", "table-lost": "error"}
    assert lost["row-lost"].cells == ("requests.partially_granted",)
    assert {report.cell(f"requests.partially_granted.{c.key}").status for c in APPLICANT_COLUMNS} == {"lost"}
    assert report.cell("appeals.review.total").status == "lost"
    assert "partially_granted" in lost["row-lost"].message


def test_a_report_built_by_hand_reads_as_printed() -> None:
    report = Report(meta=gkreport.Meta(year=2020, template="2019"))
    assert report.statuses == {}
    assert report.cell("requests.granted.total").status == "blank"


def test_to_dict_leaves_out_the_rows_not_in_the_copy_and_names_the_statuses_values_do_not_say() -> None:
    text = report_2019()
    cut = text[:text.index("(四)无法提供")]
    data = gkreport.to_dict(gkreport.parse(cut))
    assert "granted" in data["requests"] and "carried_forward" not in data["requests"]
    assert data["appeals"] == {}
    # A None is lost unless said otherwise; a row all of one status is named once, by its key.
    assert data["status"] == {}
    recovered = gkreport.to_dict(gkreport.parse(_with_line(text, "(六)其他处理", LOST_CELL)))
    assert recovered["status"] == {"requests.other_handling": "recovered"}
    blank = gkreport.to_dict(gkreport.parse(
        _with_line(text, "(六)其他处理", "\t(六)其他处理\t0\t—\t0\t0\t0\t0\t0")))
    empty = gkreport.to_dict(gkreport.parse(_with_line(text, "(六)其他处理", "\t(六)其他处理\t\t\t\t\t\t\t")))
    assert empty["requests"]["other_handling"] is None  # printed, without a number
    assert empty["status"]["requests"] == "blank"
    assert blank["status"] == {"requests": "blank"}  # the Nones of the matrix: this one
    assert blank["requests"]["other_handling"]["commercial"] is None


# -- the command line: --fail-on, --diagnostics, and JSON no bigger than twice its input ------

WEB = sorted((HERE / "copies" / "web").glob("*.txt"))


def test_fail_on_exits_1_only_for_a_report_with_a_diagnostic_that_grave(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    whole, cut = tmp_path / "whole.txt", tmp_path / "cut.txt"
    whole.write_text(report_2019(), encoding="utf-8")
    cut.write_text(report_2019()[:report_2019().index("(四)无法提供")], encoding="utf-8")
    out = str(tmp_path / "out.jsonl")
    assert main(["parse", str(whole), "--out", out, "--fail-on", "error"]) == 0
    assert main(["parse", str(whole), str(cut), "--out", out, "--fail-on", "error"]) == 1
    assert "1 reports have a diagnostic of severity error or graver" in capsys.readouterr().err
    assert main(["parse", str(whole), str(cut), "--out", out]) == 0  # without it: data, not a verdict
    typo = tmp_path / "typo.txt"  # a label read by the nearest known one: a warning, not an error
    typo.write_text(report_2019().replace("4.保护第三方合法权益", "4.保护第三方法合法权益"), encoding="utf-8")
    assert main(["parse", str(typo), "--out", out, "--fail-on", "error"]) == 0
    assert main(["parse", str(typo), "--out", out, "--fail-on", "warning"]) == 1


def test_diagnostics_full_summary_or_none(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    seed = str(HERE / "data" / "000_cf9562a21e5519b3.txt")
    records = {}
    for detail in ("full", "summary", "none"):
        assert main(["parse", seed, "--out", str(out), "--diagnostics", detail]) == 0
        records[detail] = json.loads(out.read_text(encoding="utf-8"))
    full = records["full"]["diagnostics"]
    recovered = [d for d in full if d["code"] == "value-recovered"]
    assert set(full[0]) == {"code", "severity", "message", "line", "column", "source", "cells"}
    assert recovered[0]["source"] == "(六) 其他处理\t\t\t\t\t0\t0\t0\t0\t0\t0".strip()
    assert {"code": "value-recovered", "severity": "warning", "count": len(recovered)} in (
        records["summary"]["diagnostics"])
    assert "diagnostics" not in records["none"]
    assert records["none"]["requests"] == records["full"]["requests"]


@pytest.mark.parametrize("path", WEB, ids=lambda p: p.stem)
def test_a_crawlers_excerpt_gives_json_at_most_twice_its_size(path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["parse", str(path), "--out", str(out)]) == 0
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["diagnostics"]  # every excerpt is cut short: said, and still small
    assert out.stat().st_size <= 2 * path.stat().st_size


def test_a_count_rows_fields_are_its_columns_in_template_order() -> None:
    # The model builder makes the matrix's and the appeals table's rows positionally.
    assert [f.name for f in attrs.fields(RequestRow)] == [c.key for c in APPLICANT_COLUMNS] + ["line"]
    assert [f.name for f in attrs.fields(AppealGroup)] == [c.key for c in APPEAL_COLUMNS] + ["line"]
