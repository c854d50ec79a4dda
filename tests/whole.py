"""A report's JSON with every row whole: the tests compare tables cell by cell, and
``to_dict`` leaves out the rows the copy holds none of, and prints a row without a number as
``null``."""

from __future__ import annotations

from typing import Any

import attrs

import gkreport
from gkreport import Appeals, Report
from gkreport.template import APPEAL_COLUMNS, APPLICANT_COLUMNS, TEMPLATES, template_for


def whole(report: Report) -> dict[str, Any]:
    """``gkreport.to_dict(report)`` with the rows it leaves out (not in the copy) or prints ``null`` (no
    number) as their cells, each None."""
    data = gkreport.to_dict(report)
    template = TEMPLATES[report.meta.template or template_for(report.meta.year)]
    columns = {"requests": [c.key for c in APPLICANT_COLUMNS], "appeals": [c.key for c in APPEAL_COLUMNS]}
    for table in ("proactive", "requests", "appeals"):
        keys = [item.key for item in template.proactive] if table == "proactive" else (
            list(template.request_keys) if table == "requests" else list(attrs.fields_dict(Appeals)))
        rows = data[table]
        for row in keys:  # in template order, as to_dict gives them
            if rows.get(row) is None:
                item = template.proactive_item(row)
                rows[row] = dict.fromkeys([c.key for c in item.columns] if item is not None else columns[table])
        data[table] = {row: rows[row] for row in keys}
    return data
