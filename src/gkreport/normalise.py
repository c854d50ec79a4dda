"""Stage 2, normalise: one canonical spelling per character, line by line.

Real copies mix full-width and half-width brackets, digits and punctuation, pad cells with
NBSP or ideographic spaces, and space out the characters of short labels (结 果 维 持).
Normalising keeps the line structure, so a line number here is a line number of the source;
the raw line is kept beside it for diagnostics and for the narrative text.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

__all__ = ["Line", "compact", "label_key", "normalise", "normalise_line"]


class Line(NamedTuple):
    """One line of the source: its 1-based number, its text as printed, and normalised.

    A tuple rather than an attrs class: there is one per source line, and it is made fast.
    """

    number: int
    raw: str
    text: str


def _translation() -> dict[int, str]:
    table: dict[int, str] = {}
    # Full-width ASCII (！ to ～) to ASCII, except the full stop 。, which is not in that
    # block anyway, and the comma and colon, which are.
    for code in range(0xFF01, 0xFF5F):
        table[code] = chr(code - 0xFEE0)
    for space in "\u00a0\u3000\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f":
        table[ord(space)] = " "
    for zero_width in "\u200b\u200c\u200d\u2060\ufeff":
        table[ord(zero_width)] = ""
    table.update({ord("“"): '"', ord("”"): '"', ord("‘"): "'", ord("’"): "'",
                  ord("、"): "、", ord("〇"): "0", ord("．"): "."})
    return table


_TABLE = _translation()
_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
# A run of single CJK characters each separated by one space: 结 果 维 持, 尚 未 审 结.
_SPACED_RUN = re.compile(rf"(?<![{_CJK}])[{_CJK}](?: [{_CJK}])+(?![{_CJK}])")


def normalise_line(raw: str) -> str:
    """Return the canonical spelling of one line (tabs are kept: they separate cells).

    >>> normalise_line("（二）部分公开\u00a0 ３")
    '(二)部分公开  3'
    >>> normalise_line("结 果 维 持\\t尚 未 审 结")
    '结果维持\\t尚未审结'
    """
    text = raw.translate(_TABLE)
    if " " in text:
        text = _SPACED_RUN.sub(lambda m: m.group(0).replace(" ", ""), text)
    return text


def normalise(text: str) -> list[Line]:
    """Split decoded text into normalised lines, numbered from 1."""
    return [Line(n, raw, normalise_line(raw)) for n, raw in enumerate(text.split("\n"), 1)]


_KEY_DROP = re.compile(r"[\s\"'“”‘’]")


def compact(text: str) -> str:
    """The comparison form of text that is already normalised: no spaces or quotes."""
    return _KEY_DROP.sub("", text)


def label_key(text: str) -> str:
    """The form in which labels are compared: normalised, without spaces or quotes.

    >>> label_key("3. 危及“三安全一稳定”")
    '3.危及三安全一稳定'
    """
    return compact(unicodedata.normalize("NFC", normalise_line(text)))
