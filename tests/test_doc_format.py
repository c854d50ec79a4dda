"""Old Word (.doc) files read with catdoc or antiword; WPS and other compound files named."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import gkreport
from gkreport import extract
from gkreport.batch import find, parse_file

DOC = Path(__file__).parent / "doc" / "000_cf9562a21e5519b3.doc"
SEED = Path(__file__).parent / "data" / "000_cf9562a21e5519b3.txt"
TABLES = ("meta", "proactive", "requests", "appeals")

_which = shutil.which


def _only(*programs: str) -> Callable[..., str | None]:
    """shutil.which as if only ``programs`` were installed."""
    def which(name: str, *args: object, **kwargs: object) -> str | None:
        return _which(name) if name in programs else None
    return which


def _tables(report: gkreport.Report) -> dict[str, object]:
    data = gkreport.to_dict(report)
    return {key: data[key] for key in TABLES}


def test_the_fixture_is_a_word_97_file() -> None:
    data = DOC.read_bytes()
    assert data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    assert extract.sniff(data) == "doc" and extract.sniff(data, ".doc") == "doc"


def test_a_doc_parses_to_its_text_copy_s_tables_with_catdoc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", _only("catdoc"))
    report = gkreport.parse(DOC)
    assert _tables(report) == _tables(gkreport.parse(SEED))
    assert report.requests["granted"].total == 4
    assert [d.code for d in report.diagnostics] == []
    assert gkreport.parse(DOC.read_bytes()).requests == report.requests  # told by its bytes alone


def test_antiword_reads_a_doc_s_text_but_loses_the_applicant_matrix(monkeypatch: pytest.MonkeyPatch) -> None:
    # Why catdoc is tried first: antiword 0.37 prints the matrix, whose rows have different
    # numbers of cells, as one line.
    monkeypatch.setattr(shutil, "which", _only("antiword"))
    text, encoding = extract.extract(DOC.read_bytes(), "doc")
    assert encoding == "doc" and "|规范性文件" in text
    report = gkreport.parse(DOC)
    seed = gkreport.parse(SEED)
    assert (report.meta, report.proactive) == (seed.meta, seed.proactive)
    assert report.requests != seed.requests
    assert "table-lost" in {d.code for d in report.diagnostics}


def test_catdoc_is_preferred_when_both_are_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def which(name: str, *args: object, **kwargs: object) -> str | None:
        asked.append(name)
        return _which(name)

    monkeypatch.setattr(shutil, "which", which)
    text, _ = extract.extract(DOC.read_bytes(), "doc")
    assert asked == ["catdoc"] and "规范性文件\t6\t6\t19" in text


def test_no_reader_installed_names_the_programs_and_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", _only())
    with pytest.raises(gkreport.MissingProgramError, match=r"apt-get install catdoc antiword") as caught:
        gkreport.parse(DOC)
    error = caught.value
    assert error.programs == ("catdoc", "antiword") and error.packages == ("catdoc", "antiword")
    assert isinstance(error, gkreport.UnsupportedFormatError) and not isinstance(error, gkreport.DecodeError)
    failure = parse_file(DOC).failure  # a batch says it by its type, as for a missing extra
    assert failure is not None and failure.type == "MissingProgramError"


@pytest.mark.parametrize("program", ["catdoc", "antiword"])
def test_a_damaged_doc_is_a_decode_error_with_what_the_program_said(
        program: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", _only(program))
    path = tmp_path / "cut.doc"
    path.write_bytes(DOC.read_bytes()[:30000])
    with pytest.raises(gkreport.DecodeError, match=rf"Word 97-2003 document: {program} said '.+'") as caught:
        gkreport.parse(path)
    assert str(tmp_path) not in str(caught.value)  # the temporary copy's name is not shown


def test_a_program_that_hangs_is_stopped_and_a_decode_error(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    hanging = tmp_path / "catdoc"
    hanging.write_text("#!/bin/sh\nsleep 30\n", encoding="utf-8")
    hanging.chmod(0o755)
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: str(hanging) if name == "catdoc" else None)
    monkeypatch.setattr(extract, "_DOC_TIMEOUT", 0.3)
    with pytest.raises(gkreport.DecodeError, match=r"catdoc was still reading it after 0\.3 s"):
        gkreport.parse(DOC)


def test_a_wps_file_is_named_not_read(tmp_path: Path) -> None:
    path = tmp_path / "报告.wps"
    path.write_bytes(DOC.read_bytes())  # WPS files are compound files too, some with a Word stream
    with pytest.raises(gkreport.UnreadFormatError, match=r"a WPS Office document .* save it as \.docx or PDF"):
        gkreport.parse(path)
    old = tmp_path / "old.wps"  # WPS 2000's own format, no compound file: named by its suffix
    old.write_bytes(b"\xff\x00WPS" + bytes(64))
    with pytest.raises(gkreport.UnreadFormatError) as caught:
        gkreport.parse(old)
    assert caught.value.kind.startswith("a WPS Office document")
    assert isinstance(caught.value, gkreport.ParseError)


def test_a_compound_file_of_another_kind_is_named_by_its_stream() -> None:
    data = DOC.read_bytes()
    # The fixture with its Word stream's directory entry renamed to Excel's (name and size).
    at = data.find("WordDocument\x00".encode("utf-16-le"))
    book = "Workbook\x00".encode("utf-16-le")
    entry = book + bytes(64 - len(book)) + len(book).to_bytes(2, "little")
    workbook = data[:at] + entry + data[at + 66:]
    assert extract.sniff(data) == "doc"
    with pytest.raises(gkreport.UnreadFormatError, match="an Excel workbook is a format gkreport does not"):
        gkreport.parse(workbook)


def test_a_folder_reads_its_doc_files_and_still_skips_wps(tmp_path: Path) -> None:
    shutil.copy(DOC, tmp_path / "a.doc")
    (tmp_path / "b.wps").write_bytes(DOC.read_bytes())
    found = find([tmp_path])
    assert found.files == (str(tmp_path / "a.doc"),) and found.skipped == "skipped 1: 1 .wps file"
    outcome = parse_file(found.files[0])
    assert outcome.report is not None and outcome.report.requests == gkreport.parse(SEED).requests


def test_the_ci_installs_the_programs_the_tests_read_with() -> None:
    run = (Path(__file__).parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert "apt-get install -y catdoc antiword" in run
    for program, _, package in extract._DOC_READERS:
        assert shutil.which(program), f"{program} is not installed: apt-get install {package}"
