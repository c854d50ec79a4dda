"""Sphinx configuration for gkreport's documentation.

The schema tables and the diagnostics catalogue are generated from the library's own data
(``gkreport.template`` and ``gkreport.diagnostics.CODES``) at every build, so the docs
cannot drift from the code.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))

# A build needs only the docs extra. gkreport.strategies imports hypothesis (the fuzz extra)
# to be read by autodoc; without it, a stand-in of the few names it takes on import.
try:
    import hypothesis  # noqa: F401
except ImportError:
    import hypothesis_stand_in

    sys.modules.update(hypothesis_stand_in.modules())

project = "gkreport"
author = "the gkreport developers"
copyright = "2026, the gkreport developers"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.viewcode",
    "gkreport_tables",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build", "_generated"]
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3
html_theme = "furo"
html_title = "gkreport"
#: Files the pages show as they are (the summary's chart in datasets.md).
html_static_path = ["_static"]
autodoc_typehints = "description"
autodoc_member_order = "bysource"
autodoc_default_options = {"members": True}
nitpicky = False
