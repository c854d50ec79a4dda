"""How well and how fast gkreport reads reports whose tables are pictures (docs/ocr.md).

Each case is a report whose every cell is known, made into a picture, parsed back with OCR
(the ``ocr`` extra) and compared cell by cell:

* ``seeds``: each seed report (tests/data) rendered by the html layout and screenshot by
  headless Chromium at 100% zoom, 1000 pixels wide (:func:`gkreport.picture.screenshot`);
* ``pdf``: the same screenshots as scanned PDFs: each picture a PDF page with no text layer,
  which gkreport draws again (pypdfium2, 200 dpi) and reads by OCR;
* ``degraded``: the screenshots made to look scanned (:func:`gkreport.picture.degrade`) at
  the levels named in ``DEGRADATIONS``;
* ``drawn``: generated reports (:func:`gkreport.strategies.reports`, the same each run) drawn
  by :func:`gkreport.picture.draw`, their tables only, each degraded a little at random
  (:func:`gkreport.strategies.pictures`' ranges).

For each picture: its numbers read exactly, wrong (a number other than the report's, or one
where it has none; in brackets, those nothing says: read, and named by no ``ocr-unchecked``
or failing identity), None where it has a number, corrected by the arithmetic (exact after an
``ocr-corrected``), left ambiguous, and seconds to parse.

    python benchmarks/ocr_bench.py                  # seeds, pdf and degraded
    python benchmarks/ocr_bench.py --drawn 100      # and 100 generated reports
    python benchmarks/ocr_bench.py --only drawn --drawn 20 --json out.json
"""

from __future__ import annotations

import argparse
import io
import json
import random
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings

import gkreport
from gkreport import picture
from gkreport.model import Report
from gkreport.strategies import reports

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "tests" / "data").glob("00[0-4]_*.txt"))
#: The scans the ``degraded`` case makes of each screenshot.
DEGRADATIONS: dict[str, dict[str, Any]] = {
    "blur 1": {"blur": 1.0},
    "noise 12": {"noise": 12.0},
    "skew 0.5°": {"skew": 0.5},
    "scale 0.8": {"scale": 0.8},
    "jpeg 60": {"jpeg": 60},
    "all of them": {"blur": 0.8, "noise": 8.0, "skew": 0.4, "scale": 0.85, "jpeg": 75},
}


COUNTS = ("numbers", "exact", "wrong", "unflagged", "none", "corrected", "ambiguous")
#: The diagnostics that name a cell whose number may be wrong: no identity checks it, or one fails.
FLAGS = ("ocr-unchecked", "sum-row", "sum-outcomes", "balance", "sum-appeals")


def score(truth: Report, read: Report) -> dict[str, int]:
    """The cells of ``read`` against ``truth``'s, counted as the module's docstring says."""
    counts = dict.fromkeys(COUNTS, 0)
    for key in truth.statuses or read.statuses:
        want, got = truth.cell(key).value, read.cell(key)
        if want is not None:
            counts["numbers"] += 1
            counts["exact"] += got.value == want
            counts["none"] += got.value is None
        if got.value is not None and got.value != want:
            counts["wrong"] += 1
            # Said where its status is not ``read`` (recovered, corrected) or a diagnostic names it.
            counts["unflagged"] += got.status == "read" and not any(d.code in FLAGS and d.about(key)
                                                                  for d in read.diagnostics)
        counts["corrected"] += got.status == "corrected" and got.value == want
        counts["ambiguous"] += got.status == "ambiguous"
    return counts


def seed_shots() -> Iterator[tuple[str, Report, Any]]:
    for path in SEEDS:
        report = gkreport.parse(path)
        yield path.name[:3], report, picture.screenshot(report)


def as_pdf(image: Any) -> bytes:
    out = io.BytesIO()
    image.convert("RGB").save(out, format="PDF", resolution=96)
    return out.getvalue()


def as_png(image: Any) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def generated(count: int) -> list[tuple[Report, dict[str, Any]]]:
    """``count`` generated reports, each with a random scan's degradation, the same each run."""
    found: list[Report] = []

    @settings(max_examples=count, database=None, derandomize=True, phases=[Phase.generate], deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(reports(consistent=True))
    def collect(report: Report) -> None:
        found.append(report)

    collect()
    dice = random.Random(18)
    return [(report, {"blur": dice.uniform(0, 1), "noise": dice.uniform(0, 10), "skew": dice.uniform(-0.5, 0.5),
                      "scale": dice.uniform(0.8, 1), "jpeg": dice.choice([None, dice.randint(70, 95)]),
                      "seed": dice.randrange(2**32)})
            for report in found[:count]]


def cases(only: set[str], drawn: int, levels: list[str]) -> Iterator[tuple[str, str, Report, bytes]]:
    """(case, name, the report, the bytes gkreport parses) for each picture."""
    if only & {"seeds", "pdf", "degraded"}:
        for name, report, shot in seed_shots():
            if "seeds" in only:
                yield "seeds", name, report, as_png(shot)
            if "pdf" in only:
                yield "pdf", name, report, as_pdf(shot)
            if "degraded" in only:
                for level in levels:
                    how = DEGRADATIONS[level]
                    yield f"degraded: {level}", name, report, as_png(picture.degrade(shot, seed=1, **how))
    if "drawn" in only:
        for i, (report, how) in enumerate(generated(drawn)):
            image = picture.degrade(picture.draw(report, parts="tables"), **how)
            yield "drawn", f"{i:03d}", report, as_png(image)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="+", default=["seeds", "pdf", "degraded"],
                        choices=["seeds", "pdf", "degraded", "drawn"])
    parser.add_argument("--drawn", type=int, default=0, help="generated reports to draw (adds 'drawn')")
    parser.add_argument("--json", type=Path, help="write every picture's figures here")
    parser.add_argument("--levels", nargs="+", choices=list(DEGRADATIONS), default=list(DEGRADATIONS),
                        help="the degradations the degraded case makes (all of them by default)")
    args = parser.parse_args(argv)
    only = set(args.only) | ({"drawn"} if args.drawn else set())
    rows: list[dict[str, Any]] = []
    for case, name, truth, data in cases(only, args.drawn or 20, args.levels):
        start = time.perf_counter()
        try:
            read = gkreport.parse(data)
        except gkreport.GkreportError as exc:
            print(f"{case} {name}: {type(exc).__name__}: {exc}", file=sys.stderr)
            seconds = time.perf_counter() - start
            rows.append({"case": case, "name": name, "failed": str(exc), "seconds": seconds})
            continue
        row = {"case": case, "name": name, **score(truth, read), "seconds": time.perf_counter() - start}
        rows.append(row)
        print(json.dumps(row, ensure_ascii=False), file=sys.stderr, flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    print(table(rows))
    return 0


def table(rows: list[dict[str, Any]]) -> str:
    """One line a case: its sums, and the seconds a picture took (median, slowest)."""
    lines = ["| case | pictures | numbers | exact | wrong (not named) | None | corrected | ambiguous | failed "
             "| s/picture |", "|---|---|---|---|---|---|---|---|---|---|"]
    for case in dict.fromkeys(r["case"] for r in rows):
        mine = [r for r in rows if r["case"] == case]
        read = [r for r in mine if "failed" not in r]
        sums = {k: sum(r[k] for r in read) for k in COUNTS}
        share = f"{sums['exact'] / sums['numbers']:.1%}" if sums["numbers"] else "-"
        seconds = [r["seconds"] for r in mine]
        lines.append(f"| {case} | {len(mine)} | {sums['numbers']} | {sums['exact']} ({share}) "
                     f"| {sums['wrong']} ({sums['unflagged']}) | {sums['none']} | {sums['corrected']} "
                     f"| {sums['ambiguous']} "
                     f"| {len(mine) - len(read)} "
                     f"| {statistics.median(seconds):.1f} (max {max(seconds):.1f}) |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
