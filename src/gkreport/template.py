"""The standard template as data: every label, variant and column of both versions.

This is the one place that knows what the State Council's template says. The tokenizer's
label matcher, the model builder, the validator and the docs all read from here; a new
label variant is one line in this file (and a test).

Labels are stored in their *normalised* form (see :mod:`gkreport._normalise`): half-width
brackets and digits, no whitespace.
"""

from __future__ import annotations

import functools
from typing import Final, Literal

import attrs

__all__ = [
    "APPEAL_COLUMNS",
    "APPEAL_GROUPS",
    "APPLICANTS_HEADING",
    "APPLICANT_COLUMNS",
    "BLANK_MARK",
    "CLAUSE_HEADING",
    "CROSSWALK",
    "ITEM_HEADING",
    "LITIGATION_HEADING",
    "NOT_CROSSED",
    "ORGANISATIONS_HEADING",
    "REQUEST_NUMBERS",
    "SECTIONS",
    "TEMPLATES",
    "TITLE_FIELDS",
    "TITLE_WORDING",
    "Crossing",
    "Template",
    "TemplateId",
    "Uncrossed",
    "template_for",
]

TemplateId = Literal["2019", "2021"]

#: The first reporting year on the 2021 template: the revised template is for the reports on
#: 2021 and later, the 2019 one for the reports on 2019 and 2020.
FIRST_2021_YEAR: Final = 2021


def template_for(year: int | None) -> TemplateId:
    """The template a report on ``year`` uses, where its tables do not tell (the parser, the
    renderer, the validator and the audit all fall back on this). An unknown year is taken
    for a recent one: the 2021 template.

    >>> template_for(2020), template_for(2021), template_for(None)
    ('2019', '2021', '2021')
    """
    return "2019" if year is not None and year < FIRST_2021_YEAR else "2021"


@attrs.frozen
class Section:
    """One of the six numbered sections of a report."""

    number: int
    key: str
    heading: str
    #: Fragments that identify the heading however the body words it.
    stems: tuple[str, ...]
    #: The templates' whole wordings of the heading (2021's, then 2019's), without 、: a
    #: heading worded so is this section's whatever its numeral (a report that numbers its
    #: tables' sections anew after a narrative of its own).
    wordings: tuple[str, ...] = ()

    @property
    def token(self) -> str:
        """The terminal of this section's heading in ``grammars/report.lark``."""
        return f"{self.key.upper()}_HEADING"


SECTIONS: Final = (
    Section(1, "overview", "总体情况", ("总体情况",), ("总体情况",)),
    Section(2, "proactive", "主动公开政府信息情况", ("主动公开",),
            ("主动公开政府信息情况",)),
    Section(3, "requests", "收到和处理政府信息公开申请情况", ("收到和处理", "申请情况"),
            ("收到和处理政府信息公开申请情况",)),
    Section(4, "appeals", "政府信息公开行政复议、行政诉讼情况", ("行政复议", "行政诉讼"),
            ("政府信息公开行政复议行政诉讼情况", "被申请行政复议提起行政诉讼情况")),
    Section(5, "problems", "存在的主要问题及改进情况", ("存在的主要问题", "问题及改进", "改进情况"),
            ("存在的主要问题及改进情况",)),
    Section(6, "other_matters", "其他需要报告的事项", ("其他需要报告",), ("其他需要报告的事项",)),
)


@attrs.frozen
class Column:
    key: str
    label: str
    kind: Literal["count", "signed", "money"] = "count"


@attrs.frozen
class ProactiveItem:
    """A row of a 第二十条 clause table: an item and the columns it has in one template."""

    key: str
    clause: int
    labels: tuple[str, ...]
    columns: tuple[Column, ...]


@attrs.frozen
class RequestRow:
    """A row of the applicant-by-outcome matrix."""

    key: str
    label: str
    #: Row labels that are only a row when a numbering prefix stands before them
    #: (总计 and 其他 are also column headers).
    needs_number: bool = False
    #: True for the outcome rows whose sum is (七) 总计.
    outcome: bool = True


@attrs.frozen(cache_hash=True)  # the arithmetic's identities are cached per template
class Template:
    id: TemplateId
    proactive: tuple[ProactiveItem, ...]
    requests: tuple[RequestRow, ...]
    #: Outcome groups: group key -> group label (e.g. denied -> 不予公开).
    groups: tuple[tuple[str, str], ...]
    #: Column-header wording that only this template uses; used to detect the template.
    markers: tuple[str, ...]

    def proactive_item(self, key: str) -> ProactiveItem | None:
        for item in self.proactive:
            if item.key == key:
                return item
        return None

    @property
    def request_keys(self) -> tuple[str, ...]:
        return tuple(row.key for row in self.requests)

    @property
    def outcome_keys(self) -> tuple[str, ...]:
        """The rows whose sum, column by column, is (七) 总计."""
        return tuple(row.key for row in self.requests if row.outcome)

    @property
    def cell_keys(self) -> tuple[str, ...]:
        """Every cell of the template's tables as ``table.row.column``, in template order
        (``proactive.rules.issued`` … ``appeals.suit_after_review.total``)."""
        return _cell_keys(self)


@functools.cache
def _cell_keys(template: Template) -> tuple[str, ...]:
    keys = [f"proactive.{item.key}.{c.key}" for item in template.proactive for c in item.columns]
    keys += [f"requests.{row}.{c.key}" for row in template.request_keys for c in APPLICANT_COLUMNS]
    keys += [f"appeals.{group}.{c.key}" for group, _ in APPEAL_GROUPS for c in APPEAL_COLUMNS]
    return tuple(keys)


# -- 第二十条 clause tables ------------------------------------------------------------

_MADE_2019 = (
    Column("made", "本年新制作数量"),
    Column("published", "本年新公开数量"),
    Column("total_published", "对外公开总数量"),
)
_ITEMS_2019 = (
    Column("previous_items", "上一年项目数量"),
    Column("change", "本年增/减", "signed"),
    Column("decisions", "处理决定数量"),
)
_ISSUED_2021 = (
    Column("issued", "本年制发件数"),
    Column("repealed", "本年废止件数"),
    Column("in_force", "现行有效件数"),
)
_DECISIONS_2021 = (Column("decisions", "本年处理决定数量"),)

_RULES = ("规章",)
_NORMATIVE = ("规范性文件", "行政规范性文件")
_LICENSING = ("行政许可",)
_OTHER_SERVICES = ("其他对外管理服务事项",)
_PENALTIES = ("行政处罚",)
_COERCION = ("行政强制",)
_FEES = ("行政事业性收费",)
_PROCUREMENT = ("政府集中采购",)

_PROACTIVE_2019 = (
    ProactiveItem("rules", 1, _RULES, _MADE_2019),
    ProactiveItem("normative_documents", 1, _NORMATIVE, _MADE_2019),
    ProactiveItem("licensing", 5, _LICENSING, _ITEMS_2019),
    ProactiveItem("other_services", 5, _OTHER_SERVICES, _ITEMS_2019),
    ProactiveItem("penalties", 6, _PENALTIES, _ITEMS_2019),
    ProactiveItem("coercion", 6, _COERCION, _ITEMS_2019),
    ProactiveItem("fees", 8, _FEES, _ITEMS_2019[:2]),
    ProactiveItem(
        "procurement",
        9,
        _PROCUREMENT,
        (Column("projects", "采购项目数量"), Column("amount", "采购总金额", "money")),
    ),
)
_PROACTIVE_2021 = (
    ProactiveItem("rules", 1, _RULES, _ISSUED_2021),
    ProactiveItem("normative_documents", 1, _NORMATIVE, _ISSUED_2021),
    ProactiveItem("licensing", 5, _LICENSING, _DECISIONS_2021),
    ProactiveItem("penalties", 6, _PENALTIES, _DECISIONS_2021),
    ProactiveItem("coercion", 6, _COERCION, _DECISIONS_2021),
    ProactiveItem("fees", 8, _FEES, (Column("amount", "本年收费金额", "money"),)),
)

#: Every label a 第二十条 item may carry, in either template.
PROACTIVE_LABELS: Final[dict[str, str]] = {
    label: item.key for item in _PROACTIVE_2019 + _PROACTIVE_2021 for label in item.labels
}

# -- the applicant-by-outcome matrix ----------------------------------------------------

APPLICANT_COLUMNS: Final = (
    Column("natural_person", "自然人"),
    Column("commercial", "商业企业"),
    Column("research", "科研机构"),
    Column("social_welfare", "社会公益组织"),
    Column("legal_services", "法律服务机构"),
    Column("other", "其他"),
    Column("total", "总计"),
)

#: The column of the matrix (and of the appeals table) that is the sum of the others in its
#: row: 总计 is the sum of the six applicant columns.
TOTAL_COLUMN: Final = "total"
#: The matrix balances column by column (勾稽关系): the first two rows sum as the last two.
BALANCE_ROWS: Final = (("new_received", "carried_over"), ("total", "carried_forward"))
#: The matrix row that is, column by column, the sum of the outcome rows ((七) 总计; see
#: :attr:`RequestRow.outcome`).
OUTCOMES_TOTAL: Final = "total"

_HEAD_ROWS = (
    RequestRow("new_received", "本年新收政府信息公开申请数量", outcome=False),
    RequestRow("carried_over", "上年结转政府信息公开申请数量", outcome=False),
    RequestRow("granted", "予以公开"),
    RequestRow("partially_granted", "部分公开(区分处理的,只计这一情形,不计其他情形)"),
    RequestRow("denied.state_secret", "属于国家秘密"),
    RequestRow("denied.prohibited_by_law", "其他法律行政法规禁止公开"),
    RequestRow("denied.security_stability", '危及"三安全一稳定"'),
    RequestRow("denied.third_party_rights", "保护第三方合法权益"),
    RequestRow("denied.internal_affairs", "属于三类内部事务信息"),
    RequestRow("denied.process_information", "属于四类过程性信息"),
    RequestRow("denied.enforcement_files", "属于行政执法案卷"),
    RequestRow("denied.administrative_query", "属于行政查询事项"),
    RequestRow("unable.not_held", "本机关不掌握相关政府信息"),
    RequestRow("unable.needs_creation", "没有现成信息需要另行制作"),
    RequestRow("unable.still_unclear", "补正后申请内容仍不明确"),
    RequestRow("not_processed.complaint", "信访举报投诉类申请"),
    RequestRow("not_processed.duplicate", "重复申请"),
    RequestRow("not_processed.publication", "要求提供公开出版物"),
    RequestRow("not_processed.excessive", "无正当理由大量反复申请"),
    RequestRow("not_processed.confirmation", "要求行政机关确认或重新出具已获取信息"),
)
_TAIL_ROWS = (
    RequestRow("total", "总计", needs_number=True, outcome=False),
    RequestRow("carried_forward", "结转下年度继续办理", outcome=False),
)
_GROUPS_2019 = (
    ("denied", "不予公开"),
    ("unable", "无法提供"),
    ("not_processed", "不予处理"),
    ("outcomes", "本年度办理结果"),
)

TEMPLATES: Final[dict[TemplateId, Template]] = {
    "2019": Template(
        id="2019",
        proactive=_PROACTIVE_2019,
        requests=(*_HEAD_ROWS, RequestRow("other_handling", "其他处理"), *_TAIL_ROWS),
        groups=_GROUPS_2019,
        markers=("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减"),
    ),
    "2021": Template(
        id="2021",
        proactive=_PROACTIVE_2021,
        requests=(
            *_HEAD_ROWS,
            RequestRow(
                "other_handling.no_correction",
                "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            ),
            RequestRow(
                "other_handling.no_fee",
                "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            ),
            RequestRow("other_handling.other", "其他", needs_number=True),
            *_TAIL_ROWS,
        ),
        groups=(*_GROUPS_2019, ("other_handling", "其他处理")),
        markers=("本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额",
                 "逾期不补正", "逾期未按收费通知"),
    ),
}

# -- review and litigation -------------------------------------------------------------

APPEAL_GROUPS: Final = (
    ("review", "行政复议"),
    ("suit_direct", "未经复议直接起诉"),
    ("suit_after_review", "复议后起诉"),
)
APPEAL_COLUMNS: Final = (
    Column("upheld", "结果维持"),
    Column("corrected", "结果纠正"),
    Column("other", "其他结果"),
    Column("pending", "尚未审结"),
    Column("total", "总计"),
)

# -- how the template prints its tables (read by the renderer) ---------------------------

#: The title after the organ and year: 示例县人民政府办公室2020年 + this.
TITLE_WORDING: Final = "政府信息公开工作年度报告"
#: The heading of each 第二十条 clause table; ``{}`` is the clause's numeral.
CLAUSE_HEADING: Final = "第二十条第({})项"
#: The clause tables' first header cell, above the item labels.
ITEM_HEADING: Final = "信息内容"
#: Above all seven columns of the matrix.
APPLICANTS_HEADING: Final = "申请人情况"
#: Above the matrix's columns between 自然人 and 总计 (商业企业 … 其他).
ORGANISATIONS_HEADING: Final = "法人或其他组织"
#: Above the two litigation groups of the appeals table.
LITIGATION_HEADING: Final = "行政诉讼"
#: The numbering the template prints before a matrix row or outcome group: 一、 for the rows
#: outside the outcome block, (一) for the rows and groups inside it. Rows inside a group are
#: numbered 1., 2., … in template order.
REQUEST_NUMBERS: Final[dict[str, str]] = {
    "new_received": "一、",
    "carried_over": "二、",
    "outcomes": "三、",
    "granted": "(一)",
    "partially_granted": "(二)",
    "denied": "(三)",
    "unable": "(四)",
    "not_processed": "(五)",
    "other_handling": "(六)",
    "total": "(七)",
    "carried_forward": "四、",
}

# -- words that stand in table headers ---------------------------------------------------

#: Header cells of all three tables, whole or as the fragments real copies wrap them into.
#: A short cell made only of these is a header, never a row label.
HEADER_WORDS: Final = (
    "信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量",
    "本年增/减", "处理决定数量", "本年处理决定数量", "采购项目数量", "采购总金额",
    "本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额", "单位", "万元", "元",
    "保留4位小数", "申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构",
    "社会公益组织", "社会组织", "法律服务机构", "其他", "总计", "本年度办理结果",
    "行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉", "结果维持", "结果纠正",
    "其他结果", "尚未审结", "结果", "维持", "纠正", "尚未", "审结", "本年新", "制作数量",
    "公开数量", "商业", "企业", "科研", "机构", "社会公益", "组织", "法律服务",
)

#: Text that marks a cell as empty (in its normalised form).
EMPTY_MARKS: Final = frozenset({"-", "--", "---", "/", "\\", "无", "—", "——", "―", "─", "x", "X", "×"})
#: The mark a copy prints for a blank cell where an empty one would be lost: first on a line
#: that has no label before it, or between cells run together with spaces.
BLANK_MARK: Final = "—"

#: Units that may stand after a number in a cell or in a column header.
UNITS: Final = ("万元", "元", "件", "条", "项", "个")

#: Chinese numerals as they number sections and clauses.
NUMERALS: Final = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

#: Lines of web-page furniture that follow (or precede) a report on government sites.
FURNITURE: Final = (
    "附件下载", "扫一扫在手机上查看当前页面", "相关解读", "文字解读", "图片解读", "视频解读",
    "访谈解读", "媒体报道", "打印本页", "关闭窗口", "【打印】", "【关闭】", "分享到", "字号",
)

#: The note that closes a report after its date: the document is published (此件主动公开).
PUBLIC_NOTICES: Final = ("此件主动公开", "此件公开发布")

#: Where a crawler's copy of a page goes on past the report into the page's own content; in
#: label-key form (no spaces, half-width colon). A line after the report's last section is
#: where the report ends if it is one of :data:`PAGE_LINK_HEADINGS` alone, or starts with one
#: of :data:`PAGE_LINE_STARTS`, or with a footer field and its colon
#: (:data:`PAGE_FOOTER_FIELDS`), or holds a site's registration (:data:`SITE_REGISTRATIONS`,
#: followed by its number: 网站标识码:3501000001, 闽ICP备05001234号, 公网安备35010202000123号).
PAGE_LINK_HEADINGS: Final = ("相关链接", "相关文章", "相关阅读", "相关新闻", "相关稿件", "相关推荐")
PAGE_LINE_STARTS: Final = (
    "上一篇", "下一篇", "上一条", "下一条", "打印本页", "关闭窗口", "【打印", "【关闭",
    "版权所有", "联系我们", "网站地图", "网站声明", "Copyright",
)
PAGE_FOOTER_FIELDS: Final = ("主办单位", "承办单位", "主办", "承办", "维护单位", "技术支持")
SITE_REGISTRATIONS: Final = ("网站标识码", "ICP备", "公网安备")

#: The first reporting year on the 2019 template. Reports on earlier years follow the 2008
#: Regulations' template (一、概述, 四、政府信息公开的收费及减免情况…), which has none of
#: the 第二十条 tables or the applicant matrix.
FIRST_TEMPLATE_YEAR: Final = 2019

#: Page-number lines a copy of a printed page keeps between rows (第 3 页, — 3 —, 第3页 共5页).
PAGE_NUMBER: Final = r"^(?:第\s*\d+\s*页(?:\s*[,/]?\s*共\s*\d+\s*页)?|[-—–―]+\s*\d+\s*[-—–―]+)$"

#: The names a metadata table or a crawler gives the title's field (名称 | …, 标题 …).
TITLE_FIELDS: Final = ("名称", "标题", "题名", "文件名称", "信息名称")

#: Metadata fields of the block some sites print above the title: label -> meta key.
META_FIELDS: Final = {
    "索引号": "index_number",
    "文号": "document_number",
    "备注/文号": "document_number",
    "发文字号": "document_number",
    "发布机构": "publisher",
    "发文机关": "publisher",
    "公文生成日期": "published",
    "发布日期": "published",
    "发布时间": "published",
    "发文日期": "published",
    "成文日期": "published",
    "生成日期": "published",
}


# -- across the template change ------------------------------------------------------------

@attrs.frozen
class Crossing:
    """A cell that means the same on both templates: its ``key`` in panels and comparisons,
    and the cells of each template whose sum it is (one cell, most often)."""

    key: str
    old: tuple[str, ...]
    new: tuple[str, ...]
    #: ``same``: the same cell, worded alike; ``renamed``: the same count, worded anew;
    #: ``sum``: the 2021 template splits the 2019 cell into rows that sum to it.
    kind: Literal["same", "renamed", "sum"]
    note: str = ""


#: The 2019 cells the 2021 template words anew, and the 2021 cells that sum to one of 2019's;
#: every other cell of both templates keeps its key, or is on one template only (see
#: :data:`NOT_CROSSED`).
_RENAMED: Final = {
    f"proactive.{item}.made": (f"proactive.{item}.issued",
                               "2019 本年新制作数量 and 2021 本年制发件数 both count the year's new documents")
    for item in ("rules", "normative_documents")
}
_SPLIT: Final = "other_handling"
#: Why a cell of one template has no counterpart on the other.
_UNCROSSED_WHY: Final = {
    "published": "2019 本年新公开数量 has no 2021 counterpart",
    "total_published": "2019 对外公开总数量 (all published) is not 2021 现行有效件数 (in force)",
    "repealed": "2021 本年废止件数 has no 2019 counterpart",
    "in_force": "2021 现行有效件数 (in force) is not 2019 对外公开总数量 (all published)",
    "previous_items": "2019 上一年项目数量 has no 2021 counterpart",
    "change": "2019 本年增/减 has no 2021 counterpart",
    "other_services": "2019 其他对外管理服务事项 is not on the 2021 template",
    "procurement": "2019 政府集中采购 is not on the 2021 template",
    "fees.amount": "2021 本年收费金额 (money collected) has no 2019 counterpart (2019 counts fee items)",
}


@attrs.frozen
class Uncrossed:
    """A cell of one template with no counterpart on the other, and why."""

    key: str
    template: TemplateId
    why: str


@functools.cache
def _crosswalk() -> tuple[tuple[Crossing, ...], tuple[Uncrossed, ...]]:
    old, new = TEMPLATES["2019"].cell_keys, TEMPLATES["2021"].cell_keys
    labels = {t: {f"proactive.{i.key}.{c.key}": c.label for i in TEMPLATES[t].proactive for c in i.columns}
              for t in TEMPLATES}
    crossings = []
    for key in old:
        if key in new:
            reworded = labels["2019"].get(key) != labels["2021"].get(key)
            note = f"2019 {labels['2019'][key]}, 2021 {labels['2021'][key]}" if reworded else ""
            crossings.append(Crossing(key, (key,), (key,), "renamed" if reworded else "same", note))
        elif key in _RENAMED:
            renamed, note = _RENAMED[key]
            crossings.append(Crossing(renamed, (key,), (renamed,), "renamed", note))
        elif key.startswith(f"requests.{_SPLIT}."):
            column = key.rpartition(".")[2]
            parts = tuple(k for k in new if k.startswith(f"requests.{_SPLIT}.") and k.endswith(f".{column}"))
            crossings.append(Crossing(key, (key,), parts, "sum",
                                      "2021 splits (六)其他处理 into three rows; their sum is 2019's row"))
    crossed = {k for c in crossings for k in (*c.old, *c.new)}
    sides: tuple[tuple[TemplateId, tuple[str, ...]], ...] = (("2019", old), ("2021", new))
    uncrossed = tuple(Uncrossed(key, tid, _why_uncrossed(key))
                      for tid, keys in sides for key in keys if key not in crossed)
    return tuple(crossings), uncrossed


def _why_uncrossed(key: str) -> str:
    _, item, column = key.split(".")
    return _UNCROSSED_WHY.get(f"{item}.{column}") or _UNCROSSED_WHY.get(item) or _UNCROSSED_WHY[column]


#: The cells that mean the same on both templates, in 2019 template order: what reports of
#: both templates are compared and laid side by side by (:mod:`gkreport.compare`, panels).
#: Every cell of both templates is in one :class:`Crossing` or in :data:`NOT_CROSSED`.
CROSSWALK: Final = _crosswalk()[0]
#: The cells of each template that have no counterpart on the other, each with why.
NOT_CROSSED: Final = _crosswalk()[1]
