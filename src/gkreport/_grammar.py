"""Stage 4, parse: the LALR parser of ``grammars/report.lark`` over the tokenizer's tokens.

The grammar is package data (``gkreport/grammars/report.lark``, a link to the repository's
top-level ``grammars/`` that the wheel ships as a file). The parser is built once per process.

A part out of the template's place (a table under another section, a section heading out
of order, metadata within the body) is no reading of the grammar. :func:`read_document` then feeds
the tokens one by one; a token the grammar cannot take is named in a ``part-misplaced``
diagnostic and re-homed: a heading is read as a sub-heading of the section it stands in, a
table's rows go to their table after its own rows, anything else is read as a paragraph.
So the order of its parts never refuses a report.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any, cast

from lark import Lark, Token, Transformer
from lark.exceptions import UnexpectedInput
from lark.lexer import Lexer
from lark.parsers.lalr_analysis import Shift
from lark.parsers.lalr_interactive_parser import InteractiveParser
from lark.parsers.lalr_parser_state import ParserState

from ._build import Document, DocumentBuilder, _text, _title, clause_items
from ._normalise import Line, printed
from ._tokens import MetaField
from .diagnostics import Diagnostic, span
from .template import SECTIONS

__all__ = ["HEADINGS", "parser", "read_document"]

#: The terminal of each section's heading, and its section's key.
HEADINGS = {section.token: section.key for section in SECTIONS}


class TokenStream(Lexer):
    """A lark lexer that hands on the tokens :mod:`gkreport._tokenize` already made."""

    def __init__(self, lexer_conf: Any) -> None:
        pass

    def lex(self, tokens: list[Token]) -> Iterator[Token]:  # type: ignore[override]
        # lark hands a custom lexer the object given to ``parse``: here, the token list.
        return iter(tokens)


@functools.cache
def parser(transformer: type[Transformer[Token, Any]] | None = None) -> Lark:
    """The report parser, built once per process; with a ``transformer`` class, it builds
    the result while it parses, without an intermediate tree. ``strict``: the grammar has no
    shift/reduce conflict, which lark would otherwise resolve silently by shifting.
    ``cache``: lark keeps the LALR tables it derives in a file of the temporary folder, keyed
    by the grammar, the options and lark's version, so a process after the first loads them
    in a tenth of the time (each batch worker, each run of the command)."""
    return Lark.open_from_package(
        "gkreport", "report.lark", ("grammars",),
        parser="lalr",
        lexer=TokenStream,
        transformer=transformer() if transformer is not None else None,
        maybe_placeholders=True,
        strict=True,
        cache=True,
    )


def read_document(tokens: list[Token]) -> Document:
    """The document ``tokens`` make, each part out of its place named and re-homed.

    A report with its parts in the template's order (most) is parsed in one go; only one
    with a part out of its place is read again, token by token."""
    try:
        return cast(Document, parser(DocumentBuilder).parse(tokens))
    except UnexpectedInput:
        pass
    reader = _Reader(parser(DocumentBuilder).parse_interactive())
    for token in tokens:
        reader.feed(token)
    return reader.finish(tokens[-1] if tokens else None)


#: The table each table token belongs to; how a diagnostic names the table.
_TABLE_OF = {
    **dict.fromkeys(("CLAUSE_HEADING", "ITEM_HEADER", "ITEM_ROW"), "proactive"),
    **dict.fromkeys(("MATRIX_HEADER", "MATRIX_ROW"), "requests"),
    **dict.fromkeys(("APPEALS_HEADER", "APPEALS_ROW"), "appeals"),
}
_TABLE_NAMES = {"proactive": "二's clause table", "requests": "三's applicant matrix",
                "appeals": "四's appeals table"}
_ROWS = frozenset({"ITEM_ROW", "MATRIX_ROW", "APPEALS_ROW"})
#: Text the grammar takes wherever the parser rests between two tokens (each part's content,
#: the closing, the front matter), so fed without asking: most of a report's lines.
_TEXT = frozenset({"PARA", "SUBHEADING", "NOTE", "SHORT_LINE", "FURNITURE"})
_NUMERALS = "一二三四五六"


class _Reader:
    """Feeds the parser; names and re-homes what it cannot take."""

    def __init__(self, parser: InteractiveParser) -> None:
        self.state: ParserState[int] = parser.parser_state
        self.diagnostics: list[Diagnostic] = []
        self.section = ""  # the heading of the section being read, as the template words it
        self.run: list[Token] = []  # table tokens out of their section, not yet named
        self.rehomed = Document()

    def feed(self, token: Token) -> None:
        kind = token.type
        if self.run and _TABLE_OF.get(kind) != _TABLE_OF[self.run[0].type]:
            self._flush()
        if kind not in _TEXT and not self._accepts(kind):
            self._misplaced(token)
            return
        self.state.feed_token(token)
        if kind in HEADINGS:
            self.section = _heading(token)

    def finish(self, last: Token | None) -> Document:
        self._flush()
        end = Token.new_borrow_pos("$END", "", last) if last is not None else Token("$END", "")
        doc = cast(Document, self.state.feed_token(end, True))
        doc.items += self.rehomed.items
        doc.matrix += self.rehomed.matrix
        doc.appeals += self.rehomed.appeals
        for key, value in self.rehomed.meta.items():
            doc.meta.setdefault(key, value)
        doc.diagnostics = self.diagnostics
        return doc

    def _accepts(self, terminal: str) -> bool:
        """Does the parser take a ``terminal`` here? Walked on a copy of the state stack, for
        lark's LALR parser may reduce before it finds a token wrong, and a reduction calls
        the Transformer: a section would end before the token out of its place."""
        states = self.state.parse_conf.states
        stack = self.state.state_stack
        action = states[stack[-1]].get(terminal)
        if action is None or action[0] is Shift:
            return action is not None
        stack = list(stack)
        while action is not None and action[0] is not Shift:
            rule = action[1]
            if rule.expansion:
                del stack[-len(rule.expansion):]
            stack.append(states[stack[-1]][rule.origin.name][1])
            action = states[stack[-1]].get(terminal)
        return action is not None

    def _feed_as(self, terminal: str, token: Token, line: Line) -> None:
        """Feed ``line`` as a ``terminal`` (a paragraph or sub-heading), if it may stand here."""
        if self._accepts(terminal):
            self.state.feed_token(Token.new_borrow_pos(terminal, line, token))

    def _misplaced(self, token: Token) -> None:
        where = f"under {self.section}" if self.section else "before the first section"
        if token.type in _TABLE_OF:
            self.run.append(token)
            return
        line = _line(token)
        if token.type in HEADINGS:
            printed = _text(line)
            if token.value.rest:  # the heading alone, without the table run on after it
                printed = printed.split()[0]
                line = line._replace(raw=printed)
            if self.section == _heading(token):
                self._name(token, f"{printed!r} repeats the heading of the section it stands in; "
                           "read as a sub-heading")
            else:
                self._name(token, f"the section heading {printed!r} stands {where}, out of the "
                           "template's order; read as a sub-heading")
            self._feed_as("SUBHEADING", token, line)
        elif token.type == "META":
            field: MetaField = token.value
            self.rehomed.meta.setdefault(field.key, field.value)
            self._name(token, f"the metadata field {field.key} stands {where}; read")
        else:
            if token.type == "TITLE":
                _title(self.rehomed.meta, line)  # its organ and year, unless a title came before
            self._name(token, f"{token.type.lower().replace('_', ' ')} {line.text.strip()!r} stands "
                       f"{where}; read as a paragraph")
            self._feed_as("PARA", token, line)

    def _flush(self) -> None:
        """Name the run of table tokens out of their section, and put its rows in their table."""
        run, self.run = self.run, []
        if not run:
            return
        table = _TABLE_OF[run[0].type]
        rows = [t.value for t in run if t.type in _ROWS]
        where = f"under {self.section}" if self.section else "before the first section"
        lines = f"line {run[0].line}" + (f"-{run[-1].line}" if run[-1].line != run[0].line else "")
        if rows:
            count = "1 row" if len(rows) == 1 else f"{len(rows)} rows"
            self._name(run[0], f"{count} of {_TABLE_NAMES[table]} {where} ({lines}), out of their "
                       "section; read into their table")
        else:
            self._name(run[0], f"a header of {_TABLE_NAMES[table]} {where} ({lines}), out of its "
                       "section; skipped")
        if table == "proactive":
            self.rehomed.items += clause_items(run)
        else:
            (self.rehomed.matrix if table == "requests" else self.rehomed.appeals).extend(rows)

    def _name(self, token: Token, message: str) -> None:
        line = _line(token)
        self.diagnostics.append(Diagnostic("part-misplaced", message, line.number,
                                           token.column or 0, span(printed(line), 1)))


def _line(token: Token) -> Line:
    """The source line a token stands on: its payload, or its payload's line."""
    payload = token.value
    return payload if isinstance(payload, Line) else cast(Line, payload.line)


def _heading(token: Token) -> str:
    key = HEADINGS[token.type]
    section = next(s for s in SECTIONS if s.key == key)
    return f"{_NUMERALS[section.number - 1]}、{section.heading}"

