"""Stage 3, tokenize: normalised lines become the few hundred tokens the grammar reads.

The shape is markdown-it-py's: a small :class:`~gkreport._state.State` (the tokens so far, the section, the
table being read, ``emit`` and ``repair``) and an ordered list of named line rules
(:data:`gkreport._line_rules.RULES`). Each line goes to the rules in order, those that apply
where it stands (above the first section, in a table, in the closing); the first that takes
it wins. Inside a table, the rules hand cells to the
:class:`~gkreport._rows.TableReader`, whose label rules (:mod:`gkreport._label_rules`) join
split labels and resolve them to keys. Every repair is a
:class:`~gkreport.diagnostics.Diagnostic`.

Tokens are lark :class:`~lark.Token` objects whose ``value`` is the payload
(:mod:`gkreport._tokens`): a row draft for rows, the :class:`~gkreport._normalise.Line` for
text, and so on.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Sequence
from typing import get_args

from lark import Token

from ._flatten import MIN_LENGTH, unflatten
from ._headings import heading_of
from ._label_rules import RULES as LABEL_RULES
from ._line_rules import RULES, LineRule, Rule
from ._normalise import Line, compact_normalised, label_key
from ._rows import LabelRule
from ._state import LineView, Shape, State
from .diagnostics import Diagnostic
from .template import TEMPLATES, TemplateId, template_for

__all__ = ["detect_template", "tokenize"]

_MARKER_KEYS = {tid: tuple(label_key(m) for m in t.markers) for tid, t in TEMPLATES.items()}


def detect_template(lines: Iterable[Line], year: int | None) -> tuple[TemplateId, bool]:
    """Tell the template from the wording of its tables; fall back on the year.

    Returns the template and whether it was told from the tables.
    """
    text = compact_normalised("".join([line.text for line in lines]))
    votes = {tid: sum(text.count(m) for m in markers) for tid, markers in _MARKER_KEYS.items()}
    if votes["2019"] != votes["2021"]:
        return ("2019" if votes["2019"] > votes["2021"] else "2021"), True
    return template_for(year), False


Place = tuple[bool, bool, bool, Shape]


@functools.cache
def _rules_by_place(rules: tuple[Rule, ...]) -> dict[Place, tuple[LineRule, ...]]:
    """The rules to try, in order, for a line above the first section or not, in a table or
    not, in the closing or not, of each shape."""
    out = {}
    for front, table, back in itertools.product((False, True), repeat=3):
        here = {"anywhere", *(["front"] if front else []), *(["table"] if table else []),
                *(["back"] if back else [])}
        for shape in get_args(Shape):
            out[front, table, back, shape] = tuple(
                rule.apply for rule in rules if rule.where in here and shape in rule.shapes)
    return out


def tokenize(lines: list[Line], template: TemplateId, *, rules: tuple[Rule, ...] = RULES,
             label_rules: Sequence[tuple[str, LabelRule]] = LABEL_RULES,
             ) -> tuple[list[Token], list[Diagnostic]]:
    """The tokens of a report's lines, and the repairs made to read them.

    ``rules`` and ``label_rules`` are the rule lists to run (the library's own by default);
    the tests pass them wrapped, to see which rule took each line: a compiled build's
    module constants cannot be patched from outside.

    >>> from gkreport._normalise import normalise
    >>> tokens, _ = tokenize(normalise("一、总体情况\\n本年度…。\\n二、主动公开政府信息情况"), "2021")
    >>> [t.type for t in tokens]
    ['OVERVIEW_HEADING', 'PARA', 'PROACTIVE_HEADING']
    """
    state = State(template, label_rules)
    # Only a long line may be a whole report; the test here spares the call for the others.
    lines = [piece for line in lines for piece in (
        unflatten(line, state.repair) if len(line.text) >= MIN_LENGTH else (line,))]
    headings = [heading_of(line.text) if line.text else None for line in lines]
    last_section = max((i for i, h in enumerate(headings) if h), default=-1)
    by_place = _rules_by_place(rules)
    for index, line in enumerate(lines):
        if not line.text:
            continue
        view = LineView(line, headings[index], index > last_section)
        section = state.section
        place = (section is None, state.reader.table is not None,
                 section is not None and view.after_last_section, view.shape)
        for rule in by_place[place]:
            if rule(state, view):
                break
    state.finish()
    return state.tokens, state.diagnostics
