"""``gkreport compare``: two files or a folder, in text, JSON and HTML (read in headless Chromium)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gkreport.cli import main
from snippets import replace_line, report_2019, report_2021
from test_audit_html import _browser_dom

_FORWARD = "四、结转下年度继续办理\t1\t0\t0\t0\t0\t0\t1"


def _next_year_2021(text: str, year: int = 2021) -> str:
    """The 2021-template snippet as the body's report for ``year``."""
    return text.replace("2023年政府", f"{year}年政府")


def _carrying_two() -> str:
    """The 2020 snippet carrying 2 requests forward (and receiving one more to balance)."""
    text = replace_line(report_2019(), _FORWARD, "四、结转下年度继续办理\t2\t0\t0\t0\t0\t0\t2")
    return replace_line(text, "一、本年新收政府信息公开申请数量\t5\t1\t0\t0\t0\t0\t6",
                        "一、本年新收政府信息公开申请数量\t6\t1\t0\t0\t0\t0\t7")


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_two_files_across_the_template_change(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = _write(tmp_path, "2020.txt", report_2019())
    new = _write(tmp_path, "2021.txt", _next_year_2021(report_2021()).replace(
        "信息公开的形式还需进一步规范。", "信息公开的形式还需进一步规范。下一步将加强培训。"))
    assert main(["compare", str(old), str(new), "--fail-on", "error"]) == 0
    out, err = capsys.readouterr()
    assert "body 示例县人民政府办公室 · 2020 → 2021 · template 2019 → 2021" in out
    assert "in-force is not checked across the template change" in out
    assert "22 cells not compared across the template change" in out
    # Changed cells only, with the crosswalk's kind: 2019 本年新制作 6 → 2021 本年制发 10.
    assert "proactive.normative_documents.issued" in out and "+4  [renamed]" in out
    assert "requests.granted.total" not in out  # unchanged
    assert "section problems" in out
    assert "2 reports, 1 compared, 0 checks across years fail" in err


def test_json_and_a_failing_carry_over(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = _write(tmp_path, "a.txt", _carrying_two())
    new = _write(tmp_path, "b.txt", _next_year_2021(report_2021()))
    assert main(["compare", str(old), str(new), "--format", "json", "--fail-on", "error"]) == 1
    data = json.loads(capsys.readouterr().out)
    [comparison] = data["comparisons"]
    failed = [c for c in comparison["checks"] if c["status"] == "fail"]
    assert [c["where"] for c in failed] == ["requests column natural_person", "requests column total"]
    assert failed[0]["severity"] == "error"
    assert [(e["year"], e["row"], e["value"]) for e in failed[0]["evidence"]] == [
        (2020, "carried_forward", 2), (2021, "carried_over", 1)]
    cells = {c["key"]: c for c in comparison["cells"]}
    assert cells["requests.carried_forward.natural_person"]["change"] == -1
    assert cells["requests.other_handling.total"]["kind"] == "sum"
    assert {u["key"] for u in comparison["uncompared"]} >= {"proactive.fees.amount", "proactive.rules.in_force"}


def test_a_folder_pairs_each_body_s_consecutive_years(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _write(corpus, "a2020.txt", report_2019())
    _write(corpus, "a2021.txt", _next_year_2021(report_2021()))
    _write(corpus, "a2022.txt", _next_year_2021(report_2021(), 2022))
    other = report_2019().replace("示例县人民政府办公室", "另一县人民政府办公室")
    _write(corpus, "b2020.txt", other)
    renamed = _next_year_2021(report_2021()).replace("示例县人民政府办公室", "某市示例县人民政府办公室")
    _write(corpus, "c2021.txt", renamed)
    assert main(["compare", str(corpus), "--format", "json", "--jobs", "1"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(c["old"]["year"], c["new"]["year"], c["new"]["body"]) for c in data["comparisons"]] == [
        (2020, 2021, "示例县人民政府办公室"), (2021, 2022, "示例县人民政府办公室")]
    assert [b["code"] for b in data["bodies"]] == ["near-match"]
    # A mapping of your own makes two names one body: 另一县's 2020 and 某市示例县's 2021.
    mapping = _write(tmp_path, "bodies.csv", "name,id\n另一县人民政府办公室,X\n某市示例县人民政府办公室,X\n")
    assert main(["compare", str(corpus), "--format", "json", "--jobs", "1", "--bodies", str(mapping)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(c["old"]["name"].rsplit("/", 1)[-1], c["new"]["name"].rsplit("/", 1)[-1])
            for c in data["comparisons"]] == [("a2020.txt", "a2021.txt"), ("a2021.txt", "a2022.txt"),
                                              ("b2020.txt", "c2021.txt")]


def test_what_cannot_begin_or_be_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = _write(tmp_path, "a.txt", report_2019())
    bad = _write(tmp_path, "bodies.csv", "name,code\n甲,1\n")
    assert main(["compare", str(good), str(good), "--bodies", str(bad)]) == 2
    assert "line 1: no column id" in capsys.readouterr().err
    assert main(["compare", str(good), str(good), "--html", str(tmp_path / "no" / "x.html")]) == 2
    assert "--html" in capsys.readouterr().err
    junk = _write(tmp_path, "junk.txt", "这不是报告。")
    assert main(["compare", str(good), str(junk)]) == 1
    out, err = capsys.readouterr()
    assert "no two consecutive years of one body to compare" in out
    assert f"{junk}:" in err and "1 not read" in err


def test_the_html_page_in_headless_chromium(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _write(corpus, "a2020.txt", _carrying_two())
    _write(corpus, "a2021.txt", _next_year_2021(report_2021()).replace(
        "信息公开的形式还需进一步规范。", "信息公开的形式还需进一步规范。下一步将加强培训。"))
    page = tmp_path / "compare.html"
    assert main(["compare", str(corpus), "--html", str(page), "--jobs", "1"]) == 0
    dom = _browser_dom(page, tmp_path / "profile")
    [section] = dom.xpath("//section[@class='comparison']")
    assert (section.get("data-old-year"), section.get("data-new-year"), section.get("data-failed")) == (
        "2020", "2021", "2")
    failing = dom.xpath("//tr[@class='check'][@data-status='fail']/@data-kind")
    assert failing == ["carry-over", "carry-over"]
    # Written by the page's script: what a reader sees once it ran.
    assert dom.get_element_by_id("verdict").text_content().startswith("2 checks across years fail; ")
    overview = section.xpath(".//div[@data-section='overview']")[0]
    assert float(overview.get("data-repeated")) == 1.0  # the overview is copied word for word
    assert overview.xpath(".//div[@class='diff']/del") == [] and overview.xpath(".//svg/rect")
    problems = section.xpath(".//div[@data-section='problems']")[0]
    assert [e.text for e in problems.xpath(".//div[@class='diff']/ins")] == ["下一步将加强培训。"]
    assert problems.xpath(".//div[@class='diff']/mark")[0].text.startswith("信息公开的形式还需进一步规范。")
    changed = section.xpath(".//tr[contains(@class, 'changed')]/@data-key")
    assert "requests.carried_over.natural_person" not in changed  # 1 both years
    assert "proactive.normative_documents.issued" in changed
