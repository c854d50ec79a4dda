"""Stage 7, export: the report as JSON-ready data, through a cattrs converter.

Shape of :func:`to_dict` (keys as ``vocabulary.md``):

* ``meta``: title, organ, year, template, document_number, … (dates as ISO strings);
* ``sections``: a list of ``{key, heading, paragraphs}``;
* ``proactive``: item key -> ``{column key: value}``, plus ``unit`` where one is stated;
* ``requests``: *flat* dotted row keys (``"denied.state_secret"``) -> ``{column key: value}``;
* ``appeals``: group key -> ``{column key: value}``;
* ``diagnostics``: a list of ``{code, severity, message, line, column, source}``.

Counts are JSON integers; money is a JSON string holding the exact decimal (``"24252.311082"``),
so no float ever touches it; a blank cell is ``null``.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import cattrs
from cattrs.gen import make_dict_unstructure_fn, override

from .diagnostics import Diagnostic
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


def to_dict(report: Report) -> dict[str, Any]:
    """``report`` as JSON-ready data (see the module docstring for its shape)."""
    data: dict[str, Any] = converter.unstructure(report)
    return data
