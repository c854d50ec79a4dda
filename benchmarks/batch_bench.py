"""Benchmark of batch parsing: 1,000 reports (or ``--copies`` × 5) with ``--jobs 1`` and ``--jobs 2``.

What is measured: the five corpus reports in ``tests/data`` are copied 200 times each
(``--copies``; 1,000 for the 5,000 files issue 16 measures on) into a temporary folder.
Then, for each number of jobs:

1. ``command``: the wall-clock time of ``gkreport parse FOLDER --jobs N --out FILE.jsonl``
   run as a subprocess with the project's script, as a user runs it: interpreter start,
   finding the files, starting the workers, parsing, writing the JSON lines.
2. ``library``: the wall-clock time of ``list(gkreport.batch.parse_files(files, jobs=N))``
   in this process, the files already found: starting the pool, parsing, and bringing
   every Report back to this process.

Each figure is the median of ``--runs`` runs (3 by default), taken in turn (jobs 1, jobs 2,
jobs 1, …) so that drift falls on both; the best run is printed beside it. Reports/s is
1,000 over the time; the speed-up is the jobs-2 rate over the jobs-1 rate. The core count
and the load average before and after are printed with them: a speed-up near 2 needs two
idle cores, the parent process (writing the JSON lines the workers made; in the library,
unpickling every Report) takes some of the second one, and starting the interpreter and the
workers is a fixed cost that a batch of 1,000 still feels. The library's pool reuses the
fork server its first run started; the command starts its own each time.

Run it from the repository's root with the project's environment::

    .venv/bin/python benchmarks/batch_bench.py            # about a minute on 2 cores
    .venv/bin/python benchmarks/batch_bench.py --runs 1   # quicker, noisier
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from gkreport.batch import expand, parse_files

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
GKREPORT = Path(sys.executable).with_name("gkreport")
COPIES = 200
JOBS = (1, 2)


def make_corpus(folder: Path, copies: int = COPIES) -> list[str]:
    for source in sorted(DATA.glob("*.txt")):
        for i in range(copies):
            shutil.copyfile(source, folder / f"{source.stem}-{i:03d}.txt")
    return expand([folder])


def timed(work: Callable[[], None]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def command(folder: Path, jobs: int, out: Path) -> Callable[[], None]:
    def run() -> None:
        subprocess.run([str(GKREPORT), "parse", str(folder), "--jobs", str(jobs), "--out", str(out)],
                       check=True, capture_output=True)
    return run


def library(files: list[str], jobs: int) -> Callable[[], None]:
    def run() -> None:
        outcomes = list(parse_files(files, jobs=jobs))
        assert all(o.ok for o in outcomes), "a corpus report failed"
    return run


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--copies", type=int, default=COPIES, help="copies of each corpus report (5 reports)")
    args = ap.parse_args()
    load_before = load()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        files = make_corpus(folder, args.copies)
        out = Path(tmp) / "results.jsonl"
        times: dict[tuple[str, int], list[float]] = {}
        for _ in range(args.runs):
            for jobs in JOBS:
                times.setdefault(("command", jobs), []).append(timed(command(folder, jobs, out)))
                times.setdefault(("library", jobs), []).append(timed(library(files, jobs)))
        lines = sum(1 for _ in out.open(encoding="utf-8"))
    assert lines == len(files), f"{lines} JSON lines for {len(files)} files"

    kinds = len(files) // args.copies
    print(f"{len(files)} reports ({args.copies} copies of each of the {kinds} in tests/data), "
          f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, {args.runs} runs each; "
          f"load average {load_before} before, {load()} after")
    print(f"{'':10}{'jobs':>5}{'median s':>10}{'reports/s':>11}{'speed-up':>10}"
          f"{'best s':>9}{'reports/s':>11}{'speed-up':>10}")
    for way in ("command", "library"):
        median = {jobs: len(files) / statistics.median(times[way, jobs]) for jobs in JOBS}
        best = {jobs: len(files) / min(times[way, jobs]) for jobs in JOBS}
        for jobs in JOBS:
            print(f"{way:10}{jobs:>5}{len(files) / median[jobs]:>10.2f}{median[jobs]:>11.0f}"
                  f"{median[jobs] / median[1]:>9.2f}x{len(files) / best[jobs]:>9.2f}{best[jobs]:>11.0f}"
                  f"{best[jobs] / best[1]:>9.2f}x")


if __name__ == "__main__":
    main()
