"""Generated files: only changed bytes written, stale pages removed, runs atomic."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quotebook.files import sync_tree
from quotebook.reader import read_corpus
from quotebook.site import site_files

ROOT = Path(__file__).resolve().parent.parent


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and ".staging-" not in p.as_posix()
    }


def test_writes_only_changes_and_prunes(tmp_path):
    first = sync_tree(tmp_path, {"a.md": b"A", "sources/b.md": b"B", "sources/c.md": b"C"})
    assert first.written == ("a.md", "sources/b.md", "sources/c.md")
    stamp = (tmp_path / "a.md").stat().st_mtime_ns
    time.sleep(0.01)
    second = sync_tree(tmp_path, {"a.md": b"A", "sources/b.md": b"B2"})
    assert second.written == ("sources/b.md",)
    assert second.unchanged == ("a.md",)
    assert second.removed == ("sources/c.md",)
    assert (tmp_path / "a.md").stat().st_mtime_ns == stamp


def test_refuses_paths_outside(tmp_path):
    with pytest.raises(ValueError):
        sync_tree(tmp_path / "out", {"../escape.md": b"x"})
    assert not (tmp_path / "escape.md").exists()


def test_generated_pages_are_deterministic():
    corpus = read_corpus(ROOT / "corpus")
    assert site_files(corpus, ROOT / "docs") == site_files(
        read_corpus(ROOT / "corpus"), ROOT / "docs"
    )


def test_killed_convert_leaves_every_page_whole(tmp_path):
    """Kill `convert` at several moments: each page is the old or the new one, whole."""
    out = tmp_path / "src"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = (ROOT / "corpus" / "fifth-column.txt").read_text(encoding="utf-8")
    # (no attributions.yaml: its decisions name blocks that the copies below repeat)
    for name in ("sources.yaml", "people.yaml"):
        (corpus / name).write_bytes((ROOT / "corpus" / name).read_bytes())
    # A large corpus makes the write phase long enough to interrupt.
    (corpus / "a.txt").write_text(text * 8, encoding="utf-8")
    command = [
        sys.executable,
        "-m",
        "quotebook",
        "convert",
        "--corpus",
        str(corpus),
        "--out",
        str(out),
        "--docs",
        str(ROOT / "docs"),
    ]
    assert subprocess.run(command, capture_output=True, check=False).returncode == 0
    old = snapshot(out)
    # The new version changes every source page (a title change reaches every quote's citation).
    (corpus / "a.txt").write_text(text.replace("p. ", "p.  ") * 8, encoding="utf-8")
    new_files = None
    for delay in (0.2, 0.5, 0.9, 1.4):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        if new_files is None:
            finished = subprocess.run(
                [*command[:-2], "--out", str(tmp_path / "reference"), "--docs", str(ROOT / "docs")],
                capture_output=True,
                check=False,
            )
            assert finished.returncode == 0
            new_files = snapshot(tmp_path / "reference")
        current = snapshot(out)
        for name, data in current.items():
            assert data in (old.get(name), new_files.get(name)), name
        for name in old:
            if name in new_files:
                assert name in current, name
    # A later run completes and cleans up what the killed ones left.
    assert subprocess.run(command, capture_output=True, check=False).returncode == 0
    assert snapshot(out) == new_files
    assert not list(out.glob(".staging-*"))
    assert os.listdir(out)
