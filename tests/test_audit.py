"""The audit: each identity, narrative claim and check across years fails and passes on
real-looking reports (the snippets' consistent reports, damaged one way at a time)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gkreport import parse
from gkreport.audit import KINDS, Audit, Check, audit, audit_corpus, audit_paths, repetition
from gkreport.bodies import Bodies
from gkreport.cli import main
from gkreport.model import DERIVED
from snippets import REQUEST_LABELS_2019, _row, replace_line, report_2019, report_2021

ROW = dict(REQUEST_LABELS_2019)
GRANTED, TOTAL, NEW, FORWARD, OVER = (
    "三、本年度办理结果\t(一)予以公开", "\t(七)总计", "一、本年新收政府信息公开申请数量",
    "四、结转下年度继续办理", "二、上年结转政府信息公开申请数量")


def _set(text: str, label: str, values: list[int | str]) -> str:
    """The row ``label`` of the matrix with new values."""
    return replace_line(text, _row(label, ROW[label]), label + "\t" + "\t".join(map(str, values)))


def _audit(text: str, *, blank_as_zero: bool = False) -> Audit:
    return audit(parse(text), name="r.txt", lines=text.split("\n"), blank_as_zero=blank_as_zero)


def _checks(result: Audit, kind: str, status: str | None = None) -> list[Check]:
    return [c for c in result.checks if c.kind == kind and (status is None or c.status == status)]


def _line_of(text: str, fragment: str) -> int:
    (number,) = [n for n, line in enumerate(text.split("\n"), 1) if fragment in line]
    return number


# -- identities ----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [report_2019(), report_2021()], ids=["2019", "2021"])
def test_consistent_reports_pass_every_identity(text: str) -> None:
    result = _audit(text)
    kinds = {"sum-row", "balance", "sum-outcomes", "sum-appeals"}
    identities = [c for c in result.checks if c.kind in kinds]
    assert {c.kind for c in identities} == kinds
    assert {c.status for c in identities} == {"pass"}
    rows = 25 if "2023年" in text else 23
    assert len(identities) == rows + 7 + 7 + 3
    assert result.status == "pass"


def test_sum_row_fails_with_its_cells_and_source_line() -> None:
    text = _set(report_2019(), GRANTED, [3, 1, 0, 0, 0, 0, 5])
    result = _audit(text)
    (bad,) = _checks(result, "sum-row", "fail")
    assert bad.where == "requests granted"
    assert "sum to 4" in bad.message and "says 5" in bad.message
    assert [c.value for c in bad.evidence] == [3, 1, 0, 0, 0, 0, 5]
    assert {(c.table, c.row) for c in bad.evidence} == {("requests", "granted")}
    assert [c.column for c in bad.evidence][-1] == "total"
    assert {c.line for c in bad.evidence} == {_line_of(text, "予以公开")}
    assert "予以公开" in bad.evidence[0].source
    assert result.status == "fail" and result.fails_at("error")


def test_balance_fails_per_column() -> None:
    # 2 carried forward but 1 in the balance: natural_person and total are off by one.
    text = _set(report_2019(), FORWARD, [2, 0, 0, 0, 0, 0, 2])
    result = _audit(text)
    bad = _checks(result, "balance", "fail")
    assert [c.where for c in bad] == ["requests column natural_person", "requests column total"]
    assert [(c.row, c.value) for c in bad[0].evidence] == [
        ("new_received", 5), ("carried_over", 1), ("total", 5), ("carried_forward", 2)]
    assert "= 6" in bad[0].message and "= 7" in bad[0].message
    assert len(_checks(result, "balance", "pass")) == 5
    assert not _checks(result, "sum-row", "fail")


def test_sum_outcomes_fails_when_total_is_not_the_outcome_rows() -> None:
    text = _set(_set(report_2019(), TOTAL, [6, 1, 0, 0, 0, 0, 7]), NEW, [6, 1, 0, 0, 0, 0, 7])
    result = _audit(text)
    bad = _checks(result, "sum-outcomes", "fail")
    assert [c.where for c in bad] == ["requests column natural_person", "requests column total"]
    assert "sum to 5" in bad[0].message and "says 6" in bad[0].message
    assert bad[0].evidence[-1].row == "total" and bad[0].evidence[-1].value == 6
    assert len(bad[0].evidence) == 20  # 19 outcome rows of 2019 and the total
    assert not _checks(result, "balance", "fail")


def test_sum_outcomes_on_2021_reads_the_other_handling_sub_rows() -> None:
    text = replace_line(report_2021(), "\t\t3.其他\t0\t0\t0\t0\t0\t0\t0", "\t\t3.其他\t1\t0\t0\t0\t0\t0\t1")
    result = _audit(text)
    bad = _checks(result, "sum-outcomes", "fail")
    assert [c.where for c in bad] == ["requests column natural_person", "requests column total"]
    assert "other_handling.other" in [c.row for c in bad[0].evidence]
    assert len(bad[0].evidence) == 22


def test_sum_appeals_fails_per_group() -> None:
    appeals = "\t".join(["1", "0", "0", "0", "2"] + ["0"] * 5 + ["0", "1", "0", "0", "1"])
    result = _audit(report_2019(appeals=appeals))
    bad = _checks(result, "sum-appeals", "fail")
    assert [c.where for c in bad] == ["appeals review"]
    assert [c.value for c in bad[0].evidence] == [1, 0, 0, 0, 2]
    assert [c.status for c in _checks(result, "sum-appeals")] == ["fail", "pass", "pass"]


def test_a_blank_cell_is_cannot_check_never_a_pass() -> None:
    text = _set(report_2019(), GRANTED, ["-", 1, 0, 0, 0, 0, 4])
    result = _audit(text)
    (row,) = [c for c in _checks(result, "sum-row") if c.where == "requests granted"]
    assert row.status == "cannot-check" and "granted natural_person" in row.message
    outcomes = {c.where: c.status for c in _checks(result, "sum-outcomes")}
    assert outcomes["requests column natural_person"] == "cannot-check"
    assert outcomes["requests column commercial"] == "pass"
    assert result.status == "cannot-check" and not result.fails_at("info")


def _lose_granted(text: str) -> str:
    """``text`` with the 予以公开 row's label garbled: the row is lost (its numbers are not placed)."""
    return replace_line(text, _row(GRANTED, ROW[GRANTED]), _row(GRANTED.replace("予以公开", "某某某某"),
                                                                    ROW[GRANTED]))


def test_cannot_check_names_lost_and_blank_cells_by_status() -> None:
    text = _set(_lose_granted(report_2019()), "\t(二)部分公开(区分处理的,只计这一情形,不计其他情形)",
                ["-", 0, 0, 0, 0, 0, 1])
    result = _audit(text)
    assert parse(text).cell("requests.granted.total").status == "lost"
    (row,) = [c for c in _checks(result, "sum-row") if c.where == "requests granted"]
    assert row.message == "lost: granted (all)"
    assert {c.status for c in row.evidence} == {"lost"} and {c.value for c in row.evidence} == {None}
    outcomes = {c.where: c for c in _checks(result, "sum-outcomes")}
    assert outcomes["requests column natural_person"].message == (
        "lost: granted natural_person; blank: partially_granted natural_person")
    assert outcomes["requests column commercial"].message == "lost: granted commercial"
    statuses = {(c.row, c.column): c.status for c in outcomes["requests column natural_person"].evidence}
    assert statuses["granted", "natural_person"] == "lost"
    assert statuses["partially_granted", "natural_person"] == "blank"
    assert statuses["total", "natural_person"] == "read"


def test_check_command_text_shows_the_status_of_cells_without_a_number(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lost = _write(tmp_path, "lost.txt", _lose_granted(report_2019()))
    assert main(["check", lost]) == 0
    out = capsys.readouterr().out
    assert "cannot-check error   sum-row      requests granted: lost: granted (all)" in out
    assert "requests granted: natural_person=—(lost) commercial=—(lost)" in out
    assert "checks  fail blocked claims" in out
    assert out.splitlines()[-1].split()[-4:] == ["41", "0", "8", "1"]  # 8 of 41 checks blocked


def test_a_long_cannot_check_message_names_a_few_cells_each_status_once() -> None:
    blank = ["-"] * 7
    text = _lose_granted(report_2019())
    for label in ("\t(三)不予公开\t1.属于国家秘密", "\t\t2.其他法律行政法规禁止公开",
                  "\t\t3.危及“三安全一稳定”", "\t\t4.保护第三方合法权益", "\t\t5.属于三类内部事务信息"):
        text = _set(text, label, blank)
    outcomes = {c.where: c for c in _checks(_audit(text), "sum-outcomes")}
    assert outcomes["requests column total"].message == (
        "lost: granted total; blank: denied.state_secret total, denied.prohibited_by_law total, "
        "denied.security_stability total and 2 more")


def test_a_claim_on_a_lost_cell_says_lost() -> None:
    text = replace_line(report_2019(), _row(NEW, ROW[NEW]), _row("一、本年新收某某某某某某某某", ROW[NEW]))
    (claim,) = _checks(_audit(text), "narrative")
    assert claim.status == "cannot-check" and claim.message.endswith("requests new_received total is lost")
    said, cell = claim.evidence
    assert (said.status, cell.status) == ("read", "lost")


def test_audit_fails_where_validate_reports_a_diagnostic() -> None:
    """The audit and the parser's validate stage check the same identities."""
    damaged = [
        _set(report_2019(), GRANTED, [3, 1, 0, 0, 0, 0, 5]),
        _set(report_2019(), FORWARD, [2, 0, 0, 0, 0, 0, 2]),
        report_2019(appeals="\t".join(["1", "0", "0", "0", "2"] + ["0"] * 10)),
    ]
    for text in damaged:
        report = parse(text)
        failed = sorted(c.kind for c in audit(report).checks if c.status == "fail")
        reported = sorted(d.code for d in report.diagnostics if d.code in KINDS)
        assert failed == reported and failed


# -- narrative claims ------------------------------------------------------------------------

_SAID = "2020年，本机关主动公开政府信息13条，共受理政府信息公开申请6件。"


def _say(text: str, sentence: str) -> str:
    return replace_line(text, _SAID, sentence)


def test_a_narrative_figure_that_agrees_passes() -> None:
    result = _audit(report_2019())
    (claim,) = _checks(result, "narrative")
    assert claim.status == "pass" and result.claims_checked == 1
    said, cell = claim.evidence
    assert (said.value, said.line) == (6, 5) and "受理政府信息公开申请6件" in said.source
    assert (cell.table, cell.row, cell.column, cell.value) == ("requests", "new_received", "total", 6)


def test_a_narrative_figure_that_disagrees_fails_as_a_warning() -> None:
    result = _audit(_say(report_2019(), "2020年，本机关共受理政府信息公开申请 ９ 件，均按期答复。"))
    (claim,) = _checks(result, "narrative")
    assert claim.status == "fail" and "says 9" in claim.message and "says 6" in claim.message
    assert claim.severity == "warning"
    assert result.status == "fail" and result.fails_at("warning") and not result.fails_at("error")


def test_no_applications_is_a_claim_of_zero() -> None:
    result = _audit(_say(report_2019(), "2020年，本机关未收到政府信息公开申请。"))
    (claim,) = _checks(result, "narrative")
    assert claim.status == "fail" and claim.evidence[0].value == 0


def test_cumulative_and_cellless_figures_are_not_claims() -> None:
    result = _audit(_say(report_2019(), "主动公开政府信息13条，历年累计受理申请30件，网上申请2件。"))
    assert result.claims_checked == 0


def test_normative_document_claims_on_2021() -> None:
    said = "2023年，本机关共受理政府信息公开申请6件。经清理，新增规范性文件10件，废止8件，现行有效51件。"
    result = _audit(_say(report_2021().replace(_SAID.replace("2020", "2023"), _SAID), said))
    assert {c.where: c.status for c in _checks(result, "narrative")} == {
        "applications received": "pass", "normative documents issued": "pass",
        "normative documents repealed": "pass", "normative documents in force": "pass"}
    wrong = _audit(_say(report_2021().replace(_SAID.replace("2020", "2023"), _SAID),
                        said.replace("现行有效51件", "现行有效50件")))
    (bad,) = _checks(wrong, "narrative", "fail")
    assert bad.where == "normative documents in force" and bad.evidence[1].column == "in_force"


def test_a_claim_on_a_blank_cell_cannot_be_checked() -> None:
    text = _set(report_2019(), NEW, [5, 1, 0, 0, 0, 0, "-"])
    (claim,) = _checks(_audit(text), "narrative")
    assert claim.status == "cannot-check"


# -- across years ----------------------------------------------------------------------------

def _year(text: str, old: int, new: int) -> str:
    return text.replace(f"{old}年政府信息公开", f"{new}年政府信息公开")


def _corpus(*texts: str, blank_as_zero: bool = False) -> tuple[Audit, ...]:
    return audit_corpus([(f"r{i}.txt", parse(t), t.split("\n")) for i, t in enumerate(texts)],
                        blank_as_zero=blank_as_zero)


def test_carry_over_passes_when_last_year_carried_forward_this_years_carried_over() -> None:
    # 2019: 6 new + 1 over = 5 done + 2 forward... but 2020 says 1 carried over: off by one.
    last = _set(_set(_year(report_2019(), 2020, 2019), NEW, [6, 1, 0, 0, 0, 0, 7]),
                FORWARD, [2, 0, 0, 0, 0, 0, 2])
    _, now = _corpus(last, report_2019())
    bad = _checks(now, "carry-over", "fail")
    assert [c.where for c in bad] == ["requests column natural_person", "requests column total"]
    forward, over = bad[0].evidence
    assert (forward.year, forward.row, forward.value) == (2019, "carried_forward", 2)
    assert (over.year, over.row, over.value) == (2020, "carried_over", 1)
    assert "四、结转下年度继续办理" in forward.source

    good = _set(_year(report_2019(), 2020, 2019), FORWARD, [1, 0, 0, 0, 0, 0, 1])
    good = _set(good, NEW, [5, 1, 0, 0, 0, 0, 6])
    first, now = _corpus(good, report_2019())
    assert {c.status for c in _checks(now, "carry-over")} == {"pass"}
    assert len(_checks(now, "carry-over")) == 7
    assert not _checks(first, "carry-over")  # no 2018 report


def test_reports_of_other_bodies_or_years_are_not_paired() -> None:
    other = report_2019().replace("示例县", "另一县")
    gap = _year(report_2019(), 2020, 2018)
    for audits in (_corpus(other, report_2019()), _corpus(gap, report_2019())):
        assert not any(_checks(a, "carry-over") for a in audits)
        assert not any(a.repetitions for a in audits)


def test_bodies_are_paired_by_name_made_comparable_or_by_your_ids() -> None:
    spaced = _year(report_2019(), 2020, 2019).replace("示例县人民政府办公室2019年",
                                                      "关于示例县人民政府办公室 2019年")
    _, now = _corpus(spaced, report_2019())
    assert _checks(now, "carry-over")  # the same body, printed otherwise
    prefixed = _year(report_2019(), 2020, 2019).replace("示例县人民政府办公室", "某市示例县人民政府办公室")
    _, now = _corpus(prefixed, report_2019())
    assert not _checks(now, "carry-over")  # may be one body: not joined by a guess
    items = [(f"r{i}.txt", parse(t), t.split("\n")) for i, t in enumerate((prefixed, report_2019()))]
    joined = Bodies({"某市示例县人民政府办公室": "1", "示例县人民政府办公室": "1"})
    _, now = audit_corpus(items, bodies=joined)
    assert len(_checks(now, "carry-over")) == 7


def test_check_names_bodies_that_may_be_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    last = _year(report_2019(), 2020, 2019).replace("示例县人民政府办公室", "某市示例县人民政府办公室")
    files = [_write(tmp_path, "2019.txt", last), _write(tmp_path, "2020.txt", report_2019())]
    assert main(["check", *files]) == 0
    err = capsys.readouterr().err
    assert "bodies: 某市示例县人民政府办公室 is 示例县人民政府办公室 with 某市 before it: not joined" in err
    mapping = _write(tmp_path, "bodies.csv", "name,id\n某市示例县人民政府办公室,1\n示例县人民政府办公室,1\n")
    assert main(["check", *files, "--bodies", mapping, "--all"]) == 0
    out, err = capsys.readouterr()
    assert "pass         error   carry-over   requests column natural_person: both are 1" in out
    assert "bodies:" not in err


def test_in_force_moves_by_issued_minus_repealed() -> None:
    last = _year(report_2021(), 2023, 2022)
    in_force = "行政规范性文件\t10\t8\t51"
    for before, status in (("行政规范性文件\t3\t0\t49", "pass"), ("行政规范性文件\t3\t0\t50", "fail")):
        _, now = _corpus(replace_line(last, in_force, before), report_2021())
        checks = {c.where: c for c in _checks(now, "in-force")}
        assert checks["proactive rules"].status == "pass"
        normative = checks["proactive normative_documents"]
        assert normative.status == status
        if status == "fail":
            assert "50 in force + 10 issued - 8 repealed = 52" in normative.message
            assert [c.year for c in normative.evidence] == [2022, 2023, 2023, 2023]


def test_in_force_is_not_checked_against_a_2019_template_year() -> None:
    last = _year(report_2019(), 2020, 2022)
    _, now = _corpus(last, report_2021())
    assert not _checks(now, "in-force") and _checks(now, "carry-over")


_PROBLEMS = "信息公开的形式还需进一步规范。"
_COPIED = "一是政务公开工作的标准化规范化水平还有待提升；二是政策解读的形式还不够丰富多样，群众的知晓度不高。"


def test_repetition_per_section_with_the_repeated_passages() -> None:
    last = replace_line(_year(report_2019(), 2020, 2019), _PROBLEMS, _COPIED)
    now = replace_line(report_2019(), _PROBLEMS, _COPIED + "三是明年将加强培训。")
    _, result = _corpus(last, now)
    by_section = {r.section: r for r in result.repetitions}
    problems = by_section["problems"]
    assert (problems.year, problems.previous_year) == (2020, 2019)
    assert problems.rate == pytest.approx(len(_COPIED) / len(_COPIED + "三是明年将加强培训。"))
    assert [p.text for p in problems.passages] == [_COPIED]
    assert by_section["other_matters"].rate == 1.0 and not by_section["other_matters"].passages  # 无。
    rate, passages = repetition(_COPIED, "全新的内容，与上一年的报告没有任何重复的地方。")
    assert rate == 0.0 and passages == ()


# -- blanks as zero --------------------------------------------------------------------------

def test_blank_as_zero_makes_the_checks_a_blank_stopped(data_dir: Path) -> None:
    report = parse(data_dir / "001_e94c29de80bcac7c.txt")
    assert audit(report).status == "cannot-check"
    result = audit(report, blank_as_zero=True)
    appeals = {c.where: c for c in _checks(result, "sum-appeals")}
    assert {c.status for c in appeals.values()} == {"pass"} and result.status == "pass"
    review = appeals["appeals review"]
    assert review.assumed == ("appeals.review.pending",)
    assert review.note == "blank cells taken as 0: review pending"
    # The assumption is the check's: the evidence still says the cell is blank.
    assert [(c.value, c.status) for c in review.evidence if c.column == "pending"] == [(None, "blank")]
    assert appeals["appeals suit_after_review"].assumed == (
        "appeals.suit_after_review.upheld", "appeals.suit_after_review.corrected")
    # Only the checks that read a blank made the assumption.
    assert [c.where for c in result.checks if c.assumed] == list(appeals)
    assert all(not c.note for c in result.checks if not c.assumed)


def test_blank_as_zero_fails_where_the_blank_hides_a_number() -> None:
    text = _set(report_2019(), GRANTED, ["-", 1, 0, 0, 0, 0, 4])
    result = _audit(text, blank_as_zero=True)
    (row,) = [c for c in _checks(result, "sum-row") if c.where == "requests granted"]
    assert row.status == "fail" and row.message == "the six applicant columns sum to 1, granted says 4"
    assert row.assumed == ("requests.granted.natural_person",)
    assert row.note == "blank cells taken as 0: granted natural_person"
    assert row.evidence[0].value is None
    (column,) = _checks(result, "sum-outcomes", "fail")
    assert column.where == "requests column natural_person" and column.assumed == row.assumed
    assert result.status == "fail" and result.fails_at("error")


def test_blank_as_zero_names_the_blank_in_a_failing_balance() -> None:
    text = _set(report_2019(), "二、上年结转政府信息公开申请数量", ["-", 0, 0, 0, 0, 0, 1])
    bad = {c.where: c for c in _checks(_audit(text, blank_as_zero=True), "balance", "fail")}
    assert bad["requests column natural_person"].message == (
        "new_received 5 + carried_over 0 (blank) = 5, but total 5 + carried_forward 1 = 6")
    assert bad["requests column natural_person"].assumed == ("requests.carried_over.natural_person",)


def test_lost_cells_still_block_under_blank_as_zero() -> None:
    text = _set(_lose_granted(report_2019()), "\t(二)部分公开(区分处理的,只计这一情形,不计其他情形)",
                ["-", 0, 0, 0, 0, 0, "-"])
    result = _audit(text, blank_as_zero=True)
    (row,) = [c for c in _checks(result, "sum-row") if c.where == "requests granted"]
    assert row.status == "cannot-check" and row.message == "lost: granted (all)" and not row.assumed
    outcomes = {c.where: c for c in _checks(result, "sum-outcomes")}
    # The blank would be taken as 0, but the lost cell stops the check: only it is named.
    assert outcomes["requests column natural_person"].status == "cannot-check"
    assert outcomes["requests column natural_person"].message == "lost: granted natural_person"
    assert not outcomes["requests column natural_person"].assumed
    (partial,) = [c for c in _checks(result, "sum-row") if c.where == "requests partially_granted"]
    assert partial.status == "pass" and partial.assumed == (
        "requests.partially_granted.natural_person", "requests.partially_granted.total")
    assert result.status == "cannot-check"


def test_a_claim_against_a_blank_stays_cannot_check_under_blank_as_zero() -> None:
    text = _set(report_2019(), NEW, [5, 1, 0, 0, 0, 0, "-"])
    result = _audit(text, blank_as_zero=True)
    (claim,) = _checks(result, "narrative")
    assert claim.status == "cannot-check" and claim.message.endswith("new_received total is blank")
    assert not claim.assumed
    (row,) = [c for c in _checks(result, "sum-row") if c.where == "requests new_received"]
    assert row.status == "fail" and row.assumed == ("requests.new_received.total",)
    assert row.message == "the six applicant columns sum to 6, new_received says 0 (blank)"


def test_blank_as_zero_across_years() -> None:
    # 2019 printed its zeros carried forward as dashes; 2020 carried over 1 0 0 0 0 0 1.
    last = _set(_year(report_2019(), 2020, 2019), FORWARD, [1, "-", "-", "-", "-", "-", 1])
    _, now = _corpus(last, report_2019())
    commercial = {c.where: c for c in _checks(now, "carry-over")}["requests column commercial"]
    assert commercial.status == "cannot-check"
    assert commercial.message == "blank: 2019 carried_forward commercial"
    _, now = _corpus(last, report_2019(), blank_as_zero=True)
    carried = {c.where: c for c in _checks(now, "carry-over")}
    assert {c.status for c in carried.values()} == {"pass"}
    assert carried["requests column commercial"].assumed == ("2019 requests.carried_forward.commercial",)
    assert carried["requests column commercial"].note == (
        "blank cells taken as 0: 2019 carried_forward commercial")
    assert not carried["requests column total"].assumed


def test_blank_as_zero_in_force_fails_where_last_year_left_it_blank() -> None:
    last = replace_line(_year(report_2021(), 2023, 2022), "行政规范性文件\t10\t8\t51",
                        "行政规范性文件\t3\t0\t-")
    _, now = _corpus(last, report_2021())
    assert {c.where: c.status for c in _checks(now, "in-force")}["proactive normative_documents"] == (
        "cannot-check")
    _, now = _corpus(last, report_2021(), blank_as_zero=True)
    normative = {c.where: c for c in _checks(now, "in-force")}["proactive normative_documents"]
    assert normative.status == "fail"
    assert normative.message == "0 in force + 10 issued - 8 repealed = 2, but 51 in force"
    assert normative.assumed == ("2022 proactive.normative_documents.in_force",)
    assert normative.evidence[0].value is None and normative.evidence[0].status == "blank"


def test_check_command_blank_as_zero(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(data_dir / "001_e94c29de80bcac7c.txt")
    assert main(["check", path, "--format", "json"]) == 0
    plain = json.loads(capsys.readouterr().out)
    assert plain["reports"][0]["status"] == "cannot-check" and plain["summary"]["assumed"] == 0
    assert main(["check", path, "--blank-as-zero", "--format", "json", "--fail-on", "error"]) == 0
    data = json.loads(capsys.readouterr().out)
    (report,) = data["reports"]
    assert report["status"] == "pass" and data["summary"]["assumed"] == 3
    assumed = [c for c in report["checks"] if c["assumed"]]
    assert [c["where"] for c in assumed] == [
        "appeals review", "appeals suit_direct", "appeals suit_after_review"]
    assert assumed[0]["assumed"] == ["appeals.review.pending"]
    assert assumed[0]["note"] == "blank cells taken as 0: review pending"
    evidence = [(e["column"], e["value"], e["status"]) for e in assumed[0]["evidence"]]
    assert evidence[3] == ("pending", None, "blank")
    assert main(["check", path, "--blank-as-zero", "--all"]) == 0
    out = capsys.readouterr().out
    assert "3 checks took blank cells as 0" in out
    assert ("appeals review: the four results sum to 1\n"
            "        note: blank cells taken as 0: review pending") in out


# -- the command -----------------------------------------------------------------------------

def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_check_command_json_and_fail_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = _write(tmp_path, "good.txt", report_2019())
    bad = _write(tmp_path, "bad.txt", _set(report_2019(), GRANTED, [3, 1, 0, 0, 0, 0, 5]))
    assert main(["check", good, bad, "--format", "json", "--fail-on", "error"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["reports"] == 2 and data["summary"]["fail"] == 1
    assert [r["status"] for r in data["reports"]] == ["pass", "fail"]
    failed = [c for c in data["reports"][1]["checks"] if c["status"] == "fail"]
    # The row's total is off, and so (七)'s total column no longer sums.
    assert [c["kind"] for c in failed] == ["sum-row", "sum-outcomes"]
    finding = failed[0]
    assert finding["severity"] == "error" and finding["where"] == "requests granted"
    assert finding["evidence"][-1] == {"table": "requests", "row": "granted", "column": "total", "value": 5,
                                       "line": _line_of(report_2019(), "予以公开"),
                                       "source": "三、本年度办理结果\t(一)予以公开\t3\t1\t0\t0\t0\t0\t5",
                                       "year": 2020, "status": "read"}
    assert main(["check", good, "--fail-on", "error"]) == 0
    assert main(["check", bad]) == 0  # without --fail-on the audit only reports


def test_check_command_fail_on_warning_and_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    said = _write(tmp_path, "said.txt", _say(report_2019(), "2020年，共受理政府信息公开申请9件。"))
    assert main(["check", said, "--fail-on", "error"]) == 0
    assert main(["check", said, "--fail-on", "warning"]) == 1
    out = capsys.readouterr().out
    assert "fail         warning narrative" in out and "says 9" in out
    assert "line 5" in out


def test_an_unreadable_file_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = [_write(tmp_path, "x.txt", "这不是年度报告。"), _write(tmp_path, "good.txt", report_2019())]
    result, good = audit_paths(files)
    assert result.status == "error" and "not a" in result.error and good.status == "pass"
    assert main(["check", *files]) == 1
    captured = capsys.readouterr()
    assert "x.txt: line 1, column 1: not a" in captured.err and "status pass" in captured.out


def test_corpus_reports_are_audited(data_dir: Path) -> None:
    audits = {Path(a.name).name[:3]: a for a in audit_paths(sorted(data_dir.glob("*.txt")))}
    assert {k: a.status for k, a in audits.items()} == {
        "000": "pass", "001": "cannot-check", "002": "pass", "003": "pass", "004": "cannot-check"}
    # 001's review/litigation table has five blank cells; 004 five outcome rows without numbers.
    assert {c.where for c in audits["001"].findings} == {
        "appeals review", "appeals suit_direct", "appeals suit_after_review"}
    assert {c.kind for c in audits["004"].findings} == {"sum-row", "sum-outcomes"}
    assert audits["001"].claims_checked == 4
    assert all(c.status == "pass" for a in audits.values() for c in a.checks if c.kind == "narrative")
    # 000's lost cells were recovered by the identities: the passes that rest on them say so,
    # naming the recovered cells the check reads (and only those).
    noted = {c.where: c.note for c in audits["000"].checks if c.kind == "balance" and c.note}
    assert noted["requests column natural_person"] == (
        "rests on cells not read as printed (recovered: carried_forward natural_person)")
    for check in audits["000"].checks:
        derived = [e for e in check.evidence if e.status in DERIVED]
        assert bool(check.note) == bool(derived)
        assert all(e.status == "read" for e in check.evidence if e not in derived)


def test_check_command_text_across_years(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    last = _set(_set(_year(report_2019(), 2020, 2019), NEW, [6, 1, 0, 0, 0, 0, 7]),
                FORWARD, [2, 0, 0, 0, 0, 0, 2])
    files = [_write(tmp_path, "2019.txt", last.replace("申请6件", "申请7件")),
             _write(tmp_path, "2020.txt", report_2019())]
    assert main(["check", *files, "--fail-on", "error"]) == 1
    out = capsys.readouterr().out
    assert "carry-over   requests column natural_person: 2019 carried_forward 2, 2020 carried_over 1" in out
    assert "2019 line 55  requests carried_forward: natural_person=2" in out
    assert "repetition problems       100.0% of 15 characters repeat 2019" in out
    assert f"{files[0]} 2019  pass" in out  # the whole name, which the column fits


@pytest.mark.parametrize(("sentence", "claims"), [
    ("2020年，共收到政府信息公开申请共计6件。", [("applications received", 6)]),
    ("本年度新收政府信息公开申请6件，上年结转1件。", [("applications received", 6)]),
    ("全年受理依申请公开6件，均按时答复。", [("applications received", 6)]),
    ("共受理政府信息公开申请６件，办结6件，其中网上申请4件。", [("applications received", 6)]),
    ("2020年，本机关没有收到政府信息公开申请。", [("no applications received", 0)]),
    ("收到行政复议申请1件，被申请行政复议0件。",
     [("administrative reviews", 1), ("administrative reviews", 0)]),
    ("未发生政府信息公开行政复议、行政诉讼案件。", []),
    ("接到网民诉求700余件，历年累计受理申请30件。", []),
    ("新增规范性文件6件。", [("normative documents issued", 6)]),
])
def test_claim_patterns_read_what_the_prose_states(sentence: str, claims: list[tuple[str, int]]) -> None:
    result = _audit(_say(report_2019(), sentence))
    assert [(c.where, c.evidence[0].value) for c in _checks(result, "narrative")] == claims
    assert result.claims_checked == len(claims)
