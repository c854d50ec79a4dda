"""What a newcomer trips over on the command line: ``check`` on folders through the batch,
full names, unreadable files as errors, ``export`` that writes nothing before it fails, what
a folder holds that is not read, and the progress bar on a terminal of no size."""

from __future__ import annotations

import errno
import io
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import gkreport
from gkreport.batch import Found, expand, find
from gkreport.cli import main
from govpage import government_page

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
    for name in ("old.doc", "b.doc", "sheet.xls", "c.wps"):
        (reports / name).write_bytes(b"\xd0\xcf\x11\xe0")
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
    assert found.skipped == f"skipped 5: 1 unreadable folder ({locked}), 2 .doc files, 1 .wps file, 1 .xls file"


def test_the_skipped_line_groups_many_and_is_empty_for_none() -> None:
    assert Found(("a.txt",)).skipped == ""
    found = Found((), unreadable=tuple(f"f{i}" for i in range(5)),
                  passed_over=("a.jpg", "b.JPG", "c.css", "d", "e.doc", "f.js", "g.js", "h.png"))
    assert found.skipped == ("skipped 13: 5 unreadable folders (f0, f1, f2 and 2 more), 2 .jpg files, "
                             "2 .js files, 1 .css file, 1 .doc file and 2 other files")


def test_parse_of_a_folder_says_what_it_skipped_and_succeeds(
        tmp_path: Path, unreadable: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    reports = _folder(tmp_path, unreadable)
    assert main(["parse", str(reports), "--out", str(tmp_path / "r.jsonl")]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[-2].startswith("gkreport: 2 files: 2 parsed")
    assert err[-1] == f"gkreport: {find([reports]).skipped}"
