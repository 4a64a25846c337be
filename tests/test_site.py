"""The real corpus built into the HTML site: every quote verbatim, every link there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from building import quotebook_build

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


# The ``site`` and ``corpus`` fixtures are in conftest.py, shared with test_browser.py.


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def lines_of(element) -> list[str]:
    return [line.get_text() for line in element.select(".quote-line")]


def test_every_quote_verbatim_on_its_source_page(site, corpus):
    pages: dict[str, BeautifulSoup] = {}
    for quote in corpus.quotes:
        page = pages.setdefault(quote.source_id, soup(site / "sources" / f"{quote.source_id}.html"))
        elements = page.find_all(id=quote.id)
        assert len(elements) == 1, quote.id
        element = elements[0]
        assert "quote" in element["class"]
        text = element.select_one(".quote-text")
        assert lines_of(text) == [block.text for block in quote.blocks], quote.id
        citation = element.select_one(".quote-citation")
        assert quote.locator.label() in citation.get_text()
        if quote.status.value == "uncertain":
            assert "quote-uncertain" in element["class"]
    assert len(pages) == len(corpus.sources)


def test_unattributed_lines_are_on_the_review_page(site, corpus):
    page = soup(site / "review.html")
    for item in corpus.unattributed:
        element = page.find(id=item.id)
        assert element is not None
        assert lines_of(element.select_one(".quote-text")) == [b.text for b in item.blocks]


def test_authors_linked_and_indexed(site, corpus):
    for source in corpus.sources:
        page = soup(site / "sources" / f"{source.id}.html")
        links = {a["href"] for a in page.select("a[href]")}
        for name in (*source.authors, *source.editors, *source.translators):
            author = next(a for a in corpus.authors if a.name == name)
            assert f"../authors/{author.id}.html" in links, (source.id, name)
    for author in corpus.authors:
        assert (site / "authors" / f"{author.id}.html").is_file()
    index = (site / "genindex.html").read_text(encoding="utf-8")
    assert "Getty, J. Arch" in index and "Ordzhonikidze" in index
    assert "The Great Conspiracy" in index


def test_people_page_links_every_naming_quote(site, corpus):
    page = soup(site / "people.html")
    hrefs = [a["href"] for a in page.select("a[href]")]
    for quote in corpus.quotes:
        if quote.people:
            assert any(href.endswith(f"#{quote.id}") for href in hrefs), quote.id


def test_no_smart_quotes_or_markup_in_quoted_words(site, corpus):
    page = soup(site / "sources" / "getty-naumov-1999-road-to-terror.html")
    text = page.get_text()
    assert "3. My most serious neglect" in text
    assert not page.select(".quote-text ol, .quote-text em, .quote-text strong, .quote-text code")
    html = (site / "sources" / "sayers-kahn-1946-great-conspiracy.html").read_text(encoding="utf-8")
    assert (
        "“A pity,” said" not in html
        and '"A pity," said' in BeautifulSoup(html, "html.parser").get_text()
    )


def test_downloads_and_search(site):
    for name in ("quotebook.bib", "quotebook.csl.json", "quotebook.json"):
        assert (site / "downloads" / name).stat().st_size > 1000
        assert f'href="downloads/{name}"' in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "searchindex.js").is_file()
    home = soup(site / "index.html")
    assert re.search(r"74\s+sources", home.get_text())


def test_parallel_build_equals_serial(tmp_path, site):
    result = quotebook_build(ROOT / "corpus", tmp_path / "parallel", "--html", "-j", "2")
    assert result.returncode == 0, result.stderr
    for page in ("sources/sayers-kahn-1946-great-conspiracy.html", "people.html", "review.html"):
        serial = soup(site / page).select_one("article")
        parallel = soup(tmp_path / "parallel" / "html" / page).select_one("article")
        assert str(serial) == str(parallel), page
