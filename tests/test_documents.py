"""Word and PDF files, made by the tests from a report's government page."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import gkreport
from docgen import docx_bytes, pdf_bytes
from govpage import government_page
from snippets import report_2019, report_2021

WRITERS: dict[str, Callable[[str], bytes]] = {"docx": docx_bytes, "pdf": pdf_bytes}


@pytest.mark.parametrize("make", [report_2019, report_2021], ids=["2019", "2021"])
@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_a_document_parses_as_its_text_does(make: Callable[[], str], kind: str,
                                            tmp_path: Path) -> None:
    text_report = gkreport.parse(make())
    path = tmp_path / f"report.{kind}"
    path.write_bytes(WRITERS[kind](government_page(text_report)))
    report = gkreport.parse(path)
    assert report.meta == text_report.meta
    assert report.proactive == text_report.proactive
    assert report.requests == text_report.requests
    assert report.appeals == text_report.appeals
    assert [d for d in report.diagnostics if d.is_repair] == []
    # Bytes without a file name are told by their magic numbers.
    assert gkreport.parse(path.read_bytes()).requests == text_report.requests


def test_a_truncated_pdf_is_a_decode_error() -> None:
    data = pdf_bytes(government_page(gkreport.parse(report_2019())))
    with pytest.raises(gkreport.DecodeError, match="PDF"):
        gkreport.parse(data[: len(data) // 3])


def test_a_zip_that_is_not_a_word_file_is_a_decode_error() -> None:
    with pytest.raises(gkreport.DecodeError, match="Word"):
        gkreport.parse(b"PK\x03\x04" + b"\x00" * 64)


def test_a_missing_optional_reader_says_which_extra_to_install(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pdfplumber", None)  # makes `import pdfplumber` fail
    with pytest.raises(gkreport.UnsupportedFormatError, match=r"gkreport\[pdf\]"):
        gkreport.parse(b"%PDF-1.4\n")
