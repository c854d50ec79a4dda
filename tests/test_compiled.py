"""The compiled build (mypyc) reads every copy as the pure one does, to the last diagnostic.

Builds the compiled wheel as docs/compiled.md says (``python -m build`` with the mypyc hook
on: the sdist, then the wheel from it, so the tree is left as it was), unpacks it, and parses
every file of ``tests/data`` and ``tests/copies`` in two child processes, one importing the
compiled wheel and one the source: their JSON (:func:`gkreport.to_dict`) must be the same.

The build takes minutes (mypy checks the modules, then the C compiler: about 3 min of CPU on
this project's slow CI cores). It is kept in the temporary folder under a key of what it is
built from (the sources, pyproject.toml, the interpreter, mypy and hatch-mypyc), so a run
whose sources did not change reuses it. Needs a C compiler and Python's headers (``.ci/run``
installs them). With hatch-mypyc installed (the test extra) it builds with this environment's
tools (``--no-isolation``); without, in an isolated environment filled from the package index,
as test_packaging's builds are.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import zipfile
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
SOURCES = [*sorted((TESTS / "data").glob("*.txt")), *sorted((TESTS / "copies").rglob("*.txt"))]

# Each report a file holds, as JSON data; or the error that refused it.
READ = """
import json, pathlib, sys
import gkreport
reports = {}
for name in sys.argv[1:]:
    try:
        reports[name] = [gkreport.to_dict(r) for r in gkreport.parse_all(pathlib.Path(name))]
    except gkreport.GkreportError as error:
        reports[name] = f"{type(error).__name__}: {error}"
print(json.dumps({"compiled": gkreport.COMPILED, "file": gkreport.__file__, "reports": reports}))
"""


def _env(**extra: str) -> dict[str, str]:
    # Nothing from the calling environment may point the child at another gkreport.
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")} | extra


def _key() -> str:
    """What the compiled build is made from: a rebuild when any of it changes."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "src" / "gkreport").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    digest.update((ROOT / "pyproject.toml").read_bytes())
    digest.update(repr((sys.version, platform.machine(), _tools())).encode())
    return digest.hexdigest()[:16]


def _tools() -> tuple[str, ...] | None:
    """The versions of this environment's build tools, or None where it lacks them (one made
    before the test extra had hatch-mypyc): the build is then isolated."""
    try:
        return tuple(metadata.version(name) for name in ("mypy", "hatch-mypyc", "hatchling"))
    except metadata.PackageNotFoundError:
        return None


def compiled_site() -> Path:
    """A folder holding the compiled wheel unpacked (a wheel's files are laid out as they are
    installed): built now, or kept from a run with the same sources."""
    site = Path(tempfile.gettempdir()) / f"gkreport-compiled-{_key()}"
    if (site / "gkreport").is_dir():
        return site
    with tempfile.TemporaryDirectory() as tmp:
        dist, unpacked = Path(tmp) / "dist", Path(tmp) / "site"
        done = subprocess.run(
            [sys.executable, "-m", "build", *(["--no-isolation"] if _tools() else []), "--outdir", str(dist)],
            cwd=ROOT,
            env=_env(HATCH_BUILD_HOOK_ENABLE_MYPYC="1"), capture_output=True, text=True, timeout=1800)
        assert done.returncode == 0, f"the compiled build failed\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
        (wheel,) = dist.glob("gkreport-*.whl")
        with zipfile.ZipFile(wheel) as zf:
            zf.extractall(unpacked)
        try:
            unpacked.rename(site)
        except OSError:  # another session put the same build there first
            assert (site / "gkreport").is_dir()
    return site


def read(path: Path | None) -> dict[str, Any]:
    """What the gkreport found on ``path`` first (None: the installed one) makes of every
    source, in a child process."""
    env = _env() if path is None else _env(PYTHONPATH=str(path))
    done = subprocess.run([sys.executable, "-c", READ, *map(str, SOURCES)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    out: dict[str, Any] = json.loads(done.stdout)
    return out


def same_reading(compiled: dict[str, Any], pure: dict[str, Any]) -> None:
    """The two builds read every source alike, and are the builds they are said to be."""
    assert compiled["compiled"], compiled["file"]
    assert not pure["compiled"] and Path(pure["file"]).is_relative_to(ROOT / "src"), pure["file"]
    assert list(compiled["reports"]) == list(pure["reports"]) == [str(p) for p in SOURCES]
    differ = [name for name, reports in pure["reports"].items() if compiled["reports"][name] != reports]
    assert differ == []
    refused = [name for name, reports in pure["reports"].items() if isinstance(reports, str)]
    assert len(refused) < len(SOURCES) // 2, refused  # the comparison is mostly of reports read


def test_the_compiled_build_reads_every_copy_as_the_pure_one() -> None:
    assert len(SOURCES) >= 20
    site = compiled_site()
    compiled = read(site)
    assert Path(compiled["file"]).is_relative_to(site), compiled["file"]
    same_reading(compiled, read(ROOT / "src"))


if __name__ == "__main__":
    if sys.argv[1:] == ["--installed"]:
        # The wheels' workflow, after installing a compiled wheel: it reads as the sources do.
        same_reading(read(None), read(ROOT / "src"))
        print(f"the installed compiled build reads all {len(SOURCES)} sources as the pure one does")
    else:  # .ci/run: build (or find) the compiled build, and say where it is
        print(compiled_site())
