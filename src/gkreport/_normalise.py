"""Stage 2, normalise: one canonical spelling per character, line by line.

Real copies mix full-width and half-width brackets, digits and punctuation, pad cells with
NBSP or ideographic spaces, and space out the characters of short labels (结 果 维 持).
Normalising keeps the line structure, so a line number here is a line number of the source;
the raw line is kept beside it for diagnostics and for the narrative text.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import repeat
from typing import NamedTuple

__all__ = ["Line", "compact", "compact_normalised", "label_key", "normalise", "normalise_line",
           "normalised_key"]


class Line(NamedTuple):
    """One line of the source: its 1-based number, its text as printed, and normalised.

    A tuple rather than an attrs class: there is one per source line, and it is made fast.
    """

    number: int
    raw: str
    text: str
    #: Where ``text`` starts in the normalised line (0-based): not 0 only for a piece of a
    #: line the tokenizer split (a whole report printed as one line).
    start: int = 0


def _mapping() -> dict[int, str]:
    table: dict[int, str] = {}
    # Full-width ASCII (！ to ～) to ASCII; the ideographic full stop 。 is not in that block.
    for code in range(0xFF01, 0xFF5F):
        table[code] = chr(code - 0xFEE0)
    for space in "\u00a0\u3000\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f":
        table[ord(space)] = " "
    table.update({ord("“"): '"', ord("”"): '"', ord("‘"): "'", ord("’"): "'",
                  ord("〇"): "0", ord("．"): "."})
    return table


# str.translate makes an object for every non-ASCII character it passes, which is most of a
# Chinese text. A report holds only a few distinct characters to map (，：（）and a space or
# two): each is found once and replaced throughout, in C.
_MAPPING = _mapping()
_TO_MAP = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_MAPPING)) + "]")
_ZERO_WIDTHS = "\u200b\u200c\u200d\u2060\ufeff"
_ZERO_WIDTH = re.compile(f"[{_ZERO_WIDTHS}]")
_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
# A run of single CJK characters each separated by one space: 结 果 维 持, 尚 未 审 结. (Its
# class first and the look behind after costs more: a one-line report is mostly CJK.)
_SPACED_RUN = re.compile(rf"(?<![{_CJK}])[{_CJK}](?: [{_CJK}])+(?![{_CJK}])")
# What every such run contains (a space between two CJK characters); cheaper to look for, so
# the run pattern only sees its lines. It opens with the space, a literal the regex engine
# scans for in C; a CJK class first would be tried at every character of the text. The
# character after the space is read, not looked ahead at: an indented copy has thousands of
# spaces, and an assertion at each costs twice a read.
_SPACED_PAIR = re.compile(rf" [{_CJK}](?<=[{_CJK}] [{_CJK}])")


def _unspace(match: re.Match[str]) -> str:
    return match.group(0).replace(" ", "")


def _join_spaced_runs(text: str) -> str:
    pieces: list[str] = []
    done = 0
    pair = _SPACED_PAIR.search(text)
    while pair is not None:
        start = text.rfind("\n", 0, pair.start()) + 1
        end = text.find("\n", pair.end())
        end = len(text) if end < 0 else end
        pieces.append(text[done:start])
        pieces.append(_SPACED_RUN.sub(_unspace, text[start:end]))
        done = end
        pair = _SPACED_PAIR.search(text, done)  # the next line with a pair
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def normalise_line(raw: str) -> str:
    """Return the canonical spelling of text (tabs and line breaks are kept).

    >>> normalise_line("（二）部分公开\u00a0 ３")
    '(二)部分公开  3'
    >>> normalise_line("结 果 维 持\\t尚 未 审 结")
    '结果维持\\t尚未审结'
    """
    text = raw
    at = _TO_MAP.search(text)
    while at is not None:
        # Every mapping is one character to one: positions hold, and none maps to another.
        ch = at.group()
        text = text.replace(ch, _MAPPING[ord(ch)])
        at = _TO_MAP.search(text, at.start())
    if any(z in text for z in _ZERO_WIDTHS):
        text = _ZERO_WIDTH.sub("", text)
    return _join_spaced_runs(text)


def normalise(text: str) -> list[Line]:
    """Split decoded text into normalised lines, numbered from 1.

    The whole text is normalised at once and split after: no mapping makes or removes a
    line break, so line n of the normalised text is line n of the source.
    """
    raws = text.split("\n")
    texts = normalise_line(text).split("\n")
    # tuple.__new__ builds each Line in C; Line(...) would run Python code per line.
    lines = zip(range(1, len(raws) + 1), raws, texts, repeat(0), strict=False)
    return list(map(tuple.__new__, repeat(Line), lines))


def printed(line: Line) -> str:
    """The line as printed, where its positions are those of its normalised text (most
    lines: every mapping is one character to one), else the normalised text: a diagnostic
    quotes it from a column of the normalised text.

    >>> printed(Line(1, "（一）予以公开", "(一)予以公开")), printed(Line(1, "结 果", "结果"))
    ('（一）予以公开', '结果')
    """
    return line.raw if len(line.raw) == len(line.text) else line.text


_QUOTE = re.compile("[\"'“”‘’]")


def compact(text: str) -> str:
    """The comparison form of text that is already normalised: no spaces or quotes.

    >>> compact(' 结果 "维持"\t')
    '结果维持'
    """
    # split() and join() run in C; a regex substitution costs several times as much on
    # the space-padded lines of one-cell-per-line copies.
    text = "".join(text.split())
    # One search for any quote; most lines have none.
    return _QUOTE.sub("", text) if _QUOTE.search(text) is not None else text


def compact_normalised(text: str) -> str:
    """:func:`compact` of text that normalise gave (a line's text, or a piece of it), whose
    only quotes are ASCII ones: normalise maps the curly ones to them.

    >>> compact_normalised(' 结果 "维持"\t')
    '结果维持'
    """
    text = "".join(text.split())
    # ``in`` scans for one character in C; compact's pattern tests its class at each one.
    if '"' in text:
        text = text.replace('"', "")
    if "'" in text:
        text = text.replace("'", "")
    return text


def normalised_key(text: str) -> str:
    """:func:`label_key` of text that normalise gave (a line's text, or a piece of it): the
    same key, without normalising again. NFC stays: normalise composes nothing.

    >>> normalised_key('3. 危及"三安全一稳定"')
    '3.危及三安全一稳定'
    """
    # NFC makes no curly quote of any other character: the ASCII ones are all there are.
    return compact_normalised(unicodedata.normalize("NFC", text))


def label_key(text: str) -> str:
    """The form in which labels are compared: normalised, without spaces or quotes.

    >>> label_key("3. 危及“三安全一稳定”")
    '3.危及三安全一稳定'
    """
    return normalised_key(normalise_line(text))
