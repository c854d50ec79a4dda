"""Rendering: a :class:`~gkreport.model.Report` back to the text of a whole annual report.

The text follows the State Council's template for the report's ``meta.template``: the
title, the six numbered sections with their paragraphs, the 第二十条 clause tables under 二,
the applicant-by-outcome matrix under 三, the review and litigation table under 四, and the
signature and date. Every label and column header comes from :mod:`gkreport.template`.

A *layout* is one of the shapes real copies take when a report is copied off a web page
(see ``tests/data/README.md``), or ``html``, a page with the template's merged cells.
:func:`gkreport.parse` reads all of them back.
"""

from __future__ import annotations

import datetime
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Final, Literal, get_args

import attrs

from .model import Meta, Report, Value
from .template import (
    APPEAL_COLUMNS,
    APPEAL_GROUPS,
    APPLICANT_COLUMNS,
    APPLICANTS_HEADING,
    BLANK_MARK,
    CLAUSE_HEADING,
    EMPTY_MARKS,
    HEADER_WORDS,
    ITEM_HEADING,
    LITIGATION_HEADING,
    META_FIELDS,
    NUMERALS,
    ORGANISATIONS_HEADING,
    REQUEST_NUMBERS,
    SECTIONS,
    TEMPLATES,
    TITLE_WORDING,
    Column,
    RequestRow,
    Template,
    template_for,
)

__all__ = ["DASH", "EXACT_LAYOUTS", "LAYOUTS", "TEXT_LAYOUTS", "Layout", "printed", "render"]

#: The shapes a report takes in real copies, and as a page:
#:
#: * ``tabs``: a table row per line, cells separated by tabs;
#: * ``cells``: one cell per line, lines separated by blank lines, a blank cell a line of spaces;
#: * ``tab-led``: one cell per line, each led by a tab, rows separated by blank lines, header
#:   cells wrapped over two lines;
#: * ``markdown``: ``#`` headings and pipe tables;
#: * ``run-together``: a table row per line, cells separated by single spaces;
#: * ``glued``: each table on one line with nothing between its cells, as crawlers flatten
#:   them (规章000规范性文件6619…); its runs of digits may split more ways than one, so it
#:   reads back exactly only where the template's arithmetic pins the split down (see
#:   :mod:`gkreport._unglue`).
#: * ``pipes``: a table row per line as crawlers print one, each cell closed by a pipe
#:   (``规章 | 0 | 0 | 0 |``), an empty cell a pipe of its own (``| |``), a pipe more at the
#:   row's end for each column a merged cell covers (``行政许可 | 0 | ||``);
#: * ``pipe-cells``: as ``pipes``, one cell per line, each row opened by a lone pipe line, an
#:   empty cell a lone pipe too;
#: * ``pipe-lines``: one cell per line, a line of one pipe after each cell;
#: * ``html``: a whole HTML page, the tables with ``rowspan`` and ``colspan`` where the template
#:   merges cells, a blank cell an empty ``<td>``.
Layout = Literal["tabs", "cells", "tab-led", "markdown", "run-together", "glued", "pipes", "pipe-cells",
                 "pipe-lines", "html"]
LAYOUTS: Final[tuple[Layout, ...]] = get_args(Layout)
#: The layouts that are plain text (all but ``html``).
TEXT_LAYOUTS: Final[tuple[Layout, ...]] = tuple(layout for layout in LAYOUTS if layout != "html")
#: The layouts every report reads back from cell for cell: all but ``glued``.
EXACT_LAYOUTS: Final[tuple[Layout, ...]] = tuple(layout for layout in LAYOUTS if layout != "glued")

#: A blank cell where an empty one would be read as layout, or would vanish between spaces.
DASH: Final = BLANK_MARK
assert DASH in EMPTY_MARKS

_NUMERAL_OF: Final = {n: ch for ch, n in NUMERALS.items()}
#: The label each meta field is printed under: the first META_FIELDS gives for it.
_META_LABELS: Final[dict[str, str]] = {}
for _label, _key in META_FIELDS.items():
    _META_LABELS.setdefault(_key, _label)
_META_ORDER: Final = ("index_number", "document_number", "publisher", "published")

# The template stores labels normalised (half-width); the printed template uses full-width
# brackets, commas and colons, and curly quotes.
_FULL_WIDTH: Final = str.maketrans({"(": "（", ")": "）", ",": "，", ":": "："})
_QUOTED: Final = re.compile(r'"([^"]*)"')


def printed(label: str) -> str:
    """A label of :mod:`gkreport.template` as the template prints it.

    >>> printed('(三)不予公开 3.危及"三安全一稳定"')
    '（三）不予公开 3.危及“三安全一稳定”'
    """
    return _QUOTED.sub(r"“\1”", label.translate(_FULL_WIDTH))


# -- what a report is made of, before a layout lays it out ------------------------------


@attrs.frozen
class _Row:
    """A table row as a copy prints it: its label columns ("" where a merged cell covers
    them) and its data cells.

    In a header row a data cell is a header word, "" where it is covered by a wider header
    cell. In a body row it is a printed value, None where the cell is blank.
    """

    labels: tuple[str, ...]
    cells: tuple[str | None, ...]
    header: bool = False


@attrs.frozen
class _Cell:
    """A cell as the template draws it: its text (None for a blank value) and the rows and
    columns it covers."""

    text: str | None
    rowspan: int = 1
    colspan: int = 1


@attrs.frozen
class _Table:
    """A table with its cells merged as the template merges them.

    ``grid`` lists each row's own cells, left to right, leaving out the places a cell from
    the left or from above covers (as HTML does). The first ``headers`` rows are the header;
    the first ``labels`` columns hold the row labels.
    """

    grid: tuple[tuple[_Cell, ...], ...]
    headers: int
    labels: int

    @property
    def width(self) -> int:
        return sum(cell.colspan for cell in self.grid[0])

    @property
    def rows(self) -> tuple[_Row, ...]:
        """The rows as copies print them: each place a merged cell covers an empty cell."""
        taken = [[False] * self.width for _ in self.grid]
        slots: list[list[str | None]] = [[""] * self.width for _ in self.grid]
        for r, cells in enumerate(self.grid):
            c = 0
            for cell in cells:
                while taken[r][c]:
                    c += 1
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        taken[r + dr][c + dc] = True
                slots[r][c] = cell.text
                c += cell.colspan
        return tuple(_Row(tuple(s or "" for s in row[:self.labels]), tuple(row[self.labels:]),
                          header=r < self.headers)
                     for r, row in enumerate(slots))


@attrs.frozen
class _Text:
    kind: Literal["meta", "title", "heading", "para", "clause", "closing"]
    text: str


_Block = _Text | _Table


def _template_of(meta: Meta) -> Template:
    # As the parser guesses it when the tables do not tell.
    return TEMPLATES[meta.template or template_for(meta.year)]


def _date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _value(value: Value, column: Column) -> str | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return format(value, "f")
    if column.kind == "signed" and value > 0:
        return f"+{value}"
    return str(value)


def _blocks(report: Report) -> Iterator[_Block]:
    meta = report.meta
    template = _template_of(meta)
    for key in _META_ORDER:
        value = getattr(meta, key)
        if value is not None:
            shown = value.isoformat() if isinstance(value, datetime.date) else str(value)
            yield _Text("meta", f"{_META_LABELS[key]}：{shown}")
    title = meta.title or f"{meta.organ or ''}{meta.year or ''}年{TITLE_WORDING}"
    yield _Text("title", title)
    tables: dict[str, Callable[[Report, Template], Iterator[_Block]]] = {
        "proactive": _clause_tables, "requests": _matrix, "appeals": _appeals}
    for spec in SECTIONS:
        section = report.section(spec.key)
        heading = section.heading if section else f"{_NUMERAL_OF[spec.number]}、{spec.heading}"
        yield _Text("heading", heading)
        for paragraph in section.paragraphs if section else ():
            yield _Text("para", paragraph)
        if spec.key in tables:
            yield from tables[spec.key](report, template)
    if meta.signature is not None:
        yield _Text("closing", meta.signature)
    if meta.signature_date is not None:
        yield _Text("closing", _date(meta.signature_date))


def _clause_tables(report: Report, template: Template) -> Iterator[_Block]:
    unknown = set(report.proactive) - {item.key for item in template.proactive}
    if unknown:
        raise ValueError(f"not items of the {template.id} template: {', '.join(sorted(unknown))}")
    clauses = sorted({item.clause for item in template.proactive})
    for clause in clauses:
        items = [item for item in template.proactive if item.clause == clause]
        yield _Text("clause", printed(CLAUSE_HEADING.format(_NUMERAL_OF[clause])))
        # The items of one clause share its columns; a money column states the unit above it.
        columns = items[0].columns
        unit = next((report.proactive[i.key].unit for i in items
                     if i.key in report.proactive and report.proactive[i.key].unit), None)
        header = tuple(printed(f"{c.label}(单位:{unit})" if c.kind == "money" and unit else c.label)
                       for c in columns)
        grid = [(_Cell(printed(ITEM_HEADING)), *map(_Cell, header))]
        for item in items:
            found = report.proactive.get(item.key)
            values: Mapping[str, Value] = found if found is not None else {}
            extra = set(values) - {c.key for c in item.columns}
            if extra:
                raise ValueError(f"{item.key} has no column {', '.join(sorted(extra))} "
                                 f"in the {template.id} template")
            grid.append((_Cell(printed(item.labels[0])),
                         *(_Cell(_value(values.get(c.key), c)) for c in item.columns)))
        yield _Table(tuple(grid), headers=1, labels=1)


def _number(row: RequestRow) -> str:
    """The numbering the template prints before a matrix row, or before its group."""
    group, _, _ = row.key.rpartition(".")
    return REQUEST_NUMBERS[group or row.key]


def _matrix(report: Report, template: Template) -> Iterator[_Block]:
    unknown = set(report.requests) - set(template.request_keys)
    if unknown:
        raise ValueError(f"not rows of the {template.id} template: {', '.join(sorted(unknown))}")
    # Three label columns, as the template merges them: 一、… spans all three; 三、本年度办理结果
    # stands beside the outcome block, the rows numbered (一)… (七); a group label beside its
    # numbered rows.
    first, *organisations, total = (c.label for c in APPLICANT_COLUMNS)
    grid: list[tuple[_Cell, ...]] = [
        (_Cell("", rowspan=3, colspan=3), _Cell(printed(APPLICANTS_HEADING), colspan=len(APPLICANT_COLUMNS))),
        (_Cell(first, rowspan=2), _Cell(printed(ORGANISATIONS_HEADING), colspan=len(organisations)),
         _Cell(total, rowspan=2)),
        tuple(map(_Cell, organisations)),
    ]
    groups = dict(template.groups)
    block = [spec for spec in template.requests if not _number(spec).endswith("、")]
    sizes = Counter(spec.key.rpartition(".")[0] for spec in block)
    seen: Counter[str] = Counter()
    for spec in template.requests:
        group, _, _ = spec.key.rpartition(".")
        labels: list[_Cell] = []
        if spec not in block:
            labels.append(_Cell(printed(REQUEST_NUMBERS[spec.key] + spec.label), colspan=3))
        else:
            if spec is block[0]:
                labels.append(_Cell(printed(REQUEST_NUMBERS["outcomes"] + groups["outcomes"]),
                                    rowspan=len(block)))
            if group:
                seen[group] += 1
                if seen[group] == 1:
                    labels.append(_Cell(printed(REQUEST_NUMBERS[group] + groups[group]),
                                        rowspan=sizes[group]))
                labels.append(_Cell(printed(f"{seen[group]}.{spec.label}")))
            else:
                labels.append(_Cell(printed(REQUEST_NUMBERS[spec.key] + spec.label), colspan=2))
        row = report.requests.get(spec.key)
        cells = row.cells if row is not None else (None,) * len(APPLICANT_COLUMNS)
        grid.append((*labels, *(_Cell(_value(v, c)) for v, c in zip(cells, APPLICANT_COLUMNS,
                                                                      strict=True))))
    yield _Table(tuple(grid), headers=3, labels=3)


def _appeals(report: Report, template: Template) -> Iterator[_Block]:
    width = len(APPEAL_COLUMNS)
    names = [c.label for c in APPEAL_COLUMNS]
    review, *suits = (label for _, label in APPEAL_GROUPS)
    values = tuple(_Cell(_value(v, c)) for key, _ in APPEAL_GROUPS
                   for v, c in zip(report.appeals[key].cells, APPEAL_COLUMNS, strict=True))
    grid = (
        (_Cell(review, colspan=width), _Cell(LITIGATION_HEADING, colspan=width * len(suits))),
        (*(_Cell(name, rowspan=2) for name in names), *(_Cell(suit, colspan=width) for suit in suits)),
        tuple(_Cell(name) for _ in suits for name in names),
        values,
    )
    yield _Table(grid, headers=3, labels=0)


# -- layouts ------------------------------------------------------------------------------


def _body(row: _Row, blank: str) -> list[str]:
    """A body row's data cells as printed, ``blank`` for a blank cell.

    A blank first cell of a row without labels is a dash: empty cells leading a line are
    read as the merged cells of the layout, and that cell would be lost.
    """
    cells = [blank if c is None else c for c in row.cells]
    if cells and row.cells[0] is None and not any(row.labels):
        cells[0] = DASH
    return cells


def _trim(cells: Sequence[str]) -> list[str]:
    """Without trailing empty cells (tidy, and a trailing pad would join the row's cells)."""
    cells = list(cells)
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _row_per_line(blocks: Sequence[_Block], row: Callable[[_Row], str], *,
                  flat: bool = False) -> list[str]:
    """``tabs`` and ``run-together``: a blank line after each paragraph and table; the lines
    of the metadata block, and the signature and date, stand together; so do the clause
    tables of 二, each under its heading. ``flat`` (``glued``): each table on one line, a
    clause table on its heading's."""
    lines: list[str] = []
    previous: _Block | None = None
    for block in blocks:
        if isinstance(block, _Table):
            if not flat:
                lines += [row(r) for r in block.rows]
            elif isinstance(previous, _Text) and previous.kind == "clause":
                lines[-1] += "".join(row(r) for r in block.rows)
            else:
                lines.append("".join(row(r) for r in block.rows))
            lines.append("")
        else:
            if _together(previous, block):
                lines.pop()
            lines += [block.text] if block.kind == "clause" else [block.text, ""]
        previous = block
    return lines


def _together(previous: _Block | None, block: _Text) -> bool:
    """Does ``block`` stand directly under ``previous``, with no blank line between?"""
    if block.kind == "clause":
        return isinstance(previous, _Table)
    return (isinstance(previous, _Text) and previous.kind == block.kind
            and block.kind in ("meta", "closing"))


def _tab_row(row: _Row) -> str:
    if row.header:
        return "\t".join(_trim([*row.labels, *(c or "" for c in row.cells)]))
    # Labels as the template merges them: leading empty cells, none after the last label.
    return "\t".join([*_trim(row.labels), *_body(row, "")])


def _spaced_row(row: _Row) -> str:
    labels = [x for x in row.labels if x]
    cells = [c for c in row.cells if c] if row.header else _body(row, DASH)
    return " ".join(labels + cells)


def _glued_row(row: _Row) -> str:
    # A blank cell is a dash: an empty one would vanish without a trace.
    cells = [c or "" for c in row.cells] if row.header else [DASH if c is None else c for c in row.cells]
    return "".join([*row.labels, *cells])


def _one_per_line(blocks: Sequence[_Block], lead: str, gap: bool) -> list[str]:
    """``cells`` (lead = indentation, every line followed by a blank one) and ``tab-led``
    (lead = a tab, blank lines between rows only, header words wrapped)."""
    lines: list[str] = []

    def put(text: str) -> None:
        lines.append(text)
        if gap:
            lines.append("")

    for block in blocks:
        if isinstance(block, _Text):
            put((lead if gap or block.kind == "clause" else "") + block.text)
            if block.kind == "clause" and not gap:
                lines.append("")
            continue
        for row in block.rows:
            for label in row.labels:
                if label:
                    put(lead + label)
            if row.header:
                for cell in row.cells:
                    if cell:
                        head, tail = (cell, "") if gap else _wrap(cell)
                        put(lead + head)
                        if tail:
                            put(tail)
            else:
                # A blank cell is a line of nothing but the lead (spaces or a tab).
                for cell in _body(row, ""):
                    put(lead + cell)
            if not gap:
                lines.append("")
    return lines


def _wrap(header: str) -> tuple[str, str]:
    """A header cell as narrow columns wrap it: into two header words where it splits into
    two (本年新 / 制作数量, 结果 / 维持); whole otherwise."""
    for i in range(len(header) - 1, 1, -1):
        if header[:i] in _WRAPPABLE and header[i:] in _WRAPPABLE:
            return header[:i], header[i:]
    return header, ""


_WRAPPABLE: Final = frozenset(HEADER_WORDS)


def _markdown(blocks: Sequence[_Block]) -> list[str]:
    lines: list[str] = []
    prefix = {"title": "# ", "heading": "## ", "meta": "- "}
    previous: _Block | None = None
    for block in blocks:
        if isinstance(block, _Text):
            if _together(previous, block) and block.kind == "meta":
                lines.pop()  # the metadata block is one list
            lines += [prefix.get(block.kind, "") + block.text, ""]
            previous = block
            continue
        previous = block
        width = max(len(r.cells) for r in block.rows) + (1 if block.rows[0].labels else 0)
        for n, row in enumerate(block.rows):
            # The label columns become one: pipe tables have no merged cells.
            label = [" ".join(x for x in row.labels if x)] if row.labels else []
            cells = [c or "" for c in row.cells] if row.header else _body(row, "")
            lines.append("| " + " | ".join(label + cells) + " |")
            if n == 0:
                lines.append("|" + "---|" * width)
        lines.append("")
    return lines


def _own_cells(table: _Table) -> Iterator[tuple[list[str | None], int]]:
    """Each row of ``table`` as a crawler prints it: its own cells, none that a merged cell
    covers ("" for an empty header cell, None for a blank value, a dash where a blank would
    lead a row of values and be lost as layout), and how many more columns its merged cells
    cover."""
    for r, cells in enumerate(table.grid):
        texts = [cell.text for cell in cells]
        if r >= table.headers and table.labels == 0 and texts and texts[0] is None:
            texts[0] = DASH
        yield texts, table.width - len(cells)


def _clause_width(blocks: Sequence[_Block]) -> int:
    """The width of 二's clause tables as a page prints them: one table, as wide as its widest."""
    return max((b.width for a, b in itertools.pairwise(blocks)
                if isinstance(a, _Text) and a.kind == "clause" and isinstance(b, _Table)), default=1)


_PipeRow = Callable[[list[str | None], int], list[str]]


def _piped(blocks: Sequence[_Block], row: _PipeRow, lead: Sequence[str] = ()) -> list[str]:
    """``pipes``, ``pipe-cells`` and ``pipe-lines``: the text a line a block, no blank lines,
    as crawlers print it; a table's rows as ``row`` prints a row's own cells and the columns
    its merged cells cover, each row after the lines of ``lead``. A clause heading is a row of
    二's table, which spans it."""
    lines: list[str] = []
    wide = _clause_width(blocks)
    clauses = False
    for block in blocks:
        if isinstance(block, _Text):
            clauses = block.kind == "clause"
            lines += [*lead, *row([block.text], wide - 1)] if clauses else [block.text]
            continue
        for texts, pad in _own_cells(block):
            lines += [*lead, *row(texts, pad + (wide - block.width if clauses else 0))]
    return lines


def _closed(text: str | None) -> str:
    """A cell closed by its pipe (``0 |``); an empty one the pipe alone."""
    return f"{text} |" if text else "|"


def _pipe_row(texts: list[str | None], pad: int) -> list[str]:
    """``pipes``: the row's cells on its line, a pipe more for each column covered."""
    return [" ".join(map(_closed, texts)) + (" " + "|" * pad if pad else "")]


def _pipe_cells(texts: list[str | None], pad: int) -> list[str]:
    """``pipe-cells``: a line a cell, the pipes for the columns covered after the last."""
    lines = [_closed(text) for text in texts]
    lines[-1] += " " + "|" * pad if pad else ""
    return lines


def _pipe_lines(texts: list[str | None], pad: int) -> list[str]:
    """``pipe-lines``: a line a cell, each followed by a line of one pipe; no empty header
    cell is printed, and a blank value is a dash (an empty line would be no cell)."""
    return [line for text in texts if text != "" for line in (text or DASH, "|")]


#: Enough style to show the merged cells; the page reads the same without it.
_STYLE: Final = ("table{border-collapse:collapse;margin:1em 0}"
                 "th,td{border:1px solid #000;padding:.2em .5em}.closing{text-align:right}")
#: The element each kind of text is printed as (paragraphs apart), and the class of some.
_TAGS: Final = {"title": "h1", "heading": "h2"}
_CLASSES: Final = frozenset({"meta", "closing"})
#: Elements whose children start lines of the page's source.
_CONTAINERS: Final = frozenset({"head", "body", "table"})
#: Characters no HTML (or XML) document may hold, which lxml refuses: control characters and
#: lone surrogates, as a damaged source may leave in a paragraph.
_NOT_IN_HTML: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _spans(rowspan: int, colspan: int) -> dict[str, str]:
    return {name: str(n) for name, n in (("rowspan", rowspan), ("colspan", colspan)) if n > 1}


@attrs.frozen
class _PageRow:
    """A row of a table as a page draws it: its own cells, and whether they are header cells."""

    cells: tuple[_Cell, ...]
    header: bool


_PageTable = tuple[_PageRow, ...]


def _page(blocks: Sequence[_Block]) -> Iterator[_Text | _PageTable]:
    """The blocks as a page shows them: the texts but the clause headings, and the tables.

    The clause tables of 二 are one table, as in the template: each clause's heading a row
    across it, the last cell of a clause with fewer columns spanning the rest.
    """
    wide = _clause_width(blocks)
    clauses: list[_PageRow] | None = None  # the table of 二's clause tables, from the first clause heading on
    for block in blocks:
        if isinstance(block, _Table):
            rows = [_PageRow(cells, header=r < block.headers) for r, cells in enumerate(block.grid)]
            if clauses is None:
                yield tuple(rows)
                continue
            clauses += [attrs.evolve(row, cells=(*row.cells[:-1], attrs.evolve(
                row.cells[-1], colspan=row.cells[-1].colspan + wide - block.width))) for row in rows]
        elif block.kind == "clause":
            clauses = clauses or []
            clauses.append(_PageRow((_Cell(block.text, colspan=wide),), header=True))
        else:
            if clauses:
                yield tuple(clauses)
            clauses = None
            yield block
    if clauses:
        yield tuple(clauses)


def _html(blocks: Sequence[_Block]) -> list[str]:
    """``html``: a page of its own, the tables with the template's merged cells (see :func:`_page`).

    The tree is built with lxml, which escapes every text. Header rows are ``<th>`` cells.
    """
    from lxml import etree  # as the reader does: lxml only once a page is read or written

    def add(parent: etree._Element, tag: str, text: str | None = None,
            attributes: dict[str, str] | None = None) -> etree._Element:
        node = etree.SubElement(parent, tag, attributes or {})
        if text:
            # What a page cannot hold is marked with the replacement character, not dropped.
            node.text = _NOT_IN_HTML.sub("\ufffd", text)
        elif tag in _CONTAINERS:
            node.text = "\n"
        if tag not in ("th", "td"):
            node.tail = "\n"  # a line of source per block and per table row
        return node

    root = etree.Element("html", lang="zh-CN")
    root.text = "\n"
    head = add(root, "head")
    add(head, "meta", attributes={"charset": "utf-8"})
    add(head, "title", next(b.text for b in blocks if isinstance(b, _Text) and b.kind == "title"))
    add(head, "style", _STYLE)
    body = add(root, "body")
    for part in _page(blocks):
        if isinstance(part, _Text):
            add(body, _TAGS.get(part.kind, "p"), part.text,
                {"class": part.kind} if part.kind in _CLASSES else None)
            continue
        table = add(body, "table")
        for row in part:
            tr = add(table, "tr")
            for cell in row.cells:
                add(tr, "th" if row.header else "td", cell.text, _spans(cell.rowspan, cell.colspan))
    return etree.tostring(root, encoding="unicode", method="html", doctype="<!DOCTYPE html>").split("\n")


_WRITERS: Final[dict[Layout, Callable[[Sequence[_Block]], list[str]]]] = {
    "tabs": lambda blocks: _row_per_line(blocks, _tab_row),
    "cells": lambda blocks: _one_per_line(blocks, "      ", gap=True),
    "tab-led": lambda blocks: _one_per_line(blocks, "\t", gap=False),
    "markdown": _markdown,
    "run-together": lambda blocks: _row_per_line(blocks, _spaced_row),
    "html": _html,
    "glued": lambda blocks: _row_per_line(blocks, _glued_row, flat=True),
    "pipes": lambda blocks: _piped(blocks, _pipe_row),
    "pipe-cells": lambda blocks: _piped(blocks, _pipe_cells, ["|"]),
    "pipe-lines": lambda blocks: _piped(blocks, _pipe_lines),
}


def render(report: Report, layout: Layout = "tabs") -> str:
    """The text of ``report`` as a whole annual report in the standard template.

    The template is ``report.meta.template`` (else the one the year implies). Rows and items
    the report lacks are printed with blank cells; a key the template does not have raises
    :class:`ValueError`, so nothing is dropped unseen. Blank cells (None) print empty, or as
    a dash where an empty cell would be lost (``run-together``, ``glued``, a row's first
    cell). In the ``html`` layout the text is a whole page (UTF-8), every blank cell an empty
    ``<td>``.

    >>> from gkreport import ClauseItem, Meta, Report, parse
    >>> rules = ClauseItem("rules", {"made": 1, "published": 1, "total_published": 9})
    >>> report = Report(Meta(organ="示例县人民政府办公室", year=2020, template="2019"),
    ...                 proactive={"rules": rules})
    >>> text = render(report)
    >>> text.splitlines()[0]
    '示例县人民政府办公室2020年政府信息公开工作年度报告'
    >>> [line for line in text.splitlines() if line.startswith("规章")]
    ['规章\\t1\\t1\\t9']
    >>> parse(render(report, "markdown")).proactive["rules"] == rules
    True
    >>> page = render(report, "html")
    >>> [line for line in page.splitlines() if "规章" in line]
    ['<tr><td>规章</td><td>1</td><td>1</td><td>9</td></tr>']
    >>> parse(page).proactive["rules"] == rules
    True
    """
    if layout not in _WRITERS:
        raise ValueError(f"unknown layout {layout!r}; one of {', '.join(LAYOUTS)}")
    lines = _WRITERS[layout](list(_blocks(report)))
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"
