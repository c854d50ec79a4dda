"""Stage 6, validate: the template's arithmetic identities (勾稽关系), as diagnostics.

The identities are :func:`gkreport.arithmetic.identities`, each reported under its code:

* each matrix row: ``total`` is the sum of the six applicant columns (``sum-row``);
* per column: new_received + carried_over == total + carried_forward (``balance``);
* per column: (七) total is the sum of the outcome rows (``sum-outcomes``);
* each appeals group: ``total`` is the sum of its four results (``sum-appeals``).

An identity with a blank cell is not checked; one ``not-checked`` diagnostic per identity
kind says which were skipped, so a blank never passes for a pass. A matrix row left wholly
blank has no sum to check and is passed over in silence.
"""

from __future__ import annotations

from collections.abc import Iterator

from .arithmetic import Cell, Identity, Number, Values, identities
from .diagnostics import Diagnostic
from .model import AppealGroup, Report
from .template import APPEAL_GROUPS, TEMPLATES, template_for

__all__ = ["check"]


def _cells(report: Report) -> dict[str, dict[Cell, Number | None]]:
    """Every cell of the matrix and of the appeals table, read once: table -> cell -> value."""
    requests: dict[Cell, Number | None] = {(key, column): value for key, row in report.requests.items()
                for column, value in zip(row.columns, row.cells, strict=True)}
    appeals: dict[Cell, Number | None] = {(key, column): value for key, _ in APPEAL_GROUPS
               for column, value in zip(AppealGroup.columns, report.appeals[key].cells, strict=True)}
    return {"requests": requests, "appeals": appeals}


def _reader(cells: dict[Cell, Number | None]) -> Values:
    return lambda row, column: cells.get((row, column))


def _line(report: Report, identity: Identity) -> int:
    """The line of the identity's total (for balance, of the total row)."""
    row = identity.right[0][0]
    if identity.table == "appeals":
        return report.appeals[row].line
    found = report.requests.get(row)
    return found.line if found is not None else 0


def _message(identity: Identity, left: Number | None, right: Number | None,
                      value: dict[Cell, Number | None]) -> str:
    subject = identity.subject
    if identity.code == "sum-row":
        return f"requests {subject}: the six columns sum to {left}, the total says {right}"
    if identity.code == "sum-appeals":
        return f"appeals {subject}: the four results sum to {left}, the total says {right}"
    if identity.code == "sum-outcomes":
        return f"column {subject}: the outcome rows sum to {left}, (七) total says {right}"
    sides = [" + ".join(f"{row} {value.get((row, column))}" for row, column in side)
             for side in (identity.left, identity.right)]
    return f"column {subject}: {sides[0]} = {left}, but {sides[1]} = {right}"


def check(report: Report) -> Iterator[Diagnostic]:
    """Yield a diagnostic for every identity of the template that fails or cannot be checked."""
    template = TEMPLATES[report.meta.template or template_for(report.meta.year)]
    cells = _cells(report)
    skipped: dict[str, list[str]] = {}
    for identity in identities(template):
        value = cells[identity.table]
        if identity.code == "sum-row" and all(value.get(cell) is None for cell in identity.cells):
            continue  # a row left wholly blank
        verdict = identity.evaluate(_reader(value))
        if verdict.status == "cannot-check":
            skipped.setdefault(identity.code, []).append(identity.subject)
        elif verdict.status == "fails":
            yield Diagnostic(identity.code, _message(identity, verdict.left, verdict.right, value),
                             _line(report, identity))

    for code, where in skipped.items():
        yield Diagnostic("not-checked", f"{code} not checked for {', '.join(where)}: a cell is blank")
