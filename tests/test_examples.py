"""Every script in examples/ runs, as a user would run it, and does what its docstring says."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"


def run(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "examples" / script), *args],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)


def test_parse_one() -> None:
    result = run("parse_one.py", str(DATA / "001_e94c29de80bcac7c.txt"))
    assert result.returncode == 0, result.stderr
    assert "泉州市丰泽区人民政府办公室 2023 (template 2021)" in result.stdout
    assert "granted in full: 11" in result.stdout
    assert "cells: 196 read, 4 blank" in result.stdout
    recovered = run("parse_one.py", str(DATA / "000_cf9562a21e5519b3.txt"))
    assert "requests.total.commercial = 0 (recovered)" in recovered.stdout


def test_folder_to_csv(tmp_path: Path) -> None:
    out = tmp_path / "reports.csv"
    result = run("folder_to_csv.py", str(DATA), str(out))
    assert result.returncode == 0, result.stderr
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(list(DATA.glob("*.txt")))
    by_source = {Path(r["source"]).name: r for r in rows}
    assert by_source["001_e94c29de80bcac7c.txt"]["requests.granted.total"] == "11"
    assert by_source["001_e94c29de80bcac7c.txt"]["appeals.review.pending"] == ""  # blank, not 0


def test_audit_corpus(tmp_path: Path) -> None:
    out = tmp_path / "audit.html"
    result = run("audit_corpus.py", str(DATA), str(out))
    assert result.returncode == 0, result.stderr
    assert "cannot-check  " in result.stdout and "001_e94c29de80bcac7c.txt" in result.stdout
    assert "001_e94c29de80bcac7c.txt" in out.read_text(encoding="utf-8")


def test_fuzz_downstream() -> None:
    result = run("fuzz_downstream.py")
    assert result.returncode == 0, result.stderr
    assert "naive score: fails as expected" in result.stdout
    assert result.stdout.count(": ok") == 3


def test_compare_years(tmp_path: Path) -> None:
    from snippets import report_2019

    old, new, out = tmp_path / "2019.txt", tmp_path / "2020.txt", tmp_path / "compare.html"
    old.write_text(report_2019().replace("2020年政府", "2019年政府"), encoding="utf-8")
    edited = report_2019().replace("信息公开的形式还需进一步规范。", "队伍建设有待加强。")
    new.write_text(edited, encoding="utf-8")
    result = run("compare_years.py", str(old), str(new), str(out))
    assert result.returncode == 0, result.stderr
    assert "pass         carry-over requests column natural_person: both are 1" in result.stdout
    assert "section overview: 100% repeats last year's text" in result.stdout
    assert "section problems: 0% repeats last year's text" in result.stdout
    assert "<del>信息公开的形式还需进一步规范。" in out.read_text(encoding="utf-8")


def test_panel(tmp_path: Path) -> None:
    out, page, chart = tmp_path / "panel.csv", tmp_path / "summary.html", tmp_path / "outcomes.svg"
    result = run("panel.py", str(DATA), "--out", str(out), "--html", str(page), "--chart", str(chart))
    assert result.returncode == 0, result.stderr
    assert "江源区  county    2020  received 0 (read)" in result.stdout
    assert "2023: 1 reports, granted in full 42.3%" in result.stdout
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["year"] for r in rows] == ["2020", "2023", "2020", "2020", "2020"]
    assert rows[1]["requests.other_handling.total"] == "0"  # 2021 template: a sum of three rows
    assert page.read_text(encoding="utf-8").count("<svg") == 3
    # The chart the docs show (docs/datasets.md) is this one.
    assert chart.read_text(encoding="utf-8") == (ROOT / "docs" / "_static" / "summary_outcomes.svg").read_text(
        encoding="utf-8")
