"""The audit shown: a terminal table, JSON, a one-page HTML report, and ``gkreport check``.

The HTML page is rendered with jinja2 (the ``audit`` extra) from ``templates/audit.html.j2``;
its bar chart of findings by kind is an inline SVG laid out here.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

import attrs

from .audit import KINDS, Audit, Cell, Check, Read, audit_read, read_paths, read_results
from .batch import SUFFIXES, Found, WorkersDiedError, find
from .bodies import Bodies, body_name, near_matches
from .errors import GkreportError, MissingExtraError, RecordError
from .model import DERIVED

__all__ = [
    "add_check_command",
    "chart",
    "check_command",
    "render_html",
    "render_json",
    "render_text",
    "to_data",
]

_SHOWN: Final = ("fail", "cannot-check")


# -- JSON ---------------------------------------------------------------------------------

def _value(_: Any, __: Any, value: Any) -> Any:
    # Money stays exact, as in the parse export: a string holding the decimal.
    return str(value) if isinstance(value, Decimal) else value


def to_data(result: Audit) -> dict[str, Any]:
    """One audit as JSON-ready data: the record's fields plus status, severities and counts.

    >>> from gkreport.audit import audit_paths
    >>> data = to_data(audit_paths(["tests/data/001_e94c29de80bcac7c.txt"])[0])
    >>> data["status"], data["claims_checked"], data["checks"][0]["severity"]
    ('cannot-check', 4, 'error')
    """
    data = attrs.asdict(result, value_serializer=_value)
    data["status"] = result.status
    data["claims_checked"] = result.claims_checked
    data["findings"] = len(result.findings)
    for check, out in zip(result.checks, data["checks"], strict=True):
        out["severity"] = check.severity
    return data


def render_json(audits: Sequence[Audit]) -> str:
    """The audits and a summary as one JSON document.

    >>> from gkreport.audit import audit_paths
    >>> data = json.loads(render_json(audit_paths(["tests/data/000_cf9562a21e5519b3.txt"])))
    >>> data["summary"]["pass"], data["reports"][0]["organ"]
    (1, '泉州市洛江区人民政府办公室')
    """
    return json.dumps({"summary": _counts(audits), "reports": [to_data(a) for a in audits]},
                      ensure_ascii=False, indent=1)


def _counts(audits: Sequence[Audit]) -> dict[str, int]:
    statuses = Counter(a.status for a in audits)
    return {"reports": len(audits), "pass": statuses["pass"], "fail": statuses["fail"],
            "cannot-check": statuses["cannot-check"], "error": statuses["error"],
            "checks": sum(len(a.checks) for a in audits),
            "findings": sum(len(a.findings) for a in audits),
            "claims": sum(a.claims_checked for a in audits),
            # The checks made by taking blank cells as 0 (``--blank-as-zero``).
            "assumed": sum(1 for a in audits for c in a.checks if c.assumed)}


# -- text ---------------------------------------------------------------------------------

def _cell(value: object) -> str:
    return "—" if value is None else str(value)


def _valued(cell: Cell) -> str:
    """A cell's value with its status where it was not read as printed: ``—(blank)``, ``0(recovered)``."""
    return _cell(cell.value) if cell.status == "read" else f"{_cell(cell.value)}({cell.status})"


def _shown(check: Check) -> list[Cell]:
    """The cells worth showing: all of a failing check but the zeros of a long sum, the cells
    without a number of one that cannot be made."""
    cells = [c for c in check.evidence if c.value is None or check.status == "fail"]
    if check.status == "fail" and len(cells) > 8:
        cells = [c for c in cells[:-1] if c.value != 0] + cells[-1:]
    return cells


def _evidence(check: Check) -> list[str]:
    """The cells shown grouped by the source line they stand on, each line quoted once."""
    cells = _shown(check)
    rows: dict[tuple[str, str, int, int | None], list[Cell]] = {}
    for cell in cells:
        rows.setdefault((cell.table, cell.row, cell.line, cell.year), []).append(cell)
    out = []
    for (table, row, line, year), group in rows.items():
        where = f"line {line}" if line else "no line"
        if year is not None and check.kind in ("carry-over", "in-force"):
            where = f"{year} {where}"
        values = " ".join(f"{c.column}={_valued(c)}" for c in group)
        source = group[0].source
        quoted = f"  | {source[:60]}{'…' if len(source) > 60 else ''}" if source else ""
        out.append(f"      {where:>14}  {table} {row}: {values}{quoted}")
    hidden = len(check.evidence) - len(cells)
    if check.status == "fail" and hidden:
        out.append(f"      ({hidden} cells of 0 not shown)")
    return out


def render_text(audits: Sequence[Audit], *, every: bool = False) -> str:
    """A readable report: per report its findings with evidence, then a summary table.

    ``every`` lists the checks that pass too.

    >>> from gkreport.audit import audit_paths
    >>> print(render_text(audit_paths(["tests/data/002_1cb59e66f00bcffe.txt"])).splitlines()[1])
    status pass · 40 checks: 40 pass, 0 fail, 0 cannot-check · 0 narrative claims checked
    """
    out: list[str] = []
    for a in audits:
        out.append(f"== {a.name}  {a.organ or '?'} · {a.year or '?'} · template {a.template or '?'}")
        if a.error:
            out.extend([f"status error · not read: {a.error}", ""])  # a blank line ends each report
            continue
        statuses = Counter(c.status for c in a.checks)
        assumed = sum(1 for c in a.checks if c.assumed)
        out.append(f"status {a.status} · {len(a.checks)} checks: {statuses['pass']} pass, "
                   f"{statuses['fail']} fail, {statuses['cannot-check']} cannot-check · "
                   f"{a.claims_checked} narrative claims checked"
                   + (f" · {assumed} checks took blank cells as 0" if assumed else ""))
        shown = a.checks if every else a.findings
        for check in shown:
            out.append(f"  {check.status:<12} {check.severity:<7} {check.kind:<12} "
                       f"{check.where}: {check.message}")
            if check.note:
                out.append(f"        note: {check.note}")
            if check.status != "pass":
                out.extend(_evidence(check))
        out.extend(_resting(a, shown))
        for r in a.repetitions:
            longest = max((p.text for p in r.passages), key=len, default="")
            out.append(f"  repetition {r.section:<14} {r.rate:6.1%} of {r.characters} characters repeat "
                       f"{r.previous_year}" + (f"; longest: {longest[:40]}…" if longest else ""))
        if a.repairs:
            out.append(f"  parser repairs ({len(a.repairs)}): the values checked include these")
            out.extend(f"    {r}" for r in a.repairs)
        out.append("")
    # Each report by its whole name: a base name alone is ambiguous between folders.
    # blocked: the checks that cannot be made (a cell lost, ambiguous or blank).
    width = max([len("report"), *(len(a.name) for a in audits)])
    out.append(f"{'report':<{width}} {'year':>4}  {'status':<12} {'checks':>6} {'fail':>5} {'blocked':>7} "
               f"{'claims':>6}")
    for a in audits:
        statuses = Counter(c.status for c in a.checks)
        out.append(f"{a.name:<{width}} {_cell(a.year):>4}  {a.status:<12} {len(a.checks):>6} "
                   f"{statuses['fail']:>5} {statuses['cannot-check']:>7} {a.claims_checked:>6}")
    return "\n".join(out)


def _resting(result: Audit, shown: Sequence[Check]) -> list[str]:
    """A line on the checks not listed that rest on cells the parser derived, by status."""
    hidden = [c for c in result.checks if c not in shown]
    derived = {e.status for c in hidden for e in c.evidence if e.status in DERIVED}
    resting = [c for c in hidden if any(e.status in DERIVED for e in c.evidence)]
    if not resting:
        return []
    named = ", ".join(s for s in DERIVED if s in derived)
    return [f"  note: {len(resting)} passing checks rest on cells not read as printed ({named}; "
            "see the repairs)"]


# -- HTML ---------------------------------------------------------------------------------

_BAR_HEIGHT: Final = 26
_LABEL_WIDTH: Final = 120
_PLOT_WIDTH: Final = 420


def chart(audits: Sequence[Audit]) -> dict[str, Any]:
    """The SVG bar chart's layout: one bar per kind of finding, split by status.

    >>> from gkreport.audit import audit_paths
    >>> [(b["kind"], b["total"]) for b in chart(audit_paths(["tests/data/004_48696eb35ee8e3c7.txt"]))["bars"]]
    [('sum-row', 5), ('sum-outcomes', 7)]
    """
    counts = Counter((c.kind, c.status) for a in audits for c in a.findings)
    kinds = [k for k in KINDS if any(counts[k, s] for s in _SHOWN)]
    most = max((sum(counts[k, s] for s in _SHOWN) for k in kinds), default=1)
    bars = []
    for i, kind in enumerate(kinds):
        x, parts = _LABEL_WIDTH, list[dict[str, Any]]()
        for status in _SHOWN:
            count = counts[kind, status]
            if count:
                width = max(1, round(_PLOT_WIDTH * count / most))
                parts.append({"status": status, "count": count, "x": x, "width": width})
                x += width
        bars.append({"kind": kind, "y": 4 + i * _BAR_HEIGHT, "parts": parts, "end": x,
                     "total": sum(counts[kind, s] for s in _SHOWN)})
    return {"bars": bars, "width": _LABEL_WIDTH + _PLOT_WIDTH + 60, "height": 8 + len(kinds) * _BAR_HEIGHT}


def render_html(audits: Sequence[Audit], *, title: str = "政府信息公开工作年度报告 · audit") -> str:
    """One HTML page for a corpus: counts, the failing reports with their findings, a chart.

    >>> from gkreport.audit import audit_paths
    >>> "<svg" in render_html(audit_paths(["tests/data/004_48696eb35ee8e3c7.txt"]))
    True
    """
    try:
        import jinja2
    except ImportError as exc:  # pragma: no cover - the extra is missing
        raise MissingExtraError("the HTML audit needs jinja2: pip install 'gkreport[audit]'", extra="audit",
                                name=exc.name) from exc
    env = jinja2.Environment(loader=jinja2.PackageLoader("gkreport", "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined)
    repetitions = [
        {"name": a.name, "section": r.section, "years": f"{r.previous_year}→{r.year}",
         "percent": f"{r.rate:.0%}", "longest": max((p.text for p in r.passages), key=len, default="")}
        for a in audits for r in a.repetitions
    ]
    env.filters["shown"] = _shown
    return env.get_template("audit.html.j2").render(
        title=title, audits=audits, counts=_counts(audits), chart=chart(audits),
        failing=[a for a in audits if a.status == "fail"],
        partial=[a for a in audits if a.status == "cannot-check" and not a.error],
        unreadable=[a for a in audits if a.error], repetitions=repetitions)


# -- the command --------------------------------------------------------------------------

def add_check_command(commands: Any) -> None:
    """Register ``gkreport check`` on the CLI's subparsers.

    >>> commands = argparse.ArgumentParser(prog="gkreport").add_subparsers(dest="command")
    >>> add_check_command(commands)
    >>> commands.choices["check"].parse_args(["a.txt", "--fail-on", "warning"]).fail_on
    'warning'
    """
    p = commands.add_parser("check", help="audit reports: identities, narrative claims, across years; "
                            "files, folders and globs")
    p.add_argument("files", nargs="+", metavar="PATH",
                   help=f"a report file, a folder (searched for {' '.join(SUFFIXES)}), a glob, or the "
                        f"{' or '.join(RESULTS_SUFFIXES)} file of gkreport parse --out (read back, not "
                        "parsed again)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--all", action="store_true", help="list the checks that pass too (text)")
    p.add_argument("--fail-on", choices=("error", "warning"),
                   help="exit 1 when a check of this severity or worse fails")
    p.add_argument("--html", metavar="FILE", help="also write a one-page HTML audit of all reports")
    p.add_argument("--blank-as-zero", action="store_true",
                   help="take cells printed blank (empty, a dash) as 0 in the identities and the checks "
                        "across years, each check that does saying so; a cell the copy lost or read "
                        "ambiguously still stops a check, and no narrative claim is checked against a blank")
    p.add_argument("--bodies", metavar="BODIES.csv",
                   help="your ids of bodies for the checks across years: a CSV with the columns name and "
                        "id; names with one id are one body (names that may be one body are listed)")


def _cannot_write_html(path: Path) -> str:
    """Why the page cannot be written to ``path`` ("" if it can): its folder, or the extra."""
    if not path.parent.is_dir():
        return f"no folder {path.parent}"
    if path.is_dir():
        return "is a folder"
    try:
        import jinja2  # noqa: F401
    except ImportError:
        return "the HTML audit needs jinja2: pip install 'gkreport[audit]'"
    return ""


def check_command(args: argparse.Namespace) -> int:
    """Run ``gkreport check``: 1 if a file cannot be read or a check fails at ``--fail-on``,
    2 if the checking cannot begin.

    >>> args = argparse.Namespace(files=["tests/data/002_1cb59e66f00bcffe.txt"], format="text", all=False,
    ...                           html=None, fail_on="error", blank_as_zero=False, jobs=1, max_bytes=0)
    >>> check_command(args)  # doctest: +ELLIPSIS
    == tests/data/002_1cb59e66f00bcffe.txt  江源区 · 2020 · template 2019
    status pass · 40 checks: 40 pass, 0 fail, 0 cannot-check · 0 narrative claims checked
    ...
    0
    """
    if args.html and (why := _cannot_write_html(Path(args.html))):
        print(f"gkreport: --html {args.html}: {why}", file=sys.stderr)  # before the checking, not after
        return 2
    results = [path for path in args.files if path.endswith(RESULTS_SUFFIXES)]
    found = find([path for path in args.files if path not in results])
    read_back: set[str] = set()  # the files the results files' lines are of
    try:
        bodies = Bodies.read_csv(args.bodies) if getattr(args, "bodies", None) else None
    except (GkreportError, OSError) as exc:
        print(f"gkreport: {exc}", file=sys.stderr)
        return 2
    try:
        audits = audit_read(_reports(found, results, args, read_back), blank_as_zero=args.blank_as_zero,
                            bodies=bodies)
    except WorkersDiedError as exc:
        print(f"gkreport: {exc}", file=sys.stderr)
        return 2
    except RecordError as exc:  # a results file with a line that is no outcome's
        print(f"gkreport: {exc}", file=sys.stderr)
        return 1
    if args.format == "json":
        print(render_json(audits))
    else:
        print(render_text(audits, every=args.all))
    if args.html:
        Path(args.html).write_text(render_html(audits), encoding="utf-8")
        print(f"gkreport: wrote {args.html}", file=sys.stderr)
    for a in audits:
        if a.error:
            print(f"gkreport: {a.name}: {a.error}", file=sys.stderr)
    # Said, not silent: reports of names that may be one body are not checked across years.
    for note in near_matches({name for a in audits if (name := body_name(a.organ))}, bodies):
        print(f"gkreport: bodies: {note.message}", file=sys.stderr)
    print(f"gkreport: {_summary(audits, len(found.files) + len(read_back))}", file=sys.stderr)
    if found.skipped:
        print(f"gkreport: {found.skipped}", file=sys.stderr)
    # As `gkreport parse` does: a file that gives no report is an error whatever --fail-on says.
    failing = bool(args.fail_on) and any(a.fails_at(args.fail_on) for a in audits)
    return 1 if failing or any(a.error for a in audits) else 0


#: What names a results file of ``gkreport parse --out`` among check's paths: its lines are
#: read back, not parsed again.
RESULTS_SUFFIXES: Final = (".jsonl", ".ndjson")


def _reports(found: Found, results: Sequence[str], args: argparse.Namespace,
             read_back: set[str]) -> Iterator[Read]:
    """What check audits: each report of the files found, parsed through the batch, then each
    of the results files' (their sources added to ``read_back``)."""
    yield from read_paths(found.files, jobs=args.jobs or os.cpu_count() or 1, max_bytes=args.max_bytes or None)
    for path in results:
        for read in read_results(path):
            read_back.add(read.source)
            yield read


def _summary(audits: Sequence[Audit], files: int) -> str:
    """The line that ends a check, as parse's does: files (and reports), by status.

    >>> from gkreport.audit import Read, audit_read
    >>> _summary(audit_read([Read("a.txt", error="no such file")]), 1)
    '1 files: 0 pass, 0 fail, 0 cannot-check, 1 not read'
    """
    counts = _counts(audits)
    reports = f" ({counts['reports']} reports)" if counts["reports"] != files else ""
    return (f"{files} files{reports}: {counts['pass']} pass, {counts['fail']} fail, "
            f"{counts['cannot-check']} cannot-check, {counts['error']} not read")
