"""A matrix whose labels and numbers were printed apart, placed by reading order.

Text extracted from a PDF often keeps a row's label and its numbers apart: the labels of
wrapped rows float as text, and their numbers stand as rows of their own, before or after.
Such a copy shows itself by two signs together: rows of numbers without a label
(:func:`gkreport._line_rules.numbers_apart`), and labels with no numbers at all. Then only
the rows printed whole, label and numbers on one line, are certain; the other rows of
numbers, in reading order, fill the template's remaining rows in template order — when, and
only when, there are exactly as many of them as rows to fill and the template's identities
(:mod:`gkreport._arithmetic`) hold on the rows so placed. Each row so placed gets a
``row-by-order`` diagnostic. Otherwise the uncertain rows are left None and their numbers
named (``value-unassigned``): a number is never guessed into a row.

Where the labels left without numbers were printed in another order than the template's,
that order is a second reading. The identities cannot tell outcome rows apart (any order of
them adds up alike), so where both readings hold and give a row different numbers, that row
is left None and one ``placing-ambiguous`` diagnostic lists both readings: never a silent pick.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import NamedTuple

from ._arithmetic import identities
from ._tokens import RowDraft
from .template import APPLICANT_COLUMNS, Template

__all__ = ["Placed", "place_by_order"]

Say = Callable[[str, str, RowDraft], None]


class Placed(NamedTuple):
    """The matrix's rows, the lines of numbers apart that fill no whole row (loose), and the
    rows that more than one placing fills differently (left None)."""

    rows: list[RowDraft]
    loose: list[RowDraft]
    ambiguous: tuple[str, ...] = ()


def place_by_order(rows: Sequence[RowDraft], template: Template, say: Say) -> Placed:
    """The matrix's rows with those printed apart from their labels placed, if the copy
    printed labels and numbers apart; else ``rows`` as they are. The loose numbers are the
    caller's to place or name.

    ``say(code, message, row)`` records a diagnostic.
    """
    labels = {row.key: row.label for row in template.requests}
    width = len(APPLICANT_COLUMNS)
    apart = [r for r in rows if r.key is None and not r.label]
    if not apart or not any(r.key in labels and not r.group and not r.values for r in rows):
        return Placed(list(rows), [])
    # Labels without numbers carry nothing: their rows are the ones left to fill.
    certain = [r for r in rows if (r.key is None and r.label) or (r.key is not None and (
        r.group or r.key not in labels or (r.values and _on_label_line(r))))]
    kept = {id(r) for r in certain}
    # What is left to place, a line of numbers at a time: only a line with a number for each
    # column is a row.
    lines = [line for r in rows if r.values and id(r) not in kept for line in _by_line(r)]
    whole = [line for line in lines if len(line.values) == width]
    placed = {r.key for r in certain}
    gaps = [key for key in labels if key not in placed]
    if len(whole) != len(gaps):
        why = (f"the rows left to fill do not settle which row they are ({len(whole)} rows of "
               f"numbers for {len(gaps)} rows)")
        return _unassigned(certain, lines, why, say)
    alone = sorted((r for r in rows if r.key in gaps and not r.group and not r.values),
                   key=lambda r: r.line.number)
    holding: dict[str, list[RowDraft]] = {}
    why = ""
    for reading, keys in _placings(whole, gaps, alone).items():
        moved = [dataclasses.replace(line, key=key, label=labels[key])
                 for line, key in zip(whole, keys, strict=True)]
        broken = _broken(template, certain, moved)
        if broken:
            why = why or broken
        else:
            holding[reading] = moved
    if not holding:
        return _unassigned(certain, lines, why, say)
    first, *others = holding.values()
    agreed = [row for row in first if all(_values_of(row, other) == _values(row) for other in others)]
    for line, row in zip(whole, first, strict=True):
        if any(row is r for r in agreed):
            printed = f" (printed after {line.label!r})" if line.label and line.key != row.key else ""
            say("row-by-order", f"{row.label}: the numbers {_printed(line)} stood apart from their "
                f"label{printed}; placed by reading order, the rows printed apart filling the "
                "template's rows left, in its order, and the template's identities hold", row)
    disputed = [row.key for row in first if not any(row is r for r in agreed)]
    if disputed:
        readings = "; ".join(f"{reading}: " + ", ".join(
            f"{row.key} = {_printed(row)}" for row in moved if row.key in disputed)
            for reading, moved in holding.items())
        anchor = next(row for row in first if row.key in disputed)
        say("placing-ambiguous", f"the rows of numbers printed apart from their labels can be "
            f"placed more than one way, and the template's identities hold for each ({readings}); "
            f"{', '.join(map(str, disputed))} are left None", anchor)
    return Placed(certain + agreed, [line for line in lines if len(line.values) != width],
                  tuple(key for key in disputed if key is not None))


def _unassigned(certain: list[RowDraft], lines: Sequence[RowDraft], why: str, say: Say) -> Placed:
    for line in lines:
        say("value-unassigned", f"the numbers {_printed(line)} stand apart from their label, and "
            f"{why}", line)
    return Placed(certain, [])


def _placings(whole: Sequence[RowDraft], gaps: Sequence[str],
              alone: Sequence[RowDraft]) -> dict[str, list[str]]:
    """The ways to read which row each line of numbers printed apart is, in reading order:
    the template's order of the rows left, and the order their labels were printed in (the
    same unless the copy moved a label). Pairing each line with its nearest label gives no
    other: it is one-to-one only where labels and lines alternate, which is the labels'
    order. Each reading is a list of row keys, one for each line of ``whole``."""
    out: dict[str, list[str]] = {"the template's order": list(gaps)}
    if len(alone) == len(gaps) and {r.key for r in alone} == set(gaps):
        out["the order the labels were printed in"] = [r.key for r in alone if r.key is not None]
    distinct: dict[tuple[str, ...], str] = {}
    for reading, keys in out.items():
        distinct.setdefault(tuple(keys), reading)
    return {reading: list(keys) for keys, reading in distinct.items()}


def _values(row: RowDraft) -> list[Decimal | None]:
    return [c.value for c in row.values]


def _values_of(row: RowDraft, placing: Sequence[RowDraft]) -> list[Decimal | None] | None:
    return next((_values(other) for other in placing if other.key == row.key), None)


def _broken(template: Template, certain: Sequence[RowDraft], moved: Sequence[RowDraft]) -> str:
    """What of the template's arithmetic the placing breaks ("" if nothing): a reading
    order that puts numbers in the wrong rows shows in a row's or a column's sum."""
    columns = [c.key for c in APPLICANT_COLUMNS]
    values: dict[tuple[str, str], Decimal] = {}
    for row in (*certain, *moved):
        cells = [c.value for c in row.cells if c.kind != "text"]
        if row.key is not None and not row.group and len(cells) == len(columns):
            values.update({(row.key, col): v for col, v in zip(columns, cells, strict=True)
                           if v is not None})
    keys = {r.key for r in moved}
    for identity in identities(template):
        if identity.rows & keys and identity.evaluate(values).status == "fails":
            return f"placed by reading order they would break {identity.code} for {identity.subject}"
    return ""


def _by_line(row: RowDraft) -> list[RowDraft]:
    """The row's cells, a row for each line they stand on, at the line's first cell."""
    out: list[RowDraft] = []
    for cell in row.cells:
        if not out or out[-1].line is not cell.line:
            out.append(RowDraft(row.table, row.key, row.label, cell.line, cell.column))
        out[-1].cells.append(cell)
    return out


def _on_label_line(row: RowDraft) -> bool:
    return all(c.line.number == row.line.number for c in row.values)


def _printed(row: RowDraft) -> str:
    return " ".join(c.text for c in row.values)
