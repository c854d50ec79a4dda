"""What a report's prose says of its own tables: figures that name one table cell.

A report's narrative restates some of its tables' figures (共受理政府信息公开申请25件,
制发行政规范性文件62件). The audit compares each with its cell; the table builder uses them
to settle a run of digits that splits several ways (:mod:`gkreport._unglue`). The patterns
are data, one table of them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from typing import Final, NamedTuple

import attrs

from .template import TemplateId

__all__ = ["CLAIM_PATTERNS", "ClaimPattern", "Figure", "plain", "stated_figures"]


@attrs.frozen
class ClaimPattern:
    """Words in the prose that state one table cell's figure.

    ``pattern`` has one group, the number; a pattern without a group states zero
    (未收到政府信息公开申请). ``cells`` names the cell per template as (table, row, column).
    """

    name: str
    pattern: str
    cells: Mapping[TemplateId, tuple[str, str, str]] = attrs.field(hash=False)


_NEW_TOTAL: Final = ("requests", "new_received", "total")
_BOTH: Final[dict[TemplateId, tuple[str, str, str]]] = {"2019": _NEW_TOTAL, "2021": _NEW_TOTAL}
#: Words of a clause: no sentence or clause punctuation and no digits between the key words,
#: and not about review or litigation (收到行政复议申请1件 is not a disclosure application).
_CLAUSE = r"(?:(?!复议|诉讼)[^。；;，,、:：\d])"
#: Any character of the same sentence that does not start another mention of 规范性文件, so a
#: match starts at the mention nearest the figure.
_AFTER = r"(?:(?!规范性文件)[^。；;])"

#: The claims the prose makes that map to exactly one cell: the one table of them.
#: Cumulative figures (历年累计受理) and counts without a cell (主动公开政府信息13条) are
#: left alone, as are figures that split over two cells (行政诉讼 is two groups).
CLAIM_PATTERNS: Final = (
    ClaimPattern("applications received",
                 rf"(?<!累计)(?<!历年)(?:受理|收到|新收|接收|接到){_CLAUSE}{{0,16}}?申请"
                 r"(?:公开事项|事项|公开)?(?:共计|共|数为|数量为|总数为|为)?(\d+)件", _BOTH),
    ClaimPattern("no applications received",
                 rf"(?:未|没有)(?:收到|受理|接到){_CLAUSE}{{0,16}}申请", _BOTH),
    ClaimPattern("normative documents issued",
                 r"(?:新增|制发|制定|出台|印发)(?:行政)?规范性文件(\d+)(?:件|份)",
                 {"2019": ("proactive", "normative_documents", "made"),
                  "2021": ("proactive", "normative_documents", "issued")}),
    ClaimPattern("normative documents repealed",
                 rf"(?:规范性文件{_AFTER}{{0,30}}?废止|废止(?:行政)?规范性文件)(\d+)(?:件|份)",
                 {"2021": ("proactive", "normative_documents", "repealed")}),
    ClaimPattern("normative documents in force",
                 rf"规范性文件{_AFTER}{{0,40}}?现行有效(?:的)?(\d+)(?:件|份)",
                 {"2021": ("proactive", "normative_documents", "in_force")}),
    ClaimPattern("rules issued", r"(?:新增|制发|制定|出台)规章(\d+)(?:件|部)",
                 {"2019": ("proactive", "rules", "made"), "2021": ("proactive", "rules", "issued")}),
    ClaimPattern("administrative reviews",
                 rf"(?:收到|受理|发生|办理|被申请){_CLAUSE}{{0,10}}?行政复议(?:案件|申请)?(?:共)?(\d+)件",
                 {"2019": ("appeals", "review", "total"), "2021": ("appeals", "review", "total")}),
)
_COMPILED: Final = tuple((p, re.compile(p.pattern)) for p in CLAIM_PATTERNS)


def plain(text: str) -> str:
    """Full-width digits and punctuation made half-width, whitespace dropped (一 2 件 -> 2件).

    >>> plain("制发规范性文件６２件，废止 3 件。")
    '制发规范性文件62件,废止3件。'
    """
    # NFKC, which this is, costs a report's prose millions of instructions; the full-width
    # punctuation of Chinese text is mapped first as NFKC maps it, and then most paragraphs
    # pass NFKC's quick check and need no more.
    for wide, narrow in _COMMON_WIDE:
        if wide in text:
            text = text.replace(wide, narrow)
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return "".join(text.split())


_COMMON_WIDE: Final = tuple((wide, unicodedata.normalize("NFKC", wide)) for wide in "，：；（）！？\u3000")


class Figure(NamedTuple):
    """A figure the prose states, the words that state it, and the cell it names."""

    pattern: ClaimPattern
    words: str
    value: int
    cell: tuple[str, str, str]


def stated_figures(paragraphs: Iterable[str], template: TemplateId,
                   table: str | None = None) -> Iterator[Figure]:
    """Every figure of ``paragraphs`` that names a table cell of ``template`` (of ``table``
    only, if given).

    >>> [(f.value, f.cell) for f in stated_figures(["本年制发行政规范性文件62件。"], "2021")]
    [(62, ('proactive', 'normative_documents', 'issued'))]
    """
    wanted = [(pattern, regex, pattern.cells[template]) for pattern, regex in _COMPILED
              if template in pattern.cells and table in (None, pattern.cells[template][0])]
    for paragraph in paragraphs:
        text = plain(paragraph)
        for pattern, regex, cell in wanted:
            for match in regex.finditer(text):
                yield Figure(pattern, match.group(0), int(match.group(1)) if regex.groups else 0, cell)


