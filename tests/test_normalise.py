"""The fast paths of normalising give what the plain algorithm gives, on any text.

The plain algorithm, kept here as the reference: one ``str.translate`` over every code point
the module maps (the zero-width characters deleted), then each spaced-out run of CJK
characters (结 果 维 持) joined by one regular expression. The module finds the few distinct
characters a text holds and replaces each once, and looks for spaced runs from their spaces;
the rules key text that is already normalised without normalising it again. The texts below
are dense in what either path could get wrong.
"""

from __future__ import annotations

import re
import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from gkreport._normalise import (
    _CJK,
    _MAPPING,
    _ZERO_WIDTHS,
    Line,
    compact,
    compact_normalised,
    label_key,
    normalise,
    normalise_line,
    normalised_key,
)

_TABLE = {**_MAPPING, **{ord(z): None for z in _ZERO_WIDTHS}}
_RUN = re.compile(rf"(?<![{_CJK}])[{_CJK}](?: [{_CJK}])+(?![{_CJK}])")


def reference(raw: str) -> str:
    """normalise_line as first written: translate, then join the spaced runs."""
    text = raw.translate(_TABLE)
    return _RUN.sub(lambda m: m.group(0).replace(" ", ""), text)


def reference_key(text: str) -> str:
    """label_key as first written."""
    return compact(unicodedata.normalize("NFC", reference(text)))


# Characters either path could treat differently: every mapped one, the zero-width ones,
# spaces mapped or not (U+2000 is not; NFC makes it U+2002, which is), the edges of the CJK
# ranges and characters just outside them, compatibility ideographs (NFC maps them into the
# range), a combining mark, and the line and cell breaks.
_EDGES = "\u33ff\u3400\u4dbf\u4dc0\u4dff\u4e00\u9fff\ua000\uf900\ufa10\u2000\u2001\u0308\u3001\u3002\n\t\r"
_SPECIAL = sorted({*map(chr, _MAPPING), *_ZERO_WIDTHS, *_EDGES})
_CHARS = st.one_of(st.sampled_from(_SPECIAL), st.sampled_from("结果维持尚未审结规范性文件 "), st.characters())
# Pieces that make spaced runs and their near misses: 结 果, 规 范 性, 甲 乙丙, a run ending
# at a mapped space or a zero-width character, a run after a letter; quotes of each kind.
_PIECES = st.sampled_from(["结 果", " 维 持", "规 范 性", "甲 乙丙", "A甲 乙", "甲\u3000乙", "甲 \u200b乙",
                           "甲  乙", "\u00a0", "  ", "，", "（一）", "“", "”", "‘", "’", "'", '"'])
# Spaced runs of characters at the edges of the CJK ranges and just outside them.
_RUNS = st.lists(st.sampled_from("\u33ff\u3400\u4dbf\u4dc0\u4e00结\u9fff\ua000\uf900"), min_size=2,
                 max_size=4).map(" ".join)
TEXTS = st.lists(st.one_of(_CHARS, _PIECES, _RUNS), max_size=60).map("".join)


@example("（二）部分公开\u00a0 ３")
@example("结 果 维 持\t尚 未 审 结\n规 范 性 文 件")
@example("甲 乙 丙丁 戊")
@example("\ufeff“结 果”\u3000，〇．")
@given(TEXTS)
def test_normalise_line_is_the_plain_algorithm(raw: str) -> None:
    assert normalise_line(raw) == reference(raw)


@given(TEXTS)
def test_normalise_gives_the_lines_of_the_plain_algorithm(text: str) -> None:
    raws = text.split("\n")
    assert normalise(text) == [Line(n, raw, reference(raw)) for n, raw in enumerate(raws, 1)]


@given(TEXTS)
def test_label_key_is_the_plain_algorithms(text: str) -> None:
    assert label_key(text) == reference_key(text)


@example("（一）“结 果”", 0, 8)
@example("结 果 维 持", 2, 7)
@given(TEXTS, st.integers(0, 80), st.integers(0, 80))
def test_a_piece_of_normalised_text_is_keyed_as_label_key_keys_it(raw: str, start: int, end: int) -> None:
    # A line's text, stripped or cut (a cell, a field's name): what the rules key without
    # normalising again. A cut may leave a spaced run that normalising would join: the key
    # drops spaces anyway.
    piece = normalise_line(raw)[start:end]
    assert compact_normalised(piece) == compact(piece)
    assert normalised_key(piece) == label_key(piece)
