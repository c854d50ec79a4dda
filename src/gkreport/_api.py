"""``parse`` and ``parse_all``: a report's text through every stage, in order."""

from __future__ import annotations

import itertools
import os

import attrs
from lark import Token

from ._bodies import identify, organ_in_full, title_across_lines
from ._decode import Source, read
from ._grammar import HEADINGS, read_document
from ._misread import Picture, check_pictures
from ._normalise import Line, compact, label_key, normalise, printed
from ._patterns import YEAR_TITLE
from ._refusals import (
    require_data,
    require_no_attachment,
    require_template,
    require_text,
    several_reports,
    why_not_a_report,
)
from ._script import to_simplified
from ._split import report_starts
from ._tables import assemble
from ._tokenize import detect_template, tokenize
from ._validate import check
from .diagnostics import Diagnostic, span
from .errors import NoTextLayerError, RepairError
from .extract import FORMATS, Extracted, Format, extract, sniff
from .model import Report
from .template import SECTIONS

__all__ = ["ReportText", "parse", "parse_all", "report_texts"]

_TABLE_TOKENS = frozenset({"ITEM_ROW", "MATRIX_ROW", "APPEALS_ROW"})
# The section whose table a table's token belongs to (for saying where a copy stops).
_TABLE_SECTION = {"CLAUSE_HEADING": "proactive", "ITEM_HEADER": "proactive", "ITEM_ROW": "proactive",
                  "MATRIX_HEADER": "requests", "MATRIX_ROW": "requests",
                  "APPEALS_HEADER": "appeals", "APPEALS_ROW": "appeals"}
# How a paragraph that is whole ends; a copy cut short stops mid-sentence or mid-table.
_SENTENCE_ENDS = ("。", ";", "!", "日", ")", '"')
# How a diagnostic names a section: its numeral and key (三 (requests)), short in a report's JSON.
SECTION_NAMES = {s.key: f"{'一二三四五六'[s.number - 1]} ({s.key})" for s in SECTIONS}


def parse(source: Source, *, strict: bool = False, format: Format | None = None) -> Report:
    """Parse one annual report: its text (``str``), its bytes, or a path to its file.

    The source may be plain text, an HTML page, a Word ``.docx`` or ``.doc``, or a PDF; its
    ``format`` (``"text"``, ``"html"``, ``"docx"``, ``"pdf"``, ``"doc"``) is told from its
    bytes and file suffix unless given. Repairs and failed identities are in ``report.diagnostics``. With
    ``strict=True`` the first repair raises :class:`~gkreport.RepairError` instead. A source
    that holds several reports raises :class:`~gkreport.SeveralReportsError`
    (:func:`parse_all` reads each).

    >>> from pathlib import Path
    >>> report = parse(Path("tests/data/000_cf9562a21e5519b3.txt"))
    >>> report.meta.year, report.requests["granted"].total
    (2020, 4)
    """
    texts = report_texts(source, format=format)
    if len(texts) > 1:
        raise several_reports([text.lines for text in texts])
    return texts[0].parse(strict=strict)


def parse_all(source: Source, *, strict: bool = False, format: Format | None = None) -> list[Report]:
    """Parse every report a source holds, in order: two years' reports pasted into one file,
    a page that prints several bodies' reports. A source of one report gives a list of one.

    Takes what :func:`parse` takes; a part that is no report raises its error, whose line
    is a line of the whole source.

    >>> from pathlib import Path
    >>> text = Path("tests/data/003_bca12cc4fb8d9f2c.txt").read_text(encoding="utf-8")
    >>> [(r.meta.organ, r.meta.year) for r in parse_all(text + "\\n" + text.replace("2020年", "2021年"))]
    [('泉州市鲤城区人民政府海滨街道办事处', 2020), ('泉州市鲤城区人民政府海滨街道办事处', 2021)]
    """
    return [text.parse(strict=strict) for text in report_texts(source, format=format)]


@attrs.frozen
class ReportText:
    """One report's lines within its source (stages 1 and 2 done), ready to parse."""

    lines: list[Line] = attrs.field(repr=False)
    encoding: str
    format: Format
    #: The source as read, for the error that says what it holds when it is no report.
    data: str | bytes = attrs.field(repr=False, eq=False)
    #: Where the source holds this report again, word for word (``report-repeated``).
    repeats: tuple[Diagnostic, ...] = ()
    #: What reading the source's script changed (``script-converted``, ``text-garbled``).
    converted: tuple[Diagnostic, ...] = ()
    #: The file the source was read from (:attr:`Report.source`), or None for text or bytes.
    source: str | None = None
    #: The pictures the text was read from by OCR, each with its lines (none for a copy).
    pictures: tuple[Picture, ...] = ()

    @property
    def line(self) -> int:
        """The number of the report's first line in the source."""
        return self.lines[0].number if self.lines else 0

    def parse(self, *, strict: bool = False) -> Report:
        """The report these lines hold (stages 3 to 6); see :func:`parse`."""
        lines = self.lines
        template, told = detect_template(lines, _year(lines))
        require_template(lines, told)
        tokens, diagnostics = tokenize(lines, template)    # 3. tokenize
        self._require_report(tokens)
        if ending := _where_it_ends(tokens, lines):
            diagnostics.append(ending)
        document = read_document(tokens)                   # 4. parse, 5. build
        if ending is not None and tokens[-1].type in _TABLE_TOKENS:
            document.cut_in = tokens[-1].value
        diagnostics += [*document.diagnostics, *self.repeats, *self.converted]
        if self.encoding not in ("str", "utf-8", "utf-8-sig", "docx", "pdf", "doc", "ocr"):
            diagnostics.append(Diagnostic("encoding", f"decoded as {self.encoding}"))
        if not told:
            diagnostics.append(Diagnostic("template-guessed", f"template {template} taken from the year"))
        report = assemble(document, template, diagnostics)
        report = _identified(report, lines, diagnostics)
        if self.pictures:                                  # 5b. numbers read from pictures
            report, checked = check_pictures(report, self.pictures)
            diagnostics += checked
        if report.meta.year is None:
            diagnostics.append(Diagnostic("year-missing", "no reporting year in the title"))
        report = attrs.evolve(report, diagnostics=(*diagnostics, *check(report)),  # 6. validate
                              source=self.source)
        if strict:
            for d in report.diagnostics:
                if d.is_repair:
                    raise RepairError(d, line=d.line, column=d.column, text=d.source)
        return report

    def _require_report(self, tokens: list[Token]) -> None:
        """Refuse only text that is no report at all: no report's title, no table row, and
        not two of its section headings (一、总体情况 alone heads many a document). A copy cut
        short is still a report (``report-truncated`` says where it ends)."""
        sections = {t.type for t in tokens if t.type in HEADINGS}
        if len(sections) >= 2 or any(t.type in _TABLE_TOKENS for t in tokens):
            return
        first = next((t.line for t in tokens if t.type in HEADINGS), None)
        front = [line for line in self.lines[:80] if first is None or line.number < first]
        if any(t.type == "TITLE" for t in tokens) or title_across_lines(front):
            # A title (on one line or two) and little else: a copy cut short, unless the page
            # only links the report.
            require_no_attachment(self.data, self.format, self.lines)
            return
        found = f"found no report title, no table row and {len(sections)} of its six section headings"
        raise why_not_a_report(f"not a 政府信息公开工作年度报告: {found}", self.data, self.format, self.lines)


def report_texts(source: Source, *, format: Format | None = None) -> list[ReportText]:
    """The text of each report in ``source``, in order (stages 1 and 2: decode, extract,
    normalise, split); most sources give one."""
    data: str | bytes
    fmt: Format
    if isinstance(source, os.PathLike) and os.path.isdir(source):
        from .ocr import folder_text
        data, fmt = b"", "image"                       # a folder of a report's pictures
        read_out = folder_text(source)
    else:
        data, suffix = read(source)                    # 1. decode (and extract)
        require_data(data)
        fmt = format or sniff(data, suffix)
        if fmt not in FORMATS:
            raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
        read_out = _extracted(data, fmt, os.fspath(source) if isinstance(source, os.PathLike) else None)
    text, converted = to_simplified(read_out.text)     # 1c. script
    lines = normalise(text)                            # 2. normalise
    require_text(data, fmt, lines)
    bounds = [*report_starts(lines), len(lines)]       # 2b. split
    name = os.fspath(source) if isinstance(source, os.PathLike) else None
    return _once([ReportText(lines[a:b], read_out.encoding, fmt, data,
                             converted=(*read_out.notes_within(lines[a:b]), *converted), source=name,
                             pictures=read_out.pictures_within(lines[a:b]))
                  for a, b in itertools.pairwise(bounds)])


def _extracted(data: str | bytes, fmt: Format, path: str | None) -> Extracted:
    """The text of ``data``: extracted, or read from its pictures by OCR (an image, a PDF
    whose pages are scans, a page's ``<img>`` tables in the files beside it at ``path``)."""
    from . import ocr  # the pictures' reader: its engine and Pillow load only when one is read
    binary = data.encode() if isinstance(data, str) else data
    name = os.path.basename(path) if path else ""
    if fmt == "image":
        ocr.require_ocr()
        return ocr.picture_text(ocr.image_pictures(binary, name or "the picture"))
    try:
        if fmt == "html" and path:
            return ocr.page_images(*extract(data, fmt, images=True), os.path.dirname(path) or ".")
        return Extracted(*extract(data, fmt))
    except NoTextLayerError as scan:
        ocr.require_ocr(scan)
        return ocr.picture_text(ocr.pdf_pictures(binary, name), scan)


def _once(texts: list[ReportText]) -> list[ReportText]:
    """``texts`` without a report printed again word for word (a page that holds its report
    twice is one report), each repeat named in the first one's diagnostics."""
    if len(texts) == 1:
        return texts
    kept: dict[str, ReportText] = {}
    for text in texts:
        words = "\n".join(compact(line.text) for line in text.lines if line.text.strip())
        first = kept.get(words)
        if first is None:
            kept[words] = text
            continue
        start, end = text.lines[0], text.lines[-1]
        repeat = Diagnostic("report-repeated", f"the text holds this report again, word for word, on lines "
                            f"{start.number}-{end.number}; read once", start.number, 1,
                            span(printed(start), 1))
        kept[words] = attrs.evolve(first, repeats=(*first.repeats, repeat))
    return list(kept.values())


def _identified(report: Report, lines: list[Line], diagnostics: list[Diagnostic]) -> Report:
    """The body and year where the title gives part or none of them, each said."""
    first = min((s.line for s in report.sections if s.line), default=lines[0].number + 60 if lines else 61)
    front = [line for line in lines[:80] if line.number < first]
    overview = next((s.paragraphs for s in report.sections if s.key == "overview"), ())
    meta, found = (report.meta, []) if report.meta.organ and report.meta.year else identify(
        report.meta, front, overview)
    by_number = {line.number: line for line in front}
    for fact in found:
        line = by_number.get(fact.line)
        diagnostics.append(Diagnostic(
            "meta-from-text", f"{fact.field} {fact.value} read from {fact.how}: the title does not state it",
            line=fact.line, column=1 if line else 0, source=span(printed(line), 1) if line else ""))
    organ = organ_in_full(meta.organ, meta.year, (line.text for line in lines[:60]))
    if organ != meta.organ:
        meta = attrs.evolve(meta, organ=organ)
    return report if meta == report.meta else attrs.evolve(report, meta=meta)


def _year(lines: list[Line]) -> int | None:
    for line in lines[:60]:
        m = YEAR_TITLE.search(label_key(line.text))
        if m:
            return int(m.group(1))
    return None


def _where_it_ends(tokens: list[Token], lines: list[Line]) -> Diagnostic | None:
    """``report-truncated`` where the copy stops before its last section: the section it
    reached, and whether inside a table."""
    reached = [t for t in tokens if t.type in HEADINGS]
    if reached and reached[-1].type == SECTIONS[-1].token:
        return None
    last = next((line for line in reversed(lines) if line.text.strip()), Line(0, "", ""))
    in_table = bool(tokens) and tokens[-1].type in _TABLE_SECTION
    if not in_table and last.text.rstrip().endswith(_SENTENCE_ENDS):
        return None  # a report that leaves out its last sections, not one cut short
    section = _TABLE_SECTION[tokens[-1].type] if in_table else HEADINGS[reached[-1].type] if reached else None
    where = f"in section {SECTION_NAMES[section]}" if section else "before its first section"
    if in_table:
        where += ", inside its table"
    return Diagnostic("report-truncated", f"the copy ends {where}; what follows is not in it",
                      line=last.number, column=1 if last.number else 0, source=span(printed(last), 1))
