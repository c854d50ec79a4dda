"""The documentation builds without a warning (its examples run as doctests elsewhere)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Collection
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Run as `python -c`: a finder first on sys.meta_path refuses the modules named, whether
# installed or not, then Sphinx builds with the arguments given.
_WITHOUT = """
import importlib.abc, sys
class Without(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in {without!r}:
            raise ModuleNotFoundError(f"No module named {{name!r}} (refused for this build)", name=name)
        return None
sys.meta_path.insert(0, Without())
from sphinx.cmd.build import main
sys.exit(main(sys.argv[1:]))
"""


def build_docs(out: Path, *, without: Collection[str] = ()) -> subprocess.CompletedProcess[str]:
    """Build the docs as HTML into ``out``, warnings as errors, where the top-level modules
    ``without`` cannot be imported."""
    return subprocess.run(
        [sys.executable, "-c", _WITHOUT.format(without=sorted(without)),
         "-W", "--keep-going", "-q", "-b", "html", str(ROOT / "docs"), str(out)],
        capture_output=True, text=True, timeout=300,
    )


def test_sphinx_builds_the_docs_with_warnings_as_errors(tmp_path: Path) -> None:
    result = build_docs(tmp_path / "html")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "html" / "model.html").read_text(encoding="utf-8")
    # The schema is generated from the library's labels: a key and its Chinese label.
    assert "denied.third_party_rights" in page and "保护第三方合法权益" in page
    catalogue = (tmp_path / "html" / "diagnostics.html").read_text(encoding="utf-8")
    assert "value-recovered" in catalogue
