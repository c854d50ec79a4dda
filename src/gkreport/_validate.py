"""Stage 6, validate: the template's arithmetic identities (勾稽关系), as diagnostics.

The identities are :func:`gkreport._arithmetic.identities`, each reported under its code:

* each matrix row: ``total`` is the sum of the six applicant columns (``sum-row``);
* per column: new_received + carried_over == total + carried_forward (``balance``);
* per column: (七) total is the sum of the outcome rows (``sum-outcomes``);
* each appeals group: ``total`` is the sum of its four results (``sum-appeals``).

An identity with a blank (or ambiguous) cell is not checked; one ``not-checked`` diagnostic
says which were skipped, kind by kind, so a blank never passes for a pass. An identity
that a lost cell keeps from being checked is not named again: the row or table lost is an
error of its own. A matrix row left wholly blank has no sum to check and is passed over in
silence.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from ._arithmetic import Identity, Number, Placed, Rows, Verdict, placed, table_rows
from .diagnostics import Diagnostic
from .model import DERIVED, Report
from .template import TEMPLATES, Template, template_for

__all__ = ["check"]


def _tables(report: Report, template: Template) -> dict[str, Rows]:
    """The matrix and the appeals table as the identities read them."""
    requests = report.requests
    return {"requests": [row.cells if (row := requests.get(key)) is not None else None
                         for key in table_rows(template, "requests")],
            "appeals": [report.appeals[key].cells for key in table_rows(template, "appeals")]}


def _blank(row: Sequence[Number | None] | None) -> bool:
    return row is None or all(v is None for v in row)


def _line(report: Report, identity: Identity) -> int:
    """The line of the identity's total (for balance, of the total row)."""
    row = identity.right[0][0]
    if identity.table == "appeals":
        return report.appeals[row].line
    found = report.requests.get(row)
    return found.line if found is not None else 0


def _message(identity: Placed, verdict: Verdict, rows: Rows) -> str:
    subject, left, right = identity.identity.subject, verdict.left, verdict.right
    code = identity.identity.code
    if code == "sum-row":
        return f"requests {subject}: the six columns sum to {left}, the total says {right}"
    if code == "sum-appeals":
        return f"appeals {subject}: the four results sum to {left}, the total says {right}"
    if code == "sum-outcomes":
        return f"column {subject}: the outcome rows sum to {left}, (七) total says {right}"
    sides = [" + ".join(f"{row} {values[c]}" for (row, _), (r, c) in zip(named, placed, strict=True)
                        if (values := rows[r]) is not None)
             for named, placed in ((identity.identity.left, identity.left),
                                   (identity.identity.right, identity.right))]
    return f"column {subject}: {sides[0]} = {left}, but {sides[1]} = {right}"


def _cells(identity: Identity) -> tuple[str, ...]:
    """The identity's cells as keys: a row's whole sum by the row's key."""
    if identity.code in ("sum-row", "sum-appeals"):
        return (f"{identity.table}.{identity.subject}",)
    return tuple(f"{identity.table}.{row}.{column}" for row, column in identity.cells)


def _blocking(identity: Identity, statuses: Mapping[str, str]) -> set[str]:
    """The statuses of the cells without a number that keep ``identity`` from being checked
    (a report built by hand has none recorded: its None cells are blank)."""
    return {statuses.get(f"{identity.table}.{row}.{column}", "blank") for row, column in identity.cells}


def check(report: Report) -> Iterator[Diagnostic]:
    """Yield a diagnostic for every identity of the template that fails, and say which could
    not be checked for a cell that is blank or ambiguous. (One that lost cells keep from
    being checked is said by ``row-lost`` or ``table-lost``, an error already.)"""
    template = TEMPLATES[report.meta.template or template_for(report.meta.year)]
    tables = _tables(report, template)
    skipped: dict[str, list[str]] = {}
    why: dict[str, set[str]] = {}
    for identity in placed(template):
        code, subject = identity.identity.code, identity.identity.subject
        rows = tables[identity.identity.table]
        verdict = identity.evaluate(rows)
        if verdict.status == "cannot-check":
            if code == "sum-row" and _blank(rows[identity.right[0][0]]):
                continue  # a row left wholly blank has no sum to check
            blocking = _blocking(identity.identity, report.statuses) - {"read", *DERIVED, "lost"}
            if blocking:
                skipped.setdefault(code, []).append(subject)
                why.setdefault(code, set()).update(blocking)
        elif verdict.status == "fails":
            yield Diagnostic(code, _message(identity, verdict, rows), _line(report, identity.identity),
                             cells=_cells(identity.identity))

    if skipped:
        cells = " or ".join(sorted(set().union(*why.values())))
        kinds = "; ".join(f"{kind} ({', '.join(where)})" for kind, where in skipped.items())
        yield Diagnostic("not-checked", f"not checked, a cell being {cells}: {kinds}")
