"""Panels: one row per body and year, the crosswalk's cells side by side across both templates."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import attrs
import pandas as pd
import pyarrow.parquet as pq
import pytest

import gkreport
from gkreport.bodies import Bodies
from gkreport.cli import main
from gkreport.compare import crossed_value
from gkreport.dataset import Cell, Panel, _crossed, panel_fields, panel_rows, read_jsonl, to_frame, write_csv
from gkreport.model import Meta, Report
from gkreport.template import CROSSWALK
from panels import BODIES_CSV, as_of, drawn, write_corpus

NAMES = [f.name for f in panel_fields()]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], Path]:
    folder = tmp_path_factory.mktemp("corpus")
    files = write_corpus(folder / "reports")
    mapping = folder / "bodies.csv"
    mapping.write_text(BODIES_CSV, encoding="utf-8")
    return files, mapping


def _expected(report: Report, key: str) -> tuple[object, str]:
    """A crossing's value and status read from the report's own cells, one by one."""
    (crossing,) = [c for c in CROSSWALK if c.key == key]
    parts = [report.cell(k) for k in (crossing.new if report.meta.template == "2021" else crossing.old)]
    missing = [p.status for p in parts if p.value is None]
    if missing:
        return None, next(s for s in ("lost", "ambiguous", "blank") if s in missing)
    derived = [p.status for p in parts if p.status != "read"]
    return sum(p.value for p in parts if p.value is not None), derived[0] if derived else "read"


def test_panel_rows_are_the_parsed_reports_values(corpus: tuple[list[Path], Path]) -> None:
    files, mapping = corpus
    reports = [gkreport.parse(f) for f in files]
    panel = panel_rows(reports, bodies=Bodies.read_csv(mapping))
    rows = [dict(zip(NAMES, row, strict=True)) for row in panel]
    assert len(rows) == len(files) and not panel.unplaced and not panel.repeated
    by_source = {r.source: r for r in reports}
    summed = 0
    for row in rows:
        report = by_source[row["source"]]
        assert (row["organ"], row["year"], row["template"]) == (report.meta.organ, report.meta.year,
                                                                  report.meta.template)
        for crossing in CROSSWALK:
            assert (row[crossing.key], row[f"{crossing.key}.status"]) == _expected(report, crossing.key), (
                row["source"], crossing.key)
            # The comparison of two years reads a Report's crossings alike.
            assert crossed_value(report, crossing) == _expected(report, crossing.key)
        if report.meta.template == "2021" and row["requests.other_handling.total"] is not None:
            parts = [report.requests[f"other_handling.{k}"].total for k in ("no_correction", "no_fee", "other")]
            assert row["requests.other_handling.total"] == sum(p for p in parts if p is not None)
            summed += 1
    assert summed >= 3  # the 2021 sums were made, not only the 2019 single cells


def test_bodies_joined_by_the_mapping_ordered_by_body_then_year(corpus: tuple[list[Path], Path]) -> None:
    files, mapping = corpus
    rows = [dict(zip(NAMES, row, strict=True)) for row in panel_rows(map(gkreport.parse, files),
                                                                       bodies=Bodies.read_csv(mapping))]
    seen = [(r["body_id"], r["year"], r["body"], r["level"]) for r in rows]
    assert seen == [
        ("220605", 2019, "江源区", "county"), ("220605", 2020, "白山市江源区人民政府", "county"),
        ("220605", 2021, "江源区", "county"), ("220605", 2022, "白山市江源区人民政府", "county"),
        *(("桃江县松木塘镇人民政府", y, "桃江县松木塘镇人民政府", "township") for y in range(2019, 2023)),
        *(("湖南省人民政府办公厅", y, "湖南省人民政府办公厅", "province") for y in (2020, 2021, 2022)),
        # A city by its name; the mapping says it is of county level.
        ("429006", 2021, "天门市人民政府办公室", "county"), ("429006", 2022, "天门市人民政府办公室", "county")]
    # Without the mapping, the two names of 江源区 are two bodies, pointed out as a near match.
    panel = panel_rows(map(gkreport.parse, files[:4]))
    assert [r[0] for r in panel] == ["江源区", "江源区", "白山市江源区人民政府", "白山市江源区人民政府"]
    assert [r[3] for r in panel] == ["county"] * 4
    assert any("白山市江源区人民政府" in m and "江源区" in m for m in panel.messages())


def _without(report: Report, row: str, status: str) -> Report:
    requests = dict(report.requests.rows)
    requests[row] = attrs.evolve(requests[row], total=None)
    statuses = {**report.statuses, f"requests.{row}.total": status}
    return attrs.evolve(report, requests=requests, statuses=statuses)


def test_a_sum_with_a_part_without_a_number_is_none_never_a_smaller_sum() -> None:
    report = as_of(drawn(10, "2021")[-1], "甲县", 2022)
    key = "requests.other_handling.total"
    blank = _without(report, "other_handling.no_fee", "blank")
    worse = _without(blank, "other_handling.other", "lost")  # the worst part names the status
    solved = {**report.statuses, "requests.other_handling.other.total": "solved"}
    recovered = attrs.evolve(report, statuses=solved)
    rows = [dict(zip(NAMES, panel_rows([one]).rows[0], strict=True)) for one in (blank, worse, recovered)]
    assert [(r[key], r[f"{key}.status"]) for r in rows[:2]] == [(None, "blank"), (None, "lost")]
    parts = [report.requests[f"other_handling.{k}"].total for k in ("no_correction", "no_fee", "other")]
    assert None not in parts
    assert (rows[2][key], rows[2][f"{key}.status"]) == (sum(p for p in parts if p is not None), "solved")


def test_reports_without_a_body_or_a_year_and_second_reports_have_no_row() -> None:
    report = drawn(10, "2019")[-1]
    first, second = as_of(report, "乙镇", 2020), as_of(report, "乙镇 ", 2020)
    nameless = attrs.evolve(report, meta=Meta(organ=None, year=2020))
    yearless = attrs.evolve(report, meta=Meta(organ="乙镇", year=None))
    panel = panel_rows([nameless, first, yearless, second])
    assert len(panel) == 1 and len(panel.unplaced) == 2 and len(panel.repeated) == 1
    assert panel.messages()[:2] == [
        "2 reports without a body's name or a year have no row",
        "1 reports of a body and year already in the panel have no row (the first of each is used)"]
    assert [n.code for n in panel.notes] == ["same-year"]


def test_money_crossings_sum_as_decimals() -> None:
    """No crossing is money today (2021's fee amount has no 2019 counterpart); the sum is exact
    when one is."""
    record = {"proactive": {"fees": {"amount": "1.10"}, "procurement": {"amount": "2.205"}}}
    cells = [Cell("proactive", "fees", "amount", "money"), Cell("proactive", "procurement", "amount", "money")]
    assert _crossed(record, cells) == (Decimal("3.305"), "read")
    assert _crossed({"proactive": {"fees": {"amount": "1.10"}}}, cells) == (None, "blank")


def test_to_frame_panel_types(corpus: tuple[list[Path], Path]) -> None:
    files, _ = corpus
    frame = to_frame([gkreport.parse(f) for f in files], panel=True)
    assert list(frame.columns) == NAMES
    types = {f.name: f.type for f in panel_fields()}
    for name, dtype in frame.dtypes.items():
        assert str(dtype) == {"int": "Int64", "text": "string", "money": "object"}[types[str(name)]], name
    assert str(frame["requests.granted.total"].dtype) == "Int64"
    assert str(frame["requests.granted.total.status"].dtype) == "string"
    assert frame["year"].tolist() == [2019, 2021, 2020, 2022, 2019, 2020, 2021, 2022, 2020, 2021, 2022,
                                      2021, 2022]
    with pytest.raises(ValueError, match="ask for one"):
        to_frame([], wide=True, panel=True)
    with pytest.raises(ValueError, match="panel=True"):
        write_csv(Panel(()), io.StringIO())
    assert pd.isna(to_frame([_without(gkreport.parse(files[-1]), "other_handling.no_fee", "blank")],
                            panel=True).loc[0, "requests.other_handling.total"])


def test_export_panel_csv_and_parquet(corpus: tuple[list[Path], Path], tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    files, mapping = corpus
    results = tmp_path / "results.jsonl"
    assert main(["parse", *map(str, files), "--out", str(results)]) == 0
    out = tmp_path / "panel.csv"
    assert main(["export", str(results), "--panel", "--bodies", str(mapping), "--out", str(out)]) == 0
    assert "13 rows (panel)" in capsys.readouterr().err
    with out.open(encoding="utf-8", newline="") as f:
        written = list(csv.reader(f))
    expected = panel_rows(read_jsonl(results), bodies=Bodies.read_csv(mapping))
    assert written[0] == NAMES
    assert written[1:] == [["" if v is None else str(v) for v in row] for row in expected]
    assert {row[0] for row in written[1:]} >= {"220605", "429006"}
    parquet = tmp_path / "panel.parquet"
    assert main(["export", str(results), "--panel", "--format", "parquet", "--out", str(parquet)]) == 0
    table = pq.read_table(parquet)
    assert str(table.schema.field("requests.granted.total").type) == "int64"
    assert table.column("body_id").to_pylist()[:2] == ["江源区", "江源区"]  # no mapping: two bodies
    # --bodies is for a panel, and must be readable.
    assert main(["export", str(results), "--bodies", str(mapping)]) == 2
    assert main(["export", str(results), "--panel", "--bodies", str(tmp_path / "none.csv")]) == 2
    assert "names the bodies of a --panel" in capsys.readouterr().err
