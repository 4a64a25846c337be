"""The PDF book: the real corpus and the hard cases built through LaTeX, read back with pdftotext.

Each corpus is built once per session (a build takes tens of seconds). Quoted
words are never hyphenated in the book, and ``pdftotext -raw`` keeps every
hyphen it finds, so a quote is found by comparing whitespace-free strings:
line breaks (and the break points the book puts into very long words) are all
that may differ.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from building import quotebook_build
from quotebook.model import Corpus
from quotebook.reader import read_corpus

ROOT = Path(__file__).resolve().parent.parent
HARD = ROOT / "tests" / "data" / "hard"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not all(shutil.which(tool) for tool in ("latexmk", "xelatex", "xindy", "pdftotext")),
        reason="the PDF needs TeX Live, xindy and poppler-utils (make tex)",
    ),
]

#: A4 in points. The running heads sit above y = 60 and the page numbers of
#: chapter openings below y = 780; cropping them away keeps them from
#: interrupting a quote that runs over a page break.
PAGE_WIDTH, BODY_TOP, BODY_BOTTOM = 595, 60, 780
#: Quotes and titles run to hundreds; a few overfull lines are tolerated,
#: a regression (say, a long word no longer breakable) is not.
MAX_OVERFULL = 2


@dataclass(frozen=True)
class Book:
    corpus: Corpus
    latex: Path
    pdf: Path
    #: The whole PDF as pdftotext reads it, page by page (form feeds between).
    text: str
    #: The body of every page, running heads and folios cropped away.
    body: str

    @property
    def compact(self) -> str:
        return squeeze(self.body)


def squeeze(text: str) -> str:
    return "".join(text.split())


def pdftotext(pdf: Path, *crop: str) -> str:
    result = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", *crop, str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def build_book(corpus_path: Path, builddir: Path) -> Book:
    result = quotebook_build(corpus_path, builddir, "--pdf")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    latex = builddir / "latex"
    pdfs = sorted(latex.glob("*.pdf"))
    assert len(pdfs) == 1, pdfs  # CONTRACT: exactly one PDF in <builddir>/latex/
    crop = [
        "-x",
        "0",
        "-y",
        str(BODY_TOP),
        "-W",
        str(PAGE_WIDTH),
        "-H",
        str(BODY_BOTTOM - BODY_TOP),
    ]
    return Book(
        corpus=read_corpus(corpus_path),
        latex=latex,
        pdf=pdfs[0],
        text=pdftotext(pdfs[0]),
        body=pdftotext(pdfs[0], *crop),
    )


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Book:
    return build_book(ROOT / "corpus", tmp_path_factory.mktemp("book"))


@pytest.fixture(scope="module")
def hard_book(tmp_path_factory: pytest.TempPathFactory) -> Book:
    return build_book(HARD, tmp_path_factory.mktemp("hard-book"))


def missing_quotes(book: Book) -> list[str]:
    compact = book.compact
    texts = [(q.id, q.text) for q in book.corpus.quotes]
    texts += [(u.id, u.text) for u in book.corpus.unattributed]
    return [f"{qid}: {text[:80]!r}" for qid, text in texts if squeeze(text) not in compact]


def missing_titles(book: Book) -> list[str]:
    compact = book.compact
    return [s.title for s in book.corpus.sources if squeeze(s.title) not in compact]


def overfull_boxes(book: Book) -> int:
    log = (book.latex / f"{book.pdf.stem}.log").read_text(encoding="utf-8", errors="replace")
    return len(re.findall(r"^Overfull \\hbox", log, flags=re.MULTILINE))


def contents_pages(book: Book) -> str:
    return "\f".join(book.text.split("\f")[:8])


# -- the real corpus ----------------------------------------------------------


def test_every_quote_of_the_corpus_is_in_the_book(book: Book) -> None:
    assert book.corpus.quotes
    assert missing_quotes(book) == []


def test_every_source_title_is_in_the_book(book: Book) -> None:
    assert missing_titles(book) == []


def test_book_has_contents_bookmarks_and_index(book: Book) -> None:
    assert "Contents" in contents_pages(book)
    assert "How to read this collection" in contents_pages(book)
    # hyperref writes one bookmark per chapter into the .out file.
    bookmarks = (book.latex / f"{book.pdf.stem}.out").read_text(encoding="utf-8")
    assert bookmarks.count("\\BOOKMARK") >= len(book.corpus.sources)
    last_pages = "\f".join(book.text.split("\f")[-8:])
    assert "Index" in last_pages
    # An index entry for a person named in the quotes, with page numbers.
    assert re.search(r"Bukharin, Nikolai, \d+", last_pages)


def test_contents_name_the_authors_of_each_chapter(book: Book) -> None:
    contents = squeeze(contents_pages(book))
    assert squeeze("Getty and Naumov, The Road to Terror") in contents


def test_uncertain_quotes_are_marked(book: Book) -> None:
    uncertain = [q for q in book.corpus.quotes if q.status.value == "uncertain"]
    assert uncertain
    assert book.body.count("Attribution uncertain:") >= len(uncertain)


def test_references_resolve_to_page_numbers(book: Book) -> None:
    # The uncertain notices point to the review chapter by page.
    body = " ".join(book.body.split())
    assert re.search(r"See the attribution review\. \(page \d+\)", body)
    # "Other works by the same authors" link to chapters, by page.
    assert re.search(r"The Prophet Unarmed \(page \d+\)", body)
    assert "??" not in book.text


def test_real_corpus_has_few_overfull_lines(book: Book) -> None:
    assert overfull_boxes(book) <= MAX_OVERFULL


# -- the hard cases -------------------------------------------------------------


def test_every_hard_quote_and_title_is_in_the_book(hard_book: Book) -> None:
    assert missing_quotes(hard_book) == []
    assert missing_titles(hard_book) == []


@pytest.mark.parametrize(
    "words",
    [
        "Zażółć gęślą jaźń. ZAŻÓŁĆ GĘŚLĄ JAŹŃ. Wałęsa, Piłsudski, Gomułka.",
        "Кириллица: Сталин, Троцкий, Бухарин.",
        "Ёлка, щука, ЪЫЬЭЮЯ.",
        "«Товарищи! Жить стало лучше, жить стало веселее.»",
        "café, naïve, Zürich, São Paulo, Dvořák, Łódź.",
        "“Curly quotes”, ‘single ones’",
        # Straight quotes stay straight, -- is no en dash, ... no ellipsis.
        "straight \"double\" and 'single' quotes -- with dashes... and ellipses.",
        "# $ % & ~ _ ^ \\ { } and \\textbf{not bold} and $x^2$ and 100% & more_under_score.",
        "Вопросы ленинизма",
        "ORATOR: A speaker's turn -- with \"straight quotes\" and 'apostrophes'... and `backticks`.",
    ],
)
def test_hard_words_print_exactly(hard_book: Book, words: str) -> None:
    assert words in " ".join(hard_book.body.split())


def test_hard_corpus_has_few_overfull_lines(hard_book: Book) -> None:
    assert overfull_boxes(hard_book) <= MAX_OVERFULL
