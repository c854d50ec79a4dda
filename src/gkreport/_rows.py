"""Reading a table's cells into rows: the reader the table line rules feed, cell by cell.

The reader holds what one table needs while it is read: the row being filled, the header
cells gathered so far, the appeals row (which has no label), the outcome group last named,
and a text cell that may yet turn out to be the start of a label. A text cell goes through
the label rules of :mod:`gkreport._label_rules`; a number or blank goes to the row being
read. Finished rows and headers become tokens through the :class:`Sink` (the tokenizer's
state), which also takes the repairs.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any, Final, Protocol

from ._cells import Cell
from ._headings import Table
from ._labels import LabelMatch, Matcher, is_header, matcher, strip_numbering
from ._normalise import Line, compact
from ._tokens import Header, RowDraft
from .template import TemplateId

__all__ = ["LabelRule", "Sink", "TableReader"]

_ROW_TOKEN: Final[dict[Table, str]] = {"proactive": "ITEM_ROW", "requests": "MATRIX_ROW",
                                       "appeals": "APPEALS_ROW"}
_HEADER_TOKEN: Final[dict[Table, str]] = {"proactive": "ITEM_HEADER", "requests": "MATRIX_HEADER",
                                          "appeals": "APPEALS_HEADER"}


#: A label rule (:mod:`gkreport._label_rules`): takes a text cell of the table, with its
#: comparison key, and says whether it did.
LabelRule = Callable[["TableReader", Cell, str], bool]


class Sink(Protocol):
    """Where the reader's tokens and repairs go (the tokenizer's state)."""

    def emit(self, type_: str, payload: Any, line: Line, column: int = 1) -> None: ...

    def repair(self, code: str, message: str, line: Line, column: int = 1,
               cells: tuple[str, ...] = ()) -> None: ...

    def stray_value(self, cell: Cell) -> None: ...


class TableReader:
    """The rows of the table being read, built from its cells in reading order."""

    def __init__(self, sink: Sink, template: TemplateId, label_rules: Sequence[tuple[str, LabelRule]]) -> None:
        self.sink = sink
        self.template = template
        #: The label rules a text cell goes to, in order (:data:`gkreport._label_rules.RULES`).
        self.label_rules = label_rules
        self.table: Table | None = None
        #: The label matcher of the table.
        self.labels: Matcher | None = None
        self.row: RowDraft | None = None
        self.appeals: RowDraft | None = None
        self.header: Header | None = None
        #: The outcome group (denied, unable…) the rows read last belong to.
        self.group: str | None = None
        #: A group label was the last label read.
        self.group_label = False
        #: A text cell that matched no label and may start one.
        self.pending: Cell | None = None
        #: Blank cells after a pending text, each with the text: the row's blank cells if a
        #: value follows (a label cut short: 行政 |  | 0 then 事业性收费), else layout.
        self.pending_blanks: list[tuple[Cell, Cell]] = []
        #: The row a heading of its own opened (### 行政复议): its header may follow it.
        self.held: RowDraft | None = None

    def open_table(self, table: Table | None) -> None:
        """Finish the table being read, and start reading ``table`` (None: not a table)."""
        self.close_table()
        self.table = table
        self.labels = matcher(table, self.template) if table is not None else None
        self.group = None

    def cell(self, cell: Cell) -> None:
        """Read one cell of the table, in reading order."""
        if cell.kind != "text":
            row = self.row
            if row is not None and self.pending is None:
                # Most cells: the next of the row being read (value_cell's first case, inlined).
                row.cells.append(cell)
                if row.group and cell.kind == "value":
                    self.group_label = False  # the group label labels a row after all
                return
            self.value_cell(cell)
            return
        # A text cell goes to the first label rule that takes it.
        key = compact(cell.text)
        for _, rule in self.label_rules:
            if rule(self, cell, key):
                return

    def labels_match(self, text: str, *, fuzzy: bool = False) -> LabelMatch | None:
        """The label ``text`` makes in this table, under the group read last."""
        assert self.labels is not None
        return self.labels.match(text, group=self.group, fuzzy=fuzzy)

    def starts_cell(self, word: str) -> bool:
        """Whether ``word`` begins a cell of its own in a row whose cells stand apart by
        spaces alone: a header word, a numbered label (even with a typo), a whole label."""
        if is_header(word):
            return True
        key, numbered = strip_numbering(compact(word))
        if numbered and key:
            return True
        found = self.labels_match(word)
        return found is not None and found.how == "exact"

    def value_cell(self, cell: Cell) -> None:
        """A number or blank: the row's next cell, the appeals row's, or a stray."""
        if self.pending is not None:
            if cell.kind == "blank":
                self.pending_blanks.append((self.pending, cell))
                return  # a wrapped header cell's empty neighbours, unless a value follows
            # Values after a text that matched no label: keep them, and say so later.
            pending = self.pending
            self.open_row(None, pending.text, pending)
            assert self.row is not None
            self.row.cells += [blank for text, blank in self.pending_blanks if text is pending]
            self.pending = None
            self.pending_blanks = []
        header = self.header
        if (self.row is None and cell.kind == "value" and header is not None
                and len(header.cells) == 1 and self.table != "appeals"):
            # A lone header word before values is a row label cut short (其他 / 对外管理服务事项).
            self.header = None
            self.open_row(None, header.cells[0].text, header.cells[0])
        if self.row is not None:
            self.row.cells.append(cell)
            if self.row.group and cell.kind == "value":
                self.group_label = False  # the group label labels a row after all
            return
        if self.table == "appeals":
            if self.appeals is None:
                if cell.kind == "blank" and not cell.text:
                    return  # an empty cell before the row is layout; a dash is a blank value
                self.appeals = RowDraft("appeals", None, "", cell.line, cell.column)
            self.appeals.cells.append(cell)
            return
        if cell.kind == "value":
            self.sink.stray_value(cell)

    def heading_row(self, cell: Cell) -> None:
        """A row named by a heading of its own (四's table printed as three, each under its
        group's heading): opened, and kept open over the header that may follow."""
        self.cell(cell)
        self.held = self.row

    def header_cell(self, cell: Cell) -> None:
        """A cell of the table's header: gathered until the first row."""
        if self.row is None or self.row is not self.held or self.row.values:
            self.close_row()
        self.pending = None
        if self.appeals is not None:
            if self.appeals.values:
                self.flush_appeals()
            else:
                self.appeals = None  # empty cells padding a wrapped header
        if self.header is None:
            self.header = Header([], cell.line)
        self.header.cells.append(cell)

    def start(self, found: LabelMatch, cell: Cell, text: str) -> None:
        """Open the row (or group) whose label ``found`` is, printed as ``text`` in ``cell``."""
        if found.how == "fuzzy":
            # The row's numbers go where the nearest label says: the row's cells are in doubt.
            row = (f"{self.table}.{found.key}",) if self.table is not None else ()
            self.sink.repair("label-fuzzy", f"{text.strip()!r} read as {found.label!r}", cell.line,
                             cell.column, row)
        if found.kind == "group":
            # A group label usually stands alone, its rows after it; a copy may still give
            # it values of its own (2021's (六)其他处理 printed as 2019's one row), so it opens
            # a row that is only emitted if values come.
            self.open_row(found.key, text, cell)
            assert self.row is not None
            self.row.group = True
            self.group = found.key
            self.group_label = True
            return
        if found.kind == "appeal_group":
            self.open_row(found.key, text, cell)
            return
        member = found.key.split(".")[0] if "." in found.key else None
        # The group label read last, in a cell of its own or glued before this label.
        group = found.glued_to if found.glued_to else self.group if self.group_label else None
        if group not in (None, "outcomes") and member != group:
            self.sink.repair("header-scrambled",
                             f"the group label before {text.strip()!r} is out of place",
                             cell.line, cell.column)
        self.group = member
        self.open_row(found.key, text, cell)
        assert self.row is not None
        self.row.rest = found.rest
        self.row.cut = found.how == "prefix"

    def open_row(self, key: str | None, label: str, cell: Cell) -> None:
        self.close_row()
        self.group_label = False
        self.flush_header()
        assert self.table is not None
        self.row = RowDraft(self.table, key, label.strip(), cell.line, cell.column)

    def close_row(self) -> None:
        """Emit the row being read, unless it is a group label without values of its own."""
        row = self.row
        if row is None:
            return
        self.row = None
        if row.group and not row.values:
            return
        if row.cut and row.rest:
            # Only the first part of a split label was seen; the row is still that row.
            self.sink.repair("label-joined", f"label read from its first part: {row.label}",
                             row.line, row.column)
        if row.table == "appeals":
            if not row.values:
                return  # 行政复议 standing in the header, not labelling a row
            if len(row.cells) > 5 and row.key is not None:
                # A header group label followed by all fifteen values: a sequential row.
                row = dataclasses.replace(row, key=None)
        self.sink.emit(_ROW_TOKEN[row.table], row, row.line, row.column)

    def numbers_row(self, cells: list[Cell]) -> None:
        """A row of numbers without a label (labels and numbers printed apart): a row of its
        own, with no key, for the builder to place. It stays open, so the next such line is
        a row of its own too."""
        self.close_row()
        first = cells[0]
        assert self.table is not None
        self.row = RowDraft(self.table, None, "", first.line, first.column, list(cells))

    def end_row(self) -> None:
        """A line that is no table row (a note, prose) ends the row and the appeals row."""
        self.close_row()
        self.flush_appeals()

    def flush_header(self) -> None:
        if self.header is None:
            return
        header, self.header = self.header, None
        assert self.table is not None
        self.sink.emit(_HEADER_TOKEN[self.table], header, header.line)

    def flush_appeals(self) -> None:
        self.flush_header()
        row = self.appeals
        if row is None:
            return
        self.appeals = None
        self.sink.emit("APPEALS_ROW", row, row.line, row.column)

    def close_table(self) -> None:
        self.close_row()
        if self.pending is not None and self.pending.kind == "text":
            self.pending = None
        self.flush_appeals()
        self.flush_header()
        self.table = None
        self.labels = None
