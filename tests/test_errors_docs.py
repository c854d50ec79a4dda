"""One module of exceptions under one base, a missing extra not undecodable input; the docs
build with only the docs extra, in CI too."""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
from pathlib import Path

import hypothesis.errors
import hypothesis.strategies
import pytest
from lxml import html

import gkreport
from gkreport import errors, strategies
from gkreport.audit import audit_paths
from gkreport.batch import parse_file
from gkreport.cli import main
from gkreport.dataset import to_frame, write_parquet
from gkreport.errors import DecodeError, GkreportError, MissingExtraError, ParseError, UnsupportedFormatError
from test_docs import build_docs

# The magic bytes each optional reader is chosen by, and the module it needs.
READERS = {"pdf": (b"%PDF-1.4\n", "pdfplumber"), "docx": (b"PK\x03\x04" + b"\x00" * 64, "docx")}


def _modules() -> list[str]:
    # __main__ runs the command line when imported.
    return ["gkreport", *(m.name for m in pkgutil.walk_packages(gkreport.__path__, "gkreport.")
                          if m.name != "gkreport.__main__")]


def _exception_classes() -> dict[str, type[BaseException]]:
    found: dict[str, type[BaseException]] = {}
    for name in _modules():
        for obj in vars(importlib.import_module(name)).values():
            if (isinstance(obj, type) and issubclass(obj, BaseException)
                    and obj.__module__.startswith("gkreport") and not obj.__name__.startswith("_")):
                found[f"{obj.__module__}.{obj.__qualname__}"] = obj
    return found


def test_every_exception_of_gkreport_is_in_errors_under_the_base() -> None:
    found = _exception_classes()
    assert len(found) >= 10  # the walk saw the package, not an empty list
    assert {name: cls.__mro__[1:] for name, cls in found.items()
            if cls.__module__ != "gkreport.errors" or not issubclass(cls, GkreportError)} == {}
    listed = {name.rpartition(".")[2] for name in found}
    assert listed == set(errors.__all__)
    assert listed <= set(gkreport.__all__)
    assert all(getattr(gkreport, name) is getattr(errors, name) for name in listed)


def test_the_old_kinds_are_still_what_callers_catch() -> None:
    assert issubclass(ParseError, ValueError)
    assert issubclass(errors.WorkersDiedError, RuntimeError)
    assert issubclass(UnsupportedFormatError, ImportError)
    assert not issubclass(UnsupportedFormatError, DecodeError)
    assert not issubclass(UnsupportedFormatError, ParseError)


def _tree(doc: str) -> dict[str, str | None]:
    """Each class of the tree drawn in ``doc`` (its first literal block) with its parent."""
    parents: dict[str, str | None] = {}
    path: list[str] = []
    block = doc.split("::\n\n", 1)[1].split("\n\n", 1)[0]
    for line in block.splitlines():
        m = re.match(r"^ *([│├└─ ]*)([A-Z]\w+Error)\b", line)
        if m:
            depth = len(m.group(1)) // 4
            path[depth:] = [m.group(2)]
            parents[m.group(2)] = path[depth - 1] if depth else None
    return parents


def test_the_tree_in_the_errors_module_is_the_hierarchy() -> None:
    tree = _tree(errors.__doc__ or "")
    assert set(tree) == set(errors.__all__)
    for name, parent in tree.items():
        bases = [b.__name__ for b in getattr(errors, name).__mro__[1:] if b.__module__ == "gkreport.errors"]
        assert (bases[0] if bases else None) == parent, name


@pytest.mark.parametrize("extra", sorted(READERS))
def test_a_missing_reader_is_an_unsupported_format_naming_its_extra(
        extra: str, monkeypatch: pytest.MonkeyPatch) -> None:
    data, module = READERS[extra]
    monkeypatch.setitem(sys.modules, module, None)  # makes `import module` fail
    with pytest.raises(UnsupportedFormatError, match=rf"pip install 'gkreport\[{extra}\]'") as caught:
        gkreport.parse(data)
    assert caught.value.extra == extra and caught.value.name == module
    assert isinstance(caught.value, GkreportError) and not isinstance(caught.value, DecodeError)


def test_a_batch_reports_a_missing_reader_by_its_type(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(READERS["pdf"][0])
    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    failure = parse_file(path).failure
    assert failure is not None and failure.type == "UnsupportedFormatError"
    assert failure.message == "reading .pdf needs pdfplumber: pip install 'gkreport[pdf]'"


def test_the_command_line_names_the_missing_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(READERS["pdf"][0])
    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    assert main(["parse", str(path), "--format", "text"]) == 1
    assert f"{path}: reading .pdf needs pdfplumber: pip install 'gkreport[pdf]'" in capsys.readouterr().err


def test_an_audit_counts_a_file_whose_reader_is_missing_as_an_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(READERS["pdf"][0])
    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    [audit] = audit_paths([path])
    assert audit.status == "error" and audit.error is not None and "gkreport[pdf]" in audit.error


@pytest.mark.parametrize(("call", "module"), [
    (lambda: to_frame([]), "pandas"),
    (lambda: write_parquet([], "unused.parquet"), "pyarrow"),
])
def test_the_data_extra_missing_is_a_missing_extra_error(call: object, module: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(MissingExtraError, match=r"pip install 'gkreport\[data\]'") as caught:
        call()  # type: ignore[operator]
    assert caught.value.extra == "data" and caught.value.name == module


def test_the_strategies_without_hypothesis_name_the_fuzz_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "hypothesis", None)
    monkeypatch.delitem(sys.modules, "gkreport.strategies")  # put back when the test ends
    with pytest.raises(MissingExtraError, match=r"pip install 'gkreport\[fuzz\]'") as caught:
        importlib.import_module("gkreport.strategies")
    assert caught.value.extra == "fuzz"


# -- the docs build with only the docs extra ------------------------------------------------

# The extras' modules, which `pip install '.[docs]'` does not bring (jinja2, the audit
# extra's, it does: Sphinx itself needs it).
EXTRAS_MODULES = ("PIL", "dask", "docx", "hypothesis", "numpy", "pandas", "pdfplumber", "pyarrow")
DOCUMENTED_STRATEGIES = ("reports", "layouts", "noise", "noisy_text", "pictures", "Noise", "NoisyText",
                         "Picture")


def test_the_docs_build_with_only_the_docs_extra(tmp_path: Path) -> None:
    result = build_docs(tmp_path / "html", without=EXTRAS_MODULES)
    assert result.returncode == 0, result.stderr
    page = html.parse(tmp_path / "html" / "api.html").getroot()
    for name in DOCUMENTED_STRATEGIES:
        [entry] = page.xpath(f'//dt[@id="gkreport.strategies.{name}"]/..')
        text = " ".join(entry.text_content().split())
        first = (getattr(strategies, name).__doc__ or "").split("\n")[0]
        words = max(re.split(r"[`\"'():]", first), key=len).strip()  # a run of words without markup
        assert len(words) >= 10 and words in text, name
        if name.islower():  # a strategy: what it draws, as with hypothesis installed
            assert re.search(r"Return type: SearchStrategy\[\w+(\[.*\])?\]", text), text[-300:]
    tree = " ".join(page.xpath('//section[@id="module-gkreport.errors"]//pre')[0].text_content().split())
    assert tree.startswith("GkreportError ├── ParseError")


def test_the_docs_stand_in_for_hypothesis_names_only_what_hypothesis_has() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "_ext"))
    try:
        stand_in = importlib.import_module("hypothesis_stand_in")
    finally:
        sys.path.pop(0)
    modules = stand_in.modules()
    assert set(modules) == {"hypothesis", "hypothesis.strategies", "hypothesis.errors"}
    for real in (hypothesis.strategies, hypothesis.errors):
        names = {n for n in vars(modules[real.__name__]) if not n.startswith("_")}
        assert names and names <= set(dir(real)), real.__name__


def _commands(script: str) -> list[str]:
    return [line.strip() for line in script.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def test_ci_builds_the_docs_in_a_venv_with_only_the_docs_extra() -> None:
    root = Path(__file__).resolve().parents[1]
    commands = _commands((root / ".ci" / "run").read_text(encoding="utf-8"))
    installs = [c for c in commands if ".venv-docs/bin/python -m pip install" in c]
    assert installs == [".venv-docs/bin/python -m pip install -e '.[docs]'"]
    built = commands.index(next(c for c in commands if c.startswith(".venv-docs/bin/sphinx-build -W")))
    assert commands.index(installs[0]) < built
    # The tests themselves are still run as the README says.
    readme = (root / "README.md").read_text(encoding="utf-8")
    test = ".venv/bin/python -m pytest -q -n auto"
    assert test in commands and readme.count(test) == 1
