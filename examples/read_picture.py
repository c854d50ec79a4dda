"""Read a report whose tables are a picture, and say how each number was obtained.

Usage::

    python examples/read_picture.py PICTURE            # a PNG/JPEG, a scanned PDF, a folder of pages
    python examples/read_picture.py --draw tests/data/001_e94c29de80bcac7c.txt tables.png

``--draw REPORT OUT`` first draws REPORT's tables as a picture (gkreport.picture, a little
blurred and noisy, as a scan), saves it to OUT and reads it back. Needs the ocr extra:
``pip install 'gkreport[ocr]'``.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import gkreport
from gkreport import picture


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("picture", nargs="?", type=Path)
    parser.add_argument("--draw", nargs=2, type=Path, metavar=("REPORT", "OUT"))
    args = parser.parse_args(argv)
    if args.draw:
        report, out = args.draw
        drawn = picture.draw(gkreport.parse(report), parts="tables")
        picture.degrade(drawn, blur=0.6, noise=6, seed=1).save(out)
        print(f"drew {report.name}'s tables into {out}")
        args.picture = out
    if args.picture is None:
        parser.error("give a picture, or --draw REPORT OUT")
    read = gkreport.parse(args.picture)
    print(f"granted in full: {read.requests['granted'].total}, "
          f"received: {read.requests['new_received'].total}")
    counts = Counter(cell.status for cell in read.cells())
    print("cells: " + ", ".join(f"{n} {status}" for status, n in counts.most_common()))
    # What OCR said: the pictures read, numbers corrected or left ambiguous, numbers no
    # identity checks.
    for d in read.diagnostics:
        if d.code.startswith("ocr-") and d.code != "ocr-letter-digit":
            print(f"  [{d.code}] {d.message[:120]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
