"""Stage 6, validate: the template's arithmetic identities (勾稽关系), as diagnostics.

* each matrix row: ``total`` is the sum of the six applicant columns (``sum-row``);
* per column: new_received + carried_over == total + carried_forward (``balance``);
* per column: (七) total is the sum of the outcome rows (``sum-outcomes``);
* each appeals group: ``total`` is the sum of its four results (``sum-appeals``).

An identity with a blank cell is not checked; one ``not-checked`` diagnostic per identity
kind says which were skipped, so a blank never passes for a pass.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .diagnostics import Diagnostic
from .model import Report
from .template import APPEAL_GROUPS, APPLICANT_COLUMNS, BALANCE_ROWS, TEMPLATES

__all__ = ["check"]


def _sum(values: Sequence[int | None]) -> int | None:
    if None in values:
        return None
    return sum(values)  # type: ignore[arg-type]  # no None, as checked


def _total(skipped: dict[str, list[str]], code: str, where: str, parts_name: str,
           cells: Sequence[int | None], line: int) -> Iterator[Diagnostic]:
    """The last cell is the sum of the others: a diagnostic if not, a skip if a cell is blank."""
    parts, total = _sum(cells[:-1]), cells[-1]
    if parts is None or total is None:
        skipped.setdefault(code, []).append(where.split()[-1])
    elif parts != total:
        yield Diagnostic(code, f"{where}: {parts_name} sum to {parts}, the total says {total}", line)


def check(report: Report) -> Iterator[Diagnostic]:
    """Yield a diagnostic for every identity of the template that fails or cannot be checked."""
    template = TEMPLATES[report.meta.template or "2019"]
    rows = report.requests
    skipped: dict[str, list[str]] = {}

    cells = {key: row.cells for key, row in rows.items()}
    for key, row in rows.items():
        if any(v is not None for v in cells[key]):
            yield from _total(skipped, "sum-row", f"requests {key}", "the six columns", cells[key],
                              row.line)

    blank = (None,) * len(APPLICANT_COLUMNS)
    balance = [cells.get(k, blank) for pair in BALANCE_ROWS for k in pair]
    outcomes = [cells.get(k, blank) for k in template.outcome_keys]
    total_line = rows["total"].line if "total" in rows else 0
    for c, column in enumerate(APPLICANT_COLUMNS):
        a, b, t, f = (terms[c] for terms in balance)
        if a is None or b is None or t is None or f is None:
            skipped.setdefault("balance", []).append(column.key)
        elif a + b != t + f:
            yield Diagnostic("balance", f"column {column.key}: new_received {a} + carried_over "
                             f"{b} = {a + b}, but total {t} + carried_forward {f} = {t + f}",
                             total_line)
        outcome = _sum([row[c] for row in outcomes])
        if outcome is None or t is None:
            skipped.setdefault("sum-outcomes", []).append(column.key)
        elif outcome != t:
            yield Diagnostic("sum-outcomes", f"column {column.key}: the outcome rows sum to "
                             f"{outcome}, (七) total says {t}",
                             total_line)

    for key, _ in APPEAL_GROUPS:
        group = report.appeals[key]
        yield from _total(skipped, "sum-appeals", f"appeals {key}", "the four results",
                          group.cells, group.line)

    for code, where in skipped.items():
        yield Diagnostic("not-checked", f"{code} not checked for {', '.join(where)}: a cell is blank")
