"""Who a report is about: the issuing body's name, as whole as the report gives it.

The title names the body before the year (泉州市丰泽区人民政府办公室2023年…报告). Crawlers put
their own text before it (``Page 8 - ``), and some titles give only part of the name
(市人民政府办公室) while the report's opening sentence gives the whole (现公开天门市人民政府
办公室2025年政府信息公开工作年度报告): then the whole is the body's name.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from typing import Final, NamedTuple

import attrs

from ._headings import strip_markup
from ._normalise import Line, compact, label_key
from ._patterns import NAMING_SENTENCE, PAGE_END, STATISTICS_PERIOD, TITLE, UNDATED_TITLE, YEAR_END, is_title
from .model import Meta
from .template import META_FIELDS, TITLE_FIELDS

__all__ = ["Found", "identify", "organ_in_full", "organ_of_title", "read_title", "title_across_lines",
           "title_of_key", "title_of_line"]

_HAN = re.compile(r"[\u4e00-\u9fff]")
# The body's name after the year, in a title that starts with the year.
_DISCLOSURE = "(?:政府信息公开|政务公开|信息公开)"
_AFTER_YEAR = re.compile(f"^(?!{_DISCLOSURE})([\u4e00-\u9fff]{{2,30}}?){_DISCLOSURE}")
# A sentence of the overview that opens with a year (2019年,我乡…; 2020年度我街办…).
_YEAR_FIRST = re.compile(r"^(?:\(?[一二三四五六七八九十]+[)、]|\d+[.、])?((?:19|20)\d{2})年")
# A crawler's or a metadata table's field name before the title: 标题:, 名称 in a cell of its own.
_FIELD = re.compile(r"^[^\s:：]{1,6}[:：]\s*")
# The title's field name parted from it by a space only, as a PDF's borderless metadata
# table prints it (名称 示例县…): only a name of that field, since a title may hold spaces.
_TITLE_FIELD = re.compile(rf"^(?:{'|'.join(TITLE_FIELDS)})\s+")
_CELL = re.compile(r"[\t|]")
#: The level words a name starts with when the place before them was left off.
_LEVELS: Final = frozenset("省市县区州盟旗镇乡")
#: The words before a body's name where a report names itself (现公开…, 特此公布…, …编制).
_NAMING = r"(?:公开|公布|发布|编制|印发|本报告由)"
#: A metadata field's label and colon (发布机构:), in a line's key.
_META_FIELD: Final = re.compile("(?:" + "|".join(map(re.escape, META_FIELDS)) + "):")


def title_of_line(text: str) -> str:
    """The title a title line holds: its last cell (a metadata table may give the field's
    name a cell before it), without a field's label before it (标题:).

    >>> title_of_line("标题：示例县2020年政府信息公开工作年度报告")
    '示例县2020年政府信息公开工作年度报告'
    >>> title_of_line("| 名称 | 示例县2020年政府信息公开工作年度报告 |")
    '示例县2020年政府信息公开工作年度报告'
    >>> title_of_line("名称 示例县2020年政府信息公开工作年度报告")
    '示例县2020年政府信息公开工作年度报告'
    """
    cells = [c.strip() for c in _CELL.split(text) if c.strip()]
    return _TITLE_FIELD.sub("", _FIELD.sub("", cells[-1])) if cells else text.strip()


def organ_of_title(title: re.Match[str]) -> str | None:
    """The body's name in a title :data:`~gkreport._patterns.TITLE` matched: the text before
    the year, from its first Chinese character on (a crawler's ``Page 8 -``, a ``#`` or a
    list mark are not the name), without a leading 关于; or, in a title that starts with the
    year, the words between it and 政府信息公开.

    >>> organ_of_title(TITLE.match("Page8-威海市文登区信访局2022年政府信息公开工作年度报告"))
    '威海市文登区信访局'
    >>> organ_of_title(TITLE.match("2025年黄浦区财政局政府信息公开工作年度报告"))
    '黄浦区财政局'
    >>> organ_of_title(TITLE.match("##2025年政府信息公开工作年度报告")) is None
    True
    """
    before = title["organ"]
    first = _HAN.search(before)
    organ = before[first.start():].strip().removeprefix("关于") if first else ""
    if not organ:
        words = _AFTER_YEAR.match(title["rest"])
        organ = words[1] if words else ""
    return organ or None


def organ_in_full(organ: str | None, year: int | None, opening: Iterable[str]) -> str | None:
    """The body's whole name, where the title gives only part of it and the report's
    ``opening`` (its first lines) names the report with the whole.

    >>> organ_in_full("市人民政府办公室", 2025,
    ...               ["根据要求，现公开天门市人民政府办公室", "2025年政府信息公开工作年度报告。"])
    '天门市人民政府办公室'
    >>> organ_in_full("泉州市丰泽区人民政府办公室", 2023, ["现公开某市2023年度报告"])
    '泉州市丰泽区人民政府办公室'

    A metadata field is not a sentence: its value (政务公开办公室) names the publisher, and
    公开 inside it names nothing.

    >>> organ_in_full("市场监督管理局", 2019, ["发布机构：政务公开办公室", "市场监督管理局2019年报告"])
    '市场监督管理局'
    """
    if organ is None or year is None or organ[0] not in _LEVELS:
        return organ
    text = label_key("\n".join(line for line in opening if not _META_FIELD.search(label_key(line))))
    for m in re.finditer(r"([\u4e00-\u9fff]{1,16})" + re.escape(organ) + f"{year}年", text):
        words = re.split(_NAMING, m[1])
        if len(words) > 1 and words[-1]:  # the name follows a word that names the report
            return words[-1] + organ
    return organ


# -- who and when, where the title does not say -------------------------------------------

#: The words a naming sentence uses for the body itself rather than its name (现将我办…).
_SELF: Final = ("我", "本")


class Found(NamedTuple):
    """A fact of the report's identity read from its text, and where (0: no one line)."""

    field: str
    value: str | int
    line: int
    how: str


def title_across_lines(front: Sequence[Line]) -> tuple[str, int] | None:
    """A title printed over two lines above the first section, and its first line: wrapped
    (左贡县人民政府2021年度 / 信息公开年度报告), or the body's name on a line of its own above a
    title without it (桃江县松木塘镇人民政府 / 2022年政府信息公开工作年度报告).

    >>> from gkreport._normalise import normalise
    >>> title_across_lines(normalise("左贡县人民政府2021年度\\n信息公开年度报告\\n(2022年1月)"))
    ('左贡县人民政府2021年度信息公开年度报告', 1)

    A markdown ``#`` or a list mark before a line is no part of the title:

    >>> title_across_lines(normalise("# 左贡县人民政府2021年度\\n信息公开年度报告"))
    ('左贡县人民政府2021年度信息公开年度报告', 1)
    """
    texts = [(label_key(strip_markup(line.text)[0]), line.number) for line in front if line.text.strip()]
    for (first, number), (second, _) in itertools.pairwise(texts):
        joined = first + second
        m = TITLE.match(joined)
        if (m and organ_of_title(m) and len(joined) <= 60 and "。" not in joined
                and not TITLE.match(first) and (_HAN.match(first) or first[:4].isdigit())):
            return joined, number
    return None


def identify(meta: Meta, front: Sequence[Line], overview: Sequence[str]) -> tuple[Meta, list[Found]]:
    """The body and the year where the title does not give them, from the lines above the
    first section (``front``) and the overview's paragraphs, with what was found where.

    In order of trust: a title over two lines; a title without a year; the report naming
    itself (现将河西街道2019年度…报告如下); the statistics period; the 发文机关 or 发布机构
    field; the data's end date (截至2023年12月31日); and for the year only, the overview's
    sentences, where all of them that open with a year agree on it.
    """
    fields = attrs.asdict(meta, recurse=False)
    found: list[Found] = []
    if meta.organ is None and (across := title_across_lines(front)):
        title, number = across
        m = TITLE.match(title)
        assert m is not None
        fields["title"] = title
        found += [Found("organ", organ_of_title(m) or "", number, "a title over two lines"),
                  Found("year", int(m["year"]), number, "a title over two lines")]
    texts = [(label_key(line.text), line.number) for line in front]
    texts += [(label_key(p), 0) for p in overview]
    for key, number in texts:
        if number and fields["title"] is None and (m := UNDATED_TITLE.match(key)):
            fields["title"] = m[0]
            found.append(Found("organ", m["organ"], number, "a title without a year"))
        if m := NAMING_SENTENCE.search(key):
            if not m["organ"].startswith(_SELF):
                found.append(Found("organ", m["organ"], number, "the sentence that names the report"))
            found.append(Found("year", int(m["year"]), number, "the sentence that names the report"))
        if m := STATISTICS_PERIOD.search(key):
            found.append(Found("year", int(m["year"]), number, "the statistics period"))
    if meta.publisher:
        found.append(Found("organ", meta.publisher, 0, "the 发文机关 or 发布机构 field"))
    for key, number in texts:
        if m := YEAR_END.search(key):
            found.append(Found("year", int(m[1]), number, "the date its figures run to"))
    years = {int(m[1]) for key, number in texts if not number and (m := _YEAR_FIRST.match(key))}
    if len(years) == 1:
        found.append(Found("year", years.pop(), 0, "the overview's sentences"))
    used = []
    for fact in found:
        if fields[fact.field] is None and fact.value:
            fields[fact.field] = fact.value
            used.append(fact)
    return Meta(**fields), used


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
    return (organ_of_title(m), m["year"], m["rest"]) if m else None
