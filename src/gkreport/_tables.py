"""Fit each row's cells to the template's columns, recover lost cells, freeze the report.

The second half of stage 5: :class:`~gkreport._build.DocumentBuilder` gathers the rows the
grammar recognised into a :class:`~gkreport._build.Document`; :func:`assemble` fits each
row's cells to the template's columns (splitting runs of digits printed together, see
:mod:`gkreport._unglue`), recovers lost cells where arithmetic forces them, and freezes
everything into a :class:`~gkreport.model.Report`.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, Final

import attrs

from ._arithmetic import Cell, Identity, Placed, Sum, between_rows, row_sums, touching
from ._build import Document, _date
from ._cells import SMALL_COUNTS
from ._cells import Cell as CellOfRow
from ._interleaved import place_by_order
from ._narrative import Figure, stated_figures
from ._normalise import label_key
from ._recover import Fit, fit, resolve, solve_sums
from ._statuses import Ledger, as_printed
from ._tokens import RowDraft
from ._unglue import Kind, Run, Split, solve
from ._unglue import Row as UnglueRow
from .diagnostics import Diagnostic, Readings, span
from .model import (
    AppealGroup,
    Appeals,
    ApplicantMatrix,
    CellStatus,
    ClauseItem,
    Meta,
    Report,
    RequestRow,
)
from .template import (
    APPEAL_COLUMNS,
    APPEAL_GROUPS,
    APPLICANT_COLUMNS,
    TEMPLATES,
    Column,
    Template,
    TemplateId,
)

__all__ = ["assemble"]

_HAN = re.compile(r"[\u4e00-\u9fff]")
_APPLICANTS = tuple(c.key for c in APPLICANT_COLUMNS)
_APPEALS = tuple(c.key for c in APPEAL_COLUMNS)
#: A row's values, and how each was obtained.
Reading = tuple[tuple[Decimal | None, ...], tuple[CellStatus, ...]]
# The model's rows made from their values positionally, each column's field in template
# order (not from a dict of keywords: a report makes some thirty); typed as any callable
# for the type checker cannot count the values of a row.
_request_row: Final[Callable[..., RequestRow]] = RequestRow
_appeal_group: Final[Callable[..., AppealGroup]] = AppealGroup


def _readings(row: RowDraft, names: Sequence[str], kinds: Sequence[Kind],
              candidates: Sequence[tuple[Decimal | None, ...]]) -> Readings:
    """The splits that remain of ``row``'s run, keyed by its cells, as the model's values."""
    prefix = f"{row.table}.{row.key}" if row.key else row.table
    values = tuple(tuple(v if v is None or kind == "money" else int(v)
                         for v, kind in zip(c, kinds, strict=True)) for c in candidates)
    return Readings(tuple(f"{prefix}.{name}" for name in names), values)


def _every(status: CellStatus, n: int) -> tuple[CellStatus, ...]:
    return (status,) * n


class _Rows:
    """What fitting any table's rows needs: the diagnostics, fitting cells to columns,
    splitting runs of digits, and the statuses of the cells so fitted."""

    def __init__(self, doc: Document, template: TemplateId, diagnostics: list[Diagnostic]) -> None:
        self.doc = doc
        self.template = TEMPLATES[template]
        self.diagnostics = diagnostics
        self.ledger = Ledger(self.template)

    @functools.cached_property
    def figures(self) -> list[Figure]:
        """The figures the report's prose states of its clause tables' cells: read once,
        when a clause row printed as a run of digits that splits several ways first asks."""
        paragraphs = (p for s in self.doc.sections for p in s.paragraphs)
        return list(stated_figures(paragraphs, self.template.id, "proactive"))

    def diag(self, code: str, message: str, row: RowDraft, cells: tuple[str, ...] | None = None,
             readings: Readings | None = None) -> None:
        """A diagnostic about ``row``, concerning ``cells`` (the row's, unless named)."""
        if cells is None:
            cells = (f"{row.table}.{row.key}",) if row.key else (row.table,)
        self.diagnostics.append(Diagnostic(code, message, row.line.number, row.line.start + row.column,
                                           _row_span(row), cells, readings))

    @staticmethod
    def _printed(row: RowDraft) -> str:
        return " ".join(c.text for c in row.values) or "(none)"

    def _fit(self, row: RowDraft, n: int) -> Fit:
        own = _own_cells(row, n)
        cells = [c.value if c.kind == "value" else None for c in own]
        if row is self.doc.cut_in and (len(cells) < n or _ends_empty(own)):
            # The copy stops in this row: cut off, or a cell lost before the cut; no sum tells.
            # An empty cell it ends in is where the cut fell (246 | 0 | … | 0 |), not a blank.
            self.diag("cells-missing", f"{row.label or 'review and litigation'}: the copy ends in this "
                      f"row, {len(cells)} cells for {n} columns ({self._printed(row)}); left None", row)
            return Fit(None)
        result = fit(cells, n)
        if result.extra:
            self.diag("cells-extra",
                      f"{row.label or 'row'}: {len(row.values)} values for {n} columns "
                      f"({self._printed(row)}); left None", row)
        return result

    def _unglue(self, glued: dict[str, tuple[RowDraft, Run]], fixed: dict[str, tuple[Decimal | None, ...]],
                kinds: tuple[Kind, ...], sums: dict[str, tuple[Sum, ...]], identities: Sequence[Identity],
                names: Sequence[str], told: Callable[[], dict[int, tuple[int, str]]] | None = None,
                ) -> dict[str, Reading]:
        """Split the runs of ``glued`` rows by the arithmetic, and say how each was split: each
        row keeping its own ``sums``, the rows together ``identities`` (whose columns are
        ``names``). Where a row splits several ways, what the prose ``told()`` of its cells
        (one row's only; asked only then) may settle it."""
        rows = [UnglueRow(key, kinds, values=values) for key, values in fixed.items()]
        rows += [UnglueRow(key, kinds, run, sums=sums.get(key, ())) for key, (_, run) in glued.items()]
        out = {}
        for key, split in solve(rows, identities, columns=names).items():
            row = glued[key][0]
            if told is not None and split.how == "ambiguous":
                split = split.told(told())
            said = split.describe(row.label or "review and litigation", names)
            if said is not None:
                readings = _readings(row, names, kinds, split.candidates) if split.how == "ambiguous" else None
                self.diag(*said, row, readings=readings)
            out[key] = split.values, _split_statuses(split)
        return out


class _Assembler(_Rows):
    """Fits the rows of the three tables: the clause tables, the matrix, the appeals."""

    # proactive ------------------------------------------------------------------------

    def proactive(self) -> dict[str, ClauseItem]:
        items: dict[str, ClauseItem] = {}
        shown: dict[str, frozenset[int]] = {}  # the columns each item's rows so far printed
        fitted: dict[str, Reading] = {}
        for row, unit, header in self.doc.items:
            item = self.template.proactive_item(row.key or "")
            if item is None:
                self._unknown(row)
                continue
            n = len(item.columns)
            named = _named_columns(item.columns, header, len(row.values))
            if item.key in items and not (named and not named & shown[item.key]):
                self.diag("row-duplicate", f"{row.label} appears again ({self._printed(row)})", row)
                continue
            run = _run_of(row, n)
            names = [c.key for c in item.columns]
            if named:
                # A table printing some of the clause's columns, named by its header
                # (信息内容 | 现行有效件数): each number in the column its header names.
                numbers = iter(c.value for c in row.values)
                result = Fit(tuple(next(numbers) if i in named else None for i in range(n)))
                statuses: tuple[CellStatus, ...] = tuple("read" if i in named else "lost" for i in range(n))
            elif run is not None:
                kinds: tuple[Kind, ...] = tuple(c.kind for c in item.columns)
                told = functools.partial(_told, self, ("proactive", item.key), names)
                split, statuses = self._unglue({item.key: (row, run)}, {}, kinds, {}, (), names, told)[item.key]
                result = Fit(split)
            else:
                result = self._fit(row, n)
                statuses = _statuses(result, n)
            shown[item.key] = shown.get(item.key, frozenset()) | (named or frozenset(range(n)))
            if item.key in fitted and result.values is not None:
                earlier, said = fitted[item.key]
                result = Fit(tuple(v if i in named else earlier[i] for i, v in enumerate(result.values)))
                statuses = tuple(s if i in named else said[i] for i, s in enumerate(statuses))
            values = result.values
            fitted[item.key] = (values or (None,) * n, statuses)
            self.ledger.record("proactive", item.key, names, statuses)
            if values is None:
                if result.candidates:
                    self.diag("cells-missing",
                              f"{row.label}: {len(row.values)} values for {n} columns "
                              f"({self._printed(row)}); which cell is lost is unknown", row)
                values = (None,) * n
            cells: dict[str, Any] = {}
            row_unit = unit
            for column, value in zip(item.columns, values, strict=True):
                cells[column.key] = _count(value) if column.kind != "money" else value
                if column.kind == "money":
                    printed = next((c.unit for c in row.values if c.unit), None)
                    row_unit = printed or row_unit
            has_money = any(c.kind == "money" for c in item.columns)
            items[item.key] = ClauseItem(item.key, cells, row_unit if has_money else None,
                                         row.line.number)
        for item in self.template.proactive:
            items.setdefault(item.key, ClauseItem(item.key, {c.key: None for c in item.columns}))
        return {item.key: items[item.key] for item in self.template.proactive}

    def _unknown(self, row: RowDraft) -> None:
        if row.values:
            self.diag("row-unknown", f"no template row is labelled {row.label!r}; its values "
                      f"{self._printed(row)} were not placed", row, (row.table,))

    # requests -------------------------------------------------------------------------

    def requests(self) -> ApplicantMatrix:
        keys = self.template.request_keys
        n = len(APPLICANT_COLUMNS)
        rows: dict[str, tuple[Decimal | None, ...]] = {}
        statuses: dict[str, tuple[CellStatus, ...]] = {}
        lines: dict[str, int] = {}
        drafts: dict[str, RowDraft] = {}
        pending: dict[str, tuple[RowDraft, Fit]] = {}
        glued: dict[str, tuple[RowDraft, Run]] = {}
        placed = place_by_order(self.doc.matrix, self.template, self.diag)
        statuses.update(dict.fromkeys(placed.ambiguous, _every("ambiguous", n)))
        for row in placed.rows:
            if row.group:
                sub_rows = [k for k in keys if k.startswith(f"{row.key}.")]
                self.diag("row-merged",
                          f"{row.label}: one row of values ({self._printed(row)}) where the "
                          f"template has {len(sub_rows)} rows ({', '.join(sub_rows)}); not placed",
                          row)
                continue
            if row.key not in keys:
                self._unknown(row)
                continue
            assert row.key is not None
            if row.key in rows or row.key in pending or row.key in glued:
                self.diag("row-duplicate", f"{row.label} appears again ({self._printed(row)})", row)
                continue
            lines[row.key] = row.line.number
            drafts[row.key] = row
            run = _run_of(row, n)
            if run is not None:
                glued[row.key] = (row, run)
                continue
            result = self._fit(row, n)
            if result.candidates:
                pending[row.key] = (row, result)
            else:
                rows[row.key] = result.values or (None,) * n
                statuses[row.key] = _statuses(result, n)
        if glued:
            # Rows run together: split them all at once, the rows read so far fixed; rows
            # with lost cells are not known yet and silence the identities they are in.
            sums = {key: _matrix_sums(self.template, key) for key in glued}
            for key, (values, said) in self._unglue(glued, rows, _counts(n), sums, between_rows(self.template),
                                                    _APPLICANTS).items():
                rows[key], statuses[key] = values, said
        if pending:
            self._recover(pending, rows, statuses)
        for key, (row, _) in pending.items():
            rows[key], statuses[key] = (None,) * n, _every("lost", n)
            self.diag("cells-missing", f"{row.label}: {len(row.values)} values for {n} columns "
                      f"({self._printed(row)}); which cell is lost is unknown, so the row is None",
                      row)
        loose = _empty_totals(rows, statuses, drafts, placed.loose, self.diag)
        for line in loose:
            self.diag("value-unassigned", f"the numbers {self._printed(line)} stand apart from any label "
                      "and fill no whole row", line)
        built = {}
        for key in keys:
            values = rows.get(key, (None,) * n)
            if key in statuses:
                self.ledger.record("requests", key, _APPLICANTS, statuses[key])
            built[key] = _request_row(*map(_count, values), lines.get(key, 0))
        return ApplicantMatrix(built)

    def _recover(self, pending: dict[str, tuple[RowDraft, Fit]], rows: dict[str, tuple[Decimal | None, ...]],
                 statuses: dict[str, tuple[CellStatus, ...]]) -> None:
        """Lost cells: recover what the identities force, row by row, until nothing changes.
        A row recovered leaves ``pending`` for ``rows``; a row recovered may let another be."""
        order = self.template.request_keys
        progress = True
        while pending and progress:
            progress = False
            for key, (row, result) in list(pending.items()):
                accepts = _matrix_accepts(touching(self.template, key), [rows.get(k) for k in order],
                                          order.index(key))
                solver = functools.partial(solve_sums, _matrix_sums(self.template, key))
                found = resolve(result.candidates, solver, accepts)
                if found is not None:
                    reading, lost = found
                    rows[key] = reading
                    statuses[key] = _recovered(reading, lost)
                    del pending[key]
                    progress = True
                    self.diag("value-recovered",
                              f"{row.label}: {len(row.values)} values for {len(reading)} columns; "
                              f"the lost cell follows by arithmetic: "
                              f"{' '.join(_show(v) for v in reading)}", row,
                              tuple(f"requests.{key}.{_APPLICANTS[i]}" for i in sorted(lost)))

    # appeals --------------------------------------------------------------------------

    def appeals(self) -> Appeals:
        groups: dict[str, AppealGroup] = {}
        n = len(APPEAL_COLUMNS)
        for row in self.doc.appeals:
            if row.key is not None:
                if row.key in groups:
                    self.diag("row-duplicate", f"{row.label} appears again", row)
                    continue
                values, statuses = self._appeal_values(row, n)
                groups[row.key] = _appeal_group(*map(_count, values), row.line.number)
                self.ledger.record("appeals", row.key, _APPEALS, statuses)
                continue
            if groups:
                if row.values:
                    self.diag("value-unassigned",
                              f"appeals values {self._printed(row)} after the table was read", row)
                continue
            values, statuses = self._appeal_values(row, n * len(APPEAL_GROUPS))
            for g, (key, _) in enumerate(APPEAL_GROUPS):
                chunk = slice(g * n, (g + 1) * n)
                groups[key] = _appeal_group(*map(_count, values[chunk]), row.line.number)
                self.ledger.record("appeals", key, _APPEALS, statuses[chunk])
        return Appeals(**{key: groups.get(key, AppealGroup()) for key, _ in APPEAL_GROUPS})

    def _appeal_values(self, row: RowDraft, n: int) -> Reading:
        row = _without_header_blanks(row)
        run = _run_of(row, n)
        if run is not None:
            cells = _appeal_cells(row.key, n)
            whole = row.key is None
            names = [f"{key}.{column}" if whole else column for key, column in cells]
            key = row.key or "appeals"
            sums = row_sums(self.template, cells)
            return self._unglue({key: (row, run)}, {}, _counts(n), {key: sums}, (), names)[key]
        result = self._fit(row, n)
        if not result.candidates:
            return result.values or (None,) * n, _statuses(result, n)
        sums = row_sums(self.template, _appeal_cells(row.key, n))
        found = resolve(result.candidates, functools.partial(solve_sums, sums))
        if found is not None:
            reading, lost = found
            self.diag("value-recovered",
                      f"review and litigation: {len(row.values)} values for {n} cells; the "
                      f"lost cell follows by arithmetic: {' '.join(_show(v) for v in reading)}",
                      row, tuple(f"appeals.{group}.{column}" for i, (group, column)
                                 in enumerate(_appeal_cells(row.key, n)) if i in lost))
            return reading, _recovered(reading, lost)
        self.diag("cells-missing",
                  f"review and litigation: {len(row.values)} values for {n} cells "
                  f"({self._printed(row)}); which cell is lost is unknown", row)
        return (None,) * n, _every("lost", n)


def _without_header_blanks(row: RowDraft) -> RowDraft:
    """The appeals row without the empty cells before its first number that stood on a line
    of header words (a group label's merged cells: 未经复议直接起诉 |  |  |  |), which are no
    values of it. A blank on a line of its own, or among the numbers, is kept."""
    first = next((i for i, c in enumerate(row.cells) if c.kind == "value"), 0)
    lead = [c for c in row.cells[:first]
            if not (c.kind == "blank" and not c.text and _HAN.search(c.line.text))]
    if len(lead) == first:
        return row
    return dataclasses.replace(row, cells=lead + row.cells[first:])


def _ends_empty(cells: Sequence[CellOfRow]) -> bool:
    """Do ``cells`` end in one printed empty (not a dash: a dash is the report's word)?"""
    return bool(cells) and cells[-1].kind == "blank" and not cells[-1].text.strip()


def _own_cells(row: RowDraft, n: int) -> list[CellOfRow]:
    """A row's cells less the padding past its end (a value, a blank or text each)."""
    cells = row.cells
    # Empty cells after a row's last one on its line are padding (行政强制 | 4 | 4 | - | ||),
    # where they make the row longer than the table; so is a lone pipe line after them.
    while len(cells) > n and not cells[-1].text and (cells[-1].line is cells[-2].line
                                                     or cells[-1].line.text.strip() == "|"):
        cells = cells[:-1]
    return cells


def _counts(n: int) -> tuple[Kind, ...]:
    count: tuple[Kind] = ("count",)
    return count * n


def _run_of(row: RowDraft, n: int) -> Run | None:
    """The row's cells as a run to split, if they are fewer than the ``n`` columns yet hold
    digits enough for them: run together (no tab, pipe or line between them), or printed as
    cells that cannot each be one (000; a row's only number, with a digit for each of seven
    or more columns: no body counts a million requests)."""
    cells = [c for c in row.cells if c.kind != "text"]
    if not cells or len(cells) >= n:
        return None
    lone = len(cells) == 1 and n >= 7 and sum(ch.isdigit() for ch in cells[0].text) >= n
    run = Run.read([(c.text, c.kind == "blank", c.run or lone) for c in cells])
    return run if run.capacity >= n else None


def _statuses(result: Fit, n: int) -> tuple[CellStatus, ...]:
    """How the cells of a row fitted as ``result`` were obtained: as printed, or none
    placed (more numbers than columns: ambiguous; cells lost or cut off: lost)."""
    if result.values is not None:
        return as_printed(result.values)
    return _every("ambiguous" if result.extra else "lost", n)


def _recovered(reading: tuple[Decimal | None, ...], lost: frozenset[int]) -> tuple[CellStatus, ...]:
    return tuple("recovered" if i in lost else s for i, s in enumerate(as_printed(reading)))


# How a split run's numbers were obtained: the only split of its digits is read as printed.
_SPLIT_STATUS: dict[str, CellStatus] = {"alone": "read", "arithmetic": "solved", "told": "settled",
                                        "ambiguous": "solved"}


def _split_statuses(split: Split) -> tuple[CellStatus, ...]:
    """The statuses of a run's cells as split: the cells its splits disagree on ambiguous; a
    run no split keeps the identities for, lost."""
    if split.how == "unsolved":
        return _every("lost", len(split.values))
    undetermined = set(split.undetermined())
    return tuple("ambiguous" if c in undetermined else s
                 for c, s in enumerate(as_printed(split.values, _SPLIT_STATUS[split.how])))


def _row_span(row: RowDraft) -> str:
    """The row as its line prints it: its label and the cells on the label's line."""
    text = row.line.text
    on_line = [c for c in row.cells if c.line is row.line and c.text]
    end = None
    if on_line:
        last = on_line[-1]
        at = text.find(last.text, last.column - 1)
        end = at + len(last.text) if at >= 0 else None
    return span(text, row.column, end)


def _show(value: Decimal | None) -> str:
    return "_" if value is None else str(value)


def _count(value: Decimal | None) -> Any:
    """A count as the model holds it: an int where the value is whole."""
    if value is None:
        return None
    whole = _SMALL_INTS.get(value)
    if whole is not None:
        return whole
    if value == value.to_integral_value():
        return int(value)
    return value


# Most counts are the cells' shared small Decimals: each one's int, found by a lookup that
# the very same object answers at once (no to_integral_value, no comparison).
_SMALL_INTS: dict[Decimal, int] = {value: int(value) for value in SMALL_COUNTS.values()}


@functools.cache
def _matrix_sums(template: Template, key: str) -> tuple[Sum, ...]:
    """The sums within matrix row ``key`` by position (its 总计), once per row: every glued
    or damaged row asks."""
    return row_sums(template, tuple((key, c.key) for c in APPLICANT_COLUMNS))


def _told(assembler: _Assembler, row: tuple[str, str], names: Sequence[str]) -> dict[int, tuple[int, str]]:
    """What the report's prose states of a row's cells: column index -> (figure, words); a
    cell the prose states twice differently is left out (the prose is wrong somewhere)."""
    said: dict[int, set[tuple[int, str]]] = {}
    for figure in assembler.figures:
        if figure.cell[:2] == row and figure.cell[2] in names:
            said.setdefault(names.index(figure.cell[2]), set()).add((figure.value, figure.words))
    return {c: next(iter(f)) for c, f in said.items() if len({v for v, _ in f}) == 1}


@functools.cache
def _column_key(label: str) -> str:
    """A column label's comparison form (the template's labels are few and fixed)."""
    return label_key(label)


def _named_columns(columns: Sequence[Column], header: Sequence[str], count: int) -> frozenset[int]:
    """The columns a clause table's header names, where it names fewer than the clause has
    and as many as the row has numbers (a table of the clause's columns printed in parts);
    else none."""
    if not header or not 0 < count < len(columns):
        return frozenset()
    keys = [_column_key(column.label) for column in columns]
    named = {i for i, key in enumerate(keys) for cell in header if cell and (key in cell or cell in key)}
    return frozenset(named) if 0 < len(named) == count < len(columns) else frozenset()


def _empty_totals(rows: dict[str, tuple[Decimal | None, ...]], statuses: dict[str, tuple[CellStatus, ...]],
                  drafts: dict[str, RowDraft],
                  loose: list[RowDraft], say: Callable[[str, str, RowDraft], None]) -> list[RowDraft]:
    """A row's total printed empty beside six counts, where a loose number of the table
    (text from a PDF moves a row's last cell away) is the row's sum: that number is the
    total, and said. Returns the loose numbers left."""
    left = list(loose)
    for key, values in rows.items():
        *parts, total = values
        draft = drafts.get(key)
        # Only a cell printed empty: a dash or 无 is the report's own word that it is blank.
        empty = draft is not None and len(draft.cells) == len(values) and not draft.cells[-1].text.strip()
        if total is not None or not empty or not all(isinstance(v, Decimal) for v in parts):
            continue
        assert draft is not None
        forced = sum((v for v in parts if v is not None), Decimal(0))
        found = [line for line in left if [c.value for c in line.values] == [forced]]
        if len(found) != 1:
            continue
        left.remove(found[0])
        rows[key] = (*parts, forced)
        statuses[key] = (*statuses[key][:-1], "recovered")
        say("value-recovered", f"{draft.label}: the total is printed empty, and the loose "
            f"{_show(forced)} at line {found[0].line.number} is its six columns' sum", draft)
    return left


def _appeal_cells(key: str | None, n: int) -> tuple[Cell, ...]:
    """The cells of an appeals row of ``n`` cells: one group's (the row's ``key``), or the
    whole table's printed as one row, group after group."""
    groups = [key] if key is not None else [g for g, _ in APPEAL_GROUPS[:n // len(APPEAL_COLUMNS)]]
    return tuple((group, c.key) for group in groups for c in APPEAL_COLUMNS)


def _matrix_accepts(identities: tuple[Placed, ...], table: list[Sequence[Decimal | None] | None],
                    at: int) -> Callable[[tuple[Decimal | None, ...]], bool]:
    """Whether a reading of the row at ``at`` of ``table`` (the matrix as read so far) keeps
    ``identities`` (those the row takes part in) where their cells are all known. Identities
    without the row say nothing about which reading is right; no count is negative. The other
    rows are summed once here, not once per reading."""
    checks = [check for identity in identities if (check := identity.on_row(table, at)) is not None]

    def accepts(reading: tuple[Decimal | None, ...]) -> bool:
        if any(v is not None and v < 0 for v in reading):
            return False
        return all(check.allows(reading) for check in checks)

    return accepts


def assemble(doc: Document, template: TemplateId, diagnostics: list[Diagnostic]) -> Report:
    """Fit the tables to ``template`` and freeze the report."""
    assembler = _Assembler(doc, template, diagnostics)
    proactive = assembler.proactive()
    requests = assembler.requests()
    appeals = assembler.appeals()
    meta = dict(doc.meta)
    published = meta.get("published")
    meta["published"] = _date(label_key(published)) if isinstance(published, str) else None
    meta["template"] = template
    fields = {f.name for f in attrs.fields(Meta)}
    for table, drafts in (("proactive", [item.row for item in doc.items]), ("requests", doc.matrix),
                          ("appeals", doc.appeals)):
        if drafts and not any(draft.cells for draft in drafts):
            assembler.ledger.labels_alone(table)
    truncated = next((d for d in diagnostics if d.code == "report-truncated"), None)
    statuses = assembler.ledger.statuses()
    diagnostics += assembler.ledger.losses(statuses, doc.sections, truncated)
    return Report(
        meta=Meta(**{k: v for k, v in meta.items() if k in fields}),
        sections=tuple(doc.sections),
        proactive=proactive,
        requests=requests,
        appeals=appeals,
        diagnostics=tuple(diagnostics),
        statuses=statuses,
    )

