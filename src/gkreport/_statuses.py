"""How each cell was obtained: the statuses the model builder records as it fits rows.

Part of stage 5. :mod:`gkreport._tables` says, for each row it fits, how each of the row's
cells came to be (:data:`~gkreport.model.CellStatus`); a cell that no row filled is
``lost``. The rows and tables lost whole are named here, as errors (``row-lost``,
``table-lost``): their numbers are gone, and a dataset must not take their None for a blank.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from .diagnostics import Diagnostic, span
from .model import CellStatus, Section
from .template import APPEAL_COLUMNS, APPEAL_GROUPS, APPLICANT_COLUMNS, Template

__all__ = ["Ledger", "as_printed"]

# The lost rows a message names; its ``cells`` name them all.
_NAMED = 2
# What the diagnostics call each table.
_TABLE_NAMES = {"proactive": "二's clause tables", "requests": "三's matrix", "appeals": "四's review and "
                "litigation table"}
_NONE = type(None)


def as_printed(values: Iterable[Decimal | None], how: CellStatus = "read") -> tuple[CellStatus, ...]:
    """The statuses of a row's ``values`` as fitted: a number ``how`` it was obtained, a None
    a blank (the row printed it empty, with a dash or as text).

    >>> as_printed([Decimal(1), None])
    ('read', 'blank')
    """
    values = tuple(values)
    # Most rows: every cell a number. Asked of the cells' types: ``None in values`` compares
    # None with each Decimal, which asks the numbers ABCs what None is (slow).
    if _NONE not in map(type, values):
        return (how,) * len(values)
    return tuple(how if v is not None else "blank" for v in values)


class Ledger:
    """The statuses of a report's cells, row by row, as the model builder fits them."""

    __slots__ = ("bare", "of", "template")

    def __init__(self, template: Template) -> None:
        self.template = template
        self.of: dict[str, CellStatus] = {}
        #: The tables whose labels stood without one cell (see :meth:`labels_alone`).
        self.bare: set[str] = set()

    def record(self, table: str, row: str, columns: Sequence[str], statuses: Sequence[CellStatus]) -> None:
        """The statuses of a row's cells, in the order of ``columns``."""
        self.of.update(zip(_keys(table, row, tuple(columns)), statuses, strict=True))

    def labels_alone(self, table: str) -> None:
        """``table`` printed its labels and not one cell, not even an empty one or a dash: its
        numbers were lost with the copy (a table that was a picture, a crawler that kept only
        the labels), and its rows' Nones are lost, not blank. (One row printed bare among
        rows with numbers is the body's: blank.)"""
        self.bare.add(table)
        prefix = f"{table}."
        for key, status in self.of.items():
            if key.startswith(prefix) and status == "blank":
                self.of[key] = "lost"

    def statuses(self) -> dict[str, CellStatus]:
        """Every cell of the template, in template order: those no row filled ``lost``."""
        statuses: dict[str, CellStatus] = dict.fromkeys(self.template.cell_keys, "lost")
        statuses.update(self.of)  # every key recorded is the template's: the order holds
        return statuses

    def losses(self, statuses: Mapping[str, CellStatus], sections: Sequence[Section],
               truncated: Diagnostic | None) -> list[Diagnostic]:
        """``row-lost`` for the rows lost from a table, ``table-lost`` for the tables none of
        whose numbers the copy holds (one diagnostic for them all, but a table of bare labels):
        each at its table's section heading, where there is one. ``statuses`` is
        :meth:`statuses`."""
        if "lost" not in set(statuses.values()):
            return []  # a whole report: nothing lost (the common case, made cheap)
        cut = f", the copy cut short at line {truncated.line}" if truncated is not None else ""
        found: list[Diagnostic] = []
        gone: list[tuple[str, tuple[int, int, str]]] = []
        for table, rows in _rows(self.template).items():
            lost = [row for row, columns in rows.items()
                    if all(statuses[key] == "lost" for key in _keys(table, row, columns))]
            if not lost:
                continue
            heading = next((s for s in sections if s.key == table), None)
            where = (heading.line, 1, span(heading.heading, 1)) if heading is not None else (0, 0, "")
            name = _TABLE_NAMES[table]
            if len(lost) < len(rows):
                more = f" and {len(lost) - _NAMED} more" if len(lost) > _NAMED else ""
                named = ", ".join(lost[:_NAMED]) + more
                found.append(Diagnostic("row-lost", f"{name}: {len(lost)} of {len(rows)} rows hold no "
                                        f"number of the copy ({named}){cut}",
                                        *where, tuple(f"{table}.{key}" for key in _by_group(lost, rows))))
            elif table in self.bare:
                found.append(Diagnostic("table-lost", f"{name}: its labels stand without one number or "
                                        f"mark{cut}", *where, (table,)))
            else:
                gone.append((table, where))
        if gone:
            names = " and ".join(_TABLE_NAMES[table] for table, _ in gone)
            their = "its" if len(gone) == 1 else "their"
            found.append(Diagnostic("table-lost", f"{names}: the copy holds none of {their} numbers{cut}",
                                    *gone[0][1], tuple(table for table, _ in gone)))
        return found


@functools.cache
def _keys(table: str, row: str, columns: tuple[str, ...]) -> tuple[str, ...]:
    """The keys of a row's cells (made once: every report records every row)."""
    return tuple(f"{table}.{row}.{column}" for column in columns)


@functools.cache
def _rows(template: Template) -> dict[str, dict[str, tuple[str, ...]]]:
    """Each table's rows, each with its columns."""
    applicants = tuple(c.key for c in APPLICANT_COLUMNS)
    appeals = tuple(c.key for c in APPEAL_COLUMNS)
    return {"proactive": {i.key: tuple(c.key for c in i.columns) for i in template.proactive},
            "requests": dict.fromkeys(template.request_keys, applicants),
            "appeals": {group: appeals for group, _ in APPEAL_GROUPS}}


def _by_group(lost: Sequence[str], rows: Iterable[str]) -> list[str]:
    """The ``lost`` rows, a group's (``denied.state_secret`` … ``denied.administrative_query``)
    named by the group's key (``denied``) where every row of it is lost: a diagnostic's key
    names every cell under it."""
    groups: dict[str, list[str]] = {}
    for row in rows:
        if "." in row:
            groups.setdefault(row.split(".")[0], []).append(row)
    out: list[str] = []
    for row in lost:
        group = row.split(".")[0]
        if group in groups and all(r in lost for r in groups[group]):
            if group not in out:
                out.append(group)
        else:
            out.append(row)
    return out
