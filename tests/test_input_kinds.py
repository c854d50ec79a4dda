"""What the input is, said plainly: several reports in one text, a page that goes on past its
report, a report from before the 2019 template, and inputs that hold no report text at all."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

import pytest

import gkreport
from snippets import OLD_2017, OLD_2018, replace_line, report_2019, report_2021

CLEAN = report_2019()  # 示例县人民政府办公室, 2020, on the 2019 template

# A site's metadata block and a title, as a second report printed after the first has them.
META_2023 = "索引号：11350100-2024-00003\t发布机构：示例县人民政府办公室\t公文生成日期：2024-01-18"


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _number(text: str, line: str) -> int:
    """The 1-based number of ``line`` in ``text`` (it must stand there once)."""
    hits = [i for i, x in enumerate(_lines(text), 1) if x == line]
    assert len(hits) == 1, (line, hits)
    return hits[0]


def _tables(report: gkreport.Report) -> tuple[object, ...]:
    return report.proactive, report.requests, report.appeals


# -- several reports in one text ----------------------------------------------------------


def _two_years() -> str:
    """Two years of one body's reports pasted into one file: 2020 (2019 template), then 2023
    (2021 template) under its site's metadata block."""
    later = report_2021().replace("2021年1月15日", "2024年1月20日")
    return CLEAN + "\n\n" + META_2023 + "\n" + later


def test_two_years_pasted_together_are_two_reports_not_one_mixed() -> None:
    text = _two_years()
    with pytest.raises(gkreport.SeveralReportsError) as info:
        gkreport.parse(text)
    second = _number(text, META_2023)  # the metadata above the second title goes with it
    assert (info.value.line, info.value.column, info.value.starts) == (second, 1, (1, second))
    assert "a second report begins here (2 reports in one text)" in str(info.value)
    assert str(info.value).startswith(f"line {second}, column 1: ")

    first, later = gkreport.parse_all(text)
    assert (first.meta.year, first.meta.template, later.meta.year, later.meta.template) == (
        2020, "2019", 2023, "2021")
    assert _tables(first) == _tables(gkreport.parse(CLEAN))
    assert _tables(later) == _tables(gkreport.parse(report_2021()))
    assert later.meta.index_number == "11350100-2024-00003" and first.meta.index_number is None
    # The first report ends at its own closing: nothing of the second is in its text.
    assert first.section("other_matters").paragraphs == ("无。",)
    assert (str(first.meta.signature_date), str(later.meta.signature_date)) == ("2021-01-15", "2024-01-20")
    assert [d for d in (*first.diagnostics, *later.diagnostics) if d.code == "part-misplaced"] == []
    # Lines and diagnostics count lines of the whole text.
    assert later.sections[0].line == second + 3  # 索引号…, the title, a blank line, 一、总体情况


def _body(organ: str, granted: int) -> str:
    """One body's 2023 report as a town's collection page prints it, with its own figures."""
    text = report_2021().replace("示例县人民政府办公室", organ)
    text = replace_line(text, "三、本年度办理结果\t(一)予以公开\t3\t1\t0\t0\t0\t0\t4",
                        f"三、本年度办理结果\t(一)予以公开\t3\t1\t0\t0\t0\t0\t{granted}")
    return text


def test_a_collection_page_of_several_bodies_reports_gives_each_body_its_report() -> None:
    bodies = ("示例镇人民政府", "示例镇农业农村综合服务中心", "示例镇退役军人服务站")
    page = "\n".join([
        "首页 > 政务公开 > 法定主动公开内容 > 政府信息公开工作年度报告",
        "示例镇2023年度政府信息公开工作年度报告汇编",
        "",
        *(_body(organ, 4 + i) + "\n" for i, organ in enumerate(bodies)),
        "打印本页\t关闭窗口",
    ])
    with pytest.raises(gkreport.SeveralReportsError) as info:
        gkreport.parse(page)
    titles = [_number(page, f"{organ}2023年政府信息公开工作年度报告") for organ in bodies]
    assert info.value.starts == (1, *titles[1:]) and info.value.line == titles[1]
    reports = gkreport.parse_all(page)
    assert [(r.meta.organ, r.meta.year, r.requests["granted"].total) for r in reports] == [
        ("示例镇人民政府", 2023, 4), ("示例镇农业农村综合服务中心", 2023, 5), ("示例镇退役军人服务站", 2023, 6)]
    # The page's own buttons after the last report are not its text.
    assert reports[-1].section("other_matters").paragraphs == ("无。",)


def test_section_one_starting_again_after_six_sections_is_a_second_report_without_a_title() -> None:
    later = report_2021().replace("2021年1月15日", "2024年1月20日")
    later = "\n".join(_lines(later)[1:])  # the copy lost the second title
    text = CLEAN + "\n" + later
    reports = gkreport.parse_all(text)
    assert [r.meta.template for r in reports] == ["2019", "2021"]
    # It begins after the first one's date: the first keeps its closing, the second its text.
    assert reports[0].meta.signature_date is not None
    assert reports[0].section("other_matters").paragraphs == ("无。",)
    assert _tables(reports[1]) == _tables(gkreport.parse(report_2021()))


def test_the_same_report_printed_twice_is_one_report_read_once() -> None:
    text = CLEAN + "\n\n\n" + CLEAN
    report = gkreport.parse(text)
    assert gkreport.parse_all(text) == [report]
    assert _tables(report) == _tables(gkreport.parse(CLEAN))
    again, end = len(_lines(CLEAN)) + 3, 2 * len(_lines(CLEAN)) + 2
    repeated = [d for d in report.diagnostics if d.code == "report-repeated"]
    assert [(d.line, d.message) for d in repeated] == [
        (again, f"the text holds this report again, word for word, on lines {again}-{end}; read once")]


def test_two_reports_each_printed_on_one_line_are_two_reports() -> None:
    # Two crawled pages, each page's text on one line.
    text = " ".join(CLEAN.split()) + "\n" + " ".join(report_2021().split())
    with pytest.raises(gkreport.SeveralReportsError) as info:
        gkreport.parse(text)
    assert info.value.starts == (1, 2)
    first, later = gkreport.parse_all(text)
    assert (first.meta.year, later.meta.year) == (2020, 2023)
    assert first.requests == gkreport.parse(CLEAN).requests
    assert later.requests == gkreport.parse(report_2021()).requests


def test_a_title_in_prose_a_page_header_or_a_table_of_contents_splits_nothing() -> None:
    title = "示例县人民政府办公室2020年政府信息公开工作年度报告"
    text = CLEAN
    # A PDF's page header: the report's own title at the top of each page, with page numbers.
    for heading in ("三、收到和处理政府信息公开申请情况", "六、其他需要报告的事项"):
        text = replace_line(text, heading, f"— 2 —\n{title}\n{heading}")
    text = replace_line(text, "2020年，本机关主动公开政府信息13条，共受理政府信息公开申请6件。",
                        "现将《示例县人民政府办公室2019年政府信息公开工作年度报告》未尽事项一并说明。\n"
                        "2020年，本机关主动公开政府信息13条，共受理政府信息公开申请6件。")
    text = replace_line(text, "一、总体情况", "\n".join([
        "目录", "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
        "", "一、总体情况"]))
    report = gkreport.parse(text)
    assert gkreport.parse_all(text) == [report]
    assert _tables(report) == _tables(gkreport.parse(CLEAN))
    assert report.meta.signature_date is not None
    assert "page-after-report" not in {d.code for d in report.diagnostics}


# -- the page after the report ------------------------------------------------------------

PAGE_TAIL = [
    "相关链接：",
    "示例县人民政府办公室2019年政府信息公开工作年度报告",
    "上一篇：示例县2020年法治政府建设年度报告",
    "下一篇：关于公布2021年第一批行政许可事项的通知",
    "【打印本页】  【关闭窗口】",
    "主办单位：示例县人民政府办公室　　承办单位：示例县大数据中心",
    "网站标识码：3501000001　　闽ICP备05001234号　　闽公网安备 35010202000123号",
]


@pytest.mark.parametrize("dated", [True, False], ids=["after-the-date", "no-date"])
def test_the_page_after_the_closing_is_not_read_into_section_six(dated: bool) -> None:
    text = CLEAN if dated else CLEAN.removesuffix("\n2021年1月15日")
    text = text + "\n\n" + "\n".join(PAGE_TAIL)
    report = gkreport.parse(text)
    six = report.section("other_matters").paragraphs
    assert six == (("无。",) if dated else ("无。", "示例县人民政府办公室"))
    found = [d for d in report.diagnostics if d.code == "page-after-report"]
    assert len(found) == 1
    assert (found[0].line, found[0].column, found[0].source) == (_number(text, "相关链接："), 1, "相关链接：")
    assert "7 lines" in found[0].message and found[0].severity == "info" and not found[0].is_repair
    assert _tables(report) == _tables(gkreport.parse(CLEAN))


def test_a_report_that_ends_without_a_page_after_it_has_no_such_diagnostic() -> None:
    report = gkreport.parse(CLEAN + "\n打印本页\n关闭窗口")
    assert "page-after-report" not in {d.code for d in report.diagnostics}


# -- reports from before the 2019 template -------------------------------------------------

@pytest.mark.parametrize(("text", "year"), [(OLD_2017, 2017), (OLD_2018, 2018)])
def test_a_report_from_before_2019_says_so_and_names_its_year(text: str, year: int) -> None:
    with pytest.raises(gkreport.PreTemplateReportError) as info:
        gkreport.parse(text)
    assert (info.value.year, info.value.line, info.value.column) == (year, 1, 11)
    assert info.value.text == f"示例县人民政府办公室{year}年政府信息公开工作年度报告"
    assert f"a report on {year}, on the template before 2019" in str(info.value)
    assert isinstance(info.value, gkreport.ParseError)


def test_a_collection_of_old_and_new_reports_names_the_old_one_in_parse_all() -> None:
    with pytest.raises(gkreport.PreTemplateReportError) as info:
        gkreport.parse_all(OLD_2018 + "\n\n" + CLEAN)
    assert info.value.year == 2018


# -- inputs that hold no report text -------------------------------------------------------


@pytest.mark.parametrize(("source", "said"), [
    ("", "the input is empty: 0 characters"),
    (b"", "the input is empty: 0 bytes"),
    (" \n\t\u3000\n", "the input holds only whitespace (5 characters)"),
    (b"\r\n\r\n  ", "the input holds only whitespace (6 bytes)"),
])
def test_an_empty_input_says_it_is_empty(source: str | bytes, said: str) -> None:
    with pytest.raises(gkreport.EmptyInputError, match=said.replace("(", r"\(").replace(")", r"\)")):
        gkreport.parse(source)


def test_an_empty_file_says_it_is_empty(tmp_path: Path) -> None:
    (tmp_path / "2023年报告.html").write_bytes(b"")
    with pytest.raises(gkreport.EmptyInputError, match="0 bytes") as info:
        gkreport.parse(tmp_path / "2023年报告.html")
    assert isinstance(info.value, gkreport.NotAReportError) and info.value.line == 0


def test_a_page_with_no_text_says_so() -> None:
    with pytest.raises(gkreport.EmptyInputError, match="the page holds no text"):
        gkreport.parse("<html><body><div><img src='/a.png'></div></body></html>")


def _scanned_pdf(pages: int) -> bytes:
    """A PDF as a scanner makes one: each page a picture (here, drawn shapes), no text."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    for page in range(pages):
        pdf.rect(72, 72, 400, 600 - 40 * page, fill=0)
        pdf.line(90, 700, 500, 700)
        pdf.circle(300, 400, 50 + page)
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def test_a_pdf_without_a_text_layer_names_its_page_count(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pdfplumber")
    # Without the ocr extra (test_ocr.py reads a scan's pages with it).
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "rapidocr_onnxruntime" else real(name, *a))
    with pytest.raises(gkreport.NoTextLayerError) as info:
        gkreport.parse(_scanned_pdf(3))
    assert info.value.pages == 3
    assert str(info.value).startswith("the PDF has 3 pages and no text: no text layer")
    assert str(info.value).endswith("OCR reads it: pip install 'gkreport[ocr]'")


ATTACHMENT_NAME = "示例县人民政府办公室2023年政府信息公开工作年度报告.pdf"
ATTACHMENT_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>示例县2023年政府信息公开工作年度报告</title></head>
<body>
<div class="crumbs">首页 &gt; 政务公开 &gt; 政府信息公开年报</div>
<h1>示例县人民政府办公室2023年政府信息公开工作年度报告</h1>
<div class="info">发布时间：2024-01-19　来源：县政府办</div>
<div id="zoom">
<p>附件：<a href="/xxgk/zfxxgknb/202401/P020240119563201.pdf">NAME</a></p>
</div>
<div class="footer">主办单位：示例县人民政府办公室</div>
</body></html>""".replace("NAME", ATTACHMENT_NAME)


def test_a_page_that_only_links_its_report_names_the_link() -> None:
    with pytest.raises(gkreport.AttachmentOnlyError) as info:
        gkreport.parse(ATTACHMENT_PAGE)
    error = info.value
    assert error.links == ("/xxgk/zfxxgknb/202401/P020240119563201.pdf",)
    assert "only a link to it as an attachment: /xxgk/zfxxgknb/202401/P020240119563201.pdf" in str(error)
    assert isinstance(error, gkreport.NotAReportError)
    # Line and column of the link's text in the page's text.
    lines = gkreport.extract.extract(ATTACHMENT_PAGE, "html")[0].split("\n")
    assert lines[error.line - 1][error.column - 1:].startswith(ATTACHMENT_NAME)


def test_a_page_linking_a_word_file_by_a_download_button_names_the_link() -> None:
    page = ATTACHMENT_PAGE.replace(
        f'<a href="/xxgk/zfxxgknb/202401/P020240119563201.pdf">{ATTACHMENT_NAME}</a>',
        '<a href="/xxgk/2023%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A.docx">点击下载</a>')
    with pytest.raises(gkreport.AttachmentOnlyError, match=r"2023%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A\.docx"):
        gkreport.parse(page)


def test_a_text_copy_of_such_a_page_names_the_file() -> None:
    text = "\n".join(["示例县人民政府办公室2023年政府信息公开工作年度报告", "发布时间：2024-01-19",
                      "附件：示例县人民政府办公室2023年政府信息公开工作年度报告.doc", "打印本页 关闭窗口"])
    with pytest.raises(gkreport.AttachmentOnlyError) as info:
        gkreport.parse(text)
    assert info.value.links == ("示例县人民政府办公室2023年政府信息公开工作年度报告.doc",)
    assert (info.value.line, info.value.column) == (3, 4)


def test_a_page_with_a_report_s_title_that_links_no_report_is_a_copy_cut_short() -> None:
    # Only text with no report title, no table row and under two section headings is refused:
    # a title and nothing after it is a report whose copy stops before its first section.
    page = ATTACHMENT_PAGE.replace("P020240119563201.pdf", "notice.html")
    report = gkreport.parse(page)
    assert (report.meta.organ, report.meta.year) == ("示例县人民政府办公室", 2023)
    assert report.requests["granted"].total is None
    assert any(d.code == "report-truncated" and "before its first section" in d.message
               for d in report.diagnostics)


def test_a_page_with_no_title_and_no_report_is_not_a_report() -> None:
    page = ATTACHMENT_PAGE.replace("P020240119563201.pdf", "notice.html").replace("<h1>", "<h1>关于").replace(
        "年政府信息公开工作年度报告</h1>", "年度工作安排</h1>")
    with pytest.raises(gkreport.NotAReportError, match="found no report title, no table row") as info:
        gkreport.parse(page)
    assert type(info.value) is gkreport.NotAReportError
