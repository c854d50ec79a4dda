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
