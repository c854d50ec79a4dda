"""Tables whose cells were run together (640020470): read into labels and runs, then split
by the template's arithmetic, the whole table at once (gkreport.unglue)."""

from __future__ import annotations

from decimal import Decimal

import pytest

import gkreport
from gkreport.unglue import MATRIX_SUMS, Row, Run, parts, solve
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
    proactive = {key: item.values for key, item in report.proactive.items()}
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
    assert report.proactive["rules"].values == {"made": 0, "published": 0, "total_published": 0}
    report = gkreport.parse(replace_line(report_2019(), "规章\t0\t0\t0", "规章\t000"))
    assert report.proactive["rules"].values == {"made": 0, "published": 0, "total_published": 0}


def test_an_ambiguous_split_names_every_candidate() -> None:
    text = replace_line(report_2019(), "规范性文件\t6\t6\t19", "规范性文件6619")
    report = gkreport.parse(text)
    (said,) = [d for d in report.diagnostics if d.code == "cells-ambiguous"]
    assert "(6 6 19 | 6 61 9 | 66 1 9)" in said.message
    assert said.line == text.split("\n").index("规范性文件6619") + 1


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
    assert report.proactive["fees"].values == {"previous_items": 43, "change": -5}
    assert report.proactive["procurement"].values == {"projects": None, "amount": None}
    (said,) = [d.message for d in report.diagnostics if d.code == "cells-ambiguous"]
    assert "8 24220.50" in said


def test_a_fee_run_in_a_2021_report_is_one_amount() -> None:
    text = replace_line(report_2021(), "行政事业性收费\t1.25", "行政事业性收费1.25")
    assert gkreport.parse(text).proactive["fees"].values == {"amount": Decimal("1.25")}
