"""Stage 3, tokenize: normalised lines become the few hundred tokens the grammar reads.

The tokenizer does the line-level work the grammar should not: it classifies each line as
metadata, title, section heading, clause heading, table header, table row, note or prose,
and, inside the tables, reassembles rows from whatever layout the copy took (a row per
line with tabs, one cell per line, cells glued with spaces, markdown pipes), resolving each
row label to its key. Every repair is recorded as a :class:`~gkreport.diagnostics.Diagnostic`.

Tokens are lark :class:`~lark.Token` objects whose ``value`` is the payload: a
:class:`RowDraft` for rows, the :class:`~gkreport.normalise.Line` for text, and so on.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

import attrs
from lark import Token

from .diagnostics import Diagnostic
from .labels import LabelMatch, is_header, matcher, strip_numbering
from .normalise import Line, compact, label_key
from .template import (
    EMPTY_MARKS,
    FURNITURE,
    META_FIELDS,
    NUMERALS,
    PAGE_NUMBER,
    SECTIONS,
    TEMPLATES,
    UNITS,
    Section,
    TemplateId,
)
from .unglue import parts as glued_parts

__all__ = ["Cell", "RowDraft", "Tokenizer", "detect_template"]

Table = Literal["proactive", "requests", "appeals"]

_VALUE = re.compile(
    r"^(?P<sign>[+-])?(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?"
    r"(?P<unit>" + "|".join(UNITS) + r"|%)?$"
)
_CLAUSE = re.compile(r"^第二十条第?\(([一二三四五六七八九十]+)\)项")
# The same, in text that still has its spaces (a flattened table may hold several).
_CLAUSE_IN_TEXT = re.compile(r"第\s*二\s*十\s*条\s*第?\s*\(\s*([一二三四五六七八九十]+)\s*\)\s*项")
_SECTION = re.compile(r"^(?:第)?([一二三四五六七八九十])(?:、|\.|,|\s|部分)")
_TITLE = re.compile(
    r"^(?P<organ>.*?)(?P<year>(?:19|20)\d{2})年度?(?P<rest>.*(?:政府信息公开|政务公开|信息公开).*报告)$"
)
# The date that closes a report (2021年1月12日, …印发), alone on its line or within one.
_DATE_WORDS = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日(?:印发|发布)?"
_DATE = re.compile(f"^{_DATE_WORDS}$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})")
_DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,16}[〔\[(]\d{4}[〕\])]\d{1,5}号$")
_SUB_NUMBERING = re.compile(r"^(?:\(|\d)")
_MARKDOWN = re.compile(r"^\s*(#{1,6})\s*")
_BULLET = re.compile(r"^\s*(?:[•·●▪■◆\*>]|-\s)\s*")
_PIPE_RULE = re.compile(r"^\|?\s*:?-{3,}")
_PROSE_MARKS = ("。", ";", "!", "?")
_PROSE_MARK = re.compile("|".join(map(re.escape, _PROSE_MARKS)))
# The first characters of a markdown heading or a bullet (_MARKDOWN, _BULLET).
_MARKUP_STARTS = frozenset("#•·●▪■◆*>-")


@attrs.define(slots=True)
class Cell:
    """One cell of a table as the copy printed it."""

    text: str
    line: Line
    column: int
    kind: Literal["value", "blank", "text"]
    value: Decimal | None = None
    unit: str | None = None
    #: No tab, pipe or line stood between this cell and the row's others: its digits may
    #: hold several cells (see :mod:`gkreport.unglue`).
    run: bool = False


def make_cell(text: str, line: Line, column: int) -> Cell:
    text = text.strip()
    if text.isdigit() and text.isascii():  # most cells: a plain count
        return Cell(text, line, column, "value", Decimal(text))
    if not text or text in EMPTY_MARKS:
        return Cell(text, line, column, "blank")
    m = _VALUE.match(text)
    if m is None:
        return Cell(text, line, column, "text")
    digits = m["num"].replace(",", "") + (m["frac"] or "")
    try:
        value = Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        return Cell(text, line, column, "text")
    if m["sign"] == "-":
        value = -value
    return Cell(text, line, column, "value", value, m["unit"] if m["unit"] != "%" else None)


@attrs.define(slots=True)
class RowDraft:
    """A table row being read: its label, resolved key and the cells that follow it."""

    table: Table
    key: str | None
    label: str
    line: Line
    column: int
    cells: list[Cell] = attrs.field(factory=list)
    #: What of a split label is still to come (4. 保护第三方合 … 法权益), or may come (a
    #: parenthetical wrapped onto the next line).
    rest: str = ""
    #: The label was read from its first part alone, so its rest must come.
    cut: bool = False
    #: The label is a group's (三、本年度办理结果, (六)其他处理), not a row's.
    group: bool = False

    @property
    def values(self) -> list[Cell]:
        return [c for c in self.cells if c.kind == "value"]


@attrs.define(slots=True)
class Heading:
    key: str
    line: Line
    #: The table that ran on after the heading on its line, if any (a flattened copy).
    rest: str = ""


@attrs.define(slots=True)
class Clause:
    number: int
    line: Line


@attrs.define(slots=True)
class Header:
    cells: list[Cell]
    line: Line

    @property
    def unit(self) -> str | None:
        for cell in self.cells:
            for unit in ("万元", "元"):
                if unit in cell.text:
                    return unit
        return None


@attrs.define(slots=True)
class MetaField:
    key: str
    value: str
    line: Line


def detect_template(lines: Iterable[Line], year: int | None) -> tuple[TemplateId, bool]:
    """Tell the template from the wording of its tables; fall back on the year.

    Returns the template and whether it was told from the tables.
    """
    text = compact("".join(line.text for line in lines))
    votes = {tid: sum(text.count(m) for m in markers) for tid, markers in _MARKER_KEYS.items()}
    if votes["2019"] != votes["2021"]:
        return ("2019" if votes["2019"] > votes["2021"] else "2021"), True
    if year is not None and year <= 2020:
        return "2019", False
    return "2021", False


def _numeral(text: str) -> int | None:
    value = 0
    for ch in text:
        n = NUMERALS.get(ch)
        if n is None:
            return None
        value = value * 10 + n if n < 10 else (value or 1) * 10
    return value


def _section(text: str, markdown: bool) -> str | None:
    """The section key if ``text`` is a section heading (一、总体情况 … 六、其他需要报告的事项)."""
    key = compact(text)
    if len(key) > 40 or any(mark in key for mark in _PROSE_MARKS):
        return None
    m = _SECTION.match(text.strip())
    number = NUMERALS.get(m.group(1)) if m else None
    # A markdown heading may drop the numeral, but (二)… or 2. numbers a sub-heading.
    if number is None and (not markdown or _SUB_NUMBERING.match(key)):
        return None
    for section in SECTIONS:
        if (number is None or number == section.number) and any(s in key for s in section.stems):
            return section.key
    return None


class Tokenizer:
    """Turns the lines of one report into tokens; collects the repairs it makes."""

    def __init__(self, lines: list[Line], template: TemplateId) -> None:
        self.lines = lines
        self.template = template
        self.diagnostics: list[Diagnostic] = []
        self.tokens: list[Token] = []
        self._section: str | None = None
        self._table: Table | None = None
        self._row: RowDraft | None = None
        self._appeals: RowDraft | None = None
        self._header: Header | None = None
        self._group: str | None = None
        self._group_label = False  # a group label was the last label read
        self._pending: Cell | None = None  # an unmatched text cell that may start a label
        self._title_seen = False
        self._closing = False
        #: Numbers of the current line that no row takes, named in one diagnostic a line.
        self._stray: list[Cell] = []
        self._stray_lines = 0
        #: Past _STRAY_LINES_NAMED such lines (a huge file of junk), only counted: how many
        #: numbers, from which line to which.
        self._unnamed = 0
        self._unnamed_lines: tuple[Line, Line] | None = None

    # -- output -----------------------------------------------------------------------

    def _emit(self, type_: str, payload: Any, line: Line, column: int = 1) -> None:
        # The payload is set after construction: lark's Token is a str and would otherwise
        # spend time on str(payload), which nothing reads.
        token = Token(type_, type_, line=line.number, column=line.start + column)
        token.value = payload
        self.tokens.append(token)

    def repair(self, code: str, message: str, line: Line, column: int = 1) -> None:
        self._flush_stray()  # the diagnostics stay in the order of their lines
        self.diagnostics.append(Diagnostic(code, message, line.number, line.start + column, line.raw))

    def _stray_value(self, cell: Cell) -> None:
        if self._stray and self._stray[0].line is not cell.line:
            self._flush_stray()
        self._stray.append(cell)

    def _flush_stray(self) -> None:
        if not self._stray:
            return
        cells, self._stray = self._stray, []
        self._stray_lines += 1
        if self._stray_lines > _STRAY_LINES_NAMED:
            line = cells[0].line
            self._unnamed += len(cells)
            self._unnamed_lines = (self._unnamed_lines[0] if self._unnamed_lines else line, line)
            return
        numbers = " ".join(c.text for c in cells)
        what = f"the number {numbers} stands" if len(cells) == 1 else f"the numbers {numbers} stand"
        self.repair("value-unassigned", f"{what} in the table outside any row", cells[0].line,
                    cells[0].column)

    # -- driver -----------------------------------------------------------------------

    def run(self) -> list[Token]:
        self.lines = [piece for line in self.lines for piece in self._unflatten(line)]
        headings = [self._heading_of(line.text) if line.text else None for line in self.lines]
        last_section = max((i for i, h in enumerate(headings) if h), default=-1)
        for index, line in enumerate(self.lines):
            text = line.text
            if not text:
                continue
            if self._table is not None and text[-1].isdigit() and self._count_line(line):
                continue
            self._line(line, headings[index], after_last_section=index > last_section)
        self._close_table()
        self._flush_stray()
        if self._unnamed_lines:
            first, last = self._unnamed_lines
            self.diagnostics.append(Diagnostic(
                "value-unassigned", f"{self._unnamed} more numbers on lines {first.number}-"
                f"{last.number} stand in the table outside any row (past {_STRAY_LINES_NAMED} "
                "lines, not named one by one)", first.number, 1, first.raw))
        return self.tokens

    def _unflatten(self, line: Line) -> list[Line]:
        """A whole report printed as one line (a crawler's text), cut before and after each
        section heading, around its title, and around the signature and date that close it."""
        text = line.text
        if len(text) < _FLATTENED_MIN:
            return [line]
        cuts: list[int] = []
        last = 0
        for m in _HEADING_IN_TEXT.finditer(text):
            span = _heading_span(text, m)
            if span is None or span[0].number <= last:
                continue
            section, end = span
            last = section.number
            cuts += [m.start(), end]
        # Each section of a report has content; headings only listed in a sentence have none.
        ends, starts = cuts[1::2], [*cuts[2::2], len(text)]
        after = [text[end:start] for end, start in zip(ends, starts, strict=False)]
        if sum(1 for content in after if content.strip()) < _FLATTENED_HEADINGS:
            return [line]
        title = _TITLE_IN_TEXT.search(text, 0, cuts[0])
        if title:
            cuts[:0] = [title.start(), title.end()]
        # The signature and date close the report; only the page's furniture follows them.
        end = cuts[-1]
        for closing in _CLOSING_IN_TEXT.finditer(text, end):
            cuts += [closing.start(), closing.start("date"), closing.end()]
        if cuts[-1] != end:
            tail = list(re.finditer(r"\S+", text[cuts[-1]:]))
            if all(compact(w[0]) in _FURNITURE_KEYS or "此件" in w[0] for w in tail):
                cuts += [cuts[-1] + w.start() for w in tail]
        bounds = [0, *cuts, len(text)]
        # Normalising maps character for character unless it dropped zero-width characters
        # or joined spaced-out ones: then the printed pieces are the normalised ones.
        raw = line.raw if len(line.raw) == len(text) else text
        pieces = [Line(line.number, raw[a:b], text[a:b], a)
                  for a, b in itertools.pairwise(bounds) if text[a:b].strip()]
        self.repair("report-flattened", f"the report stood on one line; cut into {len(pieces)} "
                    "lines at its title, section headings and closing", line)
        return pieces

    def _count_line(self, line: Line) -> bool:
        """The common line of one-cell-per-line copies, a bare count, read without the rest."""
        text = line.text
        count = text.strip()
        if self._closing or not count.isascii() or not count.isdigit() or "\t" in text.lstrip():
            return False
        # Leading tabs are layout (see _table_line): the cell starts after the last of them.
        self._value_cell(Cell(count, line, text.rfind("\t") + 2, "value", Decimal(count)))
        return True

    @staticmethod
    def _heading_of(text: str) -> str | None:
        text = text.strip()
        if not text or text[0] not in _HEADING_STARTS:
            return None
        md = _MARKDOWN.match(text)
        body = _BULLET.sub("", text[md.end():] if md else text)
        if len(text) <= 60:
            section = _section(body, bool(md))
            if section is not None:
                return section
        # A flattened copy: the heading of 二, 三 or 四 with its table run on after it.
        first, _, rest = body.partition(" ")
        section = _section(first, bool(md)) if rest else None
        if (section in _SECTION_TABLES and _VALUE_IN_TEXT.search(rest)
                and not _PROSE_MARK.search(rest)):
            return section
        # ... or with nothing between them (…申请情况一、本年新收…640020470二、…).
        glued = _table_run_on(body)
        return glued[0].key if glued else None

    def _line(self, line: Line, section: str | None, *, after_last_section: bool) -> None:
        text = line.text
        stripped = text.strip()
        if not stripped:
            if text and self._table is not None and not self._closing:
                # A line of only spaces is a blank cell in one-cell-per-line copies.
                self._cell(Cell("", line, len(text), "blank"))
            return
        flat = stripped
        if stripped[0] in _MARKUP_STARTS:
            md = _MARKDOWN.match(text)
            body = text[md.end():] if md else text
            body = _BULLET.sub("", body) if _BULLET.match(body) else body
            flat = body.strip()
        key = compact(flat)

        if stripped[-1] in _PAGE_NUMBER_ENDS and _PAGE_NUMBER.match(stripped):
            return  # furniture of a printed page, wherever it falls
        if key in _FURNITURE_KEYS:
            if self._section is None or after_last_section:
                self._close_table()
                self._emit("FURNITURE", line, line)
            return
        if section is not None:
            self._close_table()
            self._section = section
            self._table = _SECTION_TABLES.get(section)
            self._group = None
            rest = self._after_heading(flat)
            self._emit(f"{section.upper()}_HEADING", Heading(section, line, rest), line)
            if rest:  # a flattened copy: the table runs on after its section's heading
                if _CLAUSE_IN_TEXT.match(rest):
                    self._clause_line(line, rest, len(text) - len(rest))
                else:
                    self._table_line(line, rest, len(text) - len(rest))
            return
        if self._section is None and self._front_matter(line, flat, key):
            return
        if self._section == "other_matters" and after_last_section and self._closing_line(line, key):
            return
        if _CLAUSE.match(key):
            self._clause_line(line)
            return
        if self._table is not None and not self._closing and not self._is_prose(key, text):
            self._table_line(line)
            return
        self._close_row()
        self._flush_appeals()
        if self._table is not None:
            self._emit("NOTE", line, line)
        elif _is_subheading(flat):
            self._emit("SUBHEADING", line, line)
        elif self._section == "other_matters" and after_last_section and _is_signature(text):
            self._emit("SHORT_LINE", line, line)  # the issuing body if the date follows: the grammar tells
        else:
            self._emit("PARA", line, line)

    # -- front and back matter ----------------------------------------------------------

    def _front_matter(self, line: Line, flat: str, key: str) -> bool:
        fields = _meta_fields(flat)
        for name, value in fields:
            self._emit("META", MetaField(name, value, line), line)
        if fields:
            return True
        if (not self._title_seen and _TITLE.match(key) and len(key) <= 80 and "。" not in key
                and all(t.type in _FRONT for t in self.tokens)):
            self._title_seen = True
            self._emit("TITLE", line, line)
            return True
        if not self._title_seen and _DOC_NUMBER.match(key):
            self._emit("META", MetaField("document_number", key, line), line)
            return True
        return False

    def _closing_line(self, line: Line, key: str) -> bool:
        if _DATE.match(key):
            self._closing = True
            self._close_table()
            self._emit("DATE", line, line)
            return True
        if "此件主动公开" in key or "此件公开发布" in key:
            self._closing = True
            self._emit("PUBLIC_NOTICE", line, line)
            return True
        if self._closing:
            self._emit("SHORT_LINE" if _is_signature(line.text) else "PARA", line, line)
            return True
        return False

    # -- tables -------------------------------------------------------------------------

    @staticmethod
    def _is_prose(key: str, text: str) -> bool:
        if "\t" in text or "|" in text:
            return False
        if len(key) > 12 and _PROSE_MARK.search(key):
            return True
        return len(key) > 60 and not _VALUE_IN_TEXT.search(text) and glued_parts(key, bool) is None

    def _clause_line(self, line: Line, text: str | None = None, offset: int = 0) -> None:
        """A clause heading; in a flattened copy, also the tables that follow it on its line
        (or in ``text``, a part of the line from column ``offset``+1)."""
        if text is None:
            text = line.text
        marks = list(_CLAUSE_IN_TEXT.finditer(text))
        for i, mark in enumerate(marks):
            self._close_table()
            self._table = "proactive"
            self._emit("CLAUSE_HEADING", Clause(_numeral(mark.group(1)) or 0, line), line,
                       offset + mark.start() + 1)
            rest = text[mark.end():marks[i + 1].start() if i + 1 < len(marks) else len(text)]
            if rest.strip(" \t|"):  # more than the padding of a heading row
                self._table_line(line, rest, offset + mark.end())

    def _table_line(self, line: Line, text: str | None = None, offset: int = 0) -> None:
        """The cells of a table line (or of ``text``, a part of it from column ``offset``+1)."""
        if text is None:
            text = line.text
        if "|" in text and text.strip().startswith("|"):
            if _PIPE_RULE.match(text.strip()):
                return
            pieces = text.strip().strip("|").split("|")
        else:
            pieces = text.split("\t")
        column = 1 + offset
        glued = False
        leading = True
        for piece in pieces:
            parts = piece.split()
            if leading and not parts:
                # Empty cells before a line's first content stand for merged cells to
                # the left (三、本年度办理结果 spanning rows), not for blank values.
                column += len(piece) + 1
                continue
            leading = False
            if len(parts) > 1 and any(_VALUE.match(p) or p in EMPTY_MARKS for p in parts):
                glued = True
                self._split_glued(piece, line, column)
            else:
                self._cell(make_cell(piece, line, column))
            column += len(piece) + 1
        if glued:
            self.repair("cells-glued", "cells separated by spaces were split", line)

    def _split_glued(self, piece: str, line: Line, column: int) -> None:
        words: list[str] = []
        offset = column
        for m in re.finditer(r"\S+", piece):
            part = m.group(0)
            if _VALUE.match(part) or part in EMPTY_MARKS:
                if words:
                    self._cell(make_cell(" ".join(words), line, offset))
                    words = []
                self._cell(attrs.evolve(make_cell(part, line, column + m.start()), run=True))
            else:
                if words and self._starts_cell(part) and strip_numbering(compact(" ".join(words)))[0]:
                    # A header word or a whole label starts a cell of its own (a flattened
                    # header row, or a group label before its first row's label).
                    self._cell(make_cell(" ".join(words), line, offset))
                    words = []
                if not words:
                    offset = column + m.start()
                words.append(part)
        if words:
            self._cell(make_cell(" ".join(words), line, offset))

    def _after_heading(self, flat: str) -> str:
        """What follows a section heading on its line, if it is the start of a table."""
        if self._table is None:
            return ""
        words = flat.split()
        for i, word in enumerate(words[1:], 1):
            if _VALUE.match(word) or self._starts_cell(word):
                return " ".join(words[i:])
        glued = _table_run_on(flat)
        return flat[glued[1]:] if glued else ""

    def _starts_cell(self, word: str) -> bool:
        if is_header(word):
            return True
        key, numbered = strip_numbering(compact(word))
        if numbered and key:
            return True  # numbering (4., (二), 三、) starts a label, even one with a typo
        assert self._table is not None
        found = matcher(self._table, self.template).match(word, group=self._group, fuzzy=False)
        return found is not None and found.how == "exact"

    def _cell(self, cell: Cell) -> None:
        if cell.kind != "text":
            self._value_cell(cell)
            return
        self._text_cell(cell)

    def _value_cell(self, cell: Cell) -> None:
        if self._pending is not None:
            if cell.kind == "blank":
                return  # a wrapped header cell's empty neighbours
            # Values after a text that matched no label: keep them, and say so later.
            self._open_row(None, self._pending.text, self._pending)
            self._pending = None
        header = self._header
        if (self._row is None and cell.kind == "value" and header is not None
                and len(header.cells) == 1 and self._table != "appeals"):
            # A lone header word before values is a row label cut short (其他 / 对外管理服务事项).
            self._header = None
            self._open_row(None, header.cells[0].text, header.cells[0])
        if self._row is not None:
            self._row.cells.append(cell)
            if self._row.group and cell.kind == "value":
                self._group_label = False  # the group label labels a row after all
            return
        if self._table == "appeals":
            if self._appeals is None:
                if cell.kind == "blank" and not cell.text:
                    return  # an empty cell before the row is layout; a dash is a blank value
                self._appeals = RowDraft("appeals", None, "", cell.line, cell.column)
            self._appeals.cells.append(cell)
            return
        if cell.kind == "value":
            self._stray_value(cell)

    def _text_cell(self, cell: Cell) -> None:
        table = self._table
        assert table is not None
        row = self._row
        key = compact(cell.text)
        # The second half of a label split over lines.
        if row is not None and row.rest and row.rest.startswith(key):
            row.rest = row.rest[len(key):]
            self.repair("label-joined", f"label joined across lines: {row.label}", cell.line,
                        cell.column)
            return
        labels = matcher(table, self.template)
        if row is not None and row.key is None and not row.group:
            # The second half of a label wrapped before its first half told it (行政事 /
            # 业性收费), its values beside the first half.
            found = labels.match(row.label + cell.text, group=self._group, fuzzy=False)
            if found is not None:
                self._row = None
                self.repair("label-joined", f"label joined across lines: {found.label}", row.line,
                            row.column)
                self._start(found, Cell(row.label, row.line, row.column, "text"),
                            row.label + cell.text)
                assert self._row is not None
                self._row.cells = row.cells
                return
        found = labels.match(cell.text, group=self._group, fuzzy=False)
        # The first half may have been read as unknown text, or as a header word (其他 /
        # 对外管理服务事项): joined to this cell it may make a label.
        header = self._header
        first = self._pending or (header.cells[-1] if header and header.cells else None)
        if found is None and first is not None:
            joined = first.text + cell.text
            found = labels.match(joined, group=self._group, fuzzy=False)
            if found is not None:
                if first is self._pending:
                    self._pending = None
                elif header is not None:
                    header.cells.pop()
                    if not header.cells:
                        self._header = None
                self.repair("label-joined", f"label joined across cells: {found.label}",
                            first.line, first.column)
                self._start(found, first, joined)
                return
        if found is not None:
            self._pending = None
            self._start(found, cell, cell.text)
            return
        if is_header(cell.text):
            self._header_cell(cell)
            return
        if self._glued(cell):
            return
        found = labels.match(cell.text, group=self._group)  # last, a label with a typo
        if found is not None:
            self._pending = None
            self._start(found, cell, cell.text)
            return
        self._close_row()
        if len(key) > 24:
            self._emit("NOTE", cell.line, cell.line, cell.column)
            return
        self._pending = cell

    def _glued(self, cell: Cell) -> bool:
        """Labels run into their numbers (规章0, 一、本年新收…640020470二、…): each label, and
        each run of digits kept whole for the model builder to split."""
        assert self._table is not None
        labels = matcher(self._table, self.template)
        found = glued_parts(cell.text, lambda text: labels.match(text, group=self._group) is not None)
        if found is None:
            return False
        self.repair("cells-glued", f"{cell.text!r} split into labels and runs of digits", cell.line,
                    cell.column)
        for part in found:
            if not part.run:
                self._cell(make_cell(part.text, cell.line, cell.column + part.start))
                continue
            for at, text, blank in part.atoms():
                self._cell(Cell(text, cell.line, cell.column + at, "blank", run=True) if blank
                           else attrs.evolve(make_cell(text, cell.line, cell.column + at), run=True))
        return True

    def _header_cell(self, cell: Cell) -> None:
        self._close_row()
        self._pending = None
        if self._appeals is not None:
            if self._appeals.values:
                self._flush_appeals()
            else:
                self._appeals = None  # empty cells padding a wrapped header
        if self._header is None:
            self._header = Header([], cell.line)
        self._header.cells.append(cell)

    def _start(self, found: LabelMatch, cell: Cell, text: str) -> None:
        if found.how == "fuzzy":
            self.repair("label-fuzzy", f"{text.strip()!r} read as {found.label!r}", cell.line,
                        cell.column)
        if found.kind == "group":
            # A group label usually stands alone, its rows after it; a copy may still give
            # it values of its own (2021's (六)其他处理 printed as 2019's one row), so it opens
            # a row that is only emitted if values come.
            self._open_row(found.key, text, cell)
            assert self._row is not None
            self._row.group = True
            self._group = found.key
            self._group_label = True
            return
        if found.kind == "appeal_group":
            self._close_row()
            self._open_row(found.key, text, cell)
            return
        member = found.key.split(".")[0] if "." in found.key else None
        # The group label read last, in a cell of its own or glued before this label.
        group = found.glued_to if found.glued_to else self._group if self._group_label else None
        if group not in (None, "outcomes") and member != group:
            self.repair("header-scrambled",
                        f"the group label before {text.strip()!r} is out of place",
                        cell.line, cell.column)
        self._group = member
        self._open_row(found.key, text, cell)
        assert self._row is not None
        self._row.rest = found.rest
        self._row.cut = found.how == "prefix"

    def _open_row(self, key: str | None, label: str, cell: Cell) -> None:
        self._close_row()
        self._group_label = False
        self._flush_header()
        table = self._table
        assert table is not None
        self._row = RowDraft(table, key, label.strip(), cell.line, cell.column)

    def _close_row(self) -> None:
        row = self._row
        if row is None:
            return
        self._row = None
        if row.group and not row.values:
            return
        if row.cut and row.rest:
            # Only the first part of a split label was seen; the row is still that row.
            self.repair("label-joined", f"label read from its first part: {row.label}", row.line,
                        row.column)
        if row.table == "appeals":
            if not row.values:
                return  # 行政复议 standing in the header, not labelling a row
            if len(row.cells) > 5 and row.key is not None:
                # A header group label followed by all fifteen values: a sequential row.
                row = attrs.evolve(row, key=None)
        kind = {"proactive": "ITEM_ROW", "requests": "MATRIX_ROW", "appeals": "APPEALS_ROW"}
        self._emit(kind[row.table], row, row.line, row.column)

    def _flush_header(self) -> None:
        if self._header is None:
            return
        header, self._header = self._header, None
        kind = {"proactive": "ITEM_HEADER", "requests": "MATRIX_HEADER", "appeals": "APPEALS_HEADER"}
        assert self._table is not None
        self._emit(kind[self._table], header, header.line)

    def _flush_appeals(self) -> None:
        self._flush_header()
        row = self._appeals
        if row is None:
            return
        self._appeals = None
        self._emit("APPEALS_ROW", row, row.line, row.column)

    def _close_table(self) -> None:
        self._close_row()
        if self._pending is not None and self._pending.kind == "text":
            self._pending = None
        self._flush_appeals()
        self._flush_header()
        self._table = None


#: A line is read as a whole report printed on one line if it is this long and holds this many
#: section headings in their order.
_FLATTENED_MIN = 100
_FLATTENED_HEADINGS = 3
_SECTION_OF = {numeral: section for section in SECTIONS for numeral, n in NUMERALS.items()
               if n == section.number}
# A section heading within a line: its numeral, a few words, one of its stems (四、政府信息公开行政复议,
# 一、2023年政府信息公开总体情况).
_HEADING_IN_TEXT = re.compile(
    r"(?P<numeral>[" + "".join(_SECTION_OF) + r"])、\s*[^\s。;,、]{0,16}?(?:"
    + "|".join(sorted({re.escape(stem) for section in SECTIONS for stem in section.stems})) + ")"
)
# A signature (optional) and the date within a line.
_CLOSING_IN_TEXT = re.compile(r"(?<=\s)(?:[^\s。;:,]{2,40}\s+)?(?P<date>" + _DATE_WORDS + r")(?=\s|$)")
_TITLE_IN_TEXT = re.compile(r"[^\s:。]*\s?(?:19|20)\d{2}\s?年度?[^\s:。]*信息公开[^\s:。]*报告")
#: Lines of numbers outside any row named one by one; a report has a few at most, junk many.
_STRAY_LINES_NAMED = 1000
_SECTION_TABLES: dict[str, Table] = {"proactive": "proactive", "requests": "requests",
                                     "appeals": "appeals"}
_HEADING_STARTS = frozenset("#第" + "".join(NUMERALS))
#: Tokens that may stand above the title.
_FRONT = frozenset({"META", "FURNITURE", "PARA", "SUBHEADING"})
_PAGE_NUMBER = re.compile(PAGE_NUMBER)
_PAGE_NUMBER_ENDS = frozenset("页-—–―")  # the last character of every PAGE_NUMBER form
_FURNITURE_KEYS = frozenset(label_key(f) for f in FURNITURE)
_MARKER_KEYS = {tid: tuple(label_key(m) for m in t.markers) for tid, t in TEMPLATES.items()}
_VALUE_IN_TEXT = re.compile(r"(?:^|\s)[+-]?\d+(?:\.\d+)?(?:\s|$)")


# Where a metadata field starts within a cell: a label of one, after a space or a bullet.
_META_LABEL = re.compile(
    r"(?<=[\s•·])(?=(?:" + "|".join(map(re.escape, sorted(META_FIELDS, key=len, reverse=True))) + r")\s*:)"
)


def _heading_span(text: str, m: re.Match[str]) -> tuple[Section, int] | None:
    """The section of a heading :data:`_HEADING_IN_TEXT` found, and where the heading ends:
    after its stem, and after the rest of the template's wording where the text goes on so."""
    section = _SECTION_OF[m["numeral"]]
    stem = next((stem for stem in section.stems if m[0].endswith(stem)), "")
    if not stem:
        return None  # another section's stem: 四、…申请情况 is no heading of 四
    end = m.end()
    rest = section.heading.partition(stem)[2]
    if rest and text.startswith(rest, end):
        end += len(rest)
    return section, end


def _table_run_on(text: str) -> tuple[Section, int] | None:
    """The section of a table section's heading that ``text`` starts with, and where its table
    starts, if the table runs on right after it with its cells run together."""
    m = _HEADING_IN_TEXT.match(text)
    span = _heading_span(text, m) if m else None
    if span is None or span[0].key not in _SECTION_TABLES:
        return None
    rest = text[span[1]:].lstrip()
    if not rest or glued_parts(compact(rest), bool) is None:
        return None
    return span[0], len(text) - len(rest)


def _meta_fields(flat: str) -> list[tuple[str, str]]:
    """The metadata fields of a line: ``索引号:113…``, or a row of a page's metadata table
    with several fields, each value in its label's cell or in the cell after it."""
    if ":" not in flat:
        return []
    # Cells are tab-separated, or run on after one another (索引号:113… • 发布机构:…).
    cells = [c.strip(" •·") for cell in flat.split("\t") for c in _META_LABEL.split(cell) if c.strip(" •·")]
    fields = []
    for i, cell in enumerate(cells):
        name, sep, value = cell.partition(":")
        key = META_FIELDS.get(label_key(name)) if sep else None
        if key is None:
            continue
        value = value.strip()
        if not value and i + 1 < len(cells) and not _meta_fields(cells[i + 1]):
            value = cells[i + 1]
        fields.append((key, value))
    return fields


def _is_subheading(flat: str) -> bool:
    key = label_key(flat)
    if len(key) > 30 or "。" in key.rstrip("。"):
        return False
    return bool(re.match(r"^(?:\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、|\d{1,2}[.、])", key))


def _is_signature(text: str) -> bool:
    key = label_key(text)
    return 2 <= len(key) <= 40 and not any(mark in key for mark in (*_PROSE_MARKS, ",", ":"))
