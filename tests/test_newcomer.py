"""What a newcomer trips over (issue 15): each test failed before its fix."""

from __future__ import annotations

import builtins
import importlib.metadata
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import tomllib

import gkreport
from gkreport.cli import main
from gkreport.dataset import to_frame, write_parquet

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
])
def test_a_missing_extra_names_the_extra_to_install(call: Any, missing: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    real = builtins.__import__

    def without(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.split(".")[0] == missing:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without)
    with pytest.raises(ImportError, match=r"pip install 'gkreport\[data\]'"):
        call()


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
