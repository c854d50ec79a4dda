"""Stage 5, build the model: a lark Transformer run by the LALR parser, then the tables.

The Transformer gathers what the grammar recognised (meta fields, sections, the rows of each
section's table, the closing) as the parser reduces; :func:`gkreport._tables.assemble` then
fits each row's cells to the template's columns, recovers lost cells where arithmetic
forces them, and freezes everything into a :class:`~gkreport.model.Report`.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Iterable
from typing import Any

# Transformer and v_args from where lark defines them, not its re-export: compiled, a
# class whose base comes from a module this one never imports fails to build (mypyc
# looks the base up in lark.visitors).
from lark import Token
from lark.visitors import Transformer, v_args

from ._bodies import organ_of_title, title_of_line
from ._normalise import Line, compact, label_key
from ._patterns import DATE, ISO_DATE, TITLE
from ._tokens import Header, Heading, MetaField, RowDraft, TableRow
from .diagnostics import Diagnostic
from .model import Section
from .template import EMPTY_MARKS

__all__ = ["Document", "DocumentBuilder", "clause_items"]


@dataclasses.dataclass(slots=True)
class Document:
    """What the parser recognised, before the tables are fitted to the template.

    This module's classes are dataclasses, not attrs classes: they behave the same, and
    compiled by mypyc they are native classes (with attrs fields the module would not even
    import: their defaults fail the compiled type checks).
    """

    meta: dict[str, Any] = dataclasses.field(default_factory=dict)
    sections: list[Section] = dataclasses.field(default_factory=list)
    items: list[TableRow] = dataclasses.field(default_factory=list)
    matrix: list[RowDraft] = dataclasses.field(default_factory=list)
    appeals: list[RowDraft] = dataclasses.field(default_factory=list)
    #: The parts that stood out of the template's order (``part-misplaced``).
    diagnostics: list[Diagnostic] = dataclasses.field(default_factory=list)
    #: The row a copy cut short ends in: its cells past the cut are lost, not recovered.
    cut_in: RowDraft | None = None


def _text(line: Line) -> str:
    """A line's text as printed, without padding or markdown/bullet markers."""
    text = line.raw.replace("\u00a0", " ").replace("\u3000", " ").strip()
    return _DECORATION.sub("", text).strip()


# The markers the tokenizer reads past (markdown headings, bullets, "- " list items), in
# either width: the tokenizer reads them normalised, this the line as printed.
_DECORATION = re.compile(r"^(?:[#＃]{1,6}\s*|[•·●▪■◆*>＊＞]\s*|[-－]\s+)")


@dataclasses.dataclass(frozen=True, slots=True)
class Table:
    """A table section's text and rows, each row with the unit its clause table's header
    states (None outside 二)."""

    paragraphs: list[str]
    rows: list[TableRow]


@dataclasses.dataclass(frozen=True, slots=True)
class Closing:
    """The issuing body and the date that close the report."""

    signature: str | None
    date: datetime.date | None


@dataclasses.dataclass(frozen=True, slots=True)
class Part:
    """One section as the grammar read it: the section, its table's rows, its closing."""

    section: Section
    rows: list[TableRow] = dataclasses.field(default_factory=list)
    closing: Closing | None = None

    @property
    def drafts(self) -> list[RowDraft]:
        return [item.row for item in self.rows]


@v_args(inline=True)
class DocumentBuilder(Transformer[Token, Document]):
    """Callbacks of the grammar's rules, called as the parser reduces. Each returns a typed
    value; a rule's children are what the grammar says they are (``[x]`` gives None)."""

    def front_matter(self, *tokens: Token) -> list[MetaField]:
        return [t.value for t in tokens if t.type == "META"]

    # Methods that call another, not aliases (preamble = front_matter): compiled by mypyc,
    # this class's body cannot name a method defined in it (KeyError on import).
    def preamble(self, *tokens: Token) -> list[MetaField]:
        return self.front_matter(*tokens)

    def title(self, token: Token) -> Line:
        line: Line = token.value
        return line

    def text(self, *tokens: Token) -> list[str]:
        return _paragraphs(tokens)

    def overview(self, heading: Token, text: list[str]) -> Part:
        return Part(_section(heading, text))

    def problems(self, heading: Token, text: list[str]) -> Part:
        return self.overview(heading, text)

    def clause_rows(self, *tokens: Token) -> Table:
        return Table(_paragraphs(tokens), clause_items(tokens))

    def clause_table(self, heading: Token, table: Table) -> Table:
        return table  # the clause heading starts a table: its rows' unit is its header's

    def proactive(self, heading: Token, table: Table, *tables: Table) -> Part:
        tables = (table, *tables)
        paragraphs = [p for t in tables for p in t.paragraphs]
        return Part(_section(heading, paragraphs), [row for t in tables for row in t.rows])

    def applicant_matrix(self, *tokens: Token) -> Table:
        return Table(_paragraphs(tokens), _rows(tokens, "MATRIX_ROW"))

    def appeals_table(self, *tokens: Token) -> Table:
        return Table(_paragraphs(tokens), _rows(tokens, "APPEALS_ROW"))

    def requests(self, heading: Token, table: Table) -> Part:
        return Part(_section(heading, table.paragraphs), table.rows)

    def appeals(self, heading: Token, table: Table) -> Part:
        return self.requests(heading, table)

    def other_matters(self, heading: Token, *rest: Any) -> Part:
        # OTHER_MATTERS_HEADING _text* [closing]: the closing, or None, comes last.
        *text, closing = rest
        return Part(_section(heading, _paragraphs(text)), closing=closing)

    def signature(self, token: Token) -> Token:
        # The grammar read this short line as the signature: the closing sees it as one.
        return Token.new_borrow_pos("SIGNATURE", token.value, token)

    def closing(self, *tokens: Token) -> Closing:
        signature = next((_text(t.value) for t in tokens if t.type == "SIGNATURE"), None)
        date = next((t.value for t in tokens if t.type == "DATE"), None)
        return Closing(signature, _date(label_key(date.text)) if date is not None else None)

    def start(self, front: list[MetaField], title: Line | None, preamble: list[MetaField] | None,
              overview: Part | None, proactive: Part | None, requests: Part | None,
              appeals: Part | None, problems: Part | None, other_matters: Part | None) -> Document:
        doc = Document()
        for field in (*front, *(preamble or ())):
            doc.meta.setdefault(field.key, field.value)
        if title is not None:
            _title(doc.meta, title)
        parts = (overview, proactive, requests, appeals, problems, other_matters)
        doc.sections = [part.section for part in parts if part is not None]
        doc.items = proactive.rows if proactive else []
        doc.matrix = requests.drafts if requests else []
        doc.appeals = appeals.drafts if appeals else []
        closing = other_matters.closing if other_matters else None
        if closing is not None:
            doc.meta["signature"] = closing.signature
            doc.meta["signature_date"] = closing.date
        return doc


def _section(heading: Token, paragraphs: list[str]) -> Section:
    head: Heading = heading.value
    text = _text(head.line)
    if head.rest:
        text = text.split()[0]  # the heading alone, without the table run on after it
    return Section(head.key, text, tuple(paragraphs), head.line.number)


def _paragraphs(tokens: Iterable[Token]) -> list[str]:
    """The section's text: its paragraphs, sub-headings, short lines and the notes that are
    lines of their own."""
    return [_text(t.value) for t in tokens
            if t.type in _PROSE or (t.type == "NOTE" and _whole(t.value))]


_PROSE = frozenset({"PARA", "SUBHEADING", "SHORT_LINE"})


def _rows(tokens: Iterable[Token], type_: str) -> list[TableRow]:
    """The rows among ``tokens`` of ``type_``, with no header: a table of fixed columns."""
    # tuple.__new__ builds each TableRow in C; TableRow(...) runs Python code per row.
    return [tuple.__new__(TableRow, (t.value, None, ())) for t in tokens if t.type == type_]


def clause_items(tokens: Iterable[Token]) -> list[TableRow]:
    """The item rows among ``tokens``, each with the unit and the column names of the header
    above it: a header row after other header rows continues them (its unit, or theirs);
    after anything else it starts a table of its own."""
    items = []
    unit = None
    names: tuple[str, ...] = ()
    after_header = False
    for token in tokens:
        if token.type == "ITEM_HEADER":
            header: Header = token.value
            unit = header.unit or (unit if after_header else None)
            names = (names if after_header else ()) + tuple(compact(c.text) for c in header.cells)
        elif token.type == "ITEM_ROW":
            items.append(TableRow(token.value, unit, names))
        after_header = token.type == "ITEM_HEADER"
    return items


def _whole(line: Line) -> bool:
    """A note that is a line of text of its own (prose under 二, 三 or 四), not a text cell
    among a table row's cells: those stand between tabs or pipes, or before the row's values
    (whose diagnostics name them)."""
    text = line.text.strip()
    words = text.split()
    return ("\t" not in text and not text.startswith("|")
            and not (len(words) > 1 and (words[-1] in EMPTY_MARKS or _ROW_VALUE.match(words[-1]))))


_ROW_VALUE = re.compile(r"^[+-]?\d+(?:\.\d+)?$")


def _title(meta: dict[str, Any], line: Line) -> None:
    meta["title"] = title_of_line(_text(line))
    m = TITLE.match(label_key(title_of_line(line.text)))
    if m:
        meta["organ"] = organ_of_title(m)
        meta["year"] = int(m.group("year"))


def _date(text: str) -> datetime.date | None:
    m = DATE.match(text) or ISO_DATE.match(text)
    if not m:
        return None
    try:
        return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
