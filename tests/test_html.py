"""Web pages: the report inside a site's page, its merged cells, its charset."""

from __future__ import annotations

import datetime
from pathlib import Path

import attrs
import pytest

import gkreport
from gkreport.extract import html_text, sniff
from gkreport.render import DASH
from govpage import government_page
from snippets import report_2019, report_2021


def _tables(report: gkreport.Report) -> tuple[object, ...]:
    return report.proactive, report.requests, report.appeals


@pytest.mark.parametrize("make", [report_2019, report_2021], ids=["2019", "2021"])
def test_a_government_page_parses_as_its_text_does(make: object) -> None:
    assert callable(make)
    text_report = gkreport.parse(make())
    page = government_page(text_report)
    page_report = gkreport.parse(page)
    assert _tables(page_report) == _tables(text_report)
    # The page's metadata table, above the title, is read too.
    assert page_report.meta == attrs.evolve(
        text_report.meta, index_number="11350100-2021-00012", publisher="示例县人民政府办公室",
        published=datetime.date(2021, 1, 20))
    assert [d for d in page_report.diagnostics if d.is_repair] == []
    # The narrative survives, and the site's navigation and footer are not part of it.
    assert page_report.section("overview") == text_report.section("overview")
    assert page_report.section("other_matters") == text_report.section("other_matters")
    assert "首页" not in html_text(page) and "主办单位" not in html_text(page)


def test_merged_cells_leave_empty_cells_where_text_copies_have_them() -> None:
    page = """<table>
      <tr><td rowspan="3">三、本年度办理结果</td><td colspan="2">(一)予以公开</td><td>3</td></tr>
      <tr><td rowspan="2">(三)不予公开</td><td>1.属于国家秘密</td><td>&nbsp;</td></tr>
      <tr><td><p>2.其他法律行政</p><p>法规禁止公开</p></td><td>0</td></tr>
    </table>"""
    assert html_text(page).split("\n") == [
        "三、本年度办理结果\t(一)予以公开\t3",
        "\t(三)不予公开\t1.属于国家秘密\t",
        "\t\t2.其他法律行政 法规禁止公开\t0",
    ]


def test_a_row_span_in_the_middle_of_a_row() -> None:
    page = """<table><tr><td>a</td><td rowspan="2">总计</td><td>b</td></tr>
              <tr><td>c</td><td>d</td></tr></table>"""
    assert html_text(page).split("\n") == ["a\t总计\tb", "c\t\td"]


def test_gbk_page_declared_as_gb2312(tmp_path: Path) -> None:
    page = government_page(gkreport.parse(report_2019()))
    page = page.replace("charset=utf-8", "charset=gb2312")
    path = tmp_path / "report.html"
    # 〇-free text, but a GBK-only character (镕) that GB2312 lacks, as real pages have.
    path.write_bytes(page.replace("信息公开的形式", "信息公开(镕)的形式").encode("gbk"))
    report = gkreport.parse(path)
    assert report.requests["granted"].total == 4
    assert "镕" in report.section("problems").text  # type: ignore[union-attr]
    assert "encoding" in [d.code for d in report.diagnostics]


def test_format_is_told_from_the_start_or_asked_for() -> None:
    assert sniff("  <html><body></body></html>") == "html"
    assert sniff(b"%PDF-1.7\n") == "pdf"
    assert sniff(b"PK\x03\x04rest") == "docx"
    assert sniff("一、总体情况\n<table>") == "text"
    assert sniff("x", ".htm") == "html"
    page = government_page(gkreport.parse(report_2019()))
    # Asked for, the format wins over sniffing (the page without its doctype still parses).
    body = page.split("<body>", 1)[1]
    assert gkreport.parse("报告正文\n" + body, format="html").requests["granted"].total == 4
    with pytest.raises(ValueError):
        gkreport.parse("text", format="xml")  # type: ignore[arg-type]


def test_a_page_with_no_report_is_not_a_report() -> None:
    page = "<html><body><div class='nav'>首页</div><p>欢迎访问本网站。</p></body></html>"
    with pytest.raises(gkreport.NotAReportError):
        gkreport.parse(page)


def test_hostile_spans_are_capped() -> None:
    page = "<table>" + '<tr><td colspan="100000" rowspan="100000">x</td><td>1</td></tr>' * 50 + "</table>"
    lines = html_text(page).split("\n")
    assert len(lines) == 50 and lines[0] == "x\t1"


def test_an_empty_cell_leading_a_row_of_values_is_a_blank_value() -> None:
    # In text, an empty cell leading a line reads as merged label cells; a dash, as a blank.
    page = """<table><tr><td></td><td>申请人情况</td></tr>
              <tr><td rowspan="2">结果维持</td><td>1</td></tr>
              <tr><td>2</td></tr>
              <tr><td></td><td>0</td><td>&nbsp;</td><td>+2</td></tr></table>"""
    assert html_text(page).split("\n") == [
        "\t申请人情况",  # beside a header: the corner of the table
        "结果维持\t1", "\t2",  # under a cell from above
        f"{DASH}\t0\t\t+2",  # a cell of its own in a row of values, blank as render prints it
    ]
