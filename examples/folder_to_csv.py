"""Parse a folder of reports into one CSV row per report.

Usage::

    python examples/folder_to_csv.py tests/data reports.csv

The same as ``gkreport parse tests/data --out x.jsonl`` then ``gkreport export x.jsonl --wide``,
done in Python: ``gkreport.batch`` never raises on a bad file, and ``gkreport.dataset`` lays
the tables out one column per cell of either template.
"""

from __future__ import annotations

import sys

from gkreport.batch import expand, parse_files
from gkreport.dataset import write_csv


def main(argv: list[str]) -> int:
    folder, out = argv
    outcomes = list(parse_files(expand([folder]), jobs=1))
    reports = [o.record() for o in outcomes if o.ok]
    with open(out, "w", encoding="utf-8", newline="") as handle:
        rows = write_csv(reports, handle, wide=True)
    failed = [o for o in outcomes if not o.ok]
    print(f"{rows} reports written to {out}; {len(failed)} failed")
    for outcome in failed:
        print(f"  {outcome.record()['source']}: {outcome.record()['error']['message']}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
