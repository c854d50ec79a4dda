"""Diagnostics: every repair the tokenizer makes and every identity that fails.

Each code is stable and listed once in :data:`CODES`, with its severity, whether it is a
*repair* (``parse(strict=True)`` refuses it) and what it means; the docs' catalogue is
generated from this table.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final, Literal

import attrs

__all__ = ["CODES", "SEVERITIES", "SPAN_CHARS", "Code", "Detail", "Diagnostic", "Readings", "Severity", "span"]

Severity = Literal["info", "warning", "error"]
#: The severities, least first.
SEVERITIES: Final[tuple[Severity, ...]] = ("info", "warning", "error")
#: How much of a report's diagnostics its JSON gives: each one, a count per code, or none.
Detail = Literal["full", "summary", "none"]


@attrs.frozen
class Code:
    code: str
    severity: Severity
    repair: bool
    meaning: str


#: Every diagnostic code, its severity, whether it is a repair, and what it means.
CODES: Final[dict[str, Code]] = {
    c.code: c
    for c in (
        # -- repairs: the tokenizer read something that was not as the template prints it
        Code("label-joined", "info", True,
             "A label split over several cells or lines was joined (4. 保护第三方合 … 法权益)."),
        Code("label-fuzzy", "warning", True,
             "A label with a typo was matched to the nearest known label."),
        Code("header-scrambled", "info", True,
             "A row label stood in a header row or an outcome group label stood out of place."),
        Code("header-repeated", "info", True,
             "A table's header row stood again among its rows (a table printed in parts or across "
             "pages); it was skipped."),
        Code("cells-missing", "warning", True,
             "A row has fewer cells than the template; the lost cells are None."),
        Code("cells-extra", "warning", True,
             "A row has more values than the template; the row is left None."),
        Code("cells-glued", "info", True,
             "The cells of a row stood on one line separated by spaces, or run together with "
             "their labels (规章000), and were split."),
        Code("cells-solved", "warning", True,
             "A row's cells were run together (640020470) and the template's arithmetic, or the "
             "report's own text (制发行政规范性文件62件), allows only one split; the message names "
             "the row, the values read and the words that told them."),
        Code("cells-ambiguous", "warning", True,
             "A row's cells were run together and more than one split is possible; the cells "
             "the splits disagree on are None and the message lists the splits."),
        Code("cells-settled", "warning", True,
             "A row's cells were run together and split several ways (``cells-ambiguous``); the "
             "same body's report of the year before (its 结转下年度继续办理, its 现行有效件数) agrees "
             "with fewer of the splits, or one: the cells so told are ``settled``. Only where "
             "both reports were given (gkreport.compare.settle, which gkreport compare runs); the "
             "message names the other report and the splits that remain."),
        Code("cells-unsolved", "warning", True,
             "A row's cells were run together and no split keeps the table's identities (its "
             "own arithmetic is wrong somewhere), or the search reached its bound; the row is "
             "None and the message lists the row's own splits."),
        Code("report-flattened", "info", True,
             "The whole report stood on one line (a crawler's text); it was cut at its title and "
             "section headings."),
        Code("value-recovered", "warning", True,
             "A lost cell was recovered by arithmetic from the template's identities."),
        Code("value-unassigned", "warning", True,
             "A number stood in a table where no row could take it; it is named here."),
        Code("row-unknown", "warning", True,
             "A row label matched no row of the template; its values are named here."),
        Code("row-merged", "warning", True,
             "A row the template splits into sub-rows stood as one row (2021's (六)其他处理 "
             "with values of its own); its values are named here and the sub-rows stay None."),
        Code("row-by-order", "warning", True,
             "The copy printed the matrix's labels and numbers apart (text from a PDF): a row "
             "of numbers was placed in the template's row that reading order gives it; the "
             "message names the row and the numbers."),
        Code("placing-ambiguous", "warning", True,
             "The copy printed the matrix's labels and numbers apart, and the rows of numbers "
             "can be placed more than one way (the template's order, the order the labels were "
             "printed in) with the template's identities holding "
             "for each: the rows they disagree on are left None and the message lists each "
             "placing."),
        Code("row-duplicate", "warning", True,
             "A row appeared twice; the first is kept and the second named here."),
        Code("part-misplaced", "warning", True,
             "A part of the report stood where the template has no place for it (a table under "
             "another section, a section heading out of order, metadata within the body); a "
             "heading is read as a sub-heading, a table's rows go to their own table, anything "
             "else is read as a paragraph."),
        Code("script-converted", "warning", True,
             "The copy was in traditional characters (a mirror site's conversion); it was "
             "converted to simplified with OpenCC and read on."),
        Code("text-garbled", "warning", True,
             "The copy holds a converter's debris (pinyin glosses inside words, runs of '?'); "
             "it was removed and the text read as far as its labels allow."),
        Code("ocr-letter-digit", "info", True,
             "A cell of a table read from a picture held letters an OCR engine reads for digits "
             "(1o for 10, l for 1); they were taken as the digits. The message names the cell as read."),
        Code("ocr-corrected", "warning", True,
             "A number read from a picture broke its table's identities, and exactly one change of "
             "one character among the confusions OCR makes (0/8/6/9, 1/7, 3/8, 5/6) makes every "
             "identity of the table hold: the cell is corrected (status ``corrected``); the "
             "message names both readings."),
        Code("ocr-ambiguous", "warning", True,
             "A number read from a picture broke its table's identities, and several changes of "
             "one misread character each make them all hold: the cells they disagree on are None "
             "(status ``ambiguous``); the message and its readings list the changes."),
        Code("page-after-report", "info", False,
             "A crawler's copy of the page went on past the report (相关链接, 上一篇/下一篇, the "
             "site's footer, another report's title): those lines were left out of the last "
             "section's text; the message says how many, from the line named."),
        Code("report-repeated", "info", False,
             "The text holds the same report again, word for word (a page that prints it twice): "
             "it is read once, and the message names the lines of the repeat."),
        Code("encoding", "info", False, "The bytes were decoded from an encoding other than UTF-8."),
        Code("ocr-read", "info", False,
             "Text was read from a picture (an image, a scanned PDF's page, an <img> in a page) by "
             "an OCR engine: its numbers are readings, checked by the template's identities. The "
             "message names the picture, the engine and its mean confidence; ``cells`` the rows "
             "read from it."),
        Code("ocr-unread", "warning", False,
             "A table cell of a picture holds print that the OCR engine could not read, found alone "
             "or again: the cell is None with status ``lost``, not ``blank`` (the identities may "
             "recover it: ``value-recovered``)."),
        Code("ocr-unchecked", "warning", False,
             "Numbers read from a picture that no identity that holds covers (the clause tables "
             "have none; an identity that fails checks nothing): a misread digit there would not "
             "show. ``cells`` names them."),
        Code("template-guessed", "info", False,
             "The template could not be told from the tables and was taken from the year."),
        Code("meta-from-text", "info", False,
             "The title did not state the body or the year (or there was no title); it was read "
             "from the report's text: a title over two lines, the sentence that names the report, "
             "the statistics period, the 发文机关 field or the overview's sentences."),
        Code("report-truncated", "warning", False,
             "The copy stops before its last section (a crawler's excerpt, a page cut short): "
             "what is there is read; the message names the section it reached and its last line."),
        Code("year-missing", "warning", False, "The reporting year was not found in the title."),
        # -- losses: cells of the template the copy gave no number for
        Code("row-lost", "error", False,
             "Rows of a table the copy holds have none of their numbers in it (no label matched "
             "them, the copy ends before them, or their cells were lost): their cells are None "
             "with status ``lost``; the message names the rows."),
        Code("table-lost", "error", False,
             "No row of a table was found (the table printed as a picture, lost with a heading "
             "or label the copy garbled, or past the end of a copy cut short), or its labels "
             "stand without one number, empty cell or dash (its numbers lost with the copy): its "
             "cells are None with status ``lost``."),
        # -- checks: the template's arithmetic (勾稽关系) does not hold
        Code("sum-row", "error", False,
             "A row's total is not the sum of its six applicant columns."),
        Code("sum-outcomes", "error", False,
             "(七) 总计 is not the sum of the outcome rows in some column."),
        Code("balance", "error", False,
             "新收 + 上年结转 differs from 总计 + 结转下年度 in some column (勾稽关系)."),
        Code("sum-appeals", "error", False,
             "A review or litigation group's total is not the sum of its four results."),
        Code("not-checked", "info", False,
             "An identity could not be checked because a cell it needs is blank."),
    )
}


#: The longest source span a diagnostic quotes; a longer one is cut and ends in "…".
SPAN_CHARS: Final = 40


def span(text: str, column: int, end: int | None = None) -> str:
    """The part of a line a diagnostic is about: ``text`` from ``column`` (1-based) to
    ``end`` (exclusive, 0-based; the line's end if None), at most :data:`SPAN_CHARS`.

    >>> span("规章 | 0 | 0 | 0", 1, 2)
    '规章'
    >>> len(span("数" * 200, 1))
    41
    """
    part = text[max(column - 1, 0):end].strip()
    return part if len(part) <= SPAN_CHARS else part[:SPAN_CHARS] + "…"


@attrs.frozen
class Readings:
    """The readings the copy leaves of some cells, where it does not say which is right (a run
    of digits that splits several ways): the cells' keys, and each reading's values for them
    in that order (counts as ``int``, money as :class:`~decimal.Decimal`)."""

    cells: tuple[str, ...]
    values: tuple[tuple[int | Decimal | None, ...], ...]


@attrs.frozen
class Diagnostic:
    """Something the parser repaired, or an identity of the template that fails.

    ``line`` and ``column`` are 1-based positions in the source; ``source`` is the text there
    that the diagnostic is about (a row's label and cells, a heading, a line), no longer than
    :data:`SPAN_CHARS`. ``cells`` names the cells it concerns, as the keys of
    :meth:`gkreport.Report.cell` do: a cell (``requests.granted.total``), a whole row
    (``requests.granted``, ``requests.denied`` for every row of the group) or a whole table
    (``requests``).
    """

    code: str
    message: str
    line: int = 0
    column: int = 0
    source: str = ""
    cells: tuple[str, ...] = ()
    #: For ``cells-ambiguous`` and ``cells-settled``: the readings that remain.
    readings: Readings | None = None

    @property
    def severity(self) -> Severity:
        return CODES[self.code].severity

    @property
    def is_repair(self) -> bool:
        return CODES[self.code].repair

    def about(self, cell: str) -> bool:
        """Whether the diagnostic concerns ``cell`` (a key such as ``requests.granted.total``).

        >>> lost = Diagnostic("cells-missing", "…", cells=("requests.denied",))
        >>> lost.about("requests.denied.state_secret.total"), lost.about("requests.granted.total")
        (True, False)
        """
        return any(cell == key or cell.startswith(key + ".") for key in self.cells)

    def __str__(self) -> str:
        where = f"{self.line}:{self.column}: " if self.line else ""
        return f"{where}{self.severity} [{self.code}] {self.message}"
