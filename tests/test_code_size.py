"""The library's code stays in pieces a reader can hold: no class over 250 lines, no function
over 80 (a long one is a state machine or a list of cases that wants to be named rules)."""

from __future__ import annotations

import ast
from pathlib import Path

import gkreport

SRC = Path(gkreport.__file__).parent
LIMITS = {ast.ClassDef: 250, ast.FunctionDef: 80, ast.AsyncFunctionDef: 80}


def too_long(source: str) -> list[tuple[str, int]]:
    """(name, lines) of each class or function of ``source`` over its limit."""
    found = []
    for node in ast.walk(ast.parse(source)):
        limit = LIMITS.get(type(node))
        if limit is not None:
            assert isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > limit:
                found.append((node.name, length))
    return found


def test_no_class_or_function_of_the_library_is_too_long() -> None:
    found = {path.name: too_long(path.read_text(encoding="utf-8")) for path in SRC.glob("*.py")}
    assert {name: long for name, long in found.items() if long} == {}


def test_the_measure_finds_a_long_function() -> None:
    body = "\n".join(f"    x{i} = {i}" for i in range(80))
    assert too_long(f"def f():\n{body}\n") == [("f", 81)]
    assert too_long(f"def f():\n{body[:-12]}\n") == []
