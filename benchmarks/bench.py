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
5. HTML pages: each corpus report as a web page, parsed from its bytes as a crawled file is,
   two pages a report: as a government site lays it out (``tests/govpage.py``: navigation, a
   layout table, metadata, a footer) and in the ``html`` layout of :func:`gkreport.render`.
   Each page is checked to read back its report's matrix first. Its floor is the regex pass
   over the page's text.
6. Batch: ``gkreport parse FOLDER --jobs N --out FILE`` on 5,000 files (1,000 copies of
   each corpus report; 500 with ``--quick``), with ``--jobs 1`` and ``--jobs 2`` in turn,
   as ``benchmarks/batch_bench.py`` runs it (whole command: interpreter, workers, JSON
   lines). ``--no-batch`` leaves it out.
7. The floor, beside each figure: one pass of ``re.finditer(r"[^\\n]*\\n", text)`` over the
   same text (the pattern compiled once), the iterator consumed; ``parse/floor`` is how
   many such passes a parse costs.

MB is 10**6 bytes of UTF-8; µs are microseconds. The garbage collector is on while a parse
runs, as in ordinary use, and off while the floor runs (the floor makes no garbage that a
collection would be for).

The last lines hold the figures against issue 16's targets. The first line says which build
ran: the pure one, or the compiled one (docs/compiled.md) when it is first on the path::

    .venv/bin/python benchmarks/bench.py           # a few minutes on a 2-core machine
    .venv/bin/python benchmarks/bench.py --quick   # fewer runs, under a minute
    PYTHONPATH="$(.venv/bin/python tests/test_compiled.py)" .venv/bin/python benchmarks/bench.py

Run it from the repository's root with the project's environment, on an idle machine.
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
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import attrs

import gkreport
import gkreport.extract
from gkreport.model import ApplicantMatrix, RequestRow
from gkreport.template import APPLICANT_COLUMNS, TEMPLATES

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
PADDED_REPORT = DATA / "001_e94c29de80bcac7c.txt"
HARD_REPORT = DATA / "002_1cb59e66f00bcffe.txt"
MB = 1_000_000
LINE = re.compile(r"[^\n]*\n")
# An older checkout (PYTHONPATH=../old/src, to compare on one machine) predates the flag.
COMPILED: bool = getattr(gkreport, "COMPILED", False)


@dataclass(frozen=True)
class Plan:
    """How many timed runs each measurement gets."""

    warmup: int  # untimed parses of each corpus report before timing
    corpus: int  # timed rounds over the corpus
    padded: tuple[tuple[int, int], ...]  # (target size in bytes, timed runs)
    batch_copies: int  # copies of each corpus report in the batch folder
    batch_runs: int  # timed runs of each --jobs


FULL = Plan(warmup=3, corpus=200, padded=((1 * MB, 5), (10 * MB, 3)), batch_copies=1000, batch_runs=2)
QUICK = Plan(warmup=1, corpus=20, padded=((1 * MB, 2), (10 * MB, 1)), batch_copies=100, batch_runs=1)


@dataclass(frozen=True)
class Row:
    """One line of the table: medians in nanoseconds."""

    name: str
    size: float  # UTF-8 bytes
    runs: int
    parse_ns: float
    floor_ns: float


def floor(text: str | bytes) -> None:
    """The floor: one bare regex pass over the lines of ``text`` (a page's text, read before)."""
    assert isinstance(text, str)
    collections.deque(LINE.finditer(text), maxlen=0)


def floor_text(text: str | bytes) -> str:
    """What the floor passes over: the text, or a page's text (its extraction not timed)."""
    return text if isinstance(text, str) else gkreport.extract.html_text(text.decode("utf-8"))


def parse(text: str | bytes) -> None:
    gkreport.parse(text)


def elapsed_ns(work: Callable[[str | bytes], None], text: str | bytes) -> int:
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


def median_ns(work: Callable[[str | bytes], None], text: str, runs: int) -> float:
    return statistics.median(elapsed_ns(work, text) for _ in range(runs))


def utf8_size(text: str | bytes) -> int:
    return len(text.encode("utf-8")) if isinstance(text, str) else len(text)


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


def bench_texts(names: Sequence[str], texts: Sequence[str | bytes], plan: Plan) -> list[Row]:
    floors = [floor_text(text) for text in texts]
    for text, bare in zip(texts, floors, strict=True):
        for _ in range(plan.warmup):
            parse(text)
            floor(bare)
    gc.collect()
    parse_ns: list[list[int]] = [[] for _ in texts]
    floor_ns: list[list[int]] = [[] for _ in texts]
    for _ in range(plan.corpus):
        for i, text in enumerate(texts):
            parse_ns[i].append(elapsed_ns(parse, text))
            floor_ns[i].append(elapsed_ns(floor, floors[i]))
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


# -- HTML pages --------------------------------------------------------------------------


def bench_html(paths: Sequence[Path], plan: Plan) -> list[Row]:
    sys.path.insert(0, str(ROOT / "tests"))
    from govpage import government_page

    names, pages = [], []
    for path in paths:
        report = gkreport.parse(path)
        for way, page in (("site", government_page(report)), ("rendered", gkreport.render(report, "html"))):
            data = page.encode("utf-8")
            if gkreport.parse(data).requests != report.requests:
                raise AssertionError(f"{path.name} as a {way} page does not read back its matrix")
            names.append(f"{path.stem[:3]} {way} page")
            pages.append(data)
    rows = bench_texts(names, pages, plan)
    return [*rows[:-1], dataclasses.replace(rows[-1], name=f"all {len(pages)} pages, per page")]


# -- batch --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Batch:
    files: int
    seconds: dict[int, float]  # the median run's wall time, by --jobs


def bench_batch(plan: Plan) -> Batch:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from batch_bench import JOBS, command, make_corpus, timed

    times: dict[int, list[float]] = {jobs: [] for jobs in JOBS}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        files = make_corpus(folder, plan.batch_copies)
        for _ in range(plan.batch_runs):
            for jobs in JOBS:  # in turn, so drift falls on both
                times[jobs].append(timed(command(folder, jobs, Path(tmp) / "out.jsonl")))
    return Batch(len(files), {jobs: statistics.median(t) for jobs, t in times.items()})


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


def print_batch(batch: Batch) -> None:
    print(f"\nbatch, {batch.files:,} files, gkreport parse --jobs N (the median run's wall time):")
    for jobs, seconds in batch.seconds.items():
        print(f"  --jobs {jobs}: {seconds:7.1f} s  {batch.files / seconds:6.0f} reports/s  "
              f"×{batch.seconds[1] / seconds:.2f}")


def print_targets(plain: Row, html: Row, padded: Sequence[Row], batch: Batch | None) -> None:
    """The figures issue 16 sets targets for, beside them."""
    build = "compiled" if COMPILED else "pure"
    target = "≤ 0.6 ms and ≤ 5× the floor" if COMPILED else "≤ 1.0 ms"
    print(f"\ntargets (issue 16), {build} build:")
    print(f"  median per seed report   {plain.parse_ns / 1e6:6.2f} ms, "
          f"{plain.parse_ns / plain.floor_ns:.0f}× the floor   ({target})")
    print(f"  HTML page                {html.parse_ns / 1e6:6.2f} ms   (≤ 3 ms)")
    if len(padded) >= 2:
        per_mb = [row.parse_ns / 1e6 / (row.size / MB) for row in padded]
        print(f"  per MB, 1 MB vs 10 MB    {per_mb[0]:6.0f} vs {per_mb[-1]:.0f} ms   (flat)")
    if batch is not None:
        speedup = batch.seconds[1] / batch.seconds[2]
        print(f"  --jobs 2 over --jobs 1   ×{speedup:.2f}   (≥ 1.8× on 5,000 files)")


def main(argv: Sequence[str] | None = None) -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    options.add_argument("--quick", action="store_true", help="fewer runs (a smoke test)")
    options.add_argument("--no-batch", action="store_true", help="leave out the batch of 5,000 files")
    args = options.parse_args(argv)
    plan = QUICK if args.quick else FULL
    paths = sorted(DATA.glob("*.txt"))
    if not paths:
        raise SystemExit(f"no reports in {DATA}")

    build = "compiled" if COMPILED else "pure Python"
    where = Path(gkreport.__file__).parent
    print(f"gkreport {gkreport.__version__} ({revision()}, {build}, {where}), lark {metadata.version('lark')}, "
          f"{platform.python_implementation()} {platform.python_version()}, "
          f"{platform.machine()}; single process; medians of 'runs' timed runs")
    print(f"corpus: {len(paths)} reports, {plan.warmup} warm-up parses each, then "
          f"{plan.corpus} interleaved rounds\n")
    started = time.perf_counter()
    rows = bench_corpus(paths, plan)
    glued = bench_glued(paths, plan)
    hard = bench_hard(HARD_REPORT, plan)
    padded = bench_padded(PADDED_REPORT, plan)
    html = bench_html(paths, plan)
    print_table([*rows, *glued, hard, *padded, *html])
    print(f"\nglued/plain, per report: ×{glued[-1].parse_ns / rows[-1].parse_ns:.2f} "
          f"({(glued[-1].parse_ns - rows[-1].parse_ns) / 1e3:,.0f} µs more to split the runs)")
    if len(padded) >= 2:
        print_growth(padded[0], padded[-1])
    batch = None if args.no_batch else bench_batch(plan)
    if batch is not None:
        print_batch(batch)
    print_targets(rows[-1], html[-1], padded, batch)
    print(f"\n(wall time of the benchmark: {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
