"""The built wheel works on its own: grammar and py.typed inside, importable outside the repo.

Builds the wheel with ``python -m build``, installs it into a fresh venv and runs both the
library and the ``gkreport`` command from a directory outside the source tree, so the
grammar must come from the package, not from the repository's top-level ``grammars/``.
Slow (tens of seconds): it creates a venv and pip-installs lark, attrs and cattrs.
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

CHECK = f"""
import gkreport, pathlib
from importlib import resources
r = gkreport.parse(pathlib.Path({str(SAMPLE)!r}))
print(r.meta.year, r.requests['granted'].total)
print(pathlib.Path(gkreport.__file__).resolve())
print(resources.files('gkreport').joinpath('grammars', 'report.lark').is_file())
"""


def _run(cmd: list[str | Path], cwd: Path) -> str:
    # Nothing from the calling environment may point the child back at the repository.
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    proc = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 0, (
        f"{cmd} exited {proc.returncode}\n--- stdout\n{proc.stdout}\n--- stderr\n{proc.stderr}")
    return proc.stdout


def test_wheel_installs_and_parses_outside_the_repo(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    _run([sys.executable, "-m", "build", "--wheel", "--outdir", dist], cwd=ROOT)
    (wheel,) = dist.glob("gkreport-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
    assert "gkreport/grammars/report.lark" in names
    assert "gkreport/py.typed" in names

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", venv], cwd=tmp_path)
    python, cli = venv / "bin" / "python", venv / "bin" / "gkreport"
    _run([python, "-m", "pip", "install", "--disable-pip-version-check", "-q", wheel],
         cwd=tmp_path)

    work = tmp_path / "elsewhere"
    work.mkdir()
    result, location, packaged_grammar = _run([python, "-c", CHECK], cwd=work).splitlines()
    assert result == "2020 4"
    assert Path(location).is_relative_to(venv.resolve()), location
    assert not Path(location).is_relative_to(ROOT), location
    assert packaged_grammar == "True"

    out = json.loads(_run([cli, "parse", SAMPLE, "--format", "json"], cwd=work))
    assert out["meta"]["year"] == 2020
