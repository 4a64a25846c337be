"""The Sphinx extension, through real builds of the tiny projects in tests/roots/."""

from __future__ import annotations

import os
import re
import shutil
import string
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from quotebook.model import Block, BlockKind, Person
from quotebook.sphinxext.directives import LineShape, parse_blocks, split_list
from quotebook.sphinxext.domain import domain_of
from quotebook.sphinxext.nodes import LineKind
from quotebook.writers.myst import quote_directive

ROOTS = Path(__file__).resolve().parent / "roots"
MakeApp = Callable[..., SphinxTestApp]

GREAT_CONSPIRACY = "sources/sayers-kahn-1946-great-conspiracy"
OTHER_WORK = "sources/other-1990-work"
MARKUP = "sources/markup-2000-lines"
QUOTE_PAGES = (GREAT_CONSPIRACY, OTHER_WORK, MARKUP, "review")

#: The body of q-0000c0ffee in tests/roots/test-quotes/sources/markup-2000-lines.md.
MARKUP_LINES = [
    string.punctuation,
    "3. Not a numbered list item",
    "- not a bullet",
    "* not a bullet either",
    "# not a heading",
    "> not a block quote",
    "|a|b|",
    ":key: value",
    "```",
    ":::",
    "{role}`x`",
    "$x$ and $$y$$",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "&amp; &lt; &#64; &nbsp;",
    "-- and --- and ...",
    "\"straight\" 'quotes' and `ticks`",
    "non\u00a0breaking\u00a0spaces",
    "tab\tseparated\twords",
    "*emphasis* _under_ **strong** __dunder__",
    "[a link](http://example.com) <http://example.com> http://example.com/a_b_c",
    "\\backslash\\ \\*escaped\\* \\\\ double",
    "{{ jinja }} {% raw %} ${var} %(name)s",
    "---",
    ".. note:: an rST directive",
    "`single` ``double`` and :role:`x`",
    "Cyrillic Сталин, Polish Łódź, emoji 🔗, combining e\u0301",
    "  two leading spaces and trailing ones  ",
    '<b>SPEAKER</b>: said *this* -- "loudly"',
    "Footnote: `code` and $math$",
    "[note *with* _markup_] then the words",
]
MARKUP_CITATION = 'A. Tester, "Markup": [every] \\ line — {all} #1 (Wrocław: Zakład, 2000), p. 1.'
GREAT_CONSPIRACY_LINES = [
    'From the moment Hitler took power in Germany, "the opposition" -- Trotsky\'s men -- waited...',
    "[Editorial note on its own line]",
    "MOLOTOV: Aren't you exaggerating, Comrade Postyshev?",
    "Footnote: but in the Bulletin of the Opposition, No. 36.",
    "[At the Feb. March 1937 Plenum Stalin stated]: Comrades! From the reports ...",
]
GREAT_CONSPIRACY_CITATION = (
    "Michael Sayers and Albert E. Kahn, The Great Conspiracy (Boston: Little, Brown and "
    "Company, 1946), p. 185."
)


def copy_root(name: str, destination: Path) -> Path:
    shutil.copytree(ROOTS / f"test-{name}", destination)
    return destination


def soup_of(app: SphinxTestApp, docname: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / f"{docname}.html").read_text("utf-8"), "html.parser")


def quote_element(soup: BeautifulSoup, quote_id: str) -> Tag:
    found = soup.find(id=quote_id)
    assert isinstance(found, Tag), f"no element with id {quote_id}"
    return found


def line_texts(quote: Tag) -> list[str]:
    return [line.get_text() for line in quote.select(".quote-text .quote-line")]


@pytest.fixture(scope="module")
def html_app(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    """One HTML build of test-quotes, shared by the tests that only read its output."""
    srcdir = copy_root("quotes", tmp_path_factory.mktemp("html") / "src")
    app = SphinxTestApp("html", srcdir=srcdir, status=StringIO(), warning=StringIO())
    app.build()
    # Sphinx registers nodes globally: release them before other tests make apps.
    app.cleanup()
    return app


# -- pure helpers ---------------------------------------------------------------


def test_parse_blocks_reads_one_token_per_line() -> None:
    lines = ["a", "[b]", "X: y", "Footnote: z"]
    assert parse_blocks("p n s:2 f:9", lines) == [
        LineShape(LineKind.PARAGRAPH),
        LineShape(LineKind.NOTE),
        LineShape(LineKind.SPEAKER, 2),
        LineShape(LineKind.FOOTNOTE, 9),
    ]


@pytest.mark.parametrize(
    "tokens",
    ["p", "p n s f f", "p n x f", "p n s:99 f", "p n s: f", ""],
)
def test_parse_blocks_rejects_what_does_not_fit(tokens: str) -> None:
    assert parse_blocks(tokens, ["a", "[b]", "X: y", "Footnote: z"]) is None


def test_split_list() -> None:
    assert split_list("a|A, B ;; b|C ;;  ;; d") == ["a|A, B", "b|C", "d"]
    assert split_list("") == []


# -- HTML -------------------------------------------------------------------------


def test_html_build_has_no_warnings(html_app: SphinxTestApp) -> None:
    assert html_app.warning.getvalue() == ""


def test_html_quote_is_one_element_with_the_exact_id(html_app: SphinxTestApp) -> None:
    quote = quote_element(soup_of(html_app, GREAT_CONSPIRACY), "q-3fa9c2d1e0")
    assert quote.name == "figure"
    assert quote["class"] == ["quote"]
    assert len(quote.select(".quote-text")) == 1
    assert len(quote.select(".quote-citation")) == 1


def test_html_lines_in_order_with_kinds_and_labels(html_app: SphinxTestApp) -> None:
    quote = quote_element(soup_of(html_app, GREAT_CONSPIRACY), "q-3fa9c2d1e0")
    lines = quote.select(".quote-text .quote-line")
    assert [line.get_text() for line in lines] == GREAT_CONSPIRACY_LINES
    assert [line["class"] for line in lines] == [
        ["quote-line", "quote-paragraph"],
        ["quote-line", "quote-note"],
        ["quote-line", "quote-speaker"],
        ["quote-line", "quote-footnote"],
        ["quote-line", "quote-paragraph"],
    ]
    labels = [(label.get_text(), label["class"]) for label in quote.select(".quote-label")]
    assert labels == [
        ("MOLOTOV:", ["quote-label", "quote-speaker-name"]),
        ("Footnote:", ["quote-label", "quote-footnote-marker"]),
        ("[At the Feb. March 1937 Plenum Stalin stated]", ["quote-label", "quote-inline-note"]),
    ]


def test_html_citation_permalink_and_copy_button(html_app: SphinxTestApp) -> None:
    quote = quote_element(soup_of(html_app, GREAT_CONSPIRACY), "q-3fa9c2d1e0")
    citation = quote.select_one(".quote-citation")
    assert citation is not None
    text = citation.select_one(".quote-citation-text")
    assert text is not None and text.get_text() == GREAT_CONSPIRACY_CITATION
    locator = citation.select_one(".quote-locator")
    assert locator is not None and locator.get_text() == "p. 185"
    permalink = citation.select_one("a.quote-permalink")
    assert permalink is not None and permalink["href"] == "#q-3fa9c2d1e0"
    assert permalink.get("aria-label")
    button = citation.select_one("button.quote-copy")
    assert button is not None
    assert button["type"] == "button"
    assert button["data-quote-id"] == "q-3fa9c2d1e0"
    assert button["data-citation"] == GREAT_CONSPIRACY_CITATION
    assert button.get_text() == "Copy"


def test_html_markup_looking_lines_stay_text(html_app: SphinxTestApp) -> None:
    soup = soup_of(html_app, MARKUP)
    quote = quote_element(soup, "q-0000c0ffee")
    assert line_texts(quote) == MARKUP_LINES
    # Nothing in the quote became an element, apart from the quote's own markup.
    assert {tag.name for tag in quote.select(".quote-text *")} == {"p", "span"}
    for part in quote.select(".quote-text, .quote-citation-text"):
        assert part.find(["script", "img", "b", "em", "strong", "code", "a", "h1", "li"]) is None
    assert quote.select_one(".quote-speaker-name").get_text() == "<b>SPEAKER</b>:"  # type: ignore[union-attr]
    citation = quote.select_one(".quote-citation-text")
    assert citation is not None and citation.get_text() == MARKUP_CITATION


def test_html_has_no_script_or_event_handler_of_ours(html_app: SphinxTestApp) -> None:
    for docname in QUOTE_PAGES:
        soup = soup_of(html_app, docname)
        for script in soup.find_all("script"):
            # Sphinx's own scripts are files; the only inline one it may write
            # is its documentation options, which never holds page text.
            assert script.get("src") or "alert" not in script.get_text(), docname
        for tag in soup.find_all(True):
            assert not [name for name in tag.attrs if name.startswith("on")], tag
        raw = (html_app.outdir / f"{docname}.html").read_text("utf-8")
        assert "<script>alert" not in raw
        assert "<img src=x" not in raw


def test_html_no_smart_quotes_even_with_smartquotes_on(html_app: SphinxTestApp) -> None:
    assert html_app.config.smartquotes is True
    for docname in QUOTE_PAGES:
        for quote in soup_of(html_app, docname).select(".quote"):
            text = quote.get_text()
            assert not set("“”‘’–…") & set(text.replace("10–12", "").replace("3–4", ""))


def test_html_uncertain_quote_has_notice_and_review_link(html_app: SphinxTestApp) -> None:
    quote = quote_element(soup_of(html_app, OTHER_WORK), "q-0badc0ffee")
    assert quote["class"] == ["quote", "quote-uncertain"]
    notice = quote.select_one(".quote-notice")
    assert notice is not None
    assert notice.get_text(" ", strip=True).startswith(
        'Attribution uncertain: The text says it comes from "Pravda", not from this work.'
    )
    link = notice.find("a")
    assert isinstance(link, Tag) and link["href"] == "../review.html"
    # The notice comes before the words, the citation after them.
    children = [child for child in quote.children if isinstance(child, Tag)]
    assert [child["class"][0] for child in children] == [
        "quote-notice",
        "quote-text",
        "quote-citation",
    ]


def test_html_unattributed_lines(html_app: SphinxTestApp) -> None:
    quote = quote_element(soup_of(html_app, "review"), "u-1234567890")
    assert quote["class"] == ["quote", "quote-unattributed"]
    assert quote.select_one(".quote-notice") is None
    assert line_texts(quote) == ["Words nobody cited."]
    assert quote.select_one(".quote-locator") is None


def test_roles_resolve_across_documents(html_app: SphinxTestApp) -> None:
    links = {
        a.get_text(): a["href"] for a in soup_of(html_app, "index").select("a.reference.internal")
    }
    assert links["The Great Conspiracy: The Secret War Against Soviet Russia"] == (
        f"{GREAT_CONSPIRACY}.html#sayers-kahn-1946-great-conspiracy"
    )
    assert links["Sayers and Kahn, The Great Conspiracy, p. 185"] == (
        f"{GREAT_CONSPIRACY}.html#q-3fa9c2d1e0"
    )
    assert links["the other work"] == f"{OTHER_WORK}.html#other-1990-work"
    # Every anchor a role points at exists in the target page.
    other = soup_of(html_app, OTHER_WORK)
    assert other.find(id="other-1990-work") is not None
    back = {a.get_text(): a["href"] for a in other.select("a.reference.internal")}
    assert back["Sayers and Kahn, The Great Conspiracy, p. 185"] == (
        "sayers-kahn-1946-great-conspiracy.html#q-3fa9c2d1e0"
    )


def test_option_values_round_trip(html_app: SphinxTestApp) -> None:
    domain = domain_of(html_app.env)
    assert domain.sources["other-1990-work"].title == 'Réponse: "Trotsky\'s [sic] \\ path" — {x} #1'
    assert domain.sources["markup-2000-lines"].title == 'Markup: [every] \\ "line" — {all} #1'
    assert domain.quotes["q-0badc0ffee"].label == (
        'Réponse: "Trotsky\'s [sic] \\ path" — {x} #1, pp. 10–12'
    )
    button = quote_element(soup_of(html_app, MARKUP), "q-0000c0ffee").select_one(".quote-copy")
    assert button is not None and button["data-citation"] == MARKUP_CITATION


def test_domain_objects(html_app: SphinxTestApp) -> None:
    objects = {
        name: (kind, docname, anchor)
        for name, _, kind, docname, anchor, _ in (domain_of(html_app.env).get_objects())
    }
    assert objects["q-3fa9c2d1e0"] == ("quote", GREAT_CONSPIRACY, "q-3fa9c2d1e0")
    assert objects["markup-2000-lines"] == ("source", MARKUP, "markup-2000-lines")
    assert objects["u-1234567890"] == ("quote", "review", "u-1234567890")


def test_index_entries_for_works_and_people(html_app: SphinxTestApp) -> None:
    entries = {
        a.get_text(): a["href"]
        for a in soup_of(html_app, "genindex").select("table.genindextable a")
    }
    assert entries["Trotsky, Leon"] == f"{GREAT_CONSPIRACY}.html#q-3fa9c2d1e0"
    assert entries["Kamenev, Lev"] == f"{GREAT_CONSPIRACY}.html#q-3fa9c2d1e0"
    assert entries["Nobody, Really"] == f"{MARKUP}.html#q-0000c0ffee"
    assert entries["Sayers, Michael"] == (
        f"{GREAT_CONSPIRACY}.html#sayers-kahn-1946-great-conspiracy"
    )
    # The explicit index list replaces the bare title: works of one title stay apart.
    assert entries["The Great Conspiracy (Sayers and Kahn, 1946)"] == (
        f"{GREAT_CONSPIRACY}.html#sayers-kahn-1946-great-conspiracy"
    )
    assert "The Great Conspiracy: The Secret War Against Soviet Russia" not in entries


def test_static_files_are_linked_and_copied(html_app: SphinxTestApp) -> None:
    soup = soup_of(html_app, GREAT_CONSPIRACY)
    assert any("quotebook.css" in link.get("href", "") for link in soup.find_all("link"))
    assert any("quotebook.js" in script.get("src", "") for script in soup.find_all("script"))
    script = (html_app.outdir / "_static" / "quotebook.js").read_text("utf-8")
    for needle in ("addEventListener", "navigator.clipboard.writeText", "execCommand", "Copied"):
        assert needle in script
    css = (html_app.outdir / "_static" / "quotebook.css").read_text("utf-8")
    assert "overflow-wrap: anywhere" in css
    assert "var(--color-foreground-secondary" in css


# -- LaTeX and text -------------------------------------------------------------


@pytest.mark.sphinx("latex", testroot="quotes", freshenv=True)
def test_latex_escapes_quotes_and_labels_them(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    tex = (app.outdir / "quotes.tex").read_text("utf-8")
    assert r"\label{\detokenize{sources/sayers-kahn-1946-great-conspiracy:q-3fa9c2d1e0}}" in tex
    assert r"\label{\detokenize{sources/other-1990-work:other-1990-work}}" in tex
    assert r"\hyperref[\detokenize{sources/sayers-kahn-1946-great-conspiracy:q-3fa9c2d1e0}]" in tex
    assert r"\hyperref[\detokenize{review::doc}]" in tex
    assert tex.count(r"\begin{quotation}") == 4
    assert r"\textbf{MOLOTOV:}" in tex
    assert r"{\itshape\sphinxAtStartPar" in tex
    assert r"\textemdash{} Michael Sayers" in tex
    assert r"\sphinxstylestrong{Attribution uncertain:}" in tex
    markup = tex[
        tex.index("q-0000c0ffee") : tex.index(r"\end{quotation}", tex.index("q-0000c0ffee"))
    ]
    for escaped in (
        r"\textless{}script\textgreater{}",
        r"\$x\$ and \$\$y\$\$",
        r"\{role\}\textasciigrave{}x\textasciigrave{}",
        r"\#",
        r"\&amp;",
        r"\textbackslash{}backslash",
        r"\_under\_",
        r"\sphinxhyphen{}\sphinxhyphen{}",
        r"\textasciitilde{}",
        r"\textasciicircum{}",
        r"\%",
    ):
        assert escaped in markup, escaped
    # No special character reaches LaTeX unescaped (``%`` may only end a line).
    body = markup[markup.index(r"\sphinxAtStartPar") :]
    assert not re.search(r"(?<!\\)[$&#_^~]|(?<!\\)%(?!\n)|(?<!\\)\{role", body)


@pytest.mark.sphinx("text", testroot="quotes", freshenv=True)
def test_text_builder_lines_then_citation(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    text = (app.outdir / f"{GREAT_CONSPIRACY}.txt").read_text("utf-8")
    for line in GREAT_CONSPIRACY_LINES:
        assert f"   {line}\n" in text
    assert f"   — {GREAT_CONSPIRACY_CITATION}\n" in text
    markup = (app.outdir / f"{MARKUP}.txt").read_text("utf-8")
    for line in MARKUP_LINES:
        assert line.rstrip() in markup


@pytest.mark.parametrize("builder", ["man", "texinfo", "singlehtml", "epub"])
def test_other_builders_do_not_crash(builder: str, make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app(builder, srcdir=copy_root("quotes", tmp_path / "src"))
    app.build()
    assert "Words nobody cited." in "".join(
        path.read_text("utf-8", errors="replace")
        for path in app.outdir.rglob("*")
        if path.is_file() and path.suffix in {".1", ".texi", ".html", ".xhtml"}
    )


# -- parallel and incremental builds ------------------------------------------------


def quote_pages(app: SphinxTestApp) -> dict[str, str]:
    return {
        docname: (app.outdir / f"{docname}.html").read_text("utf-8")
        for docname in (*QUOTE_PAGES, "index", "genindex")
    }


def test_parallel_build_equals_serial(make_app: MakeApp, tmp_path: Path) -> None:
    serial = make_app("html", srcdir=copy_root("quotes", tmp_path / "serial"))
    serial.build()
    serial.cleanup()  # Sphinx's global node registry: one app at a time
    parallel = make_app("html", srcdir=copy_root("quotes", tmp_path / "parallel"), parallel=2)
    parallel.build()
    assert parallel.parallel == 2
    assert parallel.warning.getvalue() == serial.warning.getvalue() == ""
    assert quote_pages(parallel) == quote_pages(serial)
    assert domain_of(parallel.env).data == domain_of(serial.env).data


def reading_sources(status: str) -> list[str]:
    """The documents a build read, from its status output."""
    return re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", strip_colors(status))


def test_incremental_rebuild_reads_only_the_edited_page(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = copy_root("quotes", tmp_path / "src")
    first = make_app("html", srcdir=srcdir)
    first.build()
    first.cleanup()
    assert sorted(reading_sources(first.status.getvalue())) == sorted(
        ["index", "review", GREAT_CONSPIRACY, OTHER_WORK, MARKUP]
    )
    # A new locator changes the quote's label, which links on other pages show.
    page = srcdir / f"{OTHER_WORK}.md"
    page.write_text(page.read_text("utf-8").replace("pp. 10–12", "pp. 10–13"), "utf-8")
    later = page.stat().st_mtime + 10
    os.utime(page, (later, later))

    second = make_app("html", srcdir=srcdir)
    second.build()
    assert reading_sources(second.status.getvalue()) == [OTHER_WORK]
    # Re-reading replaced the page's entries: no duplicate-id warning, nothing lost.
    assert second.warning.getvalue() == ""
    domain = domain_of(second.env)
    assert set(domain.quotes) == {"q-3fa9c2d1e0", "q-0badc0ffee", "q-0000c0ffee", "u-1234567890"}
    assert domain.quotes["q-0badc0ffee"].label.endswith("pp. 10–13")
    # Pages linking to the quote were rewritten (not re-read) with the new label.
    for docname in (GREAT_CONSPIRACY, "review"):
        links = [a.get_text() for a in soup_of(second, docname).select("a.reference.internal")]
        assert 'Réponse: "Trotsky\'s [sic] \\ path" — {x} #1, pp. 10–13' in links, docname
    assert "pp. 10–13" not in (second.outdir / f"{MARKUP}.html").read_text("utf-8")


# -- warnings -------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="warnings", freshenv=True)
def test_warnings_have_type_subtype_and_location(app: SphinxTestApp) -> None:
    app.build()
    warnings = strip_colors(app.warning.getvalue())
    expected = [
        ("a.md:19", "does not describe the 2 line(s)", "quotebook.bad-blocks"),
        ("a.md:29", "unknown quote status 'maybe'", "quotebook.bad-option"),
        ("a.md:39", "names source 's-nowhere'", "quotebook.unknown-source"),
        ("b.md:3", "duplicate quote id 'q-dup'", "quotebook.duplicate-id"),
        ("b.md:11", "quote id 'Not An Id'", "quotebook.bad-option"),
        ("b.md:19", "blocks option 'x:3'", "quotebook.bad-blocks"),
        ("b.md:29", "the quote has no lines", "quotebook.bad-blocks"),
        (
            "index.md:3",
            "qb:quote reference target not found: q-missing",
            "quotebook.missing-reference",
        ),
        (
            "index.md:3",
            "qb:source reference target not found: s-missing",
            "quotebook.missing-reference",
        ),
    ]
    lines = warnings.strip().splitlines()
    assert len(lines) == len(expected), warnings
    for place, message, kind in expected:
        assert any(
            place in line and message in line and line.endswith(f"[{kind}]") for line in lines
        ), (place, message, warnings)


@pytest.mark.sphinx("html", testroot="warnings", freshenv=True)
def test_bad_blocks_fall_back_to_paragraphs(app: SphinxTestApp) -> None:
    app.build()
    soup = soup_of(app, "a")
    quote = quote_element(soup, "q-bad-blocks")
    assert line_texts(quote) == ["One line.", "Two lines."]
    assert {tuple(line["class"]) for line in quote.select(".quote-line")} == {
        ("quote-line", "quote-paragraph")
    }
    # The first of two quotes with one id keeps it; the page of the second has it once.
    assert quote_element(soup, "q-dup").get_text().count("First.") == 1
    b = soup_of(app, "b")
    assert len(b.find_all(id="q-dup")) == 1
    assert b.find(id="not-an-id") is not None


@pytest.mark.sphinx("html", testroot="warnings", freshenv=True)
def test_empty_review_page_means_no_link(app: SphinxTestApp) -> None:
    app.build()
    notice = quote_element(soup_of(app, "b"), "q-uncertain-no-review").select_one(".quote-notice")
    assert notice is not None
    assert notice.get_text(" ", strip=True) == "Attribution uncertain: Doubtful."
    assert notice.find("a") is None


# -- the MyST writer's own output ---------------------------------------------------


def test_writer_output_round_trips(make_app: MakeApp, tmp_path: Path) -> None:
    """Pages written by quotebook.writers.myst come out exactly as the corpus has them."""
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        'extensions = ["myst_parser", "quotebook.sphinxext"]\nquotebook_review_page = ""\n',
        "utf-8",
    )
    lines = [*MARKUP_LINES, "````", "`````` six backticks ``````"]
    blocks = [Block(BlockKind.PARAGRAPH, text, number) for number, text in enumerate(lines, 1)]
    blocks[0] = Block(BlockKind.SPEAKER, lines[0], 1, label_end=5)
    citation = 'Odd: "quoted" [bracketed] \\ back — ünïcödé, {braces} #hash, p. 3.'
    directive = quote_directive(
        "q-abcdef0123",
        blocks,
        source_id="odd-2001-work",
        locator="p. 3",
        citation=citation,
        status="uncertain",
        reason='Says "elsewhere": [see] \\ it.',
        people=[Person(id="x-y", name="Ÿ, X: [odd]")],
    )
    (srcdir / "index.md").write_text(
        '# Index\n\n```{qb:source}\n---\nid: "odd-2001-work"\ntitle: "Odd"\n---\n```\n\n'
        + directive,
        "utf-8",
    )
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert app.warning.getvalue() == ""
    quote = quote_element(soup_of(app, "index"), "q-abcdef0123")
    assert line_texts(quote) == lines
    notice = quote.select_one(".quote-notice")
    assert notice is not None
    assert notice.get_text().strip() == 'Attribution uncertain: Says "elsewhere": [see] \\ it.'
    button = quote.select_one(".quote-copy")
    assert button is not None and button["data-citation"] == citation


def test_setup_metadata() -> None:
    from quotebook.sphinxext import setup

    class Recorder:
        def __getattr__(self, name: str) -> Callable[..., None]:
            return lambda *args, **kwargs: None

    metadata: dict[str, Any] = setup(Recorder())  # type: ignore[arg-type]
    assert metadata["parallel_read_safe"] is True
    assert metadata["parallel_write_safe"] is True
    assert {"version", "env_version"} <= set(metadata)
