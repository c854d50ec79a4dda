"""The examples in the library's docstrings run, against whichever build is imported.

The docstrings are read from the sources (``src/gkreport``), not from the imported modules:
a compiled build's modules (docs/compiled.md) keep no docstrings, and its examples must
still hold for it. Each example runs in a copy of its imported module's namespace, as
pytest's own doctest collector would run it, and with the same option (``ELLIPSIS``).
"""

from __future__ import annotations

import ast
import doctest
import importlib
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "gkreport"
_PARSER = doctest.DocTestParser()


def _docstrings(tree: ast.Module) -> Iterator[tuple[str, str, int]]:
    """Each docstring of a module, with the qualified name of what it documents and its line."""
    def walk(node: ast.AST, prefix: str) -> Iterator[tuple[str, str, int]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                name = f"{prefix}.{child.name}"
                doc = ast.get_docstring(child, clean=False)
                if doc is not None:
                    yield name, doc, child.body[0].lineno
                yield from walk(child, name)

    doc = ast.get_docstring(tree, clean=False)
    if doc is not None:
        yield "", doc, 1
    yield from walk(tree, "")


def _examples() -> list[tuple[str, str, str, int]]:
    """(module, qualified name, docstring, line) of every docstring that holds an example."""
    found = []
    for path in sorted(SRC.glob("*.py")):
        module = "gkreport" if path.stem == "__init__" else f"gkreport.{path.stem}"
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        found += [(module, name, doc, line) for name, doc, line in _docstrings(tree)
                  if _PARSER.get_examples(doc)]
    return found


EXAMPLES = _examples()


def test_the_docstrings_hold_examples() -> None:
    assert len(EXAMPLES) >= 50  # a collector that finds none would pass every run
    assert {"gkreport._tokenize", "gkreport._normalise", "gkreport.model"} <= {m for m, *_ in EXAMPLES}


@pytest.mark.parametrize("module, name, doc, line", EXAMPLES, ids=[m + n for m, n, *_ in EXAMPLES])
def test_docstring_examples_run(module: str, name: str, doc: str, line: int) -> None:
    namespace = dict(vars(importlib.import_module(module)))
    path = SRC / ("__init__.py" if module == "gkreport" else f"{module.split('.')[-1]}.py")
    test = _PARSER.get_doctest(doc, namespace, module + name, str(path), line)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    out: list[str] = []
    result = runner.run(test, out=out.append, clear_globs=True)
    assert result.failed == 0, "".join(out)
    assert result.attempted > 0
