"""A report laid out as a government site lays it out, for the HTML tests.

The page has what real ones have around and inside the report: a navigation bar, a layout
table holding the article, the title and a metadata line above the body, inline styles,
``<p>`` and ``<span>`` inside cells, ``&nbsp;`` for empty cells, the official merged cells
(三、本年度办理结果 spanning every outcome row, 不予公开 spanning its eight), and a footer.
"""

from __future__ import annotations

from html import escape

from gkreport import Report
from gkreport.template import APPEAL_COLUMNS, APPEAL_GROUPS, APPLICANT_COLUMNS, TEMPLATES

_OUTCOME_NUMBERS = "一二三四五六七"
_STYLE = ' style="border:1px solid #000;font-family:宋体;font-size:12pt"'


def _td(text: object, rowspan: int = 1, colspan: int = 1) -> str:
    span = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
    inner = "&nbsp;" if text is None or text == "" else f"<p><span>{escape(str(text))}</span></p>"
    return f"<td{span}{_STYLE}>{inner}</td>"


def _tr(*cells: str) -> str:
    return "<tr>" + "".join(cells) + "</tr>"


def _proactive(report: Report) -> list[str]:
    template = TEMPLATES[report.meta.template or "2019"]
    out = []
    clauses: dict[int, list[str]] = {}
    for item in template.proactive:
        clauses.setdefault(item.clause, []).append(item.key)
    numerals = dict(zip(range(1, 11), "一二三四五六七八九十", strict=True))
    for clause, keys in clauses.items():
        first = template.proactive_item(keys[0])
        assert first is not None
        width = len(first.columns) + 1
        unit = next((report.proactive[k].unit for k in keys if report.proactive[k].unit), None)
        headers = [f"{c.label}（单位：{unit}）" if c.kind == "money" and unit else c.label
                   for c in first.columns]
        rows = [_tr(_td(f"第二十条第（{numerals[clause]}）项", colspan=width)),
                _tr(_td("信息内容"), *(_td(h) for h in headers))]
        for key in keys:
            item = template.proactive_item(key)
            assert item is not None
            values = report.proactive[key]
            rows.append(_tr(_td(item.labels[-1]), *(_td(values[c.key]) for c in item.columns)))
        out.append(f'<table border="1" cellspacing="0" width="100%">{"".join(rows)}</table>')
        out.append("<p>&nbsp;</p>")
    return out


def _matrix(report: Report) -> str:
    template = TEMPLATES[report.meta.template or "2019"]
    rows = [
        _tr(_td("", rowspan=3, colspan=3), _td("申请人情况", colspan=7)),
        _tr(_td("自然人", rowspan=2), _td("法人或其他组织", colspan=5), _td("总计", rowspan=2)),
        _tr(*(_td(c.label) for c in APPLICANT_COLUMNS[1:6])),
    ]
    requests = template.requests

    def values(key: str) -> list[str]:
        return [_td(v) for v in report.requests[key].cells]

    outcome_rows = [r for r in requests if r.key not in ("new_received", "carried_over",
                                                         "carried_forward")]
    groups = dict(template.groups)
    rows.append(_tr(_td("一、本年新收政府信息公开申请数量", colspan=3), *values("new_received")))
    rows.append(_tr(_td("二、上年结转政府信息公开申请数量", colspan=3), *values("carried_over")))
    first_outcome = True
    number = 0
    done_groups: set[str] = set()
    for row in outcome_rows:
        cells = []
        if first_outcome:
            cells.append(_td("三、本年度办理结果", rowspan=len(outcome_rows)))
            first_outcome = False
        group = row.key.split(".")[0] if "." in row.key else None
        if group is None:
            label = f"（{_OUTCOME_NUMBERS[number]}）{row.label}"
            number += 1
            cells.append(_td(label, colspan=2))
        else:
            members = [r for r in outcome_rows if r.key.startswith(group + ".")]
            if group not in done_groups:
                done_groups.add(group)
                cells.append(_td(f"（{_OUTCOME_NUMBERS[number]}）{groups[group]}", rowspan=len(members)))
                number += 1
            cells.append(_td(f"{members.index(row) + 1}.{row.label}"))
        rows.append(_tr(*cells, *values(row.key)))
    rows.append(_tr(_td("四、结转下年度继续办理", colspan=3), *values("carried_forward")))
    return f'<table border="1" cellspacing="0" style="border-collapse:collapse">{"".join(rows)}</table>'


def _appeals(report: Report) -> str:
    labels = [c.label for c in APPEAL_COLUMNS]
    rows = [
        _tr(_td("行政复议", colspan=5), _td("行政诉讼", colspan=10)),
        _tr(*(_td(label, rowspan=2) for label in labels),
            _td(APPEAL_GROUPS[1][1], colspan=5), _td(APPEAL_GROUPS[2][1], colspan=5)),
        _tr(*(_td(label) for label in labels * 2)),
        _tr(*(_td(v) for key, _ in APPEAL_GROUPS for v in report.appeals[key].cells)),
    ]
    return f'<table border="1" cellspacing="0">{"".join(rows)}</table>'


def government_page(report: Report) -> str:
    """``report`` as the HTML page of a government site (both templates)."""
    meta = report.meta
    paragraphs = {s.key: s.paragraphs for s in report.sections}

    def section(key: str, heading: str, *tables: str) -> list[str]:
        out = [f'<p style="text-indent:2em"><strong>{escape(heading)}</strong></p>']
        out += [f'<p style="text-indent:2em">{escape(p)}</p>' for p in paragraphs.get(key, ())]
        return [*out, *tables]

    body = [
        *section("overview", "一、总体情况"),
        *section("proactive", "二、主动公开政府信息情况", *_proactive(report)),
        *section("requests", "三、收到和处理政府信息公开申请情况", _matrix(report)),
        *section("appeals", "四、政府信息公开行政复议、行政诉讼情况", _appeals(report)),
        *section("problems", "五、存在的主要问题及改进情况"),
        *section("other_matters", "六、其他需要报告的事项"),
    ]
    if meta.signature:
        body.append(f'<p style="text-align:right">{escape(meta.signature)}</p>')
    if meta.signature_date:
        d = meta.signature_date
        body.append(f'<p style="text-align:right">{d.year}年{d.month}月{d.day}日</p>')
    return "\n".join([
        "<!DOCTYPE html>",
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">',
        f"<title>{escape(meta.title or '')}_政府信息公开</title>",
        "<script>var _hmt = _hmt || [];</script><style>.nav{float:left}</style></head>",
        "<body>",
        '<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>'
        '<li><a href="/hdjl/">互动交流</a></li></ul></div>',
        '<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 政府信息公开年报</div>',
        '<table width="1000" align="center"><tr><td>',
        '<table class="meta"><tr><td>索引号：</td><td>11350100-2021-00012</td>'
        "<td>发布机构：</td><td>示例县人民政府办公室</td></tr>"
        "<tr><td>公文生成日期：</td><td>2021-01-20</td><td>&nbsp;</td><td>&nbsp;</td></tr></table>",
        f'<h1 style="text-align:center">{escape(meta.title or "")}</h1>',
        '<div class="info">发布时间：2021-01-20 &nbsp; 来源：本网 &nbsp;【字体：大 中 小】</div>',
        '<div id="zoom" class="TRS_Editor">',
        *body,
        "</div>",
        "</td></tr></table>",
        '<div class="footer"><p>主办单位：示例县人民政府办公室 &nbsp; 网站标识码：3500000001</p>'
        "<p>扫一扫在手机上查看当前页面</p></div>",
        "</body></html>",
    ])
