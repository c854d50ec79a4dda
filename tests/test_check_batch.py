"""What a newcomer trips over on the command line: ``check`` on folders through the batch,
full names, unreadable files as errors, ``export`` that writes nothing before it fails, what
a folder holds that is not read, and the progress bar on a terminal of no size."""

from __future__ import annotations

import errno
import io
import json
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import gkreport
from gkreport.audit import Read, audit_paths, audit_read
from gkreport.audit_report import render_html
from gkreport.batch import Found, expand, find
from gkreport.cli import main
from govpage import government_page
from snippets import report_2019

DATA = Path(__file__).parent / "data"
CORPUS = sorted(str(p) for p in DATA.glob("*.txt"))


# -- the progress bar --------------------------------------------------------------------


class _Terminal(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        return 2


def test_the_bar_is_drawn_on_a_terminal_that_reports_no_size(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # Some CI terminals and serial consoles report 0 columns and 0 lines; tqdm took that
    # height for -1 rows and drew nothing.
    no_size = os.terminal_size((0, 0))
    monkeypatch.setattr(os, "get_terminal_size", lambda *_: no_size)
    monkeypatch.setattr(shutil, "get_terminal_size", lambda *_: no_size)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["parse", CORPUS[2], "--format", "text"]) == 0
    capsys.readouterr()
    drawn = [line.split("\n")[0] for line in terminal.getvalue().split("\r")]
    bars = [line for line in drawn if "1/1" in line]
    assert bars and "100%|" in bars[-1]
    assert len(bars[-1]) in (79, 80)  # the width it falls back to


# -- export writes nothing before it fails -----------------------------------------------


def _results(tmp_path: Path, *lines: str) -> str:
    """A parse --out file: the records of CORPUS[2] and CORPUS[3], then ``lines``."""
    path = tmp_path / "results.jsonl"
    assert main(["parse", CORPUS[2], CORPUS[3], "--out", str(path)]) == 0
    with path.open("a", encoding="utf-8") as out:
        out.writelines(line + "\n" for line in lines)
    return str(path)


@pytest.mark.parametrize(("line", "said"), [
    ("{not json", "results.jsonl:3: not JSON: "),
    ("[1, 2]", "results.jsonl:3: not a JSON object"),
    ('{"organ": "x"}', "results.jsonl:3: not a record of gkreport parse --out"),
], ids=["not-json", "not-an-object", "not-a-record"])
def test_export_of_a_bad_line_writes_no_header_to_stdout(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, said: str) -> None:
    results = _results(tmp_path, line)
    capsys.readouterr()
    assert main(["export", results, "--format", "csv"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    (error,) = captured.err.splitlines()
    assert error.startswith(f"gkreport: {results[:-len('results.jsonl')]}") and said in error


def test_export_of_a_bad_line_leaves_out_as_it_was(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    results = _results(tmp_path, "{not json")
    made, kept = tmp_path / "new.csv", tmp_path / "old.csv"
    kept.write_text("last week's table\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["export", results, "--out", str(made)]) == 1
    assert main(["export", results, "--out", str(kept)]) == 1
    assert not made.exists() and kept.read_text(encoding="utf-8") == "last week's table\n"
    assert capsys.readouterr().err.count("results.jsonl:3: not JSON") == 2


def test_export_of_good_lines_still_writes_every_row(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    results = _results(tmp_path)
    capsys.readouterr()
    assert main(["export", results, "--wide"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0].startswith("source,organ,year,template,") and len(rows) == 3
    assert main(["export", results, "--wide", "--out", str(tmp_path / "t.csv")]) == 0
    assert (tmp_path / "t.csv").read_text(encoding="utf-8").splitlines() == rows


# -- what a folder holds that is not read ------------------------------------------------


@pytest.fixture
def unreadable(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """Folders appended to the list become unreadable: by their mode, or where the tests run
    as root (who reads them all the same) by an os.scandir that refuses them as the mode would."""
    folders: list[Path] = []
    real = os.scandir

    def scandir(path: str | os.PathLike[str] = ".") -> Iterator[os.DirEntry[str]]:
        refused = {os.path.normpath(folder) for folder in folders if os.access(folder, os.R_OK)}
        if os.path.normpath(path) in refused:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
        return real(path)  # type: ignore[return-value]

    monkeypatch.setattr(os, "scandir", scandir)
    yield folders
    for folder in folders:
        folder.chmod(0o755)


def _lock(folder: Path, unreadable: list[Path]) -> None:
    folder.chmod(0)
    unreadable.append(folder)


def _folder(tmp_path: Path, unreadable: list[Path]) -> Path:
    """A folder of two reports (a .txt, an .shtml page), files not read and a locked subfolder."""
    reports = tmp_path / "reports"
    (reports / "a" / "locked").mkdir(parents=True)
    (reports / "a" / "1.txt").write_text(Path(CORPUS[2]).read_text(encoding="utf-8"), encoding="utf-8")
    (reports / "a" / "locked" / "2.txt").write_text("x", encoding="utf-8")
    page = government_page(gkreport.parse(Path(CORPUS[3])))
    (reports / "page.shtml").write_text(page, encoding="utf-8")
    for name in ("old.et", "b.et", "sheet.xls", "c.wps"):
        (reports / name).write_bytes(b"\xd0\xcf\x11\xe0")
    for name in ("index.json", "README.md", "style.css"):  # a crawler's leavings: no documents
        (reports / name).write_text("{}", encoding="utf-8")
    _lock(reports / "a" / "locked", unreadable)
    return reports


def test_a_folder_gives_its_shtml_pages_and_says_what_it_skipped(
        tmp_path: Path, unreadable: list[Path]) -> None:
    reports = _folder(tmp_path, unreadable)
    found = find([reports])
    assert [os.path.relpath(f, reports) for f in found.files] == ["page.shtml", "a/1.txt"]
    assert expand([reports]) == list(found.files)
    locked = os.path.join(reports, "a", "locked")
    assert found.unreadable == (locked,)
    assert found.skipped == f"skipped 5: 1 unreadable folder ({locked}), 2 .et files, 1 .wps file, 1 .xls file"


def test_the_skipped_line_groups_many_and_is_empty_for_none() -> None:
    assert Found(("a.txt",)).skipped == ""
    found = Found((), unreadable=tuple(f"f{i}" for i in range(5)),
                  passed_over=("a.jpg", "b.JPG", "c.css", "d", "e.et", "f.js", "g.js", "h.png"))
    assert found.skipped == ("skipped 13: 5 unreadable folders (f0, f1, f2 and 2 more), 2 .jpg files, "
                             "2 .js files, 1 .css file, 1 .et file and 2 other files")


def test_parse_of_a_folder_says_what_it_skipped_and_succeeds(
        tmp_path: Path, unreadable: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    reports = _folder(tmp_path, unreadable)
    assert main(["parse", str(reports), "--out", str(tmp_path / "r.jsonl")]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[-2].startswith("gkreport: 2 files: 2 parsed")
    assert err[-1] == f"gkreport: {find([reports]).skipped}"


# -- check takes what parse takes ----------------------------------------------------------


def _table(out: str) -> dict[str, list[str]]:
    """The summary table that ends check's text: each report's name to its other columns."""
    lines = out.splitlines()
    head = max(i for i, line in enumerate(lines) if line.startswith("report "))
    return {line[:lines[head].index(" year")].rstrip(): line[lines[head].index(" year"):].split()
            for line in lines[head + 1:]}


def test_check_takes_a_folder_and_names_each_report_by_its_path(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(DATA)]) == 0
    captured = capsys.readouterr()
    table = _table(captured.out)
    assert list(table) == CORPUS
    assert {name: row[1] for name, row in table.items()} == dict(zip(
        CORPUS, ["pass", "cannot-check", "pass", "pass", "cannot-check"], strict=True))
    assert captured.err.splitlines() == [  # its truth/*.json and README are no documents: not said
        "gkreport: 5 files: 3 pass, 0 fail, 2 cannot-check, 0 not read"]


def test_check_in_two_jobs_and_with_a_glob_says_the_same(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(DATA), "--format", "json"]) == 0
    alone = json.loads(capsys.readouterr().out)
    assert main(["check", f"{DATA}/*.txt", "--format", "json", "--jobs", "2"]) == 0
    assert json.loads(capsys.readouterr().out) == alone
    assert [r["name"] for r in alone["reports"]] == CORPUS


def test_the_same_file_name_in_two_folders_is_two_reports(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for county in ("甲县", "乙县"):
        (tmp_path / county).mkdir()
        (tmp_path / county / "2020.txt").write_text(report_2019().replace("示例县", county), encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 0
    table = _table(capsys.readouterr().out)
    assert list(table) == [str(tmp_path / "乙县" / "2020.txt"), str(tmp_path / "甲县" / "2020.txt")]


def test_a_file_that_cannot_be_read_is_an_error_not_a_report_that_cannot_be_checked(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(CORPUS[2], tmp_path / "big.txt")  # 8,967 bytes, where CORPUS[0] has 5,668
    (tmp_path / "notes.txt").write_text("这不是年度报告。", encoding="utf-8")
    missing = str(tmp_path / "missing.txt")
    given = [CORPUS[0], missing, str(tmp_path / "notes.txt"), str(tmp_path / "big.txt")]
    assert main(["check", *given, "--format", "json", "--max-bytes", "6000"]) == 1
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert {k: data["summary"][k] for k in ("reports", "pass", "fail", "cannot-check", "error")} == {
        "reports": 4, "pass": 1, "fail": 0, "cannot-check": 0, "error": 3}
    assert [r["status"] for r in data["reports"]] == ["pass", "error", "error", "error"]
    errors = captured.err.splitlines()
    assert errors[0] == f"gkreport: {missing}: [Errno 2] No such file or directory: {missing!r}"
    assert errors[1].startswith(f"gkreport: {tmp_path / 'notes.txt'}: line 1, column 1: not a")
    assert errors[2].startswith(f"gkreport: {tmp_path / 'big.txt'}: {tmp_path / 'big.txt'} is ")
    assert errors[2].endswith("more than the limit of 6,000 (max_bytes, --max-bytes)")
    assert errors[3] == "gkreport: 4 files: 1 pass, 0 fail, 0 cannot-check, 3 not read"
    assert main(["check", missing]) == 1
    assert "status error · not read: [Errno 2] No such file" in capsys.readouterr().out


def test_a_file_of_two_years_gives_two_audits_checked_across_the_years(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    last = report_2019().replace("2020年政府信息公开", "2019年政府信息公开")
    both = tmp_path / "both.txt"
    both.write_text(last + "\n" + report_2019(), encoding="utf-8")
    assert main(["check", str(both), "--format", "json", "--fail-on", "error"]) == 0
    captured = capsys.readouterr()
    reports = json.loads(captured.out)["reports"]
    second = len(last.splitlines()) + 1
    assert [(r["name"], r["year"]) for r in reports] == [
        (f"{both} (report 1 of 2, from line 1)", 2019), (f"{both} (report 2 of 2, from line {second})", 2020)]
    assert [c["status"] for c in reports[1]["checks"] if c["kind"] == "carry-over"] == ["pass"] * 7
    assert captured.err == "gkreport: 1 files (2 reports): 2 pass, 0 fail, 0 cannot-check, 0 not read\n"


def test_check_says_what_a_folder_held_besides(
        tmp_path: Path, unreadable: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    reports = _folder(tmp_path, unreadable)
    assert main(["check", str(reports)]) == 0
    assert capsys.readouterr().err.splitlines()[-1] == f"gkreport: {find([reports]).skipped}"


def test_audit_paths_reads_folders_through_the_batch(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(report_2019(), encoding="utf-8")
    assert [(a.name, a.status) for a in audit_paths([tmp_path, tmp_path / "none.txt"], jobs=2)] == [
        (str(tmp_path / "r.txt"), "pass"), (str(tmp_path / "none.txt"), "error")]


def test_the_html_page_counts_the_files_not_read_apart() -> None:
    audits = audit_read([Read("a.txt", error="no such file")]) + audit_paths([CORPUS[0]])
    page = " ".join(render_html(audits).split())
    assert "2 reports: 1 pass, 0 fail, 0 cannot be checked in full. 1 could not be read." in page
    assert '<td class="error">error</td>' in page


# -- check reads back what parse --out wrote ---------------------------------------------------


def test_check_reads_a_batch_back_instead_of_parsing_it_again(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    results = tmp_path / "results.jsonl"
    assert main(["parse", str(DATA), "--out", str(results)]) == 0
    assert main(["check", str(DATA), "--format", "json"]) == 0
    parsed = json.loads(capsys.readouterr().out)
    capsys.readouterr()
    assert main(["check", str(results), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == parsed  # the same audits, evidence quotes and all
    assert captured.err.splitlines()[0] == "gkreport: 5 files: 3 pass, 0 fail, 2 cannot-check, 0 not read"


def test_check_of_results_whose_sources_moved_still_checks_them(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copied = tmp_path / "copied"
    shutil.copytree(DATA, copied, ignore=shutil.ignore_patterns("truth", "*.md"))
    results = tmp_path / "results.jsonl"
    assert main(["parse", str(copied), str(tmp_path / "missing.txt"), "--out", str(results)]) == 1
    shutil.rmtree(copied)  # the evidence has no source lines to quote, the checks stand
    capsys.readouterr()
    assert main(["check", str(results), "--format", "json"]) == 1  # the missing file was an error
    audits = json.loads(capsys.readouterr().out)["reports"]
    assert [a["status"] for a in audits] == ["pass", "cannot-check", "pass", "pass", "cannot-check", "error"]


def test_check_of_a_broken_results_file_says_where(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    results = tmp_path / "results.jsonl"
    results.write_text('{"source": "a.txt", "meta": {"year": "2020"}}\n', encoding="utf-8")
    assert main(["check", str(results)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip() == (f"gkreport: {results}:1: not a report's data: invalid value for type, "
                                    "expected int | None @ $.meta.year")
