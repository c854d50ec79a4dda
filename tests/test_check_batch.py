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
