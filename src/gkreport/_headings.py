"""Telling a section heading (一、总体情况 … 六、其他需要报告的事项) however a copy prints it.

A heading may be numbered 一、, 一. or 第一部分, carry a markdown ``#`` or a bullet, be
worded freely around its stem (四、政府信息公开行政复议、行政诉讼情况), or have its table run
on after it on the same line (a flattened copy). These functions only recognise; the line
rules in :mod:`gkreport._line_rules` decide what follows.
"""

from __future__ import annotations

import functools
import re
from typing import Final, Literal

from ._labels import edit_distance
from ._normalise import compact
from ._patterns import SECTION_IN_TEXT, SECTION_NUMBER
from ._unglue import parts as glued_parts
from .template import NUMERALS, SECTIONS, Section

__all__ = ["TABLE_OF_SECTION", "Table", "heading_of", "heading_span", "numeral", "section_key",
           "strip_markup", "table_run_on"]

Table = Literal["proactive", "requests", "appeals"]

#: The table each table section holds (二, 三, 四).
TABLE_OF_SECTION: Final[dict[str, Table]] = {"proactive": "proactive", "requests": "requests",
                                             "appeals": "appeals"}

_SECTION_OF: Final = {numeral: section for section in SECTIONS for numeral, n in NUMERALS.items()
                      if n == section.number}
_MARKDOWN = re.compile(r"^\s*(#{1,6})\s*")
_BULLET = re.compile(r"^\s*(?:[•·●▪■◆\*>]|-\s)\s*")
#: The first characters of a markdown heading or a bullet (_MARKDOWN, _BULLET).
MARKUP_STARTS: Final = frozenset("#•·●▪■◆*>-")
#: The first characters of any heading, markdown or numbered.
_HEADING_STARTS: Final = frozenset("#第" + "".join(NUMERALS))
PROSE_MARKS: Final = ("。", ";", "!", "?")
PROSE_MARK: Final = re.compile("|".join(map(re.escape, PROSE_MARKS)))
_SUB_NUMBERING = re.compile(r"^(?:\(|\d)")
#: A number standing as a word of its own in a line.
VALUE_IN_TEXT: Final = re.compile(r"(?:^|\s)[+-]?\d+(?:\.\d+)?(?:\s|$)")


def numeral(text: str) -> int | None:
    """The value of a Chinese numeral (一 … 十九); None if ``text`` is not one.

    >>> numeral("九"), numeral("十二"), numeral("二十"), numeral("A")
    (9, 12, 20, None)
    """
    tens = units = 0
    for ch in text:
        n = NUMERALS.get(ch)
        if n is None:
            return None
        if n == 10:
            tens, units = tens + (units or 1) * 10, 0
        else:
            units = n
    return tens + units


def strip_markup(text: str) -> tuple[str, bool]:
    """``text`` without a markdown heading's ``#`` or a bullet, and whether it had a ``#``."""
    md = _MARKDOWN.match(text)
    body = text[md.end():] if md else text
    return (_BULLET.sub("", body) if _BULLET.match(body) else body), md is not None


def section_key(text: str, markdown: bool) -> str | None:
    """The section key if ``text`` is a section heading (一、总体情况 … 六、其他需要报告的事项).

    >>> section_key("三、收到和处理政府信息公开申请情况", False)
    'requests'
    >>> section_key("(三)不予公开", False) is None
    True
    """
    key = compact(text)
    if len(key) > 40 or any(mark in key for mark in PROSE_MARKS):
        return None
    m = SECTION_NUMBER.match(text.strip())
    number = NUMERALS.get(m.group(1)) if m else None
    # A markdown heading may drop the numeral, but (二)… or 2. numbers a sub-heading.
    if number is None and (not markdown or _SUB_NUMBERING.match(key)):
        return None
    for section in SECTIONS:
        if (number is None or number == section.number) and any(s in key for s in section.stems):
            return section.key
    # Numbered otherwise, but worded as the template words one of its sections.
    worded = key.replace("、", "")
    found = next((section for section in SECTIONS if worded.endswith(section.wordings)), None)
    if found is None and m is not None and number is not None and number <= len(SECTIONS):
        # Numbered as a section, worded as it with a typo or two.
        body = compact(text.strip()[m.end():]).replace("、", "")
        found = SECTIONS[number - 1] if _misspelt(body, SECTIONS[number - 1]) else None
    return found.key if found else None


def _misspelt(body: str, section: Section) -> bool:
    """Whether ``body`` is the section's wording with a typo or two (行政夏议、行政折讼情况),
    whole or after words of the body's own (行政机关主动公开…)."""
    for wording in section.wordings:
        limit = max(1, len(wording) // 6)
        if len(set(wording) - set(body)) > limit:
            continue  # more of its characters missing than typos allow: no need to align
        if any(edit_distance(part, wording, limit) <= limit for part in {body, body[-len(wording):]}):
            return True
    return False


@functools.lru_cache(maxsize=8192)
def heading_of(text: str) -> str | None:
    """The section ``text`` heads, if it is a heading: alone on its line, or a table
    section's heading with its table run on after it (a flattened copy)."""
    text = text.strip()
    if not text or text[0] not in _HEADING_STARTS:
        return None
    body, md = strip_markup(text)
    if len(text) <= 60:
        section = section_key(body, md)
        if section is not None:
            return section
    # A flattened copy: the heading of 二, 三 or 四 with its table run on after it.
    first, _, rest = body.partition(" ")
    section = section_key(first, md) if rest else None
    if section in TABLE_OF_SECTION and VALUE_IN_TEXT.search(rest) and not PROSE_MARK.search(rest):
        return section
    # ... or with nothing between them (…申请情况一、本年新收…640020470二、…).
    glued = table_run_on(body)
    return glued[0].key if glued else None


def heading_span(text: str, m: re.Match[str]) -> tuple[Section, int] | None:
    """The section of a heading :data:`~gkreport._patterns.SECTION_IN_TEXT` found, and where
    the heading ends: after its stem, and after the rest of the template's wording where the
    text goes on so."""
    section = _SECTION_OF[m["numeral"]]
    stem = next((stem for stem in section.stems if m[0].endswith(stem)), "")
    if not stem:
        return None  # another section's stem: 四、…申请情况 is no heading of 四
    end = m.end()
    rest = section.heading.partition(stem)[2]
    if rest and text.startswith(rest, end):
        end += len(rest)
    return section, end


def table_run_on(text: str) -> tuple[Section, int] | None:
    """The section of a table section's heading that ``text`` starts with, and where its table
    starts, if the table runs on right after it with its cells run together."""
    m = SECTION_IN_TEXT.match(text)
    span = heading_span(text, m) if m else None
    if span is None or span[0].key not in TABLE_OF_SECTION:
        return None
    rest = text[span[1]:].lstrip()
    if not rest or glued_parts(compact(rest), bool) is None:
        return None
    return span[0], len(text) - len(rest)
