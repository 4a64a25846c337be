"""Running ``quotebook build`` as a user does, for the tests that read its output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def quotebook_build(corpus: Path, builddir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """``python -m quotebook build`` with the repository's docs/ project."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "quotebook",
            "build",
            "--corpus",
            str(corpus),
            "--builddir",
            str(builddir),
            "--docs",
            str(REPO / "docs"),
            *extra,
        ],
        capture_output=True,
        text=True,
        check=False,
        # Corpus paths are shown relative to the working directory: pin it.
        cwd=REPO,
    )
