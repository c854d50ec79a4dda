"""The OCR engine itself (the ``ocr`` extra's RapidOCR), on pictures of reports.

Slow (seconds a picture, the engine on the CPU): the CI runs these once, on the pure build
(the pictures' reader is pure Python on either build). ``test_ocr.py`` replays a real
engine's output in both. ``benchmarks/ocr_bench.py`` measures the seeds' screenshots, their
scanned PDFs, degraded copies and generated reports (docs/ocr.md has the figures).
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from PIL import Image

import gkreport
from gkreport import picture
from gkreport.model import Report
from gkreport.strategies import Picture, pictures, reports

SEEDS = Path(__file__).parent / "data"
#: The generated pictures the property reads (a picture takes ten seconds or so).
EXAMPLES = int(os.environ.get("GKREPORT_OCR_EXAMPLES", "3"))


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _numbers(report: Report) -> dict[str, object]:
    return {key: report.cell(key).value for key in report.statuses if report.cell(key).value is not None}


def _wrong(truth: Report, read: Report) -> dict[str, tuple[object, object]]:
    """The cells ``read`` gives a number other than ``truth``'s (None is not a number)."""
    return {key: (truth.cell(key).value, read.cell(key).value) for key in truth.statuses
            if read.cell(key).value is not None and read.cell(key).value != truth.cell(key).value}


def test_a_seeds_tables_drawn_read_back_exactly() -> None:
    truth = gkreport.parse(next(SEEDS.glob("000_*.txt")))
    read = gkreport.parse(_png(picture.draw(truth, parts="tables")))
    assert _numbers(read) == _numbers(truth)
    assert "ocr-read" in {d.code for d in read.diagnostics}


def test_a_scanned_pdf_of_a_seeds_tables_reads_back_exactly() -> None:
    truth = gkreport.parse(next(SEEDS.glob("001_*.txt")))
    out = io.BytesIO()
    picture.draw(truth, parts="tables").convert("RGB").save(out, format="PDF", resolution=200)
    read = gkreport.parse(out.getvalue())
    assert read.source is None and _numbers(read) == _numbers(truth)
    assert [d.message.split(":")[0] for d in read.diagnostics if d.code == "ocr-read"] == ["page 1"]


@settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(pictures(reports(consistent=True), parts="tables"))
def test_a_number_read_wrong_from_a_scan_is_never_silent(drawn: Picture) -> None:
    """A scan-like picture of a generated report: every number OCR gets wrong is in a cell a
    diagnostic names: checked by no identity (``ocr-unchecked``) or in one that fails."""
    read = gkreport.parse(_png(drawn.image))
    flagged = [d for d in read.diagnostics
               if d.code in ("ocr-unchecked", "sum-row", "sum-outcomes", "balance", "sum-appeals")]
    for key, (want, got) in _wrong(drawn.report, read).items():
        assert any(d.about(key) for d in flagged), (key, want, got, drawn.degradation)
    numbers = _numbers(drawn.report)
    exact = sum(read.cell(key).value == value for key, value in numbers.items())
    assert exact >= 0.9 * len(numbers), (exact, len(numbers), drawn.degradation)

