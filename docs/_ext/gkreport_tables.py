"""Sphinx extension: tables generated from gkreport's own data.

* ``_generated/schema.md``: every key of both templates with its Chinese label, from
  :mod:`gkreport.template`;
* ``_generated/diagnostics.md``: every diagnostic code with its severity and meaning, from
  :data:`gkreport.diagnostics.CODES`;
* ``_generated/crosswalk.md``: which cells of the 2019 and 2021 templates mean the same,
  and why the others do not, from :data:`gkreport.template.CROSSWALK`;
* ``_generated/rules.md``: the tokenizer's line rules and label rules in the order they are
  tried, each with what it reads and the codes it may emit, from their docstrings.

Pages pull them in with MyST's ``{include}``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from gkreport import _label_rules as label_rules
from gkreport import _line_rules as line_rules
from gkreport.diagnostics import CODES
from gkreport.template import (
    APPEAL_COLUMNS,
    APPEAL_GROUPS,
    APPLICANT_COLUMNS,
    CROSSWALK,
    META_FIELDS,
    NOT_CROSSED,
    SECTIONS,
    TEMPLATES,
)


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def schema() -> str:
    out = ["### Sections\n", _table(["key", "heading"], [[f"`{s.key}`", f"{s.number}. {s.heading}"]
                                                         for s in SECTIONS])]
    for tid, template in TEMPLATES.items():
        rows = []
        for item in template.proactive:
            columns = ", ".join(f"`{c.key}` {c.label}" + (" (money)" if c.kind == "money" else "")
                                for c in item.columns)
            rows.append([f"`{item.key}`", f"第二十条第({item.clause})项", " / ".join(item.labels), columns])
        out += [f"### `proactive`, template {tid}\n",
                _table(["item key", "clause", "label", "columns"], rows)]
    out += ["### `requests`: applicant columns\n",
            _table(["column key", "label"], [[f"`{c.key}`", c.label] for c in APPLICANT_COLUMNS])]
    for tid, template in TEMPLATES.items():
        groups = dict(template.groups)
        rows = []
        for row in template.requests:
            group = row.key.split(".")[0] if "." in row.key else ""
            rows.append([f"`{row.key}`", f"{groups.get(group, '')} {row.label}".strip(),
                         "yes" if row.outcome else ""])
        out += [f"### `requests`: rows, template {tid}\n",
                _table(["row key", "label", "sums to (七) 总计"], rows)]
    out += ["### `appeals`\n",
            _table(["group key", "label"], [[f"`{k}`", label] for k, label in APPEAL_GROUPS]),
            "\n",
            _table(["column key", "label"], [[f"`{c.key}`", c.label] for c in APPEAL_COLUMNS])]
    meta_labels: dict[str, list[str]] = {}
    for label, key in META_FIELDS.items():
        meta_labels.setdefault(key, []).append(label)
    out += ["### `meta` fields read from a metadata block\n",
            _table(["key", "labels"], [[f"`{k}`", " / ".join(v)] for k, v in meta_labels.items()])]
    return "\n".join(out)


def crosswalk() -> str:
    """The cells whose key or meaning the template change touched; the rest keep their key."""
    same = sum(1 for c in CROSSWALK if c.kind == "same")
    rows = [[f"`{c.key}`", c.kind, "<br>".join(f"`{k}`" for k in c.old), " + ".join(f"`{k}`" for k in c.new),
             c.note] for c in CROSSWALK if c.kind != "same"]
    out = [f"{same} cells are the same on both templates, key and wording (the whole matrix but "
           "(六)其他处理, the appeals table). The others:\n",
           _table(["key", "kind", "2019 cells", "2021 cells", "note"], rows),
           "\nNot compared across the change:\n",
           _table(["template", "cell", "why"], [[u.template, f"`{u.key}`", u.why] for u in NOT_CROSSED])]
    return "\n".join(out)


def diagnostics() -> str:
    rows = [[f"`{c.code}`", c.severity, "yes" if c.repair else "", c.meaning] for c in CODES.values()]
    return _table(["code", "severity", "repair (refused by `strict=True`)", "meaning"], rows)


def _rule_table(rules: Any, where: dict[str, str] | None = None) -> str:
    rows = []
    for number, (name, rule) in enumerate(rules, 1):
        doc = " ".join((rule.__doc__ or "").split())
        codes = sorted(set(re.findall(r"``([a-z]+(?:-[a-z]+)*)``", doc)) & set(CODES))
        doc = re.sub(r":(?:func|class|mod|data):`~?([^`]+)`", r"`\1`", doc).replace("``", "`")
        rows.append([str(number), f"`{name}`", *([where[name]] if where else []), doc,
                     ", ".join(f"`{c}`" for c in codes)])
    return _table(["", "rule", *(["where"] if where else []), "what it reads", "codes"], rows)


def rules() -> str:
    lines = [(r.name, r.apply) for r in line_rules.RULES]
    where = {r.name: r.where for r in line_rules.RULES}
    return "\n".join(["## Line rules (`gkreport._line_rules.RULES`)\n", _rule_table(lines, where),
                      "## Label rules (`gkreport._label_rules.RULES`)\n", _rule_table(label_rules.RULES)])


def _generate(app: Any) -> None:
    out = Path(app.srcdir) / "_generated"
    out.mkdir(exist_ok=True)
    for name, text in (("schema.md", schema()), ("diagnostics.md", diagnostics()), ("rules.md", rules()),
                       ("crosswalk.md", crosswalk())):
        path = out / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


def setup(app: Any) -> dict[str, Any]:
    app.connect("builder-inited", _generate)
    return {"version": "1", "parallel_read_safe": True}
