"""The label rules: what a text cell inside a table is, tried in order.

Each rule takes the :class:`~gkreport._rows.TableReader`, the cell and its comparison key,
and returns whether it took the cell. The first rule that takes it wins; the order is the
reading of :data:`RULES`. Every rule names the quirk of real copies it handles and the
diagnostic codes it may emit (listed on the docs' rules page).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from ._cells import Cell, make_cell
from ._labels import LabelMatch, is_header
from ._rows import LabelRule, TableReader
from ._unglue import parts as glued_parts

if TYPE_CHECKING:
    from ._tokens import RowDraft

__all__ = ["RULES", "LabelRule"]

#: A text cell this long that is no label is a note inside the table, not a label's start.
_NOTE_LENGTH: Final = 24


def rest_of_split_label(reader: TableReader, cell: Cell, key: str) -> bool:
    """The second half of a label split over lines or cells (4. 保护第三方合 / 法权益), or a
    parenthetical wrapped onto the next line. Emits ``label-joined``."""
    row = reader.row
    if row is None or not row.rest or not row.rest.startswith(key):
        return False
    row.rest = row.rest[len(key):]
    reader.sink.repair("label-joined", f"label joined across lines: {row.label}", cell.line,
                       cell.column)
    return True


def label_wrapped_early(reader: TableReader, cell: Cell, key: str) -> bool:
    """The second half of a label wrapped before its first half told it (行政事 / 业性收费),
    whose values stood beside the first half. Emits ``label-joined``."""
    row = reader.row
    if row is None or row.key is not None or row.group or not row.label:
        return False  # (a row of numbers without a label has no first half)
    found = reader.labels_match(row.label + cell.text)
    if found is None:
        return False
    reader.row = None
    reader.sink.repair("label-joined", f"label joined across lines: {found.label}", row.line,
                       row.column)
    reader.start(found, Cell(row.label, row.line, row.column, "text"), row.label + cell.text)
    _open_row(reader).cells = row.cells
    return True


def _open_row(reader: TableReader) -> RowDraft:
    """The row ``reader`` has open. A function, for after ``reader.row = None`` the type
    checker holds ``reader.row`` to None even past a call that opened a row: it would read the
    code after as unreachable, and compiled code (mypyc) raises TypeError there."""
    assert reader.row is not None
    return reader.row


def whole_label(reader: TableReader, cell: Cell, key: str) -> bool:
    """A row label as the template words it, or its first part (a label split over lines,
    whose rest must follow), with or without its numbering or a group label glued before it.
    Emits ``header-scrambled`` for a group label out of place."""
    return _opens_row(reader, cell, reader.labels_match(cell.text))


def label_across_cells(reader: TableReader, cell: Cell, key: str) -> bool:
    """A label split across two cells: the first read as unknown text or as a header word
    (其他 / 对外管理服务事项), joined to this one. Emits ``label-joined``."""
    header = reader.header
    first = reader.pending or (header.cells[-1] if header and header.cells else None)
    if first is None:
        return False
    joined = first.text + cell.text
    found = reader.labels_match(joined)
    if found is None:
        return False
    if first is reader.pending:
        reader.pending = None
    elif header is not None:
        header.cells.pop()
        if not header.cells:
            reader.header = None
    reader.sink.repair("label-joined", f"label joined across cells: {found.label}", first.line,
                       first.column)
    reader.start(found, first, joined)
    return True


def header_word(reader: TableReader, cell: Cell, key: str) -> bool:
    """A cell of the table's header (自然人, 本年新制作数量, 单位:万元), whole or wrapped into
    fragments: gathered into the header, never a row."""
    if not is_header(cell.text):
        return False
    reader.header_cell(cell)
    return True


def labels_run_into_numbers(reader: TableReader, cell: Cell, key: str) -> bool:
    """Labels run into their numbers with nothing between (规章0, 一、本年新收…640020470二、…):
    each label a cell, each run of digits kept whole for the builder to split by the
    template's arithmetic. Emits ``cells-glued``."""
    found = glued_parts(cell.text, lambda text: reader.labels_match(text, fuzzy=True) is not None)
    if found is None:
        return False
    reader.sink.repair("cells-glued", f"{cell.text!r} split into labels and runs of digits",
                       cell.line, cell.column)
    for part in found:
        if not part.run:
            reader.cell(make_cell(part.text, cell.line, cell.column + part.start))
            continue
        for at, text, blank in part.atoms():
            reader.cell(Cell(text, cell.line, cell.column + at, "blank", run=True) if blank
                        else make_cell(text, cell.line, cell.column + at, run=True))
    return True


def label_with_typo(reader: TableReader, cell: Cell, key: str) -> bool:
    """A label with a typo, within a small edit distance of one label only. Emits
    ``label-fuzzy``."""
    return _opens_row(reader, cell, reader.labels_match(cell.text, fuzzy=True))


def _opens_row(reader: TableReader, cell: Cell, found: LabelMatch | None) -> bool:
    """Open the row ``found`` labels, if the cell made a label."""
    if found is None:
        return False
    reader.pending = None
    reader.start(found, cell, cell.text)
    return True


def bracketed_note(reader: TableReader, cell: Cell, key: str) -> bool:
    """A note in brackets after a row's values ((其中修订16件) after the value it explains):
    prose kept with the section's text; the row goes on. (Before the header-word rule: a
    note may hold a header's words.)"""
    # One bracket around the whole: (二)部分公开(…) is a label, numbered, with its parenthetical.
    whole = key.startswith("(") and key.find(")") == len(key) - 1
    if not whole or reader.row is None or not reader.row.values:
        return False
    reader.sink.emit("NOTE", cell.line, cell.line, cell.column)
    return True


def unknown_text(reader: TableReader, cell: Cell, key: str) -> bool:
    """Text that is no label: a long one is a note inside the table (a NOTE token); a short
    one is kept, as it may be the first half of a label split across cells, or a label the
    template lacks (its values then give ``row-unknown``)."""
    reader.close_row()
    if len(key) > _NOTE_LENGTH:
        reader.sink.emit("NOTE", cell.line, cell.line, cell.column)
        return True
    reader.pending = cell
    return True


#: The label rules in the order they are tried.
RULES: Final[tuple[tuple[str, LabelRule], ...]] = (
    ("rest_of_split_label", rest_of_split_label),
    ("label_wrapped_early", label_wrapped_early),
    ("whole_label", whole_label),
    ("label_across_cells", label_across_cells),
    ("bracketed_note", bracketed_note),
    ("header_word", header_word),
    ("labels_run_into_numbers", labels_run_into_numbers),
    ("label_with_typo", label_with_typo),
    ("unknown_text", unknown_text),
)
