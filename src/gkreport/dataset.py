"""Reports as tables: a tidy long table and a wide one, as CSV, Parquet or a pandas DataFrame.

Both tables are made from a report's :func:`~gkreport.to_dict` data, so they take a
:class:`~gkreport.Report` or a record read back from ``gkreport parse --out`` JSON lines
(``gkreport.to_dict(report)``, which begins with ``"source"``); records of failed files (``{"source": ...,
"error": ...}``) have no tables and give no rows. Every key comes from
:mod:`gkreport.template`.

**Long** (:data:`LONG_FIELDS`): one row per report × table × row × column: ``source``,
``organ``, ``year``, ``template``, ``table`` (``proactive``, ``requests``, ``appeals``),
``row`` (``rules``, ``denied.state_secret``, ``review``…), ``column`` (``made``,
``natural_person``, ``upheld``…), ``kind`` (``count``, ``signed`` or ``money``), then the
cell: ``value`` holds a count (an ``int``), ``amount`` holds money (a
:class:`~decimal.Decimal`) with its ``unit`` where the source states one, and ``status``
says how it was obtained (:data:`~gkreport.model.CellStatus`: ``read``, ``recovered``,
``solved``, ``settled``; for a None ``ambiguous``, ``blank`` or ``lost``). A report has a
row for every cell of its template; a cell without a number has neither value nor amount,
never 0, and its status says why.

**Wide** (:func:`wide_fields`): one row per report: ``source``, ``organ``, ``year``,
``template``, the count of the report's cells of each status (``status.read`` …
``status.lost``), then a column per cell named ``table.row.column``
(``requests.granted.total``, ``proactive.rules.made``, ``appeals.review.upheld``…) and
``proactive.ITEM.unit`` after an item's money column. The columns are the union of both
templates' cells in template order; a cell that is not in a report's template is blank.

**Panel** (:func:`panel_fields`, :func:`panel_rows`): one row per body and year, for
comparing bodies with each other and one body across years: ``body_id``, ``body``, ``organ``,
``level``, ``year``, ``template``, ``source``, then for each crossing of
:data:`~gkreport.template.CROSSWALK` (a cell that means the same on both templates) its
value and its status (``requests.granted.total``, ``requests.granted.total.status``…).

Types by format. Counts: ``int`` in Python, ``Int64`` (nullable) in pandas, ``int64`` in
Parquet. Money: ``Decimal`` in Python and pandas (an ``object`` column), and in Parquet a
**string** column holding the exact decimal as printed (``"24252.311082"``): a Parquet
decimal would need one scale for the whole column and would print ``24220`` as
``24220.000000``. CSV writes both as printed; a blank is an empty field.

Pure Python and :mod:`csv` here; :func:`to_frame` needs pandas and :func:`write_parquet`
needs pyarrow (``pip install 'gkreport[data]'``), both imported only when called.

>>> import gkreport
>>> from pathlib import Path
>>> report = gkreport.parse(Path("tests/data/003_bca12cc4fb8d9f2c.txt"))
>>> record = {**gkreport.to_dict(report), "source": "003.txt"}
>>> for row in long_rows([record]):
...     if row[5] == "procurement":
...         print(row[4:])
('proactive', 'procurement', 'projects', 'count', 8, None, None, 'read')
('proactive', 'procurement', 'amount', 'money', None, Decimal('24220'), None, 'read')
>>> row[:4]
('003.txt', '泉州市鲤城区人民政府海滨街道办事处', 2020, '2019')
"""

from __future__ import annotations

import collections
import csv
import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any, Final, Literal, cast

import attrs

from .bodies import Bodies, BodyNote, body_name, by_body
from .convert import status_of, to_dict
from .errors import MissingExtraError, RecordError
from .model import DERIVED, STATUSES, Meta, Report
from .template import (
    APPEAL_COLUMNS,
    APPEAL_GROUPS,
    APPLICANT_COLUMNS,
    CROSSWALK,
    TEMPLATES,
    Template,
    template_for,
)

if TYPE_CHECKING:
    import pandas

__all__ = [
    "LONG_FIELDS",
    "META_FIELDS",
    "PANEL_META_FIELDS",
    "STATUS_FIELDS",
    "Cell",
    "Field",
    "Panel",
    "cells",
    "long_rows",
    "numbered_records",
    "panel_fields",
    "panel_rows",
    "read_jsonl",
    "to_frame",
    "wide_fields",
    "wide_rows",
    "write_csv",
    "write_parquet",
]

Table = Literal["proactive", "requests", "appeals"]
Kind = Literal["count", "signed", "money"]
#: What a column of the tables holds: text, a count, or money.
FieldType = Literal["text", "int", "money"]
#: A row of a table: the values in the order of its fields.
Row = tuple[Any, ...]
#: A report as the tables read it: a :class:`~gkreport.Report` or a ``--out`` record.
ReportLike = Report | Mapping[str, Any]


@attrs.frozen
class Field:
    """A column of the long or wide table: its name and what it holds."""

    name: str
    type: FieldType


@attrs.frozen
class Cell:
    """One cell of a template's tables, e.g. ``requests`` / ``granted`` / ``total``."""

    table: Table
    row: str
    column: str
    kind: Kind

    @property
    def name(self) -> str:
        """The cell's column name in the wide table.

        >>> Cell("requests", "denied.state_secret", "total", "count").name
        'requests.denied.state_secret.total'
        """
        return f"{self.table}.{self.row}.{self.column}"


META_FIELDS: Final = (Field("source", "text"), Field("organ", "text"), Field("year", "int"),
                      Field("template", "text"))
LONG_FIELDS: Final = (*META_FIELDS, Field("table", "text"), Field("row", "text"), Field("column", "text"),
                      Field("kind", "text"), Field("value", "int"), Field("amount", "money"),
                      Field("unit", "text"), Field("status", "text"))
#: The wide table's counts of a report's cells by status, after its meta.
STATUS_FIELDS: Final = tuple(Field(f"status.{status}", "int") for status in STATUSES)


def _template_cells(template: Template) -> tuple[Cell, ...]:
    found: list[Cell] = []
    for item in template.proactive:
        found.extend(Cell("proactive", item.key, c.key, c.kind) for c in item.columns)
    for row in template.request_keys:
        found.extend(Cell("requests", row, c.key, c.kind) for c in APPLICANT_COLUMNS)
    for group, _ in APPEAL_GROUPS:
        found.extend(Cell("appeals", group, c.key, c.kind) for c in APPEAL_COLUMNS)
    return tuple(found)


#: Every cell of each template, in template order.
_CELLS: Final[dict[str, tuple[Cell, ...]]] = {key: _template_cells(t) for key, t in TEMPLATES.items()}


def cells(template: str) -> tuple[Cell, ...]:
    """The cells of ``template`` (``"2019"`` or ``"2021"``) in template order.

    >>> len(cells("2019")), cells("2021")[0]
    (198, Cell(table='proactive', row='rules', column='issued', kind='count'))
    """
    return _CELLS[template]


def _union(sequences: Iterable[Sequence[str]]) -> list[str]:
    """Merge orders: a key new to the merge goes just before the next key of its own
    sequence that is already there (2021's ``other_handling.*`` rows before ``total``)."""
    merged: list[str] = []
    for sequence in sequences:
        for i, key in enumerate(sequence):
            if key in merged:
                continue
            after = next((merged.index(k) for k in sequence[i + 1:] if k in merged), len(merged))
            merged.insert(after, key)
    return merged


def _wide_cells() -> tuple[Cell, ...]:
    templates = list(_CELLS.values())
    found: list[Cell] = []
    for table in ("proactive", "requests", "appeals"):
        rows = _union([list(dict.fromkeys(c.row for c in t if c.table == table)) for t in templates])
        for row in rows:
            of_row = [[c for c in t if c.table == table and c.row == row] for t in templates]
            kinds = {c.column: c.kind for cs in of_row for c in cs}
            found.extend(Cell(table, row, column, kinds[column])
                         for column in _union([[c.column for c in cs] for cs in of_row]))
    return tuple(found)


@attrs.frozen
class _Unit:
    """The wide table's unit column of a 第二十条 item with money in it."""

    item: str

    @property
    def name(self) -> str:
        return f"proactive.{self.item}.unit"


def _wide_layout() -> tuple[Cell | _Unit, ...]:
    """The wide table's cells, each money item's unit after the item's last cell."""
    wide = _wide_cells()
    money_items = {c.row for c in wide if c.table == "proactive" and c.kind == "money"}
    layout: list[Cell | _Unit] = []
    for i, cell in enumerate(wide):
        layout.append(cell)
        last_of_item = i + 1 == len(wide) or (wide[i + 1].table, wide[i + 1].row) != (cell.table, cell.row)
        if cell.table == "proactive" and cell.row in money_items and last_of_item:
            layout.append(_Unit(cell.row))
    return tuple(layout)


_WIDE: Final = _wide_layout()
_WIDE_FIELDS: Final = (*META_FIELDS, *STATUS_FIELDS, *(
    Field(c.name, "text" if isinstance(c, _Unit) else "money" if c.kind == "money" else "int")
    for c in _WIDE))


def wide_fields() -> tuple[Field, ...]:
    """The wide table's columns: the report's meta, then every cell of either template.

    >>> [f.name for f in wide_fields()][3:6], [f.name for f in wide_fields()][12:14]
    (['template', 'status.read', 'status.recovered'], ['proactive.rules.made', 'proactive.rules.published'])
    """
    return _WIDE_FIELDS


# -- rows --------------------------------------------------------------------------------


def _records(reports: Iterable[ReportLike]) -> Iterator[Mapping[str, Any]]:
    for report in reports:
        if isinstance(report, Report):
            yield to_dict(report)
        elif "error" not in report:
            yield report


def _meta(record: Mapping[str, Any]) -> Row:
    meta = record.get("meta") or {}
    return (record.get("source"), meta.get("organ"), meta.get("year"), meta.get("template"))


def _row(record: Mapping[str, Any], table: str, row: str) -> Mapping[str, Any]:
    found: Mapping[str, Any] = (record.get(table) or {}).get(row) or {}
    return found


def _value(record: Mapping[str, Any], cell: Cell) -> Any:
    """The value of ``cell`` in ``record``: an int, a Decimal for money, or None."""
    value = _row(record, cell.table, cell.row).get(cell.column)
    if cell.kind == "money" and value is not None:
        return Decimal(str(value))  # JSON holds money as a string; str() keeps it exact
    return value


def _status(record: Mapping[str, Any], cell: Cell) -> str:
    """How ``cell`` of ``record`` was obtained (:func:`gkreport.convert.status_of`); in a record
    written before statuses were (it has no ``status``), a None is ``blank``."""
    if "status" not in record and _value(record, cell) is None:
        return "blank"
    return status_of(record, cell.name)


def _unit(record: Mapping[str, Any], item: str) -> str | None:
    unit: str | None = _row(record, "proactive", item).get("unit")
    return unit


def _cells_of(record: Mapping[str, Any]) -> Sequence[Cell]:
    template = (record.get("meta") or {}).get("template")
    if template in _CELLS:
        return _CELLS[template]
    return [c for c in _WIDE if isinstance(c, Cell)]  # no template known: every cell of either


def long_rows(reports: Iterable[ReportLike]) -> Iterator[Row]:
    """The long table's rows for ``reports``, in the order of :data:`LONG_FIELDS`.

    >>> import gkreport
    >>> from pathlib import Path
    >>> report = gkreport.parse(Path("tests/data/001_e94c29de80bcac7c.txt"))
    >>> [r[4:] for r in long_rows([report]) if r[5] == "fees"]
    [('proactive', 'fees', 'amount', 'money', None, Decimal('0'), '万元', 'read')]
    """
    for record in _records(reports):
        meta = _meta(record)
        for cell in _cells_of(record):
            where = (*meta, cell.table, cell.row, cell.column, cell.kind)
            if cell.kind == "money":
                yield (*where, None, _value(record, cell), _unit(record, cell.row), _status(record, cell))
            else:
                yield (*where, _value(record, cell), None, None, _status(record, cell))


def wide_rows(reports: Iterable[ReportLike]) -> Iterator[Row]:
    """The wide table's rows for ``reports``, one per report, in the order of :func:`wide_fields`.

    >>> import gkreport
    >>> from pathlib import Path
    >>> row = next(wide_rows([gkreport.parse(Path("tests/data/000_cf9562a21e5519b3.txt"))]))
    >>> dict(zip([f.name for f in wide_fields()], row))["requests.granted.total"]
    4
    """
    for record in _records(reports):
        counts = collections.Counter(_status(record, c) for c in _cells_of(record))
        yield (*_meta(record), *(counts[s] for s in STATUSES),
               *(_unit(record, c.item) if isinstance(c, _Unit) else _value(record, c) for c in _WIDE))


# -- panels ------------------------------------------------------------------------------

#: The panel's columns before the crosswalk's: who the row is about, and from which report.
PANEL_META_FIELDS: Final = (Field("body_id", "text"), Field("body", "text"), Field("organ", "text"),
                            Field("level", "text"), Field("year", "int"), Field("template", "text"),
                            Field("source", "text"))
#: The statuses of a cell without a number, worst first: a sum with such a part takes the worst.
_NO_NUMBER: Final = ("lost", "ambiguous", "blank")
_KINDS: Final = {c.name: c.kind for c in _WIDE if isinstance(c, Cell)}


def _cell_of(key: str) -> Cell:
    table, _, rest = key.partition(".")
    row, _, column = rest.rpartition(".")
    return Cell(cast(Table, table), row, column, _KINDS[key])


#: Each crossing with the cells it sums on each template.
_CROSSED: Final = tuple((c, {"2019": tuple(map(_cell_of, c.old)), "2021": tuple(map(_cell_of, c.new))})
                        for c in CROSSWALK)
_PANEL_FIELDS: Final = (*PANEL_META_FIELDS, *(
    field for crossing, parts in _CROSSED
    for field in (Field(crossing.key, "money" if parts["2019"][0].kind == "money" else "int"),
                  Field(f"{crossing.key}.status", "text"))))


def panel_fields() -> tuple[Field, ...]:
    """The panel's columns: :data:`PANEL_META_FIELDS`, then for each crossing of
    :data:`~gkreport.template.CROSSWALK` its value (named by its key) and its status.

    >>> [f.name for f in panel_fields()][:9]
    ['body_id', 'body', 'organ', 'level', 'year', 'template', 'source', 'proactive.rules.issued', \
'proactive.rules.issued.status']
    """
    return _PANEL_FIELDS


def _crossed(record: Mapping[str, Any], parts: Sequence[Cell]) -> tuple[Any, str]:
    """The value of a crossing in ``record`` (the sum of its ``parts``, None unless every part
    has a number) and its status."""
    values = [_value(record, cell) for cell in parts]
    statuses = [_status(record, cell) for cell in parts]
    if any(v is None for v in values):
        unknown = [s for v, s in zip(values, statuses, strict=True) if v is None]
        return None, min(unknown, key=lambda s: _NO_NUMBER.index(s) if s in _NO_NUMBER else len(_NO_NUMBER))
    derived = [s for s in statuses if s in DERIVED]
    return (values[0] if len(values) == 1 else sum(values)), (derived[0] if derived else "read")


def _panel_values(record: Mapping[str, Any]) -> Row:
    meta = record.get("meta") or {}
    template = meta.get("template")
    if template not in TEMPLATES:  # not said: the template of the year, as the parser takes it
        template = template_for(meta.get("year"))
    found: list[Any] = []
    for _, parts in _CROSSED:
        found.extend(_crossed(record, parts[template]))
    return tuple(found)


@attrs.frozen
class _Placed:
    """A report reduced to what the panel needs: who, when, and its crossed values."""

    meta: Meta
    template: str | None
    source: str | None
    values: Row


@attrs.frozen
class Panel:
    """A panel of reports: its ``rows`` (in the order of :func:`panel_fields`), one per body
    and year, the bodies' ``notes`` (:class:`~gkreport.bodies.BodyNote`: several reports of
    one year, of which the first is used; names that may be one body), and the sources of
    the reports that have no row: ``unplaced`` (no body's name or no year) and ``repeated``
    (a body's second report of a year). Iterating a panel gives its rows."""

    rows: tuple[Row, ...]
    notes: tuple[BodyNote, ...] = ()
    unplaced: tuple[str | None, ...] = ()
    repeated: tuple[str | None, ...] = ()

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def messages(self) -> list[str]:
        """What a reader of the panel should know about the reports it leaves out and the
        bodies' names, one line each.

        >>> Panel((), unplaced=("a.txt",)).messages()
        ["1 reports without a body's name or a year have no row"]
        """
        said = []
        if self.unplaced:
            said.append(f"{len(self.unplaced)} reports without a body's name or a year have no row")
        if self.repeated:
            said.append(f"{len(self.repeated)} reports of a body and year already in the panel have no row "
                        "(the first of each is used)")
        said.extend(n.message for n in self.notes if n.code == "near-match")
        return said


def panel_rows(reports: Iterable[ReportLike], *, bodies: Bodies | None = None) -> Panel:
    """The panel of ``reports``: one row per body and year, with the value and status of each
    crossing of :data:`~gkreport.template.CROSSWALK`, whichever template the report is on.

    A body is what :meth:`Bodies.id_of <gkreport.bodies.Bodies.id_of>` makes of the report's
    organ (``bodies``: your ids; by default each name as :func:`~gkreport.bodies.body_name`
    makes it is its own); its level is :meth:`Bodies.level <gkreport.bodies.Bodies.level>`
    of the name it first appears under. A crossing's value is the sum of its cells, None
    unless every one has a number (a blank or lost cell is never taken for 0), and its
    status is then the worst of the cells without a number (lost, ambiguous, blank); with
    every cell a number, ``read``, or the first derived status among them. Rows go by body
    (in order of first appearance), then year; a report without a body's name or a year has
    no row, and of several of one body and year only the first does (:class:`Panel` names both).

    >>> import gkreport
    >>> from pathlib import Path
    >>> panel = panel_rows([gkreport.parse(Path(f"tests/data/00{i}_{h}.txt"))
    ...                     for i, h in ((2, "1cb59e66f00bcffe"), (1, "e94c29de80bcac7c"))])
    >>> row = dict(zip([f.name for f in panel_fields()], panel.rows[0]))
    >>> row["body_id"], row["level"], row["year"], row["requests.other_handling.total"]
    ('江源区', 'county', 2020, 0)
    >>> row = dict(zip([f.name for f in panel_fields()], panel.rows[1]))
    >>> row["template"], row["requests.other_handling.total"], row["requests.other_handling.total.status"]
    ('2021', 0, 'read')
    """
    placed: list[_Placed] = []
    unplaced: list[str | None] = []
    for record in _records(reports):
        meta = record.get("meta") or {}
        found = _Placed(Meta(organ=meta.get("organ"), year=meta.get("year")), meta.get("template"),
                        record.get("source"), _panel_values(record))
        if body_name(found.meta.organ) is None or found.meta.year is None:
            unplaced.append(found.source)
        else:
            placed.append(found)
    bodies = bodies or Bodies()
    series, notes = by_body(placed, report=lambda p: Report(p.meta), bodies=bodies)
    rows: list[Row] = []
    repeated: list[str | None] = []
    for one in series:
        level = bodies.level(one.id, one.names[0])
        years: set[int | None] = set()
        for item, year in zip(one.items, one.years, strict=True):
            if year in years:
                repeated.append(item.source)
                continue
            years.add(year)
            rows.append((one.id, body_name(item.meta.organ), item.meta.organ, level, year, item.template,
                         item.source, *item.values))
    return Panel(tuple(rows), tuple(notes), tuple(unplaced), tuple(repeated))


# -- files -------------------------------------------------------------------------------


def read_jsonl(path: str | os.PathLike[str]) -> Iterator[dict[str, Any]]:
    """The records of a ``gkreport parse --out`` file, one per line (blank lines skipped).

    A line that is not a JSON object, or an object that is neither a report's record (it has
    ``meta``) nor a failed file's (``error``), raises :class:`~gkreport.errors.RecordError` (a
    :class:`ValueError`) naming the file and line.

    >>> import tempfile
    >>> from pathlib import Path
    >>> path = Path(tempfile.mkdtemp()) / "x.jsonl"
    >>> _ = path.write_text('{"source": "a.txt", "error": {"type": "DecodeError"}}\\n\\n[1]\\n')
    >>> records = read_jsonl(path)
    >>> next(records)["error"]
    {'type': 'DecodeError'}
    >>> next(records)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    gkreport.errors.RecordError: .../x.jsonl:3: not a JSON object
    """
    for _, record in numbered_records(path):
        yield record


def numbered_records(path: str | os.PathLike[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """:func:`read_jsonl`'s records, each with the number of its line."""
    name = os.fspath(path)
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise RecordError(f"not JSON: {exc.msg}", path=name, line=number, column=exc.colno) from None
            if not isinstance(record, dict):
                raise RecordError("not a JSON object", path=name, line=number, column=1)
            if "meta" not in record and "error" not in record:
                # Any other object would pass for a report with every cell blank.
                raise RecordError('not a record of gkreport parse --out (it has neither "meta" nor "error")',
                                  path=name, line=number, column=1)
            yield number, record


#: What the writers take: reports, or a panel already made (to read its :meth:`Panel.messages`).
Reports = Iterable[ReportLike] | Panel


def _shape(wide: bool, panel: bool) -> Literal["long", "wide", "panel"]:
    if wide and panel:
        raise ValueError("wide and panel are two tables: ask for one")
    return "panel" if panel else "wide" if wide else "long"


def _fields(wide: bool, panel: bool = False) -> tuple[Field, ...]:
    return {"long": LONG_FIELDS, "wide": _WIDE_FIELDS, "panel": _PANEL_FIELDS}[_shape(wide, panel)]


def _rows(reports: Reports, wide: bool, panel: bool = False, bodies: Bodies | None = None) -> Iterator[Row]:
    shape = _shape(wide, panel)
    if isinstance(reports, Panel):
        if shape != "panel":
            raise ValueError("a Panel is written as a panel: pass panel=True")
        return iter(reports)
    if shape == "panel":
        return iter(panel_rows(reports, bodies=bodies))
    return wide_rows(reports) if shape == "wide" else long_rows(reports)


def write_csv(reports: Reports, out: IO[str], *, wide: bool = False, panel: bool = False,
              bodies: Bodies | None = None) -> int:
    """Write the long (or ``wide``, or ``panel`` with your ``bodies``: see :func:`panel_rows`)
    table as CSV with a header line; return the rows written. ``reports`` may be a
    :class:`Panel` already made (with ``panel=True``).

    Numbers are written as printed (money exact), a blank cell as an empty field. Open
    ``out`` with ``newline=""``, as the :mod:`csv` module asks.

    >>> import gkreport, io
    >>> from pathlib import Path
    >>> buffer = io.StringIO()
    >>> write_csv([gkreport.parse(Path("tests/data/003_bca12cc4fb8d9f2c.txt"))], buffer)
    198
    >>> [line for line in buffer.getvalue().splitlines() if ",procurement,amount," in line]
    ['tests/data/003_bca12cc4fb8d9f2c.txt,泉州市鲤城区人民政府海滨街道办事处,2020,2019,proactive,procurement,amount,money,,24220,,read']
    """
    writer = csv.writer(out)
    writer.writerow(f.name for f in _fields(wide, panel))
    count = 0
    for row in _rows(reports, wide, panel, bodies):
        writer.writerow(row)
        count += 1
    return count


def _arrow_schema(fields: Sequence[Field]) -> Any:
    import pyarrow as pa  # type: ignore[import-untyped]

    types = {"text": pa.string(), "int": pa.int64(), "money": pa.string()}
    return pa.schema([(f.name, types[f.type]) for f in fields])


def write_parquet(reports: Reports, path: str | os.PathLike[str], *, wide: bool = False,
                  panel: bool = False, bodies: Bodies | None = None, batch_rows: int = 100_000) -> int:
    """Write the long (or ``wide``, or ``panel``: see :func:`write_csv`) table to a Parquet
    file at ``path``; return the rows written.

    Needs pyarrow. Counts are ``int64``; money is a ``string`` column of exact decimals as
    printed (see the module's docstring for why not a Parquet decimal). Rows are written
    ``batch_rows`` at a time, so a large batch never has to be in memory at once.

    >>> import gkreport, pyarrow.parquet as pq, tempfile
    >>> from pathlib import Path
    >>> path = Path(tempfile.mkdtemp()) / "reports.parquet"
    >>> write_parquet([gkreport.parse(Path("tests/data/003_bca12cc4fb8d9f2c.txt"))], path, wide=True)
    1
    >>> pq.read_table(path).column("proactive.procurement.amount").to_pylist()
    ['24220']
    """
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq  # type: ignore[import-untyped]
    except ImportError as exc:  # an extra not installed: say which
        raise MissingExtraError(
            f"write_parquet needs pyarrow ({exc.name} is missing): pip install 'gkreport[data]'",
            extra="data", name=exc.name) from exc

    fields = _fields(wide, panel)
    schema = _arrow_schema(fields)
    count = 0
    with pq.ParquetWriter(os.fspath(path), schema) as writer:
        batch: list[Row] = []
        for row in _rows(reports, wide, panel, bodies):
            batch.append(row)
            if len(batch) >= batch_rows:
                writer.write_table(_arrow_table(batch, fields, schema, pa))
                count, batch = count + len(batch), []
        if batch or not count:  # an empty file still has its schema
            writer.write_table(_arrow_table(batch, fields, schema, pa))
            count += len(batch)
    return count


def _arrow_table(rows: list[Row], fields: Sequence[Field], schema: Any, pa: Any) -> Any:
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in fields]
    arrays = [pa.array([None if v is None else str(v) for v in column] if f.type == "money" else column,
                       type=schema.field(f.name).type)
              for f, column in zip(fields, columns, strict=True)]
    return pa.Table.from_arrays(arrays, schema=schema)


def to_frame(reports: Reports, *, wide: bool = False, panel: bool = False,
             bodies: Bodies | None = None) -> pandas.DataFrame:
    """The long (or ``wide``, or ``panel`` with your ``bodies``: see :func:`panel_rows`) table
    as a pandas DataFrame (needs pandas). ``wide`` and ``panel`` together raise ValueError.

    Takes :class:`~gkreport.Report` objects (their ``source`` is blank) or records read
    back with :func:`read_jsonl`. Counts are ``Int64`` (nullable), money is ``Decimal`` in
    an ``object`` column, text is ``string``; a blank cell is ``<NA>``/``None``, never 0.

    >>> import gkreport
    >>> from pathlib import Path
    >>> frame = to_frame([gkreport.parse(Path("tests/data/000_cf9562a21e5519b3.txt"))], wide=True)
    >>> frame.loc[0, "requests.granted.total"], frame.loc[0, "proactive.procurement.amount"]
    (np.int64(4), Decimal('0'))
    """
    try:
        import pandas as pd
    except ImportError as exc:  # an extra not installed: say which
        raise MissingExtraError(f"to_frame needs pandas ({exc.name} is missing): pip install 'gkreport[data]'",
                                extra="data", name=exc.name) from exc

    fields = _fields(wide, panel)
    rows = list(_rows(reports, wide, panel, bodies))
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in fields]
    dtypes: dict[FieldType, Any] = {"text": "string", "int": "Int64", "money": "object"}
    return pd.DataFrame({f.name: pd.array(list(column), dtype=dtypes[f.type])
                         for f, column in zip(fields, columns, strict=True)})
