"""Accuracy on the real reports in this repository: every cell against its truth.

Usage (from the repository's root)::

    .venv/bin/python benchmarks/accuracy.py                 # tests/data, tests/copies/web, full
    .venv/bin/python benchmarks/accuracy.py tests/copies/web --verbose

Each folder holds the copies and a ``truth/`` of hand-read cells (format in
``tests/copies/README.md``). A cell is ``exact``, ``missing`` (None where the truth has a
number: a visible gap), ``invented`` (a number where the truth is blank) or ``wrong`` (another
number: the worst). The last line of each folder gives the share of the truth's numbers read
exactly and the counts, as the maintainers count them.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import gkreport
from gkreport.template import APPEAL_COLUMNS, APPLICANT_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = (ROOT / "tests" / "data", ROOT / "tests" / "copies" / "web", ROOT / "tests" / "copies" / "full")


def _number(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def truth_cells(truth: dict[str, object]) -> dict[str, Decimal | None]:
    """The truth's table cells by key (``requests.granted.total``…)."""
    cells: dict[str, Decimal | None] = {}
    for item, columns in dict(truth.get("proactive") or {}).items():
        cells.update({f"proactive.{item}.{c}": _number(v) for c, v in columns.items()})
    for table, columns in (("requests", APPLICANT_COLUMNS), ("appeals", APPEAL_COLUMNS)):
        for row, values in dict(truth.get(table) or {}).items():
            cells.update({f"{table}.{row}.{c.key}": _number(v) for c, v in zip(columns, values, strict=True)})
    return cells


def classify(want: Decimal | None, got: Decimal | None) -> str:
    if want == got:
        return "exact"
    if want is None:
        return "invented"
    return "missing" if got is None else "wrong"


def score(folder: Path, verbose: bool = False) -> Counter[str]:
    """Score every report of ``folder`` against ``folder/truth``; print a line per report."""
    total: Counter[str] = Counter()
    for path in sorted((folder / "truth").glob("*.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        try:
            report = gkreport.parse(folder / truth["source"])
        except gkreport.ParseError as exc:
            print(f"FAIL {truth['source']}: {str(exc).splitlines()[0]}")
            total["failed"] += 1
            continue
        counts: Counter[str] = Counter()
        for key, want in truth_cells(truth).items():
            got = _number(report.cell(key).value)
            kind = classify(want, got)
            counts[kind] += 1
            total["numbers"] += want is not None
            total["numbers exact"] += want is not None and kind == "exact"
            if verbose and kind != "exact":
                print(f"    {kind:8} {key}: truth={want} got={got} ({report.cell(key).status})")
        kinds = ("exact", "wrong", "missing", "invented")
        print(f"{truth['source']}: " + ", ".join(f"{k} {counts[k]}" for k in kinds))
        total.update(counts)
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="*", type=Path, default=list(FOLDERS))
    parser.add_argument("--verbose", action="store_true", help="name every cell that is not exact")
    args = parser.parse_args()
    for folder in args.folders:
        t = score(folder, args.verbose)
        share = 100.0 * t["numbers exact"] / t["numbers"] if t["numbers"] else 0.0
        print(f"== {folder}: numbers exact {t['numbers exact']}/{t['numbers']} ({share:.1f}%), "
              f"wrong {t['wrong']}, missing {t['missing']}, invented {t['invented']}, failed {t['failed']}")


if __name__ == "__main__":
    main()
