"""The patterns of a report's wording, each built once from the template's constants.

Every stage that needs to recognise a title, a date, a clause heading, a row's numbering, a
number or a blank mark imports it from here, so a variant is taught in one place. Patterns
that match *normalised* text (:mod:`gkreport._normalise`: half-width, no spaces in a
``label_key``) say so; those ending in ``_IN_TEXT`` match within a line that keeps its
spaces (a whole report printed on one line).
"""

from __future__ import annotations

import re
from typing import Final

from .template import (
    EMPTY_MARKS,
    NUMERALS,
    PAGE_FOOTER_FIELDS,
    PAGE_LINE_STARTS,
    PAGE_LINK_HEADINGS,
    PAGE_NUMBER,
    SECTIONS,
    SITE_REGISTRATIONS,
    UNITS,
)

__all__ = [
    "ATTACHMENT",
    "BLANK_MARKS",
    "CLAUSE",
    "CLAUSE_IN_TEXT",
    "DASHES",
    "DATE",
    "DATE_WORDS",
    "DOC_NUMBER",
    "ISO_DATE",
    "NAMING_SENTENCE",
    "NUMBERING",
    "PAGE_END",
    "PAGE_NUMBER_LINE",
    "SECTION_IN_TEXT",
    "SECTION_NUMBER",
    "STATISTICS_PERIOD",
    "TITLE",
    "TITLE_IN_TEXT",
    "UNDATED_TITLE",
    "VALUE",
    "YEAR_END",
    "YEAR_TITLE",
    "is_cell_value",
    "is_title",
]

_NUMERALS: Final = "".join(NUMERALS)

#: A cell that holds one number: a count, a signed change (+3), money (477.35), with
#: thousands separators and a unit (万元, 件) or a percent sign.
VALUE: Final = re.compile(
    r"^(?P<sign>[+-])?(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?"
    r"(?P<unit>" + "|".join(UNITS) + r"|%)?$"
)

#: Text that marks a cell as blank (a dash, a slash, 无); see ``template.EMPTY_MARKS``.
BLANK_MARKS: Final = EMPTY_MARKS
#: The dash characters among them: in a run of digits, a run of dashes stands for blank cells.
DASHES: Final = "—―─–-"


def is_cell_value(text: str) -> bool:
    """Whether ``text`` (normalised, stripped) is what a value cell holds: a number or a blank.

    >>> [is_cell_value(t) for t in ("12", "477.35万元", "—", "无", "规章")]
    [True, True, True, True, False]
    """
    return text in BLANK_MARKS or VALUE.match(text) is not None

#: The numbering before a row label or group: 三、, (二), 4., 4、, 4).
NUMBERING: Final = re.compile(
    r"^(?:[" + _NUMERALS + r"]+、|\([" + _NUMERALS + r"]+\)|\d{1,2}(?:[.、](?!\d)|\)))"
)

#: A section's numbering at the start of a heading: 一、 三. 第二部分.
SECTION_NUMBER: Final = re.compile(r"^(?:第)?([" + _NUMERALS + r"])(?:、|\.|,|\s|部分)")

#: A 第二十条 clause heading in its label key: 第二十条第(一)项.
CLAUSE: Final = re.compile(r"^第二十条第?\(([" + _NUMERALS + r"]+)\)项")
#: The same within text that keeps its spaces (a flattened table may hold several).
CLAUSE_IN_TEXT: Final = re.compile(
    r"第\s*二\s*十\s*条\s*第?\s*\(\s*([" + _NUMERALS + r"]+)\s*\)\s*项"
)

#: The report's title in its label key: the organ, the year, and the disclosure report.
TITLE: Final = re.compile(
    r"^(?P<organ>.*?)(?P<year>(?:19|20)\d{2})年度?(?P<rest>.*(?:政府信息公开|政务公开|信息公开).*报告)$"
)


def is_title(key: str) -> bool:
    """Whether a line's label key reads as a report's title: :data:`TITLE`, short, no sentence.

    >>> is_title("示例县2020年政府信息公开工作年度报告")
    True
    >>> is_title("现将本县2020年政府信息公开工作年度报告公布如下。")
    False
    """
    return len(key) <= 80 and "。" not in key and TITLE.match(key) is not None


#: A title within a line that keeps its spaces.
TITLE_IN_TEXT: Final = re.compile(r"[^\s:。]*\s?(?:19|20)\d{2}\s?年度?[^\s:。]*信息公开[^\s:。]*报告")
#: The reporting year as a title states it, searched in any line's label key.
YEAR_TITLE: Final = re.compile(r"((?:19|20)\d{2})年度?.*报告")

#: A title that names the body but not the year (驼峰路街道办事处政府信息公开工作年度报告).
UNDATED_TITLE: Final = re.compile(r"^(?P<organ>[\u4e00-\u9fff]{2,30}?)(?:政府信息公开|政务公开)工作年度报告$")
#: Where a report names itself in its opening (现将河西街道2019年度政府信息公开工作报告如下,
#: 现将我办2022年度政府信息公开情况报告如下), in a label key.
NAMING_SENTENCE: Final = re.compile(
    r"现(?:将|就)(?P<organ>[\u4e00-\u9fff]{0,30}?)(?P<year>(?:19|20)\d{2})年度?"
    r"[^。;]{0,24}?(?:信息公开|政务公开)[^。;]{0,16}?(?:报告|公布|发布|公开)如下"
)
#: The statistics period a report states (统计期限为2022年1月1日至2022年12月31日): one
#: calendar year, whose two ends name the same year.
STATISTICS_PERIOD: Final = re.compile(
    r"(?P<year>(?:19|20)\d{2})年1月1日(?:起)?(?:至|到|-|—|~)(?P=year)年12月31日"
)
#: The last day a report's figures count (截至2023年12月31日, 截止到2023年底).
YEAR_END: Final = re.compile(r"截[至止]到?((?:19|20)\d{2})年(?:12月31日|底)")

#: The wording of the date that closes a report (2021年1月12日, …印发).
DATE_WORDS: Final = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日(?:印发|发布)?"
#: That date alone on its line (in its label key).
DATE: Final = re.compile(f"^{DATE_WORDS}$")
#: A date as a site's metadata prints it: 2021-01-12.
ISO_DATE: Final = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})")

#: A document number standing alone: 丰政办〔2021〕3号.
DOC_NUMBER: Final = re.compile(r"^[\u4e00-\u9fff]{1,16}[〔\[(]\d{4}[〕\])]\d{1,5}号$")

def _words(words: tuple[str, ...]) -> str:
    return "|".join(map(re.escape, words))


#: A line (its label key) where a crawler's copy of a page goes on past the report: a block
#: of links to other pages, 上一篇/下一篇, the site's footer (see ``template.PAGE_LINK_HEADINGS``).
PAGE_END: Final = re.compile(
    f"^(?:{_words(PAGE_LINK_HEADINGS)}):?$|^(?:{_words(PAGE_LINE_STARTS)})"
    f"|^(?:{_words(PAGE_FOOTER_FIELDS)}):|(?:{_words(SITE_REGISTRATIONS)}):?[0-9A-Za-z]"
)

#: A document's file name, or the end of a link's address, as a page links its report as an
#: attachment (某县2023年政府信息公开工作年度报告.pdf, /gk/P020240118.docx).
ATTACHMENT: Final = re.compile(
    r"[^\s:：，,、/\\|<>\"'()]+\.(?:pdf|docx?|wps|ofd|xlsx?)(?![A-Za-z0-9])", re.IGNORECASE)

#: A page-number line of a printed page (第 3 页, — 3 —).
PAGE_NUMBER_LINE: Final = re.compile(PAGE_NUMBER)

#: A section heading within a line: its numeral, a few words, one of its stems
#: (四、政府信息公开行政复议, 一、2023年政府信息公开总体情况).
SECTION_IN_TEXT: Final = re.compile(
    r"(?P<numeral>[" + _NUMERALS[:6] + r"])、\s*[^\s。;,、]{0,16}?(?:"
    + "|".join(sorted({re.escape(stem) for section in SECTIONS for stem in section.stems})) + ")"
)
