"""``parse`` and ``parse_all``: a report's text through every stage, in order."""

from __future__ import annotations

import itertools

import attrs
from lark import Token

from .bodies import organ_in_full
from .decode import Source, read
from .diagnostics import Diagnostic
from .errors import RepairError
from .extract import FORMATS, Format, extract, sniff
from .grammar import HEADINGS, read_document
from .model import Report
from .normalise import Line, compact, label_key, normalise
from .patterns import YEAR_TITLE
from .refusals import require_data, require_template, require_text, several_reports, why_not_a_report
from .split import report_starts
from .tables import assemble
from .tokenize import detect_template, tokenize
from .validate import check

__all__ = ["ReportText", "parse", "parse_all", "report_texts"]

_TABLE_TOKENS = frozenset({"ITEM_ROW", "MATRIX_ROW", "APPEALS_ROW"})


def parse(source: Source, *, strict: bool = False, format: Format | None = None) -> Report:
    """Parse one annual report: its text (``str``), its bytes, or a path to its file.

    The source may be plain text, an HTML page, a Word ``.docx`` or a PDF; its ``format``
    (``"text"``, ``"html"``, ``"docx"``, ``"pdf"``) is told from its bytes and file suffix
    unless given. Repairs and failed identities are in ``report.diagnostics``. With
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
        document = read_document(tokens)                   # 4. parse, 5. build
        diagnostics += [*document.diagnostics, *self.repeats]
        if self.encoding not in ("str", "utf-8", "utf-8-sig", "docx", "pdf"):
            diagnostics.append(Diagnostic("encoding", f"decoded as {self.encoding}"))
        if not told:
            diagnostics.append(Diagnostic("template-guessed", f"template {template} taken from the year"))
        report = assemble(document, template, diagnostics)
        report = _named_in_full(report, lines)
        if report.meta.year is None:
            diagnostics.append(Diagnostic("year-missing", "no reporting year in the title"))
        report = attrs.evolve(report, diagnostics=(*diagnostics, *check(report)))  # 6. validate
        if strict:
            for d in report.diagnostics:
                if d.is_repair:
                    raise RepairError(d, line=d.line, column=d.column, text=d.source)
        return report

    def _require_report(self, tokens: list[Token]) -> None:
        sections = {t.value.key for t in tokens if t.type in HEADINGS}
        rows = sum(1 for t in tokens if t.type in _TABLE_TOKENS)
        if len(sections) >= 2 or rows >= 5:
            return
        raise why_not_a_report(f"not a 政府信息公开工作年度报告: found {len(sections)} of its six section "
                               f"headings and {rows} table rows", self.data, self.format, self.lines)


def report_texts(source: Source, *, format: Format | None = None) -> list[ReportText]:
    """The text of each report in ``source``, in order (stages 1 and 2: decode, extract,
    normalise, split); most sources give one."""
    data, suffix = read(source)                        # 1. decode (and extract)
    require_data(data)
    fmt = format or sniff(data, suffix)
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    text, encoding = extract(data, fmt)
    lines = normalise(text)                            # 2. normalise
    require_text(data, fmt, lines)
    bounds = [*report_starts(lines), len(lines)]       # 2b. split
    return _once([ReportText(lines[a:b], encoding, fmt, data) for a, b in itertools.pairwise(bounds)])


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
                            f"{start.number}-{end.number}; read once", start.number, 1, start.raw)
        kept[words] = attrs.evolve(first, repeats=(*first.repeats, repeat))
    return list(kept.values())


def _named_in_full(report: Report, lines: list[Line]) -> Report:
    """The body's whole name where the title gives part of it and the opening the whole."""
    meta = report.meta
    organ = organ_in_full(meta.organ, meta.year, (line.text for line in lines[:60]))
    return report if organ == meta.organ else attrs.evolve(report, meta=attrs.evolve(meta, organ=organ))


def _year(lines: list[Line]) -> int | None:
    for line in lines[:60]:
        m = YEAR_TITLE.search(label_key(line.text))
        if m:
            return int(m.group(1))
    return None
