"""What a newcomer trips over on the command line: ``check`` on folders through the batch,
full names, unreadable files as errors, ``export`` that writes nothing before it fails, what
a folder holds that is not read, and the progress bar on a terminal of no size."""

from __future__ import annotations

import io
import os
import shutil
import sys
from pathlib import Path

import pytest

from gkreport.cli import main

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
