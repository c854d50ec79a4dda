"""Hypothesis strategies: whole annual reports, the layouts of real copies, and their damage.

Install with ``pip install 'gkreport[fuzz]'``; ``import gkreport`` never imports hypothesis,
only this module does.

* :func:`reports` draws typed :class:`~gkreport.model.Report` objects with realistic numbers
  whose arithmetic identities hold (or, with ``consistent=False``, may fail);
* :func:`layouts` draws one of :data:`gkreport.render.LAYOUTS`, the text layouts and ``html``
  (by default one of those that read back cell for cell, :data:`gkreport.render.EXACT_LAYOUTS`);
* :func:`noise` draws the name of a kind of damage in :data:`NOISE`;
* :func:`noisy_text` renders a report in a text layout and damages the text as real copies
  are damaged, giving a :class:`NoisyText` that says what was done, which repair diagnostics
  (:data:`gkreport.diagnostics.CODES`) the parser owes for it, and what of the report, if
  anything, no reader can give back (:data:`LOSSES`: a copy cut short loses the cells after
  the cut; labels printed apart from their numbers may leave rows None).

Every kind of damage is a small function from text to text, given a :class:`random.Random`
to choose where; they read their labels and header words from :mod:`gkreport.template`.
"""

from __future__ import annotations

import datetime
import functools
import random
import re
from collections.abc import Callable, Collection, Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import attrs

from .errors import MissingExtraError

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ImportError as exc:
    raise MissingExtraError("gkreport.strategies needs hypothesis: pip install 'gkreport[fuzz]'",
                            extra="fuzz", name=exc.name) from exc

from . import picture
from ._labels import edit_distance
from .model import AppealGroup, Appeals, ApplicantMatrix, ClauseItem, Meta, Report, RequestRow, Section
from .render import DASH, EXACT_LAYOUTS, LAYOUTS, TEXT_LAYOUTS, Layout, printed, render
from .template import (
    APPEAL_COLUMNS,
    APPEAL_GROUPS,
    APPLICANT_COLUMNS,
    EMPTY_MARKS,
    FURNITURE,
    HEADER_WORDS,
    LITIGATION_HEADING,
    META_FIELDS,
    NUMERALS,
    PROACTIVE_LABELS,
    REQUEST_NUMBERS,
    SECTIONS,
    TEMPLATES,
    TITLE_WORDING,
    Column,
    Template,
    TemplateId,
    template_for,
)

if TYPE_CHECKING:
    from PIL import Image

__all__ = ["LAYOUT_REPAIRS", "LOSSES", "NOISE", "Noise", "NoisyText", "Picture", "following", "layouts",
           "noise", "noisy_text", "pictures", "reports"]

# -- reports ------------------------------------------------------------------------------

#: The reporting years reports are drawn for: from the first on the 2019 template.
_DRAWN_YEARS: Final = range(2019, 2026)


def _years(template: TemplateId) -> tuple[int, int]:
    years = [year for year in _DRAWN_YEARS if template_for(year) == template]
    return min(years), max(years)


#: Reporting years each template is used for (:func:`gkreport.template.template_for`).
YEARS: Final[dict[TemplateId, tuple[int, int]]] = {template: _years(template) for template in TEMPLATES}

# Names are put together as real issuing bodies are: place, district, body.
_PLACES: Final = ("泉州市", "洛阳市", "白山市", "吉林省", "福建省", "")
_DISTRICTS: Final = ("洛江区", "丰泽区", "鲤城区", "西工区", "江源区", "示例县", "")
_BODIES: Final = ("人民政府办公室", "人民政府", "教育局", "财政局", "卫生健康委员会", "生态环境局",
                  "海滨街道办事处", "洛北街道办事处", "市场监督管理局", "住房和城乡建设局")
_DOCUMENT_PREFIXES: Final = ("泉丰政办综", "洛政办", "江政办发", "鲤海办", "示政办")
_PUBLISHERS: Final = ("区人民政府办公室", "县人民政府办公室", "政务公开办公室")

# Sentences end with 。 so they read as prose, and name no label of the tables.
_OVERVIEW: Final = (
    "{year}年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政务公开工作。",
    "全年主动公开政府信息{n}条，其中政策文件{m}件。",
    "全年共受理政府信息公开申请{n}件，均在法定期限内答复。",
    "政府网站共发布信息{n}条，政务新媒体发布信息{m}条。",
    "组织政务公开业务培训{m}次，参训人员{n}人次。",
)
_INTROS: Final[dict[str, str]] = {
    "proactive": "本年度主动公开政府信息的数量见下表。",
    "requests": "本年度收到和处理政府信息公开申请的情况见下表。",
    "appeals": "本年度因政府信息公开被申请复议、提起诉讼的情况见下表。",
}
_PROBLEMS: Final = (
    "信息公开的形式还需进一步规范。",
    "政府信息公开工作队伍能力有待进一步提高。",
    "下一步将加强业务培训，不断提升政务公开质量。",
    "部分信息公开不够及时，内容不够全面。",
)
_OTHER_MATTERS: Final = ("无。", "本机关{year}年未收取信息处理费。", "本年度无其他需要报告的事项。")


def _counts(*tops: int) -> st.SearchStrategy[int]:
    """Zero half the time, else up to one of ``tops``: small counts often, large seldom."""
    return st.one_of(st.just(0), *(st.integers(0, top) for top in tops))


def _signed() -> st.SearchStrategy[int]:
    return st.one_of(st.just(0), st.integers(-9, 30), st.integers(-500, 500))


def _money() -> st.SearchStrategy[Decimal]:
    # Exact decimals with two places, or whole amounts as many copies print them.
    return st.one_of(st.integers(0, 10**9).map(lambda n: Decimal(n).scaleb(-2)),
                     st.integers(0, 10**6).map(Decimal))


def _cell(column: Column) -> st.SearchStrategy[int | Decimal]:
    if column.kind == "money":
        return _money()
    if column.kind == "signed":
        return _signed()
    return _counts(20, 60_000)


def _dates(year: int) -> st.SearchStrategy[datetime.date]:
    # Reports are signed and published early in the next year.
    return st.builds(datetime.date, st.just(year + 1), st.integers(1, 3), st.integers(1, 28))


@st.composite
def _meta(draw: st.DrawFn, template: TemplateId) -> Meta:
    organ = draw(st.builds("".join, st.tuples(*(st.sampled_from(x) for x in (_PLACES, _DISTRICTS,
                                                                               _BODIES)))))
    year = draw(st.integers(*YEARS[template]))
    signature_date = draw(st.none() | _dates(year))
    # The signature is the line above the date: without a date it is read as prose.
    signature = draw(st.sampled_from((organ, None))) if signature_date else None
    return Meta(
        title=f"{organ}{year}{draw(st.sampled_from(('年', '年度')))}{TITLE_WORDING}",
        organ=organ,
        year=year,
        template=template,
        document_number=draw(st.none() | st.builds(
            "{}〔{}〕{}号".format, st.sampled_from(_DOCUMENT_PREFIXES), st.just(year + 1),
            st.integers(1, 99))),
        index_number=draw(st.none() | st.builds(
            "{}-{:04d}-{}-{:05d}".format, st.sampled_from(("QZ02101", "11A0", "000014349")),
            st.integers(0, 9999), st.just(year + 1), st.integers(0, 99999))),
        publisher=draw(st.none() | st.sampled_from((*_PUBLISHERS, organ))),
        published=draw(st.none() | _dates(year)),
        signature=signature,
        signature_date=signature_date,
    )


@st.composite
def _sections(draw: st.DrawFn, year: int) -> tuple[Section, ...]:
    def sentence(templates: Sequence[str]) -> st.SearchStrategy[str]:
        return st.builds(lambda t, n, m: t.format(year=year, n=n, m=m), st.sampled_from(templates),
                         st.integers(0, 5000), st.integers(0, 50))

    paragraphs: dict[str, st.SearchStrategy[list[str]]] = {
        "overview": st.lists(sentence(_OVERVIEW), min_size=1, max_size=3),
        "problems": st.lists(sentence(_PROBLEMS), min_size=1, max_size=2),
        "other_matters": st.lists(sentence(_OTHER_MATTERS), min_size=1, max_size=1),
        **{key: st.lists(st.just(intro), max_size=1) for key, intro in _INTROS.items()},
    }
    numeral = {n: ch for ch, n in NUMERALS.items()}
    return tuple(Section(spec.key, f"{numeral[spec.number]}、{spec.heading}",
                         tuple(draw(paragraphs[spec.key])))
                 for spec in SECTIONS)


def _matrix_numbers(draw: st.DrawFn, template: Template) -> dict[str, list[int | None]]:
    """The matrix with every identity holding: outcome rows first, then the rest from them."""
    outcome_keys = [row.key for row in template.requests if row.outcome]
    applicants = len(APPLICANT_COLUMNS) - 1
    # Most requests come from natural persons; organisations seldom apply.
    column = [_counts(3, 40, 400)] + [_counts(2)] * (applicants - 1)
    rows: dict[str, list[int]] = {k: [draw(column[c]) for c in range(applicants)] for k in outcome_keys}
    total = [sum(rows[k][c] for k in outcome_keys) for c in range(applicants)]
    forward = [draw(_counts(3)) for _ in range(applicants)]
    over = [draw(st.integers(0, min(total[c] + forward[c], 20))) for c in range(applicants)]
    rows["total"] = total
    rows["carried_forward"] = forward
    rows["carried_over"] = over
    rows["new_received"] = [total[c] + forward[c] - over[c] for c in range(applicants)]
    return {row.key: [*rows[row.key], sum(rows[row.key])] for row in template.requests}


_Place = tuple[str, str, int]  # (table, row or group key, column index)


@st.composite
def _report(draw: st.DrawFn, template: TemplateId | None, consistent: bool) -> Report:
    template_id: TemplateId = template if template is not None else draw(st.sampled_from(tuple(TEMPLATES)))
    spec = TEMPLATES[template_id]
    meta = draw(_meta(template_id))
    assert meta.year is not None

    matrix = _matrix_numbers(draw, spec)
    appeals: dict[str, list[int | None]] = {}
    for key, _ in APPEAL_GROUPS:
        results: list[int | None] = [draw(_counts(2, 9)) for _ in APPEAL_COLUMNS[:-1]]
        appeals[key] = [*results, sum(v for v in results if v is not None)]
    items: dict[str, list[int | Decimal | None]] = {
        item.key: [draw(_cell(c)) for c in item.columns] for item in spec.proactive}
    tables: dict[str, dict[str, list[int | None]] | dict[str, list[int | Decimal | None]]] = {
        "requests": matrix, "appeals": appeals, "proactive": items}
    places: list[_Place] = [(t, k, c) for t, rows in tables.items() for k, row in rows.items()
                            for c in range(len(row))]

    if not consistent:
        # A few cells off by a little, as a typing slip would leave them (the clause tables
        # have no identities).
        checked = [p for p in places if p[0] != "proactive"]
        for table, key, c in draw(st.lists(st.sampled_from(checked), min_size=1, max_size=3,
                                           unique=True)):
            value = matrix[key][c] if table == "requests" else appeals[key][c]
            assert value is not None
            delta = draw(st.integers(1, 5)) * draw(st.sampled_from((1, -1)))
            (matrix if table == "requests" else appeals)[key][c] = (
                value + delta if value + delta >= 0 else value + abs(delta))

    # Blank cells: none mostly; else a few cells, or whole rows as some copies leave them.
    blanks = draw(st.sampled_from(("none", "none", "cells", "rows")))
    if blanks == "cells":
        for table, key, c in draw(st.lists(st.sampled_from(places), min_size=1, max_size=4,
                                           unique=True)):
            tables[table][key][c] = None
    elif blanks == "rows":
        for key in draw(st.lists(st.sampled_from(list(matrix)), min_size=1, max_size=3, unique=True)):
            matrix[key] = [None] * len(APPLICANT_COLUMNS)

    proactive = {}
    for item in spec.proactive:
        money = any(c.kind == "money" for c in item.columns)
        unit = draw(st.sampled_from((None, "万元", "元"))) if money else None
        proactive[item.key] = ClauseItem(
            item.key, dict(zip((c.key for c in item.columns), items[item.key], strict=True)), unit)

    return Report(
        meta=meta,
        sections=draw(_sections(meta.year)),
        proactive=proactive,
        requests=ApplicantMatrix({key: RequestRow(**_named(APPLICANT_COLUMNS, row))
                                  for key, row in matrix.items()}),
        appeals=Appeals(**{key: AppealGroup(**_named(APPEAL_COLUMNS, row)) for key, row in appeals.items()}),
    )


def _named(columns: Sequence[Column], values: Sequence[int | None]) -> dict[str, Any]:
    return dict(zip((c.key for c in columns), values, strict=True))


def reports(*, template: TemplateId | None = None, consistent: bool = True) -> st.SearchStrategy[Report]:
    """Whole reports of ``template`` ("2019", "2021", or None for either), as parsed ones look.

    Counts are mostly small with many zeros and now and then a large one; 本年增/减 is
    signed; money is a :class:`~decimal.Decimal` with two places or none, with a unit or
    none; some cells are blank (None), a few at a time or whole rows. The year suits the
    template, the six sections carry short paragraphs, and the metadata (文号, 索引号,
    发布机构, 发布日期, signature and date) is there or not.

    With ``consistent=True`` every identity :mod:`gkreport._validate` checks holds wherever
    its cells are not blank; with ``consistent=False`` one to three cells are off by a little,
    so some identities may fail.

    >>> from hypothesis import given, settings
    >>> from gkreport.strategies import reports
    >>> @settings(max_examples=5, database=None)
    ... @given(reports(template="2021"))
    ... def check(report):
    ...     assert report.meta.template == "2021" and report.meta.year >= 2021
    ...     granted = report.requests["granted"]
    ...     if None not in granted.cells:
    ...         assert granted.total == sum(granted.cells[:-1])
    >>> check()
    """
    if template is not None and template not in TEMPLATES:
        raise InvalidArgument(f"template={template!r}: expected None or one of {', '.join(TEMPLATES)}")
    if not isinstance(consistent, bool):
        raise InvalidArgument(f"consistent={consistent!r}: expected True or False")
    return _report(template, consistent)


def following(report: Report, *, consistent: bool = True) -> st.SearchStrategy[Report]:
    """The same body's report for the year after ``report``'s, as a careful body writes it:
    on the template of its year (2020 is followed by a 2021-template report), with last year's
    结转下年度继续办理 as its 上年结转 column by column (新收 made to balance), on two 2021
    templates the documents in force moved by those issued and repealed, and some of last
    year's paragraphs kept in each section. Where last year's cell is blank the new one is
    too. For fuzzing code that compares years (:mod:`gkreport.compare`).

    >>> import hypothesis.strategies as st
    >>> from hypothesis import given, settings
    >>> from gkreport.strategies import following, reports
    >>> @settings(max_examples=5, database=None)
    ... @given(reports(template="2021").flatmap(lambda r: st.tuples(st.just(r), following(r))))
    ... def check(pair):
    ...     old, new = pair
    ...     assert new.meta.year == old.meta.year + 1 and new.meta.organ == old.meta.organ
    ...     assert new.requests["carried_over"] == old.requests["carried_forward"]
    >>> check()
    """
    if not isinstance(report, Report) or report.meta.year is None:
        raise InvalidArgument(f"report={report!r}: expected a Report with a year")
    return _following(report, consistent)


@st.composite
def _following(draw: st.DrawFn, last: Report, consistent: bool) -> Report:
    assert last.meta.year is not None and last.meta.organ is not None
    year = last.meta.year + 1
    drawn = draw(_report(template_for(year), consistent))
    organ = last.meta.organ
    meta = attrs.evolve(
        drawn.meta, organ=organ, year=year, template=template_for(year),
        title=f"{organ}{year}年{TITLE_WORDING}",
        signature=organ if drawn.meta.signature else None,
        published=drawn.meta.published and drawn.meta.published.replace(year=year + 1),
        signature_date=drawn.meta.signature_date and drawn.meta.signature_date.replace(year=year + 1))
    sections = []
    for section in drawn.sections:
        before = last.section(section.key)
        kept = draw(st.sets(st.sampled_from(before.paragraphs))) if before and before.paragraphs else set()
        old = tuple(p for p in before.paragraphs if p in kept) if before else ()
        sections.append(attrs.evolve(section, paragraphs=old + section.paragraphs))
    proactive = dict(drawn.proactive)
    if last.meta.template == meta.template == "2021":
        for key in ("rules", "normative_documents"):
            proactive[key] = _moved_in_force(last.proactive[key], drawn.proactive[key])
    return attrs.evolve(drawn, meta=meta, sections=tuple(sections), proactive=proactive,
                        requests=_carried(last.requests, drawn.requests))


def _carried(last: ApplicantMatrix, drawn: ApplicantMatrix) -> ApplicantMatrix:
    """``drawn`` with last year's carried_forward as its carried_over, balanced by new_received
    (carried_forward made larger where new_received would go below 0)."""
    rows = {key: list(row.cells) for key, row in drawn.items()}
    forward = last["carried_forward"].cells if "carried_forward" in last else (None,) * len(APPLICANT_COLUMNS)
    for c in range(len(APPLICANT_COLUMNS) - 1):
        over = rows["carried_over"][c] = forward[c]
        new, total, ahead = rows["new_received"][c], rows["total"][c], rows["carried_forward"][c]
        if over is None or new is None or total is None or ahead is None:
            continue
        received = total + ahead - over
        rows["new_received"][c], rows["carried_forward"][c] = max(received, 0), ahead - min(received, 0)
    rows["carried_over"][-1] = forward[-1]
    for key in ("new_received", "carried_forward"):
        applicants = rows[key][:-1]
        if None not in applicants:
            rows[key][-1] = sum(v for v in applicants if v is not None)
    return ApplicantMatrix({key: RequestRow(**_named(APPLICANT_COLUMNS, row)) for key, row in rows.items()})


def _moved_in_force(last: ClauseItem, drawn: ClauseItem) -> ClauseItem:
    """``drawn`` with last year's in_force moved by its issued and repealed (repealed cut to
    what there was)."""
    before, issued, repealed = last["in_force"], drawn["issued"], drawn["repealed"]
    if before is None or issued is None or repealed is None:
        return ClauseItem(drawn.key, {**drawn, "in_force": None}, drawn.unit)
    repealed = min(repealed, before + issued)
    return ClauseItem(drawn.key, {**drawn, "repealed": repealed, "in_force": before + issued - repealed},
                      drawn.unit)


def layouts(*, glued: bool = False) -> st.SearchStrategy[Layout]:
    """One of the layouts of real copies, text or a web page, that read back cell for cell
    (:data:`gkreport.render.EXACT_LAYOUTS`); with ``glued=True``, also ``glued``, whose runs
    of digits read back exactly only where the template's arithmetic pins their split down
    (elsewhere the cells are None and a ``cells-ambiguous`` diagnostic names the splits).

    >>> from hypothesis import find
    >>> from gkreport.strategies import layouts
    >>> find(layouts(), lambda layout: layout.startswith("m"))
    'markdown'
    """
    if not isinstance(glued, bool):
        raise InvalidArgument(f"glued={glued!r}: expected True or False")
    return st.sampled_from(LAYOUTS if glued else EXACT_LAYOUTS)


# -- pictures ------------------------------------------------------------------------------


@attrs.frozen(eq=False, slots=False)
class Picture:
    """A report's picture, as :func:`gkreport.picture.draw` draws it (``parts`` of the page,
    ``width`` pixels wide), made to look scanned by :func:`gkreport.picture.degrade` given
    ``degradation`` as its keyword arguments (none: the clean picture).

    The image is drawn when first asked for: in the test, not while hypothesis generates
    examples (a picture takes a tenth of a second or more, which its health check counts).
    """

    report: Report
    parts: picture.Parts = "all"
    width: int = 1000
    degradation: dict[str, Any] = attrs.field(factory=dict)

    @functools.cached_property
    def image(self) -> Image.Image:
        image = picture.draw(self.report, width=self.width, parts=self.parts)
        return picture.degrade(image, **self.degradation) if self.degradation else image


def pictures(of: st.SearchStrategy[Report] | None = None, *, degraded: bool = True,
             parts: picture.Parts = "all", width: int = 1000) -> st.SearchStrategy[Picture]:
    """Reports drawn from ``of`` (:func:`reports` when None) as pictures, for testing OCR.

    With ``degraded=True`` each is made to look scanned, a little: blurred up to 1 pixel,
    noise up to 10 grey levels, skewed up to half a degree either way, scaled by 0.8 to 1,
    and saved as JPEG of quality 70 to 95, or not. ``parts="tables"`` draws only the tables,
    a smaller picture: OCR takes its time per piece of text. Drawing needs the ``ocr`` extra
    and a font with Chinese characters (:mod:`gkreport.picture`). A :class:`Picture` is drawn
    in the test, which then takes longer than hypothesis's deadline allows: lift it.

    >>> from hypothesis import given, settings
    >>> from gkreport.strategies import pictures
    >>> @settings(max_examples=2, database=None, deadline=None)
    ... @given(pictures(parts="tables"))
    ... def check(drawn):
    ...     assert drawn.image.width <= 1000 and drawn.image.height > 500
    >>> check()
    """
    if not isinstance(degraded, bool):
        raise InvalidArgument(f"degraded={degraded!r}: expected True or False")
    if parts not in ("all", "tables"):
        raise InvalidArgument(f"parts={parts!r}: expected 'all' or 'tables'")
    if width < 100:
        raise InvalidArgument(f"width={width!r}: expected 100 pixels or more")
    return _pictures(of if of is not None else reports(), degraded, parts, width)


@st.composite
def _pictures(draw: st.DrawFn, drawn_from: st.SearchStrategy[Report], degraded: bool, parts: picture.Parts,
              width: int) -> Picture:
    report = draw(drawn_from)
    degradation: dict[str, Any] = {}
    if degraded:
        degradation = draw(st.fixed_dictionaries({
            "blur": st.floats(0, 1), "noise": st.floats(0, 10), "skew": st.floats(-0.5, 0.5),
            "scale": st.floats(0.8, 1), "jpeg": st.none() | st.integers(70, 95),
            "seed": st.integers(0, 2**32 - 1)}))
    return Picture(report, parts, width, degradation)


# -- finding things in a rendered report ---------------------------------------------------

_NUMERAL_OF: Final = {n: ch for ch, n in NUMERALS.items()}
_VALUE: Final = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
_CJK: Final = re.compile(r"[\u4e00-\u9fff]")


def _tables(lines: Sequence[str]) -> range:
    """The lines from 二's heading to 五's: where the tables stand."""
    start, end = _heading_line(lines, "proactive"), _heading_line(lines, "problems")
    return range(start if start is not None else 0, end if end is not None else len(lines))


def _heading_line(lines: Sequence[str], key: str) -> int | None:
    """The line of the template's heading of section ``key``, however numbered (a report may
    number its sections anew), with a markdown ``#`` or a layout's lead before it: the last
    that names it (a narrative of the report's own before it may name it too, 三、主动公开工作情况)."""
    spec = next(s for s in SECTIONS if s.key == key)
    found = None
    for i, line in enumerate(lines):
        plain = line.strip().lstrip("#").strip()
        numbered = re.match(r"^[一二三四五六七八九十]+、", plain)
        if numbered and any(stem in plain for stem in spec.stems) and "。" not in plain:
            found = i
    return found


def _cells(line: str) -> list[str]:
    """The cells of a table line, however its layout cuts them: at pipes (with or without
    the outer ones; a lone pipe, or a crawler's padding after the last cell, is no cell),
    at tabs, or at spaces."""
    text = line.strip()
    if "|" in text:
        return [c.strip() for c in text.strip("|").split("|")]
    if "\t" in line:
        return [c.strip() for c in line.split("\t")]
    return text.split(" ")


def _is_pipes(line: str) -> bool:
    """A line of nothing but pipes (and spaces): a row's opener, an empty cell or padding;
    or a markdown table's rule line (|---|---|)."""
    return bool(line.strip()) and not line.strip(" |-:")


def _is_value(cell: str) -> bool:
    return bool(_VALUE.match(cell)) or cell == DASH


def _segments(word: str, words: Collection[str]) -> bool:
    """Can ``word`` be cut into ``words``?"""
    ends = {0}
    for i in range(1, len(word) + 1):
        if any(j in ends and word[j:i] in words for j in range(i)):
            ends.add(i)
    return len(word) in ends


def _header_cell(cell: str) -> bool:
    plain = re.sub(r"（.*）|\s", "", cell)
    return bool(plain) and _segments(plain, _HEADER_KEYS)


_HEADER_KEYS: Final = frozenset(printed(w) for w in HEADER_WORDS)


def _is_header_line(line: str) -> bool:
    cells = [c for c in _cells(line) if c and not set(c) <= {"-"}]
    return bool(cells) and all(_header_cell(c) for c in cells)


def _row_starts(lines: Sequence[str]) -> list[int]:
    """Lines in the tables that begin a body row: a row label after a row's values or after
    a header, never between the label cells of one row."""
    starts = []
    previous = "other"
    for i in _tables(lines):
        line = lines[i]
        if not line or _is_pipes(line):
            continue  # a gap; pipes (a row's opener, an empty cell, padding); a rule line
        cells = [c for c in _cells(line) if c]
        if not line.strip():
            kind = "value"  # a blank cell of the one-cell-per-line layouts
        elif _is_header_line(line):
            kind = "header"
        elif cells and _is_value(cells[0]):
            kind = "value"
        elif any(_is_value(c) for c in cells):
            kind = "row"
        else:
            kind = "label"
        if kind in ("row", "label") and previous in ("value", "row", "header"):
            # A lone pipe right before the label opens the row (one cell a line, closed by pipes).
            starts.append(i - 1 if lines[i - 1].strip() == "|" else i)
        previous = kind
    return starts


# -- the kinds of damage ---------------------------------------------------------------------

_TO_FULL: Final = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in "0123456789()+-,:./"})
_TO_HALF: Final = str.maketrans({"（": "(", "）": ")", "：": ":", "，": ","})
_ODD_SPACES: Final = ("\u00a0", "\u3000", "\u2002", "\u00a0\u00a0")


def full_width(text: str, rng: random.Random) -> str:
    """Digits and punctuation full-width on some lines (３, （, ：), half-width on others."""
    return "\n".join(line.translate(rng.choice((_TO_FULL, _TO_HALF))) if rng.random() < 0.5 else line
                     for line in text.split("\n"))


def odd_spaces(text: str, rng: random.Random) -> str:
    """NBSP and ideographic spaces padding cells and lines, or between run-together cells."""
    def pad(cell: str) -> str:
        if not cell.strip() or rng.random() < 0.5:
            return cell
        space = rng.choice(_ODD_SPACES)
        return space + cell if rng.random() < 0.5 else cell + space

    out = []
    for line in text.split("\n"):
        if line and rng.random() < 0.5:
            if "|" in line:
                line = "|".join(pad(c) for c in line.split("|"))
            elif "\t" in line:
                line = "\t".join(pad(c) for c in line.split("\t"))
            elif line.strip() and " " in line.strip():
                line = re.sub(" ", lambda _: rng.choice((" ", *_ODD_SPACES)), line)
            else:
                line = pad(line) if line.strip() else line
        out.append(line)
    return "\n".join(out)


#: Words short enough that copies space them out; only ever a whole cell.
_SPACEABLE: Final = frozenset(
    w for w in (*(printed(h) for h in HEADER_WORDS), *PROACTIVE_LABELS, *(g for _, g in APPEAL_GROUPS))
    if 2 <= len(w) <= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", w))


def spaced_labels(text: str, rng: random.Random) -> str:
    """Short header words and labels spaced out, one space between characters: 结 果 维 持."""
    lines = text.split("\n")
    for i in _tables(lines):
        line = lines[i]
        separator = "|" if "|" in line else "\t" if "\t" in line else " "
        parts = line.split(separator)
        for j, part in enumerate(parts):
            if part.strip() in _SPACEABLE and rng.random() < 0.5:
                parts[j] = part.replace(part.strip(), " ".join(part.strip()))
        lines[i] = separator.join(parts)
    return "\n".join(lines)


def _labels(template: Template | None = None) -> Iterator[tuple[str, str]]:
    """(table, label) of every row, group and item label, as template.py stores them."""
    for spec in (template,) if template else TEMPLATES.values():
        for row in spec.requests:
            yield "requests", row.label
        for key, label in spec.groups:
            if key != "outcomes":
                yield "requests", label
    for label in PROACTIVE_LABELS:
        yield "proactive", label


@attrs.frozen
class _Spot:
    """Where a row label stands in a rendered report."""

    line: int
    label: str  # as template.py stores it; printed() prints it with as many characters
    table: str
    #: In one cell with the group label before it ((三)不予公开 1.属于国家秘密), as pipe
    #: tables and run-together rows print the merged label columns.
    glued: bool


def _spots(lines: Sequence[str], minimum: int) -> list[_Spot]:
    """The row, group and item labels in the tables, at least ``minimum`` long, one a line."""
    labels = sorted({(label, table) for table, label in _labels() if len(label) >= minimum},
                    key=lambda x: len(x[0]), reverse=True)
    groups = [printed(REQUEST_NUMBERS[key] + label)
              for spec in TEMPLATES.values() for key, label in spec.groups]
    found = []
    for i in _tables(lines):
        if _is_header_line(lines[i]):
            continue
        for label, table in labels:
            at = lines[i].find(printed(label))
            if at >= 0:
                cell = re.split(r"[\t|]", lines[i][:at])[-1]
                found.append(_Spot(i, label, table, any(g in cell for g in groups)))
                break
    return found


def _short(label: str) -> str:
    """A label without its closing parenthetical, as the parser also knows it."""
    return re.sub(r"\([^()]*\)$", "", label)


def _tells(label: str, table: str, k: int) -> bool:
    """Do the first ``k`` characters of ``label`` tell it from every other label of its table
    (four characters at least, the start of no other label)?"""
    start = label[:k].replace('"', "")
    return len(start) >= 4 and not any(
        form.replace('"', "").startswith(start)
        for other_table, other in _labels() if other_table == table and other != label
        for form in (other, _short(other)))


def _split(text: str, rng: random.Random, glued: bool,
           where: Callable[[_Spot], list[int]]) -> str:
    """A label wrapped over two lines at one of ``where``'s places, its values beside the first
    part or the second."""
    lines = text.split("\n")
    # Both parts hold a character of the label, not only its punctuation.
    spots = [(spot, ks) for spot in _spots(lines, 5) if spot.glued == glued
             for ks in [[k for k in where(spot) if _CJK.search(spot.label[:k])
                         and _CJK.search(spot.label[k:])]] if ks]
    if not spots:
        return text
    spot, ks = rng.choice(spots)
    k = rng.choice(ks)
    shown = printed(spot.label)
    line = lines[spot.line]
    at = line.index(shown)
    before, after = line[:at], line[at + len(shown):]
    lead = re.match(r"[ \t]*", line)
    indent = lead.group(0) if lead else ""
    values_first = rng.random() < 0.5
    if line.lstrip().startswith("|"):
        first = before + shown[:k] + (after if values_first else " |")
        second = "| " + shown[k:] + (" |" if values_first else after)
    else:
        first = before + shown[:k] + (after if values_first else "")
        second = indent + shown[k:] + ("" if values_first else after)
    lines[spot.line:spot.line + 1] = [first, second]
    return "\n".join(lines)


def _before_parenthetical(spot: _Spot) -> int:
    return len(_short(spot.label))


def split_label(text: str, rng: random.Random) -> str:
    """A long row label wrapped over two lines where its first part already tells it
    (4. 保护第三方合 / 法权益), values beside either part."""
    return _split(text, rng, False, lambda s: [k for k in range(4, _before_parenthetical(s))
                                              if _tells(s.label, s.table, k)])


def split_label_glued(text: str, rng: random.Random) -> str:
    """As :func:`split_label`, for a label in one cell with its group label ((四)无法提供
    1.本机关不掌握相 / 关政府信息)."""
    return _split(text, rng, True, lambda s: [k for k in range(4, _before_parenthetical(s))
                                             if _tells(s.label, s.table, k)])


def split_label_early(text: str, rng: random.Random) -> str:
    """A row label wrapped where its first part does not yet tell it: shorter than four
    characters, or the start of another label too (行政事 / 业性收费, 7.属于行政 / 执法案卷)."""
    return _split(text, rng, False, lambda s: [k for k in range(2, _before_parenthetical(s))
                                              if not _tells(s.label, s.table, k)])


def split_parenthetical(text: str, rng: random.Random) -> str:
    """A label wrapped inside its parenthetical ((二)部分公开(区分处理的,只计 / 这一情形,…))."""
    return _split(text, rng, False, lambda s: list(range(_before_parenthetical(s), len(s.label))))


_TYPO_CHARS: Final = "甲乙丙丁戊己庚辛壬癸"


def _typo(label: str, table: str, rng: random.Random) -> str | None:
    """``label`` with one character changed, dropped or doubled, nearer to ``label`` than to
    any other label of its table, and the start of none, its own included (else it is no
    typo, but another label or a label cut short: 危及"三安全一稳")."""
    outside = [i for i, ch in enumerate(label)
               if _CJK.match(ch) and label.rfind("(", 0, i) <= label.rfind(")", 0, i)]
    i = rng.choice(outside)
    edit = rng.choice(("change", "drop", "double"))
    if edit == "change":
        typo = label[:i] + rng.choice(_TYPO_CHARS) + label[i + 1:]
    elif edit == "drop" and i < len(label) - 1:
        typo = label[:i] + label[i + 1:]
    else:
        typo = label[:i] + label[i] + label[i:]
    key = typo.replace('"', "")
    if len(key) < 4 or _segments(key, HEADER_WORDS):
        return None
    for other_table, other in _labels():
        if other_table != table:
            continue
        for form in {other, _short(other)}:
            form = form.replace('"', "")
            if form.startswith(key) or (other != label and edit_distance(key, form, 1) < 2):
                return None
    return typo


def _typos(text: str, rng: random.Random, glued: bool) -> str:
    lines = text.split("\n")
    spots = [spot for spot in _spots(lines, 4) if spot.glued == glued]
    rng.shuffle(spots)
    for spot in spots:
        typo = _typo(spot.label, spot.table, rng)
        if typo is not None:
            lines[spot.line] = lines[spot.line].replace(printed(spot.label), printed(typo), 1)
            return "\n".join(lines)
    return text


def label_typo(text: str, rng: random.Random) -> str:
    """One character of a row, group or item label changed, dropped or doubled
    (保护第三方法合法权益)."""
    return _typos(text, rng, glued=False)


def label_typo_glued(text: str, rng: random.Random) -> str:
    """As :func:`label_typo`, for a label in one cell with its group label
    (三、本年度办理结果 (一)予以公井)."""
    return _typos(text, rng, glued=True)


def _outcome_labels(text: str) -> list[str]:
    # The groups of numbered rows in both templates ((六)其他处理 is a row in 2019's).
    shared = [(key, label) for key, label in TEMPLATES["2019"].groups
              if (key, label) in TEMPLATES["2021"].groups and key != "outcomes"]
    return [g for g in (printed(REQUEST_NUMBERS[key] + label) for key, label in shared) if g in text]


def scrambled_group(text: str, rng: random.Random) -> str:
    """An outcome group label out of place: before a row of another group, or standing
    where 三、本年度办理结果 should (as merged cells come apart in a copy)."""
    groups = _outcome_labels(text)
    outcomes = printed(REQUEST_NUMBERS["outcomes"] + dict(TEMPLATES["2019"].groups)["outcomes"])
    if len(groups) < 2 or outcomes not in text:
        return text
    if rng.random() < 0.5:
        return text.replace(outcomes, rng.choice(groups), 1)
    a, b = rng.sample(groups, 2)
    return text.replace(a, "\0").replace(b, a).replace("\0", b)


def shuffled_header(text: str, rng: random.Random) -> str:
    """The lines of a table's header in another order."""
    lines = text.split("\n")
    runs: list[list[int]] = [[]]
    for i in _tables(lines):
        if _is_header_line(lines[i]):
            runs[-1].append(i)
        elif lines[i] and not set(lines[i].strip("| ")) <= {"-", "|"}:
            runs.append([])
    for run in runs:
        order = [lines[i] for i in run]
        rng.shuffle(order)
        for i, line in zip(run, order, strict=True):
            lines[i] = line
    return "\n".join(lines)


def _insert(text: str, rng: random.Random, make: Callable[[random.Random], str]) -> str:
    lines = text.split("\n")
    starts = _row_starts(lines)
    for i in sorted(rng.sample(starts, min(len(starts), rng.randint(1, 3))), reverse=True):
        lines.insert(i, make(rng))
    return "\n".join(lines)


_PAGE_BREAKS: Final = ("第 {n} 页", "— {n} —", "- {n} -", "第{n}页 共{m}页")


def page_breaks(text: str, rng: random.Random) -> str:
    """Page-number lines between table rows, as a copy of a printed page keeps them."""
    def line(r: random.Random) -> str:
        n = r.randint(2, 9)
        return r.choice(_PAGE_BREAKS).format(n=n, m=n + r.randint(0, 5))

    return _insert(text, rng, line)


_NOTES: Final = ("注：本表统计时限为当年1月1日至12月31日。", "（续上表）",
                 "数据来源：本机关政务公开办公室统计。")


def extra_prose(text: str, rng: random.Random) -> str:
    """A note or a 续表 mark between table rows."""
    return _insert(text, rng, lambda r: r.choice(_NOTES))


def site_header(text: str, rng: random.Random) -> str:
    """The site's metadata block restyled (• 索 引 号:…, another label for the same field)
    with a breadcrumb above and the publication time under the title."""
    synonyms: dict[str, list[str]] = {}
    for label, key in META_FIELDS.items():
        synonyms.setdefault(key, []).append(label)
    first = {labels[0]: labels for labels in synonyms.values()}
    lines = text.split("\n")
    title = next((i for i, line in enumerate(lines) if TITLE_WORDING in line), None)
    if title is None:
        return text
    for i in range(title):
        label, sep, value = lines[i].strip().partition("：")
        if sep and label in first:
            label = rng.choice(first[label])
            if rng.random() < 0.5:
                label = " ".join(label)
            lines[i] = rng.choice(("• ", "    • ", "")) + label + rng.choice(("：", ":")) + value
    lines.insert(title + 1, f"时间：{rng.randint(2020, 2025)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)} "
                            f"1{rng.randint(0, 9)}:{rng.randint(10, 59)}")
    lines.insert(0, "首页 > 政务公开 > 政府信息公开年报")
    return "\n".join(lines)


def web_furniture(text: str, rng: random.Random) -> str:
    """The web page's furniture after the report (附件下载, 扫一扫在手机上查看当前页面)."""
    tail = rng.sample(FURNITURE, rng.randint(1, 4))
    return text.rstrip("\n") + "\n\n" + rng.choice(("（此件主动公开）\n", "")) + "\n".join(tail) + "\n"


_BULLETS: Final = ("• ", "· ", "● ", "- ", "* ")


def markers(text: str, rng: random.Random) -> str:
    """Markdown ``#`` before the title and the section headings, bullets before metadata and
    paragraphs."""
    lines = text.split("\n")
    tables = _tables(lines)
    for i, line in enumerate(lines):
        plain = line.strip()
        if not plain or plain.startswith(("#", "|", *_BULLETS)) or rng.random() < 0.5:
            continue  # one marker a line
        if TITLE_WORDING in plain and not plain.endswith("。"):
            lines[i] = "# " + plain
        elif any(plain.startswith(f"{_NUMERAL_OF[s.number]}、{s.heading}") for s in SECTIONS):
            lines[i] = "#" * rng.randint(2, 4) + " " + plain
        elif plain.endswith("。") or ("：" in plain and i not in tables):
            lines[i] = rng.choice(_BULLETS) + plain
    return "\n".join(lines)


def padding(text: str, rng: random.Random) -> str:
    """Empty cells after a row's labels and at its end, where the copy kept merged cells
    (一、本年新收…→→0→…→0→). Only rows whose first and last cells are filled: beside a
    blank one the padding could as well be the blank, and no reader could tell."""
    lines = text.split("\n")
    for i in _tables(lines):
        cells = lines[i].split("\t")
        labels = [j for j, c in enumerate(cells) if c.strip() and not _is_value(c.strip())]
        if not labels or _is_header_line(lines[i]) or rng.random() < 0.5:
            continue
        last = max(labels)
        values = cells[last + 1:]
        if values and _is_value(values[0].strip()) and _is_value(values[-1].strip()):
            lines[i] = "\t".join([*cells[:last + 1], "", *values, ""])
    return "\n".join(lines)


def crlf(text: str, rng: random.Random) -> str:
    """Windows line ends."""
    return text.replace("\n", "\r\n")


# -- the kinds of damage of crawled pages and of text taken from PDFs ----------------------


def _title_line(lines: Sequence[str]) -> int | None:
    return next((i for i, line in enumerate(lines) if TITLE_WORDING in line and "。" not in line), None)


def outer_pipes(text: str, rng: random.Random) -> str:
    """A pipe before each table row too, as some crawlers print them (| 规章 | 2 | 0 | 2 |)."""
    lines = text.split("\n")
    for i in _tables(lines):
        if "|" in lines[i] and not _is_pipes(lines[i]):
            lines[i] = "| " + lines[i]
    return "\n".join(lines)


def traditional(text: str, rng: random.Random) -> str:
    """The whole copy in traditional characters, as mirror sites convert it (OpenCC
    ``s2twp``, phrases too: 规范性文件 → 規範性檔案, 信息 → 資訊)."""
    converted: str = _to_traditional().convert(text)
    return converted


@functools.cache
def _to_traditional() -> Any:
    import opencc  # a dependency of gkreport's, loaded when first used

    return opencc.OpenCC("s2twp")


def truncated(text: str, rng: random.Random) -> str:
    """The copy cut short at a random point after its title, mid-line or not (a crawler's
    excerpt, a page cut off); never inside 六's heading, which is there whole or not at all,
    nor inside a number: 6 of 653.75 is a whole number to any reader."""
    lines = text.split("\n")
    title = _title_line(lines)
    if title is None:
        return text
    start = sum(len(line) + 1 for line in lines[:title + 1])
    cut = rng.randint(start, len(text) - 1)
    while 0 < cut < len(text) and _IN_NUMBER.match(text, cut - 1):
        cut -= 1
    last = _heading_line(lines, "other_matters")
    if last is not None:
        begin = sum(len(line) + 1 for line in lines[:last])
        if begin < cut < begin + len(lines[last]):
            cut = begin if rng.random() < 0.5 else begin + len(lines[last])
    return text[:cut]


#: Two characters of one number (the digits, its point, a sign before it).
_IN_NUMBER: Final = re.compile(r"[+\-\d.]\d|\d[.\d]")


_NUMBER_IN_LINE: Final = re.compile(r"[+-]?\d+(?:\.\d+)?")


def _apart(line: str) -> tuple[str, str] | None:
    """A matrix row's line cut into its labels and its numbers, if it has a label and seven
    numbers (no blank: a blank would leave the numbers short of a row)."""
    numbers = list(_NUMBER_IN_LINE.finditer(line))
    if len(numbers) < len(APPLICANT_COLUMNS):
        return None
    first = numbers[-len(APPLICANT_COLUMNS)].start()
    label, rest = line[:first], line[first:]
    cells = [c for c in _cells(rest) if c]
    if not _CJK.search(label) or len(cells) != len(APPLICANT_COLUMNS) or not all(map(_VALUE.match, cells)):
        return None
    if "|" not in rest:
        return label.rstrip(), rest.strip()
    # A row of numbers apart is a PDF's: no crawler's padding after it.
    numbers_line = ("| " if line.lstrip().startswith("|") else "") + rest.strip().rstrip(" |") + " |"
    return label.rstrip(" |") + " |", numbers_line


def pdf_interleaved(text: str, rng: random.Random) -> str:
    """Labels and numbers printed apart, as text taken from a PDF keeps them (full/203):
    some matrix rows a line of labels alone, their numbers a row of their own after the next
    row or before their labels. A row apart stands between rows printed whole, so its
    numbers follow a row that has all its cells and keep their reading order."""
    lines = text.split("\n")
    start, end = _heading_line(lines, "requests"), _heading_line(lines, "appeals")
    if start is None or end is None:
        return text
    rows = {i for i in range(start + 1, end) if _apart(lines[i]) is not None}
    chosen: list[int] = []
    for i in sorted(rows):
        if i + 1 in rows and (not chosen or chosen[-1] < i - 1) and rng.random() < 0.3:
            chosen.append(i)
    labels: list[str] = []
    for i in reversed(chosen):
        apart = _apart(lines[i])
        assert apart is not None
        label, numbers = apart
        labels.append(label)
        before = i - 1 in rows and rng.random() < 0.5
        lines[i:i + 2] = [numbers, label, lines[i + 1]] if before else [label, lines[i + 1], numbers]
    if len(labels) > 1 and rng.random() < 0.25:
        # Two labels swapped (a PDF's text blocks out of order): the rows' order is no longer
        # certain, and the rows it decides are None (placing-ambiguous), never swapped.
        first, second = (lines.index(label) for label in labels[-2:])
        lines[first], lines[second] = lines[second], lines[first]
    return "\n".join(lines)


def _appeals_table(lines: Sequence[str]) -> tuple[int, int, list[str]] | None:
    """Where 四's table stands (its first line and the line after its last) and the cells of
    its row of values, as printed ("" for an empty cell), in any layout but ``glued``."""
    heading, after = _heading_line(lines, "appeals"), _heading_line(lines, "problems")
    if heading is None or after is None:
        return None
    review = APPEAL_GROUPS[0][1]
    start = next((i for i in range(heading + 1, after) if review in _cells(lines[i])), None)
    if start is None:
        return None
    end = max(i for i in range(start, after) if lines[i]) + 1  # a line of spaces is a cell
    header = max(i for i in range(start, end) if APPEAL_COLUMNS[-1].label in _cells(lines[i]))
    rest = [line for line in lines[header + 1:end] if line]
    if lines[start - 1].strip() == "|":
        start -= 1  # the header row's opener
    if len(rest) == 1:
        return start, end, _cells(rest[0])
    if any(line.rstrip().endswith("|") and not _is_pipes(line) for line in rest):
        # One cell a line, each closed by a pipe, the row opened by one: a lone pipe is empty.
        return start, end, ["" if _is_pipes(line) else line.strip()[:-1].strip() for line in rest[1:]]
    # One cell a line; a line of spaces is an empty cell, a line of one pipe none.
    return start, end, [line.strip() for line in rest if line.strip() != "|"]


def appeals_split(text: str, rng: random.Random) -> str:
    """四's table printed as three, one for each group under a heading of its own (### 行政复议,
    ### 行政诉讼(复议后起诉)), each with the five columns' header, as a PDF's tables come apart
    in markdown."""
    lines = text.split("\n")
    found = _appeals_table(lines)
    width = len(APPEAL_COLUMNS)
    if found is None or len(found[2]) != width * len(APPEAL_GROUPS):
        return text
    start, end, values = found
    tables: list[str] = []
    for g, (_, label) in enumerate(APPEAL_GROUPS):
        heading = label if g == 0 else printed(f"{LITIGATION_HEADING}({label})")
        group = [v if v and v not in EMPTY_MARKS else "" for v in values[g * width:(g + 1) * width]]
        group[0] = group[0] or DASH  # an empty cell leading a row is layout, and would be lost
        tables += [f"### {heading}", "| " + " | ".join(c.label for c in APPEAL_COLUMNS) + " |",
                   "|" + "---|" * width, "| " + " | ".join(group) + " |", ""]
    lines[start:end] = tables[:-1]
    return "\n".join(lines)


#: A header row of the matrix as pages print it again (a table in parts, a page's header):
#: the applicant columns, or the columns of a matrix drawn the other way round.
_HEADERS_AGAIN: Final = (
    tuple(c.label for c in APPLICANT_COLUMNS),
    ("项目", "本年新收件数", "上年结转件数", "予以公开", "部分公开", "不予公开", "结转下年度", "总计"),
)


def header_again(text: str, rng: random.Random) -> str:
    """The matrix's header row printed again among its rows, once or twice (| 项目 |
    本年新收件数 | … | 总计 |), as a page break or a table printed in parts leaves it."""
    lines = text.split("\n")
    start, end = _heading_line(lines, "requests"), _heading_line(lines, "appeals")
    if start is None or end is None:
        return text
    # Not before the first row: there it is the table's own header.
    header = next((i for i in range(start, end) if _is_header_line(lines[i])), end)
    starts = [i for i in _row_starts(lines) if header < i < end][1:]
    for i in sorted(rng.sample(starts, min(len(starts), rng.randint(1, 2))), reverse=True):
        cells = rng.choice(_HEADERS_AGAIN)
        lines.insert(i, "\t".join(cells) if rng.random() < 0.3 else "| " + " | ".join(cells) + " |")
    return "\n".join(lines)


#: Headings of a report's own narrative, as reports that tell their year's work first number
#: them (full/203), and a sentence under each.
_NARRATIVE: Final = (("工作机制保障", "本机关设立政务公开工作协调小组，统筹推进政务公开工作。"),
                     ("主动公开工作情况", "本机关通过部门网站发布政府信息，及时更新公开目录。"),
                     ("政府信息公开申请情况", "所有申请均已按要求在法定期限内办理完成。"),
                     ("政府信息管理", "及时发布政府信息公开指南，加强公文公开属性审查。"),
                     ("政府信息公开平台建设", "加强政务新媒体建设，做好政策集中发布工作。"))


def renumbered(text: str, rng: random.Random) -> str:
    """A narrative of the report's own after 一, its headings numbered on from 二
    (二、工作机制保障 …), and then the template's sections numbered anew from 一
    (一、主动公开政府信息情况, 二、收到和处理政府信息公开申请情况 …)."""
    lines = text.split("\n")
    at = [_heading_line(lines, spec.key) for spec in SECTIONS[1:]]
    if any(i is None for i in at):
        return text
    first = at[0]
    assert first is not None
    plain = lines[first].strip().lstrip("#").strip()
    lead = lines[first][:lines[first].index(plain)]  # a markdown # or the layout's indent
    indent = "" if "#" in lead else lead
    gap = [""] if first + 1 < len(lines) and not lines[first + 1] else []
    narrative = [line for n, (heading, sentence) in enumerate(_NARRATIVE[:rng.randint(1, len(_NARRATIVE))], 2)
                 for line in (f"{lead}{_NUMERAL_OF[n]}、{heading}", *gap, indent + sentence, *gap)]
    for n, i in enumerate(at, 1):
        assert i is not None
        lines[i] = re.sub(r"[一二三四五六七八九十]+、", f"{_NUMERAL_OF[n]}、", lines[i], count=1)
    lines[first:first] = narrative
    return "\n".join(lines)


def title_variants(text: str, rng: random.Random) -> str:
    """The title as copies print it otherwise: wrapped over two lines (…2020年度 /
    政府信息公开工作年度报告); starting with the year (2020年示例县财政局…); the body on a
    line of its own above a title without it; or no title, a sentence naming the report
    instead (现将示例县财政局2020年度政府信息公开工作报告如下)."""
    lines = text.split("\n")
    at = _title_line(lines)
    if at is None:
        return text
    m = re.fullmatch(r"(?P<lead>[#\s]*)(?P<organ>.+?)(?P<year>\d{4}年度?)(?P<rest>" + TITLE_WORDING + ")",
                     lines[at])
    if m is None:
        return text
    lead, organ, year, rest = m["lead"], m["organ"], m["year"], m["rest"]
    choice = rng.randrange(4)
    indent = "" if "#" in lead else lead
    if choice == 0:
        new = [lead + organ + year, indent + rest]
    elif choice == 1:
        new = [lead + year + organ + rest]
    elif choice == 2:
        new = [lead + organ, lead + year + rest]
    else:
        year = year if year.endswith("度") else year + "度"
        new = [indent + rng.choice(_NAMING).format(organ=organ, year=year)]
    lines[at:at + 1] = new
    return "\n".join(lines)


_NAMING: Final = ("现将{organ}{year}政府信息公开工作报告如下",
                  "根据《中华人民共和国政府信息公开条例》要求，现将{organ}{year}政府信息公开工作报告如下。",
                  "现将{organ}{year}政府信息公开工作年度报告公布如下：")


#: A page's metadata table in pipes (索引号: | … | 分类: | |): the labels each field goes
#: by, and fields of the page that are none of the report's.
_PIPE_FIELDS: Final = {key: tuple(label for label, k in META_FIELDS.items() if k == key)
                       for key in dict.fromkeys(META_FIELDS.values())}
_OTHER_FIELDS: Final = ("分类", "主题分类", "有效性")


def metadata_pipes(text: str, rng: random.Random) -> str:
    """The site's metadata block as a table in pipes above the title, two fields a row, a
    blank field an empty cell (索引号: | 4311030021/2024-00433 | 分类: | |, 发文机关: | … |
    发文日期: | |); blank fields are printed or left out."""
    lines = text.split("\n")
    title = _title_line(lines)
    if title is None:
        return text
    values: dict[str, str] = {}
    block = []
    for i in range(title):
        label, sep, value = lines[i].strip().lstrip("-• ").partition("：")
        if sep and label in META_FIELDS:
            values[META_FIELDS[label]] = value.strip()
            block.append(i)
    cells: list[str] = []
    for key, labels in _PIPE_FIELDS.items():
        if key in values or rng.random() < 0.5:
            cells += [rng.choice(labels) + rng.choice((":", " :")), values.get(key, "")]
        if rng.random() < 0.3:
            cells += [rng.choice(_OTHER_FIELDS) + ":", ""]
    rows = [cells[k:k + 4] for k in range(0, len(cells), 4)]
    table = [" ".join(f"{cell} |" if cell else "|" for cell in row) for row in rows]
    for i in reversed(block):
        del lines[i]
    at = title - len(block)
    lines[at:at] = table
    return "\n".join(lines)


#: The text layouts whose cells read back exactly: where damage applies unless said otherwise.
_EXACT_TEXT: Final[frozenset[Layout]] = frozenset(TEXT_LAYOUTS) & frozenset(EXACT_LAYOUTS)


#: What a kind of damage may take from a copy that no reader can give back (:attr:`Noise.loses`).
LOSSES: Final = frozenset({"cells", "title", "prose", "sections"})


@attrs.frozen
class Noise:
    """A kind of damage: its name, what does it, the repair diagnostics the parser owes for it
    (beyond those of the layout, :data:`LAYOUT_REPAIRS`), and the layouts it applies to.

    Damage is what copying does to text: it applies to the text layouts
    (:data:`gkreport.render.TEXT_LAYOUTS`), never to an ``html`` page.

    Most damage the parser undoes: the report reads back exactly. Some takes what no reader
    can give back, and says in ``loses`` what (one of :data:`LOSSES`): ``cells``, a table
    cell or meta field may read None, never another value; ``title``, the title as printed
    (its body and year still read back); ``prose``, the paragraphs' wording (cut, or converted
    beyond return); ``sections``, the sections after a point (those read are the report's
    first ones). ``may_repair`` names the repairs the parser may owe besides, as the damage
    falls; ``not_with``, the kinds it is never combined with.
    """

    name: str
    damage: Callable[[str, random.Random], str]
    repairs: frozenset[str] = frozenset()
    layouts: frozenset[Layout] = _EXACT_TEXT
    loses: frozenset[str] = frozenset()
    may_repair: frozenset[str] = frozenset()
    #: Kinds done before it that it is never done after: together they make a copy that no
    #: reader can read.
    not_with: frozenset[str] = frozenset()


#: Layouts where a group label and the row label after it share a cell, and where they do not.
_GLUED: Final[frozenset[Layout]] = frozenset({"markdown", "run-together"})
_OWN_CELLS: Final[frozenset[Layout]] = _EXACT_TEXT - _GLUED
#: Damage that leaves the tables' lines alone also applies to ``glued`` copies.
_ANY: Final[frozenset[Layout]] = frozenset(TEXT_LAYOUTS)
#: Layouts that print a matrix row on a line, its cells cut by tabs or pipes: a row's numbers
#: can stand apart from its labels as a line of their own. Not the one-cell-a-line layouts
#: (no line of numbers to print apart), nor ``run-together``: the parser takes a bare row of
#: numbers only where tabs or pipes cut it (numbers told apart by spaces may be a run), so
#: there the numbers join the row before, which is left None (cells-extra).
_ROW_LINES: Final[frozenset[Layout]] = frozenset({"tabs", "markdown", "pipes"})

#: What the parser may say of the line a copy is cut in: a row short of cells or with a label
#: cut short (its first part may be read, or be a typo of another's), a number that no row takes.
_CUT: Final = frozenset({"cells-missing", "value-recovered", "cells-extra", "label-joined", "label-fuzzy",
                         "row-merged", "value-unassigned", "row-unknown"})

#: Every kind of damage, in the order they are applied: the page around the report and its
#: parts first, then rows and lines, then the characters within them; a cut last but one.
NOISE: Final[dict[str, Noise]] = {n.name: n for n in (
    Noise("outer-pipes", outer_pipes, layouts=frozenset({"pipes"})),
    Noise("metadata-pipes", metadata_pipes, layouts=_ANY),
    Noise("site-header", site_header, layouts=_ANY),
    Noise("web-furniture", web_furniture, layouts=_ANY),
    Noise("title-variants", title_variants, layouts=_ANY, loses=frozenset({"title"})),
    Noise("renumbered", renumbered, layouts=_ANY),
    Noise("markers", markers, layouts=_ANY),
    Noise("padding", padding, layouts=frozenset({"tabs"})),
    Noise("appeals-split", appeals_split),
    Noise("header-again", header_again, frozenset({"header-repeated"})),
    Noise("pdf-interleaved", pdf_interleaved, layouts=_ROW_LINES, loses=frozenset({"cells"}),
          may_repair=frozenset({"row-by-order", "value-unassigned", "placing-ambiguous"})),
    Noise("page-breaks", page_breaks),
    Noise("extra-prose", extra_prose),
    Noise("shuffled-header", shuffled_header),
    Noise("scrambled-group", scrambled_group, frozenset({"header-scrambled"}), _OWN_CELLS),
    Noise("scrambled-group-glued", scrambled_group, frozenset({"header-scrambled"}), _GLUED),
    Noise("label-typo", label_typo, frozenset({"label-fuzzy"})),
    Noise("label-typo-glued", label_typo_glued, frozenset({"label-fuzzy"}), _GLUED),
    Noise("split-label", split_label, frozenset({"label-joined"})),
    Noise("split-label-glued", split_label_glued, frozenset({"label-joined"}), _GLUED),
    Noise("split-label-early", split_label_early, frozenset({"label-joined"})),
    Noise("split-parenthetical", split_parenthetical, frozenset({"label-joined"})),
    Noise("spaced-labels", spaced_labels),
    Noise("odd-spaces", odd_spaces, layouts=_ANY),
    Noise("full-width", full_width, layouts=_ANY),
    Noise("traditional", traditional, frozenset({"script-converted"}), _ANY, loses=frozenset({"prose"})),
    # Not glued nor run-together: a row cut short there is a row whose spaces were lost, and
    # the arithmetic may split its numbers to fill it (12 0 0 0 0 3 as 1 2 0 0 0 0 3). Not
    # after padding: a padded row cut short leads with an empty cell, which is then a blank
    # (行政许可→→1000→0 reads 1000 as the second cell).
    Noise("truncated", truncated, loses=frozenset({"cells", "prose", "sections"}), may_repair=_CUT,
          layouts=_EXACT_TEXT - {"run-together"}, not_with=frozenset({"padding"})),
    Noise("crlf", crlf, layouts=_ANY),
)}

#: Repairs a layout itself asks of the parser: cells run together need splitting. A
#: ``glued`` copy may owe more, as its numbers decide: ``cells-solved`` where the arithmetic
#: chose a row's split, ``cells-ambiguous`` where it could not.
LAYOUT_REPAIRS: Final[dict[Layout, frozenset[str]]] = {
    layout: frozenset({"cells-glued"}) if layout in ("run-together", "glued") else frozenset()
    for layout in LAYOUTS}


def noise(*, layout: Layout | None = None) -> st.SearchStrategy[str]:
    """The name of a kind of damage in :data:`NOISE` (one that applies to ``layout``).

    >>> from hypothesis import find
    >>> from gkreport.strategies import NOISE, noise
    >>> find(noise(), lambda name: "label-fuzzy" in NOISE[name].repairs)
    'label-typo'
    >>> sorted(NOISE["truncated"].loses)  # a copy cut short: cells read None, prose, sections
    ['cells', 'prose', 'sections']
    """
    if layout is not None and layout not in TEXT_LAYOUTS:
        raise InvalidArgument(f"layout={layout!r}: expected None or one of {', '.join(TEXT_LAYOUTS)}"
                              " (damage is done to text)")
    return st.sampled_from([name for name, n in NOISE.items() if layout is None or layout in n.layouts])


@attrs.frozen
class NoisyText:
    """A report rendered in ``layout`` and damaged by the kinds of :data:`NOISE` in ``noise``
    (those that changed the text, in the order applied)."""

    report: Report
    layout: Layout
    noise: tuple[str, ...]
    text: str

    @property
    def repairs(self) -> frozenset[str]:
        """The repair diagnostics the parser owes for this text: no more, no fewer, but
        those of :attr:`may_repair` (a ``glued`` copy owes besides those its numbers decide,
        see :data:`LAYOUT_REPAIRS`)."""
        if "sections" in self.loses:
            return frozenset()  # a copy cut short may have lost what needed repairing
        return self._owed

    @property
    def may_repair(self) -> frozenset[str]:
        """Repairs the parser may owe besides :attr:`repairs`, as the damage fell; in a copy
        cut short, also those the rest of it would owe."""
        may = frozenset().union(*(NOISE[n].may_repair for n in self.noise))
        return may | self._owed if "sections" in self.loses else may

    @property
    def _owed(self) -> frozenset[str]:
        return LAYOUT_REPAIRS[self.layout].union(*(NOISE[n].repairs for n in self.noise))

    @property
    def loses(self) -> frozenset[str]:
        """What the damage took that no reader can give back (see :class:`Noise`)."""
        return frozenset().union(*(NOISE[n].loses for n in self.noise))


def noisy_text(report: Report, layout: Layout | None = None, *, kinds: Collection[str] | None = None,
               max_kinds: int = 2) -> st.SearchStrategy[NoisyText]:
    """``report`` rendered in ``layout`` (drawn when None), damaged by one to ``max_kinds``
    kinds of :data:`NOISE` drawn from ``kinds`` (all when None).

    A drawn layout is one that some of ``kinds`` apply to (a text layout, never ``html``); a
    ``layout`` none of them applies to is refused.

    >>> from hypothesis import given, settings
    >>> from gkreport import parse
    >>> from gkreport.strategies import noisy_text, reports
    >>> @settings(max_examples=5, database=None)
    ... @given(reports().flatmap(lambda r: noisy_text(r, kinds=["label-typo"])))
    ... def check(noisy):
    ...     found = {d.code for d in parse(noisy.text).diagnostics if d.is_repair}
    ...     assert found == noisy.repairs
    ...     assert parse(noisy.text).requests == noisy.report.requests
    >>> check()
    """
    names = list(NOISE) if kinds is None else list(kinds)
    unknown = [k for k in names if k not in NOISE]
    if unknown or not names:
        raise InvalidArgument(f"kinds={kinds!r}: expected names from {', '.join(NOISE)}")
    if max_kinds < 1:
        raise InvalidArgument(f"max_kinds={max_kinds!r}: expected at least 1")
    shapes = [shape for shape in LAYOUTS if any(shape in NOISE[k].layouts for k in names)]
    if layout is not None and layout not in shapes:
        raise InvalidArgument(f"layout={layout!r}: none of kinds={names!r} applies to it; "
                              f"expected None or one of {', '.join(shapes)}")

    @st.composite
    def damaged(draw: st.DrawFn) -> NoisyText:
        shape: Layout = layout if layout is not None else draw(st.sampled_from(shapes))
        allowed = [k for k in names if shape in NOISE[k].layouts]
        chosen = set(draw(st.lists(st.sampled_from(allowed), min_size=1, max_size=max_kinds,
                                   unique=True)))
        # One seed drawn, not one choice per damaged line: reproducible and small.
        rng = draw(st.randoms(use_true_random=True))
        text = render(report, shape)
        applied: list[str] = []
        for name, kind in NOISE.items():
            if name in chosen and not any(other in kind.not_with for other in applied):
                changed = kind.damage(text, rng)
                if changed != text:
                    applied.append(name)
                    text = changed
        return NoisyText(report, shape, tuple(applied), text)

    return damaged()
