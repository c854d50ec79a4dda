"""Benchmark of panels and summaries: a few hundred reports of many bodies and years.

What is measured: reports drawn from :func:`gkreport.strategies.reports` (``consistent=True``;
the ``fuzz`` extra), each given a body and a year, ``--bodies`` bodies (40 by default) over
``--years`` years from 2019 (8: 2019–2026), the 2019 and 2020 reports on the 2019 template,
the later ones on the 2021 template (:func:`gkreport.template.template_for`), written as
tab-separated text into a temporary folder (not timed). The bodies are of every level:
provinces, cities, counties and townships. Then the wall-clock time of each command, run as
a subprocess as a user runs it (interpreter start included):

1. ``gkreport parse FOLDER --out R.jsonl`` (``--jobs 1``, and ``--jobs 2``);
2. ``gkreport export R.jsonl --panel --out P.csv``;
3. ``gkreport summary FOLDER --html S.html`` (parsing included, ``--jobs 1``);
4. ``gkreport summary R.jsonl --html S.html`` (the parse results read back).

Each figure is the median of ``--runs`` runs (3 by default); the best is printed beside it.

Run it from the repository's root with the project's environment::

    .venv/bin/python benchmarks/panel_bench.py             # about a minute on 2 cores
    .venv/bin/python benchmarks/panel_bench.py --bodies 10 --runs 1
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import attrs
from hypothesis import HealthCheck, Phase, given, settings

import gkreport
from gkreport.model import Report
from gkreport.strategies import reports
from gkreport.template import TemplateId, template_for

FIRST_YEAR = 2019
#: Characters for the bodies' made-up place names.
_PLACES = "安宁丰泽江源桃松湖青白云河山石龙凤"


def body_names(count: int) -> list[str]:
    """``count`` bodies' names, of each level in turn: province, city, county, township."""
    names = []
    for i in range(count):
        place = _PLACES[i % len(_PLACES)] + _PLACES[(i // len(_PLACES) + 3) % len(_PLACES)]
        town = _PLACES[(i * 7) % len(_PLACES)]
        names.append((f"{place}省人民政府办公厅", f"{place}市人民政府办公室", f"{place}县人民政府",
                      f"{place}县{town}镇人民政府")[i % 4])
    return names


def drawn(count: int, template: TemplateId) -> list[Report]:
    """``count`` reports of ``template``, the same each run."""
    found: list[Report] = []

    @settings(max_examples=count, database=None, derandomize=True, phases=[Phase.generate], deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(reports(template=template, consistent=True))
    def collect(report: Report) -> None:
        found.append(report)

    collect()
    return found


def write_corpus(folder: Path, bodies: int, years: int) -> int:
    names = body_names(bodies)
    span = range(FIRST_YEAR, FIRST_YEAR + years)
    needed = {t: sum(template_for(y) == t for y in span) * bodies for t in ("2019", "2021")}
    pools = {t: iter(drawn(n, t)) for t, n in needed.items() if n}
    count = 0
    for i, organ in enumerate(names):
        for year in span:
            report = next(pools[template_for(year)])
            report = attrs.evolve(report, meta=attrs.evolve(report.meta, organ=organ, year=year, title=None))
            (folder / f"{i:03d}_{year}.txt").write_text(gkreport.render(report, "tabs"), encoding="utf-8")
            count += 1
    return count


def timed(args: list[str], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "gkreport", *args], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bodies", type=int, default=40)
    ap.add_argument("--years", type=int, default=8)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder, results = Path(tmp) / "reports", Path(tmp) / "results.jsonl"
        folder.mkdir()
        count = write_corpus(folder, args.bodies, args.years)
        commands = {
            "parse FOLDER --out R.jsonl": ["parse", str(folder), "--out", str(results)],
            "parse FOLDER --out R.jsonl --jobs 2": ["parse", str(folder), "--out", str(results), "--jobs", "2"],
            "export R.jsonl --panel": ["export", str(results), "--panel", "--out", f"{tmp}/panel.csv"],
            "summary FOLDER --html S.html": ["summary", str(folder), "--html", f"{tmp}/s.html"],
            "summary R.jsonl --html S.html": ["summary", str(results), "--html", f"{tmp}/s.html"],
        }
        figures = {name: timed(command, args.runs) for name, command in commands.items()}
        with open(f"{tmp}/panel.csv", encoding="utf-8") as panel:
            rows = sum(1 for _ in panel) - 1
    print(f"{count} reports ({args.bodies} bodies x {args.years} years from {FIRST_YEAR}; {rows} panel rows), "
          f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, median of {args.runs} runs; "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'gkreport ...':<40}{'median s':>10}{'best s':>9}{'reports/s':>11}")
    for name, (median, best) in figures.items():
        print(f"{name:<40}{median:>10.2f}{best:>9.2f}{count / median:>11.0f}")


if __name__ == "__main__":
    main()
