"""The HTML reader gives, page for page, the text the reader before it gave (html_reference.py):
on the pages the tests lay out as sites do, on the html layout of render, on pages of drawn
reports, on drawn tag soup that puts headings, titles, tables and skipped elements anywhere,
and on hand-made pages of the odd shapes real ones take."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gkreport
import html_reference
from gkreport._normalise import normalise_line
from gkreport.errors import DecodeError
from gkreport.extract import html_text
from gkreport.strategies import reports
from govpage import government_page
from snippets import report_2019, report_2021

TESTS = Path(__file__).parent
REPORT_FILES = sorted([*(TESTS / "data").glob("*.txt"), *(TESTS / "copies").glob("*/*.txt")])


def same_text(page: str) -> None:
    """html_text gives the reference's text, or fails as it does."""
    try:
        want = html_reference.html_text(page)
    except DecodeError as exc:
        with pytest.raises(DecodeError) as info:
            html_text(page)
        assert str(info.value) == str(exc)
        return
    assert html_text(page) == want


@pytest.mark.parametrize("source", [*REPORT_FILES, "2019", "2021"],
                         ids=lambda s: s if isinstance(s, str) else f"{s.parent.name}/{s.stem}")
def test_a_reports_pages_read_as_before(source: Path | str) -> None:
    text = source if isinstance(source, Path) else report_2019() if source == "2019" else report_2021()
    report = gkreport.parse(text)
    for page in (government_page(report), gkreport.render(report, "html")):
        same_text(page)


def test_the_html_files_of_the_tests_read_as_before() -> None:
    for path in sorted(TESTS.rglob("*.html")):
        same_text(path.read_text(encoding="utf-8", errors="replace"))


@settings(max_examples=60)
@given(reports())
def test_drawn_reports_pages_read_as_before(report: gkreport.Report) -> None:
    same_text(gkreport.render(report, "html"))
    same_text(government_page(report))


# -- tag soup ---------------------------------------------------------------------------------

_WORDS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
          "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
          "总 体\u3000情况", "“主动公开”", "某县2023年政府信息公开工作年度报告", "2022年度报告",
          "索引号：1135-2021", "发布机构：某县", "12", "0", "—", "+3", "予以公开", "", " ", "\u00a0",
          "&nbsp;", "\u3000", "a\n\t b", "x" * 90, "首页"]
_TAGS = ["div", "p", "span", "font", "b", "td", "th", "tr", "table", "tbody", "br", "noscript", "script",
         "select", "option", "h1", "li", "ul", "form", "caption", "a", "object", "center", "body", "title"]
_SPANS = ["", ' rowspan="2"', ' colspan="3"', ' rowspan="0"', ' colspan=" 2 "', ' rowspan="x"',
          ' rowspan="100000" colspan="100000"']


def _element(tag: str, span: str, children: list[str]) -> str:
    return f"<{tag}{span}>{''.join(children)}</{tag}>"


_TEXT = st.sampled_from(_WORDS) | st.sampled_from(["<?php x ?>", "<!-- c -->", "<br>"])
SOUP = st.recursive(_TEXT, lambda inner: st.builds(_element, st.sampled_from(_TAGS), st.sampled_from(_SPANS),
                                                   st.lists(inner, max_size=6)), max_leaves=60)


@settings(max_examples=300)
@given(st.lists(SOUP, min_size=1, max_size=8), st.booleans())
def test_tag_soup_reads_as_before(parts: list[str], whole_page: bool) -> None:
    page = "".join(parts)
    same_text(f"<!DOCTYPE html><html><head><title>t</title></head><body>{page}</body></html>"
              if whole_page else page)


# -- odd shapes -------------------------------------------------------------------------------

_HEADINGS = "".join(f"<p>{w}</p>" for w in _WORDS[:6])
_TITLE = "<h1>某县人民政府办公室2023年政府信息公开工作年度报告</h1>"
_TABLE = '<table><tr><td rowspan="2">三</td><td>(一)予以公开</td><td>3</td></tr><tr><td>1</td></tr></table>'

ODD = {
    "inline container": f"<div>前言<font>{_HEADINGS}{_TABLE}</font>后记</div>",
    "inline container mid-line": "<p>前<span>一、总体情况<b>二、主动公开</b></span>后</p><p>尾</p>",
    "container a data table": '<table><tr><td>一、总体情况</td></tr><tr><td>二、主动公开</td></tr></table>',
    "container inside a cell": '<table><tr><td><p>一、总体情况</p><p>二、主动公开</p></td></tr></table>',
    "headings in noscript": f"{_TITLE}<noscript>{_HEADINGS}</noscript><p>正文</p>",
    "headings in a tail": f"<div><span><b>一、总体情况</b></span>二、主动公开政府信息情况</div>{_HEADINGS}",
    "tail before descendants": "<div><span><b>总体情况</b></span>总体情况</div><p>二、主动公开</p>",
    "row inside a cell": "<table><tr><td>a<tr><td>一、总体情况</td></tr></td><td>b</td></tr></table>",
    "row under other markup": "<table><tr><td>a</td></tr><form><tr><td>b</td></tr></form></table>",
    "row under skipped markup": "<table><tr><td>a</td></tr><noscript><tr><td>b</td></tr></noscript></table>",
    "processing instructions": f"<div><?php a ?>一、总体情况<?x?>尾<p>二、主动公开</p></div>{_TITLE}",
    "no body": "<title>2023年度报告</title>",
    "body tail": f"<html><body>{_TITLE}<div>{_HEADINGS}</div></body>某县2023年政府信息公开工作年度报告</html>",
    "title after the report": f"<div>{_HEADINGS}</div>{_TITLE}",
    "title split by markup": f"<h1>某县人民政府<span>2023年</span>政府信息公开工作年度报告</h1>{_HEADINGS}",
    "titles, the last wins": f"{_TITLE}<p>某市2022年度信息公开报告全文</p><div>{_HEADINGS}</div>",
    "metadata above": f"<table><tr><td>索引号：1</td><td>发布机构：某县</td></tr></table><p>{_HEADINGS}</p>",
    "two reports": f"<div>{_HEADINGS}</div><div>{_HEADINGS}</div>",
    "one heading": "<div><p>一、总体情况</p></div><p>尾</p>",
    "empty document": "<!-- nothing -->",
    "only whitespace": " \n\t ",
    "nested layout tables": f"<table><tr><td><table><tr><td>x</td></tr></table>{_HEADINGS}</td></tr></table>",
}


@pytest.mark.parametrize("page", ODD.values(), ids=ODD.keys())
def test_odd_pages_read_as_before(page: str) -> None:
    same_text(page)


def test_only_two_colons_normalise_to_a_colon() -> None:
    # The HTML reader skips the metadata test on a line with neither colon (extract._is_meta):
    # right only while normalise_line makes ":" of no other character.
    made = [chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000 and ":" in normalise_line(chr(c))]
    assert made == [":", "："]
