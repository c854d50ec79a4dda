"""What the tokens carry: the payloads the tokenizer hands the grammar and the builder.

Tokens are lark :class:`~lark.Token` objects of a type the grammar declares (``MATRIX_ROW``,
``REQUESTS_HEADING``…) whose ``value`` is one of these, or the
:class:`~gkreport._normalise.Line` itself for text.

They are dataclasses, not attrs classes: they behave the same (equality by fields,
unhashable, repr), and compiled by mypyc a dataclass is a native class, whose fields the
reader and the builder read directly (an attrs class stays a Python class there).
"""

from __future__ import annotations

import dataclasses
from typing import NamedTuple

from ._cells import Cell
from ._headings import Table
from ._normalise import Line

__all__ = ["Clause", "Header", "Heading", "MetaField", "RowDraft", "Table", "TableRow"]


@dataclasses.dataclass(slots=True)
class RowDraft:
    """A table row being read: its label, resolved key and the cells that follow it."""

    table: Table
    key: str | None
    label: str
    line: Line
    column: int
    cells: list[Cell] = dataclasses.field(default_factory=list)
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


@dataclasses.dataclass(slots=True)
class Heading:
    """A section heading: the section's key and its line."""

    key: str
    line: Line
    #: The table that ran on after the heading on its line, if any (a flattened copy).
    rest: str = ""


@dataclasses.dataclass(slots=True)
class Clause:
    """A 第二十条 clause heading: the clause's number."""

    number: int
    line: Line


@dataclasses.dataclass(slots=True)
class Header:
    """The header cells of a table, gathered until its first row."""

    cells: list[Cell]
    line: Line

    @property
    def unit(self) -> str | None:
        for cell in self.cells:
            for unit in ("万元", "元"):
                if unit in cell.text:
                    return unit
        return None


class TableRow(NamedTuple):
    """A table's row, with what the header rows above it say (a clause table's: the unit,
    and the columns they name, the compact text of each header cell)."""

    row: RowDraft
    unit: str | None
    header: tuple[str, ...] = ()


@dataclasses.dataclass(slots=True)
class MetaField:
    """A field of the site's metadata block (索引号, 发布机构…), under its meta key."""

    key: str
    value: str
    line: Line

