"""Audit a folder of reports and write the one-page HTML audit.

Usage (the HTML page needs ``pip install 'gkreport[audit]'``)::

    python examples/audit_corpus.py tests/data audit.html
"""

from __future__ import annotations

import sys
from pathlib import Path

from gkreport.audit import audit_paths
from gkreport.audit_report import render_html


def main(argv: list[str]) -> int:
    folder, out = argv
    audits = audit_paths(sorted(Path(folder).glob("*.txt")))
    for result in audits:
        print(f"{result.status:<13} {result.name}: {len(result.checks)} checks, "
              f"{len(result.findings)} findings, {result.claims_checked} claims")
    Path(out).write_text(render_html(audits), encoding="utf-8")
    return 1 if any(a.status == "fail" for a in audits) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
