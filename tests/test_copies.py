"""One test per kind of copy that crawlers and PDF converters make (issue 13), each on a
small real-looking snippet."""

from __future__ import annotations

import opencc

import gkreport
from snippets import report_2019


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
    assert "三、收到和处理政府信息公开申请情况, inside its table" in said.message
    assert said.line == cut.count("\n") + 1


def test_a_copy_cut_in_the_overview_is_still_a_report() -> None:
    text = report_2019()
    cut = text[:text.index("二、主动公开")] + "(三)政府信息管理方面。我街道按照“谁主管”的原则,严把政治关、保"
    report = gkreport.parse(cut)
    assert (report.meta.organ, report.meta.year) == ("示例县人民政府办公室", 2020)
    assert report.requests["granted"].total is None
    assert any(d.code == "report-truncated" and "一、总体情况" in d.message for d in report.diagnostics)


def test_a_report_without_its_last_sections_is_not_said_to_be_cut() -> None:
    text = report_2019()
    whole = text[:text.index("五、")] + "本年度无其他需要报告的事项。\n"
    assert "report-truncated" not in codes(gkreport.parse(whole))
