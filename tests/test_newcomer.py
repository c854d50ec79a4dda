"""What a newcomer trips over (issue 15): each test failed before its fix."""

from __future__ import annotations

import builtins
import importlib
import importlib.metadata
import inspect
import json
import pkgutil
import re
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs
import pytest
import tomllib
from hypothesis import given, settings
from hypothesis import strategies as st

import gkreport
from gkreport.audit_report import render_html
from gkreport.batch import read_outcomes
from gkreport.cli import main
from gkreport.dataset import to_frame, write_parquet
from gkreport.strategies import noisy_text, reports

ROOT = Path(__file__).parent.parent
SEED = ROOT / "tests" / "data" / "000_cf9562a21e5519b3.txt"


def test_a_str_naming_a_file_says_to_pass_a_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    name = "tests/data/000_cf9562a21e5519b3.txt"
    with pytest.raises(gkreport.NotAReportError, match=r"pass pathlib\.Path\('tests/data/000_"):
        gkreport.parse(name)
    assert gkreport.parse(Path(name)).meta.year == 2020
    # A line of text that names no file is still read as text (and refused as no report).
    with pytest.raises(gkreport.NotAReportError, match="not a 政府信息公开工作年度报告"):
        gkreport.parse("tests/data/no-such-file.txt")


def test_jobs_below_zero_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["parse", str(SEED), "--jobs", "-1"])
    assert exit_.value.code == 2
    assert "--jobs: must be 0 (one per core) or more" in capsys.readouterr().err


def test_the_version_is_the_installed_packages() -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert gkreport.__version__ == importlib.metadata.version("gkreport") == declared
    assert declared not in Path(gkreport.__file__).read_text(encoding="utf-8")  # not a second literal


@pytest.mark.parametrize(("call", "missing"), [
    (lambda: to_frame([]), "pandas"),
    (lambda: write_parquet([], "unused.parquet"), "pyarrow"),
    (lambda: render_html([]), "jinja2"),
])
def test_a_missing_extra_names_the_extra_to_install(call: Any, missing: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    real = builtins.__import__

    def without(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.split(".")[0] == missing:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without)
    with pytest.raises(gkreport.MissingExtraError, match=r"pip install 'gkreport\[(data|audit)\]'") as raised:
        call()
    assert raised.value.name == missing and isinstance(raised.value, ImportError)


def test_the_readmes_measuring_commands_name_files_of_the_repository() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    measuring = readme[readme.index("## Measuring"):]
    scripts = re.findall(r"python (\S+\.py)", measuring)
    assert scripts and all((ROOT / script).is_file() for script in scripts), scripts


def test_the_accuracy_script_scores_the_seeds() -> None:
    script = ROOT / "benchmarks" / "accuracy.py"
    done = subprocess.run([sys.executable, str(script), str(ROOT / "tests" / "data")],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].endswith(
        "numbers exact 951/951 (100.0%), wrong 0, missing 0, invented 0, failed 0")


def test_check_html_to_a_folder_that_is_not_there_fails_at_once(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "no-such-folder" / "page.html"
    assert main(["check", str(SEED), "--html", str(page)]) == 2
    out, err = capsys.readouterr()
    assert out == ""  # nothing checked before the destination was: no traceback after it
    assert err.strip() == f"gkreport: --html {page}: no folder {page.parent}"


def test_check_html_without_jinja2_names_the_extra(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    real = builtins.__import__

    def without(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "jinja2":
            raise ModuleNotFoundError("No module named 'jinja2'", name=name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without)
    assert main(["check", str(SEED), "--html", str(tmp_path / "page.html")]) == 2
    assert "pip install 'gkreport[audit]'" in capsys.readouterr().err


# -- the tables are read-only Mappings --------------------------------------------------------


def test_every_table_and_row_is_a_read_only_mapping() -> None:
    report = gkreport.parse(SEED)
    tables: list[Mapping[str, Any]] = [report.proactive, report.requests, report.appeals]
    rows: list[Mapping[str, Any]] = [report.proactive["rules"], report.requests["granted"],
                                     report.appeals["review"]]
    for mapping in [*tables, *rows]:
        assert isinstance(mapping, Mapping)
        assert not hasattr(mapping, "__setitem__")
        assert list(mapping) == list(mapping.keys()) and len(dict(mapping)) == len(mapping)
        with pytest.raises(KeyError):
            mapping["no-such-key"]
    assert list(report.appeals) == ["review", "suit_direct", "suit_after_review"]
    assert dict(report.appeals["review"]) == {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0}
    assert dict(report.requests["granted"])["total"] == report.requests["granted"].total == 4
    assert list(report.proactive["fees"]) == ["previous_items", "change"]
    with pytest.raises(KeyError):
        report.appeals["line"]  # an attribute, not a group
    with pytest.raises(KeyError):
        report.requests["granted"]["line"]


def test_a_report_built_from_plain_dicts_holds_the_same_tables() -> None:
    report = gkreport.parse(SEED)
    again = attrs.evolve(report, proactive=dict(report.proactive), requests=dict(report.requests))
    assert again == report and isinstance(again.proactive, gkreport.ClauseTables)


# -- a report remembers where it came from ---------------------------------------------------


def test_a_report_remembers_its_source(tmp_path: Path) -> None:
    assert gkreport.parse(SEED).source == str(SEED)
    assert gkreport.parse(SEED.read_text(encoding="utf-8")).source is None
    assert gkreport.parse(SEED.read_bytes()).source is None
    assert gkreport.to_dict(gkreport.parse(SEED))["source"] == str(SEED)
    frame = to_frame([gkreport.parse(SEED)])
    assert set(frame["source"]) == {str(SEED)}


# -- to_dict and back -------------------------------------------------------------------------

COPIES = sorted((ROOT / "tests" / "data").glob("*.txt")) + sorted((ROOT / "tests" / "copies").glob("*/*.txt"))


@pytest.mark.parametrize("path", COPIES, ids=lambda p: p.stem)
def test_every_copy_reads_back_from_its_json(path: Path) -> None:
    report = gkreport.parse(path)
    again = gkreport.from_dict(json.loads(json.dumps(gkreport.to_dict(report))))
    assert again == report
    assert list(again.cells()) == list(report.cells())
    # Where each section and row was read: not compared by ==, kept all the same (a row the
    # JSON leaves out, every cell lost, comes back at line 0).
    written = gkreport.to_dict(report)
    assert _lines(again, written) == _lines(report, written)


def _lines(report: gkreport.Report, written: dict[str, Any]) -> list[tuple[str, int]]:
    tables: list[Mapping[str, Any]] = [report.proactive, report.requests, report.appeals]
    return [*((s.key, s.line) for s in report.sections),
            *((key, table[key].line) for table, name in zip(tables, ("proactive", "requests", "appeals"),
                                                              strict=True) for key in written[name])]


@settings(deadline=None)
@given(st.data())
def test_a_parsed_report_reads_back_from_its_json(data: st.DataObject) -> None:
    original = data.draw(reports(), label="report")
    noisy = data.draw(noisy_text(original), label="copy")
    report = gkreport.parse(noisy.text)
    again = gkreport.from_dict(json.loads(json.dumps(gkreport.to_dict(report))))
    assert again == report
    assert [(c.value, c.status) for c in again.cells()] == [(c.value, c.status) for c in report.cells()]


@given(reports(consistent=False))
def test_a_report_built_by_hand_writes_the_same_json_again(report: gkreport.Report) -> None:
    data = gkreport.to_dict(report)
    assert gkreport.to_dict(gkreport.from_dict(data)) == data


def test_a_summary_of_diagnostics_reads_back_without_them() -> None:
    report = gkreport.parse(SEED)
    again = gkreport.from_dict(gkreport.to_dict(report, diagnostics="summary"))
    assert again.diagnostics == () and again.statuses == report.statuses and again.requests == report.requests


@pytest.mark.parametrize(("data", "where"), [
    ({"meta": {"year": "2020"}}, r"\$\.meta\.year"),
    ({"meta": {"template": "2030"}}, r"\$\.meta\.template"),
    ({"meta": {}, "requests": {"granted": {"total": 1.5}}},
     r"1\.5 at \$\.requests\.granted\.total is not a count"),
    ({"meta": {"template": "2021"}, "proactive": {"fees": {"amount": "x"}}}, r"\$\.proactive\.fees\.amount"),
    ({"meta": {}, "appeals": {"review": [1]}}, r"\$\.appeals\.review is not an object"),
    ({"meta": {}, "diagnostics": [{"code": "no-such-code", "message": "x"}]}, r"\$\.diagnostics\[0\]"),
    ({"meta": {}, "status": {"requests": "great"}, "requests": {"granted": {"total": None}}}, "no cell status"),
    ([1], "a list, not an object"),
])
def test_data_that_is_no_report_says_where(data: Any, where: str) -> None:
    with pytest.raises(gkreport.RecordError, match=where):
        gkreport.from_dict(data)


def test_a_batch_reads_back_as_typed_outcomes(tmp_path: Path) -> None:
    out = tmp_path / "results.jsonl"
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01 binary")
    sources = [str(p) for p in sorted((ROOT / "tests" / "data").glob("*.txt"))] + [str(tmp_path / "bad.txt")]
    assert main(["parse", *sources, "--out", str(out)]) == 1  # one file failed
    outcomes = list(read_outcomes(out))
    assert [o.source for o in outcomes] == sources
    assert [o.report for o in outcomes[:-1]] == [gkreport.parse(Path(s)) for s in sources[:-1]]
    assert outcomes[-1].report is None and outcomes[-1].failure is not None
    out.write_text(out.read_text(encoding="utf-8") + '{"source": "x.txt", "meta": {"year": "1"}}\n',
                   encoding="utf-8")
    with pytest.raises(gkreport.RecordError, match=rf"results\.jsonl:{len(sources) + 1}: not a report's data"):
        list(read_outcomes(out))


# -- what is public --------------------------------------------------------------------------

PUBLIC_MODULES = {"audit", "audit_report", "batch", "bodies", "cli", "compare", "compare_report", "convert",
                  "dataset", "diagnostics", "errors", "extract", "model", "ocr", "picture", "render",
                  "strategies", "summary", "template"}


def test_only_the_public_modules_go_without_an_underscore() -> None:
    found = {m.name for m in pkgutil.iter_modules(gkreport.__path__)}
    assert {m for m in found if not m.startswith("_")} == PUBLIC_MODULES
    for name in PUBLIC_MODULES:
        module = importlib.import_module(f"gkreport.{name}")
        assert module.__doc__ and all(hasattr(module, n) for n in module.__all__), name
    for gone in ("gkreport.build", "gkreport.unglue"):  # the parser's own: not public by accident
        with pytest.raises(ModuleNotFoundError):
            importlib.import_module(gone)


def test_the_package_names_its_public_api_the_audit_included() -> None:
    assert {"audit", "audit_paths", "audit_corpus", "Audit", "read_outcomes", "to_dict", "from_dict",
            "GkreportError"} <= set(gkreport.__all__)
    for name in gkreport.__all__:
        value = getattr(gkreport, name)
        origin = value.__module__ if inspect.isclass(value) or inspect.isfunction(value) else "gkreport"
        # Each is documented where it is defined, and defined in a public module (or the package).
        assert origin.split(".")[-1] in PUBLIC_MODULES | {"gkreport", "_api"}, (name, origin)
    api = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    assert [n for n in gkreport.__all__ if not re.search(rf"\b{n}\b", api)] == []  # each on the API page
