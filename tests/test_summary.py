"""gkreport summary: figures per year and level checked against the reports' own cells, the
HTML page in headless Chromium, and the docs' chart as the code draws it today."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from lxml import html

import gkreport
from gkreport.cli import main
from gkreport.model import Report
from gkreport.summary import OUTCOMES, charts, summarise
from panels import BODIES_CSV, write_corpus
from test_audit_html import _browser_dom

ROOT = Path(__file__).resolve().parents[1]
#: The level of each body of the corpus: 天门市 by the mapping, the others by their names.
LEVEL = {"江源区": "county", "白山市江源区人民政府": "county", "桃江县松木塘镇人民政府": "township",
         "湖南省人民政府办公厅": "province", "天门市人民政府办公室": "county"}
BODY = {"白山市江源区人民政府": "江源区"}  # the mapping joins the two names


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[Report]]:
    folder = tmp_path_factory.mktemp("summary")
    files = write_corpus(folder / "reports")
    mapping = folder / "bodies.csv"
    mapping.write_text(BODIES_CSV, encoding="utf-8")
    return folder / "reports", mapping, [gkreport.parse(f) for f in files]


def _summary_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    capsys.readouterr()
    assert main(["summary", *args, "--format", "json"]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def _distribution(values: Sequence[int]) -> dict[str, Any]:
    q1, median, q3 = np.percentile(values, [25, 50, 75])  # numpy's linear: the data's own range
    return {"reports": len(values), "sum": sum(values), "min": min(values), "max": max(values),
            "q1": pytest.approx(q1), "median": pytest.approx(median), "q3": pytest.approx(q3)}


def _outcome_counts(report: Report) -> dict[str, int] | None:
    """The report's requests by outcome (each the sum of its rows' totals), None where a cell
    needed has no number."""
    counts = dict.fromkeys(OUTCOMES, 0)
    for key, row in report.requests.items():
        group = key.split(".")[0]
        if group in counts:
            if row.total is None:
                return None
            counts[group] += row.total
    return counts if report.requests["total"].total is not None else None


def test_summary_figures_are_the_reports_own(corpus: tuple[Path, Path, list[Report]],
                                             capsys: pytest.CaptureFixture[str]) -> None:
    folder, mapping, reports = corpus
    data = _summary_json(capsys, str(folder), "--bodies", str(mapping))
    years = sorted({r.meta.year for r in reports if r.meta.year is not None})
    assert data["years"] == years == [2019, 2020, 2021, 2022]
    assert data["levels"] == ["province", "county", "township"]
    groups = {(g["year"], g["level"]): g for g in data["groups"]}
    for year in ("all", *years):
        for level in ("all", "province", "county", "township"):
            chosen = [r for r in reports if year in ("all", r.meta.year)
                      and level in ("all", LEVEL[r.meta.organ or ""])]
            if not chosen:
                assert (year, level) not in groups or level == "all"
                continue
            group = groups[year, level]
            assert group["reports"] == len(chosen)
            assert group["bodies"] == len({BODY.get(r.meta.organ or "", r.meta.organ) for r in chosen})
            values = [r.requests["new_received"].total for r in chosen]
            assert group["requests"] == _distribution([v for v in values if v is not None]), (year, level)
    assert groups["all", "all"]["bodies"] == 4
    for outcome in data["outcomes"]:
        counted = [c for r in reports if r.meta.year == outcome["year"] and (c := _outcome_counts(r))]
        totals = [r.requests["total"].total or 0 for r in reports
                  if r.meta.year == outcome["year"] and _outcome_counts(r)]
        assert outcome["reports"] == len(counted) > 0
        assert outcome["total"] == sum(totals)
        for group in OUTCOMES:
            assert outcome["counts"][group] == sum(c[group] for c in counted)
            share = sum(c[group] for c in counted) / sum(totals)
            assert outcome["shares"][group] == pytest.approx(share, abs=1e-4)
    for appeal in data["appeals"]:
        of_year = [r for r in reports if r.meta.year == appeal["year"]]
        for group, figures in appeal["groups"].items():
            totals = [r.appeals[group].total for r in of_year if r.appeals[group].total is not None]
            assert (figures["reports"], figures["total"]) == (len(totals), sum(totals) if totals else None)
            both = [(r.appeals[group].corrected, r.appeals[group].total) for r in of_year
                    if r.appeals[group].corrected is not None and r.appeals[group].total is not None]
            assert figures["corrected"] == (sum(c or 0 for c, _ in both) if both else None)
            decided = sum(t or 0 for _, t in both)
            assert figures["corrected_share"] == (pytest.approx(figures["corrected"] / decided, abs=1e-4)
                                                  if decided else None)


def test_summary_of_parse_results_is_the_summary_of_the_files(corpus: tuple[Path, Path, list[Report]],
                                                              tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    folder, mapping, _ = corpus
    results = tmp_path / "results.jsonl"
    assert main(["parse", str(folder), "--out", str(results)]) == 0
    from_files = _summary_json(capsys, str(folder), "--bodies", str(mapping), "--jobs", "2")
    assert _summary_json(capsys, str(results), "--bodies", str(mapping)) == from_files
    # Without the mapping 江源区's two names are two bodies, and the summary says they may be one.
    alone = _summary_json(capsys, str(results))
    assert alone["groups"][0]["bodies"] == 5
    assert any("江源区" in m for m in alone["messages"])


def test_summary_text_and_exit_statuses(corpus: tuple[Path, Path, list[Report]], tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    folder, _, reports = corpus
    assert main(["summary", str(folder)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{len(reports)} reports in the panel (5 bodies, 2019–2022)")
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\x00\x01 not a report")
    assert main(["summary", str(folder), str(broken)]) == 1
    assert "broken.txt" in capsys.readouterr().err
    assert main(["summary", str(folder), "--bodies", str(tmp_path / "missing.csv")]) == 2
    assert main(["summary", str(folder), "--html", str(tmp_path / "no" / "page.html")]) == 2


def _svg(dom: html.HtmlElement, chart: str, mark: str) -> list[Any]:
    found: list[Any] = dom.xpath(f"//*[local-name()='svg'][@id='{chart}']//*[local-name()='{mark}']")
    return found


def test_html_summary_renders_in_headless_chromium(corpus: tuple[Path, Path, list[Report]], tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    folder, mapping, reports = corpus
    page = tmp_path / "summary.html"
    assert main(["summary", str(folder), "--bodies", str(mapping), "--html", str(page),
                 "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    dom = _browser_dom(page, tmp_path / "profile")

    summary = " ".join(dom.get_element_by_id("summary").text_content().split())
    said = f"{len(reports)} reports in the panel, one per body and year: 4 bodies, 2019–2022."
    assert summary.startswith(said)
    charts_found = dom.xpath("//*[local-name()='svg']")
    assert [c.get("id") for c in charts_found] == ["chart-requests", "chart-outcomes", "chart-appeals"]
    for chart in charts_found:  # each has a title a reader sees, and one for assistive tools
        assert chart.xpath("./*[local-name()='title']")[0].text
        assert chart.xpath("./*[local-name()='text']")[0].text
    # A box per year, at its median.
    medians = {int(g.get("data-year")): float(g.get("data-median")) for g in _svg(dom, "chart-requests", "g")}
    assert medians == {g["year"]: g["requests"]["median"] for g in data["groups"]
                       if g["level"] == "all" and g["year"] != "all"}
    # The outcome shares: one segment per year and outcome, its width in proportion.
    shares = {(int(r.get("data-year")), r.get("data-group")): (float(r.get("data-share")),
                                                                float(r.get("width")))
              for r in _svg(dom, "chart-outcomes", "rect") if r.get("data-group")}
    assert {k: v[0] for k, v in shares.items()} == {(o["year"], g): o["shares"][g]
                                                    for o in data["outcomes"] for g in OUTCOMES}
    for year in data["years"]:
        assert sum(w for (y, _), (_, w) in shares.items() if y == year) == pytest.approx(420, abs=1)
    totals = {(int(r.get("data-year")), r.get("data-group")): int(r.get("data-total"))
              for r in _svg(dom, "chart-appeals", "rect") if r.get("data-group")}
    assert totals == {(a["year"], g): f["total"] for a in data["appeals"] for g, f in a["groups"].items()
                      if f["total"] is not None}
    # The figures in the tables beside the charts.
    rows = {(tr.get("data-year"), tr.get("data-level")): tr for tr in dom.get_element_by_id("requests").xpath(
        ".//tr[@data-year]")}
    assert rows["2021", "county"].find_class("sum")[0].text_content() == str(
        next(g for g in data["groups"] if (g["year"], g["level"]) == (2021, "county"))["requests"]["sum"])
    outcome_rows = dom.get_element_by_id("outcomes").xpath(".//tr[@data-year]")
    assert [tr.get("data-year") for tr in outcome_rows] == [str(y) for y in data["years"]]
    granted = outcome_rows[0].xpath(".//td[@data-group='granted']")[0].text_content()
    assert granted.startswith(f"{data['outcomes'][0]['counts']['granted']} (")


def test_the_docs_chart_is_what_the_code_draws() -> None:
    """docs/_static/summary_outcomes.svg, shown in docs/datasets.md, is the chart of tests/data
    as drawn today: when this fails, draw it again with
    ``python examples/panel.py tests/data --chart docs/_static/summary_outcomes.svg``."""
    reports = [gkreport.parse(p) for p in sorted((ROOT / "tests" / "data").glob("*.txt"))]
    drawn = charts(summarise(reports))["outcomes"]
    assert (ROOT / "docs" / "_static" / "summary_outcomes.svg").read_text(encoding="utf-8") == drawn
