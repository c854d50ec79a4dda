"""Tasks for batch workers that the tests run: a module that parses nothing when imported,
so what a worker holds is the pool's doing, not the import of a test module's."""

from __future__ import annotations


def parsers_built(source: str) -> int:
    """How many parsers the worker had built before this file."""
    from gkreport import _grammar

    return _grammar.parser.cache_info().currsize
