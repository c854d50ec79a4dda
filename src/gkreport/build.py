"""Stage 5, build the model: a lark Transformer run by the LALR parser, then the tables.

The Transformer gathers what the grammar recognised (meta fields, sections, clause tables,
matrix rows, the appeals row) as the parser reduces; :func:`gkreport.tables.assemble` then
fits each row's cells to the template's columns, recovers lost cells where arithmetic
forces them, and freezes everything into a :class:`~gkreport.model.Report`.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

import attrs
from lark import Token, Transformer

from .model import Section
from .normalise import Line, label_key
from .template import EMPTY_MARKS
from .tokenize import _DATE, _ISO_DATE, _TITLE, Header, Heading, MetaField, RowDraft

__all__ = ["Document", "DocumentBuilder"]


@attrs.define
class Document:
    """What the parser recognised, before the tables are fitted to the template."""

    meta: dict[str, Any] = attrs.field(factory=dict)
    sections: list[Section] = attrs.field(factory=list)
    items: list[tuple[RowDraft, str | None]] = attrs.field(factory=list)  # (row, header unit)
    matrix: list[RowDraft] = attrs.field(factory=list)
    appeals: list[RowDraft] = attrs.field(factory=list)
    #: The unit the current clause table's header states, for its rows after a note.
    unit: str | None = None


def _text(line: Line) -> str:
    """A line's text as printed, without padding or markdown/bullet markers."""
    text = line.raw.replace("\u00a0", " ").replace("\u3000", " ").strip()
    return _DECORATION.sub("", text).strip()


# The markers the tokenizer reads past (markdown headings, bullets, "- " list items), in
# either width: the tokenizer reads them normalised, this the line as printed.
_DECORATION = re.compile(r"^(?:[#＃]{1,6}\s*|[•·●▪■◆*>＊＞]\s*|[-－]\s+)")


class DocumentBuilder(Transformer[Token, Document]):
    """Callbacks of the grammar's rules; each returns what its rule contributes."""

    def front_matter(self, children: list[Token]) -> list[Token]:
        return children

    def preamble(self, children: list[Any]) -> list[Any]:
        return children

    def title(self, children: list[Token]) -> tuple[str, Line]:
        line: Line = children[0].value
        return ("title", line)

    def section(self, children: list[Any]) -> _SectionPart:
        heading: Heading = children[0].value
        text = _text(heading.line)
        if heading.rest:
            text = text.split()[0]  # the heading alone, without the table run on after it
        return _section(heading.key, text, heading.line.number, children[1:])

    def clause_table(self, children: list[Token]) -> _ClauseRows:
        unit = None
        rows = []
        for token in children:
            if token.type == "ITEM_HEADER":
                header: Header = token.value
                unit = header.unit or unit
            elif token.type == "ITEM_ROW":
                rows.append(token.value)
        return _ClauseRows(rows, unit, headed=children[0].type != "ITEM_ROW")

    def applicant_matrix(self, children: list[Token]) -> list[RowDraft]:
        return [t.value for t in children if t.type == "MATRIX_ROW"]

    def appeals_table(self, children: list[Token]) -> list[RowDraft]:
        return [t.value for t in children if t.type == "APPEALS_ROW"]

    def closing(self, children: list[Token]) -> list[Token]:
        return children

    def start(self, children: list[Any]) -> Document:
        doc = Document()
        for child in children:
            if isinstance(child, _SectionPart):
                doc.sections.append(child.section)
                for table in child.tables:
                    _collect(doc, table)
            elif isinstance(child, tuple) and child[0] == "title":
                _title(doc.meta, child[1])
            elif isinstance(child, list):
                for part in child:
                    _collect(doc, part)
        return doc


@attrs.frozen
class _ClauseRows:
    """The rows of a clause table and its header's unit. Rows without a heading or header
    before them continue the table above them (a note or page break stood between)."""

    rows: list[RowDraft]
    unit: str | None
    headed: bool


@attrs.frozen
class _SectionPart:
    section: Section
    tables: list[Any]


def _section(key: str, heading: str, line: int, children: list[Any]) -> _SectionPart:
    paragraphs = []
    tables = []
    for child in children:
        if isinstance(child, Token):
            if child.type in ("PARA", "SUBHEADING") or (child.type == "NOTE" and _whole(child.value)):
                paragraphs.append(_text(child.value))
        else:
            tables.append(child)
    return _SectionPart(Section(key, heading, tuple(paragraphs), line), tables)


def _whole(line: Line) -> bool:
    """A note that is a line of text of its own (prose under 二, 三 or 四), not a text cell
    among a table row's cells: those stand between tabs or pipes, or before the row's values
    (whose diagnostics name them)."""
    text = line.text.strip()
    words = text.split()
    return ("\t" not in text and not text.startswith("|")
            and not (len(words) > 1 and (words[-1] in EMPTY_MARKS or _ROW_VALUE.match(words[-1]))))


_ROW_VALUE = re.compile(r"^[+-]?\d+(?:\.\d+)?$")


def _collect(doc: Document, part: Any) -> None:
    if isinstance(part, Token):
        if part.type == "META":
            field: MetaField = part.value
            doc.meta.setdefault(field.key, field.value)
        elif part.type == "SIGNATURE":
            doc.meta.setdefault("signature", _text(part.value))
        elif part.type == "DATE":
            doc.meta.setdefault("signature_date", _date(label_key(part.value.text)))
        return
    if isinstance(part, _SectionPart):
        for table in part.tables:
            _collect(doc, table)
        return
    if isinstance(part, _ClauseRows):
        if part.headed:
            doc.unit = part.unit
        doc.items += [(row, doc.unit) for row in part.rows]
        return
    if isinstance(part, list):
        for row in part:
            if isinstance(row, RowDraft):
                (doc.matrix if row.table == "requests" else doc.appeals).append(row)
            else:
                _collect(doc, row)


def _title(meta: dict[str, Any], line: Line) -> None:
    meta["title"] = _text(line)
    m = _TITLE.match(label_key(line.text))
    if m:
        organ = m.group("organ").lstrip("#").strip()
        meta["organ"] = organ or None
        meta["year"] = int(m.group("year"))


def _date(text: str) -> datetime.date | None:
    m = _DATE.match(text) or _ISO_DATE.match(text)
    if not m:
        return None
    try:
        return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
