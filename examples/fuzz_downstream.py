"""Fuzzing your own code with gkreport's strategies: a transparency score.

Say you rank public bodies by how openly they answer requests: the share of the year's
decided requests that were granted in full or in part. The score is computed from a parsed
:class:`gkreport.Report`. This script checks it with hypothesis and ``gkreport.strategies``:

1. a naive score, dividing by (七) 总计, fails at once: a report may decide nothing
   (总计 is 0) or leave a cell blank (None);
2. the careful score is always between 0 and 1, or None when there is nothing to score,
   even for reports whose own arithmetic does not add up;
3. it is the same for a report and for the report copied off a web page (rendered in a
   layout real copies take, damaged as they are, and parsed back) whenever the parser
   had nothing to warn about;
4. granting a request that was denied never lowers it.

Run it from the repository's root (needs ``pip install 'gkreport[fuzz]'``)::

    python examples/fuzz_downstream.py
"""

from __future__ import annotations

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

import gkreport
from gkreport import Report
from gkreport.strategies import noisy_text, reports
from gkreport.template import TEMPLATES

GRANTED = ("granted", "partially_granted")


def naive_score(report: Report) -> float:
    """What one writes first: granted over (七) 总计."""
    rows = report.requests
    return (rows["granted"].total + rows["partially_granted"].total) / rows["total"].total  # type: ignore[operator]


def transparency_score(report: Report) -> float | None:
    """Requests granted in full or in part over all requests decided this year.

    Decided requests are summed from the outcome rows themselves, not taken from (七) 总计,
    which a report can get wrong. None when a needed cell is blank or nothing was decided.
    """
    assert report.meta.template is not None
    outcomes = [row.key for row in TEMPLATES[report.meta.template].requests if row.outcome]
    totals = [report.requests[key].total for key in outcomes]
    if any(t is None for t in totals):
        return None
    decided = sum(t for t in totals if t is not None)
    granted = sum(report.requests[key].total or 0 for key in GRANTED)
    return granted / decided if decided else None


@settings(max_examples=100, deadline=None, report_multiple_bugs=False)
@given(reports())
def check_naive_score(report: Report) -> None:
    naive_score(report)


@settings(max_examples=100, deadline=None)
@given(reports(consistent=False))
def check_score_range(report: Report) -> None:
    score = transparency_score(report)
    assert score is None or 0 <= score <= 1, score


@settings(max_examples=100, deadline=None)
@given(reports().flatmap(noisy_text))
def check_score_survives_a_copy(noisy: gkreport.strategies.NoisyText) -> None:
    parsed = gkreport.parse(noisy.text)
    if not any(d.severity == "warning" for d in parsed.diagnostics):
        assert transparency_score(parsed) == transparency_score(noisy.report), noisy.noise


@settings(max_examples=100, deadline=None)
@given(reports(), st.sampled_from(["denied.state_secret", "denied.third_party_rights",
                                   "denied.process_information"]))
def check_granting_never_lowers_the_score(report: Report, denied: str) -> None:
    before = transparency_score(report)
    row, granted = report.requests[denied], report.requests["granted"]
    if before is None or not row.natural_person or granted.natural_person is None:
        return
    # One natural person's request moves from denied to granted: totals follow.
    moved = {
        denied: attrs.evolve(row, natural_person=row.natural_person - 1, total=row.total - 1),  # type: ignore[operator]
        "granted": attrs.evolve(granted, natural_person=granted.natural_person + 1,
                                total=granted.total + 1),  # type: ignore[operator]
    }
    after = transparency_score(attrs.evolve(
        report, requests=gkreport.ApplicantMatrix({**report.requests.rows, **moved})))
    assert after is not None and after >= before


def main() -> None:
    try:
        check_naive_score()
    except (ZeroDivisionError, TypeError) as exc:
        print(f"naive score: fails as expected ({type(exc).__name__}: {exc})")
    else:
        raise SystemExit("naive score: hypothesis should have found a report it cannot score")
    for check in (check_score_range, check_score_survives_a_copy, check_granting_never_lowers_the_score):
        check()
        print(f"{check.__name__}: ok")


if __name__ == "__main__":
    main()
