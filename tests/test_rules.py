"""One fixture per tokenizer rule: a real-looking snippet in, the tokens and codes out.

The fixtures live in ``fixtures/line_rules.txt`` and ``fixtures/label_rules.txt`` (markdown-it-py's
fixture shape): a title ``rule_name: what the snippet shows``, then the snippet, the tokens
and the diagnostics, each block closed by a line holding ``.``. A token is written
``TYPE payload``; a diagnostic ``! code line:column``. Each fixture must make the rule it
is named for take a line (or a cell), so a rule cannot lose its fixture unseen.

``python tests/test_rules.py --update`` rewrites the expected blocks from the code (then
read the diff).
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from lark import Token

import gkreport._label_rules
import gkreport._line_rules
from gkreport._normalise import Line, normalise
from gkreport._tokenize import detect_template, tokenize
from gkreport._tokens import Clause, Header, Heading, MetaField, RowDraft
from gkreport.diagnostics import CODES, Diagnostic

FIXTURES = Path(__file__).parent / "fixtures"
# The sources both builds come from: a compiled build's functions carry no docstrings.
SRC = Path(__file__).resolve().parents[1] / "src" / "gkreport"


def docstrings(module: str) -> dict[str, str]:
    """The docstring of each top-level function of ``module``, read from its source."""
    tree = ast.parse((SRC / f"{module}.py").read_text(encoding="utf-8"))
    return {node.name: ast.get_docstring(node) or "" for node in tree.body if isinstance(node, ast.FunctionDef)}


DOCS = docstrings("_line_rules") | docstrings("_label_rules")


class Fixture:
    def __init__(self, file: Path, title: str, text: str, expected: list[str]) -> None:
        self.file, self.title, self.text, self.expected = file, title, text, expected
        self.rule = title.split(":")[0]


def fixtures(file: Path) -> list[Fixture]:
    out = []
    lines = file.read_text(encoding="utf-8").split("\n")
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        title = lines[i]
        assert lines[i + 1] == ".", f"{file.name}: {title}: a line '.' after the title"
        end = lines.index(".", i + 2)
        close = lines.index(".", end + 1)
        out.append(Fixture(file, title, "\n".join(lines[i + 2:end]), lines[end + 1:close]))
        i = close + 1
    return out


ALL = [f for name in ("line_rules.txt", "label_rules.txt") for f in fixtures(FIXTURES / name)]


def describe(token: Token) -> str:
    value: Any = token.value
    if isinstance(value, RowDraft):
        cells = " ".join(c.text or "_" for c in value.cells)
        key = value.key or (f"-({value.label})" if value.label else "-")
        return f"{token.type} {key} {cells}".rstrip()
    if isinstance(value, Header):
        return f"{token.type} " + " | ".join(c.text for c in value.cells)
    if isinstance(value, Heading):
        return f"{token.type} {value.key}" + (f" + {value.rest}" if value.rest else "")
    if isinstance(value, Clause):
        return f"{token.type} {value.number}"
    if isinstance(value, MetaField):
        return f"{token.type} {value.key}={value.value}"
    assert isinstance(value, Line)
    return f"{token.type} {value.text.strip()}"


def show(diagnostic: Diagnostic) -> str:
    return f"! {diagnostic.code} {diagnostic.line}:{diagnostic.column}"


def run(fixture: Fixture) -> tuple[list[str], set[str]]:
    """The fixture's tokens and diagnostics as written, and the rules that took something."""
    fired: set[str] = set()

    def traced(name: str, rule: Callable[..., bool]) -> Callable[..., bool]:
        def wrapper(*args: Any) -> bool:
            took = rule(*args)
            if took:
                fired.add(name)
            return took
        return wrapper

    lines = normalise(fixture.text)
    template, _ = detect_template(lines, None)
    tokens, diagnostics = tokenize(
        lines, template,
        rules=tuple(r._replace(apply=traced(r.name, r.apply)) for r in gkreport._line_rules.RULES),
        label_rules=tuple((name, traced(name, rule)) for name, rule in gkreport._label_rules.RULES))
    return [describe(t) for t in tokens] + [show(d) for d in diagnostics], fired


@pytest.mark.parametrize("fixture", ALL, ids=[f.rule for f in ALL])
def test_each_rule_reads_its_fixture(fixture: Fixture) -> None:
    got, fired = run(fixture)
    assert got == fixture.expected
    assert fixture.rule in fired, f"{fixture.rule} took nothing in its own fixture"


LINE_RULES = [(r.name, r.apply) for r in gkreport._line_rules.RULES]


@pytest.mark.parametrize("rules, file", [(LINE_RULES, "line_rules.txt"),
                                         (gkreport._label_rules.RULES, "label_rules.txt")])
def test_every_rule_has_a_fixture(rules: Sequence[tuple[str, Any]], file: str) -> None:
    named = [f.rule for f in fixtures(FIXTURES / file)]
    assert named == [name for name, _ in rules]  # one each, in the rules' order
    for name, rule in rules:
        assert rule.__name__ == name and DOCS.get(name), name


def _emitted() -> set[str]:
    """The catalogued codes the library's code names as a string, outside the catalogue."""
    source = "".join(p.read_text(encoding="utf-8") for p in SRC.glob("*.py") if p.name != "diagnostics.py")
    return {code for code in CODES if f'"{code}"' in source}


def test_every_code_has_an_emitter_and_a_test() -> None:
    emitted = _emitted()
    tests = "".join(p.read_text(encoding="utf-8") for p in Path(__file__).parent.glob("test_*.py"))
    fixtures_text = "".join(p.read_text(encoding="utf-8") for p in FIXTURES.glob("*.txt"))
    assert set(CODES) - emitted == set(), "catalogued, but nothing emits them"
    assert {c for c in CODES if c not in tests and f"! {c} " not in fixtures_text} == set()


def test_the_codes_a_rule_names_are_codes() -> None:
    for name, _ in (*LINE_RULES, *gkreport._label_rules.RULES):
        for code in re.findall(r"``([a-z]+(?:-[a-z]+)+)``", DOCS[name]):
            assert code in CODES, (name, code)


def _update() -> None:
    for name in ("line_rules.txt", "label_rules.txt"):
        out = []
        for fixture in fixtures(FIXTURES / name):
            got, _ = run(fixture)
            out += [fixture.title, ".", fixture.text, ".", *got, ".", ""]
        (FIXTURES / name).write_text("\n".join(out), encoding="utf-8")


if __name__ == "__main__" and "--update" in sys.argv:
    _update()
