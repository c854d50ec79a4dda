"""Stage 7, export: the report as JSON-ready data, through a cattrs converter.

Shape of :func:`to_dict` (keys as ``vocabulary.md``):

* ``meta``: title, organ, year, template, document_number, … (dates as ISO strings);
* ``sections``: a list of ``{key, heading, paragraphs}``;
* ``proactive``: item key -> ``{column key: value}``, plus ``unit`` where one is stated;
* ``requests``: *flat* dotted row keys (``"denied.state_secret"``) -> ``{column key: value}``;
* ``appeals``: group key -> ``{column key: value}``;
* ``status``: how cells were obtained (:data:`~gkreport.model.CellStatus`), for every cell
  whose status its value does not say: cell key (``"requests.granted.total"``) -> status, or
  row key (``"requests.granted"``) -> status where all the row's cells have that one;
* ``diagnostics``: a list of ``{code, severity, message, line, column, source, cells}``
  (``source`` is the text the diagnostic is about, not its whole line), or with
  ``diagnostics="summary"`` one ``{code, severity, count}`` per code, or with ``"none"`` no key.

Counts are JSON integers; money is a JSON string holding the exact decimal (``"24252.311082"``),
so no float ever touches it; a blank cell is ``null``. A row none of whose cells the copy
holds (every cell ``lost``: a row or table not found, a copy cut short) is ``null`` as a
whole, so a crawler's excerpt does not print two hundred nulls. Hence the two statuses
``status`` leaves out: a number is ``read``, and a cell of a ``null`` row is ``lost``; every
other cell is listed, by itself or by its row (a recovered number, a None that is ``blank``,
``ambiguous`` or ``lost``).
"""

from __future__ import annotations

import collections
import datetime
from decimal import Decimal
from typing import Any

import cattrs
from cattrs.gen import make_dict_unstructure_fn, override

from .diagnostics import CODES, Detail, Diagnostic
from .model import AppealGroup, Appeals, ApplicantMatrix, ClauseItem, Report, RequestRow, Section

__all__ = ["converter", "to_dict"]

converter = cattrs.Converter()
converter.register_unstructure_hook(Decimal, str)
converter.register_unstructure_hook(datetime.date, lambda d: d.isoformat())
for _cls in (RequestRow, AppealGroup, Section):
    converter.register_unstructure_hook(
        _cls, make_dict_unstructure_fn(_cls, converter, line=override(omit=True))
    )
converter.register_unstructure_hook(
    Appeals, make_dict_unstructure_fn(Appeals, converter)
)
converter.register_unstructure_hook(
    ApplicantMatrix, lambda m: {k: converter.unstructure(row) for k, row in m.items()}
)


def _clause_item(item: ClauseItem) -> dict[str, Any]:
    data = {k: converter.unstructure(v) for k, v in item.values.items()}
    if item.unit is not None:
        data["unit"] = item.unit
    return data


converter.register_unstructure_hook(ClauseItem, _clause_item)


_diagnostic_fields = make_dict_unstructure_fn(Diagnostic, converter)


def _diagnostic(d: Diagnostic) -> dict[str, Any]:
    data: dict[str, Any] = _diagnostic_fields(d)
    data["severity"] = d.severity
    return data


converter.register_unstructure_hook(Diagnostic, _diagnostic)


def _as_printed(value: object) -> str:
    """The status of a cell of a report built by hand (it has none recorded)."""
    return "read" if value is not None else "blank"


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
    for table in ("proactive", "requests", "appeals"):
        rows = data[table]
        for row, cells in rows.items():
            found = {f"{table}.{row}.{column}": value for column, value in cells.items() if column != "unit"}
            if statuses and all(statuses[key] == "lost" for key in found):
                rows[row] = None
                continue
            row_said = {key: status for key, value in found.items()
                        if (status := statuses.get(key) or _as_printed(value)) != "read"}
            if len(row_said) == len(found) and len(set(row_said.values())) == 1:
                said[f"{table}.{row}"] = next(iter(row_said.values()))  # one status for the row
            else:
                said.update(row_said)
    # The statuses beside the tables, before the diagnostics.
    data = {**{k: v for k, v in data.items() if k != "diagnostics"}, "status": said,
            **({"diagnostics": data["diagnostics"]} if "diagnostics" in data else {})}
    return data
