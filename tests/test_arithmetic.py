"""The template's arithmetic, derived once (gkreport._arithmetic), and what its consumers make of it."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

import gkreport
from gkreport import _arithmetic as arithmetic
from gkreport._arithmetic import (
    CODES,
    Cell,
    Identity,
    Number,
    between_rows,
    identities,
    row_sums,
    solve_for,
    touching,
)
from gkreport._recover import LOST, solve_sums
from gkreport._unglue import APPEAL_SUMS, MATRIX_SUMS
from gkreport._validate import check
from gkreport.audit import KINDS
from gkreport.audit import identities as audited
from gkreport.diagnostics import CODES as DIAGNOSTIC_CODES
from gkreport.model import Meta, Report
from gkreport.template import (
    APPEAL_COLUMNS,
    APPEAL_GROUPS,
    APPLICANT_COLUMNS,
    BALANCE_ROWS,
    TEMPLATES,
    TemplateId,
    template_for,
)
from snippets import replace_line, report_2019

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(("template", "count"), [("2019", 40), ("2021", 42)])
def test_each_template_has_its_identities(template: TemplateId, count: int) -> None:
    spec = TEMPLATES[template]
    found = identities(spec)
    # A sum per matrix row, a balance and an outcomes' sum per column, a sum per appeals group.
    assert len(found) == count == (len(spec.requests) + 2 * len(APPLICANT_COLUMNS) + len(APPEAL_GROUPS))
    assert Counter(i.code for i in found) == {
        "sum-row": len(spec.requests), "balance": len(APPLICANT_COLUMNS),
        "sum-outcomes": len(APPLICANT_COLUMNS), "sum-appeals": len(APPEAL_GROUPS)}
    assert len(set(found)) == len(found)


def test_every_code_is_a_diagnostic_and_an_audit_kind() -> None:
    assert set(CODES) <= set(DIAGNOSTIC_CODES) and set(CODES) <= set(KINDS)
    for spec in TEMPLATES.values():
        assert {i.code for i in identities(spec)} == set(CODES)


@pytest.mark.parametrize("template", list(TEMPLATES))
def test_the_identities_read_the_template(template: TemplateId) -> None:
    spec = TEMPLATES[template]
    by_code: dict[str, list[Identity]] = {}
    for identity in identities(spec):
        by_code.setdefault(identity.code, []).append(identity)
    for identity, key in zip(by_code["sum-row"], spec.request_keys, strict=True):
        assert identity.subject == key
        assert identity.left == tuple((key, c.key) for c in APPLICANT_COLUMNS[:-1])
        assert identity.right == ((key, "total"),)
    (new, over), (total, forward) = BALANCE_ROWS
    for identity, column in zip(by_code["balance"], APPLICANT_COLUMNS, strict=True):
        assert identity.left == ((new, column.key), (over, column.key))
        assert identity.right == ((total, column.key), (forward, column.key))
    for identity, column in zip(by_code["sum-outcomes"], APPLICANT_COLUMNS, strict=True):
        assert [row for row, _ in identity.left] == [r.key for r in spec.requests if r.outcome]
        assert identity.right == (("total", column.key),)
    for identity, (group, _) in zip(by_code["sum-appeals"], APPEAL_GROUPS, strict=True):
        assert identity.table == "appeals" and identity.subject == group
        assert identity.cells == tuple((group, c.key) for c in APPEAL_COLUMNS)


def test_an_identity_holds_fails_or_cannot_be_checked() -> None:
    granted = identities(TEMPLATES["2019"])[2]
    assert (granted.code, granted.subject) == ("sum-row", "granted")
    cells: dict[Cell, Number | None] = {("granted", c.key): 1 for c in APPLICANT_COLUMNS[:-1]}
    assert granted.evaluate({**cells, ("granted", "total"): 6}) == arithmetic.Verdict("holds", 6, 6)
    failed = granted.evaluate({**cells, ("granted", "total"): 7})
    assert (failed.status, failed.left, failed.right) == ("fails", 6, 7)
    # A blank cell is not a zero: nothing is checked.
    blank = {**cells, ("granted", "research"): None, ("granted", "total"): 5}
    assert granted.evaluate(blank) == arithmetic.Verdict("cannot-check")
    assert granted.evaluate({}).status == "cannot-check"
    # The same, on the values of its cells in order.
    assert granted.weigh([1, 1, 1, 1, 1, 1, 7]) == arithmetic.Verdict("fails", 6, 7)
    assert granted.weigh([1, 1, None, 1, 1, 1, 7]).status == "cannot-check"


def test_a_balance_has_two_cells_a_side() -> None:
    balance = next(i for i in identities(TEMPLATES["2021"]) if i.code == "balance")
    assert balance.subject == "natural_person"
    values: dict[Cell, Number | None] = {
        ("new_received", "natural_person"): 3, ("carried_over", "natural_person"): 1,
        ("total", "natural_person"): 2, ("carried_forward", "natural_person"): 2}
    assert balance.evaluate(values).status == "holds"
    values["carried_forward", "natural_person"] = Decimal(3)
    assert balance.evaluate(values) == arithmetic.Verdict("fails", 4, 5)


def test_the_sums_of_a_printed_row_are_positions() -> None:
    for spec in TEMPLATES.values():
        for key in spec.request_keys:
            assert row_sums(spec, tuple((key, c.key) for c in APPLICANT_COLUMNS)) == MATRIX_SUMS
    assert MATRIX_SUMS == (((0, 1, 2, 3, 4, 5), 6),) and APPEAL_SUMS == (((0, 1, 2, 3), 4),)
    # The appeals table printed as one row: each group's sum, group after group.
    whole = tuple((group, c.key) for group, _ in APPEAL_GROUPS for c in APPEAL_COLUMNS)
    assert row_sums(TEMPLATES["2019"], whole) == (((0, 1, 2, 3), 4), ((5, 6, 7, 8), 9), ((10, 11, 12, 13), 14))
    # A clause table's row has no sum.
    assert row_sums(TEMPLATES["2019"], (("rules", "made"), ("rules", "published"))) == ()


def test_the_identities_between_rows_and_those_a_row_is_in() -> None:
    spec = TEMPLATES["2019"]
    assert {i.code for i in between_rows(spec)} == {"balance", "sum-outcomes"}
    # Column by column, the outcomes' sum first: the order the solver narrows in.
    assert [(i.code, i.subject) for i in between_rows(spec)[:3]] == [
        ("sum-outcomes", "natural_person"), ("balance", "natural_person"), ("sum-outcomes", "commercial")]
    assert len(between_rows(spec)) == 2 * len(APPLICANT_COLUMNS)
    def codes(row: str) -> Counter[str]:
        return Counter(p.identity.code for p in touching(spec, row))

    assert codes("granted") == {"sum-row": 1, "sum-outcomes": 7}
    assert codes("total") == {"sum-row": 1, "balance": 7, "sum-outcomes": 7}
    assert codes("carried_over") == {"sum-row": 1, "balance": 7}
    assert touching(spec, "review") == ()  # the appeals table's rows are not the matrix's


def test_an_identity_placed_on_rows_reads_the_same_cells() -> None:
    spec = TEMPLATES["2021"]
    # Every cell a different number, so a cell read from the wrong place shows.
    values = {key: tuple(10 * r + c for c in range(len(APPLICANT_COLUMNS)))
              for r, key in enumerate(spec.request_keys)}
    values |= {key: tuple(1000 + 10 * g + c for c in range(len(APPEAL_COLUMNS)))
               for g, (key, _) in enumerate(APPEAL_GROUPS)}
    columns = {"requests": [c.key for c in APPLICANT_COLUMNS], "appeals": [c.key for c in APPEAL_COLUMNS]}
    for placed in arithmetic.placed(spec):
        identity = placed.identity
        rows = [values[key] for key in arithmetic.table_rows(spec, identity.table)]
        cells: dict[Cell, Number | None] = {
            (row, column): values[row][columns[identity.table].index(column)] for row, column in identity.cells}
        assert placed.evaluate(rows) == identity.evaluate(cells)
        keys = arithmetic.table_rows(spec, identity.table)
        for at in {r for r, _ in placed.left + placed.right}:  # a check of one row's readings
            check = placed.on_row(rows, at)
            assert check is not None and check.allows(rows[at]) == (identity.evaluate(cells).status != "fails")
            moved = tuple(v + 1 for v in rows[at])  # another reading of the row, one more in each cell
            shifted = {(row, column): v + 1 if row == keys[at] else v for (row, column), v in cells.items()}
            assert check.allows(moved) == (identity.evaluate(shifted).status != "fails")
            assert check.allows((None,) * len(moved))  # a blank cell allows anything
            others = [None if r != at else row for r, row in enumerate(rows)]
            alone = {r for r, _ in placed.left + placed.right} == {at}
            assert (placed.on_row(others, at) is None) != alone  # another row unread: no check
        unread = [None] * len(rows)
        assert placed.evaluate(unread).status == "cannot-check"


def test_one_unknown_is_solved() -> None:
    row = [Decimal(2), Decimal(3), Decimal(0), Decimal(9)]
    assert solve_for(((0, 1, 2), 3), row, 3) == 5
    assert solve_for(((0, 1, 2), 3), row, 1) == 7
    assert solve_sums([((0, 1, 2), 3)], [Decimal(2), LOST, Decimal(0), Decimal(9)]) == [2, 7, 0, 9]
    # A count cannot be negative: the reading is impossible.
    assert solve_sums([((0, 1, 2), 3)], [Decimal(20), LOST, Decimal(0), Decimal(9)]) is None
    # Two cells lost, or a blank beside the lost one: nothing follows.
    assert solve_sums([((0, 1), 2)], [LOST, LOST, Decimal(1)]) == [LOST, LOST, Decimal(1)]
    assert solve_sums([((0, 1), 2)], [None, LOST, Decimal(1)]) == [None, LOST, Decimal(1)]


def test_the_year_rule() -> None:
    assert [template_for(year) for year in (2019, 2020, 2021, 2024, None)] == [
        "2019", "2019", "2021", "2021", "2021"]


def test_a_report_without_a_template_is_checked_on_its_year() -> None:
    # The 2021 template's three 其他处理 rows are outcome rows; on the 2019 template they
    # would be no row of the sum and (六)其他处理 a blank.
    parsed = gkreport.parse(DATA / "003_bca12cc4fb8d9f2c.txt")
    assert parsed.meta.template is not None
    unknown = Report(Meta(year=parsed.meta.year), requests=parsed.requests, appeals=parsed.appeals)
    assert list(check(unknown)) == list(check(parsed))
    assert [c.status for c in audited(unknown)] == [c.status for c in audited(parsed)]


def test_validate_and_the_audit_fail_the_same_identities() -> None:
    text = replace_line(report_2019(), "四、结转下年度继续办理\t1\t0\t0\t0\t0\t0\t1",
                        "四、结转下年度继续办理\t2\t0\t0\t0\t0\t0\t2")
    report = gkreport.parse(text)
    failed = [(d.code, d.message.split(":")[0].split()[-1]) for d in report.diagnostics
              if d.code in CODES]
    assert failed == [("balance", "natural_person"), ("balance", "total")]
    assert [(c.kind, c.where.split()[-1]) for c in audited(report) if c.status == "fail"] == failed
