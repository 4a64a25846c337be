"""Writing generated trees safely: only changed bytes, staged, then swapped in.

A run first writes every new or changed file into a staging folder beside the
target; only when all were written does it move them into place (each move is
atomic), then remove the pages of sources that are gone. An interrupted or
failed run therefore leaves every previous page whole, and an unchanged page
keeps its timestamp, so Sphinx's incremental build stays incremental.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SyncReport:
    written: tuple[str, ...]
    unchanged: tuple[str, ...]
    removed: tuple[str, ...]

    def summary(self) -> str:
        return (
            f"{len(self.written)} written, {len(self.unchanged)} unchanged, "
            f"{len(self.removed)} removed"
        )


def _safe_relative(name: str) -> Path:
    path = Path(name)
    if path.is_absolute() or ".." in path.parts:
        raise ValueError(f"refusing to write outside the output folder: {name!r}")
    return path


def sync_tree(
    target: Path, files: Mapping[str, bytes], managed: tuple[str, ...] = ("",)
) -> SyncReport:
    """Make ``target`` hold ``files`` (relative path → bytes).

    Files under the ``managed`` sub-folders that are not in ``files`` are
    removed; anything else already in ``target`` is left alone.
    """
    target.mkdir(parents=True, exist_ok=True)
    for leftover in target.glob(".staging-*"):
        # A run that was killed while staging left this; its files never counted.
        shutil.rmtree(leftover, ignore_errors=True)
    changed: list[str] = []
    unchanged: list[str] = []
    for name, data in sorted(files.items()):
        destination = target / _safe_relative(name)
        try:
            if destination.is_file() and destination.read_bytes() == data:
                unchanged.append(name)
                continue
        except OSError:
            pass
        changed.append(name)
    if changed:
        staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=target))
        try:
            for name in changed:
                staged = staging / name
                staged.parent.mkdir(parents=True, exist_ok=True)
                staged.write_bytes(files[name])
            for name in changed:
                destination = target / name
                destination.parent.mkdir(parents=True, exist_ok=True)
                os.replace(staging / name, destination)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    removed: list[str] = []
    wanted = set(files)
    for folder in managed:
        root = target / folder
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if not path.is_file() or any(p.startswith(".staging-") for p in path.parts):
                continue
            name = path.relative_to(target).as_posix()
            if name not in wanted:
                path.unlink()
                removed.append(name)
    return SyncReport(tuple(changed), tuple(unchanged), tuple(removed))
