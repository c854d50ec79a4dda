"""The documentation builds without a warning (its examples run as doctests elsewhere)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_sphinx_builds_the_docs_with_warnings_as_errors(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html",
         str(ROOT / "docs"), str(tmp_path / "html")],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "html" / "model.html").read_text(encoding="utf-8")
    # The schema is generated from the library's labels: a key and its Chinese label.
    assert "denied.third_party_rights" in page and "保护第三方合法权益" in page
    catalogue = (tmp_path / "html" / "diagnostics.html").read_text(encoding="utf-8")
    assert "value-recovered" in catalogue
