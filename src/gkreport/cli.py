"""The ``gkreport`` command: ``gkreport parse FILE... [--format json|text]``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from .api import parse
from .audit_report import add_check_command, check_command
from .errors import ParseError
from .model import Report
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
    out.append("\n二 proactive (第二十条)")
    for key, item in report.proactive.items():
        cells = "  ".join(f"{c}={_cell(v)}" for c, v in item.values.items())
        out.append(f"  {key:<22}{cells}" + (f"  [{item.unit}]" if item.unit else ""))
    out.append("\n三 requests")
    out.append(f"  {'':<30}" + "".join(f"{c.key[:9]:>10}" for c in APPLICANT_COLUMNS))
    for key, row in report.requests.items():
        out.append(f"  {key:<30}" + "".join(f"{_cell(v):>10}" for v in row.cells))
    out.append("\n四 appeals")
    out.append(f"  {'':<20}" + "".join(f"{c.key:>10}" for c in APPEAL_COLUMNS))
    for key, _ in APPEAL_GROUPS:
        out.append(f"  {key:<20}" + "".join(f"{_cell(v):>10}" for v in report.appeals[key].cells))
    out.append(f"\ndiagnostics ({len(report.diagnostics)})")
    out.extend(f"  {d}" for d in report.diagnostics)
    return "\n".join(out)


def _cell(value: object) -> str:
    return "—" if value is None else str(value)


def _parse_command(args: argparse.Namespace) -> int:
    status = 0
    for name in args.files:
        try:
            report = parse(Path(name))
        except ParseError as exc:
            print(f"gkreport: {name}: {exc}".splitlines()[0], file=sys.stderr)
            status = 1
            continue
        if args.format == "json":
            data = {"source": name, **report.to_dict()}
            print(json.dumps(data, ensure_ascii=False, indent=None if len(args.files) > 1 else 1))
        else:
            print(_text_summary(report, name))
    return status


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="gkreport", description=__doc__)
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="parse annual reports and print them")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--format", choices=("json", "text"), default="json")
    add_check_command(sub)
    args = ap.parse_args(argv)
    if args.command == "check":
        return check_command(args)
    return _parse_command(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
