"""``python -m quotebook`` is the ``quotebook`` command."""

from __future__ import annotations

import sys

from quotebook.cli import main

sys.exit(main())
