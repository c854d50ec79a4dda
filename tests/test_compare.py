"""Comparing a body's report with the year before's (gkreport.compare): cells, the checks
across years, the template change, and the narrative."""

from __future__ import annotations

import itertools

import attrs
import hypothesis.strategies as st
from hypothesis import HealthCheck, given, settings

from gkreport import parse, render
from gkreport.bodies import Bodies
from gkreport.compare import compare, compare_series, crossed_value, settle
from gkreport.diagnostics import Diagnostic, Readings
from gkreport.model import ClauseItem, Meta, Report, RequestRow, Section
from gkreport.render import Layout
from gkreport.strategies import following, layouts, reports
from gkreport.template import CROSSWALK, NOT_CROSSED, TEMPLATES
from snippets import replace_line, report_2021

_pairs = reports().flatmap(lambda r: st.tuples(st.just(r), following(r)))


def _read(report: Report, layout: Layout = "tabs") -> Report:
    return parse(render(report, layout))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_pairs, layouts(), layouts())
def test_a_careful_next_year_passes_every_check_it_can_make(pair: tuple[Report, Report], old_layout: Layout,
                                                             new_layout: Layout) -> None:
    old, new = _read(pair[0], old_layout), _read(pair[1], new_layout)
    result = compare(old, new)
    assert result.failed == ()
    kinds = {c.kind for c in result.checks}
    assert "carry-over" in kinds
    assert ("in-force" in kinds) == (old.meta.template == new.meta.template == "2021")
    # Every cell's change is what the two reports hold.
    for change in result.cells:
        if old.meta.template == new.meta.template:
            assert (change.old, change.new) == (old.cell(change.key).value, new.cell(change.key).value)
        if change.old is not None and change.new is not None:
            assert change.change == change.new - change.old
        else:
            assert change.change is None
    # Across the template change, only what means the same is compared, the rest said.
    crossing = old.meta.template != new.meta.template
    keys = CROSSWALK if crossing else TEMPLATES[old.meta.template or "2021"].cell_keys
    assert len(result.cells) == len(keys)
    assert result.uncompared == (NOT_CROSSED if crossing else ())


def _matrix_row(report: Report, key: str, **values: int) -> Report:
    rows = dict(report.requests)
    rows[key] = attrs.evolve(rows[key], **values)
    return attrs.evolve(report, requests=rows)


@settings(max_examples=10, deadline=None)
@given(_pairs)
def test_a_broken_carry_over_fails_with_both_cells_as_evidence(pair: tuple[Report, Report]) -> None:
    old, new = pair
    if old.requests["carried_forward"].natural_person is None:
        old = _matrix_row(old, "carried_forward", natural_person=3)
    forward = old.requests["carried_forward"].natural_person
    assert forward is not None
    new = _matrix_row(new, "carried_over", natural_person=forward + 1)
    result = compare(_read(old), _read(new))
    failed = [c for c in result.failed if c.kind == "carry-over"]
    assert [c.where for c in failed] == ["requests column natural_person"]
    evidence = failed[0].evidence
    assert [(e.year, e.key) for e in evidence] == [
        (old.meta.year, "requests.carried_forward.natural_person"),
        (new.meta.year, "requests.carried_over.natural_person")]


def _with_in_force(report: Report, **values: int | None) -> Report:
    item = report.proactive.get("normative_documents") or ClauseItem("normative_documents")
    return attrs.evolve(report, proactive={**report.proactive,
                                           "normative_documents": ClauseItem(item.key, {**item, **values})})


def test_in_force_moves_by_issued_and_repealed_on_the_2021_template() -> None:
    base = Report(Meta(organ="示例县人民政府", year=2022, template="2021"))
    old = _with_in_force(base, issued=5, repealed=0, in_force=40)
    new = attrs.evolve(_with_in_force(base, issued=3, repealed=2, in_force=41),
                       meta=attrs.evolve(base.meta, year=2023))
    checks = {c.where: c for c in compare(old, new).checks if c.kind == "in-force"}
    assert checks["proactive normative_documents"].status == "pass"
    wrong = _with_in_force(new, in_force=45)
    check = next(c for c in compare(old, wrong).checks if c.where == "proactive normative_documents")
    assert check.status == "fail"
    assert "40 in force + 3 issued - 2 repealed = 41, but 45 in force" in check.message


def test_across_the_template_change() -> None:
    old = Report(Meta(organ="示例县", year=2020, template="2019"),
                 requests={"other_handling": RequestRow(2, 0, 0, 0, 0, 0, 2)})
    rows = {"other_handling.no_correction": RequestRow(1, 0, 0, 0, 0, 0, 1),
            "other_handling.no_fee": RequestRow(0, 0, 0, 0, 0, 0, 0),
            "other_handling.other": RequestRow(3, 0, 0, 0, 0, 0, 3)}
    new = Report(Meta(organ="示例县", year=2021, template="2021"), requests=rows)
    result = compare(old, new)
    change = next(c for c in result.cells if c.key == "requests.other_handling.natural_person")
    assert (change.kind, change.old, change.new, change.change) == ("sum", 2, 4, 2)
    assert any("in-force is not checked across the template change" in n for n in result.notes)
    assert {c.kind for c in result.checks} == {"carry-over"}
    # A blank part leaves the sum None: a blank is not a zero.
    blank = attrs.evolve(new, requests={**rows, "other_handling.no_fee": RequestRow()})
    change = next(c for c in compare(old, blank).cells if c.key == "requests.other_handling.natural_person")
    assert (change.new, change.new_status, change.change) == (None, "blank", None)
    renamed = next(c for c in CROSSWALK if c.key == "proactive.rules.issued")
    assert crossed_value(old, renamed) == (None, "blank")


def test_checks_are_made_only_for_consecutive_years_of_one_body() -> None:
    old = Report(Meta(organ="甲县", year=2020, template="2019"))
    later = Report(Meta(organ="甲县", year=2022, template="2021"))
    result = compare(old, later)
    assert result.checks == () and "not consecutive" in result.notes[0]
    backwards = compare(Report(Meta(organ="甲县", year=2021, template="2021")), old)
    assert backwards.checks == () and backwards.notes == (
        "the first report is of 2021, later than the second's 2020: give the earlier year's first; "
        "the checks across years are not made",)
    other = compare(old, Report(Meta(organ="乙县", year=2021, template="2021")))
    assert other.checks and any("not one body" in n for n in other.notes)
    joined = compare(old, Report(Meta(organ="乙县", year=2021, template="2021")),
                     bodies=Bodies({"甲县": "1", "乙县": "1"}))
    assert not any("not one body" in n for n in joined.notes)


def _sections(**texts: tuple[str, ...]) -> tuple[Section, ...]:
    return tuple(Section(key, key, paragraphs) for key, paragraphs in texts.items())


def test_the_narrative_section_by_section() -> None:
    copied = ("本机关认真贯彻落实政府信息公开条例，扎实推进政务公开工作，取得了良好成效。",)
    old = Report(Meta(organ="甲县", year=2020), sections=_sections(
        overview=copied, problems=("信息公开的形式还需进一步规范。", "队伍能力有待提高。")))
    new = Report(Meta(organ="甲县", year=2021), sections=_sections(
        overview=copied, problems=("信息公开的形式还需进一步规范。", "队伍能力有待进一步提高。", "无。"),
        other_matters=("无。",)))
    sections = {s.key: s for s in compare(old, new).sections}
    assert sections["overview"].repeated == 1.0
    assert [p.tag for p in sections["overview"].diff] == ["equal"]
    assert sections["overview"].passages[0].text == "".join(copied[0].split())
    problems = sections["problems"]
    assert [(p.tag, p.text) for p in problems.diff] == [
        ("equal", "信息公开的形式还需进一步规范。\n队伍能力有待"), ("insert", "进一步"), ("equal", "提高。\n"),
        ("insert", "无。\n")]
    assert 0 < problems.repeated < 1
    assert sections["other_matters"].old_characters == 0 and sections["other_matters"].repeated == 0
    assert "proactive" not in sections  # in neither report


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(["甲。", "乙乙。", "丙丙丙。", "丁。"]), max_size=5),
       st.lists(st.sampled_from(["甲。", "乙乙。", "丙丁丙。", "戊。"]), max_size=5))
def test_a_diff_gives_back_both_texts(old: list[str], new: list[str]) -> None:
    a = Report(Meta(organ="甲县", year=2020), sections=_sections(overview=tuple(old)))
    b = Report(Meta(organ="甲县", year=2021), sections=_sections(overview=tuple(new)))
    found = [s for s in compare(a, b).sections if s.key == "overview"]
    if not old and not new:
        assert found == [] or found[0].diff == ()
        return
    diff = found[0].diff
    assert "".join(p.text for p in diff if p.tag != "insert") == "".join(p + "\n" for p in old)
    assert "".join(p.text for p in diff if p.tag != "delete") == "".join(p + "\n" for p in new)
    assert all(p.text for p in diff) and all(x.tag != y.tag for x, y in itertools.pairwise(diff))


def test_compare_series_pairs_consecutive_years_of_each_body() -> None:
    reports_ = [Report(Meta(organ=organ, year=year, template="2019" if year < 2021 else "2021"))
                for organ, year in (("甲县", 2021), ("乙县", 2020), ("甲县", 2020), ("乙县", 2022),
                                    ("甲县", 2022), ("白山市甲县", 2023))]
    pairs, notes = compare_series(reports_, lambda r: r, lambda r: f"{r.meta.organ}{r.meta.year}")
    assert [(p.comparison.old.name, p.comparison.new.name) for p in pairs] == [
        ("甲县2020", "甲县2021"), ("甲县2021", "甲县2022")]
    assert [n.names for n in notes] == [("甲县", "白山市甲县")]


# -- last year as evidence ------------------------------------------------------------------

_IN_FORCE_2021 = "行政规范性文件\t10\t8\t51"


def _reports_2022_2023(row_2022: str, row_2023: str) -> tuple[Report, Report]:
    old = replace_line(report_2021().replace("2023年政府", "2022年政府"), _IN_FORCE_2021, row_2022)
    return parse(old), parse(replace_line(report_2021(), _IN_FORCE_2021, row_2023))


def test_last_year_s_documents_in_force_settle_a_run_of_digits() -> None:
    old, new = _reports_2022_2023("行政规范性文件\t5\t3\t49", "行政规范性文件10851")
    assert new.cell("proactive.normative_documents.in_force").status == "ambiguous"
    settled = settle(old, new, name="2022.txt")
    assert dict(settled.proactive["normative_documents"]) == {"issued": 10, "repealed": 8, "in_force": 51}
    cell = settled.cell("proactive.normative_documents.in_force")
    assert cell.status == "settled"
    said = cell.diagnostics[-1]
    assert said.code == "cells-settled" and said.line == cell.diagnostics[0].line
    assert said.message == ("proactive.normative_documents: of the 4 splits, 1 agrees with 2022.txt "
                            "(2022 normative_documents in force 49): 10 8 51; 3 cells settled")
    # Everything else is as parsed.
    assert attrs.evolve(settled, proactive=new.proactive, statuses=new.statuses,
                        diagnostics=new.diagnostics) == new
    result = compare(old, new, names=("2022.txt", "2023.txt"))
    assert result.settled == ("proactive.normative_documents.issued", "proactive.normative_documents.repealed",
                              "proactive.normative_documents.in_force")
    check = next(c for c in result.checks if c.where == "proactive normative_documents")
    assert check.status == "pass" and "settled" in check.note  # it rests on what it settled: said


def test_nothing_is_settled_without_the_evidence() -> None:
    blank, new = _reports_2022_2023("行政规范性文件\t5\t3\t", "行政规范性文件10851")
    assert settle(blank, new) == new  # last year's in force is blank: it tells nothing
    contrary, _ = _reports_2022_2023("行政规范性文件\t5\t3\t7", "行政规范性文件10851")
    assert settle(contrary, new) == new  # no split agrees: left as the copy has it
    other = attrs.evolve(_reports_2022_2023("行政规范性文件\t5\t3\t49", "")[0],
                         meta=attrs.evolve(new.meta, organ="另一县", year=2022))
    assert compare(other, new).settled == ()  # another body's report is no evidence


def test_a_reading_narrowed_but_not_settled_keeps_the_cells_it_cannot_tell() -> None:
    keys = tuple(f"proactive.normative_documents.{c}" for c in ("issued", "repealed", "in_force"))
    ambiguous = Diagnostic("cells-ambiguous", "…", 9, 1, "", ("proactive.normative_documents",),
                           Readings(keys, ((5, 1, 14), (6, 2, 14), (1, 0, 99))))
    meta = Meta(organ="甲县", year=2023, template="2021")
    empty = ClauseItem("normative_documents", {"issued": None, "repealed": None, "in_force": None})
    new = Report(meta, proactive={"normative_documents": empty}, diagnostics=(ambiguous,))
    old = Report(attrs.evolve(meta, year=2022),
                 proactive={"normative_documents": ClauseItem("normative_documents", {"in_force": 10})})
    settled = settle(old, new)
    assert dict(settled.proactive["normative_documents"]) == {"issued": None, "repealed": None, "in_force": 14}
    said = settled.diagnostics[-1]
    assert said.readings == Readings(keys, ((5, 1, 14), (6, 2, 14)))
    assert "of the 3 splits, 2 agree" in said.message and "1 cells settled" in said.message


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_pairs)
def test_what_last_year_settles_is_what_was_printed(pair: tuple[Report, Report]) -> None:
    old, new = pair
    glued = parse(render(new, "glued"))
    result = compare(_read(old), glued)
    for key in result.settled:
        assert next(c.new for c in result.cells if c.key == key) == new.cell(key).value
        assert glued.cell(key).status == "ambiguous"


def test_last_year_s_carry_forward_settles_this_year_s_carry_over() -> None:
    keys = tuple(f"requests.carried_over.{c}" for c in
                 ("natural_person", "commercial", "research", "social_welfare", "legal_services", "other",
                  "total"))
    ambiguous = Diagnostic("cells-ambiguous", "…", 20, 1, "", ("requests.carried_over",),
                           Readings(keys, ((11, 2, 0, 0, 0, 0, 13), (1, 12, 0, 0, 0, 0, 13))))
    meta = Meta(organ="甲县", year=2021, template="2021")
    new = Report(meta, requests={"carried_over": RequestRow()}, diagnostics=(ambiguous,))
    last = {"carried_forward": RequestRow(11, 2, 0, 0, 0, 0, 13)}
    old = Report(attrs.evolve(meta, year=2020, template="2019"), requests=last)
    settled = settle(old, new, name="2020.txt")
    assert settled.requests["carried_over"] == RequestRow(11, 2, 0, 0, 0, 0, 13)
    assert "of the 2 splits, 1 agrees with 2020.txt (2020 carried_forward natural_person 11" in (
        settled.diagnostics[-1].message)
    # A blank carry-forward tells nothing.
    blank = attrs.evolve(old, requests={"carried_forward": RequestRow(None, None, 0, 0, 0, 0, None)})
    assert settle(blank, new) == new
