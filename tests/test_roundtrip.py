"""Arbitrary Unicode through the reader, the MyST writer and Sphinx comes back word for word.

Hypothesis generates the examples (each a list of up to 50 corpus lines and a title); the
reader and the writer run inside the property, where hypothesis can shrink a failure. The
examples are then written into pages, 50 to a page, and built with Sphinx once: one build of
thousands of examples costs seconds, one build per example would cost hours. A failure in the
build phase names the example and its lines (no shrinking there).

What "exactly the words" means:

- a quote line reads back as the corpus line with its indentation and trailing spaces
  removed (the reader's one change, CONTRACT.md); blank lines carry no meaning;
- a title (any text that is not a quote: titles, names, notes) reads back with leading and
  trailing whitespace removed (Unicode whitespace, NBSP included: markdown-it strips
  headings so); everything between is kept;
- characters no output can carry (C0 and C1 controls, U+2028/2029, U+FFFE/FFFF; see
  ``quotebook.curation.UNPUBLISHABLE``) are not generated here: the reader rejects them with
  a file:line:column error, which ``test_unpublishable_characters_are_errors`` checks.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

from quotebook.citations import parse_citation
from quotebook.curation import UNPUBLISHABLE
from quotebook.model import Level
from quotebook.reader import split_blocks
from quotebook.writers.myst import escape, quote_directive

EXAMPLES = int(os.environ.get("QUOTEBOOK_ROUNDTRIP_EXAMPLES", 2000))
PER_PAGE = 50
CITATION = "Tokaev, Grigori. Comrade X. London: Harvill Press,1956, p. 47"

#: Markup of every language the text passes near, and the characters that shape text.
FRAGMENTS = [
    "```",
    "````",
    "~~~",
    ":::",
    "```{raw} html",
    "{raw}`<b>x</b>`",
    ".. raw:: html",
    "{{sub}}",
    "$$x$$",
    "$y$",
    "<script>alert(1)</script>",
    "<!-- c -->",
    "<![CDATA[x]]>",
    "&amp;",
    "&#60;",
    "\\",
    "*",
    "_",
    "[a](b)",
    "<http://x.y>",
    "---",
    ":class: x",
    "# ",
    "1. ",
    "- ",
    "> ",
    "|",
    "    ",
    "\t",
    "\u00a0",
    "\u202e",
    "\u200b",
    "\u0301",
    "\u05d0\u05d1",
    "\u0627\u0644",
    "\U0001f600",
    "\U0001f469\u200d\U0001f52c",
    "\ufeff",
    "'",
    '"',
    "--",
    "...",
]
ALPHABET = st.characters(
    exclude_categories=("Cs",),
    exclude_characters="".join(chr(c) for c in range(0x110000) if UNPUBLISHABLE.match(chr(c)))
    + "\n\r",
)
LINE = st.lists(
    st.one_of(st.text(ALPHABET, max_size=12), st.sampled_from(FRAGMENTS)), max_size=8
).map("".join)
EXAMPLE = st.tuples(LINE, st.lists(LINE, min_size=1, max_size=50))

_INDENT = re.compile(r"^[\s\u00a0\u2007\u202f\ufeff]+")


def corpus_line(line: str) -> str:
    """What the reader keeps of a line: indentation and trailing spaces removed."""
    return _INDENT.sub("", line).rstrip()


def example_page(number: int, title: str, lines: list[str]) -> tuple[str, list[list[str]]]:
    """The MyST of one example and, per quote, the lines it must show."""
    raw_blocks, problems = split_blocks("\n".join([*lines, CITATION]), "x.txt")
    assert not [p for p in problems if p.level is Level.ERROR]
    out = [f"## Example {number}: {escape(title)}", ""]
    expected = []
    for index, raw in enumerate(raw_blocks):
        if not raw.blocks:
            continue
        out.append(
            quote_directive(
                f"q-{number:05d}-{index}",
                raw.blocks,
                source_id="roundtrip",
                locator="p. 1",
                citation=escape(title),
                status="cited",
                reason="",
                people=[],
            )
        )
        expected.append([block.text for block in raw.blocks])
    # The reader keeps every line that is not a citation, in order, as written.
    kept = [block.text for raw in raw_blocks for block in raw.blocks]
    assert kept == [
        corpus_line(line)
        for line in lines
        if corpus_line(line) and parse_citation(corpus_line(line)) is None
    ]
    return "\n".join(out), expected


def test_arbitrary_text_round_trips_through_sphinx(make_app, tmp_path: Path) -> None:
    examples: list[tuple[str, list[str], str, list[list[str]]]] = []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(EXAMPLE)
    def collect(example: tuple[str, list[str]]) -> None:
        title, lines = example
        page, expected = example_page(len(examples), title, lines)
        examples.append((title, lines, page, expected))

    collect()
    assert len(examples) >= EXAMPLES

    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        'extensions = ["myst_parser", "quotebook.sphinxext"]\n'
        'quotebook_review_page = ""\nsmartquotes = False\nsuppress_warnings = ["toc"]\n',
        "utf-8",
    )
    pages = []
    for start in range(0, len(examples), PER_PAGE):
        name = f"page{start // PER_PAGE:03d}"
        pages.append(name)
        body = "\n\n".join(page for _, _, page, _ in examples[start : start + PER_PAGE])
        (srcdir / f"{name}.md").write_text(
            f'# Page {name}\n\n```{{qb:source}}\n---\nid: "roundtrip-{name}"\ntitle: "R"\n---\n```\n\n'
            + body.replace('source: "roundtrip"', f'source: "roundtrip-{name}"'),
            "utf-8",
        )
    toctree = "\n".join(pages)
    (srcdir / "index.md").write_text(f"# Round trip\n\n```{{toctree}}\n{toctree}\n```\n", "utf-8")
    app: SphinxTestApp = make_app("html", srcdir=srcdir)
    app.build()
    assert app.warning.getvalue() == ""

    for start in range(0, len(examples), PER_PAGE):
        name = pages[start // PER_PAGE]
        soup = BeautifulSoup((app.outdir / f"{name}.html").read_text("utf-8"), "html.parser")
        for permalink in soup.select("a.headerlink"):
            permalink.decompose()
        headings = [h.get_text() for h in soup.find_all("h2")]
        for number in range(start, min(start + PER_PAGE, len(examples))):
            title, lines, _, expected = examples[number]
            context = f"example {number}: title {title!r}, lines {lines!r}"
            heading = headings[number - start].removeprefix(f"Example {number}:")
            assert heading.strip() == title.strip(), context
            shown = [
                [line.get_text() for line in quote.select(".quote-text .quote-line")]
                for quote in soup.select(f'[id^="q-{number:05d}-"]')
            ]
            assert shown == expected, context


@settings(max_examples=500, deadline=None)
@given(
    LINE, st.sampled_from([chr(c) for c in range(0x110000) if UNPUBLISHABLE.match(chr(c))]), LINE
)
def test_unpublishable_characters_are_errors(before: str, bad: str, after: str) -> None:
    text = f"Words.\n{before}{bad}{after}\n{CITATION}\n"
    _, problems = split_blocks(text, "x.txt")
    errors = [p for p in problems if p.level is Level.ERROR]
    assert errors and errors[0].line == 2
    assert errors[0].column == len(before) + 1 or UNPUBLISHABLE.search(before)
