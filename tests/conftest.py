from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

DATA = Path(__file__).parent / "data"

# ci: the same examples on every run, few enough for a quick suite. fuzz: many new ones each
# run (HYPOTHESIS_PROFILE=fuzz; GKREPORT_FUZZ_EXAMPLES sets how many), failures kept in
# .hypothesis/ and replayed first next time.
settings.register_profile("ci", derandomize=True, database=None, max_examples=40, deadline=None,
                          print_blob=True)
settings.register_profile("fuzz", max_examples=int(os.environ.get("GKREPORT_FUZZ_EXAMPLES", "2000")),
                          deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def data_dir() -> Path:
    return DATA


def pytest_report_header() -> str:
    import gkreport

    build = "compiled" if gkreport.COMPILED else "pure Python"
    return f"gkreport: {build}, from {Path(gkreport.__file__).parent}"


def pytest_sessionstart(session: pytest.Session) -> None:
    # .ci/run runs the suite a second time on the compiled build (GKREPORT_BUILD=compiled and
    # the build first on PYTHONPATH): a path that fell back to the sources would pass unseen.
    want = os.environ.get("GKREPORT_BUILD")
    if want is not None:
        import gkreport

        have = "compiled" if gkreport.COMPILED else "pure"
        if have != want:
            raise pytest.UsageError(f"GKREPORT_BUILD={want}, but the gkreport imported is {have}: "
                                    f"{gkreport.__file__}")
