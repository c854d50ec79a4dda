"""The public boundary: errors, strict mode, the 2021 template, export and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import gkreport
from gkreport.cli import main
from snippets import replace_line, report_2019, report_2021

DATA = Path(__file__).parent / "data"
CLEAN = report_2019()


@pytest.mark.parametrize("text", ["你好，世界。", "一、总体情况\n今年工作顺利。", "\t0\t1\n" * 3])
def test_text_that_is_not_a_report(text: str) -> None:
    with pytest.raises(gkreport.NotAReportError, match="not a 政府信息公开工作年度报告"):
        gkreport.parse(text)


def test_binary_bytes_are_a_decode_error_with_no_traceback_from_inside() -> None:
    with pytest.raises(gkreport.DecodeError, match="binary"):
        gkreport.parse(b"\x00\x01PK\x03\x04" * 50)


def test_a_missing_file_is_a_file_not_found_error() -> None:
    with pytest.raises(FileNotFoundError, match=r"no-such-report\.txt"):
        gkreport.parse(DATA / "no-such-report.txt")


def test_errors_carry_line_and_column() -> None:
    with pytest.raises(gkreport.NotAReportError) as info:
        gkreport.parse("\n\n工作简报\n")
    assert (info.value.line, info.value.column, info.value.text) == (3, 1, "工作简报")


def test_strict_mode_raises_on_the_first_repair() -> None:
    text = replace_line(CLEAN, "\t\t4.保护第三方合法权益\t0\t0\t0\t0\t0\t0\t0",
                        "\t\t4.保护第三方法合法权益\t0\t0\t0\t0\t0\t0\t0")
    with pytest.raises(gkreport.RepairError) as info:
        gkreport.parse(text, strict=True)
    assert info.value.diagnostic.code == "label-fuzzy"  # type: ignore[attr-defined]
    assert info.value.line == CLEAN.split("\n").index("\t\t4.保护第三方合法权益\t0\t0\t0\t0\t0\t0\t0") + 1
    assert gkreport.parse(CLEAN, strict=True).diagnostics == ()


def test_arithmetic_identities_that_fail_are_reported() -> None:
    text = replace_line(CLEAN, "三、本年度办理结果\t(一)予以公开\t3\t1\t0\t0\t0\t0\t4",
                        "三、本年度办理结果\t(一)予以公开\t3\t1\t0\t0\t0\t0\t5")
    text = replace_line(text, "\t".join(["1", "0", "0", "0", "1"] + ["0"] * 10),
                        "\t".join(["1", "0", "0", "0", "2"] + ["0"] * 10))
    found = {d.code: d for d in gkreport.parse(text).diagnostics}
    assert set(found) == {"sum-row", "sum-outcomes", "sum-appeals"}
    assert "sum to 4" in found["sum-row"].message and found["sum-row"].line > 0
    text = replace_line(CLEAN, "四、结转下年度继续办理\t1\t0\t0\t0\t0\t0\t1",
                        "四、结转下年度继续办理\t2\t0\t0\t0\t0\t0\t2")
    assert {d.code for d in gkreport.parse(text).diagnostics} == {"balance"}


def test_2021_template_is_detected_from_its_tables() -> None:
    report = gkreport.parse(report_2021())
    assert report.meta.template == "2021"
    assert dict(report.proactive["normative_documents"]) == {
        "issued": 10, "repealed": 8, "in_force": 51}
    assert {"other_handling.no_correction", "other_handling.no_fee",
            "other_handling.other"} <= set(report.requests)
    assert report.requests["other_handling.other"].total == 0
    assert report.proactive["fees"]["amount"] == Decimal("1.25")
    assert report.proactive["fees"].unit == "万元"
    assert set(report.proactive) == {"rules", "normative_documents", "licensing", "penalties",
                                     "coercion", "fees"}
    assert "other_handling" not in report.requests


def test_to_dict_is_json_with_vocabulary_keys() -> None:
    data = json.loads(json.dumps(gkreport.to_dict(gkreport.parse(CLEAN))))
    assert set(data) == {"source", "meta", "sections", "proactive", "requests", "appeals", "status", "lines",
                         "diagnostics"}
    assert data["requests"]["denied.state_secret"] == {
        "natural_person": 0, "commercial": 0, "research": 0, "social_welfare": 0,
        "legal_services": 0, "other": 0, "total": 0}
    assert data["proactive"]["procurement"] == {"projects": 8, "amount": "24220"}
    assert data["meta"]["signature_date"] == "2021-01-15"
    assert data["sections"][0] == {"key": "overview", "heading": "一、总体情况", "paragraphs": [
        "2020年，本机关主动公开政府信息13条，共受理政府信息公开申请6件。"]}


def test_diagnostics_export_with_code_severity_and_place() -> None:
    data = gkreport.to_dict(gkreport.parse(DATA / "004_48696eb35ee8e3c7.txt"))
    fuzzy = next(d for d in data["diagnostics"] if d["code"] == "label-fuzzy")
    assert fuzzy["severity"] == "warning" and fuzzy["line"] == 67
    assert "保护第三方法合法权益" in fuzzy["source"]


def test_cli_parses_several_files_and_goes_on_after_a_bad_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("这不是年度报告。", encoding="utf-8")
    status = main(["parse", str(DATA / "000_cf9562a21e5519b3.txt"), str(bad),
                   str(DATA / "003_bca12cc4fb8d9f2c.txt")])
    out, err = capsys.readouterr()
    assert status == 1
    lines = out.splitlines()
    assert [json.loads(line)["meta"]["year"] for line in lines] == [2020, 2020]
    assert err.count("\n") == 1 and "bad.txt" in err and "not a" in err


def test_cli_text_format_lays_out_the_tables(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--format", "text", str(DATA / "000_cf9562a21e5519b3.txt")]) == 0
    out = capsys.readouterr().out
    assert "泉州市洛江区人民政府办公室 · 2020 · template 2019" in out
    assert "value-recovered" in out
    assert any(line.split()[:1] == ["granted"] and line.split()[-1] == "4" for line in out.splitlines())


def test_python_dash_m_entry_point() -> None:
    result = subprocess.run([sys.executable, "-m", "gkreport", "parse", str(DATA / "002_1cb59e66f00bcffe.txt")],
                            capture_output=True, text=True, check=True)
    assert json.loads(result.stdout)["meta"]["organ"] == "江源区"
