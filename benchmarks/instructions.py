"""Instructions per report, counted by valgrind's callgrind: a figure that load does not move.

Wall-clock figures (``bench.py``) need a quiet machine; the count of instructions the CPU
runs to parse a report is the same on a busy one, so it compares two versions of the code
on any machine, to a fraction of a percent. What is counted:

- ``plain``: each report of ``tests/data/*.txt`` parsed from its ``str`` text;
- ``glued``: the same reports rendered in the ``glued`` layout (each table on one line, its
  runs of digits split by the arithmetic), rendered once here by the checkout's own
  renderer and written to a temporary folder, so both versions parse the same text;
- ``html``: the same reports as web pages, parsed from their bytes: each as a government
  site lays it out (``tests/govpage.py``: navigation, a layout table, metadata, a footer)
  and in the ``html`` layout of :func:`gkreport.render`, two pages a report (the figure is
  per page).

A child process parses every report once (warm-up: the grammar built, modules imported),
then ``--rounds`` more times; another does the warm-up alone. The difference, divided by
rounds x reports, is the count per report, start-up excluded.

Run it from the repository's root (valgrind must be installed; it is not on CI)::

    .venv/bin/python benchmarks/instructions.py
    .venv/bin/python benchmarks/instructions.py --against ../old-checkout/src
    .venv/bin/python benchmarks/instructions.py --layouts html

A src folder may hold a compiled build (docs/compiled.md): its wheel unpacked, which the child
imports as it would the sources::

    python -m zipfile -e dist/gkreport-0.1.0-cp311-cp311-linux_x86_64.whl /tmp/compiled
    .venv/bin/python benchmarks/instructions.py --src /tmp/compiled --against src
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
CHILD = """
import pathlib, sys
import gkreport
# A page is parsed from its bytes, as a crawled file is; a text copy from its str.
texts = [p.read_bytes() if p.suffix == ".html" else p.read_text(encoding="utf-8")
         for p in sorted(pathlib.Path(sys.argv[1]).iterdir()) if p.suffix in (".txt", ".html")]
for text in texts:
    gkreport.parse(text)
for _ in range(int(sys.argv[2])):
    for text in texts:
        gkreport.parse(text)
"""
LAYOUTS = ("plain", "glued", "html")
_COLLECTED = re.compile(r"Collected : (\d+)")


def instructions(src: Path, folder: Path, rounds: int) -> int:
    """Instructions to parse each report of ``folder`` ``rounds`` times with the code in ``src``."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    counts = []
    for n in (0, rounds):
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
             sys.executable, "-c", CHILD, str(folder), str(n)],
            env=env, capture_output=True, text=True, check=True)
        found = _COLLECTED.search(done.stderr)
        if found is None:
            raise SystemExit(f"valgrind printed no count:\n{done.stderr[-2000:]}")
        counts.append(int(found.group(1)))
    return counts[1] - counts[0]


def _write_layouts(reports: list[Path], tmp: Path) -> dict[str, Path]:
    """The folders of each layout: the corpus itself, and the glued and html copies of it."""
    import gkreport
    from govpage import government_page

    folders = {"plain": DATA, "glued": tmp / "glued", "html": tmp / "html"}
    folders["glued"].mkdir()
    folders["html"].mkdir()
    for path in reports:
        report = gkreport.parse(path.read_text(encoding="utf-8"))
        (folders["glued"] / path.name).write_text(gkreport.render(report, "glued"), encoding="utf-8")
        (folders["html"] / f"{path.stem}-site.html").write_text(government_page(report), encoding="utf-8")
        (folders["html"] / f"{path.stem}-rendered.html").write_text(gkreport.render(report, "html"),
                                                                    encoding="utf-8")
    return folders


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the code to count (a src folder)")
    parser.add_argument("--against", type=Path, help="a second src folder, counted beside it")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--layouts", nargs="+", choices=LAYOUTS, default=list(LAYOUTS),
                        help="which layouts to count (all by default)")
    args = parser.parse_args()
    sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

    reports = sorted(DATA.glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        folders = _write_layouts(reports, Path(tmp))
        print(f"{'layout':8} {'code':40} {'instructions per report':>24}")
        for layout in args.layouts:
            folder = folders[layout]
            inputs = sum(1 for p in folder.iterdir() if p.suffix in (".txt", ".html"))
            figures = {}
            for src in (args.src, args.against):
                if src is None:
                    continue
                figures[src] = instructions(src, folder, args.rounds) / (args.rounds * inputs)
                print(f"{layout:8} {str(src)[-40:]:40} {figures[src]:>24,.0f}")
            if args.against is not None:
                ratio = figures[args.src] / figures[args.against]
                print(f"{layout:8} {'ratio (src / against)':40} {ratio:>24.3f}")


if __name__ == "__main__":
    main()
