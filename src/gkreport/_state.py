"""The state the line rules share while one report is tokenized, and the line as they see it.

markdown-it-py's shape: the rules (:mod:`gkreport._line_rules`) are functions of this state
and a line; the state holds the tokens so far, the section, the table reader, and the
repairs (``emit`` and ``repair``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final, Literal

from lark import Token

from ._cells import Cell
from ._headings import MARKUP_STARTS, Table, strip_markup
from ._label_rules import RULES as LABEL_RULES
from ._normalise import Line, compact_normalised, printed
from ._rows import LabelRule, TableReader
from .diagnostics import Diagnostic, span
from .template import TemplateId

__all__ = ["STRAY_LINES_NAMED", "LineView", "Shape", "State"]

#: A line of spaces only; a section heading; a bare count; any other text.
Shape = Literal["blank", "heading", "count", "text"]

#: Lines of numbers outside any row named one by one; a report has a few at most, junk many.
STRAY_LINES_NAMED: Final = 1000


class LineView:
    """One line as the rules see it: the line, its text stripped and without markup, its
    comparison key, and what the whole report says of it (the section it heads, if any)."""

    __slots__ = ("after_last_section", "flat", "heading", "key", "line", "shape", "stripped", "text")

    def __init__(self, line: Line, heading: str | None, after_last_section: bool) -> None:
        self.line = line
        self.text = text = line.text
        self.stripped = stripped = text.strip()
        #: The text without a markdown ``#`` or a bullet, stripped.
        self.flat = strip_markup(text)[0].strip() if stripped[:1] in MARKUP_STARTS else stripped
        #: The comparison form of :attr:`flat`: no spaces or quotes. (A bare count, the most
        #: common line of one-cell-per-line copies, is its own.)
        self.key = stripped if not stripped or stripped.isdigit() else compact_normalised(self.flat)
        self.heading = heading
        self.after_last_section = after_last_section
        #: What kind of line it is, at a glance: the driver tries only the rules that take it.
        self.shape: Shape = ("blank" if not stripped else "heading" if heading is not None
                             else "count" if stripped.isdigit() and stripped.isascii() else "text")


class State:
    """What the line rules share while one report is read."""

    def __init__(self, template: TemplateId,
                 label_rules: Sequence[tuple[str, LabelRule]] = LABEL_RULES) -> None:
        self.template = template
        self.tokens: list[Token] = []
        self.diagnostics: list[Diagnostic] = []
        #: The key of the section read last (None above 一、).
        self.section: str | None = None
        #: The closing (date, 此件主动公开) has begun: no more tables.
        self.closing = False
        self.title_seen = False
        #: In a copy whose cells each end with a pipe (0 |), a lone pipe line after one: an
        #: empty cell if a value or another lone pipe follows, else the next row's opener.
        self.pipe_blank: Cell | None = None
        #: The last table line read ended with its own pipe.
        self.closed_by_pipe = False
        #: The report's title as :func:`~gkreport._bodies.read_title` reads it, once seen.
        self.title: tuple[str | None, str, str] | None = None
        #: Where the page goes on past the report (``page_end``), and the lines left out there.
        self.ended: Line | None = None
        self.dropped = 0
        self.reader = TableReader(self, template, label_rules)
        #: Numbers of the current line that no row takes, named in one diagnostic a line.
        self._stray: list[Cell] = []
        #: The table the stray numbers stood in: any of its cells may be where they belong.
        self._stray_table: Table | None = None
        self._stray_lines = 0
        #: Past STRAY_LINES_NAMED such lines (a huge file of junk), only counted.
        self._unnamed = 0
        self._unnamed_lines: tuple[Line, Line] | None = None

    @property
    def table(self) -> Table | None:
        """The table being read, if any."""
        return self.reader.table

    def emit(self, type_: str, payload: Any, line: Line, column: int = 1) -> None:
        """Add a token of ``type_`` carrying ``payload``, at ``line`` and ``column``."""
        # Made as lark's Token.__new__ makes it, less its two Python frames (a report emits
        # a hundred tokens); the str is the type, not str(payload), which nothing reads.
        token = str.__new__(Token, type_)
        token.type, token.value = type_, payload
        token.line, token.column = line.number, line.start + column
        token.start_pos = token.end_line = token.end_column = token.end_pos = None
        self.tokens.append(token)

    def repair(self, code: str, message: str, line: Line, column: int = 1,
               cells: tuple[str, ...] = ()) -> None:
        """Record a diagnostic about ``line`` (and ``cells``), in the order of the lines."""
        self._flush_stray()
        self.diagnostics.append(Diagnostic(code, message, line.number, line.start + column,
                                           span(printed(line), column), cells))

    def end_pipe_row(self) -> None:
        """The table ends: a lone pipe it ended with opens no row, so it was the last row's
        empty cell (past the row's end, it is padding; see :mod:`gkreport._tables`)."""
        if self.pipe_blank is not None:
            self.reader.cell(self.pipe_blank)
            self.pipe_blank = None

    def stray_value(self, cell: Cell) -> None:
        """A number that no row takes: named with the others of its line."""
        if self._stray and self._stray[0].line is not cell.line:
            self._flush_stray()
        self._stray.append(cell)
        self._stray_table = self.table

    def _flush_stray(self) -> None:
        if not self._stray:
            return
        cells, self._stray = self._stray, []
        self._stray_lines += 1
        if self._stray_lines > STRAY_LINES_NAMED:
            line = cells[0].line
            self._unnamed += len(cells)
            self._unnamed_lines = (self._unnamed_lines[0] if self._unnamed_lines else line, line)
            return
        numbers = " ".join(c.text for c in cells)
        what = f"the number {numbers} stands" if len(cells) == 1 else f"the numbers {numbers} stand"
        self.repair("value-unassigned", f"{what} in the table outside any row", cells[0].line,
                    cells[0].column, (self._stray_table,) if self._stray_table else ())

    def finish(self) -> None:
        """The end of the text: close the table, name the last stray numbers."""
        self.reader.close_table()
        self._flush_stray()
        if self.ended is not None:
            lines = "1 line" if self.dropped == 1 else f"{self.dropped} lines"
            self.diagnostics.append(Diagnostic(
                "page-after-report", f"the page goes on past the report here: {lines} of the page's own "
                "content (links, other pages' titles, the site's footer) left out of the report",
                self.ended.number, self.ended.start + 1, span(printed(self.ended), 1)))
        if self._unnamed_lines:
            first, last = self._unnamed_lines
            self.diagnostics.append(Diagnostic(
                "value-unassigned", f"{self._unnamed} more numbers on lines {first.number}-"
                f"{last.number} stand in the table outside any row (past {STRAY_LINES_NAMED} "
                "lines, not named one by one)", first.number, 1, span(printed(first), 1)))
