"""Stage 5b: the template's arithmetic as the checker of numbers read from pictures.

A number an OCR engine read (:mod:`gkreport.ocr`) is a reading. Where a table's identities
fail, a misread digit is corrected only where exactly one change of one character, among the
confusions engines make (0/8/6/9, 1/7, 3/8, 5/6), makes every identity of the table hold
(``ocr-corrected``, status ``corrected``); where several such changes do, the cells they
disagree on are None (``ocr-ambiguous``, status ``ambiguous``). Where none does, the numbers
stay as read and validate names the identity that fails.

Every cell read from a picture says so: ``ocr-read`` names each picture's rows, and
``ocr-unchecked`` the cells no identity that holds covers (the clause tables have none), whose
misread digit nothing would show.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Final, cast

import attrs

from ._arithmetic import Cell, Identity, Number, identities
from .diagnostics import Diagnostic, Readings
from .model import AppealGroup, Appeals, ApplicantMatrix, CellStatus, Report, RequestRow
from .template import TEMPLATES, template_for

__all__ = ["CONFUSIONS", "Picture", "check_pictures", "misreadings"]

#: The digits an engine reads for each digit.
CONFUSIONS: Final[Mapping[str, str]] = {"0": "689", "8": "0693", "6": "0895", "9": "068", "1": "7", "7": "1",
                                        "3": "8", "5": "6"}


@attrs.frozen
class Picture:
    """One picture a report's text was read from: its name, its lines in the text (first,
    last) and what ``ocr-read`` says of it."""

    name: str
    lines: tuple[int, int]
    message: str
    #: The table cells that hold print the engine could not read: (line, place counted from
    #: the line's end, 1 for its last cell).
    unread: tuple[tuple[int, int], ...] = ()


def misreadings(value: int) -> Iterator[int]:
    """The values ``value`` may have been, one character misread.

    >>> sorted(misreadings(10))
    [16, 18, 19, 70]
    """
    digits = str(value)
    for i, digit in enumerate(digits):
        for other in CONFUSIONS.get(digit, ""):
            if i == 0 and other == "0" and len(digits) > 1:
                continue  # a number is not printed with a leading 0
            yield int(digits[:i] + other + digits[i + 1:])


def check_pictures(report: Report, pictures: Sequence[Picture]) -> tuple[Report, list[Diagnostic]]:
    """``report``, read from ``pictures``, with its misread digits corrected where the
    arithmetic allows one correction only; and the diagnostics that say so, and say every
    cell read from a picture."""
    if not pictures:
        return report, []
    template = TEMPLATES[report.meta.template or template_for(report.meta.year)]
    lines = _row_lines(report)
    read = {key for key, line in lines.items() if _within(line, pictures)}
    cells = {f"{row}.{c}" for row in read for c in _columns(report, row)}
    read_cells = {k for k in cells if report.statuses.get(k, "read") == "read"}
    diagnostics = [Diagnostic("ocr-read", p.message, p.lines[0], 1 if p.lines[0] else 0,
                              cells=tuple(sorted(k for k in read if _within(lines[k], (p,)))))
                   for p in pictures]
    values = _values(report)
    statuses = dict(report.statuses)
    diagnostics += _unread(report, pictures, lines, statuses)
    diagnostics += _recover(identities(template), values, statuses, lines)
    for table in ("requests", "appeals"):
        own = tuple(i for i in identities(template) if i.table == table)
        diagnostics += _correct(own, values, read_cells, statuses, lines)
    checked = {f"{i.table}.{r}.{c}" for i in identities(template) if i.evaluate(values).status == "holds"
               for r, c in i.cells}
    unchecked = sorted(k for k in read_cells if k not in checked and statuses.get(k) == "read"
                       and _value(report, k, values) is not None)
    if unchecked:
        diagnostics.append(Diagnostic(
            "ocr-unchecked", f"{len(unchecked)} numbers read from pictures are checked by no identity "
            "that holds (the clause tables have none): a misread digit there would not show",
            cells=tuple(unchecked)))
    return _rebuilt(report, values, statuses), diagnostics


def _unread(report: Report, pictures: Sequence[Picture], lines: Mapping[str, int],
            statuses: dict[str, CellStatus]) -> Iterator[Diagnostic]:
    """The cells that hold print no engine could read: lost, not blank."""
    rows = {line: key for key, line in lines.items()}
    for line, place in (u for p in pictures for u in p.unread):
        row = rows.get(line)
        columns = _columns(report, row) if row else ()
        if row is None or place > len(columns):
            continue
        key = f"{row}.{columns[-place]}"
        if statuses.get(key, "blank") == "blank":
            statuses[key] = "lost"
            yield Diagnostic("ocr-unread", f"{key}: the cell holds print the OCR engine could not read: "
                             "None, and lost, not blank", line, cells=(key,))


def _recover(own: Sequence[Identity], values: dict[Cell, Number | None], statuses: dict[str, CellStatus],
             lines: Mapping[str, int]) -> Iterator[Diagnostic]:
    """Recover a lost cell of a picture's table where two identities or more force one value
    on it and it keeps all those it is in: one identity alone would take a misreading
    elsewhere in it for the cell's value."""
    for key in [k for k, s in statuses.items() if s == "lost" and not k.startswith("proactive.")]:
        table, cell = key.split(".", 1)[0], _cell(key)
        touching = [i for i in own if cell in i.cells]
        forced = {v for i in touching if (v := _forced(i, cell, values)) is not None}
        if len(forced) != 1 or sum(_forced(i, cell, values) is not None for i in touching) < 2:
            continue
        value = forced.pop()
        trial = {**values, cell: value}
        if value < 0 or any(i.evaluate(trial).status == "fails" for i in touching):
            continue
        values[cell] = value
        statuses[key] = "recovered"
        yield Diagnostic("value-recovered", f"{key}: recovered as {value}, the value the template's identities "
                         "force on the cell a picture's OCR could not read", lines.get(f"{table}.{cell[0]}", 0),
                         cells=(key,))


def _forced(identity: Identity, cell: Cell, values: Mapping[Cell, Number | None]) -> Number | None:
    """The value ``identity`` gives ``cell`` from its other cells, or None if one is unknown."""
    sides = []
    for side in (identity.left, identity.right):
        others = [values.get(c) for c in side if c != cell]
        if any(v is None for v in others):
            return None
        sides.append(sum(v for v in others if v is not None))
    left, right = sides
    return right - left if cell in identity.left else left - right


def _within(line: int, pictures: Sequence[Picture]) -> bool:
    return any(first <= line <= last for first, last in (p.lines for p in pictures))


def _row_lines(report: Report) -> dict[str, int]:
    """Every table row's key (``requests.granted``) and the line it was read from."""
    rows = {f"proactive.{k}": item.line for k, item in report.proactive.items()}
    rows |= {f"requests.{k}": row.line for k, row in report.requests.items()}
    rows |= {f"appeals.{k}": group.line for k, group in report.appeals.items()}
    return {k: line for k, line in rows.items() if line}


def _columns(report: Report, row: str) -> Sequence[str]:
    table, key = row.split(".", 1)
    found: Mapping[str, object] = (report.proactive[key] if table == "proactive" else
                                   report.requests[key] if table == "requests" else report.appeals[key])
    return tuple(found)


def _values(report: Report) -> dict[Cell, Number | None]:
    """The matrix's and the appeals table's cells as the identities read them."""
    values: dict[Cell, Number | None] = {}
    for table in (report.requests, report.appeals):
        for key, row in table.items():
            values.update(((key, c), v) for c, v in row.items())
    return values


def _value(report: Report, key: str, values: Mapping[Cell, Number | None]) -> object:
    table, rest = key.split(".", 1)
    if table == "proactive":
        item, column = rest.rsplit(".", 1)
        return report.proactive[item][column]
    row, column = rest.rsplit(".", 1)
    return values.get((row, column))


def _correct(own: Sequence[Identity], values: dict[Cell, Number | None], read: set[str],
             statuses: dict[str, CellStatus], lines: Mapping[str, int]) -> list[Diagnostic]:
    """Correct one misread cell of a table where one change only makes every identity hold."""
    failing = [i for i in own if i.evaluate(values).status == "fails"]
    if not failing:
        return []
    table = failing[0].table
    suspects = set.intersection(*(set(i.cells) for i in failing))
    fixes: list[tuple[Cell, int]] = []
    for cell in sorted(suspects):
        value = values.get(cell)
        if f"{table}.{cell[0]}.{cell[1]}" not in read or not isinstance(value, int):
            continue
        touching = [i for i in own if cell in i.cells]
        for other in misreadings(value):
            trial = {**values, cell: other}
            if all(i.evaluate(trial).status != "fails" for i in touching):
                fixes.append((cell, other))
    if not fixes:
        return []
    (row, column), other = fixes[0]
    key = f"{table}.{row}.{column}"
    line = lines.get(f"{table}.{row}", 0)
    if len(fixes) == 1:
        was = values[(row, column)]
        values[(row, column)] = other
        statuses[key] = "corrected"
        return [Diagnostic("ocr-corrected", f"{key}: read as {was}, corrected to {other}: the one change of "
                           f"one misread character that makes every identity of {table} hold", line,
                           cells=(key,))]
    keys = tuple(dict.fromkeys(f"{table}.{r}.{c}" for (r, c), _ in fixes))
    readings = tuple(tuple(v if f"{table}.{r}.{c}" == k else values[_cell(k)] for k in keys)
                     for (r, c), v in fixes)
    for k in keys:
        values[_cell(k)] = None
        statuses[k] = "ambiguous"
    listed = "; ".join(f"{table}.{r}.{c} = {v}" for (r, c), v in fixes)
    return [Diagnostic("ocr-ambiguous", f"{table}: {len(fixes)} changes of one misread character each make "
                       f"every identity hold ({listed}); those cells are None", line, cells=keys,
                       readings=Readings(keys, readings))]


def _cell(key: str) -> Cell:
    row, column = key.split(".", 1)[1].rsplit(".", 1)
    return row, column


def _rebuilt(report: Report, values: Mapping[Cell, Number | None], statuses: dict[str, CellStatus]) -> Report:
    def counts(key: str, columns: Iterable[str]) -> dict[str, int | None]:
        return {c: cast("int | None", values[(key, c)]) for c in columns}

    requests = ApplicantMatrix({key: RequestRow(**counts(key, row), line=row.line)
                                for key, row in report.requests.items()})
    appeals = Appeals(**{key: AppealGroup(**counts(key, group), line=group.line)
                         for key, group in report.appeals.items()})
    return attrs.evolve(report, requests=requests, appeals=appeals, statuses=statuses)
