"""Tables whose cells were run together (640020470): read into labels and runs, then split
by the template's arithmetic, the whole table at once (gkreport._unglue)."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from random import Random

import attrs
import pytest
from hypothesis import assume, find, given
from hypothesis import strategies as st

import gkreport
from gkreport import render
from gkreport._normalise import label_key
from gkreport._unglue import MATRIX_SUMS, Row, Run, parts, solve
from gkreport.diagnostics import Readings
from gkreport.render import EXACT_LAYOUTS, LAYOUTS
from gkreport.strategies import NOISE, layouts, noisy_text, reports
from gkreport.template import APPEAL_COLUMNS, APPEAL_GROUPS, APPLICANT_COLUMNS, TEMPLATES
from snippets import REQUEST_LABELS_2019, replace_line, report_2019, report_2021

#: The issue's example: 640020470 is 64 | 0 | 0 | 2 | 0 | 4 | 70, and 270020130 fits both
#: 27,0,0,2,0,1,30 and 2,7,0,0,20,1,30 until the columns choose.
ISSUE_ROWS = {
    "一、本年新收政府信息公开申请数量": [64, 0, 0, 2, 0, 4, 70],
    "三、本年度办理结果\t(一)予以公开": [27, 0, 0, 2, 0, 1, 30],
    "\t(二)部分公开(区分处理的,只计这一情形,不计其他情形)": [5, 0, 0, 0, 0, 0, 5],
    "\t(四)无法提供\t1.本机关不掌握相关政府信息": [20, 0, 0, 0, 0, 2, 22],
    "\t\t2.重复申请": [10, 0, 0, 0, 0, 1, 11],
    "\t(七)总计": [62, 0, 0, 2, 0, 4, 68],
    "四、结转下年度继续办理": [2, 0, 0, 0, 0, 0, 2],
}


def matrix(values: dict[str, list[int]] | None = None) -> list[tuple[str, list[int]]]:
    """The snippet report's matrix rows, with ``values`` in place of some."""
    values = values or {}
    return [(label, values.get(label, numbers if not values else [0] * 7))
            for label, numbers in REQUEST_LABELS_2019]


def glued(rows: list[tuple[str, list[int]]], *, between: str = "") -> str:
    """The rows on one line, each label run into its digits."""
    return between.join(label.replace("\t", "") + "".join(map(str, values)) for label, values in rows)


def codes(report: gkreport.Report) -> list[str]:
    return [d.code for d in report.diagnostics]


def cells(report: gkreport.Report) -> dict[str, tuple[int | None, ...]]:
    return {key: row.cells for key, row in report.requests.items()}


# -- the tokenizer: labels and runs ---------------------------------------------------------


def test_the_issue_line_is_cut_into_labels_and_runs() -> None:
    line = ("一、本年新收政府信息公开申请数量640020470二、上年结转政府信息公开申请数量0000000"
            "三、本年度办理结果(一)予以公开270020130")
    found = parts(line, lambda text: not text[-1].isdigit())
    assert [(p.text, p.run) for p in found or []] == [
        ("一、本年新收政府信息公开申请数量", False), ("640020470", True),
        ("二、上年结转政府信息公开申请数量", False), ("0000000", True),
        ("三、本年度办理结果(一)予以公开", False), ("270020130", True)]


def test_a_rows_numbering_stays_with_its_label() -> None:
    found = parts("(三)不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开0000000", lambda _: True)
    assert [p.text for p in found or []] == ["(三)不予公开1.属于国家秘密", "0000000",
                                             "2.其他法律行政法规禁止公开", "0000000"]


def test_digits_in_brackets_and_a_header_before_the_first_label_are_text() -> None:
    found = parts("信息内容采购项目数量采购总金额(单位:万元,保留4位小数)政府集中采购824220.5",
                  lambda text: text == "政府集中采购")
    assert [(p.text, p.run) for p in found or []] == [
        ("信息内容采购项目数量采购总金额(单位:万元,保留4位小数)", False), ("政府集中采购", False),
        ("824220.5", True)]


def test_text_that_is_no_label_is_not_cut() -> None:
    assert parts("注:本表统计时限为当年1月1日至12月31日", lambda _: False) is None
    assert parts("规章", lambda _: True) is None


def test_runs_keep_their_signs_decimals_and_dashes() -> None:
    run = Run.read([("2648", False, True), ("-18538", False, True)])
    assert [c.text for c in run.chunks] == ["2648", "-18538"]
    run = Run.read([("5", False, True), ("——", True, True), ("0", False, True), ("1,234", False, True)])
    assert [(c.text, c.dashes, c.whole) for c in run.chunks] == [
        ("5", 0, False), ("", 2, False), ("0", 0, False), ("1234", 0, True)]


# -- splitting one row ----------------------------------------------------------------------


def split(text: str, kinds: tuple[str, ...], sums: tuple = ()) -> tuple[str, list[str | None], int]:  # type: ignore[type-arg]
    result = solve([Row("row", kinds, Run.read([(text, False, True)]), sums=sums)])["row"]  # type: ignore[arg-type]
    return result.how, [None if v is None else str(v) for v in result.values], len(result.candidates)


def test_a_row_total_chooses_a_split() -> None:
    assert split("640020470", ("count",) * 7, MATRIX_SUMS) == (
        "arithmetic", ["64", "0", "0", "2", "0", "4", "70"], 1)


def test_a_row_alone_may_allow_several_splits() -> None:
    how, values, n = split("270020130", ("count",) * 7, MATRIX_SUMS)
    assert (how, n) == ("ambiguous", 2)
    # 27,0,0,2,0,1,30 or 2,7,0,0,20,1,30: only the cells they share are read.
    assert values == [None, None, "0", None, None, "1", "30"]


def test_one_digit_a_cell_needs_no_arithmetic() -> None:
    assert split("0000000", ("count",) * 7, MATRIX_SUMS) == ("alone", ["0"] * 7, 1)


def test_a_clause_row_without_arithmetic_is_usually_ambiguous() -> None:
    how, values, n = split("693665", ("count",) * 3)
    assert how == "ambiguous" and values == [None, None, None] and n == 10


def test_a_sign_starts_a_cell() -> None:
    # 2648-18538 is 2648 | -18 | 538, but -1|8538, -185|38 and -1853|8 read as well: only
    # 2648 is certain.
    how, values, n = split("2648-18538", ("count", "signed", "count"))
    assert (how, values, n) == ("ambiguous", ["2648", None, None], 4)


def test_a_decimal_point_stays_in_its_cell() -> None:
    assert split("24252.311082", ("money",)) == ("alone", ["24252.311082"], 1)
    how, values, n = split("24252.311082", ("count", "money"))
    assert (how, values, n) == ("ambiguous", [None, None], 4)


def test_no_split_keeping_the_total_leaves_the_row_none() -> None:
    how, values, n = split("1234567", ("count",) * 7, MATRIX_SUMS)
    assert (how, values, n) == ("alone", ["1", "2", "3", "4", "5", "6", "7"], 1)
    how, values, n = split("12345678", ("count",) * 7, MATRIX_SUMS)
    assert (how, values, n) == ("unsolved", [None] * 7, 0)


def test_dashes_are_blank_cells_one_or_more() -> None:
    assert split("—00", ("count",) * 3) == ("alone", [None, "0", "0"], 1)
    assert split("——0", ("count",) * 3) == ("alone", [None, None, "0"], 1)
    # —— may be one blank or two: here the digits decide neither.
    how, values, n = split("——12", ("count",) * 3)
    assert (how, values, n) == ("ambiguous", [None, None, None], 2)


def test_a_blank_silences_the_row_total() -> None:
    # 5 | — | 0 | 0 | 0 | 0 | 6 does not add up, but a blank leaves the total unchecked.
    assert split("5—00006", ("count",) * 7, MATRIX_SUMS) == (
        "alone", ["5", None, "0", "0", "0", "0", "6"], 1)


def test_the_search_is_bounded() -> None:
    run = Run.read([("270020130", False, True)])
    result = solve([Row("granted", ("count",) * 7, run, sums=MATRIX_SUMS)], budget=5)["granted"]
    assert (result.how, result.values) == ("unsolved", (None,) * 7)
    code, message = result.describe("(一)予以公开", [c.key for c in APPLICANT_COLUMNS]) or ("", "")
    assert code == "cells-unsolved" and "bound" in message


def test_a_table_of_long_random_runs_is_given_up_with_a_diagnostic() -> None:
    digits = Random(1)
    rows = [(label, [digits.randrange(10) for _ in range(30)]) for label, _ in REQUEST_LABELS_2019]
    report = gkreport.parse(report_2019(requests=[glued(rows)]))
    assert all(row.cells == (None,) * 7 for row in report.requests.values())
    assert codes(report).count("cells-unsolved") == len(rows)


def test_the_glued_layout_is_drawn_only_when_asked() -> None:
    assert find(layouts(glued=True), lambda layout: layout == "glued") == "glued"
    with pytest.raises(Exception, match="glued"):
        find(layouts(glued="yes"), lambda _: True)  # type: ignore[arg-type]
    assert "glued" not in EXACT_LAYOUTS and "glued" in LAYOUTS


def test_strict_refuses_a_split_by_arithmetic() -> None:
    with pytest.raises(gkreport.RepairError):
        gkreport.parse(report_2019(requests=[glued(matrix(ISSUE_ROWS))]), strict=True)


# -- whole reports -----------------------------------------------------------------------------


def test_the_issue_table_is_split_by_its_columns() -> None:
    report = gkreport.parse(report_2019(requests=[glued(matrix(ISSUE_ROWS))]))
    assert cells(report)["granted"] == (27, 0, 0, 2, 0, 1, 30)
    assert cells(report) == {key: tuple(v) for key, v in zip(
        report.requests, (values for _, values in matrix(ISSUE_ROWS)), strict=True)}
    solved = [d for d in report.diagnostics if d.code == "cells-solved"]
    assert any("270020130" in d.message and "27 0 0 2 0 1 30" in d.message for d in solved)
    assert set(codes(report)) == {"cells-glued", "cells-solved"}  # every identity holds


def test_a_glued_table_of_the_snippet_reads_as_the_tab_separated_one() -> None:
    report = gkreport.parse(report_2019(requests=[glued(matrix())]))
    assert report.requests == gkreport.parse(report_2019()).requests


@pytest.mark.parametrize("row", ["500000 5", "5 000005", "50 0000 5"])
def test_spaces_that_survive_in_a_run_are_not_boundaries(row: str) -> None:
    text = replace_line(report_2019(), "一、本年新收政府信息公开申请数量\t5\t1\t0\t0\t0\t0\t6",
                        "一、本年新收政府信息公开申请数量" + row)
    report = gkreport.parse(replace_line(text, "二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1",
                                         "二、上年结转政府信息公开申请数量0000001"))
    assert report.requests["new_received"].cells == (5, 0, 0, 0, 0, 0, 5)
    assert "cells-glued" in codes(report)


def test_a_run_with_spaces_is_split_by_its_arithmetic() -> None:
    rows = matrix({"一、本年新收政府信息公开申请数量": [23, 0, 0, 0, 0, 0, 23],
                   "三、本年度办理结果\t(一)予以公开": [23, 0, 0, 0, 0, 0, 23],
                   "\t(七)总计": [23, 0, 0, 0, 0, 0, 23]})
    tabbed = ["\t".join([label, *map(str, values)]) for label, values in rows]
    tabbed[0] = "一、本年新收政府信息公开申请数量 23 0 00 0 023"
    report = gkreport.parse(report_2019(requests=tabbed))
    assert report.requests["new_received"].cells == (23, 0, 0, 0, 0, 0, 23)
    # The same run in a table that does not add up with it is not split.
    text = replace_line(report_2019(), "一、本年新收政府信息公开申请数量\t5\t1\t0\t0\t0\t0\t6",
                        "一、本年新收政府信息公开申请数量 23 0 00 0 023")
    report = gkreport.parse(text)
    assert report.requests["new_received"].cells == (None,) * 7
    assert "cells-unsolved" in codes(report)


def test_a_whole_2021_table_on_one_line_with_its_header() -> None:
    lines = report_2021().split("\n")
    start = lines.index("\t\t申请人情况\t\t\t\t\t\t")
    end = next(i for i, line in enumerate(lines) if line.startswith("四、结转下年度继续办理"))
    flat = "".join(line.replace("\t", "") for line in lines[start:end + 1])
    report = gkreport.parse("\n".join([*lines[:start], flat, *lines[end + 1:]]))
    assert report.requests == gkreport.parse(report_2021()).requests
    assert set(codes(report)) == {"cells-glued"}


def test_clause_tables_run_together() -> None:
    lines = report_2019().split("\n")
    first = lines.index("第二十条第（一）项\t\t\t")
    last = next(i for i, line in enumerate(lines) if line.startswith("政府集中采购"))
    flat = "".join(line.replace("\t", "") for line in lines[first:last + 1])
    report = gkreport.parse("\n".join([*lines[:first], flat, *lines[last + 1:]]))
    proactive = {key: dict(item) for key, item in report.proactive.items()}
    assert proactive["rules"] == {"made": 0, "published": 0, "total_published": 0}
    assert proactive["normative_documents"] == {"made": None, "published": None, "total_published": None}
    # 行政处罚1869012642: 1869 | 0 | 12642, or 18690 | 1 | 2642, or …
    assert proactive["penalties"] == {"previous_items": None, "change": None, "decisions": None}
    assert proactive["fees"] == {"previous_items": 43, "change": -5}
    ambiguous = [d.message for d in report.diagnostics if d.code == "cells-ambiguous"]
    assert any(m.startswith("规范性文件: the run 6619 splits 3 ways") and "6 6 19" in m for m in ambiguous)


def test_the_appeals_row_alone_on_its_line() -> None:
    report = gkreport.parse(report_2019(appeals="100010000000000"))
    assert report.appeals == gkreport.parse(report_2019()).appeals


def test_the_appeals_row_after_its_header() -> None:
    lines = report_2019().split("\n")
    start = lines.index("行政复议\t\t\t\t\t行政诉讼")
    flat = "".join(line.replace("\t", "") for line in lines[start:start + 4])
    report = gkreport.parse("\n".join([*lines[:start], flat, *lines[start + 4:]]))
    assert report.appeals == gkreport.parse(report_2019()).appeals
    assert set(codes(report)) == {"cells-glued"}


def test_a_label_run_into_its_cells_in_a_tab_row() -> None:
    report = gkreport.parse(replace_line(report_2019(), "规章\t0\t0\t0", "规章000"))
    assert dict(report.proactive["rules"]) == {"made": 0, "published": 0, "total_published": 0}
    report = gkreport.parse(replace_line(report_2019(), "规章\t0\t0\t0", "规章\t000"))
    assert dict(report.proactive["rules"]) == {"made": 0, "published": 0, "total_published": 0}


def test_an_ambiguous_split_names_every_candidate() -> None:
    text = replace_line(report_2019(), "规范性文件\t6\t6\t19", "规范性文件6619")
    report = gkreport.parse(text)
    (said,) = [d for d in report.diagnostics if d.code == "cells-ambiguous"]
    assert "(6 6 19 | 6 61 9 | 66 1 9)" in said.message
    assert said.line == text.split("\n").index("规范性文件6619") + 1
    # The splits themselves, for a reader that has more evidence (gkreport.compare.settle).
    assert said.readings == Readings(tuple(f"proactive.normative_documents.{c}" for c in
                                           ("made", "published", "total_published")),
                                     ((6, 6, 19), (6, 61, 9), (66, 1, 9)))
    assert all(type(v) is int for reading in said.readings.values for v in reading)
    assert gkreport.from_dict(gkreport.to_dict(report)).diagnostics == report.diagnostics


def test_a_table_whose_own_arithmetic_is_wrong_is_not_split() -> None:
    wrong = dict(ISSUE_ROWS)
    wrong["\t(七)总计"] = [62, 0, 0, 2, 0, 4, 69]  # the source's own slip
    report = gkreport.parse(report_2019(requests=[glued(matrix(wrong))]))
    unsolved = [d for d in report.diagnostics if d.code == "cells-unsolved"]
    assert unsolved and report.requests["granted"].cells == (None,) * 7
    # Rows that split one way whatever the arithmetic stand.
    assert report.requests["carried_over"].cells == (0,) * 7
    assert any("27 0 0 2 0 1 30" in d.message for d in unsolved)  # the row's own candidates


def test_money_and_signed_runs_in_a_2019_report() -> None:
    text = replace_line(report_2019(), "政府集中采购\t8\t24220", "政府集中采购824220.50")
    text = replace_line(text, "行政事业性收费\t43\t-5", "行政事业性收费43-5")
    report = gkreport.parse(text)
    assert dict(report.proactive["fees"]) == {"previous_items": 43, "change": -5}
    assert dict(report.proactive["procurement"]) == {"projects": None, "amount": None}
    (said,) = [d.message for d in report.diagnostics if d.code == "cells-ambiguous"]
    assert "8 24220.50" in said


def test_a_2021_clause_row_run_together_is_ambiguous_unless_one_split_alone() -> None:
    text = replace_line(report_2021(), "规章\t0\t0\t0", "规章000")
    text = replace_line(text, "行政规范性文件\t10\t8\t51", "行政规范性文件693665")
    report = gkreport.parse(text)
    assert dict(report.proactive["rules"]) == {"issued": 0, "repealed": 0, "in_force": 0}
    assert dict(report.proactive["normative_documents"]) == {"issued": None, "repealed": None,
                                                              "in_force": None}
    (said,) = [d.message for d in report.diagnostics if d.code == "cells-ambiguous"]
    assert said.startswith("行政规范性文件: the run 693665 splits 10 ways")


def test_a_fee_run_in_a_2021_report_is_one_amount() -> None:
    text = replace_line(report_2021(), "行政事业性收费\t1.25", "行政事业性收费1.25")
    assert dict(gkreport.parse(text).proactive["fees"]) == {"amount": Decimal("1.25")}


# -- the glued rendering of generated reports, against a brute force ------------------------

DASH = "—"
CELL = {"count": re.compile(r"0|[1-9]\d*"), "signed": re.compile(r"[+-]?(?:0|[1-9]\d*)"),
        "money": re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?")}
NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")
#: Damage that applies to glued copies (metadata, furniture, widths, spaces around lines).
#: The damage done to glued copies that owes no repair and takes nothing (a narrative of the
#: report's own, renumbered, adds paragraphs, which this test compares whole).
GLUED_NOISE = sorted(name for name, kind in NOISE.items() if "glued" in kind.layouts
                     and not kind.repairs and not kind.loses and name != "renumbered")

Cells = tuple[Decimal | None, ...]
#: The most combinations of rows' splits the brute force tries (reports() rarely needs 5,000).
BRUTE_FORCE = 20_000


def shown(value: int | Decimal | None, kind: str) -> str:
    """A cell as a copy prints it: a dash for a blank, a sign on a positive change."""
    if value is None:
        return DASH
    if isinstance(value, Decimal):
        return format(value, "f")
    return f"+{value}" if kind == "signed" and value > 0 else str(value)


def every_split(printed: str, kinds: tuple[str, ...]) -> list[Cells]:
    """Every way to cut a row's printed run into one piece per column that reads as that
    column's cell, or as a blank (dashes): all the cut positions, tried one combination at a
    time. Spaces are no boundaries, unless the numbers and dashes they, and signs, set apart
    are as many as the columns (the run-together layout)."""
    atoms = re.findall(rf"[+-]?[\d.]+|{DASH}+", printed)
    if " " in printed and len(atoms) == len(kinds):
        cells = [every_split(atom, (kind,)) for atom, kind in zip(atoms, kinds, strict=True)]
        return [tuple(c[0][0] for c in cells)] if all(cells) else []
    text = printed.replace(" ", "")
    found = []
    for cuts in itertools.combinations(range(1, len(text)), len(kinds) - 1):
        bounds = (0, *cuts, len(text))
        values: list[Decimal | None] = []
        for i, kind in enumerate(kinds):
            piece = text[bounds[i]:bounds[i + 1]]
            if set(piece) == {DASH}:
                values.append(None)
            elif CELL[kind].fullmatch(piece):
                values.append(Decimal(piece))
            else:
                break
        else:
            found.append(tuple(values))
    return found


def adds_up(parts: list[Decimal | None], total: list[Decimal | None]) -> bool:
    """An identity holds, or a blank cell leaves it unchecked."""
    cells = parts + total
    return any(v is None for v in cells) or sum(parts) == sum(total)  # type: ignore[arg-type]


@attrs.frozen
class Expected:
    """What the brute force says of one row: the cells every split keeping every identity
    agrees on (None elsewhere), those splits, and whether the row splits one way alone."""

    values: Cells
    splits: tuple[Cells, ...]
    alone: bool


def solved(rows: dict[str, tuple[str, tuple[str, ...], list[tuple[int, ...]]]],
           joint: Callable[[dict[str, Cells]], bool]) -> dict[str, Expected]:
    """Brute force: each row's splits that keep its own sums, then every combination of
    them, kept where ``joint`` holds. rows: key -> (printed run, kinds, sums)."""
    own = {}
    alone = {}
    for key, (text, kinds, sums) in rows.items():
        splits = every_split(text, kinds)
        alone[key] = len(splits) == 1
        own[key] = [s for s in splits if all(adds_up([s[i] for i in parts], [s[total]])
                                             for *parts, total in sums)]
    keys = list(rows)
    # Small cases only: the combinations are tried one by one.
    assume(math.prod(len(own[key]) for key in keys) <= BRUTE_FORCE)
    kept: dict[str, set[Cells]] = {key: set() for key in keys}
    for combination in itertools.product(*(own[key] for key in keys)):
        table = dict(zip(keys, combination, strict=True))
        if joint(table):
            for key in keys:
                kept[key].add(table[key])
    out = {}
    for key in keys:
        found = sorted(kept[key], key=str)
        assert found, f"{key}: the brute force kept no split of a consistent report"
        values = tuple(found[0][c] if len({s[c] for s in found}) == 1 else None
                       for c in range(len(found[0])))
        out[key] = Expected(values, tuple(found), alone[key])
    return out


def printed_cells(report: gkreport.Report) -> dict[tuple[str, str], list[str]]:
    """(table, row) -> its cells as a copy prints them, in the order the report prints them."""
    assert report.meta.template is not None
    template = TEMPLATES[report.meta.template]
    out = {}
    for item in template.proactive:
        values = report.proactive[item.key]
        out["proactive", item.key] = [shown(values[c.key], c.kind) for c in item.columns]
    for key in template.request_keys:
        out["requests", key] = [shown(v, "count") for v in report.requests[key].cells]
    out["appeals", "appeals"] = [shown(v, "count") for key, _ in APPEAL_GROUPS
                                 for v in report.appeals[key].cells]
    return out


def expected(report: gkreport.Report, runs: dict[tuple[str, str], str]) -> dict[tuple[str, str], Expected]:
    """(table, row) -> what the brute force says of each row of ``report`` printed as ``runs``."""
    assert report.meta.template is not None
    template = TEMPLATES[report.meta.template]
    out: dict[tuple[str, str], Expected] = {}
    for item in template.proactive:
        kinds = tuple(c.kind for c in item.columns)
        text = runs["proactive", item.key]
        out["proactive", item.key] = solved({item.key: (text, kinds, [])}, lambda _: True)[item.key]
    counts = ("count",) * len(APPLICANT_COLUMNS)
    row_sum = [tuple(range(len(APPLICANT_COLUMNS)))]
    rows = {key: (runs["requests", key], counts, row_sum) for key in template.request_keys}

    def columns(table: dict[str, Cells]) -> bool:
        for c in range(len(APPLICANT_COLUMNS)):
            if not adds_up([table[k][c] for k in template.outcome_keys], [table["total"][c]]):
                return False
            if not adds_up([table["new_received"][c], table["carried_over"][c]],
                           [table["total"][c], table["carried_forward"][c]]):
                return False
        return True

    for key, found in solved(rows, columns).items():
        out["requests", key] = found
    width = len(APPEAL_COLUMNS)
    text = runs["appeals", "appeals"]
    sums = [tuple(range(g * width, (g + 1) * width)) for g in range(len(APPEAL_GROUPS))]
    appeals = solved({"appeals": (text, ("count",) * width * len(APPEAL_GROUPS), sums)}, lambda _: True)
    out["appeals", "appeals"] = appeals["appeals"]
    return out


def read(report: gkreport.Report, table: str, key: str) -> Cells:
    """A row of the parsed report, as Decimals."""
    if table == "proactive":
        values = tuple(report.proactive[key].values())
    elif table == "requests":
        values = report.requests[key].cells
    else:
        values = tuple(v for group, _ in APPEAL_GROUPS for v in report.appeals[group].cells)
    return tuple(None if v is None else Decimal(v) for v in values)


def spaces_lost(report: gkreport.Report, rng: Random) -> tuple[str, dict[tuple[str, str], str]]:
    """``report`` rendered ``run-together``, each row having lost some of the spaces between
    its cells (``500000 5``, ``23 0 00 0 023``): a space survives only where a cell ended,
    and a row of two cells or more lost one at least. Also each row's run as printed."""
    runs = {}
    for place, cells in printed_cells(report).items():
        kept = [rng.random() < 0.5 for _ in cells[1:]]
        if kept:
            kept[rng.randrange(len(kept))] = False
        runs[place] = cells[0] + "".join((" " if space else "") + c for space, c in zip(kept, cells[1:],
                                                                                       strict=True))
    lines = render(report, "run-together").split("\n")
    order = iter(printed_cells(report).items())
    for i, line in enumerate(lines):
        words = line.split(" ")
        first = len(words)
        while first > 0 and (words[first - 1] == DASH or NUMBER.fullmatch(words[first - 1])):
            first -= 1
        if first == len(words) or "。" in line:
            continue  # no table row: the rows are the lines that end in their cells
        place, cells = next(order)
        assert words[first:] == cells, (place, line)
        lines[i] = " ".join(words[:first]) + rng.choice(("", " ")) + runs[place] if first else runs[place]
    assert next(order, None) is None
    return "\n".join(lines), runs


@given(reports(), st.sampled_from(["glued", "glued, damaged", "spaces lost"]), st.data())
def test_a_glued_rendering_reads_back_each_cell_or_names_its_candidates(
        report: gkreport.Report, shape: str, data: st.DataObject) -> None:
    runs = {place: "".join(cells) for place, cells in printed_cells(report).items()}
    if shape == "spaces lost":
        text, runs = spaces_lost(report, data.draw(st.randoms(use_true_random=True)))
    elif shape == "glued, damaged":
        text = data.draw(noisy_text(report, "glued", kinds=GLUED_NOISE)).text
    else:
        text = render(report, "glued")
    parsed = gkreport.parse(text)
    said = [d for d in parsed.diagnostics if d.code == "cells-ambiguous"]
    named = {Decimal(n) for d in said for n in NUMBER.findall(d.message)}
    owed = {"cells-glued"}
    for (table, key), want in expected(report, runs).items():
        truth = read(report, table, key)
        assert truth in want.splits  # the brute force is sound: the report's own split is kept
        assert read(parsed, table, key) == want.values, (table, key)
        if want.values != truth:
            owed.add("cells-ambiguous")
            # None only where the split is in doubt, and the splits left are named.
            assert all(v is None for v, t in zip(want.values, truth, strict=True) if v != t)
            assert {t for v, t in zip(want.values, truth, strict=True) if v != t} - {None} <= named
        elif len(want.splits) == 1 and not want.alone:
            owed.add("cells-solved")
    assert {d.code for d in parsed.diagnostics if d.is_repair} == owed
    # Damage may change the widths of the title's and paragraphs' characters: compare them
    # as labels are compared.
    meta = attrs.evolve(parsed.meta, title=label_key(parsed.meta.title or ""),
                        signature=parsed.meta.signature and label_key(parsed.meta.signature))
    assert meta == attrs.evolve(report.meta, title=label_key(report.meta.title or ""),
                                signature=report.meta.signature and label_key(report.meta.signature))
    for want_section, got in zip(report.sections, parsed.sections, strict=True):
        assert [label_key(p) for p in got.paragraphs] == [label_key(p) for p in want_section.paragraphs]


# -- the real reports, glued -------------------------------------------------------------------

DATA = Path(__file__).parent / "data"
CORPUS = sorted(DATA.glob("*.txt"))


def rows_of(report: gkreport.Report) -> dict[tuple[str, str], Cells]:
    out = {("proactive", key): read(report, "proactive", key) for key in report.proactive}
    out.update({("requests", key): read(report, "requests", key) for key in report.requests})
    out["appeals", "appeals"] = read(report, "appeals", "appeals")
    return out


def assert_same_or_named(glued: gkreport.Report, original: gkreport.Report) -> int:
    """Every cell of ``glued`` is the original's, or None where the split is in doubt with
    the original's value among the candidates a cells-ambiguous diagnostic names. Returns
    how many cells are None so."""
    assert "cells-unsolved" not in codes(glued)
    named = {Decimal(n) for d in glued.diagnostics if d.code == "cells-ambiguous"
             for n in NUMBER.findall(d.message)}
    doubtful = 0
    for place, want in rows_of(original).items():
        got = rows_of(glued)[place]
        for g, w in zip(got, want, strict=True):
            if g != w:
                assert g is None and w in named, (place, got, want)
                doubtful += 1
    return doubtful


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_a_real_report_rendered_glued_reads_back(path: Path) -> None:
    original = gkreport.parse(path)
    glued = gkreport.parse(render(original, "glued"))
    assert_same_or_named(glued, original)
    # The matrix and the appeals row are pinned down by their arithmetic.
    assert glued.requests == original.requests and glued.appeals == original.appeals


def hand_glued(text: str) -> str:
    """The report with the separators between the cells of its tables deleted: each row's
    label run into its digits (规章000), the lines as they were."""
    lines = text.split("\n")
    headings = [i for i, line in enumerate(lines)
                if line.lstrip("# ").startswith(("二、主动", "五、存在"))]
    start, end = headings[0], headings[-1]
    return "\n".join([*lines[:start], *(line.replace("\t", "") for line in lines[start:end]), *lines[end:]])


@pytest.mark.parametrize("name", ["003_bca12cc4fb8d9f2c", "004_48696eb35ee8e3c7"])
def test_a_real_report_glued_by_hand_reads_as_the_original(name: str) -> None:
    # The reports whose tables are tab-separated and lost no cell (000's lost cells cannot
    # be told once its separators are gone). Only 003's 第二十条 rows have numbers to split.
    text = (DATA / f"{name}.txt").read_text(encoding="utf-8")
    glued_text = hand_glued(text)
    assert "规章000" in glued_text.split("\n") and "\t" not in glued_text.split("五、")[0].split("二、主动")[-1]
    original = gkreport.parse(text)
    glued = gkreport.parse(glued_text)
    assert glued.requests == original.requests and glued.appeals == original.appeals
    # 行政许可02236, 其他对外管理服务事项01422913 and 政府集中采购824220 split several ways.
    assert assert_same_or_named(glued, original) == (6 if name.startswith("003") else 0)


@pytest.mark.parametrize("between", ["", " "])
def test_a_glued_table_run_on_after_its_section_heading(between: str) -> None:
    # Before, the heading and its table were one paragraph of the section before, and every
    # number in it was lost without a word.
    text = report_2019(requests=[glued(matrix())])
    heading = "三、收到和处理政府信息公开申请情况"
    table = next(line for line in text.split("\n") if line.startswith("一、本年新收"))
    report = gkreport.parse(replace_line(replace_line(text, heading, ""), table, heading + between + table))
    assert report.requests == gkreport.parse(report_2019()).requests
    assert [s.key for s in report.sections] == [s.key for s in gkreport.parse(text).sections]
    glued_at = next(d for d in report.diagnostics if d.code == "cells-glued")
    assert glued_at.column == len(heading) + len(between) + 1


@pytest.mark.parametrize("between", ["", " ", "\n"])
def test_clause_tables_run_together_after_their_section_heading(between: str) -> None:
    # Clause tables have no arithmetic: their runs are ambiguous, and said to be, wherever
    # they stand (before, after the heading on its line they were lost without a word).
    lines = report_2019().split("\n")
    start = lines.index("二、主动公开政府信息情况")
    end = next(i for i, line in enumerate(lines) if line.startswith("三、收到和处理"))
    block = "".join(line.replace("\t", "") for line in lines[start + 1:end])
    report = gkreport.parse("\n".join([*lines[:start], lines[start] + between + block, *lines[end:]]))
    ambiguous = " ".join(d.message for d in report.diagnostics if d.code == "cells-ambiguous")
    assert "6619" in ambiguous and dict(report.proactive["normative_documents"]) == {
        "made": None, "published": None, "total_published": None}
