"""Stage 5, build the model: a lark Transformer run by the LALR parser, then the tables.

The Transformer gathers what the grammar recognised (meta fields, sections, the rows of each
section's table, the closing) as the parser reduces; :func:`assemble` then fits each row's
cells to the template's columns, recovers lost cells where arithmetic forces them, and
freezes everything into a :class:`~gkreport.model.Report`.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import attrs
from lark import Token, Transformer, v_args

from .bodies import organ_of_title
from .diagnostics import Diagnostic
from .interleaved import place_by_order
from .model import (
    AppealGroup,
    Appeals,
    ApplicantMatrix,
    ClauseItem,
    Meta,
    Report,
    RequestRow,
    Section,
)
from .normalise import Line, label_key
from .patterns import DATE, ISO_DATE, TITLE
from .recover import Fit, fit, resolve, solve_sum
from .template import (
    APPEAL_COLUMNS,
    APPEAL_GROUPS,
    APPLICANT_COLUMNS,
    BALANCE_ROWS,
    EMPTY_MARKS,
    TEMPLATES,
    Column,
    TemplateId,
)
from .tokens import Header, Heading, MetaField, RowDraft
from .unglue import APPEAL_SUMS, MATRIX_SUMS, Identity, Kind, Run, Sum, matrix_identities, solve
from .unglue import Row as UnglueRow

__all__ = ["Document", "DocumentBuilder", "assemble", "clause_items"]


@attrs.define
class Document:
    """What the parser recognised, before the tables are fitted to the template."""

    meta: dict[str, Any] = attrs.field(factory=dict)
    sections: list[Section] = attrs.field(factory=list)
    items: list[tuple[RowDraft, str | None]] = attrs.field(factory=list)  # (row, header unit)
    matrix: list[RowDraft] = attrs.field(factory=list)
    appeals: list[RowDraft] = attrs.field(factory=list)
    #: The parts that stood out of the template's order (``part-misplaced``).
    diagnostics: list[Diagnostic] = attrs.field(factory=list)


def _text(line: Line) -> str:
    """A line's text as printed, without padding or markdown/bullet markers."""
    text = line.raw.replace("\u00a0", " ").replace("\u3000", " ").strip()
    return _DECORATION.sub("", text).strip()


# The markers the tokenizer reads past (markdown headings, bullets, "- " list items), in
# either width: the tokenizer reads them normalised, this the line as printed.
_DECORATION = re.compile(r"^(?:[#＃]{1,6}\s*|[•·●▪■◆*>＊＞]\s*|[-－]\s+)")


@attrs.frozen
class Table:
    """A table section's text and rows, each row with the unit its clause table's header
    states (None outside 二)."""

    paragraphs: list[str]
    rows: list[tuple[RowDraft, str | None]]


@attrs.frozen
class Closing:
    """The issuing body and the date that close the report."""

    signature: str | None
    date: datetime.date | None


@attrs.frozen
class Part:
    """One section as the grammar read it: the section, its table's rows, its closing."""

    section: Section
    rows: list[tuple[RowDraft, str | None]] = attrs.field(factory=list)
    closing: Closing | None = None

    @property
    def drafts(self) -> list[RowDraft]:
        return [row for row, _ in self.rows]


@v_args(inline=True)
class DocumentBuilder(Transformer[Token, Document]):
    """Callbacks of the grammar's rules, called as the parser reduces. Each returns a typed
    value; a rule's children are what the grammar says they are (``[x]`` gives None)."""

    def front_matter(self, *tokens: Token) -> list[MetaField]:
        return [t.value for t in tokens if t.type == "META"]

    preamble = front_matter

    def title(self, token: Token) -> Line:
        line: Line = token.value
        return line

    def text(self, *tokens: Token) -> list[str]:
        return _paragraphs(tokens)

    def overview(self, heading: Token, text: list[str]) -> Part:
        return Part(_section(heading, text))

    problems = overview

    def clause_rows(self, *tokens: Token) -> Table:
        return Table(_paragraphs(tokens), clause_items(tokens))

    def clause_table(self, heading: Token, table: Table) -> Table:
        return table  # the clause heading starts a table: its rows' unit is its header's

    def proactive(self, heading: Token, table: Table, *tables: Table) -> Part:
        tables = (table, *tables)
        paragraphs = [p for t in tables for p in t.paragraphs]
        return Part(_section(heading, paragraphs), [row for t in tables for row in t.rows])

    def applicant_matrix(self, *tokens: Token) -> Table:
        return Table(_paragraphs(tokens), [(t.value, None) for t in tokens if t.type == "MATRIX_ROW"])

    def appeals_table(self, *tokens: Token) -> Table:
        return Table(_paragraphs(tokens), [(t.value, None) for t in tokens if t.type == "APPEALS_ROW"])

    def requests(self, heading: Token, table: Table) -> Part:
        return Part(_section(heading, table.paragraphs), table.rows)

    appeals = requests

    def other_matters(self, heading: Token, *rest: Any) -> Part:
        # OTHER_MATTERS_HEADING _text* [closing]: the closing, or None, comes last.
        *text, closing = rest
        return Part(_section(heading, _paragraphs(text)), closing=closing)

    def signature(self, token: Token) -> Token:
        # The grammar read this short line as the signature: the closing sees it as one.
        return Token.new_borrow_pos("SIGNATURE", token.value, token)

    def closing(self, *tokens: Token) -> Closing:
        signature = next((_text(t.value) for t in tokens if t.type == "SIGNATURE"), None)
        date = next((t.value for t in tokens if t.type == "DATE"), None)
        return Closing(signature, _date(label_key(date.text)) if date is not None else None)

    def start(self, front: list[MetaField], title: Line | None, preamble: list[MetaField] | None,
              overview: Part | None, proactive: Part | None, requests: Part | None,
              appeals: Part | None, problems: Part | None, other_matters: Part | None) -> Document:
        doc = Document()
        for field in (*front, *(preamble or ())):
            doc.meta.setdefault(field.key, field.value)
        if title is not None:
            _title(doc.meta, title)
        parts = (overview, proactive, requests, appeals, problems, other_matters)
        doc.sections = [part.section for part in parts if part is not None]
        doc.items = proactive.rows if proactive else []
        doc.matrix = requests.drafts if requests else []
        doc.appeals = appeals.drafts if appeals else []
        closing = other_matters.closing if other_matters else None
        if closing is not None:
            doc.meta["signature"] = closing.signature
            doc.meta["signature_date"] = closing.date
        return doc


def _section(heading: Token, paragraphs: list[str]) -> Section:
    head: Heading = heading.value
    text = _text(head.line)
    if head.rest:
        text = text.split()[0]  # the heading alone, without the table run on after it
    return Section(head.key, text, tuple(paragraphs), head.line.number)


def _paragraphs(tokens: Iterable[Token]) -> list[str]:
    """The section's text: its paragraphs, sub-headings, short lines and the notes that are
    lines of their own."""
    return [_text(t.value) for t in tokens
            if t.type in _PROSE or (t.type == "NOTE" and _whole(t.value))]


_PROSE = frozenset({"PARA", "SUBHEADING", "SHORT_LINE"})


def clause_items(tokens: Iterable[Token]) -> list[tuple[RowDraft, str | None]]:
    """The item rows among ``tokens``, each with the unit of the header above it: a header
    row after other header rows continues them (its unit, or theirs); after anything else
    it starts a table of its own."""
    items = []
    unit = None
    after_header = False
    for token in tokens:
        if token.type == "ITEM_HEADER":
            header: Header = token.value
            unit = header.unit or (unit if after_header else None)
        elif token.type == "ITEM_ROW":
            items.append((token.value, unit))
        after_header = token.type == "ITEM_HEADER"
    return items


def _whole(line: Line) -> bool:
    """A note that is a line of text of its own (prose under 二, 三 or 四), not a text cell
    among a table row's cells: those stand between tabs or pipes, or before the row's values
    (whose diagnostics name them)."""
    text = line.text.strip()
    words = text.split()
    return ("\t" not in text and not text.startswith("|")
            and not (len(words) > 1 and (words[-1] in EMPTY_MARKS or _ROW_VALUE.match(words[-1]))))


_ROW_VALUE = re.compile(r"^[+-]?\d+(?:\.\d+)?$")


def _title(meta: dict[str, Any], line: Line) -> None:
    meta["title"] = _text(line)
    m = TITLE.match(label_key(line.text))
    if m:
        meta["organ"] = organ_of_title(m.group("organ"))
        meta["year"] = int(m.group("year"))


def _date(text: str) -> datetime.date | None:
    m = DATE.match(text) or ISO_DATE.match(text)
    if not m:
        return None
    try:
        return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


# -- fitting tables ---------------------------------------------------------------------


class _Assembler:
    def __init__(self, doc: Document, template: TemplateId, diagnostics: list[Diagnostic]) -> None:
        self.doc = doc
        self.template = TEMPLATES[template]
        self.diagnostics = diagnostics

    def diag(self, code: str, message: str, row: RowDraft) -> None:
        self.diagnostics.append(Diagnostic(code, message, row.line.number, row.line.start + row.column,
                                           row.line.raw))

    @staticmethod
    def _cells(row: RowDraft) -> list[Decimal | None]:
        return [c.value if c.kind == "value" else None for c in row.cells]

    @staticmethod
    def _printed(row: RowDraft) -> str:
        return " ".join(c.text for c in row.values) or "(none)"

    def _fit(self, row: RowDraft, n: int) -> Fit:
        result = fit(self._cells(row), n)
        if result.extra:
            self.diag("cells-extra",
                      f"{row.label or 'row'}: {len(row.values)} values for {n} columns "
                      f"({self._printed(row)}); left None", row)
        return result

    # proactive ------------------------------------------------------------------------

    def proactive(self) -> dict[str, ClauseItem]:
        items: dict[str, ClauseItem] = {}
        for row, unit in self.doc.items:
            item = self.template.proactive_item(row.key or "")
            if item is None:
                self._unknown(row)
                continue
            if item.key in items:
                self.diag("row-duplicate", f"{row.label} appears again ({self._printed(row)})", row)
                continue
            n = len(item.columns)
            run = _run_of(row, n)
            if run is not None:
                kinds: tuple[Kind, ...] = tuple(c.kind for c in item.columns)
                names = [c.key for c in item.columns]
                result = Fit(self._unglue({item.key: (row, run)}, {}, kinds, (), (), names)[item.key])
            else:
                result = self._fit(row, n)
            values = result.values
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
                      f"{self._printed(row)} were not placed", row)

    # requests -------------------------------------------------------------------------

    def requests(self) -> ApplicantMatrix:
        keys = self.template.request_keys
        n = len(APPLICANT_COLUMNS)
        rows: dict[str, tuple[Decimal | None, ...]] = {}
        lines: dict[str, int] = {}
        pending: dict[str, tuple[RowDraft, Fit]] = {}
        glued: dict[str, tuple[RowDraft, Run]] = {}
        labels = {row.key: row.label for row in self.template.requests}
        for row in place_by_order(self.doc.matrix, labels, n, self.diag):
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
            run = _run_of(row, n)
            if run is not None:
                glued[row.key] = (row, run)
                continue
            result = self._fit(row, n)
            if result.values is not None:
                rows[row.key] = result.values
            elif result.candidates:
                pending[row.key] = (row, result)
            else:
                rows[row.key] = (None,) * n
        if glued:
            # Rows run together: split them all at once, the rows read so far fixed; rows
            # with lost cells are not known yet and silence the identities they are in.
            rows.update(self._unglue(glued, rows, _counts(n), MATRIX_SUMS,
                                     matrix_identities(self.template), [c.key for c in APPLICANT_COLUMNS]))
        # Lost cells: recover what the identities force, row by row, until nothing changes.
        progress = True
        while pending and progress:
            progress = False
            for key, (row, result) in list(pending.items()):
                accepts = functools.partial(_matrix_accepts, self.template.outcome_keys, rows, key)
                reading = resolve(result.candidates, _solve_request, accepts)
                if reading is not None:
                    rows[key] = reading
                    del pending[key]
                    progress = True
                    self.diag("value-recovered",
                              f"{row.label}: {len(row.values)} values for {n} columns; "
                              f"the lost cell follows by arithmetic: "
                              f"{' '.join(_show(v) for v in reading)}", row)
        for key, (row, _) in pending.items():
            rows[key] = (None,) * n
            self.diag("cells-missing", f"{row.label}: {len(row.values)} values for {n} columns "
                      f"({self._printed(row)}); which cell is lost is unknown, so the row is None",
                      row)
        built = {}
        for key in keys:
            values = rows.get(key, (None,) * n)
            built[key] = RequestRow(**_columns(APPLICANT_COLUMNS, values), line=lines.get(key, 0))
        return ApplicantMatrix(built)

    # appeals --------------------------------------------------------------------------

    def appeals(self) -> Appeals:
        groups: dict[str, AppealGroup] = {}
        n = len(APPEAL_COLUMNS)
        for row in self.doc.appeals:
            if row.key is not None:
                if row.key in groups:
                    self.diag("row-duplicate", f"{row.label} appears again", row)
                    continue
                values = self._appeal_values(row, n)
                groups[row.key] = AppealGroup(**_columns(APPEAL_COLUMNS, values), line=row.line.number)
                continue
            if groups:
                if row.values:
                    self.diag("value-unassigned",
                              f"appeals values {self._printed(row)} after the table was read", row)
                continue
            values = self._appeal_values(row, n * len(APPEAL_GROUPS))
            for g, (key, _) in enumerate(APPEAL_GROUPS):
                chunk = values[g * n:(g + 1) * n]
                groups[key] = AppealGroup(**_columns(APPEAL_COLUMNS, chunk), line=row.line.number)
        return Appeals(**{key: groups.get(key, AppealGroup()) for key, _ in APPEAL_GROUPS})

    def _appeal_values(self, row: RowDraft, n: int) -> tuple[Decimal | None, ...]:
        run = _run_of(row, n)
        if run is not None:
            groups = n // len(APPEAL_COLUMNS)
            sums = tuple(((*(g * len(APPEAL_COLUMNS) + c for c in columns),), g * len(APPEAL_COLUMNS) + total)
                         for g in range(groups) for columns, total in APPEAL_SUMS)
            names = [f"{key}.{c.key}" if groups > 1 else c.key
                     for key, _ in APPEAL_GROUPS[:groups] for c in APPEAL_COLUMNS]
            return self._unglue({row.key or "appeals": (row, run)}, {}, _counts(n), sums, (),
                                names)[row.key or "appeals"]
        result = self._fit(row, n)
        if result.values is not None:
            return result.values
        if result.candidates:
            reading = resolve(result.candidates, _solve_appeals)
            if reading is not None:
                self.diag("value-recovered",
                          f"review and litigation: {len(row.values)} values for {n} cells; the "
                          f"lost cell follows by arithmetic: {' '.join(_show(v) for v in reading)}",
                          row)
                return reading
            self.diag("cells-missing",
                      f"review and litigation: {len(row.values)} values for {n} cells "
                      f"({self._printed(row)}); which cell is lost is unknown", row)
        return (None,) * n


    def _unglue(self, glued: dict[str, tuple[RowDraft, Run]], fixed: dict[str, tuple[Decimal | None, ...]],
                kinds: tuple[Kind, ...], sums: tuple[Sum, ...], identities: Sequence[Identity],
                names: Sequence[str]) -> dict[str, tuple[Decimal | None, ...]]:
        """Split the runs of ``glued`` rows by the arithmetic, and say how each was split."""
        rows = [UnglueRow(key, kinds, values=values) for key, values in fixed.items()]
        rows += [UnglueRow(key, kinds, run, sums=sums) for key, (_, run) in glued.items()]
        out = {}
        for key, split in solve(rows, identities).items():
            row = glued[key][0]
            said = split.describe(row.label or "review and litigation", names)
            if said is not None:
                self.diag(*said, row)
            out[key] = split.values
        return out


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


def _show(value: Decimal | None) -> str:
    return "_" if value is None else str(value)


def _columns(columns: Sequence[Column], values: Sequence[Decimal | None]) -> dict[str, Any]:
    return {c.key: _count(v) for c, v in zip(columns, values, strict=True)}


def _count(value: Decimal | None) -> Any:
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return value


def _solve_request(row: list[object]) -> list[object] | None:
    return solve_sum(row, range(6), 6)


def _solve_appeals(row: list[object]) -> list[object] | None:
    for start in range(0, len(row), 5):
        solved = solve_sum(row, range(start, start + 4), start + 4)
        if solved is None:
            return None
        row = solved
    return row


def _matrix_accepts(
    outcome_keys: tuple[str, ...], rows: dict[str, tuple[Decimal | None, ...]], key: str,
    reading: tuple[Decimal | None, ...],
) -> bool:
    """Does ``reading`` for row ``key`` keep every identity it takes part in whose cells are
    all known? Identities without the row say nothing about which reading is right."""
    if any(v is not None and v < 0 for v in reading):
        return False
    if not _adds_up(reading[:-1], reading[-1]):
        return False
    table = {**rows, key: reading}
    blank = (None,) * len(reading)
    if key in _BALANCE_KEYS:
        (a, b), (t, f) = ((table.get(k, blank) for k in pair) for pair in BALANCE_ROWS)
        for c in range(len(reading)):
            if not _adds_up((a[c], b[c], _negated(f[c])), t[c]):
                return False
    if key in outcome_keys or key == "total":
        totals = table.get("total", blank)
        parts = [table.get(k, blank) for k in outcome_keys]
        for c, total in enumerate(totals):
            if not _adds_up([p[c] for p in parts], total):
                return False
    return True


def _adds_up(parts: Sequence[Decimal | None], total: Decimal | None) -> bool:
    """``sum(parts) == total``, or True when a cell is blank and the identity says nothing."""
    # `is None` on purpose: `None in parts` compares Decimals with None through the
    # numbers ABCs, which made recovery the slowest stage of a damaged report.
    if total is None:
        return True
    known = Decimal(0)
    for part in parts:
        if part is None:
            return True
        known += part
    return known == total


def _negated(value: Decimal | None) -> Decimal | None:
    return None if value is None else -value


_BALANCE_KEYS = frozenset(k for pair in BALANCE_ROWS for k in pair)


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
    return Report(
        meta=Meta(**{k: v for k, v in meta.items() if k in fields}),
        sections=tuple(doc.sections),
        proactive=proactive,
        requests=requests,
        appeals=appeals,
        diagnostics=tuple(diagnostics),
    )

