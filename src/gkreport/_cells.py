"""Cutting a table line into cells, whatever separated them: tabs, pipes, or spaces alone.

Copies separate a row's cells with tabs (a careful copy), with pipes (markdown and many
crawlers), or with nothing but spaces (a flattened page). This module only cuts; which row a
cell belongs to is decided by :mod:`gkreport._rows`. A cell that stood with no tab, pipe or
line break between it and the next is marked ``run``: its digits may hold several cells
(see :mod:`gkreport._unglue`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Literal

from ._labels import strip_numbering
from ._normalise import Line, compact
from ._patterns import BLANK_MARKS, VALUE, is_cell_value

__all__ = ["SMALL_COUNTS", "Cell", "make_cell", "split_line"]

# A markdown table's rule line (|---|:--|): layout, no cells.
_PIPE_RULE = re.compile(r"^\|?\s*:?-{3,}")
_WORD = re.compile(r"\S+")
_BRACKETED = re.compile(r"\([^()]* [^()]*\)")
_HELD_SPACE = "\x00"
# Most cells are small counts: their Decimals are made once and shared (they are immutable).
SMALL_COUNTS: dict[str, Decimal] = {str(n): Decimal(n) for n in range(1000)}


@dataclasses.dataclass(slots=True)
class Cell:
    """One cell of a table as the copy printed it.

    A dataclass, not attrs: it behaves the same (equality by fields, unhashable, repr),
    and compiled by mypyc it is a native class, whose fields compiled code reads
    directly (an attrs class stays a Python class there). Its ``__init__`` is written out:
    the one dataclasses generates would be interpreted code even there, and a cell is made
    for each cell of every table.
    """

    text: str
    line: Line
    column: int
    kind: Literal["value", "blank", "text"]
    value: Decimal | None = None
    unit: str | None = None
    #: No tab, pipe or line stood between this cell and the row's others: its digits may
    #: hold several cells (see :mod:`gkreport._unglue`).
    run: bool = False

    def __init__(self, text: str, line: Line, column: int, kind: Literal["value", "blank", "text"],
                 value: Decimal | None = None, unit: str | None = None, run: bool = False) -> None:
        self.text = text
        self.line = line
        self.column = column
        self.kind = kind
        self.value = value
        self.unit = unit
        self.run = run


def make_cell(text: str, line: Line, column: int, run: bool = False) -> Cell:
    """A cell of ``text``: a number, a blank (empty or a dash), or text; ``run``: see
    :attr:`Cell.run`.

    >>> from gkreport._normalise import Line
    >>> [make_cell(t, Line(1, t, t), 1).kind for t in ("12", "477.35万元", "—", "规章")]
    ['value', 'value', 'blank', 'text']
    """
    text = text.strip()
    if text.isdigit() and text.isascii():  # most cells: a plain count
        value = SMALL_COUNTS.get(text)
        return Cell(text, line, column, "value", Decimal(text) if value is None else value, None, run)
    if not text or text in BLANK_MARKS:
        return Cell(text, line, column, "blank", None, None, run)
    m = VALUE.match(text)
    if m is None:
        return Cell(text, line, column, "text", None, None, run)
    digits = m["num"].replace(",", "") + (m["frac"] or "")
    try:
        value = Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        return Cell(text, line, column, "text", None, None, run)
    if m["sign"] == "-":
        value = -value
    return Cell(text, line, column, "value", value, m["unit"] if m["unit"] != "%" else None, run)


def split_line(text: str, line: Line, offset: int,
               starts_cell: Callable[[str], bool]) -> tuple[list[Cell], bool]:
    """The cells of a table line (``text``, from column ``offset`` + 1 of ``line``), and
    whether any were told apart by spaces alone.

    A line with pipes is cut at them, any other at tabs. Empty cells before the
    first content stand for merged cells to the left (三、本年度办理结果 spanning rows), not
    for blank values, and are dropped. Inside a piece, words are told apart by
    :func:`split_words`; ``starts_cell`` says whether a word begins a cell of its own.

    >>> from gkreport._normalise import Line
    >>> row = "| 一、本年新收政府信息公开申请数量 | 58 | 7 |"
    >>> [c.text for c in split_line(row, Line(1, row, row), 0, lambda w: False)[0]]
    ['一、本年新收政府信息公开申请数量', '58', '7']
    """
    stripped = text.strip()
    if "|" in text:
        # Pipes as markdown and crawlers print them, with or without the outer ones: a
        # trailing pipe closes the last cell (0 |), a lone one opens a row, ||| pads.
        if _PIPE_RULE.match(stripped):
            return [], False
        pieces = stripped.strip("|").split("|")
    else:
        pieces = text.split("\t")
    cells: list[Cell] = []
    column = 1 + offset
    glued = False
    leading = True
    for piece in pieces:
        words = piece.split()
        if leading and not words:
            column += len(piece) + 1
            continue
        leading = False
        if len(words) > 1 and any(map(is_cell_value, words)):
            glued = True
            cells += split_words(piece, line, column, starts_cell)
        else:
            cells.append(make_cell(piece, line, column))
        column += len(piece) + 1
    return cells, glued


def split_words(piece: str, line: Line, column: int, starts_cell: Callable[[str], bool]) -> list[Cell]:
    """The cells of one piece whose words stand apart by spaces: each number or blank mark a
    cell (marked ``run``); the words between them one text cell, unless a word that
    ``starts_cell`` (a header word, a numbered or whole label) begins another."""
    cells: list[Cell] = []
    words: list[str] = []
    offset = column
    # A note in brackets is text, numbers and all ((其中修订 16 件)): its spaces are held
    # (one character for one, so columns stay) while the piece is cut into words.
    held = _BRACKETED.sub(lambda m: m[0].replace(" ", _HELD_SPACE), piece) if "(" in piece else piece
    for m in _WORD.finditer(held):
        part = m.group(0).replace(_HELD_SPACE, " ")
        if is_cell_value(part):
            if words:
                cells.append(make_cell(" ".join(words), line, offset))
                words = []
            cells.append(make_cell(part, line, column + m.start(), run=True))
            continue
        if words and starts_cell(part) and strip_numbering(compact(" ".join(words)))[0]:
            # A header word or a whole label starts a cell of its own (a flattened header
            # row, or a group label before its first row's label); a numbering alone does not.
            cells.append(make_cell(" ".join(words), line, offset))
            words = []
        if not words:
            offset = column + m.start()
        words.append(part)
    if words:
        cells.append(make_cell(" ".join(words), line, offset))
    return cells
