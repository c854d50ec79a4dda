"""Who a report is about: the issuing body's name, as whole as the report gives it.

The title names the body before the year (泉州市丰泽区人民政府办公室2023年…报告). Crawlers put
their own text before it (``Page 8 - ``), and some titles give only part of the name
(市人民政府办公室) while the report's opening sentence gives the whole (现公开天门市人民政府
办公室2025年政府信息公开工作年度报告): then the whole is the body's name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from .headings import strip_markup
from .normalise import Line, compact, label_key
from .patterns import PAGE_END, TITLE, is_title

__all__ = ["organ_in_full", "organ_of_title", "read_title", "title_of_key", "title_of_line"]

_HAN = re.compile(r"[\u4e00-\u9fff]")
# A crawler's or a metadata table's field name before the title: 标题:, 名称 in a cell of its own.
_FIELD = re.compile(r"^[^\s:：]{1,6}[:：]\s*")
_CELL = re.compile(r"[\t|]")
#: The level words a name starts with when the place before them was left off.
_LEVELS: Final = frozenset("省市县区州盟旗镇乡")
#: The words before a body's name where a report names itself (现公开…, 特此公布…, …编制).
_NAMING = r"(?:公开|公布|发布|编制|印发|本报告由)"


def title_of_line(text: str) -> str:
    """The title a title line holds: its last cell (a metadata table may give the field's
    name a cell before it), without a field's label before it (标题:).

    >>> title_of_line("标题：示例县2020年政府信息公开工作年度报告")
    '示例县2020年政府信息公开工作年度报告'
    >>> title_of_line("| 名称 | 示例县2020年政府信息公开工作年度报告 |")
    '示例县2020年政府信息公开工作年度报告'
    """
    cells = [c.strip() for c in _CELL.split(text) if c.strip()]
    return _FIELD.sub("", cells[-1]) if cells else text.strip()


def organ_of_title(organ: str) -> str | None:
    """The body's name from the text before the year in a title: from its first Chinese
    character on (a crawler's ``Page 8 -``, a ``#`` or a list mark are not the name).

    >>> organ_of_title("Page8-威海市文登区信访局")
    '威海市文登区信访局'
    >>> organ_of_title("## ") is None
    True
    """
    first = _HAN.search(organ)
    return organ[first.start():].strip() if first else None


def organ_in_full(organ: str | None, year: int | None, opening: Iterable[str]) -> str | None:
    """The body's whole name, where the title gives only part of it and the report's
    ``opening`` (its first lines) names the report with the whole.

    >>> organ_in_full("市人民政府办公室", 2025,
    ...               ["根据要求，现公开天门市人民政府办公室", "2025年政府信息公开工作年度报告。"])
    '天门市人民政府办公室'
    >>> organ_in_full("泉州市丰泽区人民政府办公室", 2023, ["现公开某市2023年度报告"])
    '泉州市丰泽区人民政府办公室'
    """
    if organ is None or year is None or organ[0] not in _LEVELS:
        return organ
    text = label_key("\n".join(opening))
    for m in re.finditer(r"([\u4e00-\u9fff]{1,16})" + re.escape(organ) + f"{year}年", text):
        words = re.split(_NAMING, m[1])
        if len(words) > 1 and words[-1]:  # the name follows a word that names the report
            return words[-1] + organ
    return organ


def read_title(line: Line) -> tuple[str | None, str, str] | None:
    """A title line's body, year and wording (a crawler's ``Page 8 -`` before it aside);
    None for any other line (上一篇:…年度报告 is a link to another page, not a title)."""
    return title_of_key(compact(strip_markup(line.text)[0]))


def title_of_key(key: str) -> tuple[str | None, str, str] | None:
    """:func:`read_title` of a line's label key (no spaces, no markup).

    >>> title_of_key("Page8-威海市文登区信访局2023年政府信息公开工作年度报告")
    ('威海市文登区信访局', '2023', '政府信息公开工作年度报告')
    """
    m = TITLE.match(key) if is_title(key) and not PAGE_END.search(key) else None
    return (organ_of_title(m["organ"]), m["year"], m["rest"]) if m else None
