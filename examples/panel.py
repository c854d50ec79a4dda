"""Lay many bodies' reports side by side: a panel (one row per body and year) and a summary
per year and level of government, with a chart saved as an SVG file.

Usage::

    python examples/panel.py tests/data --out panel.csv --html summary.html
    python examples/panel.py reports/ --bodies bodies.csv --chart outcomes.svg

``--bodies`` is a CSV file of your own ids (columns ``name``, ``id``, optionally ``level``),
which joins names of one body that the library does not join by itself. The same as
``gkreport parse reports/ --out x.jsonl``, ``gkreport export x.jsonl --panel`` and
``gkreport summary x.jsonl --html summary.html``, done in Python.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gkreport.batch import expand, parse_files
from gkreport.bodies import Bodies
from gkreport.dataset import panel_fields, panel_rows, write_csv
from gkreport.summary import charts, render_html, summarise


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--bodies", help="your ids: a CSV file with the columns name, id (and level)")
    ap.add_argument("--out", help="write the panel here as CSV")
    ap.add_argument("--html", help="write the summary page here")
    ap.add_argument("--chart", help="write the chart of outcome shares per year here (SVG)")
    args = ap.parse_args(argv)

    outcomes = list(parse_files(expand(args.paths)))
    records = [o.record() for o in outcomes if o.ok]
    panel = panel_rows(records, bodies=Bodies.read_csv(args.bodies) if args.bodies else None)
    names = [f.name for f in panel_fields()]
    for row in panel:  # one line per body and year: who, when, and the requests it received
        figures = dict(zip(names, row, strict=True))
        print(f"{figures['body_id']}  {figures['level']:<9} {figures['year']}  "
              f"received {figures['requests.new_received.total']} "
              f"({figures['requests.new_received.total.status']})")
    for message in panel.messages():
        print(f"note: {message}")

    data = summarise(panel)
    for year in data["outcomes"]:
        granted = year["shares"]["granted"]
        print(f"{year['year']}: {year['reports']} reports, granted in full "
              f"{'—' if granted is None else f'{granted:.1%}'}")
    if args.out:
        with open(args.out, "w", encoding="utf-8", newline="") as handle:
            write_csv(panel, handle, panel=True)
    if args.html:
        Path(args.html).write_text(render_html(data), encoding="utf-8")
    if args.chart:
        Path(args.chart).write_text(charts(data)["outcomes"], encoding="utf-8")
    failed = [o for o in outcomes if not o.ok]
    for outcome in failed:
        print(f"failed: {outcome.name}: {outcome.failure}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
