"""Shared pytest setup: Sphinx's testing fixtures, with tiny projects under tests/roots/,
and the real corpus built once per session for the site and browser tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from building import quotebook_build
from quotebook.reader import read_corpus

pytest_plugins = "sphinx.testing.fixtures"

ROOTS = Path(__file__).resolve().parent / "roots"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot="x")`` finds ``test-x/``."""
    return ROOTS


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real corpus built to HTML (``<builddir>/html``), shared by every test that needs it."""
    builddir = tmp_path_factory.mktemp("site")
    result = quotebook_build(REPO / "corpus", builddir, "--html")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr and "ERROR" not in result.stderr, result.stderr
    return builddir / "html"


@pytest.fixture(scope="session")
def corpus():
    """The real corpus, read once."""
    return read_corpus(REPO / "corpus")
