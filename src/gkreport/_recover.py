"""Fitting a row's cells to the template's columns, and recovering lost cells by arithmetic.

A copy may lose a cell (a merged cell flattened away) or pad a row with empty cells that
belong to the layout. :func:`fit` decides which cells are the row's; when cells are lost
and their position is unknown it returns every placement, and :func:`resolve` keeps the
placements the template's identities (:mod:`gkreport._arithmetic`) allow. A value is only
recovered when exactly one reading survives; otherwise the row stays None and a diagnostic
names the printed values.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import NamedTuple

import attrs

from ._arithmetic import Sum, solve_for

__all__ = ["LOST", "Fit", "Resolved", "fit", "resolve", "solve_sums"]

Num = Decimal | None
#: A lost cell in a candidate reading, distinct from a blank (None) cell.
LOST = object()


@attrs.frozen
class Fit:
    """How a row's cells fit ``n`` columns."""

    values: tuple[Num, ...] | None  # the reading, when there is one
    candidates: tuple[tuple[object, ...], ...] = ()  # readings with LOST cells
    extra: bool = False  # more numbers than columns


def fit(cells: Sequence[Num], n: int) -> Fit:
    """Fit cells (numbers, or None for an empty cell) to ``n`` columns.

    All the numbers, when there are exactly ``n``; else the cells as printed, when there are
    ``n``; else the span from the first number to the last. Fewer than ``n`` gives every
    placement of the lost cells as ``candidates``; more numbers than ``n`` gives ``extra``.

    >>> fit([Decimal(1), Decimal(2)], 2).values
    (Decimal('1'), Decimal('2'))
    >>> len(fit([Decimal(1)], 2).candidates)
    2
    """
    numbers = [c for c in cells if isinstance(c, Decimal)]
    if not numbers:
        return Fit((None,) * n)
    if len(numbers) == n:
        return Fit(tuple(numbers))
    if len(numbers) > n:
        return Fit(None, extra=True)
    if len(cells) == n:
        return Fit(tuple(c if isinstance(c, Decimal) else None for c in cells))
    first = next(i for i, c in enumerate(cells) if isinstance(c, Decimal))
    last = max(i for i, c in enumerate(cells) if isinstance(c, Decimal))
    inner = [c if isinstance(c, Decimal) else None for c in cells[first:last + 1]]
    if len(inner) == n:
        return Fit(tuple(inner))
    if len(inner) > n:
        return Fit(None, extra=True)
    lost = n - len(inner)
    candidates = []
    for positions in itertools.combinations(range(n), lost):
        row: list[object] = []
        source = iter(inner)
        for i in range(n):
            row.append(LOST if i in positions else next(source))
        candidates.append(tuple(row))
    return Fit(None, tuple(candidates))


def solve_sums(sums: Sequence[Sum], row: list[object]) -> list[object] | None:
    """Fill, sum by sum (:func:`gkreport._arithmetic.row_sums`), the one LOST cell of each sum
    of ``row`` whose other cells are numbers; None if a filled cell would be negative (no
    count is). Cells that cannot be solved stay LOST.

    >>> solve_sums([((0, 1), 2)], [Decimal(2), LOST, Decimal(5)])
    [Decimal('2'), Decimal('3'), Decimal('5')]
    """
    for total in sums:
        parts, at = total
        indices = (*parts, at)
        lost = [i for i in indices if row[i] is LOST]
        if len(lost) != 1 or any(row[i] is None for i in indices):
            continue
        value = solve_for(total, row, lost[0])
        if value < 0:
            return None
        row = list(row)
        row[lost[0]] = value
    return row


class Resolved(NamedTuple):
    """The one reading the identities allow, and the positions of the lost cells it filled."""

    values: tuple[Num, ...]
    lost: frozenset[int]


def resolve(
    candidates: Sequence[tuple[object, ...]],
    solve: Callable[[list[object]], list[object] | None],
    accept: Callable[[tuple[Num, ...]], bool] = lambda _: True,
) -> Resolved | None:
    """The one reading that the identities allow, or None if there are none or several.

    >>> resolve([(Decimal(2), LOST, Decimal(5))], lambda row: solve_sums([((0, 1), 2)], row))
    Resolved(values=(Decimal('2'), Decimal('3'), Decimal('5')), lost=frozenset({1}))
    """
    readings: dict[tuple[Num, ...], frozenset[int]] = {}
    for candidate in candidates:
        solved = solve(list(candidate))
        if solved is None or any(v is LOST for v in solved):
            if solved is not None:
                return None  # a cell stays unknown in some reading: cannot decide
            continue
        reading: tuple[Num, ...] = tuple(solved)  # type: ignore[arg-type]
        if accept(reading):
            # Two placements may give one reading: a cell either filled is said recovered.
            lost = frozenset(i for i, v in enumerate(candidate) if v is LOST)
            readings[reading] = readings.get(reading, frozenset()) | lost
    if len(readings) == 1:
        return Resolved(*readings.popitem())
    return None
