"""The built wheel works on its own: grammar and py.typed inside, importable outside the repo.

Builds the wheel with ``python -m build`` (straight from the tree, and from the sdist, for
``src/gkreport/grammars/report.lark`` is a link to the repository's top-level ``grammars/``
that both must ship as a file), installs it into a fresh venv and runs both the library and
the ``gkreport`` command from a directory outside the source tree: the grammar the parser
reads must be the installed package's. Slow (tens of seconds): it creates a venv and
pip-installs lark, attrs and cattrs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "data" / "000_cf9562a21e5519b3.txt"

GRAMMAR = ROOT / "grammars" / "report.lark"

CHECK = f"""
import gkreport, pathlib
from importlib import resources
from gkreport._build import DocumentBuilder
from gkreport._grammar import parser
r = gkreport.parse(pathlib.Path({str(SAMPLE)!r}))
print(r.meta.year, r.requests['granted'].total)
print(pathlib.Path(gkreport.__file__).resolve())
print(parser(DocumentBuilder).source_path)
packaged = pathlib.Path(str(resources.files('gkreport').joinpath('grammars', 'report.lark')))
print(packaged.is_file() and not packaged.is_symlink(), packaged.resolve())
print(packaged.read_text(encoding='utf-8') == pathlib.Path({str(GRAMMAR)!r}).read_text(encoding='utf-8'))
"""


def _run(cmd: list[str | Path], cwd: Path, **extra: str) -> str:
    # Nothing from the calling environment may point the child back at the repository.
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")} | extra
    proc = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 0, (
        f"{cmd} exited {proc.returncode}\n--- stdout\n{proc.stdout}\n--- stderr\n{proc.stderr}")
    return proc.stdout


def _wheel(dist: Path, *how: str) -> Path:
    _run([sys.executable, "-m", "build", *how, "--outdir", dist], cwd=ROOT)
    (wheel,) = dist.glob("gkreport-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        assert zf.read("gkreport/grammars/report.lark") == GRAMMAR.read_bytes()
    assert "gkreport/py.typed" in names
    return wheel


def test_wheel_installs_and_parses_outside_the_repo(tmp_path: Path) -> None:
    _wheel(tmp_path / "via-sdist")  # python -m build: the sdist, then the wheel from it
    wheel = _wheel(tmp_path / "dist", "--wheel")

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", venv], cwd=tmp_path)
    python, cli = venv / "bin" / "python", venv / "bin" / "gkreport"
    _run([python, "-m", "pip", "install", "--disable-pip-version-check", "-q", wheel],
         cwd=tmp_path)

    work, empty = tmp_path / "elsewhere", tmp_path / "tmp"
    work.mkdir()
    empty.mkdir()
    # lark's cache (in the temporary folder) empty: the parser that parses is built from the
    # grammar, not loaded from the tables a run before kept (its source_path <deserialized>).
    result, location, source, packaged, same = _run([python, "-c", CHECK], cwd=work,
                                                    TMPDIR=str(empty)).splitlines()
    assert result == "2020 4"
    assert Path(location).is_relative_to(venv.resolve()), location
    assert not Path(location).is_relative_to(ROOT), location
    # The parser read its grammar from the package, which is a file inside the venv.
    assert source == "PackageResource(pkg_name='gkreport', path='grammars/report.lark')"
    is_file, path = packaged.split(" ", 1)
    assert is_file == "True" and Path(path).is_relative_to(venv.resolve()), packaged
    assert same == "True"

    out = json.loads(_run([cli, "parse", SAMPLE, "--format", "json"], cwd=work))
    assert out["meta"]["year"] == 2020
