"""What :mod:`gkreport.strategies` takes from hypothesis on import, for a docs build without it.

The docs extra does not bring hypothesis (the fuzz extra does), and autodoc has to import
the module to read its docstrings and signatures; it draws nothing. So the decorator leaves
a function as it is, and ``SearchStrategy`` is a generic class, for an annotation such as
``st.SearchStrategy[Report]`` to read as it does with hypothesis installed (Sphinx's
``autodoc_mock_imports`` prints it ``hypothesis.strategies.SearchStrategy.<class …>``).
``tests/test_errors_docs.py`` checks that every name here is one hypothesis has.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import Any, Generic, TypeVar

_T = TypeVar("_T")
_F = TypeVar("_F", bound=Callable[..., Any])


class SearchStrategy(Generic[_T]):
    """Stands for ``hypothesis.strategies.SearchStrategy`` in annotations."""


class InvalidArgument(Exception):
    """Stands for ``hypothesis.errors.InvalidArgument``."""


def composite(function: _F) -> _F:
    """Stands for ``hypothesis.strategies.composite``: the function, undecorated."""
    return function


def modules() -> dict[str, types.ModuleType]:
    """The modules to put in ``sys.modules`` for ``hypothesis``, by name."""
    strategies = types.ModuleType("hypothesis.strategies")
    errors = types.ModuleType("hypothesis.errors")
    for module, names in ((strategies, {"SearchStrategy": SearchStrategy, "composite": composite,
                                         "DrawFn": Callable[..., Any]}),
                          (errors, {"InvalidArgument": InvalidArgument})):
        for name, value in names.items():
            if isinstance(value, type):
                value.__module__ = module.__name__
            setattr(module, name, value)
    package = types.ModuleType("hypothesis")
    package.__path__ = []
    package.strategies = strategies  # type: ignore[attr-defined]
    package.errors = errors  # type: ignore[attr-defined]
    return {"hypothesis": package, "hypothesis.strategies": strategies, "hypothesis.errors": errors}
