"""Stage 7, export: a report as JSON-ready data and back, through one cattrs converter.

:func:`to_dict` unstructures a :class:`~gkreport.Report`; :func:`from_dict` structures the
data back into one, the same report: its cells, statuses, sections, diagnostics, and the line
each row and section was read from. Shape of the data (keys as ``vocabulary.md``):

* ``source``: the file the report was read from (:attr:`Report.source`), or null;
* ``meta``: title, organ, year, template, document_number, … (dates as ISO strings);
* ``sections``: a list of ``{key, heading, paragraphs}``;
* ``proactive``: item key -> ``{column key: value}``, plus ``unit`` where one is stated;
* ``requests``: *flat* dotted row keys (``"denied.state_secret"``) -> ``{column key: value}``;
* ``appeals``: group key -> ``{column key: value}``;
* ``status``: how cells were obtained (:data:`~gkreport.model.CellStatus`), for every cell
  whose value does not say it: a table, row or cell key (``"requests"``,
  ``"requests.granted"``, ``"requests.granted.total"``) -> a status (see :func:`status_of`);
* ``lines``: where each section and each row written above was read from, for the audit's
  evidence: ``sections`` and each table -> their line numbers in the order written, runs
  of consecutive lines as their ends (``"47-69,71"``; 0 for none); no key for a report
  built by hand. A row left out is read back with line 0;
* ``diagnostics``: a list of ``{code, severity, message, line, column, source, cells}``
  (``source`` is the text the diagnostic is about, not its whole line; a ``cells-ambiguous``
  or ``cells-settled`` one adds ``readings``: ``{cells: [keys], values: [[a reading's values
  for them], ...]}``), or with
  ``diagnostics="summary"`` one ``{code, severity, count}`` per code, or with ``"none"`` no key.

Counts are JSON integers; money is a JSON string holding the exact decimal (``"24252.311082"``),
so no float ever touches it; a blank cell is ``null``. A row the copy holds none of (every
cell ``lost``: not found, or after the end of a copy cut short) is left out, and a row the
copy holds without a number (printed empty) is ``null`` as a whole, so a crawler's excerpt
does not print two hundred nulls.
``status`` says why a cell has no number, and how each number not simply read was
obtained: it leaves unsaid that a number is ``read`` and a None ``lost``, and names every
other status at the widest key whose cells of its kind share it (a table, a row, a cell).
A status named for a table or a row holds for those of its cells it can describe: a
number's status (``recovered``…) for its numbers, a None's (``blank``…) for its Nones; a
narrower key overrides a wider one. :func:`status_of` reads it back.

Reading back fills every row of the report's template (a row left out has its cells None
and ``lost``). Diagnostics written as a summary or not at all are not read back: such a
report has none.
"""

from __future__ import annotations

import collections
import datetime
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, Final

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from .diagnostics import CODES, Detail, Diagnostic, Readings
from .errors import RecordError
from .model import (
    DERIVED,
    STATUSES,
    AppealGroup,
    Appeals,
    ApplicantMatrix,
    CellStatus,
    ClauseItem,
    ClauseTables,
    Meta,
    Report,
    RequestRow,
    Section,
    Value,
)
from .template import TEMPLATES, Template, template_for

__all__ = ["converter", "from_dict", "status_of", "to_dict"]

#: The converter between reports and JSON-ready data, both ways; :func:`to_dict` and
#: :func:`from_dict` add what it cannot know alone (the statuses, the template's rows).
converter = cattrs.Converter()

# -- unstructure: a report as data ---------------------------------------------------------

converter.register_unstructure_hook(Decimal, str)
converter.register_unstructure_hook(datetime.date, lambda d: d.isoformat())
for _cls in (RequestRow, AppealGroup, Section):
    converter.register_unstructure_hook(
        _cls, make_dict_unstructure_fn(_cls, converter, line=override(omit=True))
    )
converter.register_unstructure_hook(
    Appeals, make_dict_unstructure_fn(Appeals, converter)
)
for _table in (ApplicantMatrix, ClauseTables):
    converter.register_unstructure_hook(
        _table, lambda m: {k: converter.unstructure(row) for k, row in m.items()}
    )


def _clause_item(item: ClauseItem) -> dict[str, Any]:
    data = {k: converter.unstructure(v) for k, v in item.items()}
    if item.unit is not None:
        data["unit"] = item.unit
    return data


converter.register_unstructure_hook(ClauseItem, _clause_item)


_diagnostic_fields = make_dict_unstructure_fn(Diagnostic, converter)


def _diagnostic(d: Diagnostic) -> dict[str, Any]:
    data: dict[str, Any] = _diagnostic_fields(d)
    data["severity"] = d.severity
    if d.readings is None:
        del data["readings"]  # most diagnostics: no key rather than a null in each
    return data


converter.register_unstructure_hook(Diagnostic, _diagnostic)
# The source first: a line of ``parse --out`` says which file it is before anything else.
_report_fields = make_dict_unstructure_fn(Report, converter)
converter.register_unstructure_hook(Report, lambda r: {"source": r.source, **_report_fields(r)})

# -- structure: data as a report -----------------------------------------------------------


def _date(value: Any, _: type) -> datetime.date:
    return datetime.date.fromisoformat(value)


def _structure_diagnostic(data: Mapping[str, Any], _: type) -> Diagnostic:
    if data["code"] not in CODES:
        raise ValueError(f"no diagnostic code {data['code']!r}")
    readings = data.get("readings")
    return Diagnostic(str(data["code"]), str(data["message"]), int(data.get("line", 0)),
                      int(data.get("column", 0)), str(data.get("source", "")), tuple(data.get("cells", ())),
                      _readings(readings) if readings is not None else None)


def _readings(data: Mapping[str, Any]) -> Readings:
    """Readings as JSON holds them: counts as integers, money as strings of the decimal."""
    values = tuple(tuple(v if v is None or isinstance(v, int) else Decimal(str(v)) for v in reading)
                   for reading in data["values"])
    return Readings(tuple(map(str, data["cells"])), values)


def _int(value: Any, _: type) -> int:
    """An int as JSON writes one: not a string of digits, not a float, not a bool."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise ValueError(f"{value!r} is not an integer")


converter.register_structure_hook(int, _int)
converter.register_structure_hook(datetime.date, _date)
converter.register_structure_hook(Diagnostic, _structure_diagnostic)
converter.register_structure_hook(Section, make_dict_structure_fn(Section, converter, line=override(omit=True)))


def _count(value: Any) -> int | None:
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise ValueError("is not a count")


def _money(value: Any) -> Decimal | None:
    """Money as written (a string holding the decimal); a JSON number is taken as printed."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError("is not an amount")
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise ValueError("is not an amount") from None


def _rows(data: Mapping[str, Any], table: str) -> Mapping[str, Mapping[str, Any]]:
    """The rows of ``table`` in ``data``, each an object (a row written null is ``{}``)."""
    rows = data.get(table) or {}
    if not isinstance(rows, Mapping):
        raise ValueError(f"$.{table} is not an object")
    for key, row in rows.items():
        if row is not None and not isinstance(row, Mapping):
            raise ValueError(f"$.{table}.{key} is not an object")
    return {key: row or {} for key, row in rows.items()}


def _cells(row: Mapping[str, Any], read: Mapping[str, Any], where: str) -> dict[str, Any]:
    """The cells of ``row``, each column read by its reader in ``read``."""
    cells = {}
    for column, reader in read.items():
        value = row.get(column)
        try:
            cells[column] = reader(value)
        except ValueError as exc:
            raise ValueError(f"{value!r} at $.{where}.{column} {exc}") from None
    return cells


_COUNTS: Final = {cls: dict.fromkeys(cls.columns, _count) for cls in (RequestRow, AppealGroup)}


def _runs(lines: Sequence[int]) -> str:
    """Line numbers written short, each run of consecutive lines as its ends: ``"6-13,15"``.

    >>> _runs([6, 7, 8, 15, 0, 0])
    '6-8,15,0,0'
    """
    out: list[str] = []
    start = 0
    for i, line in enumerate(lines):
        if i + 1 < len(lines) and line and lines[i + 1] == line + 1:
            continue
        first = lines[start]
        out.append(f"{first}-{line}" if line != first else str(line))
        start = i + 1
    return ",".join(out)


def _lines(data: Mapping[str, Any], table: str, keys: Sequence[Any]) -> list[int]:
    """The line of each of ``keys`` (a table's rows as written, the sections) in ``lines``;
    0 for each where none is written (a report built by hand, data of an older version)."""
    written = (data.get("lines") or {}).get(table)
    if written is None:
        return [0] * len(keys)
    lines: list[int] = []
    try:
        for run in str(written).split(",") if written else ():
            first, _, last = run.partition("-")
            lines += range(int(first), int(last or first) + 1)
    except ValueError:
        lines = []
    if len(lines) != len(keys):
        raise ValueError(f"$.lines.{table} is not a line number for each of its {len(keys)}")
    return lines


def _clause_tables(data: Mapping[str, Any], template: Template) -> ClauseTables:
    rows = _rows(data, "proactive")
    lines = dict(zip(rows, _lines(data, "proactive", list(rows)), strict=True))
    items = {}
    for spec in template.proactive:
        row = rows.get(spec.key, {})
        read = {c.key: _money if c.kind == "money" else _count for c in spec.columns}
        values: dict[str, Value] = _cells(row, read, f"proactive.{spec.key}")
        items[spec.key] = ClauseItem(spec.key, values, row.get("unit"), lines.get(spec.key, 0))
    return ClauseTables(items)


def _matrix(data: Mapping[str, Any], template: Template) -> ApplicantMatrix:
    rows = _rows(data, "requests")
    lines = dict(zip(rows, _lines(data, "requests", list(rows)), strict=True))
    return ApplicantMatrix({key: RequestRow(**_cells(rows.get(key, {}), _COUNTS[RequestRow], f"requests.{key}"),
                                            line=lines.get(key, 0))
                            for key in template.request_keys})


def _appeals(data: Mapping[str, Any]) -> Appeals:
    rows = _rows(data, "appeals")
    lines = dict(zip(rows, _lines(data, "appeals", list(rows)), strict=True))
    return Appeals(**{group: AppealGroup(**_cells(rows.get(group, {}), _COUNTS[AppealGroup],
                                                  f"appeals.{group}"), line=lines.get(group, 0))
                      for group in Appeals()})


def _structured(data: Any, cls: Any, path: str) -> Any:
    """``data`` structured as ``cls``; what is wrong with it said at ``path`` (``$.meta.year``)."""
    try:
        return converter.structure(data, cls)
    except cattrs.BaseValidationError as exc:
        raise ValueError("; ".join(cattrs.transform_error(exc, path=path))) from None


def _report(data: Mapping[str, Any], _: type) -> Report:
    meta: Meta = _structured(data.get("meta") or {}, Meta, "$.meta")
    template = TEMPLATES[meta.template or template_for(meta.year)]
    # A diagnostic of a summary (a code and its count) says too little to be one again.
    written = data.get("diagnostics") or ()
    diagnostics = _structured([d for d in written if not isinstance(d, Mapping) or "count" not in d],
                              tuple[Diagnostic, ...], "$.diagnostics")
    sections: tuple[Section, ...] = _structured(data.get("sections") or [], tuple[Section, ...], "$.sections")
    sections = tuple(attrs.evolve(section, line=line)
                     for section, line in zip(sections, _lines(data, "sections", sections), strict=True))
    source = data.get("source")
    if source is not None and not isinstance(source, str):
        raise ValueError("$.source is not a string")
    return Report(meta, sections, _clause_tables(data, template), _matrix(data, template), _appeals(data),
                  diagnostics, {key: _status(data, key) for key in template.cell_keys}, source=source)


def _status(data: Mapping[str, Any], key: str) -> CellStatus:
    status = status_of(data, key)
    for known in STATUSES:
        if status == known:
            return known
    raise ValueError(f"no cell status {status!r} (of {key})")


converter.register_structure_hook(Report, _report)


def from_dict(data: Mapping[str, Any]) -> Report:
    """The report ``data`` holds: :func:`to_dict`'s data, or a line of ``gkreport parse --out``
    read as JSON. Data that is no report's raises :class:`~gkreport.errors.RecordError`
    saying where.

    >>> from pathlib import Path
    >>> import gkreport
    >>> report = gkreport.parse(Path("tests/data/000_cf9562a21e5519b3.txt"))
    >>> from_dict(to_dict(report)) == report
    True
    >>> from_dict({"meta": {"year": "2020"}})
    Traceback (most recent call last):
    gkreport.errors.RecordError: not a report's data: invalid value for type, expected int | None @ $.meta.year
    """
    if not isinstance(data, Mapping):
        raise RecordError(f"not a report's data: a {type(data).__name__}, not an object")
    try:
        return converter.structure(data, Report)
    except (ValueError, TypeError, AttributeError) as exc:
        raise RecordError(f"not a report's data: {exc}") from None
    except KeyError as exc:
        raise RecordError(f"not a report's data: no {exc.args[0]!r}") from None


def _as_printed(value: object) -> str:
    """The status of a cell of a report built by hand (it has none recorded)."""
    return "read" if value is not None else "blank"


#: The statuses of a cell that holds a number; the others are of a None.
_OF_A_NUMBER: Final = frozenset(("read", *DERIVED))
#: What ``status`` leaves unsaid: a number is read, a None lost.
_IMPLIED: Final = {True: "read", False: "lost"}


def status_of(record: Mapping[str, Any], key: str) -> str:
    """The status of cell ``key`` (``"requests.granted.total"``) in ``record``, a report's
    :func:`to_dict` (or a line of ``gkreport parse --out``): ``lost`` if its row is left out;
    else the status ``record["status"]`` names for the cell, else for its row, else for its
    table, of those that fit the cell (a number's status for a number, a None's for a
    None); else ``read`` for a number and ``lost`` for a None.

    >>> record = {"requests": {"granted": {"total": 3, "other": None}}, "appeals": {},
    ...           "status": {"requests": "blank", "requests.granted": "recovered"}}
    >>> [status_of(record, k) for k in ("requests.granted.total", "requests.granted.other",
    ...                                 "requests.total.total", "appeals.review.total")]
    ['recovered', 'blank', 'lost', 'lost']
    """
    table, _, rest = key.partition(".")
    row, _, column = rest.rpartition(".")
    rows = record.get(table) or {}
    if "status" in record and row not in rows:
        return "lost"  # a row the copy holds none of is left out
    found = (rows.get(row) or {}).get(column)
    number = found is not None
    said: Mapping[str, str] = record.get("status") or {}
    for wider in (key, f"{table}.{row}", table):
        status = said.get(wider)
        if status is not None and (status in _OF_A_NUMBER) == number:
            return status
    return _IMPLIED[number]


def _name_statuses(said: dict[str, str], key: str, node: Any, of: Mapping[str, tuple[bool, str]],
                   unsaid: dict[bool, str]) -> None:
    """Name in ``said`` the statuses the values under ``key`` leave ``unsaid`` (by kind: a
    number's, a None's), each at the widest key whose cells of that kind share it: the
    table, a row, a cell. ``node`` is a cell's key, or a mapping of child key -> node."""
    cells = list(_leaves(key, node))
    unsaid = dict(unsaid)
    for number in (False, True):  # a None's status first: a copy's blanks fill rows
        found = {of[cell][1] for cell in cells if of[cell][0] == number}
        if len(found) == 1 and (status := found.pop()) != unsaid[number]:
            if key in said or isinstance(node, str):
                continue
            said[key] = unsaid[number] = status
    if isinstance(node, str):
        number, status = of[node]
        if status != unsaid[number]:
            said[node] = status
        return
    for child, below in node.items():
        _name_statuses(said, child, below, of, unsaid)


def _leaves(key: str, node: Any) -> Any:
    if isinstance(node, str):
        yield node
    else:
        for child, below in node.items():
            yield from _leaves(child, below)


def to_dict(report: Report, *, diagnostics: Detail = "full") -> dict[str, Any]:
    """``report`` as JSON-ready data (see the module docstring for its shape).

    >>> from pathlib import Path
    >>> import gkreport
    >>> data = to_dict(gkreport.parse(Path("tests/data/000_cf9562a21e5519b3.txt")), diagnostics="summary")
    >>> data["requests"]["total"], data["status"]["requests.total.commercial"]
    ({'natural_person': 4, 'commercial': 0, 'research': 0, 'social_welfare': 0, 'legal_services': 0, \
'other': 0, 'total': 4}, 'recovered')
    >>> data["diagnostics"][0]
    {'code': 'header-scrambled', 'severity': 'info', 'count': 1}
    """
    data: dict[str, Any] = converter.unstructure(report)
    statuses = data.pop("statuses")
    if diagnostics == "none":
        del data["diagnostics"]
    elif diagnostics == "summary":
        counts = collections.Counter(d.code for d in report.diagnostics)
        data["diagnostics"] = [{"code": code, "severity": CODES[code].severity, "count": n}
                               for code, n in counts.items()]
    said: dict[str, str] = {}
    lines = {"sections": _runs([section.line for section in report.sections])}
    for table in ("proactive", "requests", "appeals"):
        rows = data[table]
        tree = {f"{table}.{row}": {f"{table}.{row}.{c}": f"{table}.{row}.{c}" for c in values if c != "unit"}
                for row, values in rows.items()}
        of = {key: (value is not None, statuses.get(key) or _as_printed(value))
              for row, values in rows.items() for column, value in values.items() if column != "unit"
              for key in [f"{table}.{row}.{column}"]}
        # A row the copy holds none of is left out (its cells are lost, whatever ``status``
        # names for its table); one printed without a number is null (``status`` says why).
        kept = [row for row in rows if any(of[key][1] != "lost" for key in tree[f"{table}.{row}"])]
        data[table] = {row: rows[row] if "unit" in rows[row] or any(v is not None for v in rows[row].values())
                       else None for row in kept}
        _name_statuses(said, table, {f"{table}.{row}": tree[f"{table}.{row}"] for row in kept}, of, _IMPLIED)
        lines[table] = _runs([getattr(report, table)[row].line for row in kept])
    # The statuses and lines beside the tables, before the diagnostics.
    lines = {part: runs for part, runs in lines.items() if runs.strip("0,")}  # none for a report built by hand
    data = {**{k: v for k, v in data.items() if k != "diagnostics"}, "status": said,
            **({"lines": lines} if lines else {}),
            **({"diagnostics": data["diagnostics"]} if "diagnostics" in data else {})}
    return data
