"""Comparisons shown: a terminal report, JSON, a one-page HTML, and ``gkreport compare``.

``gkreport compare OLD NEW`` compares two report files, the earlier year's first;
``gkreport compare PATH...`` with folders, globs or more files compares every consecutive
pair of years of each body among their reports (:func:`gkreport.compare.compare_series`).
The HTML page is rendered with jinja2 (the ``audit`` extra) from ``templates/compare.html.j2``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

import attrs

from .audit import Read, read_paths
from .audit_report import _cannot_write_html, _evidence
from .batch import SUFFIXES, WorkersDiedError, find
from .bodies import Bodies, BodyNote
from .compare import CellChange, Comparison, Pair, compare, compare_series
from .errors import GkreportError, MissingExtraError
from .model import Report
from .template import SECTIONS

__all__ = ["add_compare_command", "compare_command", "render_html", "render_json", "render_text", "to_data"]

#: A comparison of reads: the files' reports with their names and lines.
Compared = Pair[Read]

_SECTION_NAMES: Final = {s.key: s.heading for s in SECTIONS}


def _json_value(_: Any, __: Any, value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def to_data(comparison: Comparison) -> dict[str, Any]:
    """One comparison as JSON-ready data: its fields, each cell's change and whether its
    status changed, each check's severity; money as a string holding the exact decimal.

    >>> from pathlib import Path
    >>> from gkreport import parse
    >>> from gkreport.compare import compare
    >>> report = parse(Path("tests/data/002_1cb59e66f00bcffe.txt"))
    >>> data = to_data(compare(report, report))
    >>> data["cells"][0]["key"], data["cells"][0]["change"], data["changed"]
    ('proactive.rules.made', 0, 0)
    """
    data = attrs.asdict(comparison, value_serializer=_json_value)
    for cell, out in zip(comparison.cells, data["cells"], strict=True):
        out["change"] = _json_value(None, None, cell.change)
        out["status_changed"] = cell.status_changed
    for check, out in zip(comparison.checks, data["checks"], strict=True):
        out["severity"] = check.severity
    data["changed"] = len(comparison.changed)
    data["status_changes"] = len(comparison.status_changes)
    return data


def render_json(comparisons: Sequence[Comparison], notes: Sequence[BodyNote] = ()) -> str:
    """The comparisons and the notes about bodies as one JSON document."""
    return json.dumps({"comparisons": [to_data(c) for c in comparisons],
                       "bodies": [attrs.asdict(n) for n in notes]}, ensure_ascii=False, indent=1)


# -- text ---------------------------------------------------------------------------------

def _shown(value: object) -> str:
    return "—" if value is None else str(value)


def _with_status(value: object, status: str) -> str:
    return _shown(value) if status == "read" else f"{_shown(value)}({status})"


def _signed(value: int | Decimal | None) -> str:
    return "" if value is None or value == 0 else f"{value:+}"


def _cell_line(cell: CellChange) -> str:
    kind = f"  [{cell.kind}]" if cell.kind != "same" else ""
    return (f"    {cell.key:<48} {_with_status(cell.old, cell.old_status):>14} → "
            f"{_with_status(cell.new, cell.new_status):<14} {_signed(cell.change):>7}{kind}")


def _comparison_text(c: Comparison, every: bool) -> list[str]:
    out = [f"== {c.old.name or c.old.organ} → {c.new.name or c.new.organ}",
           f"body {c.new.body or '?'} · {c.old.year or '?'} → {c.new.year or '?'} · template "
           f"{c.old.template or '?'} → {c.new.template or '?'} · {len(c.cells)} cells, {len(c.changed)} "
           f"changed, {len(c.status_changes)} changed status · {len(c.checks)} checks across years, "
           f"{len(c.failed)} fail"]
    out += [f"  note: {note}" for note in c.notes]
    for check in c.checks:
        if check.status == "pass" and not every:
            continue
        out.append(f"  {check.status:<12} {check.kind:<10} {check.where}: {check.message}")
        if check.note:
            out.append(f"        note: {check.note}")
        if check.status != "pass":
            out.extend(_evidence(check))
    cells = c.cells if every else tuple(x for x in c.cells if x.old != x.new or x.status_changed)
    if cells:
        out.append(f"  {'cells' if every else 'cells changed'} ({len(cells)}): "
                   f"{'last year':>14}   {'this year':<14} {'change':>7}")
        out += [_cell_line(cell) for cell in cells]
    if c.uncompared:
        out.append(f"  {len(c.uncompared)} cells not compared across the template change "
                   f"({', '.join(sorted({u.key.split('.')[1] for u in c.uncompared}))}): see JSON")
    for s in c.sections:
        inserted = sum(len(p.text.strip()) for p in s.diff if p.tag == "insert")
        deleted = sum(len(p.text.strip()) for p in s.diff if p.tag == "delete")
        out.append(f"  section {s.key:<14} {s.repeated:6.1%} of {s.new_characters} characters repeat last "
                   f"year's; {inserted} added, {deleted} removed")
    return out


def render_text(comparisons: Sequence[Comparison], notes: Sequence[BodyNote] = (), *,
                every: bool = False) -> str:
    """A readable report of each comparison: its notes, the checks across years (those that
    do not pass, with evidence), the cells that changed (``every``: all cells, all checks),
    and each section's repeated share; then the notes about bodies.

    >>> from gkreport.audit import read_file
    >>> from gkreport.compare import compare_series
    >>> pairs, notes = compare_series(read_file("tests/data/000_cf9562a21e5519b3.txt"), lambda r: r.report)
    >>> print(render_text([p.comparison for p in pairs], notes))
    no two consecutive years of one body to compare
    """
    out = []
    for comparison in comparisons:
        out += [*_comparison_text(comparison, every), ""]
    if not comparisons:
        out.append("no two consecutive years of one body to compare")
    out += [f"bodies: {n.code}: {n.message}" for n in notes]
    return "\n".join(out)


# -- HTML ---------------------------------------------------------------------------------

def render_html(comparisons: Sequence[Comparison], notes: Sequence[BodyNote] = (), *,
                title: str = "政府信息公开工作年度报告 · compared with the year before") -> str:
    """One HTML page of the comparisons: per pair the checks across years with evidence, the
    cells side by side (changed ones marked), and each section's text as a diff whose shared
    passages are highlighted, with its repeated share as a bar."""
    try:
        import jinja2
    except ImportError as exc:  # pragma: no cover - the extra is missing
        raise MissingExtraError("the HTML comparison needs jinja2: pip install 'gkreport[audit]'",
                                extra="audit", name=exc.name) from exc
    env = jinja2.Environment(loader=jinja2.PackageLoader("gkreport", "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters["shown"] = _shown
    env.filters["signed"] = _signed
    return env.get_template("compare.html.j2").render(
        title=title, comparisons=comparisons, notes=notes, sections=_SECTION_NAMES)


# -- the command --------------------------------------------------------------------------

def add_compare_command(commands: Any) -> None:
    """Register ``gkreport compare`` on the CLI's subparsers.

    >>> commands = argparse.ArgumentParser(prog="gkreport").add_subparsers(dest="command")
    >>> add_compare_command(commands)
    >>> commands.choices["compare"].parse_args(["a.txt", "b.txt", "--format", "json"]).format
    'json'
    """
    p = commands.add_parser("compare", help="compare reports with the same body's report of the year before")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="two report files, the earlier year's first; or folders, globs and files "
                        f"(searched for {' '.join(SUFFIXES)}): every consecutive pair of years of each body")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--all", action="store_true", help="list every cell and every check (text)")
    p.add_argument("--html", metavar="FILE", help="also write a one-page HTML comparison")
    p.add_argument("--bodies", metavar="BODIES.csv",
                   help="your ids of bodies: a CSV with the columns name and id (and level); names "
                        "with one id are one body")
    p.add_argument("--fail-on", choices=("error",), help="exit 1 when a check across years fails")
    p.add_argument("--blank-as-zero", action="store_true",
                   help="take cells printed blank as 0 in the checks across years, each check saying so")
    p.add_argument("--jobs", type=int, default=0, metavar="N", help="parse in N processes (default: cores)")


def compare_command(args: argparse.Namespace) -> int:
    """Run ``gkreport compare``: 1 if a file cannot be read or a check fails at ``--fail-on``,
    2 if the comparing cannot begin."""
    if args.html and (why := _cannot_write_html(Path(args.html))):
        print(f"gkreport: --html {args.html}: {why}", file=sys.stderr)
        return 2
    try:
        bodies = Bodies.read_csv(args.bodies) if args.bodies else None
        reads, missing = _reads(args)
    except (GkreportError, OSError) as exc:
        print(f"gkreport: {exc}", file=sys.stderr)
        return 2
    unread = [r for r in reads if r.report is None]
    read = [r for r in reads if r.report is not None]
    if _two_files(args.paths) and len(read) == 2 and read[0].source != read[1].source:
        pairs: list[Compared] = [_pair(read[0], read[1], bodies, args.blank_as_zero)]
        notes: list[BodyNote] = []
    else:
        pairs, notes = compare_series(read, _report, lambda r: r.name, lambda r: r.lines, bodies=bodies,
                                      blank_as_zero=args.blank_as_zero)
    comparisons = [p.comparison for p in pairs]
    print(render_json(comparisons, notes) if args.format == "json"
          else render_text(comparisons, notes, every=args.all))
    if args.html:
        Path(args.html).write_text(render_html(comparisons, notes), encoding="utf-8")
        print(f"gkreport: wrote {args.html}", file=sys.stderr)
    for r in unread:
        print(f"gkreport: {r.name}: {r.error}", file=sys.stderr)
    if missing:
        print(f"gkreport: {missing}", file=sys.stderr)
    failed = sum(len(p.comparison.failed) for p in pairs)
    print(f"gkreport: {len(reads)} reports, {len(pairs)} compared, {failed} checks across years fail"
          + (f", {len(unread)} not read" if unread else ""), file=sys.stderr)
    return 1 if unread or (args.fail_on and failed) else 0


def _two_files(paths: Sequence[str]) -> bool:
    return len(paths) == 2 and all(os.path.isfile(p) for p in paths)


def _reads(args: argparse.Namespace) -> tuple[list[Read], str]:
    """The reports of the paths, in order; and what finding them skipped."""
    if _two_files(args.paths):
        # Each file's first report, as named: OLD then NEW.
        reads = [next(iter(read_paths([path], jobs=1)), Read(path, error="no report")) for path in args.paths]
        return reads, ""
    found = find(args.paths)
    try:
        return list(read_paths(found.files, jobs=args.jobs or os.cpu_count() or 1)), found.skipped
    except WorkersDiedError as exc:
        raise GkreportError(str(exc)) from exc


def _report(read: Read) -> Report:
    assert read.report is not None  # only reads with a report are compared
    return read.report


def _pair(old: Read, new: Read, bodies: Bodies | None, blank_as_zero: bool) -> Compared:
    assert old.report is not None and new.report is not None
    return Pair(old, new, compare(old.report, new.report, old_lines=old.lines, new_lines=new.lines,
                                  names=(old.name, new.name), bodies=bodies, blank_as_zero=blank_as_zero))
