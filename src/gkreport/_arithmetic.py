"""The template's arithmetic (勾稽关系), derived once from :mod:`gkreport.template`.

Every identity of a template is an :class:`Identity`: the cells, as (row key, column key),
whose sum on the left equals the sum on the right, and the diagnostic code that names it:

* ``sum-row``: each applicant-matrix row's 总计 is the sum of its six applicant columns;
* ``balance``: column by column, 新收 + 上年结转 = 总计 + 结转下年度 (:data:`BALANCE_ROWS`);
* ``sum-outcomes``: column by column, (七) 总计 is the sum of the outcome rows;
* ``sum-appeals``: each review or litigation group's 总计 is the sum of its four results.

A sum's parts stand on the left and its total on the right. The model builder's lost-cell
recovery, the run-together solver (:mod:`gkreport._unglue`), the validator and the audit all
read the identities from here; none of them spells out a sum of its own. Where a table is
held as rows of values (the model builder's, the validator's), :func:`placed` gives the
identities by position; where one printed row is split or filled, :func:`row_sums` gives the
sums inside it.

An identity with a blank cell says nothing (``cannot-check``): a blank is not a zero.

>>> from gkreport.template import TEMPLATES
>>> found = identities(TEMPLATES["2019"])
>>> len(found), found[0].code, found[0].right
(40, 'sum-row', (('new_received', 'total'),))
>>> found[0].evaluate({cell: 1 for cell in found[0].left} | {found[0].right[0]: 6}).status
'holds'
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from decimal import Decimal
from typing import Final, Literal, NamedTuple, Protocol

import attrs

from .template import (
    APPEAL_COLUMNS,
    APPEAL_GROUPS,
    APPLICANT_COLUMNS,
    BALANCE_ROWS,
    OUTCOMES_TOTAL,
    TOTAL_COLUMN,
    Column,
    Template,
)

__all__ = [
    "CODES",
    "Cell",
    "Code",
    "Identity",
    "Number",
    "Placed",
    "Rows",
    "Status",
    "Sum",
    "Values",
    "Verdict",
    "between_rows",
    "identities",
    "placed",
    "row_sums",
    "solve_for",
    "table_rows",
    "touching",
]

Number = int | Decimal
Code = Literal["sum-row", "balance", "sum-outcomes", "sum-appeals"]
Status = Literal["holds", "fails", "cannot-check"]
Table = Literal["requests", "appeals"]
#: A cell of a table: (row key, column key).
Cell = tuple[str, str]


class Values(Protocol):
    """The cells as the identities read them: ``get`` a cell's value, None where it is blank
    (a dict of cells is one)."""

    def get(self, cell: Cell, /) -> Number | None: ...


#: A table as its rows in template order (:func:`table_rows`), each its values in column
#: order, or None for a row not read (all blank).
Rows = Sequence[Sequence[Number | None] | None]
#: A sum within one printed row, by position: (the parts' positions, the total's position).
Sum = tuple[tuple[int, ...], int]

#: The codes of the identities.
CODES: Final[tuple[Code, ...]] = ("sum-row", "balance", "sum-outcomes", "sum-appeals")


@attrs.frozen
class Verdict:
    """An identity evaluated: ``holds``, ``fails``, or ``cannot-check`` (a cell is blank);
    the sums of its two sides where every cell is known."""

    status: Status
    left: Number | None = None
    right: Number | None = None


@attrs.frozen(cache_hash=True)  # the solver caches what it derives from a table's identities
class Identity:
    """The cells whose sum on the ``left`` equals the sum on the ``right``.

    ``subject`` is what the identity is about, as the diagnostics name it: the row of a
    ``sum-row`` or ``sum-appeals``, the column of a ``balance`` or ``sum-outcomes``.
    """

    code: Code
    table: Table
    subject: str
    left: tuple[Cell, ...]
    right: tuple[Cell, ...]

    @property
    def cells(self) -> tuple[Cell, ...]:
        """Every cell, the left side's first."""
        return self.left + self.right

    @property
    def rows(self) -> frozenset[str]:
        """The rows the identity reads."""
        return frozenset(row for row, _ in self.cells)

    def evaluate(self, values: Values) -> Verdict:
        """Whether the identity holds on ``values`` (a blank cell: it cannot be checked)."""
        left = _sum(self.left, values)
        return _verdict(left, _sum(self.right, values) if left is not None else None)

    def weigh(self, values: Sequence[Number | None]) -> Verdict:
        """As :meth:`evaluate`, on the values of :attr:`cells` in their order (as the audit
        holds them, with their evidence)."""
        n = len(self.left)
        left = _total(values[:n])
        return _verdict(left, _total(values[n:]) if left is not None else None)

    def place(self, rows: Sequence[str], columns: Sequence[str]) -> Placed:
        """The identity over a table held as its ``rows`` in order, each its values in the
        order of ``columns``."""
        row_at = {row: r for r, row in enumerate(rows)}
        column_at = {column: c for c, column in enumerate(columns)}
        return Placed(self, *(tuple((row_at[row], column_at[column]) for row, column in side)
                              for side in (self.left, self.right)))


@attrs.frozen
class Placed:
    """An identity over a table held as the model builder and the validator hold it, rows of
    values (:data:`Rows`, see :func:`table_rows`): each cell is (the row's position, the
    column's position)."""

    identity: Identity
    left: tuple[tuple[int, int], ...]
    right: tuple[tuple[int, int], ...]

    def evaluate(self, rows: Rows) -> Verdict:
        """As :meth:`Identity.evaluate`."""
        left = _sum_on_rows(self.left, rows)
        return _verdict(left, _sum_on_rows(self.right, rows) if left is not None else None)

    def on_row(self, rows: Rows, at: int) -> RowCheck | None:
        """The identity as a check of readings of row ``at`` alone, the other rows of ``rows``
        summed once; None if a cell of another row is blank (the identity allows anything).

        >>> identity = Identity("sum-row", "requests", "c", (("a", "x"), ("b", "x")), (("c", "x"),))
        >>> check = identity.place(["a", "b", "c"], ["x"]).on_row([[1], None, [3]], 1)
        >>> check.allows((2,)), check.allows((5,)), check.allows((None,))
        (True, False, True)
        """
        difference: Number = 0
        mine: list[tuple[int, int]] = []
        for sign, side in ((1, self.left), (-1, self.right)):
            for r, c in side:
                if r == at:
                    mine.append((sign, c))
                    continue
                values = rows[r]
                if values is None or (value := values[c]) is None:
                    return None
                difference += sign * value
        return RowCheck(difference, tuple(mine))


class RowCheck(NamedTuple):
    """An identity over one row's readings, the other rows' cells already summed: the lost-cell
    recovery tries every reading of a damaged row against it."""

    #: The other rows' cells, summed with their signs (left +, right -).
    others: Number
    #: The row's own cells in the identity: (sign, column).
    cells: tuple[tuple[int, int], ...]

    def allows(self, reading: Sequence[Number | None]) -> bool:
        """False only if the identity fails on ``reading``: a blank cell allows anything."""
        difference = self.others
        for sign, c in self.cells:
            value = reading[c]
            if value is None:
                return True
            difference += sign * value
        return difference == 0


def _verdict(left: Number | None, right: Number | None) -> Verdict:
    if left is None or right is None:
        return Verdict("cannot-check")
    return Verdict("holds" if left == right else "fails", left, right)


def _total(values: Sequence[Number | None]) -> Number | None:
    total: Number = 0
    for value in values:
        if value is None:
            return None
        total += value
    return total


def _sum_on_rows(cells: tuple[tuple[int, int], ...], rows: Rows) -> Number | None:
    total: Number = 0
    for r, c in cells:
        values = rows[r]
        value = values[c] if values is not None else None
        if value is None:
            return None
        total += value
    return total


def _sum(cells: tuple[Cell, ...], values: Values) -> Number | None:
    total: Number = 0
    get = values.get
    for cell in cells:
        value = get(cell)
        if value is None:
            return None
        total += value
    return total


# -- the identities of a template -----------------------------------------------------------


def _row_sum(code: Code, table: Table, row: str, columns: Sequence[Column]) -> Identity:
    """A row's total column is the sum of its other columns."""
    parts = tuple((row, c.key) for c in columns if c.key != TOTAL_COLUMN)
    return Identity(code, table, row, parts, ((row, TOTAL_COLUMN),))


@functools.cache
def identities(template: Template) -> tuple[Identity, ...]:
    """Every identity of ``template``: each matrix row's sum; column by column the balance
    and the outcomes' sum; each appeals group's sum (the order the diagnostics come in)."""
    found = [_row_sum("sum-row", "requests", key, APPLICANT_COLUMNS) for key in template.request_keys]
    (new, over), (total, forward) = BALANCE_ROWS
    for column in (c.key for c in APPLICANT_COLUMNS):
        found.append(Identity("balance", "requests", column, ((new, column), (over, column)),
                              ((total, column), (forward, column))))
        found.append(Identity("sum-outcomes", "requests", column,
                              tuple((key, column) for key in template.outcome_keys),
                              ((OUTCOMES_TOTAL, column),)))
    found += [_row_sum("sum-appeals", "appeals", key, APPEAL_COLUMNS) for key, _ in APPEAL_GROUPS]
    return tuple(found)


def table_rows(template: Template, table: Table) -> tuple[str, ...]:
    """The rows of ``table`` in the order :data:`Rows` holds them: the matrix's in template
    order, the appeals groups in theirs."""
    return template.request_keys if table == "requests" else tuple(key for key, _ in APPEAL_GROUPS)


#: The columns of each table's rows, in order.
_COLUMNS: Final[dict[Table, tuple[str, ...]]] = {
    "requests": tuple(c.key for c in APPLICANT_COLUMNS),
    "appeals": tuple(c.key for c in APPEAL_COLUMNS),
}


@functools.cache
def placed(template: Template) -> tuple[Placed, ...]:
    """The identities of ``template`` placed on their table's :data:`Rows`."""
    return tuple(i.place(table_rows(template, i.table), _COLUMNS[i.table]) for i in identities(template))


@functools.cache
def touching(template: Template, row: str) -> tuple[Placed, ...]:
    """The identities of ``template`` that read a cell of matrix row ``row``, placed."""
    return tuple(p for p in placed(template) if p.identity.table == "requests" and row in p.identity.rows)


@functools.cache
def between_rows(template: Template) -> tuple[Identity, ...]:
    """The matrix identities that tie rows together (balance, the outcomes' sum): the ones
    a row cannot keep by itself. Column by column, the outcomes' sum first: the run-together
    solver narrows its search in this order, and its bound of steps depends on it."""
    found = [i for i in identities(template) if i.table == "requests" and len(i.rows) > 1]
    columns = _COLUMNS["requests"]
    return tuple(sorted(found, key=lambda i: (columns.index(i.subject), i.code != "sum-outcomes")))


@functools.cache
def row_sums(template: Template, cells: tuple[Cell, ...]) -> tuple[Sum, ...]:
    """The sums of ``template`` that lie within one printed row of ``cells``, by position.

    A row of the matrix has its 总计; the appeals table printed as one row of fifteen cells
    has each group's:

    >>> from gkreport.template import TEMPLATES
    >>> row_sums(TEMPLATES["2021"], tuple(("granted", c.key) for c in APPLICANT_COLUMNS))
    (((0, 1, 2, 3, 4, 5), 6),)
    """
    at = {cell: i for i, cell in enumerate(cells)}
    return tuple((tuple(at[c] for c in i.left), at[i.right[0]]) for i in identities(template)
                 if len(i.right) == 1 and all(c in at for c in i.cells))


def solve_for(total: Sum, row: Sequence[object], unknown: int) -> Number:
    """The value the cell at ``unknown`` must take for the sum ``total`` of ``row`` to hold;
    the sum's other cells must be numbers.

    >>> solve_for(((0, 1), 2), [Decimal(2), None, Decimal(5)], 1)
    Decimal('3')
    """
    parts, at = total
    known = sum((_number(row[p]) for p in parts if p != unknown), Decimal(0))
    return known if unknown == at else _number(row[at]) - known


def _number(cell: object) -> Number:
    assert isinstance(cell, int | Decimal), cell
    return cell
