"""Stage 2b, split: a text that holds several reports, cut into one text per report.

Two years' reports pasted into one file, or a town's page that prints its bodies' reports one
after another, are several reports: read as one, the second's tables would fill the first's
template. A second report begins

* at a title (…2023年政府信息公开工作年度报告) other than the report's own, standing after the
  report's sections and followed by a fresh run of sections from 一、总体情况; or
* where 一、总体情况 starts a run of sections again after a report that reached 六 (the
  second's title lost, or the same report printed twice): after the first one's closing.

A title in prose (…年度报告公布如下。), a caption, or the report's own title repeated as a
PDF's page header starts no fresh run from 一 and cuts nothing; nor does a list of the section
headings (a table of contents), whose headings have no content. A site's metadata block
(索引号:…, 发布机构:…) right above the second title goes with the second report. A report
printed on one line (:mod:`gkreport._flatten`) is read as its pieces; two such lines are two
reports, but two reports run together on one line are not told apart.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ._bodies import read_title
from ._flatten import MIN_LENGTH, unflatten
from ._headings import heading_of
from ._line_rules import meta_fields
from ._normalise import Line, compact
from ._patterns import DATE
from .template import PUBLIC_NOTICES, SECTIONS

__all__ = ["report_starts"]

_NUMBER = {section.key: section.number for section in SECTIONS}


class _Heading(NamedTuple):
    at: int  # its index in the lines
    number: int  # 1 for 一、总体情况 … 6 for 六、其他需要报告的事项
    content: bool  # a line of text follows it before the next heading


# A line that starts with a section numbered 一 (markdown or not), not the matrix's first row.
# Searched for from its numeral, a literal the regex engine scans for in C, and its line's
# start checked after: a pattern anchored at each line's start (^ with MULTILINE), or one
# that opens with an optional 第, is tried at every character of the text.
_FIRST_SECTION = re.compile(r"一(?:、|\.|,| |部分)(?!本年新收)")
# A line holding several sections' headings in order: a whole report printed on one line.
# (The matrix's rows are numbered so too: a matrix on one line, as glued copies print it, is
# not one.)
_FLAT_REPORT = re.compile(r"一、(?!本年新收)[^\n]*?二、(?!上年结转)[^\n]*?三、(?!本年度办理结果)")


def report_starts(lines: list[Line]) -> list[int]:
    """The index in ``lines`` of each report's first line: ``[0]`` for a text of one report.

    >>> from gkreport._normalise import normalise
    >>> one = ["某县2023年政府信息公开工作年度报告", "一、总体情况", "本年度…。", "二、主动公开政府信息情况",
    ...        "略。", "六、其他需要报告的事项", "无。", "2024年1月20日"]
    >>> report_starts(normalise("\\n".join(one + [one[0].replace("2023", "2024"), *one[1:]])))
    [0, 8]
    """
    if not _may_hold_two(lines):
        return [0]
    headings = _headings(lines)
    starts = [0]
    run = _Run(lines, 0)
    for k, heading in enumerate(headings):
        fresh = k + 1 < len(headings) and headings[k + 1].number > 1
        if heading.number == 1 and heading.content and fresh and run.last is not None:
            start = run.restart(heading.at)
            if start is not None:
                starts.append(start)
                run = _Run(lines, start)
        run.add(heading)
    return starts


def _may_hold_two(lines: list[Line]) -> bool:
    """Whether a second report may start in ``lines``: only where a section numbered 一 comes
    twice (the matrix's 一、本年新收… aside) or a line holds a whole report (一、…二、…三、).
    Most texts are one report; one scan in C tells it, and their headings are not read here."""
    text = "\n".join([line.text for line in lines])
    firsts = 0
    for match in _FIRST_SECTION.finditer(text):
        at = match.start()
        if not text[text.rfind("\n", 0, at) + 1:at].removesuffix("第").strip(" \t#"):  # its line's start
            firsts += 1
            if firsts > 1:
                return True
    return _FLAT_REPORT.search(text) is not None


class _Run:
    """The report being read: where it starts, its title, what its headings have shown."""

    def __init__(self, lines: list[Line], start: int) -> None:
        self.lines = lines
        self.start = start
        self.title: tuple[str | None, str, str] | None = None
        self.last: int | None = None  # the line of its last heading
        self.with_content = 0  # its sections that have text
        self.reached_six = False

    def add(self, heading: _Heading) -> None:
        if self.last is None:
            above = self.lines[self.start:heading.at]
            self.title = next((t for t in map(read_title, above) if t is not None), None)
        self.last = heading.at
        self.with_content += heading.content
        self.reached_six |= heading.number == 6

    def restart(self, at: int) -> int | None:
        """Where a second report begins if 一、总体情况 at ``at`` starts one; else None."""
        assert self.last is not None
        lines, after = self.lines, self.last + 1
        title = next((i for i in range(after, at) if read_title(lines[i]) not in (None, self.title)), None)
        if title is not None and self.with_content:
            return _above_metadata(lines, title, after)
        if self.reached_six and self.with_content >= 2:
            return _after_closing(lines, after, at)
        return None


def _headings(lines: list[Line]) -> list[_Heading]:
    found: list[tuple[int, int]] = []
    content: list[bool] = []
    for index, line in enumerate(lines):
        # A whole report printed on one line (a crawler's page) holds its headings within.
        pieces = unflatten(line, _unrecorded) if len(line.text) >= MIN_LENGTH else (line,)
        for piece in pieces:
            if not piece.text.strip():
                continue
            key = heading_of(piece.text)
            if key is not None:
                found.append((index, _NUMBER[key]))
                content.append(False)
            elif content:
                content[-1] = True
    return [_Heading(index, number, has) for (index, number), has in zip(found, content, strict=True)]


def _unrecorded(code: str, message: str, line: Line) -> None:
    """The tokenizer cuts such a line again, and names the repair there."""


def _above_metadata(lines: list[Line], title: int, floor: int) -> int:
    """The first line of the site's metadata block right above ``title``, or the title."""
    start = index = title
    while index > floor:
        text = lines[index - 1].text.strip()
        if text and not meta_fields(text):
            break
        index -= 1
        if text:
            start = index
    return start


def _after_closing(lines: list[Line], floor: int, at: int) -> int:
    """The first line after the first report's closing (its date, 此件主动公开) between
    ``floor`` and ``at``; without a closing there, the first title there; else ``at``."""
    closing = None
    for index in range(floor, at):
        key = compact(lines[index].text)
        if DATE.match(key) or any(notice in key for notice in PUBLIC_NOTICES):
            closing = index
    if closing is None:
        title = next((i for i in range(floor, at) if read_title(lines[i]) is not None), None)
        return at if title is None else title
    return next((i for i in range(closing + 1, at) if lines[i].text.strip()), at)
