"""Parse a folder of reports on a dask scheduler and write their table as a Parquet dataset.

Usage (needs ``pip install 'gkreport[dask]'``)::

    python examples/dask_parse.py REPORTS/ --out reports.parquet [--wide] [--scheduler processes]

:func:`gkreport.parse` is a pure function of one document, so a corpus is a ``dask.bag``
map: each file becomes its ``--out`` record (``gkreport.batch.parse_file`` never raises, so a
bad file is a record with an ``error``, not a failed task), and each partition of records
writes its own ``part-NNNNN.parquet`` in the ``--out`` folder through
``gkreport.dataset.write_parquet``. No partition waits for another, so the same code runs on
the local scheduler, on processes, or on a ``dask.distributed`` cluster (pass
``scheduler=client`` or start a ``Client`` first). Read the result back with
``pyarrow.parquet.read_table(out)`` or ``pandas.read_parquet(out)``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import dask
import dask.bag as db

from gkreport.batch import expand, parse_file
from gkreport.dataset import write_parquet


def record(source: str) -> dict[str, Any]:
    """One file's ``gkreport parse --out`` record: its report, or its error."""
    return parse_file(source).record()


def write_part(records: list[dict[str, Any]], path: Path, wide: bool) -> tuple[int, list[dict[str, Any]]]:
    """Write one partition's tables to ``path``; return its row count and its failed records."""
    rows = write_parquet(records, path, wide=wide)
    return rows, [r for r in records if "error" in r]


def parse_folder(paths: Sequence[str | os.PathLike[str]], out: Path, *, wide: bool = False,
                 partitions: int | None = None,
                 scheduler: Any = "processes") -> tuple[int, list[dict[str, Any]]]:
    """Parse the reports under ``paths`` into the Parquet dataset ``out``.

    Returns the number of table rows written and the records of the files that failed.
    """
    files = expand(paths)
    if not files:
        return 0, []
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob("part-*.parquet"):  # an earlier run's parts would be read as this one's
        stale.unlink()
    parts = partitions or min(len(files), 4 * (os.cpu_count() or 1))
    records = db.from_sequence(files, npartitions=parts).map(record)
    writes = [dask.delayed(write_part)(part, out / f"part-{i:05d}.parquet", wide)
              for i, part in enumerate(records.to_delayed())]
    done = dask.compute(*writes, scheduler=scheduler)
    return sum(rows for rows, _ in done), [f for _, failed in done for f in failed]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+", metavar="PATH", help="report files, folders or globs")
    ap.add_argument("--out", required=True, type=Path, help="the Parquet dataset (a folder) to write")
    ap.add_argument("--wide", action="store_true", help="one row per report instead of one per cell")
    ap.add_argument("--partitions", type=int, help="how many parts (default: 4 per core, at most one per file)")
    ap.add_argument("--scheduler", default="processes", choices=("processes", "threads", "sync"))
    args = ap.parse_args(argv)
    rows, failed = parse_folder(args.paths, args.out, wide=args.wide, partitions=args.partitions,
                                scheduler=args.scheduler)
    for f in failed:
        print(f"{f['source']}: {f['error']['type']}: {f['error']['message']}", file=sys.stderr)
    print(f"{rows} rows to {args.out}; {len(failed)} files failed", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
