"""Compare a body's report with its report of the year before, and write the HTML page.

Usage (the HTML page needs ``pip install 'gkreport[audit]'``)::

    python examples/compare_years.py 2022.txt 2023.txt compare.html

Prints the checks across the two years, the cells that changed most, and how much of each
section repeats last year's text; exits 1 if a check across years fails.
"""

from __future__ import annotations

import sys
from pathlib import Path

import gkreport
from gkreport.compare import compare
from gkreport.compare_report import render_html


def main(argv: list[str]) -> int:
    old_path, new_path, out = argv
    old, new = gkreport.parse(Path(old_path)), gkreport.parse(Path(new_path))
    result = compare(old, new, names=(old_path, new_path))
    for note in result.notes:
        print(f"note: {note}")
    for check in result.checks:
        print(f"{check.status:<12} {check.kind:<10} {check.where}: {check.message}")
    biggest = sorted((c for c in result.changed if c.change is not None), key=lambda c: -abs(c.change or 0))
    for cell in biggest[:5]:
        print(f"changed: {cell.key} {cell.old} -> {cell.new} ({cell.change:+})")
    for section in result.sections:
        print(f"section {section.key}: {section.repeated:.0%} repeats last year's text")
    Path(out).write_text(render_html([result]), encoding="utf-8")
    return 1 if result.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
