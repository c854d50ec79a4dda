"""The long and wide tables: their cells against the hand-read truth, their types in CSV,
Parquet and pandas, and the ``export`` command."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import gkreport
from gkreport.cli import main
from gkreport.dataset import (
    LONG_FIELDS,
    META_FIELDS,
    STATUS_FIELDS,
    cells,
    long_rows,
    read_jsonl,
    to_frame,
    wide_fields,
    wide_rows,
    write_csv,
    write_parquet,
)
from gkreport.template import APPEAL_COLUMNS, APPEAL_GROUPS, APPLICANT_COLUMNS, TEMPLATES

DATA = Path(__file__).parent / "data"
CORPUS = sorted(DATA.glob("*.txt"))
LONG = [f.name for f in LONG_FIELDS]
WIDE = [f.name for f in wide_fields()]
#: Where the wide table's cells start: after the meta and the counts by status.
CELLS_AT = len(META_FIELDS) + len(STATUS_FIELDS)


def _record(path: Path) -> dict[str, Any]:
    return {**gkreport.to_dict(gkreport.parse(path)), "source": path.name}


RECORDS = [_record(p) for p in CORPUS]


def _truth_cells(name: str) -> dict[tuple[str, str, str], Decimal | None]:
    """(table, row, column) -> value, from ``truth/NAME.json`` (see tests/data/README.md)."""
    truth = json.loads((DATA / "truth" / f"{name}.json").read_text(encoding="utf-8"))
    found: dict[tuple[str, str, str], Decimal | None] = {}
    for item, columns in truth["proactive"].items():
        for column, value in columns.items():
            found["proactive", item, column] = None if value is None else Decimal(str(value))
    for table, keys in (("requests", APPLICANT_COLUMNS), ("appeals", APPEAL_COLUMNS)):
        for row, values in truth[table].items():
            for column, value in zip(keys, values, strict=True):
                found[table, row, column.key] = None if value is None else Decimal(value)
    return found


def _number(value: object) -> Decimal | None:
    return None if value is None or value == "" or value is pd.NA else Decimal(str(value))


# -- against the truth -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["001_e94c29de80bcac7c", "003_bca12cc4fb8d9f2c"])
def test_long_table_holds_every_cell_of_the_truth(name: str) -> None:
    truth = _truth_cells(name)
    rows = [dict(zip(LONG, row, strict=True)) for row in long_rows([_record(DATA / f"{name}.txt")])]
    got = {(r["table"], r["row"], r["column"]): _number(r["amount"] if r["kind"] == "money" else r["value"])
           for r in rows}
    assert len(got) == len(rows)  # one row per cell
    assert got == truth
    assert {r["source"] for r in rows} == {f"{name}.txt"}


@pytest.mark.parametrize("name", ["001_e94c29de80bcac7c", "003_bca12cc4fb8d9f2c"])
def test_wide_table_holds_every_cell_of_the_truth(name: str) -> None:
    truth = _truth_cells(name)
    (row,) = wide_rows([_record(DATA / f"{name}.txt")])
    wide = dict(zip(WIDE, row, strict=True))
    for (table, key, column), value in truth.items():
        assert _number(wide[f"{table}.{key}.{column}"]) == value, (table, key, column)
    template = TEMPLATES[wide["template"]]
    mine = {c.name for c in cells(template.id)}
    others = [name for name in WIDE[CELLS_AT:] if name not in mine and not name.endswith(".unit")]
    assert others and all(wide[name] is None for name in others)  # not in its template: blank


def test_tables_are_the_reports_own_values_for_the_whole_corpus() -> None:
    rows = list(long_rows(RECORDS))
    assert len(rows) == sum(len(cells(r["meta"]["template"])) for r in RECORDS)
    by_report = {r["source"]: r for r in RECORDS}
    for row in map(dict, (zip(LONG, row, strict=True) for row in rows)):
        record = by_report[row["source"]]
        want = (record[row["table"]][row["row"]] or {}).get(row["column"])  # a null row is lost
        got = row["amount"] if row["kind"] == "money" else row["value"]
        assert _number(got) == _number(want)
        assert (row["organ"], row["year"], row["template"]) == (
            record["meta"]["organ"], record["meta"]["year"], record["meta"]["template"])


# -- the wide table's columns -----------------------------------------------------------------


def test_wide_columns_are_the_union_of_both_templates_in_template_order() -> None:
    names = WIDE[CELLS_AT:]
    every = {c.name for t in TEMPLATES for c in cells(t)}
    assert [n for n in names if not n.endswith(".unit")] == sorted(
        every, key=[n for n in names if not n.endswith(".unit")].index)
    assert set(n for n in names if not n.endswith(".unit")) == every and len(set(names)) == len(names)
    for template in TEMPLATES:  # each template's own order is kept within the union
        own = [c.name for c in cells(template)]
        assert sorted(own, key=names.index) == own
    rows = [n.removeprefix("requests.").removesuffix(".total") for n in names
            if n.startswith("requests.") and n.endswith(".total")]
    assert rows[rows.index("other_handling"):rows.index("total")] == [
        "other_handling", "other_handling.no_correction", "other_handling.no_fee", "other_handling.other"]
    assert names[:6] == ["proactive.rules.made", "proactive.rules.published", "proactive.rules.total_published",
                         "proactive.rules.issued", "proactive.rules.repealed", "proactive.rules.in_force"]
    assert names[-1] == f"appeals.{APPEAL_GROUPS[-1][0]}.{APPEAL_COLUMNS[-1].key}"
    assert [n for n in names if n.endswith(".unit")] == ["proactive.fees.unit", "proactive.procurement.unit"]
    assert names.index("proactive.fees.unit") == names.index("proactive.fees.amount") + 1


# -- values and blanks -------------------------------------------------------------------------


MONEY = {"source": "m.txt", "meta": {"organ": "某局", "year": 2019, "template": "2019"},
         "proactive": {"procurement": {"projects": 3, "amount": "24252.311082", "unit": "万元"},
                       "fees": {"previous_items": None, "change": -5}},
         "requests": {}, "appeals": {}}


def test_money_is_exact_and_a_blank_is_never_zero_in_every_format(tmp_path: Path) -> None:
    buffer = io.StringIO(newline="")
    write_csv([MONEY], buffer, wide=True)
    header, row = csv.reader(io.StringIO(buffer.getvalue()))
    wide = dict(zip(header, row, strict=True))
    assert wide["proactive.procurement.amount"] == "24252.311082"
    assert wide["proactive.procurement.unit"] == "万元"
    assert (wide["proactive.fees.change"], wide["proactive.fees.previous_items"]) == ("-5", "")
    assert wide["requests.granted.total"] == "" and wide["proactive.rules.issued"] == ""

    write_parquet([MONEY], tmp_path / "w.parquet", wide=True)
    table = pq.read_table(tmp_path / "w.parquet")
    assert table.schema.field("proactive.procurement.amount").type == pa.string()
    assert table.schema.field("proactive.fees.change").type == pa.int64()
    parquet = table.to_pylist()[0]
    assert parquet["proactive.procurement.amount"] == "24252.311082"
    assert (parquet["proactive.fees.change"], parquet["proactive.fees.previous_items"]) == (-5, None)

    frame = to_frame([MONEY], wide=True)
    assert frame.loc[0, "proactive.procurement.amount"] == Decimal("24252.311082")
    assert str(frame["proactive.fees.change"].dtype) == "Int64" and frame.loc[0, "proactive.fees.change"] == -5
    assert frame.loc[0, "proactive.fees.previous_items"] is pd.NA


def test_failed_files_give_no_rows_and_reports_and_records_give_the_same_rows() -> None:
    failed = {"source": "bad.txt", "error": {"type": "DecodeError", "message": "binary", "line": 0,
                                             "column": 0}}
    report = gkreport.parse(CORPUS[3])
    from_record = list(long_rows([failed, gkreport.to_dict(report)]))
    assert from_record == list(long_rows([report]))
    assert list(wide_rows([failed])) == []


# -- Parquet and pandas ------------------------------------------------------------------------


@pytest.mark.parametrize("wide", [False, True], ids=["long", "wide"])
def test_parquet_round_trip(tmp_path: Path, wide: bool) -> None:
    path = tmp_path / "t.parquet"
    written = write_parquet(RECORDS, path, wide=wide, batch_rows=300)  # several row groups
    table = pq.read_table(path)
    rows = list(wide_rows(RECORDS) if wide else long_rows(RECORDS))
    assert written == table.num_rows == len(rows)
    assert table.column_names == (WIDE if wide else LONG)
    assert pq.ParquetFile(path).metadata.num_row_groups == (1 if wide else -(-len(rows) // 300))
    back = [tuple(r.values()) for r in table.to_pylist()]
    assert back == [tuple(None if v is None else str(v) if isinstance(v, Decimal) else v for v in row)
                    for row in rows]


def test_an_empty_parquet_file_still_has_its_schema(tmp_path: Path) -> None:
    assert write_parquet([], tmp_path / "e.parquet") == 0
    table = pq.read_table(tmp_path / "e.parquet")
    assert table.num_rows == 0 and table.column_names == LONG


def test_to_frame_long_and_wide() -> None:
    long = to_frame(RECORDS)
    assert list(long.columns) == LONG and len(long) == len(list(long_rows(RECORDS)))
    assert str(long["value"].dtype) == "Int64" and str(long["year"].dtype) == "Int64"
    assert str(long["amount"].dtype) == "object" and str(long["source"].dtype) == "string"
    granted = long.query("table == 'requests' and row == 'granted' and column == 'total'")
    assert granted.set_index("source")["value"].to_dict() == {
        r["source"]: (r["requests"]["granted"] or {}).get("total") for r in RECORDS}
    wide = to_frame(RECORDS, wide=True)
    assert list(wide.columns) == WIDE and len(wide) == len(RECORDS)
    assert wide["requests.granted.total"].tolist() == granted["value"].tolist()
    reports = to_frame([gkreport.parse(p) for p in CORPUS], wide=True)
    assert reports["source"].tolist() == [str(p) for p in CORPUS]  # a report says where it came from
    assert reports.drop(columns="source").equals(wide.drop(columns="source"))


def test_import_gkreport_imports_neither_pandas_nor_pyarrow() -> None:
    code = ("import sys, gkreport; gkreport.to_frame; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'pandas', 'pyarrow', 'numpy', 'dask'}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n"


# -- the export command ------------------------------------------------------------------------


@pytest.fixture
def results(tmp_path: Path) -> Path:
    path = tmp_path / "x.jsonl"
    failed = {"source": "bad.txt", "error": {"type": "NotAReportError", "message": "no", "line": 1,
                                             "column": 1}}
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in [*RECORDS[:2], failed]),
                    encoding="utf-8")
    return path


def test_export_csv_and_wide_parquet(results: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(results), "--format", "csv"]) == 0
    out, err = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == sum(len(cells(r["meta"]["template"])) for r in RECORDS[:2])
    assert "; skipped 1 records of failed files" in err
    fees = next(r for r in rows if r["source"] == RECORDS[1]["source"] and r["row"] == "fees")
    assert (fees["kind"], fees["value"], fees["amount"], fees["unit"]) == ("money", "", "0", "万元")

    out_path = results.with_suffix(".parquet")
    assert main(["export", str(results), "--format", "parquet", "--wide", "--out", str(out_path)]) == 0
    assert pq.read_table(out_path).column("organ").to_pylist() == [r["meta"]["organ"] for r in RECORDS[:2]]


def test_export_errors_are_one_line(results: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(results), "--format", "parquet"]) == 2
    assert "needs --out" in capsys.readouterr().err
    with results.open("a", encoding="utf-8") as out:
        out.write("{not json\n")
    assert main(["export", str(results), "--format", "csv", "--out", str(results.with_suffix(".csv"))]) == 1
    assert capsys.readouterr().err.strip() == (
        f"gkreport: {results}:4: not JSON: Expecting property name enclosed in double quotes")
    assert main(["export", str(results.with_name("none.jsonl"))]) == 2
    assert "No such file" in capsys.readouterr().err
    with pytest.raises(ValueError, match="not a JSON object"):
        results.write_text("[1, 2]\n", encoding="utf-8")
        list(read_jsonl(results))


# -- scale-out: the dask example ---------------------------------------------------------------


def _example(name: str) -> Any:
    path = Path(__file__).parents[1] / "examples" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"example_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("scheduler", ["sync", "threads"])
def test_dask_example_writes_the_corpus_as_a_parquet_dataset(
        tmp_path: Path, scheduler: str, capsys: pytest.CaptureFixture[str]) -> None:
    example = _example("dask_parse")
    (tmp_path / "in").mkdir()
    for path in CORPUS:
        shutil.copy(path, tmp_path / "in")
    (tmp_path / "in" / "broken.html").write_text("<html><body>404</body></html>", encoding="utf-8")
    out = tmp_path / "out.parquet"
    assert example.main([str(tmp_path / "in"), "--out", str(out), "--partitions", "3",
                         "--scheduler", scheduler]) == 1  # the broken page fails, the rest go on
    assert sorted(p.name for p in out.iterdir()) == [f"part-0000{i}.parquet" for i in range(3)]
    assert "broken.html: NotAReportError" in capsys.readouterr().err
    table = pq.read_table(out)
    assert table.num_rows == sum(len(cells(r["meta"]["template"])) for r in RECORDS)
    assert table.column_names == LONG
    name = "001_e94c29de80bcac7c"
    got = {(r["table"], r["row"], r["column"]): _number(r["amount"] if r["kind"] == "money" else r["value"])
           for r in table.to_pylist() if Path(r["source"]).stem == name}
    assert got == _truth_cells(name)
