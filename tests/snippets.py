"""Small real-looking reports for the tolerance tests, in the tab-separated layout.

``report_2019()`` gives the text of a consistent 2019-template report; tests edit its lines
to show one kind of damage at a time.
"""

from __future__ import annotations

REQUEST_LABELS_2019 = [
    ("一、本年新收政府信息公开申请数量", [5, 1, 0, 0, 0, 0, 6]),
    ("二、上年结转政府信息公开申请数量", [1, 0, 0, 0, 0, 0, 1]),
    ("三、本年度办理结果\t(一)予以公开", [3, 1, 0, 0, 0, 0, 4]),
    ("\t(二)部分公开(区分处理的,只计这一情形,不计其他情形)", [1, 0, 0, 0, 0, 0, 1]),
    ("\t(三)不予公开\t1.属于国家秘密", [0] * 7),
    ("\t\t2.其他法律行政法规禁止公开", [0] * 7),
    ("\t\t3.危及“三安全一稳定”", [0] * 7),
    ("\t\t4.保护第三方合法权益", [0] * 7),
    ("\t\t5.属于三类内部事务信息", [0] * 7),
    ("\t\t6.属于四类过程性信息", [0] * 7),
    ("\t\t7.属于行政执法案卷", [0] * 7),
    ("\t\t8.属于行政查询事项", [0] * 7),
    ("\t(四)无法提供\t1.本机关不掌握相关政府信息", [1, 0, 0, 0, 0, 0, 1]),
    ("\t\t2.没有现成信息需要另行制作", [0] * 7),
    ("\t\t3.补正后申请内容仍不明确", [0] * 7),
    ("\t(五)不予处理\t1.信访举报投诉类申请", [0] * 7),
    ("\t\t2.重复申请", [0] * 7),
    ("\t\t3.要求提供公开出版物", [0] * 7),
    ("\t\t4.无正当理由大量反复申请", [0] * 7),
    ("\t\t5.要求行政机关确认或重新出具已获取信息", [0] * 7),
    ("\t(六)其他处理", [0] * 7),
    ("\t(七)总计", [5, 1, 0, 0, 0, 0, 6]),
    ("四、结转下年度继续办理", [1, 0, 0, 0, 0, 0, 1]),
]


def _row(label: str, values: list[int]) -> str:
    return label + "\t" + "\t".join(str(v) for v in values)


def report_2019(*, requests: list[str] | None = None, appeals: str | None = None,
                proactive: list[str] | None = None) -> str:
    """A consistent 2019-template report of 示例县人民政府办公室 for 2020."""
    if requests is None:
        requests = [_row(label, values) for label, values in REQUEST_LABELS_2019]
    if proactive is None:
        proactive = [
            "第二十条第（一）项\t\t\t",
            "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量",
            "规章\t0\t0\t0",
            "规范性文件\t6\t6\t19",
            "第二十条第（五）项\t\t\t",
            "信息内容\t上一年项目数量\t本年增/减\t处理决定数量",
            "行政许可\t384\t+2\t36756",
            "其他对外管理服务事项\t156\t+56\t0",
            "第二十条第（六）项\t\t\t",
            "信息内容\t上一年项目数量\t本年增/减\t处理决定数量",
            "行政处罚\t1869\t0\t12642",
            "行政强制\t65\t0\t2",
            "第二十条第（八）项\t\t\t",
            "信息内容\t上一年项目数量\t本年增/减\t",
            "行政事业性收费\t43\t-5",
            "第二十条第（九）项\t\t",
            "信息内容\t采购项目数量\t采购总金额",
            "政府集中采购\t8\t24220",
        ]
    if appeals is None:
        appeals = "\t".join(["1", "0", "0", "0", "1"] + ["0"] * 10)
    return "\n".join([
        "示例县人民政府办公室2020年政府信息公开工作年度报告",
        "",
        "一、总体情况",
        "",
        "2020年，本机关主动公开政府信息13条，共受理政府信息公开申请6件。",
        "",
        "二、主动公开政府信息情况",
        "",
        *proactive,
        "",
        "三、收到和处理政府信息公开申请情况",
        "",
        "\t\t申请人情况\t\t\t\t\t\t",
        "\t\t自然人\t法人或其他组织\t\t\t\t\t总计",
        "\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t",
        *requests,
        "",
        "四、政府信息公开行政复议、行政诉讼情况",
        "",
        "行政复议\t\t\t\t\t行政诉讼",
        "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉",
        "\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
        appeals,
        "",
        "五、存在的主要问题及改进情况",
        "",
        "信息公开的形式还需进一步规范。",
        "",
        "六、其他需要报告的事项",
        "",
        "无。",
        "",
        "示例县人民政府办公室",
        "2021年1月15日",
    ])


def report_2021() -> str:
    """The same report on the 2021 template (for 2023): its clause tables and (六) sub-rows."""
    proactive = [
        "第二十条第(一)项", "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
        "规章\t0\t0\t0", "行政规范性文件\t10\t8\t51",
        "第二十条第(五)项", "信息内容\t本年处理决定数量", "行政许可\t0",
        "第二十条第(六)项", "信息内容\t本年处理决定数量", "行政处罚\t0", "行政强制\t0",
        "第二十条第(八)项", "信息内容\t本年收费金额(单位:万元)", "行政事业性收费\t1.25",
    ]
    text = report_2019(proactive=proactive).replace("2020年政府", "2023年政府")
    return replace_line(text, "\t(六)其他处理\t0\t0\t0\t0\t0\t0\t0", "\n".join([
        "\t(六)其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0",
        "\t\t2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0",
        "\t\t3.其他\t0\t0\t0\t0\t0\t0\t0",
    ]))


def replace_line(text: str, old: str, new: str) -> str:
    lines = text.split("\n")
    hits = [i for i, line in enumerate(lines) if line == old]
    assert len(hits) == 1, (old, hits)
    lines[hits[0]] = new
    return "\n".join(lines)
