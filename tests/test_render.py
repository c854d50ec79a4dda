"""render(): the text it writes in each layout, and real reports written back and read again."""

from __future__ import annotations

import datetime
import doctest
import importlib
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import attrs
import lxml.etree
import lxml.html
import pytest

import gkreport
from gkreport import ClauseItem, Meta, Report
from gkreport.render import DASH, EXACT_LAYOUTS, LAYOUTS, TEXT_LAYOUTS, printed, render
from gkreport.template import APPEAL_GROUPS, APPLICANT_COLUMNS, EMPTY_MARKS, SECTIONS, TEMPLATES
from snippets import report_2019, report_2021
from whole import whole

DATA = Path(__file__).parent / "data"
CORPUS = sorted(DATA.glob("*.txt"))
CLEAN = gkreport.parse(report_2019())


def tables(report: Report) -> dict[str, object]:
    data = whole(report)
    return {key: data[key] for key in ("proactive", "requests", "appeals")}


def test_doctests() -> None:
    # gkreport.render is the function; the module is gkreport's render.py.
    assert doctest.testmod(importlib.import_module("gkreport.render")).failed == 0


@pytest.mark.parametrize("layout", EXACT_LAYOUTS)
@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_real_reports_read_back_cell_for_cell(path: Path, layout: str) -> None:
    report = gkreport.parse(path)
    again = gkreport.parse(render(report, layout))  # type: ignore[arg-type]
    assert tables(again) == tables(report)
    assert again.meta == report.meta
    assert [s.paragraphs for s in again.sections] == [s.paragraphs for s in report.sections]


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_a_real_report_written_back_has_no_repairs_left(path: Path) -> None:
    # The source needed repairs (joined labels, recovered cells); the rendering needs none.
    again = gkreport.parse(render(gkreport.parse(path)))
    assert [d.code for d in again.diagnostics if d.is_repair] == []


@pytest.mark.parametrize("template", sorted(TEMPLATES))
@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_label_and_heading_of_the_template_is_printed(template: str, layout: str) -> None:
    text = render(Report(Meta(organ="示例县", year=2020 if template == "2019" else 2023,
                              template=template)), layout)  # type: ignore[arg-type]
    spec = TEMPLATES[template]  # type: ignore[index]
    wanted = [s.heading for s in SECTIONS] + [printed(r.label) for r in spec.requests]
    wanted += [printed(label) for _, label in spec.groups]
    wanted += [printed(item.labels[0]) for item in spec.proactive]
    wanted += [printed(c.label) for item in spec.proactive for c in item.columns if c.kind != "money"]
    wanted += [c.label for c in APPLICANT_COLUMNS] + [label for _, label in APPEAL_GROUPS]
    missing = [w for w in wanted if w not in text.replace("\n", "")]
    assert missing == []


def test_tabs_prints_the_template_as_copies_from_office_software_do() -> None:
    lines = render(CLEAN).splitlines()
    assert lines[0] == "示例县人民政府办公室2020年政府信息公开工作年度报告"
    assert "第二十条第（五）项" in lines
    assert "行政许可\t384\t+2\t36756" in lines          # a signed change keeps its sign
    assert "三、本年度办理结果\t（一）予以公开\t3\t1\t0\t0\t0\t0\t4" in lines
    assert "\t（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0" in lines
    assert "\t\t3.危及“三安全一稳定”\t0\t0\t0\t0\t0\t0\t0" in lines
    assert lines[-2:] == ["示例县人民政府办公室", "2021年1月15日"]


def test_cells_layout_prints_a_blank_cell_as_a_line_of_spaces() -> None:
    rules = ClauseItem("rules", {"made": 1, "published": None, "total_published": 3})
    lines = render(attrs.evolve(CLEAN, proactive={**CLEAN.proactive, "rules": rules}), "cells").split("\n")
    at = lines.index("      规章")
    assert lines[at:at + 7] == ["      规章", "", "      1", "", "      ", "", "      3"]


def test_tab_led_layout_wraps_header_cells_into_header_words() -> None:
    text = render(CLEAN, "tab-led")
    assert "\t本年新\n制作数量\n\t本年新\n公开数量\n\t对外公开总数量" in text
    assert "\t结果\n维持\n" in text


def test_markdown_layout_has_headings_and_pipe_tables() -> None:
    lines = render(CLEAN, "markdown").splitlines()
    assert lines[0] == "# 示例县人民政府办公室2020年政府信息公开工作年度报告"
    assert "## 三、收到和处理政府信息公开申请情况" in lines
    header = lines.index("| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |")
    assert lines[header + 1:header + 3] == ["|---|---|---|---|", "| 规章 | 0 | 0 | 0 |"]
    assert "| （三）不予公开 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |" in lines


def test_run_together_layout_prints_blank_cells_as_a_dash() -> None:
    assert DASH in EMPTY_MARKS
    rules = ClauseItem("rules", {"made": None, "published": 2, "total_published": None})
    text = render(attrs.evolve(CLEAN, proactive={**CLEAN.proactive, "rules": rules}), "run-together")
    assert f"规章 {DASH} 2 {DASH}" in text.splitlines()


def test_a_blank_first_cell_of_the_appeals_row_is_a_dash_in_every_text_layout() -> None:
    review = attrs.evolve(CLEAN.appeals.review, upheld=None)
    report = attrs.evolve(CLEAN, appeals=attrs.evolve(CLEAN.appeals, review=review))
    assert f"{DASH}\t0\t0\t0\t1\t0" in render(report)
    assert f"| {DASH} | 0 |" in render(report, "markdown")
    # A page has no need of it: its empty cell is a cell of its own.
    page = render(report, "html")
    assert "<tr><td></td><td>0</td><td>0</td><td>0</td><td>1</td>" in page and DASH not in page
    assert gkreport.parse(page).appeals == report.appeals


def test_money_keeps_its_decimals_and_states_its_unit_in_the_header() -> None:
    procurement = ClauseItem("procurement", {"projects": 8, "amount": Decimal("24252.30")}, "万元")
    report = attrs.evolve(CLEAN, proactive={**CLEAN.proactive, "procurement": procurement})
    lines = render(report).splitlines()
    assert "信息内容\t采购项目数量\t采购总金额（单位：万元）" in lines
    assert "政府集中采购\t8\t24252.30" in lines
    assert gkreport.parse(render(report)).proactive["procurement"] == procurement


def test_the_2021_template_prints_its_own_rows_and_columns() -> None:
    report = Report(Meta(organ="示例县", year=2023, template="2021"))
    lines = render(report).splitlines()
    assert "信息内容\t本年制发件数\t本年废止件数\t现行有效件数" in lines
    blank = "\t" * 7  # seven blank cells
    assert "\t（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请" + blank in lines
    assert "\t\t3.其他" + blank in lines
    assert "第二十条第（九）项" not in lines


def test_metadata_block_stands_above_the_title() -> None:
    meta = attrs.evolve(CLEAN.meta, index_number="QZ02101-3000-2024-00013",
                        document_number="泉丰政办综〔2024〕6号", published=datetime.date(2024, 1, 12))
    lines = render(attrs.evolve(CLEAN, meta=meta)).splitlines()
    assert lines[:4] == ["索引号：QZ02101-3000-2024-00013", "文号：泉丰政办综〔2024〕6号",
                         "公文生成日期：2024-01-12", ""]
    assert gkreport.parse("\n".join(lines)).meta == meta
    assert render(attrs.evolve(CLEAN, meta=meta), "markdown").startswith(
        "- 索引号：QZ02101-3000-2024-00013\n- 文号：泉丰政办综〔2024〕6号\n- 公文生成日期：2024-01-12\n\n# ")


def test_a_report_without_sections_or_tables_still_prints_the_whole_template() -> None:
    text = render(Report(Meta(organ="示例县", year=2020)))
    report = gkreport.parse(text)
    assert [s.key for s in report.sections] == [s.key for s in SECTIONS]
    assert all(v is None for row in report.requests.values() for v in row.cells)
    assert report.meta.template == "2019"


def test_keys_the_template_does_not_have_are_refused_not_dropped() -> None:
    other = gkreport.parse(render(Report(Meta(organ="示例县", year=2023, template="2021"))))
    with pytest.raises(ValueError, match=r"other_handling\.no_fee"):
        render(attrs.evolve(CLEAN, requests=other.requests))
    fees = ClauseItem("fees", {"amount": Decimal(1)})
    with pytest.raises(ValueError, match="no column amount"):
        render(attrs.evolve(CLEAN, proactive={**CLEAN.proactive, "fees": fees}))


def test_an_unknown_layout_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown layout 'pdf'"):
        render(CLEAN, "pdf")  # type: ignore[arg-type]


def test_importing_gkreport_does_not_import_hypothesis() -> None:
    code = "import sys, gkreport; gkreport.render; assert 'hypothesis' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


# -- the html layout ----------------------------------------------------------------------------

REPORTS = {"2019": CLEAN, "2021": gkreport.parse(report_2021())}


def page_of(html: str) -> lxml.html.HtmlElement:
    parser = lxml.html.HTMLParser(recover=False)  # a syntax error raises
    page = lxml.html.document_fromstring(html.encode("utf-8"), parser=parser)
    assert list(parser.error_log) == []
    return page


def resolved(table: lxml.html.HtmlElement) -> list[list[str]]:
    """The table's rows with every cell's text in each place it covers; a table whose spans
    overlap or leave it ragged fails."""
    placed: dict[tuple[int, int], str] = {}
    rows = table.findall("tr")
    for r, tr in enumerate(rows):
        c = 0
        for td in tr:
            while (r, c) in placed:
                c += 1
            for dr in range(int(td.get("rowspan", "1"))):
                for dc in range(int(td.get("colspan", "1"))):
                    assert (r + dr, c + dc) not in placed, f"cells overlap at row {r + dr}"
                    placed[r + dr, c + dc] = td.text_content()
            c += int(td.get("colspan", "1"))
    width = 1 + max(c for _, c in placed)
    assert len(placed) == len(rows) * width, "a row is shorter than the others"
    return [[placed[r, c] for c in range(width)] for r in range(len(rows))]


def test_a_layout_that_is_not_text() -> None:
    assert set(LAYOUTS) - set(TEXT_LAYOUTS) == {"html"}


@pytest.mark.parametrize("template", sorted(REPORTS))
def test_html_layout_is_a_well_formed_page_of_the_report(template: str) -> None:
    report = REPORTS[template]
    html = render(report, "html")
    assert html.startswith("<!DOCTYPE html>\n<html")
    page = page_of(html)
    assert page.find("head/meta").get("charset") == "utf-8"
    assert page.findtext("head/title") == report.meta.title == page.findtext("body/h1")
    assert [h.text for h in page.iter("h2")] == [s.heading for s in report.sections]
    paragraphs = [p.text for p in page.iter("p") if p.get("class") is None]
    assert paragraphs == [p for s in report.sections for p in s.paragraphs]
    day = report.meta.signature_date
    assert day is not None and report.meta.signature is not None
    assert [p.text for p in page.iter("p") if p.get("class") == "closing"] == [
        report.meta.signature, f"{day.year}年{day.month}月{day.day}日"]
    # 二's clause tables are one table, as in the template; 三 and 四 one each.
    assert len(page.findall("body/table")) == 3


@pytest.mark.parametrize("template", sorted(REPORTS))
def test_html_layout_merges_the_cells_the_official_template_merges(template: str) -> None:
    page = page_of(render(REPORTS[template], "html"))
    spans: dict[str, tuple[int, int]] = {}
    for cell in page.iter("td", "th"):  # the first cell of each text: headers come first
        spans.setdefault(cell.text_content(), (int(cell.get("rowspan", "1")), int(cell.get("colspan", "1"))))
    wanted = {
        "": (3, 3), "申请人情况": (1, 7), "自然人": (2, 1), "法人或其他组织": (1, 5), "总计": (2, 1),
        "商业企业": (1, 1),
        "一、本年新收政府信息公开申请数量": (1, 3), "二、上年结转政府信息公开申请数量": (1, 3),
        "三、本年度办理结果": (20, 1) if template == "2019" else (22, 1),
        "（一）予以公开": (1, 2), "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": (1, 2),
        "（三）不予公开": (8, 1), "1.属于国家秘密": (1, 1), "（四）无法提供": (3, 1),
        "（五）不予处理": (5, 1), "（六）其他处理": (1, 2) if template == "2019" else (3, 1),
        "（七）总计": (1, 2), "四、结转下年度继续办理": (1, 3),
        "行政复议": (1, 5), "行政诉讼": (1, 10), "结果维持": (2, 1), "未经复议直接起诉": (1, 5),
        "复议后起诉": (1, 5),
        "第二十条第（一）项": (1, 4), "第二十条第（八）项": (1, 4), "信息内容": (1, 1),
    }
    if template == "2021":
        wanted |= {"本年处理决定数量": (1, 3), "本年收费金额（单位：万元）": (1, 3)}
    assert {text: spans.get(text) for text in wanted} == wanted


@pytest.mark.parametrize("template", sorted(REPORTS))
def test_html_tables_are_rectangles_with_the_outcome_block_beside_its_rows(template: str) -> None:
    clauses, matrix, appeals = (resolved(t) for t in page_of(render(REPORTS[template], "html")).iter("table"))
    assert {len(row) for row in clauses} == {4}
    assert {len(row) for row in matrix} == {10} and {len(row) for row in appeals} == {15}
    # 三、本年度办理结果 stands beside (一) to (七) and nothing else.
    beside = [row[1] for row in matrix if row[0] == "三、本年度办理结果"]
    assert beside[0] == "（一）予以公开" and beside[-1] == "（七）总计"
    assert all(label.startswith("（") for label in beside)
    assert [row[0] for row in matrix[3:]].count("三、本年度办理结果") == len(beside)
    assert appeals[2][:5] == appeals[1][:5]  # the review columns' names span both header rows


def test_html_layout_prints_a_blank_cell_as_an_empty_cell_and_reads_it_back() -> None:
    rules = ClauseItem("rules", {"made": 1, "published": None, "total_published": 3})
    granted = attrs.evolve(CLEAN.requests["granted"], commercial=None)
    review = attrs.evolve(CLEAN.appeals.review, upheld=None, total=None)
    requests = attrs.evolve(CLEAN.requests, rows={**CLEAN.requests.rows, "granted": granted})
    report = attrs.evolve(CLEAN, proactive={**CLEAN.proactive, "rules": rules}, requests=requests,
                          appeals=attrs.evolve(CLEAN.appeals, review=review))
    page = render(report, "html")
    assert "<tr><td>规章</td><td>1</td><td></td><td>3</td></tr>" in page
    assert "<td colspan=\"2\">（一）予以公开</td><td>3</td><td></td>" in page
    again = gkreport.parse(page)
    assert tables(again) == tables(report)
    assert [d.code for d in again.diagnostics if d.is_repair] == []


def test_html_layout_escapes_text() -> None:
    problems = "完善<b>公开</b>目录，依据<条例>第二十条 & 第二十一条。"
    sections = tuple(attrs.evolve(s, paragraphs=(problems,)) if s.key == "problems" else s
                     for s in CLEAN.sections)
    page = render(attrs.evolve(CLEAN, sections=sections), "html")
    assert "<p>完善&lt;b&gt;公开&lt;/b&gt;目录，依据&lt;条例&gt;第二十条 &amp; 第二十一条。</p>" in page
    assert page_of(page).find("body/b") is None
    assert gkreport.parse(page).section("problems").paragraphs == (problems,)  # type: ignore[union-attr]


def test_html_layout_marks_characters_no_page_may_hold() -> None:
    sections = tuple(attrs.evolve(s, paragraphs=("无\x0b。",)) if s.key == "other_matters" else s
                     for s in CLEAN.sections)
    page = render(attrs.evolve(CLEAN, sections=sections), "html")
    assert "<p>无\ufffd。</p>" in page
