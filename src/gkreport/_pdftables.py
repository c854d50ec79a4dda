"""A PDF page as the text a careful copy gives: its lines, and each table row one line of
tab-separated cells, the cells read from the table's ruling lines.

pdfplumber finds the tables and their ruling segments; the grid is laid out here from the
segments themselves: every column line and row line of the table makes a slot, and two
slots are one cell where no line is drawn between them. So a blank cell keeps its column,
a row whose top border was printed on the page before still belongs to its table, and a
merged cell is one cell, printed as the HTML reader prints it (a row-spanned cell leaves an
empty cell in the rows below it, a column-spanned one is a single cell).

A character goes to the cell its centre lies in, and a cell's lines are joined. A character
drawn across a column line (text spilling over a border) cannot be placed: the cells it
touches are left empty and their text is printed on a line of its own after the row, so
that no number is given to a column it may not belong to.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pdfplumber.page import Page

__all__ = ["page_lines"]

Char = dict[str, Any]
#: One line of the page's text, or one table row: (its top, 0 for text or 1 for a row, text).
Placed = tuple[float, int, str]
#: How far apart (pt) two ruling segments may lie and be one line; pdfplumber has snapped
#: them within 3 pt already.
_TOL = 2.0
#: Characters of one run of text touch (pt); text in two cells is parted by a border.
_RUN = 0.1


def _cluster(values: Iterable[float]) -> list[float]:
    """Sorted values, those within ``_TOL`` of the previous taken as one."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _TOL:
            out.append(v)
    return out


@dataclass
class _Rules:
    """A table's ruling segments: vertical (x, top, bottom) and horizontal (y, x0, x1)."""

    vertical: list[tuple[float, float, float]]
    horizontal: list[tuple[float, float, float]]
    #: How far down the page the table runs.
    top: float
    bottom: float

    def between_columns(self, x: float, top: float, bottom: float) -> bool:
        """Whether a line is drawn at ``x`` across the middle of the band top..bottom."""
        mid = (top + bottom) / 2
        return any(abs(vx - x) <= _TOL and t - _TOL <= mid <= b + _TOL for vx, t, b in self.vertical)

    def between_rows(self, y: float, x0: float, x1: float) -> bool:
        mid = (x0 + x1) / 2
        return any(abs(hy - y) <= _TOL and a - _TOL <= mid <= b + _TOL for hy, a, b in self.horizontal)


def _segments(edges: Sequence[dict[str, Any]], box: tuple[float, float, float, float]) -> _Rules:
    """The segments of ``edges`` that belong to the table in ``box``, the box grown up and
    down to where two of its column lines reach (a row cut from its top border by a page
    break is still the table's)."""
    x0, top, x1, bottom = box
    vertical = [(e["x0"], e["top"], e["bottom"]) for e in edges if e["orientation"] == "v"
                and x0 - _TOL <= e["x0"] <= x1 + _TOL
                and e["bottom"] >= top - _TOL and e["top"] <= bottom + _TOL]
    tops: dict[float, float] = {}
    bottoms: dict[float, float] = {}
    for x in _cluster(v[0] for v in vertical):
        at = [v for v in vertical if abs(v[0] - x) <= _TOL]
        tops[x], bottoms[x] = min(v[1] for v in at), max(v[2] for v in at)
    if len(tops) >= 2:
        top = min(top, sorted(tops.values())[1])
        bottom = max(bottom, sorted(bottoms.values())[-2])
    horizontal = [(e["top"], e["x0"], e["x1"]) for e in edges if e["orientation"] == "h"
                  and top - _TOL <= e["top"] <= bottom + _TOL
                  and e["x1"] >= x0 - _TOL and e["x0"] <= x1 + _TOL]
    return _Rules(vertical, horizontal, top, bottom)


@dataclass
class _Grid:
    """A table's slots between its column lines ``xs`` and row lines ``ys``, and the cell
    each slot is part of (``owner``, numbered in reading order)."""

    xs: list[float]
    ys: list[float]
    rules: _Rules
    owner: list[list[int]] = field(default_factory=list)

    @classmethod
    def of(cls, rules: _Rules) -> _Grid | None:
        xs = _cluster(v[0] for v in rules.vertical)
        ends = [*(h[0] for h in rules.horizontal), *(v[1] for v in rules.vertical),
                *(v[2] for v in rules.vertical)]
        ys = _cluster(y for y in ends if rules.top - _TOL <= y <= rules.bottom + _TOL)
        if len(xs) < 2 or len(ys) < 2:
            return None
        grid = cls(xs, ys, rules)
        grid.owner = grid._cells()
        return grid

    def _drawn(self, c: int, r: int) -> bool:
        """Whether the column line left of column ``c`` is drawn across row ``r``."""
        return self.rules.between_columns(self.xs[c], self.ys[r], self.ys[r + 1])

    def _cells(self) -> list[list[int]]:
        rows, cols = len(self.ys) - 1, len(self.xs) - 1
        parent = list(range(rows * cols))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for r in range(rows):
            for c in range(cols):
                if c + 1 < cols and not self._drawn(c + 1, r):
                    parent[find(r * cols + c + 1)] = find(r * cols + c)
                if r + 1 < rows and not self.rules.between_rows(self.ys[r + 1], self.xs[c], self.xs[c + 1]):
                    parent[find((r + 1) * cols + c)] = find(r * cols + c)
        numbers: dict[int, int] = {}
        return [[numbers.setdefault(find(r * cols + c), len(numbers)) for c in range(cols)]
                for r in range(rows)]

    def parts(self, r: int, c: int) -> bool:
        """Whether the column line left of column ``c`` is drawn across the rows next to
        row ``r`` (those above and below that the table has): where it is, two blank slots
        side by side are two blank cells, though no line parts them (in a table bordered
        by its cells' backgrounds, a blank cell may be left unpainted)."""
        near = [n for n in (r - 1, r + 1) if 0 <= n < len(self.owner)]
        return bool(near) and all(self._drawn(c, n) for n in near)

    def slot(self, char: Char) -> tuple[int, int] | None:
        """The (row, column) of the slot ``char``'s centre lies in, if inside the table."""
        x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        c, r = bisect.bisect(self.xs, x) - 1, bisect.bisect(self.ys, y) - 1
        if 0 <= r < len(self.ys) - 1 and 0 <= c < len(self.xs) - 1:
            return r, c
        return None


#: Formats a row's cells as a line (None to drop it); the second argument says whether the
#: first cell is the row's own, not one spanning down from above.
RowLine = Callable[[list[str], bool], "str | None"]


def _table_rows(grid: _Grid, chars: Sequence[Char], row_line: RowLine) -> list[Placed]:
    """The table's rows as lines, each followed by the text it could not place, if any."""
    held: dict[int, list[Char]] = {}
    cell_of: dict[int, int] = {}
    for char in chars:
        where = grid.slot(char)
        if where is not None and char["text"].strip():  # a space (&nbsp;) is no text
            cell_of[id(char)] = grid.owner[where[0]][where[1]]
            held.setdefault(cell_of[id(char)], []).append(char)
    spilt = _spilt(_lines(ch for ch in chars if id(ch) in cell_of), cell_of)
    first_row: dict[int, int] = {}
    for r, row in enumerate(grid.owner):
        for cell in row:
            first_row.setdefault(cell, r)
    placed: list[Placed] = []
    for r, row in enumerate(grid.owner):
        cells: list[str] = []
        unplaced: list[str] = []
        for c, cell in enumerate(row):
            if c > 0 and row[c - 1] == cell and (cell in held or not grid.parts(r, c)):
                continue  # the rest of a cell spanning columns
            text = _text(held[cell]) if cell in held and first_row[cell] == r else ""
            if cell in spilt and text:
                unplaced.append(text)
                text = ""
            cells.append(text)
        line = row_line(cells, first_row[row[0]] == r)
        if line is not None:
            placed.append((grid.ys[r], 1, line))
        if unplaced:
            placed.append((grid.ys[r], 2, " ".join(unplaced)))
    return placed


def _spilt(lines: Iterable[Sequence[Char]], cell_of: dict[int, int]) -> set[int]:
    """The cells a run of text crosses a column line between: two characters that touch
    (one run) lie in different cells."""
    spilt: set[int] = set()
    for line in lines:
        for a, b in itertools.pairwise(line):
            ca, cb = cell_of[id(a)], cell_of[id(b)]
            if ca != cb and abs(b["x0"] - a["x1"]) < _RUN:
                spilt |= {ca, cb}
    return spilt


def _lines(chars: Iterable[Char]) -> list[list[Char]]:
    """``chars`` in lines, top to bottom, each left to right: a character whose middle lies
    within a line's height is on it (glyphs of fonts mixed on a line do not share a top)."""
    lines: list[list[Char]] = []
    band = (0.0, -1.0)
    for char in sorted(chars, key=lambda ch: (ch["top"] + ch["bottom"]) / 2):
        mid = (char["top"] + char["bottom"]) / 2
        if lines and band[0] <= mid <= band[1]:
            lines[-1].append(char)
            band = (min(band[0], char["top"]), max(band[1], char["bottom"]))
        else:
            lines.append([char])
            band = (char["top"], char["bottom"])
    return [sorted(line, key=lambda ch: ch["x0"]) for line in lines]


def _collate(line: Sequence[Char]) -> str:
    """A line's characters, a space where a gap wider than 3 pt (pdfplumber's) parts them."""
    out: list[str] = []
    end: float | None = None
    for char in line:
        if end is not None and char["x0"] > end + 3:
            out.append(" ")
        out.append(char["text"])
        end = char["x1"]
    return " ".join("".join(out).split())


def _text(chars: Sequence[Char]) -> str:
    # A cell's lines are one text: a label or a number wrapped in a narrow column.
    return "".join(_collate(line) for line in _lines(chars)).replace("\t", " ").strip()


def page_lines(page: Page, row_line: RowLine) -> list[str]:
    """The page's text lines and table rows, in reading order from top to bottom."""
    from pdfplumber.table import TableFinder

    finder = TableFinder(page)
    grids = []
    for table in finder.tables:
        grid = _Grid.of(_segments(finder.edges, table.bbox))
        if grid is not None:
            grids.append(grid)
    inside: list[list[Char]] = [[] for _ in grids]
    outside: list[Char] = []
    for char in page.chars:
        at = next((i for i, g in enumerate(grids) if g.slot(char) is not None), None)
        (outside if at is None else inside[at]).append(char)
    placed = [(min(ch["top"] for ch in line), 0, _collate(line)) for line in _lines(outside)]
    for grid, chars in zip(grids, inside, strict=True):
        placed += _table_rows(grid, chars, row_line)
    placed.sort(key=lambda p: (p[0], p[1]))
    return [text for _, _, text in placed if text.strip()]
