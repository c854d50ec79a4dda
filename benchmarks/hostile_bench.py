"""Benchmark of ``gkreport.parse_all`` on hostile inputs: is parse time linear in their size?

Each input is built at about 1 MB and at about 4 MB and parsed (or refused with a
:class:`gkreport.ParseError`) after one untimed run; the figure is the median of the timed
runs (wall clock, ``time.perf_counter_ns``). Beside it, the reference: the corpus in
``tests/data`` parsed report by report, as MB/s. The inputs are the shapes that cost the
tokenizer most per byte:

- ``number rows``: a table section followed by rows of eight numbers and no label, each
  number one the tokenizer has to name in a diagnostic;
- ``unknown numbered labels``: a table section followed by lines ``123.属于``, each a label
  that matches no row and is tried as a prefix and as a typo;
- ``wrapped label halves``: the first half of a wrapped label (行政事) on every line, each
  tried joined to the next;
- ``words on one line``: a table section followed by one line of two-character words and a
  number, split as cells run together;
- ``flattened reports``: the corpus reports, every line break a space, one after another on
  one line (cut at section headings, then read);
- ``reports back to back``: the corpus reports one after another, the shape of a normal
  large input (``parse_all`` reads each; ``parse`` would refuse them as several reports).

Run it from the repository's root::

    .venv/bin/python benchmarks/hostile_bench.py          # about a minute on 2 cores
    .venv/bin/python benchmarks/hostile_bench.py --quick  # one timed run each
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import gkreport

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
MB = 1_000_000
TABLE = "三、收到和处理政府信息公开申请情况\n"


def repeat_to(size: int, unit: Callable[[int], str], sep: str = "\n") -> str:
    """``unit(0) + sep + unit(1) + …`` until it holds ``size`` bytes of UTF-8."""
    parts, total, i = [], 0, 0
    while total < size:
        part = unit(i)
        parts.append(part)
        total += len(part.encode()) + len(sep)
        i += 1
    return sep.join(parts)


def inputs(corpus: list[str]) -> dict[str, Callable[[int], str]]:
    rng = random.Random(0)
    row = "\t".join(str(rng.randint(0, 999)) for _ in range(8))
    words = [rng.choice("甲乙丙丁戊己") * 2 for _ in range(1000)]
    flat = [" ".join(text.split()) for text in corpus]
    return {
        "number rows": lambda size: TABLE + repeat_to(size, lambda i: row),
        "unknown numbered labels": lambda size: TABLE + repeat_to(size, lambda i: f"{i}.属于"),
        "wrapped label halves": lambda size: TABLE + repeat_to(size, lambda i: "行政事"),
        "words on one line": lambda size: TABLE + "1 " + repeat_to(size, lambda i: words[i % 1000], " "),
        "flattened reports": lambda size: repeat_to(size, lambda i: flat[i % len(flat)], " "),
        "reports back to back": lambda size: repeat_to(size, lambda i: corpus[i % len(corpus)]),
    }


def parse_ns(text: str, runs: int) -> tuple[float, str]:
    outcome = "read"
    times = []
    for _ in range(runs + 1):  # the first run is the warm-up
        started = time.perf_counter_ns()
        try:
            gkreport.parse_all(text)
        except gkreport.ParseError as exc:
            outcome = f"refused ({type(exc).__name__})"
        times.append(time.perf_counter_ns() - started)
    return statistics.median(times[1:]), outcome


def corpus_mb_per_s(corpus: list[str], runs: int) -> float:
    size = sum(len(text.encode()) for text in corpus)
    times = []
    for _ in range(runs * 10):
        started = time.perf_counter_ns()
        for text in corpus:
            gkreport.parse(text)
        times.append(time.perf_counter_ns() - started)
    return size / MB / (statistics.median(times) / 1e9)


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    options.add_argument("--quick", action="store_true", help="one timed run of each")
    runs = 1 if options.parse_args().quick else 3
    corpus = [path.read_text(encoding="utf-8") for path in sorted(DATA.glob("*.txt"))]
    print(f"reference: the corpus, report by report: {corpus_mb_per_s(corpus, runs):.2f} MB/s\n")
    header = f"{'input':<26}{'MB':>6}{'parse ms':>11}{'MB/s':>8}{'×time for ×size':>18}  outcome"
    print(header)
    print("-" * len(header))
    for name, build in inputs(corpus).items():
        small, large = build(1 * MB), build(4 * MB)
        (small_ns, outcome), (large_ns, _) = parse_ns(small, runs), parse_ns(large, runs)
        for text, ns in ((small, small_ns), (large, large_ns)):
            size = len(text.encode()) / MB
            growth = f"×{large_ns / small_ns:.2f} for ×{len(large) / len(small):.2f}" if text is large else ""
            print(f"{name if text is small else '':<26}{size:>6.2f}{ns / 1e6:>11,.0f}"
                  f"{size / (ns / 1e9):>8.2f}{growth:>18}  {outcome if text is small else ''}")


if __name__ == "__main__":
    main()
