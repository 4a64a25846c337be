"""Rebuilds cost what the change costs: counts of pages re-read and rewritten.

Each test builds a small corpus (the first quotes of the real one), changes it,
builds again and compares timestamps: a document Sphinx re-read has a new
doctree, a page it wrote has a new ``.html``, a page ``convert`` wrote has a
new ``src`` file. No timings are asserted, only which pages were touched.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from quotebook.cli import main

ROOT = Path(__file__).resolve().parent.parent
#: The first 197 lines of the real corpus end on a citation line: about 25 quotes.
FIRST_LINES = 197
EDITED = "When we had all returned to Karlshorst,"
NEW_SOURCE = "\nA newly added quotation.\nNewauthor, Ann. A New Book. London: Press, 2001, p. 1\n"


def stamps(folder: Path, pattern: str) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob(pattern)}


def touched(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {name for name, stamp in after.items() if before.get(name) != stamp}


class Site:
    """A corpus folder and its build folder."""

    def __init__(self, root: Path) -> None:
        self.corpus = root / "corpus"
        self.corpus.mkdir()
        lines = (ROOT / "corpus" / "fifth-column.txt").read_text(encoding="utf-8").split("\n")
        self.text = self.corpus / "corpus.txt"
        self.text.write_text("\n".join(lines[:FIRST_LINES]) + "\n", encoding="utf-8")
        shutil.copy(ROOT / "corpus" / "people.yaml", self.corpus / "people.yaml")
        self.builddir = root / "build"

    def build(self) -> dict[str, set[str]]:
        """Build; return what this build touched: generated pages, doctrees, HTML."""
        folders = {
            "src": (self.builddir / "src", "*.md"),
            "read": (self.builddir / "doctrees", "*.doctree"),
            "html": (self.builddir / "html", "*.html"),
        }
        before = {key: stamps(folder, pattern) for key, (folder, pattern) in folders.items()}
        status = main(
            ["build", "--corpus", str(self.corpus), "--builddir", str(self.builddir), "--html"]
        )
        assert status == 0
        return {
            key: {
                name.removesuffix(".md").removesuffix(".doctree").removesuffix(".html")
                for name in touched(before[key], stamps(folder, pattern))
            }
            for key, (folder, pattern) in folders.items()
        }

    def edit(self, old: str, new: str) -> None:
        text = self.text.read_text(encoding="utf-8")
        assert text.count(old) == 1
        self.text.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = Site(tmp_path_factory.mktemp("incremental"))
    first = site.build()
    assert len(first["read"]) > 20
    return site


def test_noop_rebuild_touches_nothing(site: Site) -> None:
    assert site.build() == {"src": set(), "read": set(), "html": set()}


def test_one_quote_edit_rereads_its_source_page_only(site: Site) -> None:
    site.edit(EDITED, EDITED + " (edited)")
    changes = site.build()
    source_pages = {name for name in changes["read"] if name.startswith("sources/")}
    assert len(source_pages) == 1, changes
    # The quote's new id is listed on the people page (it names someone). The
    # downloads (the JSON holds the quote) are copied outside Sphinx's tracking, so
    # the pages offering them are not re-read. No page that merely links to its
    # source is re-read or rewritten.
    assert changes["src"] <= changes["read"]
    assert changes["read"] <= source_pages | {"people", "review"}
    # Sphinx rewrites (without re-reading) the toctree parents of re-read pages: the
    # book master (it holds the source page) and the home page (it holds people).
    assert changes["html"] - {"genindex", "search", "book", "index"} == changes["read"]


def test_adding_a_source_rereads_only_pages_that_list_sources(site: Site) -> None:
    total = len(stamps(site.builddir / "html", "*.html"))
    site.edit(
        site.text.read_text(encoding="utf-8"), site.text.read_text(encoding="utf-8") + NEW_SOURCE
    )
    changes = site.build()
    assert {"sources/index", "bibliography", "years"} <= changes["read"]
    assert any(name.startswith("sources/newauthor") for name in changes["read"])
    # Its neighbours in the book's order gain a link to it; nothing else does.
    others = {
        name
        for name in changes["read"]
        if name.startswith("sources/")
        and not name.startswith(("sources/newauthor", "sources/letter-", "sources/index"))
    }
    assert len(others) <= 2, others
    assert len(changes["html"]) < total / 2, changes["html"]
