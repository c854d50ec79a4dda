"""Stage 4, parse: the LALR parser of ``grammars/report.lark`` over the tokenizer's tokens.

The grammar ships inside the wheel as ``gkreport/grammars/report.lark``; in a source
checkout or an editable install it is read from the repository's top-level ``grammars/``.
The parser is built once per process.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from lark import Lark, Token, Transformer
from lark.lexer import Lexer

__all__ = ["grammar_text", "parser"]


def grammar_text() -> str:
    """The text of ``report.lark``, from the installed package or the source tree."""
    packaged = resources.files("gkreport").joinpath("grammars", "report.lark")
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    source_tree = Path(__file__).resolve().parents[2] / "grammars" / "report.lark"
    return source_tree.read_text(encoding="utf-8")


class TokenStream(Lexer):
    """A lark lexer that hands on the tokens :mod:`gkreport.tokenize` already made."""

    def __init__(self, lexer_conf: Any) -> None:
        pass

    def lex(self, tokens: list[Token]) -> Iterator[Token]:  # type: ignore[override]
        # lark hands a custom lexer the object given to ``parse``: here, the token list.
        return iter(tokens)


@functools.cache
def parser(transformer: type[Transformer[Token, Any]] | None = None) -> Lark:
    """The report parser, built once per process; with a ``transformer`` class, it builds
    the result while it parses, without an intermediate tree."""
    return Lark(
        grammar_text(),
        parser="lalr",
        lexer=TokenStream,
        transformer=transformer() if transformer is not None else None,
        maybe_placeholders=False,
    )
