"""A corpus of several bodies and years for the panel and summary tests: reports drawn from
the public strategies, each given a body and a year, written out as tab-separated text."""

from __future__ import annotations

import functools
from pathlib import Path

import attrs
from hypothesis import HealthCheck, Phase, given, settings

import gkreport
from gkreport.model import Report
from gkreport.strategies import reports
from gkreport.template import TemplateId, template_for

#: The bodies of the corpus: two names of one body (joined by BODIES_CSV), a township, a
#: province and a city the mapping says is a county-level one.
BODIES = ("江源区", "白山市江源区人民政府", "桃江县松木塘镇人民政府", "湖南省人民政府办公厅",
          "天门市人民政府办公室")
BODIES_CSV = "name,id,level\n江源区,220605,\n白山市江源区人民政府,220605,\n天门市人民政府办公室,429006,county\n"
#: Which years each body reports on: the two names of 江源区 take turns.
YEARS = {"江源区": (2019, 2021), "白山市江源区人民政府": (2020, 2022),
         "桃江县松木塘镇人民政府": (2019, 2020, 2021, 2022), "湖南省人民政府办公厅": (2020, 2021, 2022),
         "天门市人民政府办公室": (2021, 2022)}


def drawn(count: int, template: TemplateId) -> list[Report]:
    """``count`` reports of ``template`` from :func:`gkreport.strategies.reports`, the same each run."""
    found: list[Report] = []

    @settings(max_examples=count, database=None, derandomize=True, phases=[Phase.generate], deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(reports(template=template, consistent=True))
    def collect(report: Report) -> None:
        found.append(report)

    collect()
    # The first draws are the simplest (all zeros): take the later, varied ones.
    return found[-count // 2:]


@functools.cache
def _pools() -> dict[TemplateId, list[Report]]:
    """The drawn reports of each template, drawn once per run (the panel and summary tests share them)."""
    return {t: drawn(40, t) for t in ("2019", "2021")}


def as_of(report: Report, organ: str, year: int) -> Report:
    """``report`` made one of ``organ`` on ``year`` (its title written from them)."""
    return attrs.evolve(report, meta=attrs.evolve(report.meta, organ=organ, year=year, title=None))


def write_corpus(folder: Path) -> list[Path]:
    """The corpus written to ``folder``, one file per body and year, in body order."""
    folder.mkdir(parents=True, exist_ok=True)
    pools = _pools()
    files = []
    for i, organ in enumerate(BODIES):
        for j, year in enumerate(YEARS[organ]):
            pool = pools[template_for(year)]
            report = as_of(pool[(i * 5 + j) % len(pool)], organ, year)
            path = folder / f"{i}_{year}.txt"
            path.write_text(gkreport.render(report, "tabs"), encoding="utf-8")
            files.append(path)
    return files
