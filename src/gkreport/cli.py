"""The ``gkreport`` command.

``gkreport parse PATH... [--format json|text] [--out FILE.jsonl] [--jobs N] [--max-bytes N]
[--diagnostics full|summary|none] [--fail-on warning|error]`` parses files, folders and globs,
one record per report (a file may hold several);
``gkreport export RESULTS.jsonl... --format csv|parquet [--out FILE] [--wide | --panel
[--bodies BODIES.csv]]`` turns the JSON lines of ``parse --out`` into a table;
``gkreport check PATH... [--format text|json] [--jobs N] [--max-bytes N] [--fail-on error|warning]
[--html FILE] [--all] [--blank-as-zero]`` audits the reports of what parse takes;
``gkreport compare OLD NEW`` or ``gkreport compare PATH... [--format text|json] [--html FILE]
[--bodies BODIES.csv] [--all] [--fail-on error] [--blank-as-zero] [--jobs N]`` compares reports
with the same body's of the year before;
``gkreport summary PATH... [--format text|json] [--html FILE] [--bodies BODIES.csv] [--jobs N]``
sums the reports of what parse takes up per year and level of government.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

import attrs
from tqdm import tqdm

from . import COMPILED, __version__
from .audit_report import add_check_command, check_command
from .batch import DEFAULT_MAX_BYTES, SUFFIXES, Outcome, WorkersDiedError, find, parse_file_all, parse_files
from .compare_report import add_compare_command, compare_command
from .dataset import Panel, panel_rows, read_jsonl, write_csv, write_parquet
from .diagnostics import SEVERITIES, Detail, Severity
from .model import Report
from .summary import add_summary_command, read_bodies, summary_command
from .template import APPEAL_COLUMNS, APPEAL_GROUPS, APPLICANT_COLUMNS

__all__ = ["main"]


def _text_summary(report: Report, name: str) -> str:
    meta = report.meta
    out = [f"== {name}",
           f"{meta.organ or '?'} · {meta.year or '?'} · template {meta.template}",
           f"title: {meta.title or '?'}"]
    for field in ("document_number", "index_number", "publisher", "published", "signature_date"):
        value = getattr(meta, field)
        if value is not None:
            out.append(f"{field}: {value}")
    out.append("sections: " + ", ".join(f"{s.key} ({len(s.paragraphs)} ¶)" for s in report.sections))
    out.append("cells: " + _MARKS_LEGEND)
    cell = functools.partial(_cell, report.statuses)
    out.append("\n二 proactive (第二十条)")
    for key, item in report.proactive.items():
        cells = "  ".join(f"{c}={cell(f'proactive.{key}.{c}', v)}" for c, v in item.items())
        out.append(f"  {key:<22}{cells}" + (f"  [{item.unit}]" if item.unit else ""))
    out.append("\n三 requests")
    out.append(f"  {'':<30}" + "".join(f"{c.key[:9]:>10}" for c in APPLICANT_COLUMNS))
    for key, row in report.requests.items():
        out.append(f"  {key:<30}" + "".join(f"{cell(f'requests.{key}.{c.key}', v):>10}"
                                             for c, v in zip(APPLICANT_COLUMNS, row.cells, strict=True)))
    out.append("\n四 appeals")
    out.append(f"  {'':<20}" + "".join(f"{c.key:>10}" for c in APPEAL_COLUMNS))
    for key, _ in APPEAL_GROUPS:
        group = zip(APPEAL_COLUMNS, report.appeals[key].cells, strict=True)
        out.append(f"  {key:<20}" + "".join(f"{cell(f'appeals.{key}.{c.key}', v):>10}" for c, v in group))
    out.append(f"\ndiagnostics ({len(report.diagnostics)})")
    out.extend(f"  {d}" for d in report.diagnostics)
    return "\n".join(out)


# How the text summary marks a cell's status (Report.statuses): a number read as printed
# and a blank go unmarked.
_MARKS = {"recovered": "*", "solved": "*", "settled": "*", "corrected": "*", "blank": "—", "ambiguous": "~",
          "lost": "?"}
_MARKS_LEGEND = "— blank, ? lost, ~ ambiguous, * recovered, solved, settled or corrected (not read as printed)"


def _cell(statuses: Mapping[str, str], key: str, value: object) -> str:
    status = statuses.get(key, "read" if value is not None else "blank")
    if value is None:
        return _MARKS.get(status, "—")
    return f"{value}{_MARKS.get(status, '')}"


@attrs.frozen
class _Json:
    """A parsed file as the JSON formats print it, made in the worker: a line of text pickles
    back in a fraction of the time a Report does, and leaves the parent nothing to serialise."""

    source: str
    text: str
    diagnosed: bool
    #: The gravest severity among the report's diagnostics.
    worst: Severity | None


def _worst(report: Report) -> Severity | None:
    found = {d.severity for d in report.diagnostics}
    return next((s for s in reversed(SEVERITIES) if s in found), None)


def _as_json(source: str, *, max_bytes: int | None, strict: bool, indent: int | None,
             detail: Detail = "full") -> list[_Json | Outcome]:
    """A file's records: one for a file of one report; one a line for each report of a file
    that holds several (never indented: they are JSON lines however many files there are)."""
    outcomes = parse_file_all(source, max_bytes=max_bytes, strict=strict)
    if len(outcomes) > 1:
        indent = None
    return [o if o.report is None else
            _Json(source, json.dumps(o.record(detail), ensure_ascii=False, indent=indent,
                                     separators=_SEPARATORS[indent is None]),
                  bool(o.report.diagnostics), _worst(o.report))
            for o in outcomes]


# JSON lines are for programs: no space after a separator (a tenth of a crawler's excerpt).
_SEPARATORS: dict[bool, tuple[str, str]] = {True: (",", ":"), False: (",", ": ")}


class _Tally:
    """What the summary line counts: files, and reports where a file holds several."""

    def __init__(self, fail_on: Severity | None = None) -> None:
        self.files = self.parsed = self.with_diagnostics = self.failed = self.failing = 0
        #: The reports with a diagnostic this severe or graver fail the run (``--fail-on``).
        self.fail_on = SEVERITIES[SEVERITIES.index(fail_on):] if fail_on else ()

    def add(self, result: _Json | Outcome) -> None:
        if isinstance(result, Outcome) and result.report is None:
            self.failed += 1
            return
        self.parsed += 1
        if isinstance(result, _Json):
            diagnosed, worst = result.diagnosed, result.worst
        else:
            assert result.report is not None
            diagnosed, worst = bool(result.report.diagnostics), _worst(result.report)
        self.with_diagnostics += diagnosed
        self.failing += worst in self.fail_on

    def __str__(self) -> str:
        results = self.parsed + self.failed
        reports = f" ({results} reports)" if results != self.files else ""
        return (f"gkreport: {self.files} files{reports}: {self.parsed} parsed "
                f"({self.with_diagnostics} with diagnostics), {self.failed} failed")


def _progress_bar(total: int) -> tqdm[Any]:
    """A bar on stderr for a person at a terminal; a pipe or a log gets only the messages."""
    if not sys.stderr.isatty():
        return tqdm(total=total, disable=True)
    try:
        columns, lines = os.get_terminal_size(sys.stderr.fileno())
    except OSError:
        columns = lines = 0
    if columns and lines:
        return tqdm(total=total, unit="file", file=sys.stderr, dynamic_ncols=True)
    # Some CI terminals and serial consoles report a size of 0: tqdm would draw a bar of no
    # width, and take 0 lines for -1 rows, where no bar is drawn at all.
    return tqdm(total=total, unit="file", file=sys.stderr, ncols=columns or 80, nrows=lines or 24)


def _parse_command(args: argparse.Namespace) -> int:
    found = find(args.paths)
    sources = found.files
    options = {"max_bytes": args.max_bytes or None, "strict": args.strict}
    # JSON is made where the report is parsed; one report alone is printed indented.
    task = (functools.partial(parse_file_all, **options) if args.format == "text" else
            functools.partial(_as_json, **options, indent=1 if len(sources) == 1 and not args.out else None,
                              detail=args.diagnostics))
    jobs = args.jobs or os.cpu_count() or 1
    with contextlib.ExitStack() as stack:
        try:
            out = stack.enter_context(open(args.out, "w", encoding="utf-8")) if args.out else None
        except OSError as exc:
            print(f"gkreport: cannot write {args.out}: {exc.strerror}", file=sys.stderr)
            return 2
        bar = stack.enter_context(_progress_bar(len(sources)))
        tally = _Tally(args.fail_on)
        try:
            for results in parse_files(sources, jobs=jobs, task=task):
                tally.files += 1
                for result in _each(results):
                    _write(result, tally, out, bar)
                bar.update()
        except WorkersDiedError as exc:
            bar.write(f"gkreport: {exc}", file=sys.stderr)
            return 2
    # Printed to JSON on stdout, the reports are the output and each failure has had its
    # line; the count is for --out runs and for a person watching a terminal.
    if args.out or sys.stderr.isatty():
        print(tally, file=sys.stderr)
    if found.skipped:  # what the folders held and no one asked for is said however it is run
        print(f"gkreport: {found.skipped}", file=sys.stderr)
    if tally.failing:
        print(f"gkreport: {tally.failing} reports have a diagnostic of severity {args.fail_on} or graver "
              f"(--fail-on {args.fail_on})", file=sys.stderr)
    return 1 if tally.failed or tally.failing else 0


def _each(results: Any) -> list[_Json | Outcome]:
    """A file's results: one per report (the task's list), or the Outcome of a task that failed."""
    return results if isinstance(results, list) else [results]


def _write(result: _Json | Outcome, tally: _Tally, out: IO[str] | None, bar: tqdm[Any]) -> None:
    tally.add(result)
    if isinstance(result, _Json):
        print(result.text, file=out)
    elif result.report is not None:
        print(_text_summary(result.report, result.name))
    else:
        bar.write(f"gkreport: {result.name}: {result.failure}", file=sys.stderr)
        if out:
            print(json.dumps(result.record(), ensure_ascii=False, separators=_SEPARATORS[True]), file=out)


def _export_command(args: argparse.Namespace) -> int:
    if args.format == "parquet" and not args.out:
        print("gkreport: export --format parquet needs --out FILE", file=sys.stderr)
        return 2
    bodies = read_bodies(args.bodies)
    if isinstance(bodies, str) or (args.bodies and not args.panel):
        why = bodies if isinstance(bodies, str) else "names the bodies of a --panel"
        print(f"gkreport: --bodies {args.bodies}: {why}", file=sys.stderr)
        return 2
    skipped = [0]

    def records() -> Iterator[dict[str, Any]]:
        for path in args.results:
            for record in read_jsonl(path):
                skipped[0] += "error" in record
                yield record

    try:
        # The table is made aside and goes to stdout or --out only once every line has been
        # read: a bad line at the end leaves no header, no half table and no --out truncated.
        with tempfile.TemporaryDirectory(prefix="gkreport-export-") as aside:
            table = Path(aside) / "table"
            reports = panel_rows(records(), bodies=bodies) if args.panel else records()
            if args.format == "parquet":
                rows = write_parquet(reports, table, wide=args.wide, panel=args.panel)
            else:
                with table.open("w", encoding="utf-8", newline="") as out:
                    rows = write_csv(reports, out, wide=args.wide, panel=args.panel)
            _deliver(table, args.out)
    except ImportError as exc:
        print(f"gkreport: export --format parquet needs pyarrow ({exc.name} is missing): "
              "pip install 'gkreport[data]'", file=sys.stderr)
        return 2
    except BrokenPipeError:
        raise
    except OSError as exc:  # a results file that cannot be read, an --out that cannot be written
        print(f"gkreport: {exc.filename}: {exc.strerror}", file=sys.stderr)
        return 2
    except ValueError as exc:  # a line that is not a record
        print(f"gkreport: {exc}", file=sys.stderr)
        return 1
    shape = "panel" if args.panel else "wide" if args.wide else "long"
    print(f"gkreport: {rows} rows ({shape}) to {args.out or 'stdout'}; "
          f"skipped {skipped[0]} records of failed files", file=sys.stderr)
    for message in reports.messages() if isinstance(reports, Panel) else ():
        print(f"gkreport: {message}", file=sys.stderr)
    return 0


def _deliver(table: Path, out: str | None) -> None:
    """Copy the finished ``table`` to ``out``, or to stdout when there is none."""
    if out is not None:
        shutil.copyfile(table, out)
        return
    with table.open(encoding="utf-8", newline="") as made:
        shutil.copyfileobj(made, sys.stdout)


def _job_count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 (one per core) or more")
    return value


def _byte_count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 (no limit) or more")
    return value


def _add_batch_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--jobs", type=_job_count, default=1, metavar="N",
                         help="parse in N worker processes (0: one per core; default 1: in this process)")
    command.add_argument("--max-bytes", type=_byte_count, default=DEFAULT_MAX_BYTES, metavar="N",
                         help=f"refuse larger files unread (default {DEFAULT_MAX_BYTES:,}; 0: no limit)")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``gkreport`` command with ``argv`` (default: the process's arguments).

    Returns the exit status: 0, 1 when a file failed, 2 for a usage error.

    >>> main(["parse", "tests/data/001_e94c29de80bcac7c.txt", "--format", "text"])  # doctest: +ELLIPSIS
    == tests/data/001_e94c29de80bcac7c.txt
    泉州市丰泽区人民政府办公室 · 2023 · template 2021
    ...
    0
    """
    ap = argparse.ArgumentParser(prog="gkreport", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--version", action="version",
                    version=f"gkreport {__version__} ({'compiled' if COMPILED else 'pure Python'})")
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="parse annual reports: files, folders and globs")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help=f"a report file, a folder (searched for {' '.join(SUFFIXES)}) or a glob")
    p.add_argument("--format", choices=("json", "text"), default="json",
                   help="how reports are printed to stdout when there is no --out (default json)")
    p.add_argument("--out", metavar="FILE.jsonl",
                   help="write one JSON object per file (per report of a file that holds several) "
                   "here, failures included, instead of printing")
    _add_batch_options(p)
    p.add_argument("--strict", action="store_true", help="a file that needs a repair fails")
    p.add_argument("--diagnostics", choices=("full", "summary", "none"), default="full",
                   help="each report's diagnostics in its JSON: every one (default), a count per "
                   "code, or none")
    p.add_argument("--fail-on", choices=("warning", "error"),
                   help="exit 1 when a report has a diagnostic of this severity or graver "
                   "(a lost row or table is an error; a number placed nowhere a warning)")
    e = sub.add_parser("export", help="turn parse --out JSON lines into a CSV or Parquet table")
    e.add_argument("results", nargs="+", metavar="RESULTS.jsonl")
    e.add_argument("--format", choices=("csv", "parquet"), default="csv")
    e.add_argument("--out", metavar="FILE", help="where to write (CSV: stdout when not given)")
    shapes = e.add_mutually_exclusive_group()
    shapes.add_argument("--wide", action="store_true",
                        help="one row per report instead of one per report, table, row and column")
    shapes.add_argument("--panel", action="store_true", help="one row per body and year, the cells that "
                        "mean the same on both templates (the crosswalk) side by side")
    e.add_argument("--bodies", metavar="BODIES.csv", help="your ids for bodies (columns name, id, level) "
                   "for --panel: names given one id are one body")
    add_check_command(sub)
    _add_batch_options(sub.choices["check"])  # check reads what parse reads, as parse does
    add_compare_command(sub)
    add_summary_command(sub)
    _add_batch_options(sub.choices["summary"])  # and so does summary
    args = ap.parse_args(argv)
    if args.command == "parse" and args.out and args.format != "json":
        ap.error("--out writes JSON lines; --format text is for printing")
    commands = {"parse": _parse_command, "export": _export_command, "check": check_command,
                "compare": compare_command, "summary": summary_command}
    try:
        return commands[args.command](args)
    except KeyboardInterrupt:
        print("gkreport: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (| head): stop quietly, and keep Python from complaining
        # about the unflushed stdout on the way out.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
