"""A report's JSON with every row whole: the tests compare tables cell by cell, and
``to_dict`` prints a row or table with no number as ``null``."""

from __future__ import annotations

from typing import Any

import attrs

from gkreport import Appeals, Report
from gkreport.template import APPEAL_COLUMNS, APPLICANT_COLUMNS, TEMPLATES, template_for


def whole(report: Report) -> dict[str, Any]:
    """``report.to_dict()``, each ``null`` table and row as its cells, each None."""
    data = report.to_dict()
    template = TEMPLATES[report.meta.template or template_for(report.meta.year)]
    columns = {"requests": [c.key for c in APPLICANT_COLUMNS], "appeals": [c.key for c in APPEAL_COLUMNS]}
    for table in ("proactive", "requests", "appeals"):
        if data[table] is None:  # a table with no number
            keys = [item.key for item in template.proactive] if table == "proactive" else (
                template.request_keys if table == "requests" else list(attrs.fields_dict(Appeals)))
            data[table] = dict.fromkeys(keys)
        for row, cells in data[table].items():
            if cells is None:
                item = template.proactive_item(row)
                keys = [c.key for c in item.columns] if item is not None else columns[table]
                data[table][row] = dict.fromkeys(keys)
    return data
