"""The report's structure as the grammar reads it: each table in its section, the sections in
the template's order, the closing told by the date after it; a part out of its place named
(``part-misplaced``) and still read, never a refusal of the whole report."""

from __future__ import annotations

from decimal import Decimal

import pytest
from lark import Lark, Token

import gkreport
from gkreport._grammar import HEADINGS, parser, read_document
from gkreport._normalise import Line
from gkreport._tokens import Heading, MetaField
from snippets import replace_line, report_2019
from whole import whole

CLEAN = report_2019()
PROCUREMENT = ["第二十条第（九）项\t\t", "信息内容\t采购项目数量\t采购总金额", "政府集中采购\t8\t24220"]


def misplaced(report: gkreport.Report) -> list[gkreport.Diagnostic]:
    return [d for d in report.diagnostics if d.code == "part-misplaced"]


def move(text: str, lines: list[str], before: str) -> str:
    """``text`` with ``lines`` taken out and put back just before the line ``before``."""
    rest = [line for line in text.split("\n") if line not in lines]
    at = rest.index(before)
    return "\n".join([*rest[:at], *lines, *rest[at:]])


def test_the_grammar_has_no_shift_reduce_conflict_and_a_heading_terminal_for_each_section() -> None:
    grammar = parser()  # built in lark's strict mode: a shift/reduce conflict would raise
    assert isinstance(grammar, Lark) and grammar.options.strict
    assert set(HEADINGS.values()) <= {rule.origin.name for rule in grammar.rules}
    assert list(HEADINGS.values()) == [s.key for s in gkreport.parse(CLEAN).sections]


def test_a_clean_report_has_nothing_misplaced() -> None:
    assert gkreport.parse(CLEAN).diagnostics == ()


def test_a_clause_table_under_another_section_is_named_and_still_placed() -> None:
    text = move(CLEAN, PROCUREMENT, "四、政府信息公开行政复议、行政诉讼情况")
    report = gkreport.parse(text)
    (found,) = misplaced(report)
    assert found.line == text.split("\n").index(PROCUREMENT[0]) + 1 and found.column == 1
    assert "二's clause table" in found.message and "三、收到和处理政府信息公开申请情况" in found.message
    assert dict(report.proactive["procurement"]) == {"projects": 8, "amount": Decimal(24220)}
    assert whole(report)["requests"] == whole(gkreport.parse(CLEAN))["requests"]


def test_a_table_before_the_first_section_is_named_and_still_placed() -> None:
    text = move(CLEAN, PROCUREMENT, "一、总体情况")
    report = gkreport.parse(text)
    (found,) = misplaced(report)
    assert "before the first section" in found.message
    assert dict(report.proactive["procurement"]) == {"projects": 8, "amount": Decimal(24220)}


def test_a_section_out_of_order_is_read_as_a_sub_heading_and_its_table_still_placed() -> None:
    lines = CLEAN.split("\n")
    appeals = lines[lines.index("四、政府信息公开行政复议、行政诉讼情况"):
                    lines.index("五、存在的主要问题及改进情况")]
    text = move(CLEAN, appeals, "六、其他需要报告的事项")  # 一 二 三 五 四 六
    report = gkreport.parse(text)
    heading, rows = misplaced(report)
    assert "out of the template's order" in heading.message
    assert heading.line == text.split("\n").index(appeals[0]) + 1
    assert "四's appeals table" in rows.message and "五、存在的主要问题及改进情况" in rows.message
    assert report.appeals == gkreport.parse(CLEAN).appeals
    assert [s.key for s in report.sections] == ["overview", "proactive", "requests", "problems",
                                                "other_matters"]
    problems = report.section("problems")
    assert problems is not None and "四、政府信息公开行政复议、行政诉讼情况" in problems.paragraphs


def test_a_heading_printed_again_is_a_sub_heading_of_its_section() -> None:
    text = replace_line(CLEAN, "行政复议\t\t\t\t\t行政诉讼",
                        "四、政府信息公开行政复议、行政诉讼情况\n行政复议\t\t\t\t\t行政诉讼")
    report = gkreport.parse(text)
    (found,) = misplaced(report)
    assert "repeats the heading" in found.message
    assert report.appeals == gkreport.parse(CLEAN).appeals
    assert [s.key for s in report.sections].count("appeals") == 1


def test_strict_mode_refuses_a_misplaced_part() -> None:
    with pytest.raises(gkreport.RepairError) as info:
        gkreport.parse(move(CLEAN, PROCUREMENT, "一、总体情况"), strict=True)
    assert info.value.diagnostic.code == "part-misplaced"  # type: ignore[attr-defined]


# -- the closing: the grammar tells the signature by the date after it --------------------------


def test_a_short_line_before_the_date_is_the_signature() -> None:
    report = gkreport.parse(CLEAN)
    assert report.meta.signature == "示例县人民政府办公室"
    assert str(report.meta.signature_date) == "2021-01-15"
    other = report.section("other_matters")
    assert other is not None and other.paragraphs == ("无。",)


def test_the_closing_without_a_date_has_no_signature() -> None:
    report = gkreport.parse(replace_line(CLEAN, "2021年1月15日", ""))
    assert (report.meta.signature, report.meta.signature_date) == (None, None)
    other = report.section("other_matters")
    assert other is not None and other.paragraphs == ("无。", "示例县人民政府办公室")
    assert report.diagnostics == ()


def test_a_sentence_before_the_date_is_no_signature() -> None:
    text = replace_line(CLEAN, "示例县人民政府办公室",
                        "示例县人民政府办公室\n本报告电子版可在本机关门户网站下载。")
    report = gkreport.parse(text)
    assert report.meta.signature is None and str(report.meta.signature_date) == "2021-01-15"
    other = report.section("other_matters")
    assert other is not None and other.paragraphs[-1] == "本报告电子版可在本机关门户网站下载。"


def test_the_date_without_a_signature() -> None:
    report = gkreport.parse(replace_line(CLEAN, "示例县人民政府办公室", ""))
    assert report.meta.signature is None and str(report.meta.signature_date) == "2021-01-15"


def test_a_signature_and_date_printed_twice_keeps_the_first() -> None:
    report = gkreport.parse(CLEAN + "\n(此件主动公开)\n示例县政务公开办\n2021年2月1日\n附件下载")
    assert report.meta.signature == "示例县人民政府办公室"
    assert str(report.meta.signature_date) == "2021-01-15"
    assert report.diagnostics == ()


# -- the grammar's side, on tokens made by hand: what the tokenizer may one day emit ------------


def tokens(*parts: tuple[str, str]) -> list[Token]:
    """Tokens as the tokenizer makes them: a payload per line (a META field is a publisher)."""
    out = []
    for number, (kind, text) in enumerate(parts, 1):
        line = Line(number, text, text)
        token = Token(kind, kind, line=number, column=1)
        token.value = (Heading(HEADINGS[kind], line) if kind in HEADINGS
                       else MetaField("publisher", text, line) if kind == "META" else line)
        out.append(token)
    return out


def test_a_title_after_section_one_is_named_and_gives_the_organ_and_year() -> None:
    doc = read_document(tokens(("OVERVIEW_HEADING", "一、总体情况"),
                               ("TITLE", "示例县人民政府2020年政府信息公开工作年度报告"),
                               ("PARA", "今年工作顺利。")))
    (found,) = doc.diagnostics
    assert (found.code, found.line) == ("part-misplaced", 2) and "under 一、总体情况" in found.message
    assert (doc.meta["organ"], doc.meta["year"]) == ("示例县人民政府", 2020)
    assert doc.sections[0].paragraphs == ("示例县人民政府2020年政府信息公开工作年度报告", "今年工作顺利。")


def test_stray_metadata_and_a_stray_date_are_named_and_read() -> None:
    doc = read_document(tokens(("OVERVIEW_HEADING", "一、总体情况"), ("META", "示例县人民政府办公室"),
                               ("DATE", "2021年1月15日"), ("PROBLEMS_HEADING", "五、存在的主要问题")))
    assert [(d.code, d.line) for d in doc.diagnostics] == [("part-misplaced", 2), ("part-misplaced", 3)]
    assert doc.meta["publisher"] == "示例县人民政府办公室"
    assert doc.sections[0].paragraphs == ("2021年1月15日",)
    assert "signature_date" not in doc.meta
