"""Bodies across years (gkreport.bodies) and the crosswalk between the two templates."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from gkreport.bodies import Bodies, body_name, by_body, level_of, near_matches
from gkreport.errors import GkreportError
from gkreport.model import Meta, Report
from gkreport.template import CROSSWALK, NOT_CROSSED, TEMPLATES


@pytest.mark.parametrize(("printed", "name"), [
    ("泉州市洛江区人民政府办公室", "泉州市洛江区人民政府办公室"),
    ("泉州市洛江区人民政府办公室 2020 年政府信息公开工作年度报告", "泉州市洛江区人民政府办公室"),
    ("关于印发江源区2020年度政府信息公开工作年度报告", "印发江源区"),  # words before the name stay
    ("Page 8 - 威海市文登区信访局", "威海市文登区信访局"),
    ("泉州市　丰泽区人民政府（办公室）", "泉州市丰泽区人民政府(办公室)"),
    ("驼峰路街道办事处政府信息公开工作年度报告", "驼峰路街道办事处"),
    ("2021年江源区政府信息公开工作年度报告", None),  # the year first: the name is not before it
    ("", None),
    (None, None),
    ("——", None),
])
def test_body_name(printed: str | None, name: str | None) -> None:
    assert body_name(printed) == name


@pytest.mark.parametrize(("name", "level"), [
    ("江苏省人民政府办公厅", "province"),
    ("广西壮族自治区民政厅", "province"),
    ("北京市朝阳区人民政府", "county"),
    ("重庆市", "province"),
    ("泉州市人民政府", "city"),
    ("泉州市市场监督管理局", "city"),
    ("湘西土家族苗族自治州财政局", "city"),
    ("鄂尔多斯市达拉特旗", "county"),
    ("西工区洛北街道办事处", "township"),
    ("拖市镇", "township"),
    ("某县城乡建设局", "county"),
    ("某区社区服务中心", "county"),
    ("国家税务总局", "unknown"),
])
def test_level_of(name: str, level: str) -> None:
    assert level_of(name) == level


def _report(organ: str | None, year: int | None) -> Report:
    return Report(Meta(organ=organ, year=year))


def test_by_body_orders_years_and_keeps_bodies_apart() -> None:
    reports = [_report("甲县", 2022), _report("乙县", 2021), _report("甲县", 2020), _report("甲县 ", 2021),
               _report(None, 2021), _report("甲县", None)]
    series, notes = by_body(reports)
    assert [(s.id, s.years) for s in series] == [("甲县", (2020, 2021, 2022, None)), ("乙县", (2021,))]
    assert notes == []
    first = series[0]
    assert [(a.meta.year, b.meta.year) for a, b in first.pairs()] == [(2020, 2021), (2021, 2022)]


def test_a_gap_breaks_the_chain_and_a_repeated_year_is_said() -> None:
    reports = [_report("甲县", 2019), _report("甲县", 2021), _report("甲县", 2022), _report("甲县", 2022)]
    series, notes = by_body(reports)
    pairs = list(series[0].pairs())
    assert [(a.meta.year, b.meta.year) for a, b in pairs] == [(2021, 2022)]
    assert pairs[0][1] is reports[2]  # the first report of 2022 in order
    assert [(n.code, n.names) for n in notes] == [("same-year", ("甲县",))]


def test_items_holding_reports_and_a_mapping() -> None:
    items = [("a", _report("江源区", 2020)), ("b", _report("白山市江源区人民政府", 2021))]
    series, notes = by_body(items, lambda item: item[1])
    assert len(series) == 2 and [n.code for n in notes] == ["near-match"]
    bodies = Bodies({"江源区": "220605", "白山市江源区人民政府": "220605"})
    series, notes = by_body(items, lambda item: item[1], bodies)
    assert [(s.id, [i[0] for i in s.items], s.names) for s in series] == [
        ("220605", ["a", "b"], ("江源区", "白山市江源区人民政府"))]
    assert notes == []


def test_near_matches_point_out_but_do_not_join() -> None:
    notes = near_matches(["江源区", "浑江区", "临江市", "江源区人民政府办公室", "公安局", "江源区公安局"])
    assert sorted(n.names for n in notes) == [("公安局", "江源区公安局"), ("江源区", "江源区人民政府办公室")]
    assert all("not joined" in n.message for n in notes)
    assert near_matches(["甲县", "乙县"]) == []


def test_read_csv(tmp_path: Path) -> None:
    path = tmp_path / "bodies.csv"
    path.write_text("name,id,level\n江源区,220605,county\n白山市江源区人民政府,220605,\n", encoding="utf-8")
    bodies = Bodies.read_csv(path)
    assert bodies.id_of("白山市江源区人民政府2021年政府信息公开工作年度报告") == "220605"
    assert bodies.level("220605") == "county" and bodies.level("泉州市", "泉州市") == "city"


@pytest.mark.parametrize(("text", "message"), [
    ("name,code\n甲县,1\n", "line 1: no column id"),
    ("name,id\n甲县,\n", "line 2: a row needs a name and an id"),
    ("name,id,level\n甲县,1,village\n", "line 2: level 'village' is none of"),
])
def test_read_csv_refuses_a_bad_file(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bodies.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GkreportError, match=message):
        Bodies.read_csv(path)


def test_the_crosswalk_covers_every_cell_of_both_templates_once() -> None:
    for tid, side in (("2019", "old"), ("2021", "new")):
        keys = [k for c in CROSSWALK for k in getattr(c, side)]
        keys += [u.key for u in NOT_CROSSED if u.template == tid]
        assert Counter(keys) == Counter(TEMPLATES[tid].cell_keys)  # type: ignore[index]
    assert len({c.key for c in CROSSWALK}) == len(CROSSWALK)
    assert all(u.why for u in NOT_CROSSED)


def test_the_crosswalk_kinds() -> None:
    kinds = {c.key: c.kind for c in CROSSWALK}
    assert kinds["requests.granted.total"] == "same"
    assert kinds["appeals.review.upheld"] == "same"
    assert kinds["proactive.licensing.decisions"] == "renamed"
    assert kinds["proactive.rules.issued"] == "renamed"
    assert kinds["requests.other_handling.total"] == "sum"
    assert "proactive.rules.in_force" not in kinds  # 现行有效 is not 对外公开总数量
