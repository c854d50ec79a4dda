"""How each cell was obtained: the statuses the model builder records as it fits rows.

Part of stage 5. :mod:`gkreport.tables` says, for each row it fits, how each of the row's
cells came to be (:data:`~gkreport.model.CellStatus`); a cell that no row filled is
``lost``. The rows and tables lost whole are named here, as errors (``row-lost``,
``table-lost``): their numbers are gone, and a dataset must not take their None for a blank.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from .diagnostics import Diagnostic, span
from .model import CellStatus, Section
from .template import APPEAL_COLUMNS, APPEAL_GROUPS, APPLICANT_COLUMNS, Template

__all__ = ["Ledger", "as_printed"]

# The lost rows a message names; its ``cells`` name them all.
_NAMED = 4
# What the diagnostics call each table.
_TABLE_NAMES = {"proactive": "二's clause tables", "requests": "三's matrix", "appeals": "四's review and "
                "litigation table"}


def as_printed(values: Iterable[Decimal | None], how: CellStatus = "read") -> tuple[CellStatus, ...]:
    """The statuses of a row's ``values`` as fitted: a number ``how`` it was obtained, a None
    a blank (the row printed it empty, with a dash or as text).

    >>> as_printed([Decimal(1), None])
    ('read', 'blank')
    """
    return tuple(how if v is not None else "blank" for v in values)


class Ledger:
    """The statuses of a report's cells, row by row, as the model builder fits them."""

    __slots__ = ("of", "template")

    def __init__(self, template: Template) -> None:
        self.template = template
        self.of: dict[str, CellStatus] = {}

    def record(self, table: str, row: str, columns: Sequence[str], statuses: Sequence[CellStatus]) -> None:
        """The statuses of a row's cells, in the order of ``columns``."""
        for column, status in zip(columns, statuses, strict=True):
            self.of[f"{table}.{row}.{column}"] = status

    def statuses(self) -> dict[str, CellStatus]:
        """Every cell of the template, in template order: those no row filled ``lost``."""
        return {key: self.of.get(key, "lost") for key in self.template.cell_keys}

    def losses(self, sections: Sequence[Section], truncated: Diagnostic | None) -> list[Diagnostic]:
        """``table-lost`` for each table none of whose rows was found, ``row-lost`` for the
        rows lost from the others: at the table's section heading, where there is one."""
        statuses = self.statuses()
        found: list[Diagnostic] = []
        for table, rows in self._rows().items():
            lost = [row for row, columns in rows.items()
                    if all(statuses[f"{table}.{row}.{c}"] == "lost" for c in columns)]
            if not lost:
                continue
            heading = next((s for s in sections if s.key == table), None)
            where = (heading.line, 1, span(heading.heading, 1)) if heading is not None else (0, 0, "")
            cut = (f"; the copy is cut short (line {truncated.line})" if truncated is not None else "")
            name = _TABLE_NAMES[table]
            if len(lost) == len(rows):
                found.append(Diagnostic("table-lost", f"{name}: no row was found{cut}; its cells are None",
                                        *where, (table,)))
            else:
                more = f" and {len(lost) - _NAMED} more" if len(lost) > _NAMED else ""
                named = ", ".join(lost[:_NAMED]) + more
                found.append(Diagnostic("row-lost", f"{name}: {len(lost)} of {len(rows)} rows were not "
                                        f"found ({named}){cut}; their cells are None",
                                        *where, tuple(f"{table}.{row}" for row in lost)))
        return found

    def _rows(self) -> dict[str, dict[str, tuple[str, ...]]]:
        applicants = tuple(c.key for c in APPLICANT_COLUMNS)
        appeals = tuple(c.key for c in APPEAL_COLUMNS)
        return {"proactive": {i.key: tuple(c.key for c in i.columns) for i in self.template.proactive},
                "requests": dict.fromkeys(self.template.request_keys, applicants),
                "appeals": {group: appeals for group, _ in APPEAL_GROUPS}}
