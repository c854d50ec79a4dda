"""Properties of parse and render over generated reports, layouts and damage.

The strategies are gkreport's own (:mod:`gkreport.strategies`). The ``ci`` hypothesis profile
(the default, see conftest.py) runs a fixed set of examples quickly; ``HYPOTHESIS_PROFILE=fuzz``
runs thousands of new ones per property.
"""

from __future__ import annotations

import doctest
import json
import re
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from random import Random
from typing import Any

import attrs
import opencc
import pytest
from hypothesis import assume, event, example, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import gkreport
import gkreport.strategies
from gkreport import (
    AppealGroup,
    Appeals,
    ApplicantMatrix,
    ClauseItem,
    Meta,
    Report,
    RequestRow,
    Section,
    render,
)
from gkreport._normalise import label_key, normalise
from gkreport._patterns import PAGE_NUMBER_LINE
from gkreport.diagnostics import CODES
from gkreport.render import EXACT_LAYOUTS, LAYOUTS, TEXT_LAYOUTS, Layout
from gkreport.strategies import LAYOUT_REPAIRS, NOISE, NoisyText, layouts, noise, noisy_text, reports
from gkreport.template import APPEAL_GROUPS, APPLICANT_COLUMNS, TEMPLATES, TITLE_WORDING, TemplateId
from gkreport.template import SECTIONS as SECTION_SPECS
from whole import whole

DATA = Path(__file__).parent / "data"

REPORTS = reports()
#: Fewer examples for the properties run once per kind of damage or per template.
PER_KIND = settings(max_examples=max(5, settings.default.max_examples // 4))


# -- comparing -------------------------------------------------------------------------------


def cells(report: Report, *, normalised: bool = False) -> dict[str, Any]:
    """Every table cell and meta field, as to_dict gives them (money with its printed places).

    ``normalised`` compares the title and signature as the parser compares labels: copies
    change the width of their digits and brackets, and the title is kept as printed.
    """
    data = whole(report)
    out = {key: data[key] for key in ("meta", "proactive", "requests", "appeals")}
    if normalised:
        out["meta"] = {k: label_key(v) if k in ("title", "signature") and v else v
                       for k, v in out["meta"].items()}
    return out


def sections(report: Report) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(s.key, s.heading, s.paragraphs) for s in report.sections]


def kept_in_order(paragraphs: tuple[str, ...], parsed: tuple[str, ...]) -> bool:
    """Are ``paragraphs`` all in ``parsed``, in order (damage may add notes between them)?"""
    rest = iter(label_key(p) for p in parsed)
    return all(any(label_key(p) == q for q in rest) for p in paragraphs)


def repairs(report: Report) -> frozenset[str]:
    return frozenset(d.code for d in report.diagnostics if d.is_repair)


def numbers(report: Report) -> Iterator[tuple[str, int | Decimal]]:
    """(place, value) of every number in the report's tables."""
    for table in ("proactive", "requests", "appeals"):
        for row, columns in (gkreport.to_dict(report)[table] or {}).items():
            for column, value in (columns or {}).items():
                if value is not None and column != "unit":
                    yield f"{table}.{row}.{column}", Decimal(value)


# -- 1. round trip -------------------------------------------------------------------------


def reads_back_exactly(report: Report, layout: Layout) -> None:
    parsed = gkreport.parse(render(report, layout))
    assert cells(parsed) == cells(report)
    assert sections(parsed) == sections(report)
    # 3. Diagnostics honest: nothing repaired but what the layout itself asks.
    assert repairs(parsed) == LAYOUT_REPAIRS[layout]


def zeros(template: TemplateId, year: int) -> Report:
    """A report of ``template`` whose every cell is 0, with a paragraph in each section."""
    spec = TEMPLATES[template]
    zero = {"count": 0, "signed": 0, "money": Decimal("0.00")}
    proactive = {item.key: ClauseItem(item.key, {c.key: zero[c.kind] for c in item.columns})
                 for item in spec.proactive}
    requests = ApplicantMatrix({key: RequestRow(0, 0, 0, 0, 0, 0, 0) for key in spec.request_keys})
    appeals = Appeals(*(AppealGroup(0, 0, 0, 0, 0) for _ in APPEAL_GROUPS))
    numerals = "一二三四五六"
    sections = tuple(Section(s.key, f"{numerals[s.number - 1]}、{s.heading}", ("本机关扎实推进政务公开工作。",))
                     for s in SECTION_SPECS)
    organ = "泉州市洛江区人民政府办公室"
    return Report(Meta(f"{organ}{year}年政府信息公开工作年度报告", organ, year, template),
                  sections, proactive, requests, appeals)


def zeros_but(template: TemplateId, *blanks: tuple[str, str, str]) -> Report:
    """A report of ``template`` whose every cell is 0 but the ``blanks`` (table, row, column),
    which are None."""
    report = zeros(template, 2019 if template == "2019" else 2021)
    for table, key, column in blanks:
        if table == "proactive":
            item = report.proactive[key]
            changed: Any = attrs.evolve(item, values={**item, column: None})
            report = attrs.evolve(report, proactive={**report.proactive, key: changed})
        elif table == "requests":
            changed = attrs.evolve(report.requests[key], **{column: None})
            report = attrs.evolve(report, requests=ApplicantMatrix({**report.requests, key: changed}))
        else:
            changed = attrs.evolve(getattr(report.appeals, key), **{column: None})
            report = attrs.evolve(report, appeals=attrs.evolve(report.appeals, **{key: changed}))
    return report


# Found writing real reports back (test_render): the appeals row one cell a line, a blank among
# its cells (a lone pipe after the row's first cell).
@example(zeros_but("2021", ("appeals", "review", "corrected")), "pipe-cells")
# Found rendering pipe-cells: a row's last cell blank, the pipes padding the row after it (| ||).
@example(zeros_but("2019", ("requests", "carried_forward", "total")), "pipe-cells")
# Found rendering pipe-cells: the appeals row's last cell blank, a lone pipe before 五's heading.
@example(zeros_but("2021", ("appeals", "suit_after_review", "total")), "pipe-cells")
@given(REPORTS, layouts())
def test_a_clean_rendering_reads_back_exactly(report: Report, layout: Layout) -> None:
    reads_back_exactly(report, layout)


@pytest.mark.parametrize("layout", sorted(set(EXACT_LAYOUTS) - {"html"}))
@PER_KIND
@given(REPORTS)
def test_each_text_layout_reads_back_exactly_and_renders_again_the_same(layout: Layout,
                                                                       report: Report) -> None:
    # The properties above draw the layout; this one makes sure each runs in every run.
    reads_back_exactly(report, layout)
    renders_again_the_same(report, layout)


@pytest.mark.parametrize("template", sorted(TEMPLATES))
@PER_KIND
@given(data=st.data())
def test_a_page_reads_back_exactly_and_renders_again_the_same_in_either_template(
        template: TemplateId, data: st.DataObject) -> None:
    # The properties above draw the layout; this one makes sure pages of both templates run.
    report = data.draw(reports(template=template))
    reads_back_exactly(report, "html")
    renders_again_the_same(report, "html")


def glued(report: Report) -> NoisyText:
    return NoisyText(report, "glued", (), render(report, "glued"))


# Found by the fuzz profile: glued copies whose runs the arithmetic splits one way (the
# appeals run 0000000000001910) or two (政府集中采购110.00: 1 and 10.00, or 11 and 0.00).
_SOLVED = glued(attrs.evolve(zeros("2021", 2021), appeals=Appeals(
    AppealGroup(0, 0, 0, 0, 0), AppealGroup(0, 0, 0, 0, 0), AppealGroup(0, 0, 1, 9, 10))))
_TWO_SPLITS = glued(attrs.evolve(zeros("2019", 2019), proactive={
    **zeros("2019", 2019).proactive,
    "procurement": ClauseItem("procurement", {"projects": 11, "amount": Decimal("0.00")})}))
# Found by the ci profile: a typo in a label that opens with its numbering and ends with
# its parenthetical ((二)部分公公开(区分处理的,…)) is a label still, not a note in brackets.
_TYPO_IN_BRACKETED_LABEL = NoisyText(zeros("2021", 2021), "tabs", ("label-typo",), render(
    zeros("2021", 2021), "tabs").replace("（二）部分公开", "（二）部分公公开", 1))
#: What a glued copy may owe besides its layout's repairs, as its numbers decide.
GLUED_SPLITS = frozenset({"cells-solved", "cells-ambiguous"})


def _places(data: dict[str, Any], path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    for key, value in data.items():
        if isinstance(value, dict):
            yield from _places(value, (*path, key))
        else:
            yield (*path, key), value


def _put(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        data = data.setdefault(key, {})
    data[path[-1]] = value


_TO_SIMPLIFIED = opencc.OpenCC("t2s")


def ends_whole(text: str) -> bool:
    """Does the copy keep its last section's heading (六、, or as a report numbering its
    sections anew words it, 五、其他需要报告的事项)? A copy in traditional characters too."""
    plain = _TO_SIMPLIFIED.convert(text)
    return any(re.match(r"^[一二三四五六七八九十]+、", line.strip().lstrip("#").strip())
               and SECTION_SPECS[-1].stems[0] in line for line in plain.splitlines())


def every_change_is_said(parsed: Report, original: Report) -> None:
    """Every cell the damage changed is None and ``ambiguous`` or ``lost``, or a diagnostic of
    severity warning or graver concerns it: never a changed number with only an ``info``."""
    for cell in parsed.cells():
        try:
            want = original.cell(cell.key).value
        except KeyError:  # not a cell of the report's own template
            want = None
        if cell.value == want:
            continue
        said = [d for d in cell.diagnostics if d.severity != "info"]
        assert said or (cell.value is None and cell.status in ("ambiguous", "lost")), (cell, want)


def reads_back_as_promised(noisy: NoisyText) -> Report:
    """``noisy`` parsed: its report back exactly, but for what its damage loses (a cell read
    None, never another number; the title; prose; the sections after a cut), and the repairs
    it owes, no more, no fewer, but those it may owe."""
    parsed = gkreport.parse(noisy.text)
    every_change_is_said(parsed, noisy.report)
    got, want = cells(parsed, normalised=True), cells(noisy.report, normalised=True)
    owed = noisy.repairs
    if noisy.layout == "glued":
        # Runs of digits read back where the arithmetic pins their split; elsewhere a cell is
        # None and cells-ambiguous names the splits (test_unglue checks which, by brute force).
        unsplit = [(table, row, column) for table in ("proactive", "requests", "appeals")
                   for row, columns in want[table].items() for column, value in columns.items()
                   if got[table][row][column] != value]
        assert all(got[t][r][c] is None for t, r, c in unsplit)
        assert not unsplit or "cells-ambiguous" in repairs(parsed)
        for t, r, c in unsplit:
            got[t][r][c] = want[t][r][c]
        owed |= repairs(parsed) & GLUED_SPLITS
    if "title" in noisy.loses:
        got["meta"]["title"] = want["meta"]["title"]  # its body and year are still compared
    if "cells" in noisy.loses:
        read = dict(_places(got))
        lost = [path for path, value in _places(want) if read.get(path) != value]
        assert all(read.get(path) is None for path in lost), [(p, read.get(p)) for p in lost]
        for path in lost:
            _put(got, path, _get(want, path))
    assert got == want
    keys = [s.key for s in noisy.report.sections]
    read = [s.key for s in parsed.sections]
    assert read == (keys[:len(read)] if "sections" in noisy.loses else keys)
    if "prose" not in noisy.loses:
        for section, found in zip(noisy.report.sections, parsed.sections, strict=True):
            assert kept_in_order(section.paragraphs, found.paragraphs)
    assert owed <= repairs(parsed) <= owed | noisy.may_repair
    if "truncated" in noisy.noise:
        # Said unless the copy keeps its last section's heading, or ends with a whole
        # sentence: cut there, a copy reads as one that leaves out its last sections.
        last = next(line for line in reversed(noisy.text.splitlines()) if line.strip())
        cut = not ends_whole(noisy.text) and not last.rstrip().endswith("。")
        assert ("report-truncated" in {d.code for d in parsed.diagnostics}) == cut
    return parsed


def _get(data: dict[str, Any], path: tuple[str, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


def inserted(report: Report, layout: Layout, kind: str, before: str, line: str) -> NoisyText:
    """``report`` rendered in ``layout``, ``line`` inserted before the first line that starts
    with ``before`` (stripped; or before the first lines that are ``before``, where it holds a
    line break), as damage of ``kind`` does."""
    text = render(report, layout)
    if "\n" in before:
        return NoisyText(report, layout, (kind,), text.replace("\n" + before, f"\n{line}\n{before}", 1))
    lines = text.split("\n")
    at = next(i for i, text in enumerate(lines) if text.strip().startswith(before))
    return NoisyText(report, layout, (kind,), "\n".join([*lines[:at], line, *lines[at:]]))


_RULES_BLANK = zeros_but("2019", ("proactive", "rules", "total_published"))


def _appeals_header_shuffled() -> NoisyText:
    # 四's header rows printed in another order, the group labels' row (未经复议直接起诉 |  |
    # …) last, right above a row of values with blank cells.
    report = zeros_but("2021", ("appeals", "suit_direct", "corrected"),
                       ("appeals", "suit_after_review", "total"))
    lines = render(report, "markdown").split("\n")
    top = next(i for i, line in enumerate(lines) if line.startswith("| 行政复议 |"))
    groups, rule, columns = lines[top], lines[top + 1], lines[top + 3]
    lines[top:top + 4] = [columns, rule, groups, lines[top + 2]]
    return NoisyText(report, "markdown", ("shuffled-header",), "\n".join(lines))


def _cut_after_a_wrapped_title() -> NoisyText:
    # A title over two lines, the copy cut in its overview: no title on one line, one heading.
    report = zeros("2021", 2021)
    text = render(report, "tab-led").replace("2021年政府", "2021年\n政府", 1)
    return NoisyText(report, "tab-led", ("title-variants", "truncated"), text[:text.index("工作。")])


def _cut_in_a_row(report: Report, row: str, values: RequestRow, layout: Layout, cut: str) -> NoisyText:
    """``report`` with the matrix's ``row`` as ``values``, rendered in ``layout`` and cut right
    after ``cut`` (the row's label and the cells the copy keeps)."""
    report = attrs.evolve(report, requests=ApplicantMatrix({**report.requests, row: values}))
    text = render(report, layout)
    return NoisyText(report, layout, ("truncated",), text[:text.index(cut) + len(cut)])


def _cut_in_a_row_that_does_not_add_up() -> NoisyText:
    # The copy cut in the matrix after six of a row's seven cells, the row's printed total not
    # its sum: the total is where the copy ends, not a lost cell for arithmetic to recover.
    return _cut_in_a_row(zeros("2021", 2021), "not_processed.duplicate", RequestRow(0, 0, 0, 0, 0, 0, 5),
                         "pipes", "2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 |")


def _cut_after_a_rows_last_tab() -> NoisyText:
    # Found by the fuzz profile (markers, truncated): a copy cut after a row's sixth cell and
    # the tab before its seventh: the empty cell it ends in is the cut, not a blank total.
    return _cut_in_a_row(zeros("2019", 2019), "new_received", RequestRow(246, 0, 0, 0, 0, 0, 246),
                         "tabs", "一、本年新收政府信息公开申请数量\t246\t0\t0\t0\t0\t0\t")


_FEES_BLANK = zeros_but("2019", ("proactive", "fees", "previous_items"))
_NOTE = "注：本表统计时限为当年1月1日至12月31日。"
_BLANK_ROW = zeros_but("2019", *(("requests", "new_received", c.key) for c in APPLICANT_COLUMNS))


_PUBLISHED = attrs.evolve(zeros("2021", 2021),
                         meta=attrs.evolve(zeros("2021", 2021).meta, publisher="区人民政府办公室"))


@example(noisy=_SOLVED)
@example(noisy=_TWO_SPLITS)
@example(noisy=_TYPO_IN_BRACKETED_LABEL)
# Found by the header-again damage: the matrix's header printed again after a row whose
# cells are all blank (the header was read as a header of its own, unsaid).
@example(noisy=inserted(_BLANK_ROW, "cells", "header-again", "二、上年结转",
                        "\t".join(c.label for c in APPLICANT_COLUMNS)))
# Found by the traditional damage: 发布机构 converted as a Taiwan phrase (釋出機構) was no field.
@example(noisy=NoisyText(_PUBLISHED, "tabs", ("traditional",),
                         opencc.OpenCC("s2twp").convert(render(_PUBLISHED, "tabs"))))
# Found by the fuzz profile (title-variants): a title over two lines, a markdown # before the
# first (the # was read as the start of the body's name, and no title was found).
@example(noisy=NoisyText(zeros("2019", 2019), "markdown", ("title-variants",), render(
    zeros("2019", 2019), "markdown").replace("2019年政府", "2019年\n政府", 1)))
# Found by extra-prose on pipe-cells: a note after a row whose last cell is blank (a lone
# pipe), before the next row's opener (the blank was lost).
@example(noisy=inserted(_RULES_BLANK, "pipe-cells", "extra-prose", "|\n规范性文件 |", _NOTE))
# Found by the fuzz profile (split-label-early): a label cut short before a blank cell and a
# value, its rest on the next line (| 行政 |  | 0 | then | 事业性收费 |): the blank was taken
# for a wrapped header cell's neighbour and lost.
@example(noisy=NoisyText(_FEES_BLANK, "markdown", ("split-label-early",), render(
    _FEES_BLANK, "markdown").replace("| 行政事业性收费 |  | 0 |", "| 行政 |  | 0 |\n| 事业性收费 |")))
# Found by the fuzz profile (shuffled-header): the blank cells of 四's group labels' row were
# taken for the values row's, and its own blanks trimmed as padding.
@example(noisy=_appeals_header_shuffled())
def _publisher_naming_a_word() -> NoisyText:
    # Found by page-breaks on the compiled build's run: a 发布机构 field whose value holds 公开
    # (政务公开办公室), above a title whose body's name starts with 市: the field was read as a
    # sentence naming the report (现公开…), and the organ became 办公室市场监督管理局.
    base = zeros("2019", 2019)
    organ = "市场监督管理局"
    report = attrs.evolve(base, meta=attrs.evolve(
        base.meta, title=f"{organ}2019年政府信息公开工作年度报告", organ=organ, publisher="政务公开办公室"))
    return NoisyText(report, "cells", (), render(report, "cells"))


# Found by the fuzz profile (title-variants, truncated): a copy with its title over two lines
# and one heading was refused as no report.
@example(noisy=_publisher_naming_a_word())
@example(noisy=_cut_after_a_wrapped_title())
# Found by the fuzz profile (truncated): the cell a copy stops before was recovered by the
# row's sum, which the report's own row need not keep.
@example(noisy=_cut_in_a_row_that_does_not_add_up())
@example(noisy=_cut_after_a_rows_last_tab())
@given(REPORTS.flatmap(lambda report: noisy_text(report)))
def test_a_damaged_rendering_reads_back(noisy: NoisyText) -> None:
    reads_back_as_promised(noisy)


def _one_kind(kind: str) -> st.SearchStrategy[NoisyText]:
    shapes = st.sampled_from(sorted(NOISE[kind].layouts & set(EXACT_LAYOUTS)))
    return st.tuples(REPORTS, shapes).flatmap(
        lambda pair: noisy_text(pair[0], pair[1], kinds=[kind], max_kinds=1))


# -- 3. each kind of damage gives the diagnostic that names it --------------------------------


@pytest.mark.parametrize("kind", NOISE)
@PER_KIND
@given(data=st.data())
def test_each_kind_of_damage_is_read_and_named(kind: str, data: st.DataObject) -> None:
    noisy = data.draw(_one_kind(kind))
    assume(noisy.noise == (kind,))  # some damage finds nothing to damage in some reports
    parsed = reads_back_as_promised(noisy)
    assert NOISE[kind].repairs | LAYOUT_REPAIRS[noisy.layout] <= repairs(parsed)


# -- 2. nothing silently lost -------------------------------------------------------------------

_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def _cut_with_a_page_number() -> NoisyText:
    # A copy cut before 四, its appeals' 2 gone with the cut, and a page number 2 above it.
    report = attrs.evolve(zeros("2019", 2019), appeals=Appeals(
        AppealGroup(0, 0, 0, 2, 2), AppealGroup(0, 0, 0, 0, 0), AppealGroup(0, 0, 0, 0, 0)))
    text = render(report, "cells").replace("      规章", "— 2 —\n      规章", 1)
    return NoisyText(report, "cells", ("page-breaks", "truncated"), text[:text.index("      四、")])


def _cut_in_a_sentence() -> NoisyText:
    # A copy cut in its overview's sentence that counts 0, every table gone with the cut.
    report = attrs.evolve(zeros("2019", 2019), sections=(
        Section("overview", "一、总体情况", ("全年主动公开政府信息0条，其中政策文件0件。",)),
        *zeros("2019", 2019).sections[1:]))
    text = render(report, "tabs")
    return NoisyText(report, "tabs", ("truncated",), text[:text.index("0条，其") + 4])


# Found by the fuzz profile, the property's own fault: its count of the numbers a cut took away
# counted a page number as a number of the copy's.
@example(noisy=_cut_with_a_page_number())
# Found by the fuzz profile, the property's own fault: a sentence cut in two (…信息0条，其)
# lost its full stop and was counted as a table line.
@example(noisy=_cut_in_a_sentence())
@given(reports().flatmap(lambda report: noisy_text(report)))
def test_no_number_is_lost_without_a_diagnostic_naming_it(noisy: NoisyText) -> None:
    parsed = gkreport.parse(noisy.text)
    found = dict(numbers(parsed))
    lost = Counter(value for place, value in numbers(noisy.report) if found.get(place) != value)
    named = Counter(Decimal(n) for d in parsed.diagnostics for n in _NUMBER.findall(d.message))
    # A number the damage took out of the copy (a copy cut short) is no longer there to name;
    # nor is one of the line it is cut in (a row or a sentence cut in two).
    kept = noisy.text.rstrip().rpartition("\n")[0] if "sections" in noisy.loses else noisy.text
    gone = _table_numbers(render(noisy.report, noisy.layout)) - _table_numbers(kept)
    assert lost - named - gone == Counter()


def _table_numbers(text: str) -> Counter[Decimal]:
    """The numbers of a copy's table lines: not those of prose (a note's 12月31日), of the
    title, the date or a metadata field, nor a page number, which damage adds."""
    lines = [line.text.strip() for line in normalise(text)]
    return Counter(Decimal(n) for line in lines
                   if not any(mark in line for mark in ("。", ":", "月", TITLE_WORDING))
                   and not PAGE_NUMBER_LINE.match(line) for n in _NUMBER.findall(line))


# -- 3. the arithmetic diagnostics are exactly those the numbers deserve ------------------------


def expected_arithmetic(report: Report) -> Counter[tuple[str, str]]:
    """The template's identities worked out from the report itself, apart from _validate.py."""
    assert report.meta.template is not None
    template = TEMPLATES[report.meta.template]
    expected: Counter[tuple[str, str]] = Counter()
    skipped: dict[str, list[str]] = {}

    def holds(code: str, subject: str, left: list[int | None], right: list[int | None]) -> None:
        if None in left or None in right:
            skipped.setdefault(code, []).append(subject)
        elif sum(v for v in left if v is not None) != sum(v for v in right if v is not None):
            expected[code, subject] += 1

    rows = report.requests
    for spec in template.requests:
        row = rows[spec.key].cells
        if any(v is not None for v in row):  # a row left wholly blank has nothing to check
            holds("sum-row", spec.key, list(row[:-1]), [row[-1]])
    outcomes = [spec.key for spec in template.requests if spec.outcome]
    for c, column in enumerate(APPLICANT_COLUMNS):
        new, over, total, forward = (rows[k].cells[c]
                                     for k in ("new_received", "carried_over", "total", "carried_forward"))
        holds("balance", column.key, [new, over], [total, forward])
        holds("sum-outcomes", column.key, [rows[k].cells[c] for k in outcomes], [total])
    for key, _ in APPEAL_GROUPS:
        group = report.appeals[key].cells
        holds("sum-appeals", key, list(group[:-1]), [group[-1]])
    for code, subjects in skipped.items():
        expected["not-checked", f"{code}: {', '.join(subjects)}"] += 1
    return expected


_SUBJECT = {
    "sum-row": re.compile(r"^requests (\S+):"),
    "sum-appeals": re.compile(r"^appeals (\S+):"),
    "balance": re.compile(r"^column (\S+):"),
    "sum-outcomes": re.compile(r"^column (\S+):"),
}
_NOT_CHECKED = re.compile(r"^not checked, a cell being blank: (.*)$")
_SKIPPED = re.compile(r"^(\S+) \((.*)\)$")


def arithmetic(report: Report) -> Counter[tuple[str, str]]:
    out: Counter[tuple[str, str]] = Counter()
    for d in report.diagnostics:
        if d.code == "not-checked":
            said = _NOT_CHECKED.match(d.message)
            assert said is not None, d.message
            for kind in said[1].split("; "):
                m = _SKIPPED.match(kind)
                assert m is not None, kind
                out[d.code, ": ".join(m.groups())] += 1
        elif d.code in _SUBJECT:
            m = _SUBJECT[d.code].match(d.message)
            assert m is not None, d.message
            out[d.code, ": ".join(m.groups())] += 1
    return out


@given(st.booleans().flatmap(lambda consistent: reports(consistent=consistent)),
       layouts())
def test_arithmetic_diagnostics_are_exactly_those_the_numbers_deserve(report: Report,
                                                                     layout: Layout) -> None:
    assert arithmetic(gkreport.parse(render(report, layout))) == expected_arithmetic(report)


@PER_KIND
@given(reports(consistent=False))
def test_inconsistent_reports_do_fail_an_identity(report: Report) -> None:
    # The strategy's slips are real slips: unless a blank hides it, some identity fails.
    failed = {code for code, _ in expected_arithmetic(report)} - {"not-checked"}
    blanks = any(v is None for _, columns in whole(report)["requests"].items() for v in columns.values())
    assert failed or blanks or any(None in report.appeals[k].cells for k, _ in APPEAL_GROUPS)


@PER_KIND
@given(reports())
def test_consistent_reports_hold_every_identity(report: Report) -> None:
    assert {code for code, _ in expected_arithmetic(report)} <= {"not-checked"}


# -- 4. robustness: a report, or a refusal of what is no text or no report, nothing else ---------


def read_or_refuse(source: str | bytes) -> None:
    # The order of a report's parts is never a reason to refuse it: no bare ParseError.
    try:
        report = gkreport.parse(source)
    except (gkreport.NotAReportError, gkreport.DecodeError, gkreport.SeveralReportsError) as exc:
        # Lines doubled may make a second report (its title, then 一 again): said, with its line.
        assert exc.line or not isinstance(exc, gkreport.SeveralReportsError)
        event(f"refused: {type(exc).__name__}")
        return
    event("read")
    json.dumps(gkreport.to_dict(report))
    for layout in LAYOUTS:
        render(report, layout)  # whatever was read can be written back


CORPUS = [path.read_text(encoding="utf-8") for path in sorted(DATA.glob("*.txt"))]
CORPUS_LINES = [line for text in CORPUS for line in text.split("\n")]


def shuffled(lines: list[str], rng: Random, edits: int) -> str:
    """``lines`` with ``edits`` of them dropped, doubled or moved."""
    lines = list(lines)
    for _ in range(edits):
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        action = rng.choice(("drop", "double", "move"))
        if action == "drop":
            del lines[i]
        elif action == "double":
            lines.insert(j, lines[i])
        else:
            lines.insert(j, lines.pop(i))
    return "\n".join(lines)


@given(st.text())
def test_any_text_is_read_or_refused(text: str) -> None:
    read_or_refuse(text)


@given(st.binary())
def test_any_bytes_are_read_or_refused(data: bytes) -> None:
    read_or_refuse(data)


@given(st.lists(st.sampled_from(CORPUS_LINES), max_size=400))
def test_any_mix_of_real_lines_is_read_or_refused(lines: list[str]) -> None:
    read_or_refuse("\n".join(lines))


@given(st.sampled_from(CORPUS), st.lists(st.sampled_from(CORPUS_LINES), max_size=40),
       st.randoms(), st.integers(0, 12))
def test_a_real_report_with_lines_of_others_lost_doubled_or_moved_is_read_or_refused(
        text: str, foreign: list[str], rng: Random, edits: int) -> None:
    lines = text.split("\n")
    for line in foreign:
        lines.insert(rng.randrange(len(lines) + 1), line)
    read_or_refuse(shuffled(lines, rng, edits))


@given(REPORTS, layouts(), st.randoms(), st.integers(1, 12))
def test_a_rendering_with_lines_lost_doubled_or_moved_is_read_or_refused(
        report: Report, layout: Layout, rng: Random, edits: int) -> None:
    read_or_refuse(shuffled(render(report, layout).split("\n"), rng, edits))


Move = tuple[int, int, int]  # (first line, how many lines, where to), each taken modulo the length
MOVES = st.lists(st.tuples(st.integers(0, 999), st.integers(1, 5), st.integers(0, 999)),
                 min_size=1, max_size=5)


def moved(lines: list[str], moves: list[Move]) -> str:
    """``lines`` with a few runs of them moved elsewhere."""
    lines = list(lines)
    for first, count, to in moves:
        first %= len(lines)
        run = lines[first:first + count]
        del lines[first:first + count]
        at = to % (len(lines) + 1)
        lines[at:at] = run
    return "\n".join(lines)


def _at(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.split("\n")) if line.startswith(start))


@given(st.sampled_from(CORPUS), MOVES)
# 四's heading before 二's (its table then under 一), 二's last clause table before the title,
# the title after 一's heading.
@example(CORPUS[0], [(_at(CORPUS[0], "四、"), 1, _at(CORPUS[0], "二、"))])
@example(CORPUS[0], [(_at(CORPUS[0], "第二十条第（九）"), 3, 0)])
@example(CORPUS[0], [(_at(CORPUS[0], "泉州市洛江区"), 1, _at(CORPUS[0], "一、"))])
def test_a_real_report_with_lines_moved_is_read_with_what_is_out_of_place_named(
        text: str, moves: list[Move]) -> None:
    # The order of its parts never refuses a report: only the lack of its section headings.
    try:
        report = gkreport.parse(moved(text.split("\n"), moves))
    except gkreport.NotAReportError as exc:
        assert re.search(r"found [01] of its six section headings", str(exc)), exc
        return
    assert all(d.code in CODES for d in report.diagnostics)
    assert len({s.key for s in report.sections}) == len(report.sections)
    json.dumps(gkreport.to_dict(report))
    for layout in LAYOUTS:
        render(report, layout)


# -- 5. idempotence ---------------------------------------------------------------------------------


def renders_again_the_same(report: Report, layout: Layout) -> None:
    text = render(report, layout)
    assert render(gkreport.parse(text), layout) == text


@given(REPORTS, layouts())
def test_render_of_parse_of_render_is_render(report: Report, layout: Layout) -> None:
    renders_again_the_same(report, layout)


def test_the_strategies_examples_run() -> None:
    assert doctest.testmod(gkreport.strategies).failed == 0


def test_every_layout_and_kind_of_damage_is_exercised() -> None:
    assert set(LAYOUTS) == set(LAYOUT_REPAIRS)
    assert all(NOISE[kind].layouts for kind in NOISE)
    # Every text layout is damaged by some kind the parser reads; a page by none.
    assert set().union(*(NOISE[kind].layouts for kind in NOISE)) == set(TEXT_LAYOUTS)
    assert set(LAYOUTS) - set(TEXT_LAYOUTS) == {"html"}


def test_the_fuzzing_page_lists_every_layout_and_kind_of_damage() -> None:
    # The strategies are public: each layout and kind has its line on the docs' page.
    page = (Path(__file__).parents[1] / "docs" / "fuzzing.md").read_text(encoding="utf-8")
    listed = {name for line in page.splitlines() if line.startswith("- `")
              for name in re.findall(r"`([a-z-]+)`", line.split(":")[0])}
    assert set(LAYOUTS) | set(NOISE) <= listed


@given(REPORTS.flatmap(noisy_text))
def test_damage_is_done_to_text_never_to_a_page(noisy: NoisyText) -> None:
    assert noisy.layout in TEXT_LAYOUTS


def test_a_page_is_refused_where_damage_is_asked_for() -> None:
    report = Report(Meta(organ="示例县", year=2020))
    with pytest.raises(InvalidArgument, match="'html'"):
        noisy_text(report, "html")
    with pytest.raises(InvalidArgument, match="'html'"):
        noise(layout="html")
    with pytest.raises(InvalidArgument, match="'tabs'"):
        noisy_text(report, "tabs", kinds=["label-typo-glued"])  # a kind for glued cells only
