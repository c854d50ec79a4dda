"""``python -m gkreport parse FILE...``."""

import sys

from .cli import main

sys.exit(main())
