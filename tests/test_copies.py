"""One test per kind of copy that crawlers and PDF converters make (issue 13), each on a
small real-looking snippet."""

from __future__ import annotations

import opencc

import gkreport
from snippets import replace_line, report_2019, report_2021


def codes(report: gkreport.Report) -> list[str]:
    return [d.code for d in report.diagnostics]


def test_a_copy_in_traditional_characters_is_converted_and_read() -> None:
    # A mirror site's conversion, phrases included (文件 → 檔案), of the whole report.
    simplified = report_2019()
    traditional = opencc.OpenCC("s2twp").convert(simplified)
    assert "規範性檔案" in traditional and "處理決定數量" in traditional
    report = gkreport.parse(traditional)
    assert report.proactive["normative_documents"]["published"] == 6
    assert report.requests == gkreport.parse(simplified).requests
    assert report.meta.organ == "示例县人民政府办公室"
    [said] = [d for d in report.diagnostics if d.code == "script-converted"]
    assert said.is_repair


def test_a_simplified_report_quoting_traditional_names_is_left_alone() -> None:
    text = report_2019().replace("一、总体情况\n", "一、总体情况\n与香港特別行政區政府資訊處交流。\n", 1)
    report = gkreport.parse(text)
    assert "script-converted" not in codes(report)
    assert any("香港特別行政區" in p for s in report.sections for p in s.paragraphs)


def test_pinyin_glosses_and_lost_characters_are_removed_and_said() -> None:
    text = report_2019().replace("规范性文件", "规(guī)范性文件").replace("一、总体情况", "????一、总体情况")
    report = gkreport.parse(text)
    assert report.proactive["normative_documents"]["made"] == 6
    assert next(s.key for s in report.sections) == "overview"
    [said] = [d for d in report.diagnostics if d.code == "text-garbled"]
    assert "(guī)" in said.message and said.line > 0


TITLE = "示例县人民政府办公室2020年政府信息公开工作年度报告"


def _said(report: gkreport.Report) -> list[str]:
    return [d.message for d in report.diagnostics if d.code == "meta-from-text"]


def test_a_title_wrapped_over_two_lines() -> None:
    wrapped = "示例县人民政府办公室2020年度\n政府信息公开工作年度报告"
    report = gkreport.parse(report_2019().replace(TITLE, wrapped, 1))
    assert (report.meta.organ, report.meta.year) == ("示例县人民政府办公室", 2020)
    assert report.meta.title == "示例县人民政府办公室2020年度政府信息公开工作年度报告"


def test_the_body_on_its_own_line_above_a_title_without_it() -> None:
    page = "2020年政府信息公开工作年度报告\n示例县人民政府办公室\n2020年政府信息公开工作年度报告"
    report = gkreport.parse(report_2019().replace(TITLE, page, 1))
    assert (report.meta.organ, report.meta.year) == ("示例县人民政府办公室", 2020)


def test_the_report_naming_itself_gives_body_and_year() -> None:
    opening = "根据《条例》要求，现将河西街道2020年度政府信息公开工作报告如下。"
    report = gkreport.parse(report_2019().replace(TITLE, opening, 1))
    assert (report.meta.organ, report.meta.year) == ("河西街道", 2020)
    assert any("names the report" in m for m in _said(report))


def test_a_report_naming_itself_as_we_gives_the_year_only() -> None:
    opening = "现将我办2020年度政府信息公开情况报告如下："
    report = gkreport.parse(report_2019().replace(TITLE, opening, 1))
    assert (report.meta.organ, report.meta.year) == (None, 2020)


def test_the_year_from_the_statistics_period() -> None:
    opening = "本报告中所列数据的统计期限为2020年1月1日至2020年12月31日。"
    report = gkreport.parse(report_2019().replace(TITLE, opening, 1).replace("2020年，本机关", "本机关"))
    assert report.meta.year == 2020
    assert any("statistics period" in m for m in _said(report))


def test_a_statistics_period_over_two_years_is_not_a_reporting_year() -> None:
    opening = "本报告中所列数据的统计期限为2019年1月1日至2020年12月31日。"
    report = gkreport.parse(report_2019().replace(TITLE, opening, 1).replace("2020年，本机关", "本机关"))
    assert report.meta.year is None
    assert "year-missing" in codes(report)


def test_a_metadata_table_in_pipes_with_blank_fields() -> None:
    header = ("索引号: | 4311030021/2024-00433 | 分类: | |\n发文机关: | 示例县人民政府办公室 | 发文日期: | |\n"
              "文号 : |\n现将2020年度政务信息公开情况公布如下:")
    report = gkreport.parse(report_2019().replace(TITLE, header, 1))
    meta = report.meta
    assert (meta.index_number, meta.publisher, meta.document_number) == (
        "4311030021/2024-00433", "示例县人民政府办公室", None)
    assert (meta.organ, meta.year) == ("示例县人民政府办公室", 2020)
    assert any("发文机关" in m for m in _said(report))


def test_a_copy_cut_inside_the_matrix_is_read_and_said() -> None:
    text = report_2019()
    cut = text[:text.index("\t(三)不予公开")] + "\t(三)不予公开\t1.属于国家"
    report = gkreport.parse(cut)
    assert report.requests["granted"].cells == (3, 1, 0, 0, 0, 0, 4)
    assert report.requests["denied.state_secret"].total is None
    [said] = [d for d in report.diagnostics if d.code == "report-truncated"]
    assert "section 三 (requests), inside its table" in said.message
    # Every row after the cut is lost: an error naming them, not a silent None.
    [lost] = [d for d in report.diagnostics if d.code == "row-lost"]
    assert lost.severity == "error" and "requests.carried_forward" in lost.cells
    assert said.line == cut.count("\n") + 1


def test_a_copy_cut_in_the_overview_is_still_a_report() -> None:
    text = report_2019()
    cut = text[:text.index("二、主动公开")] + "(三)政府信息管理方面。我街道按照“谁主管”的原则,严把政治关、保"
    report = gkreport.parse(cut)
    assert (report.meta.organ, report.meta.year) == ("示例县人民政府办公室", 2020)
    assert report.requests["granted"].total is None
    said = [d.message for d in report.diagnostics if d.code == "report-truncated"]
    assert len(said) == 1 and "section 一 (overview)" in said[0]
    [lost] = [d for d in report.diagnostics if d.code == "table-lost"]
    assert lost.cells == ("proactive", "requests", "appeals")


def test_a_report_without_its_last_sections_is_not_said_to_be_cut() -> None:
    text = report_2019()
    whole = text[:text.index("五、")] + "本年度无其他需要报告的事项。\n"
    assert "report-truncated" not in codes(gkreport.parse(whole))


# -- pipe tables as crawlers write them -------------------------------------------------

APPEALS_BLOCK_2019 = "\n".join([
    "行政复议\t\t\t\t\t行政诉讼",
    "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉",
    "\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
    "\t".join(["1", "0", "0", "0", "1"] + ["0"] * 10),
])


def _pipe_cell_lines(row: str) -> list[str]:
    """A tab-separated row as a crawler prints it one cell a line, each closed by a pipe,
    the row opened by a lone pipe; an empty cell is a lone pipe too."""
    return ["|", *(f"{cell} |" if cell else "|" for cell in row.split("\t"))]


def test_one_cell_a_line_closed_by_pipes_with_empty_cells() -> None:
    text = report_2019()
    proactive = ["第二十条第（一）项 | |||", "|", "信息内容 |", "本年新制作数量 |", "本年新公开数量 |",
                 "对外公开总数量 |", *_pipe_cell_lines("规章\t0\t0\t"),
                 *_pipe_cell_lines("规范性文件\t6\t\t19")]
    start = text.index("第二十条第（一）项")
    end = text.index("第二十条第（五）项")
    report = gkreport.parse(text[:start] + "\n".join(proactive) + "\n" + text[end:])
    assert dict(report.proactive["rules"]) == {"made": 0, "published": 0, "total_published": None}
    assert dict(report.proactive["normative_documents"]) == {"made": 6, "published": None,
                                                              "total_published": 19}
    assert report.requests == gkreport.parse(text).requests


def test_cells_alternating_with_lone_pipes_are_not_empty_cells() -> None:
    text = report_2019()
    old = "规范性文件\t6\t6\t19"
    report = gkreport.parse(text.replace(old, "\n|\n".join(old.split("\t")) + "\n|", 1))
    assert dict(report.proactive["normative_documents"]) == {"made": 6, "published": 6, "total_published": 19}


def test_padding_cells_after_a_row_s_last_value_are_layout() -> None:
    text = report_2019().replace("行政强制\t65\t0\t2", "行政强制 | 65 | 0 | - | ||", 1)
    report = gkreport.parse(text)
    assert dict(report.proactive["coercion"]) == {"previous_items": 65, "change": 0, "decisions": None}
    assert "cells-missing" not in codes(report)


def test_a_number_between_pipes_is_never_split() -> None:
    text = report_2019().replace("政府集中采购\t8\t24220", "政府集中采购 | 13 | 477.35", 1)
    report = gkreport.parse(text)
    assert report.proactive["procurement"]["projects"] == 13


# -- tables split or interrupted -----------------------------------------------------------

def test_appeals_printed_as_three_tables_under_group_headings() -> None:
    groups = []
    for heading, values in (("### 行政复议", "27 | 10 | 9 | 15 | 61"),
                            ("### 行政诉讼（未经复议直接起诉）", "3 | 0 | 0 | 0 | 3"),
                            ("### 行政诉讼（复议后起诉）", "8 | 0 | 1 | 1 | 10")):
        groups += [heading, "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |", "|---|---|---|---|---|",
                   f"| {values} |", ""]
    report = gkreport.parse(report_2019().replace(APPEALS_BLOCK_2019, "\n".join(groups), 1))
    assert report.appeals.review.cells == (27, 10, 9, 15, 61)
    assert report.appeals.suit_direct.cells == (3, 0, 0, 0, 3)
    assert report.appeals.suit_after_review.cells == (8, 0, 1, 1, 10)
    assert not [d for d in report.diagnostics if d.is_repair]


def test_a_stray_header_row_inside_the_matrix_opens_no_rows() -> None:
    text = report_2019()
    stray = "| 项目 | 本年新收件数 | 上年结转件数 | 予以公开 | 部分公开 | 不予公开 | 结转下年度 | 总计 |"
    last = "\t(七)总计\t5\t1\t0\t0\t0\t0\t6"
    report = gkreport.parse(replace_line(text, last, stray + "\n" + last))
    assert report.requests == gkreport.parse(text).requests
    assert codes(report).count("header-repeated") == 1
    assert "row-duplicate" not in codes(report)


def test_sections_numbered_anew_after_a_narrative_of_the_report_s_own() -> None:
    # A PDF's report: its own numbered narrative first, then the template's sections
    # numbered from 一 again (一、主动公开政府信息情况 … 三、…行政复议、行政诉讼情况).
    text = report_2019()
    narrative = "二、工作机制保障\n市科委设立协调小组。\n三、主动公开工作情况\n全年发布政府信息393件。\n"
    text = text.replace("二、主动公开政府信息情况", narrative + "一、主动公开政府信息情况", 1)
    text = text.replace("三、收到和处理政府信息公开申请情况", "二、收到和处理政府信息公开申请情况", 1)
    text = text.replace("四、政府信息公开行政复议、行政诉讼情况", "三、政府信息公开行政复议、行政诉讼情况", 1)
    report = gkreport.parse(text)
    clean = gkreport.parse(report_2019())
    tables = (report.proactive, report.requests, report.appeals)
    assert tables == (clean.proactive, clean.requests, clean.appeals)
    assert [s.key for s in report.sections][:4] == ["overview", "proactive", "requests", "appeals"]


def test_a_wrapped_line_of_prose_with_a_counted_number_is_not_a_row() -> None:
    wrapped = "市科委 2024 年根据本市机构改革工作安排，内设机构和职"
    text = report_2019().replace("信息公开的形式还需进一步规范。", wrapped, 1)
    text = text.replace("五、存在的主要问题及改进情况\n", "", 1)
    report = gkreport.parse(text)
    assert report.appeals == gkreport.parse(report_2019()).appeals


def test_an_empty_total_takes_the_loose_number_that_is_its_row_s_sum() -> None:
    # Text from a PDF: a row's numbers apart from its label, and the carried-forward row's
    # total moved away from its empty cell to a line of its own among them.
    zeros = "\t".join("0" * 7)
    text = replace_line(report_2019(), f"\t\t3.危及“三安全一稳定”\t{zeros}", f"{zeros}\n{zeros}")
    labels = "\t\t3.危及“三安全一稳定”\n\t\t4.保护第三方合法权益\n1"
    text = replace_line(text, f"\t\t4.保护第三方合法权益\t{zeros}", labels)
    text = replace_line(text, "四、结转下年度继续办理\t1\t0\t0\t0\t0\t0\t1",
                        "四、结转下年度继续办理\t1\t0\t0\t0\t0\t0\t")
    report = gkreport.parse(text)
    assert report.requests == gkreport.parse(report_2019()).requests
    assert any(d.code == "value-recovered" and "loose 1" in d.message for d in report.diagnostics)
    assert "value-unassigned" not in codes(report)


def test_an_empty_total_with_no_loose_number_stays_blank() -> None:
    text = replace_line(report_2019(), "四、结转下年度继续办理\t1\t0\t0\t0\t0\t0\t1",
                        "| 四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 |  |")
    assert gkreport.parse(text).requests["carried_forward"].total is None


def test_a_total_printed_as_a_dash_stays_blank() -> None:
    text = replace_line(report_2019(), "四、结转下年度继续办理\t1\t0\t0\t0\t0\t0\t1",
                        "| 四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 | - |")
    assert gkreport.parse(text).requests["carried_forward"].total is None


def test_a_clause_table_printed_in_parts_is_placed_by_its_headers() -> None:
    text = report_2021().replace(
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n行政规范性文件\t10\t8\t51",
        "信息内容 | 本年制发件数\n规章 | 0\n行政规范性文件 | 10\n"
        "信息内容 | 现行有效件数(历史累计)\n规章 | 3\n行政规范性文件 | 51")
    report = gkreport.parse(text)
    assert dict(report.proactive["rules"]) == {"issued": 0, "repealed": None, "in_force": 3}
    assert dict(report.proactive["normative_documents"]) == {"issued": 10, "repealed": None, "in_force": 51}
    assert "row-duplicate" not in codes(report) and "cells-missing" not in codes(report)


def test_a_row_printed_again_under_the_same_columns_is_a_duplicate() -> None:
    row = "行政规范性文件\t10\t8\t51"
    text = report_2021().replace(row, row + "\n行政规范性文件\t1\t1\t1")
    report = gkreport.parse(text)
    assert dict(report.proactive["normative_documents"]) == {"issued": 10, "repealed": 8, "in_force": 51}
    assert "row-duplicate" in codes(report)


# -- headings with typos -----------------------------------------------------------------------

APPEALS_HEADING = "四、政府信息公开行政复议、行政诉讼情况"

def test_a_heading_with_typos_in_every_stem_keeps_its_table() -> None:
    text = report_2019().replace(APPEALS_HEADING, "四、政府信息公开行政夏议、行政折讼情况")
    report = gkreport.parse(text)
    assert report.appeals == gkreport.parse(report_2019()).appeals
    assert [s.key for s in report.sections][3] == "appeals"
    assert any(d.code == "label-fuzzy" and "行政夏议" in d.message for d in report.diagnostics)


def test_a_heading_with_one_wrong_word_needs_no_repair() -> None:
    text = report_2019().replace(APPEALS_HEADING, "四、政府信息公开行政法复议、行政诉讼情况")
    text = text.replace("三、收到和处理政府信息公开申请情况", "三、收到的处理政府信息公开申请情况")
    report = gkreport.parse(text)
    clean = gkreport.parse(report_2019())
    assert (report.requests, report.appeals) == (clean.requests, clean.appeals)


# -- run-together cells settled by the report's own text ------------------------------------

NONE_OF_THREE = {"issued": None, "repealed": None, "in_force": None}


def _glued_normative(prose: str) -> gkreport.Report:
    text = report_2021().replace("行政规范性文件\t10\t8\t51", "行政规范性文件6233440")
    return gkreport.parse(text.replace("一、总体情况\n", f"一、总体情况\n{prose}\n", 1))


def test_the_report_s_text_settles_a_run_that_splits_several_ways() -> None:
    report = _glued_normative("本年制发行政规范性文件62件，废止规范性文件33件。")
    assert dict(report.proactive["normative_documents"]) == {"issued": 62, "repealed": 33, "in_force": 440}
    [said] = [d for d in report.diagnostics if d.code == "cells-solved"]
    assert "制发行政规范性文件62件" in said.message and "62 33 440" in said.message


def test_the_text_settles_only_the_cells_it_states() -> None:
    report = _glued_normative("本年制发行政规范性文件62件。")
    assert dict(report.proactive["normative_documents"]) == {"issued": 62, "repealed": None, "in_force": None}


def test_a_text_that_states_a_cell_two_ways_settles_nothing() -> None:
    report = _glued_normative("本年制发行政规范性文件62件，另制发行政规范性文件63件。")
    assert dict(report.proactive["normative_documents"]) == NONE_OF_THREE
    assert "cells-ambiguous" in codes(report)


def test_a_text_no_split_agrees_with_is_not_used() -> None:
    report = _glued_normative("本年制发行政规范性文件7件。")
    assert dict(report.proactive["normative_documents"]) == NONE_OF_THREE


def test_a_value_on_a_loose_line_with_a_note_in_brackets() -> None:
    # Text from a PDF: the row's last value pushed to a line of its own, with a note.
    text = report_2019().replace("规范性文件\t6\t6\t19", "规范性文件\t6\t6\n19 （其中修订 3 件）")
    report = gkreport.parse(text)
    assert dict(report.proactive["normative_documents"]) == {"made": 6, "published": 6, "total_published": 19}
    assert "row-unknown" not in codes(report)
