"""A matrix whose labels and numbers were printed apart, placed by reading order.

Text extracted from a PDF often keeps a row's label and its numbers apart: the labels of
wrapped rows float as text, and their numbers stand as rows of their own, before or after.
Such a copy shows itself by two signs together: rows of numbers without a label
(:func:`gkreport.line_rules.numbers_apart`), and labels with no numbers at all. Then only
the rows printed whole, label and numbers on one line, are certain; the other rows of
numbers, in reading order, fill the template's remaining rows in template order — when, and
only when, there are exactly as many of them as rows to fill. Each row so placed gets a
``row-by-order`` diagnostic. Otherwise the uncertain rows are left None and their numbers
named (``value-unassigned``): a number is never guessed into a row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs

from .tokens import RowDraft

__all__ = ["place_by_order"]

Say = Callable[[str, str, RowDraft], None]


def place_by_order(rows: Sequence[RowDraft], labels: dict[str, str], width: int,
                   say: Say) -> list[RowDraft]:
    """The matrix's rows with those printed apart from their labels placed, if the copy
    printed labels and numbers apart; else ``rows`` as they are.

    ``labels`` maps the template's row keys, in template order, to their wording; ``width``
    is the number of columns; ``say(code, message, row)`` records a diagnostic.
    """
    apart = [r for r in rows if r.key is None and not r.label]
    if not apart or not any(r.key in labels and not r.group and not r.values for r in rows):
        return list(rows)
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
        for line in lines:
            say("value-unassigned", f"the numbers {_printed(line)} stand apart from their label, and "
                f"the rows left to fill do not settle which row they are ({len(whole)} rows of "
                f"numbers for {len(gaps)} rows)", line)
        return certain
    for line in lines:
        if len(line.values) != width:
            say("value-unassigned", f"the numbers {_printed(line)} stand apart from any label and "
                "fill no whole row", line)
    out = list(certain)
    for line, key in zip(whole, gaps, strict=True):
        moved = attrs.evolve(line, key=key, label=labels[key])
        printed = f" (printed after {line.label!r})" if line.label and line.key != key else ""
        say("row-by-order", f"{labels[key]}: the numbers {_printed(line)} stood apart from their "
            f"label{printed}; placed by reading order, the rows printed apart filling the "
            "template's rows left, in its order", moved)
        out.append(moved)
    return out


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
