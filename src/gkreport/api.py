"""``parse``: a report's text through every stage, in order."""

from __future__ import annotations

import attrs

from .bodies import identify, organ_in_full
from .decode import Source, read
from .diagnostics import Diagnostic
from .errors import NotAReportError, RepairError
from .extract import FORMATS, Format, extract, sniff
from .grammar import HEADINGS, read_document
from .model import Report
from .normalise import Line, label_key, normalise
from .patterns import YEAR_TITLE
from .script import to_simplified
from .tables import assemble
from .template import SECTIONS
from .tokenize import detect_template, tokenize
from .validate import check

__all__ = ["parse"]

_TABLE_TOKENS = frozenset({"ITEM_ROW", "MATRIX_ROW", "APPEALS_ROW"})
# The section whose table a table's token belongs to (for saying where a copy stops).
_TABLE_SECTION = {"CLAUSE_HEADING": "proactive", "ITEM_HEADER": "proactive", "ITEM_ROW": "proactive",
                  "MATRIX_HEADER": "requests", "MATRIX_ROW": "requests",
                  "APPEALS_HEADER": "appeals", "APPEALS_ROW": "appeals"}
# How a paragraph that is whole ends; a copy cut short stops mid-sentence or mid-table.
_SENTENCE_ENDS = ("。", ";", "!", "日", ")", '"')
SECTION_NAMES = {s.key: f"{'一二三四五六'[s.number - 1]}、{s.heading}" for s in SECTIONS}


def parse(source: Source, *, strict: bool = False, format: Format | None = None) -> Report:
    """Parse one annual report: its text (``str``), its bytes, or a path to its file.

    The source may be plain text, an HTML page, a Word ``.docx`` or a PDF; its ``format``
    (``"text"``, ``"html"``, ``"docx"``, ``"pdf"``) is told from its bytes and file suffix
    unless given. Repairs and failed identities are in ``report.diagnostics``. With
    ``strict=True`` the first repair raises :class:`~gkreport.RepairError` instead.

    >>> from pathlib import Path
    >>> report = parse(Path("tests/data/000_cf9562a21e5519b3.txt"))
    >>> report.meta.year, report.requests["granted"].total
    (2020, 4)
    """
    data, suffix = read(source)                        # 1. decode (and extract)
    fmt = format or sniff(data, suffix)
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    text, encoding = extract(data, fmt)
    text, converted = to_simplified(text)
    lines = normalise(text)                            # 2. normalise
    template, told = detect_template(lines, _year(lines))
    tokens, diagnostics = tokenize(lines, template)    # 3. tokenize
    _require_report(tokens, lines)
    if ending := _where_it_ends(tokens, lines):
        diagnostics.append(ending)
    document = read_document(tokens)                   # 4. parse, 5. build
    diagnostics += document.diagnostics
    diagnostics += converted
    if encoding not in ("str", "utf-8", "utf-8-sig", "docx", "pdf"):
        diagnostics.append(Diagnostic("encoding", f"decoded as {encoding}"))
    if not told:
        diagnostics.append(Diagnostic("template-guessed", f"template {template} taken from the year"))
    report = assemble(document, template, diagnostics)
    report = _identified(report, lines, diagnostics)
    if report.meta.year is None:
        diagnostics.append(Diagnostic("year-missing", "no reporting year in the title"))
    report = attrs.evolve(report, diagnostics=(*diagnostics, *check(report)))  # 6. validate
    if strict:
        for d in report.diagnostics:
            if d.is_repair:
                raise RepairError(d, line=d.line, column=d.column, text=d.source)
    return report


def _identified(report: Report, lines: list[Line], diagnostics: list[Diagnostic]) -> Report:
    """The body and year where the title gives part or none of them, each said."""
    first = min((s.line for s in report.sections if s.line), default=61)
    front = lines[:first - 1]
    overview = next((s.paragraphs for s in report.sections if s.key == "overview"), ())
    meta, found = identify(report.meta, front, overview)
    for fact in found:
        line = lines[fact.line - 1] if fact.line else None
        diagnostics.append(Diagnostic(
            "meta-from-text", f"{fact.field} {fact.value} read from {fact.how}: the title does not state it",
            line=fact.line, column=1 if line else 0, source=line.raw if line else ""))
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


def _require_report(tokens: list, lines: list[Line]) -> None:  # type: ignore[type-arg]
    """Refuse only text that is no report at all: no report's title, no table row, and not
    two of its section headings (一、总体情况 alone heads many a document). A copy cut short
    is still a report (``report-truncated`` says where it ends)."""
    sections = {t.type for t in tokens if t.type in HEADINGS}
    if len(sections) >= 2 or any(t.type == "TITLE" or t.type in _TABLE_TOKENS for t in tokens):
        return
    first = next((line for line in lines if line.text.strip()), Line(0, "", ""))
    raise NotAReportError(
        f"not a 政府信息公开工作年度报告: found no report title, no table row and {len(sections)} "
        "of its six section headings", line=first.number, column=1 if first.number else 0, text=first.raw)


def _where_it_ends(tokens: list, lines: list[Line]) -> Diagnostic | None:  # type: ignore[type-arg]
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
    return Diagnostic("report-truncated",
                      f"the copy ends {where} (line {last.number}); what follows is not in it",
                      line=last.number, column=1 if last.number else 0, source=last.raw)
