"""Many bodies at a glance: totals and distributions per year and per level of government,
as text, JSON or a one-page HTML report with charts, and ``gkreport summary``.

The figures are made from the panel (:func:`gkreport.dataset.panel_rows`): one row per body
and year, in the cells that mean the same on both templates, so that a 2020 report and a
2022 one count alike. A cell without a number is never taken for 0: each figure is made over
the reports whose cells it needs have numbers, and says how many those are.

- **requests**: the requests a body received in the year (``requests.new_received.total``),
  per year and level: how many reports give it, their sum, minimum, quartiles, median, maximum;
- **outcomes**: per year, how the requests were handled (``granted``, ``partially_granted``,
  ``denied``, ``unable``, ``not_processed``, ``other_handling``: each the sum of its rows'
  totals) as shares of ``requests.total.total``, over the reports where all of these have numbers;
- **appeals**: per year, the administrative reviews and lawsuits (``review``, ``suit_direct``,
  ``suit_after_review``) summed, and the share of them decided against the body (``corrected``).

>>> import gkreport
>>> from pathlib import Path
>>> data = summarise([gkreport.parse(p) for p in sorted(Path("tests/data").glob("*.txt"))])
>>> data["reports"]["panel"], data["years"], data["levels"]
(5, [2020, 2023], ['county', 'township'])
>>> [(g["year"], g["level"], g["requests"]["sum"]) for g in data["groups"] if g["level"] == "all"]
[('all', 'all', 29), (2020, 'all', 4), (2023, 'all', 25)]
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from ._charts import appeals_chart, outcomes_chart, requests_chart
from .audit_report import RESULTS_SUFFIXES, _cannot_write_html
from .batch import SUFFIXES, Outcome, WorkersDiedError, find, parse_file_all, parse_files
from .bodies import LEVELS, Bodies
from .convert import to_dict
from .dataset import Panel, ReportLike, panel_fields, panel_rows, read_jsonl
from .errors import GkreportError, MissingExtraError, RecordError
from .template import CROSSWALK

__all__ = [
    "APPEAL_GROUPS",
    "OUTCOMES",
    "add_summary_command",
    "charts",
    "read_bodies",
    "render_html",
    "render_json",
    "render_text",
    "summarise",
    "summary_command",
]

_REQUESTS: Final = "requests.new_received.total"
_TOTAL: Final = "requests.total.total"
#: The outcomes of requests the summary shares out, each with the panel's columns it sums.
#: (``denied``: each reason's ``requests.denied.*.total``; ``granted``: ``requests.granted.total``.)
OUTCOMES: Final[dict[str, tuple[str, ...]]] = {
    group: tuple(c.key for c in CROSSWALK
                 if c.key.startswith(f"requests.{group}.") and c.key.endswith(".total"))
    for group in ("granted", "partially_granted", "denied", "unable", "not_processed", "other_handling")
}
#: The appeals the summary sums: administrative review, suits without and after a review.
APPEAL_GROUPS: Final = ("review", "suit_direct", "suit_after_review")


# -- figures ------------------------------------------------------------------------------

def _number(value: float) -> int | float:
    """A statistic as JSON shows it: an int where it is one."""
    return int(value) if float(value).is_integer() else round(float(value), 4)


def _distribution(values: Sequence[int]) -> dict[str, Any]:
    """How many ``values``, their sum, and the five figures of a box plot (None for none)."""
    if not values:
        return {"reports": 0, "sum": None, "min": None, "q1": None, "median": None, "q3": None, "max": None}
    ordered = sorted(values)
    # Inclusive quartiles (the data's own range, as numpy's default); one value is its own quartiles.
    q1, median, q3 = (statistics.quantiles(ordered, n=4, method="inclusive") if len(ordered) > 1
                      else [ordered[0]] * 3)
    return {"reports": len(ordered), "sum": sum(ordered), "min": ordered[0], "q1": _number(q1),
            "median": _number(median), "q3": _number(q3), "max": ordered[-1]}


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _groups(rows: Sequence[Mapping[str, Any]], years: Sequence[int],
            levels: Sequence[str]) -> list[dict[str, Any]]:
    """Reports, bodies and requests for all rows, each year, each level, each year and level."""
    found = []
    for year in ("all", *years):
        for level in ("all", *levels):
            chosen = [r for r in rows if year in ("all", r["year"]) and level in ("all", r["level"])]
            if not chosen and "all" not in (year, level):
                continue
            found.append({"year": year, "level": level, "reports": len(chosen),
                          "bodies": len({r["body_id"] for r in chosen}),
                          "requests": _distribution([r[_REQUESTS] for r in chosen
                                                     if r[_REQUESTS] is not None])})
    return found


def _outcomes(rows: Sequence[Mapping[str, Any]], year: int) -> dict[str, Any]:
    needed = (_TOTAL, *(key for keys in OUTCOMES.values() for key in keys))
    used = [r for r in rows if r["year"] == year and all(r[key] is not None for key in needed)]
    total = sum(r[_TOTAL] for r in used)
    counts = {group: sum(r[key] for r in used for key in keys) for group, keys in OUTCOMES.items()}
    return {"year": year, "reports": len(used), "total": total if used else None,
            "counts": counts if used else dict.fromkeys(OUTCOMES),
            "shares": {group: _share(count, total) for group, count in counts.items()}}


def _appeals(rows: Sequence[Mapping[str, Any]], year: int) -> dict[str, Any]:
    groups = {}
    of_year = [r for r in rows if r["year"] == year]
    for group in APPEAL_GROUPS:
        total, corrected = f"appeals.{group}.total", f"appeals.{group}.corrected"
        known = [r[total] for r in of_year if r[total] is not None]
        both = [(r[corrected], r[total]) for r in of_year if r[total] is not None and r[corrected] is not None]
        decided = sum(t for _, t in both)
        groups[group] = {"reports": len(known), "total": sum(known) if known else None,
                         "corrected_reports": len(both), "corrected": sum(c for c, _ in both) if both else None,
                         "corrected_of": decided if both else None,
                         "corrected_share": _share(sum(c for c, _ in both), decided)}
    return {"year": year, "groups": groups}


def summarise(reports: Iterable[ReportLike] | Panel, *, bodies: Bodies | None = None) -> dict[str, Any]:
    """The summary of ``reports`` (:class:`~gkreport.Report` objects, ``parse --out`` records,
    or a :class:`~gkreport.dataset.Panel` already made) as JSON-ready data: ``reports`` (how
    many, and how many have no panel row), the ``years`` and ``levels`` found, ``groups``
    (reports, bodies and the distribution of requests received for all, each year, each level
    and each year and level: ``"all"`` where a group spans them), and per year the
    ``outcomes`` and ``appeals`` (see the module's docstring). ``bodies`` are your ids.

    >>> from gkreport.model import Meta, Report
    >>> data = summarise([Report(Meta(organ="甲县", year=2021)), Report(Meta(organ=None, year=2021))])
    >>> data["reports"], data["groups"][0]["requests"]["reports"]
    ({'panel': 1, 'unplaced': 1, 'repeated': 0}, 0)
    """
    panel = reports if isinstance(reports, Panel) else panel_rows(reports, bodies=bodies)
    names = [f.name for f in panel_fields()]
    rows = [dict(zip(names, row, strict=True)) for row in panel]
    years = sorted({r["year"] for r in rows})
    levels = [level for level in LEVELS if any(r["level"] == level for r in rows)]
    return {"reports": {"panel": len(rows), "unplaced": len(panel.unplaced), "repeated": len(panel.repeated)},
            "years": years, "levels": levels, "groups": _groups(rows, years, levels),
            "outcomes": [_outcomes(rows, year) for year in years],
            "appeals": [_appeals(rows, year) for year in years],
            "messages": panel.messages()}


# -- text, JSON, charts, HTML ---------------------------------------------------------------

def render_json(data: Mapping[str, Any]) -> str:
    """The summary as one JSON document.

    >>> json.loads(render_json({"years": [2021]}))
    {'years': [2021]}
    """
    return json.dumps(data, ensure_ascii=False, indent=1)


def _shown(value: object, percent: bool = False) -> str:
    if value is None:
        return "—"
    return f"{value:.1%}" if percent and isinstance(value, float) else str(value)


def render_text(data: Mapping[str, Any]) -> str:
    """The summary as tables for a terminal.

    >>> import gkreport
    >>> from pathlib import Path
    >>> print(render_text(summarise([gkreport.parse(Path("tests/data/001_e94c29de80bcac7c.txt"))])))
    ... # doctest: +ELLIPSIS
    1 reports in the panel (1 bodies, 2023–2023)
    <BLANKLINE>
    requests received (new_received.total) per body
    year  level      reports bodies  given      sum    min     q1 median     q3    max
    all   all              1      1      1       25     25     25     25     25     25
    ...
    """
    counts = data["reports"]
    overall = data["groups"][0]
    span = f"{data['years'][0]}–{data['years'][-1]}" if data["years"] else "no years"
    out = [f"{counts['panel']} reports in the panel ({overall['bodies']} bodies, {span})"]
    out += [f"  {m}" for m in data["messages"]]
    out += ["", "requests received (new_received.total) per body",
            f"{'year':<5} {'level':<9} {'reports':>8} {'bodies':>6} {'given':>6} {'sum':>8} "
            + " ".join(f"{k:>6}" for k in ("min", "q1", "median", "q3", "max"))]
    for g in data["groups"]:
        r = g["requests"]
        out.append(f"{g['year']!s:<5} {g['level']:<9} {g['reports']:>8} {g['bodies']:>6} {r['reports']:>6} "
                   f"{_shown(r['sum']):>8} " + " ".join(f"{_shown(r[k]):>6}"
                                                        for k in ("min", "q1", "median", "q3", "max")))
    out += ["", "outcomes, as shares of requests.total.total",
            f"{'year':<5} {'reports':>7} {'total':>8} " + " ".join(f"{g:>17}" for g in OUTCOMES)]
    for o in data["outcomes"]:
        out.append(f"{o['year']:<5} {o['reports']:>7} {_shown(o['total']):>8} "
                   + " ".join(f"{_shown(o['shares'][g], True):>17}" for g in OUTCOMES))
    out += ["", "appeals: total (reports giving it), corrected share",
            f"{'year':<5} " + " ".join(f"{g:>28}" for g in APPEAL_GROUPS)]
    for a in data["appeals"]:
        cells = [f"{_shown(v['total'])} ({v['reports']}), {_shown(v['corrected_share'], True)}"
                 for v in a["groups"].values()]
        out.append(f"{a['year']:<5} " + " ".join(f"{c:>28}" for c in cells))
    return "\n".join(out)


def charts(data: Mapping[str, Any]) -> dict[str, str]:
    """The summary's three charts, each a standalone SVG document drawn here (no script):
    ``requests`` (the distribution of requests per body, a box per year), ``outcomes``
    (the shares of outcomes, a stacked bar per year) and ``appeals`` (the appeals, bars per year).

    >>> import gkreport
    >>> from pathlib import Path
    >>> svg = charts(summarise([gkreport.parse(Path("tests/data/001_e94c29de80bcac7c.txt"))]))
    >>> sorted(svg), svg["outcomes"][:4]
    (['appeals', 'outcomes', 'requests'], '<svg')
    """
    by_year = [g for g in data["groups"] if g["level"] == "all" and g["year"] != "all"]
    return {"requests": requests_chart(by_year), "outcomes": outcomes_chart(data["outcomes"], tuple(OUTCOMES)),
            "appeals": appeals_chart(data["appeals"], APPEAL_GROUPS)}


def render_html(data: Mapping[str, Any], *, title: str = "政府信息公开工作年度报告 · summary") -> str:
    """One HTML page: the counts, each chart with its figures in a table beside it.

    >>> import gkreport
    >>> from pathlib import Path
    >>> page = render_html(summarise([gkreport.parse(Path("tests/data/001_e94c29de80bcac7c.txt"))]))
    >>> page.count("<svg")
    3
    """
    try:
        import jinja2
        from markupsafe import Markup
    except ImportError as exc:  # pragma: no cover - the extra is missing
        raise MissingExtraError("the HTML summary needs jinja2: pip install 'gkreport[audit]'", extra="audit",
                                name=exc.name) from exc
    env = jinja2.Environment(loader=jinja2.PackageLoader("gkreport", "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters["shown"] = _shown
    drawn = {name: Markup(svg) for name, svg in charts(data).items()}  # drawn here, every text escaped
    return env.get_template("summary.html.j2").render(title=title, data=data, charts=drawn,
                                                      outcomes=tuple(OUTCOMES), appeal_groups=APPEAL_GROUPS)


# -- reading ------------------------------------------------------------------------------

def _slim_records(source: str, *, max_bytes: int | None) -> list[dict[str, Any] | Outcome]:
    """The reports of a file as the panel reads them (no text, no diagnostics), made in the
    worker so that little pickles back; a file that failed is its :class:`Outcome`."""
    found: list[dict[str, Any] | Outcome] = []
    for outcome in parse_file_all(source, max_bytes=max_bytes):
        if outcome.report is None:
            found.append(outcome)
            continue
        record = to_dict(outcome.report, diagnostics="none")
        found.append({key: record.get(key) for key in ("meta", "proactive", "requests", "appeals", "status")
                      if key in record} | {"source": outcome.name})
    return found


def _records(files: Sequence[str], results: Sequence[str], jobs: int, max_bytes: int | None,
             failed: list[str]) -> Iterator[Mapping[str, Any]]:
    """The records of the report ``files`` (parsed) and of the ``results`` files (read back);
    each file that gave no report is added to ``failed`` with why."""
    task = functools.partial(_slim_records, max_bytes=max_bytes)
    for result in parse_files(files, jobs=jobs, task=task):
        for item in result if isinstance(result, list) else [result]:
            if isinstance(item, Outcome):
                failed.append(f"{item.name}: {item.failure}")
            else:
                yield item
    for path in results:
        for record in read_jsonl(path):
            if "error" in record:
                failed.append(f"{record.get('source')}: {record['error'].get('message', '')}")
            else:
                yield record


def read_bodies(path: str | None) -> Bodies | str:
    """Your bodies from the CSV file at ``path`` (see :meth:`Bodies.read_csv
    <gkreport.bodies.Bodies.read_csv>`), none for no path, or why the file cannot be read.

    >>> read_bodies(None), read_bodies("missing.csv")
    (Bodies(ids={}, levels={}), 'No such file or directory')
    """
    if path is None:
        return Bodies()
    try:
        return Bodies.read_csv(path)
    except OSError as exc:
        return exc.strerror or str(exc)
    except GkreportError as exc:
        return str(exc)


# -- the command --------------------------------------------------------------------------

def add_summary_command(commands: Any) -> None:
    """Register ``gkreport summary`` on the CLI's subparsers.

    >>> commands = argparse.ArgumentParser(prog="gkreport").add_subparsers(dest="command")
    >>> add_summary_command(commands)
    >>> commands.choices["summary"].parse_args(["reports/", "--format", "json"]).format
    'json'
    """
    p = commands.add_parser("summary", help="totals and distributions of many bodies' reports per year and "
                            "level of government; files, folders and globs")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help=f"a report file, a folder (searched for {' '.join(SUFFIXES)}), a glob, or the "
                        f"{' or '.join(RESULTS_SUFFIXES)} file of gkreport parse --out (read back, not "
                        "parsed again)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--html", metavar="FILE", help="also write a one-page HTML summary with charts")
    p.add_argument("--bodies", metavar="BODIES.csv",
                   help="your ids for bodies (columns name, id, level): names given one id are one body")


def summary_command(args: argparse.Namespace) -> int:
    """Run ``gkreport summary``: 1 if a file gives no report, 2 if the summary cannot begin.

    >>> args = argparse.Namespace(paths=["tests/data/001_e94c29de80bcac7c.txt"], format="json", html=None,
    ...                           bodies=None, jobs=1, max_bytes=0)
    >>> summary_command(args)  # doctest: +ELLIPSIS
    {
     "reports": {
      "panel": 1,
    ...
    0
    """
    bodies = read_bodies(args.bodies)
    if isinstance(bodies, str):
        print(f"gkreport: --bodies {args.bodies}: {bodies}", file=sys.stderr)
        return 2
    if args.html and (why := _cannot_write_html(Path(args.html))):
        print(f"gkreport: --html {args.html}: {why}", file=sys.stderr)  # before reading, not after
        return 2
    results = [path for path in args.paths if path.endswith(RESULTS_SUFFIXES)]
    found = find([path for path in args.paths if path not in results])
    failed: list[str] = []
    try:
        records = _records(found.files, results, args.jobs or os.cpu_count() or 1, args.max_bytes or None,
                           failed)
        data = summarise(records, bodies=bodies)
    except WorkersDiedError as exc:
        print(f"gkreport: {exc}", file=sys.stderr)
        return 2
    except (RecordError, OSError) as exc:  # a results file with a bad line, or none at all
        print(f"gkreport: {exc}", file=sys.stderr)
        return 1
    print(render_json(data) if args.format == "json" else render_text(data))
    if args.html:
        Path(args.html).write_text(render_html(data), encoding="utf-8")
        print(f"gkreport: wrote {args.html}", file=sys.stderr)
    for failure in failed:
        print(f"gkreport: {failure}", file=sys.stderr)
    for message in data["messages"]:
        print(f"gkreport: {message}", file=sys.stderr)
    if found.skipped:
        print(f"gkreport: {found.skipped}", file=sys.stderr)
    return 1 if failed else 0
