"""Parse one report and print what a reader of it wants first.

Usage::

    python examples/parse_one.py tests/data/001_e94c29de80bcac7c.txt

The file may be a text copy, an HTML page, a Word file or a PDF.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import gkreport


def main(argv: list[str]) -> int:
    report = gkreport.parse(Path(argv[0]))
    meta = report.meta
    print(f"{meta.organ} {meta.year} (template {meta.template})")
    granted = report.requests["granted"]
    print(f"applications received: {report.requests['new_received'].total}, "
          f"granted in full: {granted.total}")
    in_force = report.proactive["normative_documents"].get("in_force")
    if in_force is not None:
        print(f"normative documents in force: {in_force}")
    # How the numbers were obtained: a None is blank (printed empty), lost or ambiguous.
    counts = Counter(cell.status for cell in report.cells())
    print("cells: " + ", ".join(f"{n} {status}" for status, n in counts.most_common()))
    for cell in report.cells():
        if cell.status in ("recovered", "solved", "settled", "ambiguous"):  # not read as printed
            print(f"  {cell.key} = {cell.value} ({cell.status})")
    for diagnostic in report.diagnostics:
        print(f"  {diagnostic}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
