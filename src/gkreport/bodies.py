"""Who a report is about, across years: the body's name made comparable, and ids of your own.

A body's reports of several years are compared (:mod:`gkreport.compare`) and laid side by side
in panels (:func:`gkreport.dataset.panel_rows`) by the body they are about. The parser reads
the body's name from the title (:attr:`gkreport.model.Meta.organ`); titles of one body differ
from year to year in width, spacing and the words around the name, and :func:`body_name`
takes those away. It does not guess more: ``江源区`` and ``白山市江源区人民政府`` may well be
one body, but a guess that joins two bodies would compare one body's numbers with another's.
Such names are only pointed out (:func:`near_matches`); a mapping of your own from printed
names to ids (:class:`Bodies`, read from a CSV file) joins them.

>>> body_name("关于泉州市丰泽区人民政府办公室 2023 年政府信息公开工作年度报告")
'泉州市丰泽区人民政府办公室'
>>> level_of("桃江县松木塘镇人民政府"), level_of("泉州市丰泽区人民政府办公室")
('township', 'county')
"""

from __future__ import annotations

import csv
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Final, Generic, Literal, TypeVar, cast

import attrs

from ._narrative import plain
from .errors import GkreportError
from .model import Report

__all__ = ["LEVELS", "Bodies", "BodyNote", "Level", "Series", "body_name", "by_body", "level_of",
           "near_matches"]

#: The level of government a body belongs to; ``unknown`` where its name does not say.
Level = Literal["province", "city", "county", "township", "unknown"]
#: The levels, highest first.
LEVELS: Final[tuple[Level, ...]] = ("province", "city", "county", "township", "unknown")

_T = TypeVar("_T")

#: The words a report's title puts around the body's name, where the name ends: the year, or
#: the disclosure wording when the title has no year (驼峰路街道办事处政府信息公开工作年度报告).
_NAME_ENDS: Final = re.compile(r"(?:19|20)\d{2}年|政府信息公开|政务公开|信息公开|年度报告")
#: What stands before the name: a crawler's text (``Page 8 - ``), punctuation, 关于.
_BEFORE_NAME: Final = re.compile(r"^(?:(?!(?:19|20)\d{2}年)[^\u4e00-\u9fff]|关于)+")
#: The words after a place that say which of its offices it is: stripped only to find names
#: that may be one body (江源区 and 江源区人民政府), never to join them.
_OFFICE_WORDS: Final = ("人民政府办公室", "人民政府办公厅", "人民政府", "政府办公室", "政府办公厅",
                        "办公室", "办事处", "政府")
#: Unit words of places, each with its level; a longer word first where one holds another.
_UNITS: Final[tuple[tuple[str, Level], ...]] = (
    ("自治区", "province"), ("省", "province"), ("街道", "township"), ("镇", "township"),
    ("乡", "township"), ("县", "county"), ("区", "county"), ("旗", "county"), ("市", "city"),
    ("州", "city"), ("盟", "city"))
#: A unit word inside an ordinary word (市场, 城市, 社区, 小区, 园区…) names no place.
_NOT_A_PLACE: Final = re.compile(r"市场|城市|都市|超市|社区|小区|园区|景区|辖区|片区|灾区|区域|乡村|城乡|镇街")
_UNIT: Final = re.compile("|".join(word for word, _ in _UNITS))
_LEVEL_OF_UNIT: Final = dict(_UNITS)
#: The municipalities under the State Council: a 市 of province level.
_MUNICIPALITIES: Final = ("北京市", "天津市", "上海市", "重庆市")


def body_name(printed: str | None) -> str | None:
    """The comparable form of a body's name, or of a title that names it: full-width
    characters made half-width, whitespace dropped, and what stands around the name taken
    away (a crawler's text and 关于 before it; the year and the report's wording after it).
    None where nothing of a name is left.

    >>> body_name("泉州市洛江区人民政府办公室 ")
    '泉州市洛江区人民政府办公室'
    >>> body_name("Page 8 - 威海市文登区信访局2022年政府信息公开工作年度报告")
    '威海市文登区信访局'
    >>> body_name("关于2022年度政府信息公开情况的报告") is None
    True
    """
    if not printed:
        return None
    text = _BEFORE_NAME.sub("", plain(printed))
    end = _NAME_ENDS.search(text)
    name = (text[:end.start()] if end else text).rstrip("的")
    return name or None


def level_of(name: str) -> Level:
    """The level of government a body's name places it at: that of the last place unit in
    the name (省, 市, 区 or 县, 镇 or 街道…), ``unknown`` where there is none. Read from the
    name alone, so a 县级市 reads as a city; a mapping (:class:`Bodies`) can say otherwise.

    >>> names = ("上海市科委", "天门市人民政府办公室", "江源区", "上海市市场监督管理局", "公安局")
    >>> [level_of(n) for n in names]
    ['province', 'city', 'county', 'province', 'unknown']
    """
    text = _NOT_A_PLACE.sub(lambda m: "_" * len(m[0]), name)
    units = list(_UNIT.finditer(text))
    if not units:
        return "unknown"
    last = units[-1][0]
    if last == "市" and len(units) == 1 and name.startswith(_MUNICIPALITIES):
        return "province"
    return _LEVEL_OF_UNIT[last]


@attrs.frozen
class BodyNote:
    """Something about the bodies of a set of reports that a reader should look at:
    ``near-match`` (two names that may be one body, not joined), ``same-year`` (one body,
    several reports of one year: the first in order is used)."""

    code: Literal["near-match", "same-year"]
    names: tuple[str, ...]
    message: str


def _by_name(ids: Mapping[str, str]) -> dict[str, str]:
    return {body_name(name) or name: id_ for name, id_ in ids.items()}


@attrs.frozen
class Bodies:
    """Your own ids for bodies: a mapping from names (as :func:`body_name` makes them) to
    ids, and optionally each id's level. A name not in the mapping is its own id.

    >>> bodies = Bodies({"江源区": "220605", "白山市江源区人民政府": "220605"})
    >>> bodies.id_of("白山市江源区人民政府"), bodies.id_of(" 江源区 "), bodies.id_of("浑江区")
    ('220605', '220605', '浑江区')
    """

    ids: Mapping[str, str] = attrs.field(factory=dict, converter=_by_name)
    levels: Mapping[str, Level] = attrs.field(factory=dict)

    @classmethod
    def read_csv(cls, path: str | os.PathLike[str]) -> Bodies:
        """The mapping of a CSV file with a header row and the columns ``name`` and ``id``,
        and optionally ``level`` (one of :data:`LEVELS`). Several names may share an id.
        A file without those columns, or with an unknown level, raises
        :class:`~gkreport.errors.GkreportError` naming the file and line."""
        ids: dict[str, str] = {}
        levels: dict[str, Level] = {}
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = csv.DictReader(f)
            missing = {"name", "id"} - set(rows.fieldnames or ())
            if missing:
                raise GkreportError(f"{os.fspath(path)}: line 1: no column {', '.join(sorted(missing))} "
                                    "(a body mapping has the columns name, id and optionally level)")
            for row in rows:
                name, id_ = (row.get("name") or "").strip(), (row.get("id") or "").strip()
                if not name or not id_:
                    raise GkreportError(f"{os.fspath(path)}: line {rows.line_num}: "
                                        "a row needs a name and an id")
                ids[name] = id_
                level = (row.get("level") or "").strip()
                if level:
                    if level not in LEVELS:
                        raise GkreportError(f"{os.fspath(path)}: line {rows.line_num}: level {level!r} "
                                            f"is none of {', '.join(LEVELS)}")
                    levels[id_] = cast(Level, level)
        return cls(ids, levels)

    def id_of(self, printed: str | None) -> str | None:
        """The id of the body ``printed`` names: yours if the mapping has its name, else the
        name itself; None for no name."""
        name = body_name(printed)
        if name is None:
            return None
        return self.ids.get(name, name)

    def level(self, id_: str, name: str | None = None) -> Level:
        """The level of the body ``id_``: yours if the mapping gives one, else read from its
        ``name`` (:func:`level_of`)."""
        found = self.levels.get(id_)
        if found is not None:
            return found
        return level_of(name or id_)


@attrs.frozen
class Series(Generic[_T]):
    """One body's reports (or items holding them), in year order: its ``id``, the names
    it was printed under, and the items."""

    id: str
    names: tuple[str, ...]
    items: tuple[_T, ...]
    years: tuple[int | None, ...]

    def pairs(self) -> Iterator[tuple[_T, _T]]:
        """Each report with the next year's of the series: consecutive years only (a year
        left out breaks the chain), the first of several reports of one year."""
        first: dict[int, _T] = {}
        for item, year in zip(self.items, self.years, strict=True):
            if year is not None:
                first.setdefault(year, item)
        for year, item in first.items():
            following = first.get(year + 1)
            if following is not None:
                yield item, following


def by_body(items: Iterable[_T], report: Callable[[_T], Report] | None = None,
            bodies: Bodies | None = None) -> tuple[list[Series[_T]], list[BodyNote]]:
    """The ``items`` grouped by the body their report is about, each series in year order
    (a report without a year last), the series in the order their bodies first appear; and
    the notes about them (:class:`BodyNote`). ``report`` gets an item's report (the item
    itself by default); ``bodies`` are your ids. A report without a body's name is left out.

    >>> from gkreport.model import Meta
    >>> old, new = Report(Meta(organ="江源区", year=2020)), Report(Meta(organ="江源区", year=2021))
    >>> series, notes = by_body([new, old, Report(Meta(organ="白山市江源区", year=2021))])
    >>> [(s.id, s.years) for s in series], [n.code for n in notes]
    ([('江源区', (2020, 2021)), ('白山市江源区', (2021,))], ['near-match'])
    """
    bodies = bodies or Bodies()
    get = report or _itself
    groups: dict[str, list[tuple[_T, Report]]] = {}
    names: dict[str, dict[str, None]] = defaultdict(dict)
    for item in items:
        found = get(item)
        id_ = bodies.id_of(found.meta.organ)
        if id_ is None:
            continue
        groups.setdefault(id_, []).append((item, found))
        names[id_][body_name(found.meta.organ) or ""] = None
    series = []
    notes = []
    for id_, members in groups.items():
        members.sort(key=lambda m: (m[1].meta.year is None, m[1].meta.year or 0))
        years = tuple(m[1].meta.year for m in members)
        series.append(Series(id_, tuple(names[id_]), tuple(m[0] for m in members), years))
        repeated = sorted({y for y in years if y is not None and years.count(y) > 1})
        if repeated:
            notes.append(BodyNote("same-year", (id_,), f"{id_} has several reports for "
                                  f"{', '.join(map(str, repeated))}; the first of each is compared"))
    notes += near_matches({name for id_ in groups for name in names[id_]}, bodies)
    return series, notes


def near_matches(names: Iterable[str], bodies: Bodies | None = None) -> list[BodyNote]:
    """Pairs of ``names`` (as :func:`body_name` makes them) that may be one body but are not
    joined: one is the other with a place before it (江源区, 白山市江源区), or the two differ
    only in the office words after the place (江源区, 江源区人民政府). Names your mapping
    already gives one id are not pointed out.

    >>> for note in near_matches(["江源区", "白山市江源区人民政府", "江源区人民政府", "浑江区"]):
    ...     print(*note.names)
    江源区 江源区人民政府
    江源区 白山市江源区人民政府
    江源区人民政府 白山市江源区人民政府
    """
    bodies = bodies or Bodies()
    known = sorted(set(names))
    present = set(known)
    stems: dict[str, list[str]] = defaultdict(list)
    for name in known:
        stems[_stem(name)].append(name)
    pairs: dict[tuple[str, str], str] = {}
    for name in known:
        # A shorter name that this one ends with: the same name with a place before it.
        for cut in range(1, len(name) - 1):
            tail = name[cut:]
            if tail in present:
                pairs.setdefault(_ordered(tail, name), f"{name} is {tail} with {name[:cut]} before it")
    for stem, members in stems.items():
        for i, first in enumerate(members):
            for second in members[i + 1:]:
                pairs.setdefault(_ordered(first, second), f"{first} and {second} differ only in the "
                                 f"office words after {stem}")
    # Transitively: a place before, and office words after (江源区, 白山市江源区人民政府).
    for name in known:
        for cut in range(1, len(name) - 1):
            tail = name[cut:]
            for other in stems.get(_stem(tail), ()):
                if other != name and _stem(tail) != _stem(name):
                    pairs.setdefault(_ordered(other, name), f"{name} may be {other} with "
                                     f"{name[:cut]} before it")
    return [BodyNote("near-match", pair, f"{why}: not joined; give both one id in a mapping "
                     "(--bodies) if they are one body")
            for pair, why in sorted(pairs.items(), key=lambda p: (len(p[0][0]), p[0]))
            if bodies.id_of(pair[0]) != bodies.id_of(pair[1])]


def _itself(item: object) -> Report:
    return cast(Report, item)


def _stem(name: str) -> str:
    for word in _OFFICE_WORDS:
        if name.endswith(word) and len(name) > len(word):
            return name[:-len(word)]
    return name


def _ordered(first: str, second: str) -> tuple[str, str]:
    return (first, second) if (len(first), first) <= (len(second), second) else (second, first)

