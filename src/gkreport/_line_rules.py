"""The line rules: what each line of a report is, tried in order (:data:`RULES`).

Each rule is a function of the tokenizer's :class:`~gkreport._state.State` and a
:class:`~gkreport._state.LineView`, and returns whether it took the line. Its docstring
names the quirk of real copies it handles and the diagnostic codes it may emit; the docs'
rules page is generated from these docstrings, in this order.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Final, Literal, NamedTuple

from ._bodies import title_of_key
from ._cells import Cell, split_line
from ._flatten import FURNITURE_KEYS
from ._headings import PROSE_MARK, PROSE_MARKS, TABLE_OF_SECTION, VALUE_IN_TEXT, numeral, table_run_on
from ._normalise import Line, normalised_key
from ._patterns import (
    CLAUSE,
    CLAUSE_IN_TEXT,
    DATE,
    DOC_NUMBER,
    NUMBERING,
    PAGE_END,
    PAGE_NUMBER_LINE,
    SECTION_NUMBER,
    VALUE,
    is_title,
)
from ._state import LineView, Shape, State
from ._tokens import Clause, Heading, MetaField
from ._unglue import parts as glued_parts
from .template import APPEAL_GROUPS, APPLICANT_COLUMNS, META_FIELDS, PUBLIC_NOTICES, SECTIONS

__all__ = ["RULES", "LineRule", "Rule", "Where", "meta_fields", "read_clause_line", "read_table_line"]

LineRule = Callable[[State, LineView], bool]

_PAGE_NUMBER_ENDS: Final = frozenset("页-—–―")  # the last character of every page-number form
#: Tokens that may stand above the title.
_FRONT: Final = frozenset({"META", "FURNITURE", "PARA", "SUBHEADING"})
# Where a metadata field starts within a cell: a label of one, after a space or a bullet.
_META_LABEL = re.compile(
    r"(?<=[\s•·])(?=(?:" + "|".join(map(re.escape, sorted(META_FIELDS, key=len, reverse=True))) + r")\s*:)"
)
# A number with its measure word inside a sentence (市科委2024年根据…, 受理申请6件,其中…): a
# wrapped line of prose (text from a PDF keeps no sentence on one line), not a row's cells.
_COUNTED_IN_PROSE = re.compile(r"[\u4e00-\u9fff]\d+[年月日件条个次人篇项家][\u4e00-\u9fff,]{2}")
# Longest first: 行政诉讼(复议后起诉) names 复议后起诉, not 行政复议.
_APPEAL_GROUP_LABELS: Final = sorted((label for _, label in APPEAL_GROUPS), key=len, reverse=True)
_SECTION_OF_KEY: Final = {section.key: section for section in SECTIONS}
# A cell that is a number, between separators: a row of values, never a header row.
_VALUE_CELL = re.compile(r"(?:^|[|\t])\s*[+-]?\d+(?:\.\d+)?\s*(?=[|\t]|$)")
_META_CELL = re.compile(r"[\t|]")
_MATRIX_WIDTH: Final = len(APPLICANT_COLUMNS)
_HAN = re.compile(r"[\u4e00-\u9fff]")
# An empty cell closed by its pipe, padding after it (| ||): a crawler's row ending blank.
_PADDED_PIPE = re.compile(r"\|\s+\|+")


def blank_cell(state: State, line: LineView) -> bool:
    """A line of only spaces: inside a table, a blank cell (one-cell-per-line copies print
    an empty cell so); elsewhere nothing."""
    if line.stripped:
        return False
    if state.reader.table is not None and not state.closing:
        state.reader.cell(Cell("", line.line, len(line.text), "blank"))
    return True


def count_cell(state: State, line: LineView) -> bool:
    """A bare count on a line of its own inside a table: the commonest line of
    one-cell-per-line copies, whose cells stand on lines of their own, often separated by
    blank lines (an empty line is no cell and reaches no rule); read without the rest."""
    count = line.stripped
    if (state.reader.table is None or state.closing or not line.text[-1].isdigit() or not count.isascii()
            or not count.isdigit() or "\t" in line.text.lstrip()):
        return False
    # Leading tabs are layout (see read_table_line): the cell starts after the last of them.
    state.reader.value_cell(Cell(count, line.line, line.text.rfind("\t") + 2, "value", Decimal(count)))
    return True


def page_number(state: State, line: LineView) -> bool:
    """Page-number lines of a printed page's copy (第 3 页, — 3 —, 第3页 共5页): furniture,
    dropped wherever they fall, even between a table's rows."""
    return line.stripped[-1] in _PAGE_NUMBER_ENDS and PAGE_NUMBER_LINE.match(line.stripped) is not None


def furniture(state: State, line: LineView) -> bool:
    """The web page's furniture (打印本页, 关闭窗口, 扫一扫在手机上查看当前页面…): a FURNITURE
    token above the report or after its last section, dropped inside it."""
    if line.key not in FURNITURE_KEYS:
        return False
    if state.section is None or line.after_last_section:
        state.reader.close_table()
        state.emit("FURNITURE", line.line, line.line)
    return True


def page_end(state: State, line: LineView) -> bool:
    """After the last section, where a crawler's copy goes on into the page's own content:
    相关链接, 上一篇:…/下一篇:…, 打印本页 关闭窗口, the site's footer (主办单位:…, 网站标识码…,
    …ICP备…号), another report's title. The report ends there: that line and the rest (but
    the page's furniture) are not read into the last section's text, and a
    ``page-after-report`` diagnostic names them."""
    if state.ended is None:
        if not line.after_last_section or state.section is None or not _ends_report(state, line):
            return False
        state.reader.close_table()
        state.ended = line.line
    state.dropped += 1
    return True


def _ends_report(state: State, line: LineView) -> bool:
    if PAGE_END.search(line.key):
        return True
    # Another report's title (a link to last year's), not the report's own repeated as a
    # page header, whole or shortened (no body, or part of the body's name).
    own = state.title
    title = title_of_key(line.key) if own is not None and len(line.key) <= 80 else None
    if title is None or own is None:
        return False
    organ, year, _ = title
    return year != own[1] or bool(organ and own[0] and organ not in own[0] and own[0] not in organ)


def section_heading(state: State, line: LineView) -> bool:
    """A section heading (一、总体情况 … 六、其他需要报告的事项), numbered or in markdown, worded
    freely around its stem; in a flattened copy, with its table run on after it on the same
    line (read here too). Starts the section's table, if it has one. A lone pipe the table
    ended with was its last row's empty cell: no row follows for it to open."""
    section = line.heading
    if section is None:
        return False
    state.end_pipe_row()
    if section == state.section == state.reader.table == "appeals" and (group := _appeal_group(line.key)):
        # 四's table printed as three, each under a heading naming its group (### 行政复议).
        state.reader.heading_row(Cell(group, line.line, 1, "text"))
        return True
    state.reader.open_table(TABLE_OF_SECTION.get(section))
    state.section = section
    wording = _SECTION_OF_KEY[section]
    if not any(stem in line.key for stem in wording.stems):
        state.repair("label-fuzzy", f"heading {line.flat!r} read as {wording.heading!r}, the heading "
                     "of the section its numeral names", line.line)
    rest = _after_heading(state, line.flat)
    state.emit(f"{section.upper()}_HEADING", Heading(section, line.line, rest), line.line)
    if rest:
        offset = len(line.text) - len(rest)
        if CLAUSE_IN_TEXT.match(rest):
            read_clause_line(state, line.line, rest, offset)
        else:
            read_table_line(state, line.line, rest, offset)
    return True


def _appeal_group(key: str) -> str | None:
    """The appeals group a heading names (行政诉讼(未经复议直接起诉) names 未经复议直接起诉);
    none for the section's own heading printed again (四、…行政复议、行政诉讼情况)."""
    if SECTION_NUMBER.match(key) or key.endswith("情况"):
        return None
    return next((label for label in _APPEAL_GROUP_LABELS if label in key), None)


def _after_heading(state: State, flat: str) -> str:
    """What follows a section heading on its line, if it is the start of a table."""
    if state.reader.table is None:
        return ""
    words = flat.split()
    for i, word in enumerate(words[1:], 1):
        if VALUE.match(word) or CLAUSE.match(word) or state.reader.starts_cell(word):
            return " ".join(words[i:])
    glued = table_run_on(flat)
    return flat[glued[1]:] if glued else ""


def metadata(state: State, line: LineView) -> bool:
    """Above 一、: the site's metadata block (索引号:…, 发布机构:…), one field a line, several
    in a row of a metadata table, or run on in one cell (索引号:… • 发布机构:…)."""
    if state.section is not None:
        return False
    fields = meta_fields(line.flat)
    for name, value in fields:
        if value:  # a field left blank is no value (None), not ''
            state.emit("META", MetaField(name, value, line.line), line.line)
    return bool(fields)


def title(state: State, line: LineView) -> bool:
    """The report's title (…2023年政府信息公开工作年度报告), the first line above 一、 that reads
    as one; or, before it, a document number standing alone (丰政办〔2021〕3号)."""
    if state.section is not None or state.title_seen:
        return False
    key = line.key
    if is_title(key) and all(t.type in _FRONT for t in state.tokens):
        state.title_seen = True
        state.title = title_of_key(key)
        state.emit("TITLE", line.line, line.line)
        return True
    if DOC_NUMBER.match(key):
        state.emit("META", MetaField("document_number", key, line.line), line.line)
        return True
    return False


def closing(state: State, line: LineView) -> bool:
    """After the last section's content: the date that closes the report, 此件主动公开, and any
    text after them (a short line is a ``SHORT_LINE``: the grammar reads the one right before
    the date as the signature). No table follows."""
    if state.section != "other_matters" or not line.after_last_section:
        return False
    key = line.key
    if DATE.match(key):
        state.closing = True
        state.reader.close_table()
        state.emit("DATE", line.line, line.line)
        return True
    if any(notice in key for notice in PUBLIC_NOTICES):
        state.closing = True
        state.emit("PUBLIC_NOTICE", line.line, line.line)
        return True
    if state.closing:
        state.emit("SHORT_LINE" if _is_signature(line.text) else "PARA", line.line, line.line)
        return True
    return False


def clause_heading(state: State, line: LineView) -> bool:
    """A 第二十条第(一)项 clause heading, which starts a clause table; in a flattened copy,
    with its table run on after it, or several clause tables on one line."""
    if not CLAUSE.match(line.key):
        return False
    read_clause_line(state, line.line)
    return True


def numbers_apart(state: State, line: LineView) -> bool:
    """A whole row of the matrix's numbers on a line of its own, after a row that already
    has all its cells: the copy printed labels and numbers apart (text extracted from a PDF),
    so the numbers are a row of their own, without a label. The builder places such rows by
    reading order (:mod:`gkreport._interleaved`), or names their numbers."""
    row = state.reader.row
    if (state.reader.table != "requests" or row is None or len(row.cells) < _MATRIX_WIDTH
            or state.closing or _HAN.search(line.text)):
        return False
    cells, glued = split_line(line.text, line.line, 0, state.reader.starts_cell)
    if glued or len(cells) != _MATRIX_WIDTH or any(c.kind == "text" for c in cells):
        return False
    state.reader.numbers_row(cells)
    return True


def lone_pipe(state: State, line: LineView) -> bool:
    """A line of one pipe inside a table. Where cells each end with a pipe (``0 |``), rows
    open with a lone one, and an empty cell is one too: a lone pipe is that empty cell when
    a value or another lone pipe follows it, else the opener of the next row. Elsewhere
    it is layout, as are padding lines (``|||``). The appeals row, which has no label, is a
    row here once its first cell is read. A lone pipe with padding after it (``| ||``) is a
    row's empty last cell, the pipes after it padding the row as after a value (``0 | ||``)."""
    padded = _PADDED_PIPE.fullmatch(line.stripped) is not None
    if line.stripped != "|" and not padded:
        return False
    reader = state.reader
    if (reader.row is None and reader.appeals is None) or not (state.closed_by_pipe or state.pipe_blank):
        state.pipe_blank = None
        return True
    if state.pipe_blank is not None:
        state.reader.cell(state.pipe_blank)  # a second lone pipe: the first was an empty cell
    state.pipe_blank = Cell("", line.line, line.text.index("|") + 1, "blank")
    if padded:
        state.reader.cell(state.pipe_blank)
        state.pipe_blank = None
    return True


def header_again(state: State, line: LineView) -> bool:
    """A header row among the matrix's rows (a table printed in parts, a page's header
    printed again): four or more cells, none a value, after a row's cells (blank ones too).
    Skipped, and said: its words would otherwise open rows (结转下年度, 予以公开). (A clause
    table's header is kept: it names the columns present and their unit.)"""
    reader = state.reader
    after_row = (reader.row is not None and bool(reader.row.cells)) or (
        bool(state.tokens) and state.tokens[-1].type == "MATRIX_ROW")
    if reader.table != "requests" or not after_row or _VALUE_CELL.search(line.text):
        return False
    if sum(map(line.stripped.count, _CELL_BREAKS)) < 3:
        return False  # four cells need three breaks between them: a label alone, most often
    cells, _ = split_line(line.text, line.line, 0, _never)
    if len(cells) < 4 or any(c.kind != "text" for c in cells):
        return False
    printed = " | ".join(c.text for c in cells)
    state.repair("header-repeated", f"a header row among the rows, skipped: {printed}", line.line)
    return True


_CELL_BREAKS: Final = ("\t", "|", " ")


def _never(word: str) -> bool:
    return False


def table_line(state: State, line: LineView) -> bool:
    """A line inside a table that is not prose: its cells, cut at tabs or pipes or told
    apart by spaces (:func:`gkreport._cells.split_line`), go to the table reader in order.
    Emits ``cells-glued`` for cells told apart by spaces alone."""
    if state.reader.table is None or state.closing or _is_prose(line.key, line.text):
        return False
    read_table_line(state, line.line)
    return True


def note(state: State, line: LineView) -> bool:
    """Prose inside a table section (a note under a table, a paragraph of 三): ends the row
    being read (a lone pipe before it was the row's empty cell: no row follows for it to
    open), and the grammar keeps it with the section's text."""
    if state.reader.table is None:
        return False
    state.end_pipe_row()
    state.reader.end_row()
    state.emit("NOTE", line.line, line.line)
    return True


def subheading(state: State, line: LineView) -> bool:
    """A short numbered line of prose ((一)主动公开情况, 1. 加强组织领导): a sub-heading."""
    key = normalised_key(line.flat)
    if len(key) > 30 or "。" in key.rstrip("。") or not NUMBERING.match(key):
        return False
    state.emit("SUBHEADING", line.line, line.line)
    return True


def paragraph(state: State, line: LineView) -> bool:
    """Any other line: a paragraph of the section it stands in. After 六, a short line is a
    ``SHORT_LINE``: the grammar reads it as the signature if the date follows it."""
    closing = state.section == "other_matters" and line.after_last_section and _is_signature(line.text)
    state.emit("SHORT_LINE" if closing else "PARA", line.line, line.line)
    return True


def read_clause_line(state: State, line: Line, text: str | None = None, offset: int = 0) -> None:
    """A clause heading; in a flattened copy, also the tables that follow it on its line
    (or in ``text``, a part of the line from column ``offset`` + 1)."""
    if text is None:
        text = line.text
    marks = list(CLAUSE_IN_TEXT.finditer(text))
    for i, mark in enumerate(marks):
        state.reader.open_table("proactive")
        state.emit("CLAUSE_HEADING", Clause(numeral(mark.group(1)) or 0, line), line,
                   offset + mark.start() + 1)
        rest = text[mark.end():marks[i + 1].start() if i + 1 < len(marks) else len(text)]
        if rest.strip(" \t|"):  # more than the padding of a heading row
            read_table_line(state, line, rest, offset + mark.end())


def read_table_line(state: State, line: Line, text: str | None = None, offset: int = 0) -> None:
    """The cells of a table line (or of ``text``, a part of it from column ``offset`` + 1)."""
    text = line.text if text is None else text
    cells, glued = split_line(text, line, offset, state.reader.starts_cell)
    if state.pipe_blank is not None:
        if cells and cells[0].kind != "text":
            state.reader.cell(state.pipe_blank)  # a value after a lone pipe: it was an empty cell
        state.pipe_blank = None
    state.closed_by_pipe = bool(cells) and text.rstrip().endswith("|")
    for cell in cells:
        state.reader.cell(cell)
    if glued:
        state.repair("cells-glued", "cells separated by spaces were split", line)


def _is_prose(key: str, text: str) -> bool:
    if "\t" in text or "|" in text:
        return False
    if len(key) > 12 and (PROSE_MARK.search(key) or _COUNTED_IN_PROSE.search(key)):
        return True
    return len(key) > 60 and not VALUE_IN_TEXT.search(text) and glued_parts(key, bool) is None


def meta_fields(flat: str) -> list[tuple[str, str]]:
    """The metadata fields of a line (its normalised text): ``索引号:113…``, or a row of a
    page's metadata table with several fields, each value in its label's cell or in the cell
    after it."""
    if ":" not in flat:
        return []
    # Cells are tab- or pipe-separated, or run on after one another (索引号:113… • 发布机构:…).
    cells = [c.strip(" •·") for cell in _META_CELL.split(flat) for c in _META_LABEL.split(cell)]
    fields = []
    for i, cell in enumerate(cells):
        name, sep, value = cell.partition(":")
        key = META_FIELDS.get(normalised_key(name)) if sep else None
        if key is None:
            continue
        value = value.strip()
        if not value and i + 1 < len(cells) and not cells[i + 1].endswith(":"):
            value = cells[i + 1]  # the value in the cell after its name's; blank: no value
        fields.append((key, value))
    return fields


def _is_signature(text: str) -> bool:
    key = normalised_key(text)
    return 2 <= len(key) <= 40 and not any(mark in key for mark in (*PROSE_MARKS, ",", ":"))


#: Where a line rule applies: anywhere; above the first section heading (``front``); while a
#: table is read (``table``); after the last section heading's content (``back``: the
#: closing, the page past the report).
Where = Literal["anywhere", "front", "table", "back"]
_TEXT: Final[frozenset[Shape]] = frozenset({"text"})
_ANY_TEXT: Final[frozenset[Shape]] = frozenset({"count", "text"})
_BLANK: Final[frozenset[Shape]] = frozenset({"blank"})
_COUNT: Final[frozenset[Shape]] = frozenset({"count"})
_HEADING: Final[frozenset[Shape]] = frozenset({"heading"})


class Rule(NamedTuple):
    """A named line rule, where it applies, and the shapes of line it may take (the driver
    tries it only there, and only on those)."""

    name: str
    apply: LineRule
    where: Where
    shapes: frozenset[Shape] = _TEXT


#: The line rules in the order they are tried.
RULES: Final[tuple[Rule, ...]] = (
    Rule("blank_cell", blank_cell, "anywhere", _BLANK),
    Rule("count_cell", count_cell, "table", _COUNT),
    Rule("page_number", page_number, "anywhere"),
    Rule("furniture", furniture, "anywhere"),
    Rule("page_end", page_end, "back", _ANY_TEXT),
    Rule("section_heading", section_heading, "anywhere", _HEADING),
    Rule("metadata", metadata, "front"),
    Rule("title", title, "front"),
    Rule("closing", closing, "back", _ANY_TEXT),
    Rule("clause_heading", clause_heading, "anywhere"),
    Rule("numbers_apart", numbers_apart, "table"),
    Rule("lone_pipe", lone_pipe, "table"),
    Rule("header_again", header_again, "table", _TEXT),
    Rule("table_line", table_line, "table", _ANY_TEXT),
    Rule("note", note, "table", _ANY_TEXT),
    Rule("subheading", subheading, "anywhere"),
    Rule("paragraph", paragraph, "anywhere", _ANY_TEXT),
)
