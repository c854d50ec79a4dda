"""Benchmark of ``gkreport.parse`` against a floor of one bare regex pass over the lines.

What is measured (single process, wall-clock ``time.perf_counter_ns``, medians of runs):

1. The corpus: each report in ``tests/data/*.txt`` parsed from its ``str`` text, after a
   warm-up. The runs are interleaved (one round times every report once), so slow drift
   during the run falls evenly on all of them. The ``all N, per report`` row is the
   median over rounds of the time to parse the whole corpus, divided by N; its bytes are
   the mean per report, so MB/s is the corpus' throughput.
2. Size: ``001_e94c29de80bcac7c.txt`` (the largest report) with its overview section
   (一、...总体情况) padded to about 1 MB and about 10 MB. The padding repeats the
   section's own prose paragraphs as extra lines right after the section heading, each
   followed by a blank line, so the tables stay intact. Before timing, each padded text
   is parsed once and checked: its ``requests`` and ``proactive`` tables must equal those
   of the unpadded report and its overview must have gained exactly the inserted
   paragraphs. The ratio of the 10 MB time to the 1 MB time, beside the ratio of their
   sizes, shows whether parse time grows linearly.
3. Glued copies: each corpus report rendered in the ``glued`` layout (each table on one
   line, nothing between its cells: ``gkreport.render(report, "glued")``), checked to read
   back the originals' matrix and appeals row, then timed as the corpus is (its own
   interleaved rounds). The runs of digits are split by the template's arithmetic
   (:mod:`gkreport._unglue`); ``glued/plain`` below the table is the cost of that over
   parsing the same reports as printed.
4. The worst case: ``002`` with its matrix replaced by a consistent one whose every cell
   is 0, 1, 2, 10, 11, 12, 20 or 21 (seeded), rendered glued. Every row then splits many
   ways that keep its own total, and the search stops at its bound of steps
   (``gkreport._unglue.BUDGET``): the figure is what the bound costs. The benchmark checks
   that the bound was reached.
5. The floor, beside each figure: one pass of ``re.finditer(r"[^\\n]*\\n", text)`` over the
   same text (the pattern compiled once), the iterator consumed; ``parse/floor`` is how
   many such passes a parse costs.

MB is 10**6 bytes of UTF-8; µs are microseconds. The garbage collector is on while a parse
runs, as in ordinary use, and off while the floor runs (the floor makes no garbage that a
collection would be for).

Run it from the repository's root with the project's environment::

    .venv/bin/python benchmarks/bench.py           # under a minute on a 2-core machine
    .venv/bin/python benchmarks/bench.py --quick   # fewer runs, about 15 seconds
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import gc
import itertools
import platform
import random
import re
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import attrs

import gkreport
from gkreport.model import ApplicantMatrix, RequestRow
from gkreport.template import APPLICANT_COLUMNS, TEMPLATES

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
PADDED_REPORT = DATA / "001_e94c29de80bcac7c.txt"
HARD_REPORT = DATA / "002_1cb59e66f00bcffe.txt"
MB = 1_000_000
LINE = re.compile(r"[^\n]*\n")


@dataclass(frozen=True)
class Plan:
    """How many timed runs each measurement gets."""

    warmup: int  # untimed parses of each corpus report before timing
    corpus: int  # timed rounds over the corpus
    padded: tuple[tuple[int, int], ...]  # (target size in bytes, timed runs)


FULL = Plan(warmup=3, corpus=200, padded=((1 * MB, 5), (10 * MB, 3)))
QUICK = Plan(warmup=1, corpus=20, padded=((1 * MB, 2), (10 * MB, 1)))


@dataclass(frozen=True)
class Row:
    """One line of the table: medians in nanoseconds."""

    name: str
    size: float  # UTF-8 bytes
    runs: int
    parse_ns: float
    floor_ns: float


def floor(text: str) -> None:
    """The floor: one bare regex pass over the lines of ``text``."""
    collections.deque(LINE.finditer(text), maxlen=0)


def parse(text: str) -> None:
    gkreport.parse(text)


def elapsed_ns(work: Callable[[str], None], text: str) -> int:
    # The floor leaves no garbage of its own, so a collection that falls inside it would
    # be paying for the parse before it: the collector is off while it runs. A parse runs
    # with the collector on, and pays for its own garbage.
    collector_off = work is floor and gc.isenabled()
    if collector_off:
        gc.disable()
    try:
        start = time.perf_counter_ns()
        work(text)
        return time.perf_counter_ns() - start
    finally:
        if collector_off:
            gc.enable()


def median_ns(work: Callable[[str], None], text: str, runs: int) -> float:
    return statistics.median(elapsed_ns(work, text) for _ in range(runs))


def utf8_size(text: str) -> int:
    return len(text.encode("utf-8"))


def revision() -> str:
    """The checkout's commit (``-dirty`` with uncommitted changes), so figures have a source."""
    try:
        done = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=DATA,
                              capture_output=True, text=True, timeout=10, check=True)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return done.stdout.strip() or "unknown"


# -- the corpus ---------------------------------------------------------------------------


def bench_corpus(paths: Sequence[Path], plan: Plan) -> list[Row]:
    return bench_texts([path.name for path in paths],
                       [path.read_text(encoding="utf-8") for path in paths], plan)


def bench_texts(names: Sequence[str], texts: Sequence[str], plan: Plan) -> list[Row]:
    for text in texts:
        for _ in range(plan.warmup):
            parse(text)
            floor(text)
    gc.collect()
    parse_ns: list[list[int]] = [[] for _ in texts]
    floor_ns: list[list[int]] = [[] for _ in texts]
    for _ in range(plan.corpus):
        for i, text in enumerate(texts):
            parse_ns[i].append(elapsed_ns(parse, text))
            floor_ns[i].append(elapsed_ns(floor, text))
    rows = [
        Row(name, utf8_size(text), plan.corpus,
            statistics.median(parse_ns[i]), statistics.median(floor_ns[i]))
        for i, (name, text) in enumerate(zip(names, texts, strict=True))
    ]
    n = len(texts)
    # Per round, the time for the whole corpus; its median, shared out per report.
    parse_rounds = [sum(round_) for round_ in zip(*parse_ns, strict=True)]
    floor_rounds = [sum(round_) for round_ in zip(*floor_ns, strict=True)]
    rows.append(Row(f"all {n}, per report", sum(r.size for r in rows) / n, plan.corpus,
                    statistics.median(parse_rounds) / n, statistics.median(floor_rounds) / n))
    return rows


# -- glued copies -------------------------------------------------------------------------


def bench_glued(paths: Sequence[Path], plan: Plan) -> list[Row]:
    texts = []
    for path in paths:
        report = gkreport.parse(path)
        glued = gkreport.render(report, "glued")
        again = gkreport.parse(glued)
        if again.requests != report.requests or again.appeals != report.appeals:
            raise AssertionError(f"{path.name} rendered glued does not read back its tables")
        texts.append(glued)
    rows = bench_texts([f"{path.stem[:3]} glued" for path in paths], texts, plan)
    n = len(paths)
    return [*rows[:-1], dataclasses.replace(rows[-1], name=f"all {n} glued, per report")]


def hard_glued(path: Path, seed: int = 4) -> str:
    """``path``'s report with a consistent matrix of cells that split many ways, glued."""
    rng = random.Random(seed)
    report = gkreport.parse(path)
    template = TEMPLATES[report.meta.template or "2019"]
    columns = len(APPLICANT_COLUMNS) - 1
    values = (0, 1, 2, 10, 11, 12, 20, 21)
    cells = {key: [rng.choice(values) for _ in range(columns)] for key in template.outcome_keys}
    total = [sum(cells[key][c] for key in template.outcome_keys) for c in range(columns)]
    forward = [rng.choice((0, 1, 10)) for _ in range(columns)]
    over = [rng.randint(0, total[c] + forward[c]) for c in range(columns)]
    cells.update(total=total, carried_forward=forward, carried_over=over,
                 new_received=[total[c] + forward[c] - over[c] for c in range(columns)])
    matrix = ApplicantMatrix({key: RequestRow(*cells[key], sum(cells[key])) for key in template.request_keys})
    return gkreport.render(attrs.evolve(report, requests=matrix), "glued")


def bench_hard(path: Path, plan: Plan) -> Row:
    text = hard_glued(path)
    report = gkreport.parse(text)  # also the warm-up
    if not any(d.code == "cells-unsolved" and "bound" in d.message for d in report.diagnostics):
        raise AssertionError("the worst case no longer reaches the search's bound")
    gc.collect()
    runs = max(3, plan.corpus // 20)
    return Row(f"{path.stem[:3]} glued, worst case", utf8_size(text), runs,
               median_ns(parse, text, runs), median_ns(floor, text, runs))


# -- the padded report --------------------------------------------------------------------


@dataclass(frozen=True)
class Overview:
    """Where the overview section of a report sits, and its prose lines."""

    heading: int  # 0-based index of the heading line in ``text.split("\n")``
    prose: tuple[str, ...]


def find_overview(text: str, report: gkreport.Report) -> Overview:
    keys = [section.key for section in report.sections]
    if "overview" not in keys or keys.index("overview") + 1 >= len(keys):
        raise SystemExit("the report to pad has no overview section followed by another")
    overview = report.sections[keys.index("overview")]
    following = report.sections[keys.index("overview") + 1]
    lines = text.split("\n")
    # Section.line is 1-based, so lines[overview.line:following.line - 1] is the body.
    body = lines[overview.line:following.line - 1]
    prose = tuple(line for line in body if "。" in line and len(line.strip()) > 30)
    if not prose:
        raise SystemExit("the overview section of the report to pad has no prose lines")
    return Overview(heading=overview.line - 1, prose=prose)


def pad(text: str, overview: Overview, target: int) -> tuple[str, int]:
    """``text`` with prose paragraphs inserted after the overview heading, about ``target``
    bytes long; and the number of paragraphs inserted."""
    size = utf8_size(text)
    inserted: list[str] = []
    for paragraph in itertools.cycle(overview.prose):
        if size >= target:
            break
        inserted.append(paragraph)
        size += utf8_size(paragraph) + 2  # and its two newlines
    lines = text.split("\n")
    head = lines[:overview.heading + 1]
    padding = [part for paragraph in inserted for part in ("", paragraph)]
    return "\n".join([*head, *padding, *lines[overview.heading + 1:]]), len(inserted)


def check_padded(padded: str, base: gkreport.Report, inserted: int) -> None:
    """The padded text must parse to the same tables, with the padding in the overview."""
    report = gkreport.parse(padded)
    if report.requests != base.requests:
        raise AssertionError("padding changed the requests table")
    if report.proactive != base.proactive:
        raise AssertionError("padding changed the proactive tables")
    before, after = base.section("overview"), report.section("overview")
    if before is None or after is None or (
            len(after.paragraphs) != len(before.paragraphs) + inserted):
        raise AssertionError("the padding did not land in the overview as paragraphs")


def bench_padded(path: Path, plan: Plan) -> list[Row]:
    text = path.read_text(encoding="utf-8")
    base = gkreport.parse(text)
    overview = find_overview(text, base)
    rows = []
    for target, runs in plan.padded:
        padded, inserted = pad(text, overview, target)
        check_padded(padded, base, inserted)  # also the warm-up
        floor(padded)
        gc.collect()
        rows.append(Row(f"{path.stem[:3]} padded to {target // MB} MB", utf8_size(padded),
                        runs, median_ns(parse, padded, runs), median_ns(floor, padded, runs)))
    return rows


# -- output -------------------------------------------------------------------------------


def mb_per_s(size: float, ns: float) -> float:
    return size / MB / (ns / 1e9)


def print_table(rows: Sequence[Row]) -> None:
    header = (f"{'text':<28}{'bytes':>12}{'runs':>6}{'parse µs':>15}{'MB/s':>9}"
              f"{'floor µs':>13}{'parse/floor':>13}")
    print(header)
    print("-" * len(header))
    for row in rows:
        print(f"{row.name:<28}{row.size:>12,.0f}{row.runs:>6}{row.parse_ns / 1e3:>15,.0f}"
              f"{mb_per_s(row.size, row.parse_ns):>9.3f}{row.floor_ns / 1e3:>13,.1f}"
              f"{row.parse_ns / row.floor_ns:>13,.0f}")


def print_growth(small: Row, large: Row) -> None:
    size = large.size / small.size
    parse_ratio = large.parse_ns / small.parse_ns
    floor_ratio = large.floor_ns / small.floor_ns
    print(f"\n{large.name} / {small.name}: bytes ×{size:.2f}, parse time ×{parse_ratio:.2f}, "
          f"floor time ×{floor_ratio:.2f}  (linear growth: time ratio ≈ bytes ratio)")


def main(argv: Sequence[str] | None = None) -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    options.add_argument("--quick", action="store_true", help="fewer runs (a smoke test)")
    args = options.parse_args(argv)
    plan = QUICK if args.quick else FULL
    paths = sorted(DATA.glob("*.txt"))
    if not paths:
        raise SystemExit(f"no reports in {DATA}")

    print(f"gkreport {gkreport.__version__} ({revision()}), lark {metadata.version('lark')}, "
          f"{platform.python_implementation()} {platform.python_version()}, "
          f"{platform.machine()}; single process; medians of 'runs' timed runs")
    print(f"corpus: {len(paths)} reports, {plan.warmup} warm-up parses each, then "
          f"{plan.corpus} interleaved rounds\n")
    started = time.perf_counter()
    rows = bench_corpus(paths, plan)
    glued = bench_glued(paths, plan)
    hard = bench_hard(HARD_REPORT, plan)
    padded = bench_padded(PADDED_REPORT, plan)
    print_table([*rows, *glued, hard, *padded])
    print(f"\nglued/plain, per report: ×{glued[-1].parse_ns / rows[-1].parse_ns:.2f} "
          f"({(glued[-1].parse_ns - rows[-1].parse_ns) / 1e3:,.0f} µs more to split the runs)")
    if len(padded) >= 2:
        print_growth(padded[0], padded[-1])
    print(f"\n(wall time of the benchmark: {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
