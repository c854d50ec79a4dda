"""What an input is when it is not one report gkreport reads, said plainly.

Each check raises the :class:`~gkreport.ParseError` that names what was found instead: an
empty input (:class:`~gkreport.EmptyInputError`), a page that only links its report as an
attachment (:class:`~gkreport.AttachmentOnlyError`, with the link), a report from before the
2019 template (:class:`~gkreport.PreTemplateReportError`, with its year), several reports in
one text (:class:`~gkreport.SeveralReportsError`, with the line where the second begins).
A PDF without a text layer is told where it is read (:func:`gkreport.extract.extract`).
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import unquote, urlsplit

from ._bodies import read_title
from ._normalise import Line, compact
from ._patterns import ATTACHMENT
from .errors import (
    AttachmentOnlyError,
    EmptyInputError,
    NotAReportError,
    PreTemplateReportError,
    SeveralReportsError,
)
from .extract import Format, html_links
from .template import FIRST_TEMPLATE_YEAR

__all__ = ["require_data", "require_template", "require_text", "several_reports", "why_not_a_report"]

_WHAT: dict[Format, str] = {"text": "input", "html": "page", "docx": "Word document", "pdf": "PDF",
                           "doc": "Word document", "image": "picture"}
#: Words of an attachment that is the report (its link's text or its file name).
_REPORT_WORDS = ("报告", "年报")
#: Below this many characters of other text, a page's one attachment is taken for its report.
_LITTLE_TEXT = 200


def require_data(data: str | bytes) -> None:
    """Raise :class:`EmptyInputError` for an input of 0 bytes or only whitespace."""
    if data.strip():
        return
    unit = "characters" if isinstance(data, str) else "bytes"
    if not data:
        raise EmptyInputError(f"the input is empty: 0 {unit}, no report to read")
    raise EmptyInputError(f"the input holds only whitespace ({len(data)} {unit}), no report to read")


def require_text(data: str | bytes, fmt: Format, lines: Sequence[Line]) -> None:
    """Raise if a document holds no text: :class:`AttachmentOnlyError` for a page whose only
    content is a link to its report, else :class:`EmptyInputError`."""
    if any(line.text.strip() for line in lines):
        return
    if fmt == "html":
        _require_no_attachment(data, lines)
    unit = "characters" if isinstance(data, str) else "bytes"
    raise EmptyInputError(f"the {_WHAT[fmt]} holds no text ({len(data)} {unit} of {fmt}), no report to read")


def require_no_attachment(data: str | bytes, fmt: Format, lines: Sequence[Line]) -> None:
    """Raise :class:`AttachmentOnlyError` if ``lines`` hold little but a link to the report's
    file, or its file's name."""
    if fmt == "html":
        _require_no_attachment(data, lines)
    else:
        _require_no_named_file(lines)


def why_not_a_report(message: str, data: str | bytes, fmt: Format, lines: Sequence[Line]) -> NotAReportError:
    """The error for ``lines`` that are not a report: :class:`AttachmentOnlyError` if they
    link or name the report's file, else a :class:`NotAReportError` with ``message``."""
    require_no_attachment(data, fmt, lines)
    first = next((line for line in lines if line.text.strip()), Line(0, "", ""))
    return NotAReportError(message, line=first.number, column=1 if first.number else 0, text=first.raw)


def require_template(lines: Sequence[Line], told: bool) -> None:
    """Raise :class:`PreTemplateReportError` for a report whose title's year is before 2019
    and whose tables are of neither template (``told`` is False): the 2008 template's."""
    if told:
        return
    for line in lines[:60]:
        title = read_title(line)
        if title is None:
            continue
        year = int(title[1])
        if year < FIRST_TEMPLATE_YEAR:
            raise PreTemplateReportError(
                f"a report on {year}, on the template before 2019 (the 2008 Regulations': 概述, "
                "主动公开政府信息情况, 依申请公开…): it has none of the 第二十条 tables or the "
                "applicant matrix that gkreport reads", year=year, line=line.number,
                column=line.raw.find(str(year)) + 1, text=line.raw)
        return


def several_reports(parts: Sequence[Sequence[Line]]) -> SeveralReportsError:
    """The error for a text that holds the reports ``parts`` (each its lines)."""
    starts = tuple(part[0].number if part else 0 for part in parts)
    second = parts[1][0]
    return SeveralReportsError(
        f"a second report begins here ({len(parts)} reports in one text): gkreport.parse_all "
        "reads each (gkreport parse writes one record per report)",
        starts=starts, text=second.raw)


def _require_no_attachment(data: str | bytes, lines: Sequence[Line]) -> None:
    links = [(href, text) for href, text in html_links(data)
             if ATTACHMENT.search(unquote(urlsplit(href).path))]
    reports = [(href, text) for href, text in links
               if any(w in text or w in unquote(href) for w in _REPORT_WORDS)]
    if not reports and len(links) == 1 and _little_text(lines):
        reports = links
    if reports:
        where = _where(lines, reports[0][1])
        raise _attachment([href for href, _ in reports], where)


def _require_no_named_file(lines: Sequence[Line]) -> None:
    """A text copy of such a page names the file (附件：某县2023年度报告.pdf)."""
    named = [(line, m) for line in lines for m in ATTACHMENT.finditer(line.text)]
    reports = [(line, m) for line, m in named if any(w in m[0] for w in _REPORT_WORDS)]
    if not reports and len(named) == 1 and _little_text(lines):
        reports = named
    if reports:
        line, m = reports[0]
        raise _attachment([m[0] for _, m in reports], (line, m.start() + 1))


def _attachment(links: list[str], where: tuple[Line, int] | None) -> AttachmentOnlyError:
    line, column = where or (Line(0, "", ""), 0)
    more = f" (and {len(links) - 1} more)" if len(links) > 1 else ""
    return AttachmentOnlyError(
        f"no report in the text, only a link to it as an attachment: {links[0]}{more}; "
        "parse that file", links=tuple(links), line=line.number, column=column, text=line.raw)


def _where(lines: Sequence[Line], text: str) -> tuple[Line, int] | None:
    """The line and column where a link's ``text`` stands in the page's text."""
    if not text:
        return None
    for line in lines:
        at = line.raw.find(text)
        if at >= 0:
            return line, at + 1
    return None


def _little_text(lines: Sequence[Line]) -> bool:
    return sum(len(compact(line.text)) for line in lines) < _LITTLE_TEXT
