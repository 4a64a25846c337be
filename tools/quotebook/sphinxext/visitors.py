"""How each builder renders the quote nodes: HTML, LaTeX and plain text.

Builders without visitors here (man, texinfo) render the nodes as the
standard docutils nodes they subclass. Text always goes through the
translator's own ``visit_Text``, which escapes it for its format.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from typing import Any

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator
from sphinx.writers.latex import LaTeXTranslator
from sphinx.writers.text import TextTranslator

from quotebook.sphinxext.domain import domain_of
from quotebook.sphinxext.nodes import (
    LineKind,
    quote_citation,
    quote_label,
    quote_line,
    quote_locator,
    quote_node,
    quote_notice,
    quote_text,
    source_anchor,
)

Visitor = Callable[[Any, Any], None]


def _skip(translator: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


def _nothing(translator: Any, node: nodes.Element) -> None:
    pass


def _quote_of(node: nodes.Element) -> quote_node:
    parent = node.parent
    while not isinstance(parent, quote_node):
        parent = parent.parent
    return parent


# -- HTML -------------------------------------------------------------------
#
# <figure class="quote" id="q-…">
#   <div class="quote-notice" role="note">…</div>          (uncertain only)
#   <blockquote class="quote-text"><p class="quote-line quote-…">…</p>…</blockquote>
#   <figcaption class="quote-citation"><span class="quote-citation-text">…</span>
#     <a class="quote-permalink" …>¶</a> <button class="quote-copy" …>Copy</button>
#   </figcaption>
# </figure>


def _html_open(tag: str, suffix: str = "") -> Visitor:
    def visit(self: HTML5Translator, node: nodes.Element) -> None:
        self.body.append(self.starttag(node, tag, suffix))

    return visit


def _html_close(tag: str, suffix: str = "") -> Visitor:
    def depart(self: HTML5Translator, node: nodes.Element) -> None:
        self.body.append(f"</{tag}>{suffix}")

    return depart


def visit_quote_notice_html(self: HTML5Translator, node: quote_notice) -> None:
    self.body.append(self.starttag(node, "div", "\n", role="note"))


def visit_quote_citation_html(self: HTML5Translator, node: quote_citation) -> None:
    self.body.append(self.starttag(node, "figcaption", ""))
    self.body.append('<span class="quote-citation-text">')


def depart_quote_citation_html(self: HTML5Translator, node: quote_citation) -> None:
    self.body.append("</span>")
    # Screen devices only: an e-book gets neither a permalink nor a button.
    if not self.builder.name.startswith("epub"):
        quote = _quote_of(node)
        quote_id = escape(quote["ids"][0] if quote["ids"] else quote["quote_id"])
        self.body.append(
            f' <a class="quote-permalink" href="#{quote_id}" '
            'title="Permalink to this quote" aria-label="Permalink to this quote">¶</a>'
        )
        if self.config.quotebook_copy_button:
            self.body.append(
                f' <button class="quote-copy" type="button" data-quote-id="{quote_id}" '
                f'data-citation="{escape(quote["citation"])}" '
                'title="Copy the quote and its citation" aria-live="polite">Copy</button>'
            )
    self.body.append("</figcaption>\n")


def visit_source_anchor_html(self: HTML5Translator, node: source_anchor) -> None:
    if node["ids"]:
        self.body.append(self.starttag(node, "span", "", CLASS="qb-source-anchor") + "</span>\n")
    raise nodes.SkipNode


# -- LaTeX ------------------------------------------------------------------


#: Opens every quote. Quoted words are never hyphenated: they print (and read
#: back from the PDF) exactly as in the corpus.
_LATEX_QUOTE_OPEN = "\n\\begin{quotation}\\hyphenpenalty=10000\n"


def visit_quote_node_latex(self: LaTeXTranslator, node: quote_node) -> None:
    # The label goes inside the environment, so that page references point at
    # the page where the quote starts.
    targets = "".join(self.hypertarget(node_id, anchor=True) for node_id in node["ids"])
    self.body.append(f"{_LATEX_QUOTE_OPEN}{targets}%\n" if targets else _LATEX_QUOTE_OPEN)


def depart_quote_node_latex(self: LaTeXTranslator, node: quote_node) -> None:
    self.body.append("\\end{quotation}\n")


_LATEX_LINE_OPEN = {
    LineKind.PARAGRAPH: "\n\\sphinxAtStartPar\n",
    LineKind.SPEAKER: "\n\\sphinxAtStartPar\n",
    LineKind.NOTE: "\n{\\itshape\\sphinxAtStartPar\n",
    LineKind.FOOTNOTE: "\n{\\small\\sphinxAtStartPar\n",
}
_LATEX_LINE_CLOSE = {
    LineKind.PARAGRAPH: "\n",
    LineKind.SPEAKER: "\n",
    LineKind.NOTE: "\\par}\n",
    LineKind.FOOTNOTE: "\\par}\n",
}
_LATEX_LABEL_OPEN = {
    LineKind.PARAGRAPH: "\\textit{",
    LineKind.NOTE: "{",
    LineKind.SPEAKER: "\\textbf{",
    LineKind.FOOTNOTE: "\\textit{",
}


def visit_quote_line_latex(self: LaTeXTranslator, node: quote_line) -> None:
    kind = LineKind(node["kind"])
    previous = node.previous_sibling()
    if kind is LineKind.FOOTNOTE and not (
        isinstance(previous, quote_line) and previous["kind"] == LineKind.FOOTNOTE
    ):
        self.body.append("\n\\noindent\\rule{4em}{0.4pt}\n")
    self.body.append(_LATEX_LINE_OPEN[kind])
    node["latex_body_start"] = len(self.body)


#: A word of this many printed characters or more gets break points: a long
#: URL or a run of one character would otherwise run off the page.
_LONG_WORD = 40
#: One printed character in LaTeX source: an escape or a plain character.
_PRINTED = re.compile(r"\\[A-Za-z]+\{\}|\\.|.")
_WORD = re.compile(rf"\S{{{_LONG_WORD},}}")
#: Inside a long word, a break point goes after a complete escape (``\_``,
#: ``\sphinxhyphen{}``), after a slash, and every 16 characters of a run of
#: letters or digits (a run that is not a command's name).
_BREAK_AFTER = re.compile(r"\\[^A-Za-z]|\\[A-Za-z]+\{\}|/|(?<![\\A-Za-z0-9])[A-Za-z0-9]{17,}")
_BREAK = "\\allowbreak{}"


def _break_point(piece: re.Match[str]) -> str:
    text = piece.group(0)
    if text[0].isalnum():
        return _BREAK.join(text[i : i + 16] for i in range(0, len(text), 16))
    return text + _BREAK


def _breakable(word: re.Match[str]) -> str:
    if len(_PRINTED.findall(word.group(0))) < _LONG_WORD:
        return word.group(0)
    return _BREAK_AFTER.sub(_break_point, word.group(0))


def depart_quote_line_latex(self: LaTeXTranslator, node: quote_line) -> None:
    # Only the line's own words (escaped by visit_Text) are touched: a break
    # point adds no character, so the line still reads exactly as the corpus.
    start = node["latex_body_start"]
    self.body[start:] = [_WORD.sub(_breakable, "".join(self.body[start:]))]
    self.body.append(_LATEX_LINE_CLOSE[LineKind(node["kind"])])


def visit_quote_label_latex(self: LaTeXTranslator, node: quote_label) -> None:
    self.body.append(_LATEX_LABEL_OPEN[LineKind(node["kind"])])


def depart_quote_label_latex(self: LaTeXTranslator, node: quote_label) -> None:
    self.body.append("}")


def visit_quote_citation_latex(self: LaTeXTranslator, node: quote_citation) -> None:
    # Flush right in a narrower measure than the quote, on the page of its last line.
    self.body.append(
        "\n\\nopagebreak\\begin{flushright}\\small\\leftskip=4em plus 1fil\n\\textemdash{} "
    )


def depart_quote_citation_latex(self: LaTeXTranslator, node: quote_citation) -> None:
    self.body.append("\n\\end{flushright}\n")


def visit_quote_notice_latex(self: LaTeXTranslator, node: quote_notice) -> None:
    self.body.append("\n\\begingroup\\small\\noindent")


def depart_quote_notice_latex(self: LaTeXTranslator, node: quote_notice) -> None:
    self.body.append("\\par\\endgroup\\smallskip\n")


def _credit(label: str, title: str) -> str:
    """``Sayers and Kahn`` from the label ``Sayers and Kahn, The Great Conspiracy``.

    A label is the credited names, a comma and a short title that begins the
    full title; a label without names gives "".
    """
    start = label.find(", ")
    while start != -1:
        if title.startswith(label[start + 2 :]):
            return label[:start]
        start = label.find(", ", start + 2)
    return ""


def _chapter_of_source(self: LaTeXTranslator, node: source_anchor) -> str:
    r"""Name the authors of the chapter just opened, for the contents and
    bookmarks (``\chapter[Andrew and Mitrokhin, The Sword …]{The Sword …}``),
    and return the running head: the source's short label.

    The anchor directly follows its page's title; in the book, source pages
    are chapters. Elsewhere nothing changes.
    """
    entry = domain_of(self.builder.env).sources.get(node["ids"][0]) if node["ids"] else None
    if entry is None:
        return ""
    recent = range(len(self.body) - 1, max(len(self.body) - 12, -1), -1)
    position = next((i for i in recent if self.body[i] == "\\chapter{"), None)
    if position is None:
        return ""
    credit = _credit(entry.label, entry.title)
    if credit:
        contents = self.escape(f"{credit}, {entry.title}")
        self.body[position] = f"\\chapter[{{{contents}}}]{{"
    escaped = self.escape(entry.label)
    return f"\\markboth{{{escaped}}}{{{escaped}}}"


def visit_source_anchor_latex(self: LaTeXTranslator, node: source_anchor) -> None:
    mark = _chapter_of_source(self, node)
    if mark:
        self.body.append(f"\n{mark}%")
    targets = "".join(self.hypertarget(node_id, anchor=True) for node_id in node["ids"])
    if targets:
        self.body.append(f"\n{targets}%\n")
    raise nodes.SkipNode


# -- plain text -------------------------------------------------------------


def visit_block_text(self: TextTranslator, node: nodes.Element) -> None:
    self.new_state(0)


def depart_block_text(self: TextTranslator, node: nodes.Element) -> None:
    # Unwrapped: quoted lines keep their spacing exactly.
    self.end_state(wrap=False)


def visit_quote_node_text(self: TextTranslator, node: quote_node) -> None:
    self.new_state()


def depart_quote_node_text(self: TextTranslator, node: quote_node) -> None:
    self.end_state(wrap=False)


def visit_quote_citation_text(self: TextTranslator, node: quote_citation) -> None:
    self.new_state(0)
    self.add_text("— ")


# -- the table setup() registers ----------------------------------------------

#: node class → {builder format: (visit, depart)}
HANDLERS: dict[type[nodes.Element], dict[str, tuple[Visitor, Visitor | None]]] = {
    quote_node: {
        "html": (_html_open("figure", "\n"), _html_close("figure", "\n")),
        "latex": (visit_quote_node_latex, depart_quote_node_latex),
        "text": (visit_quote_node_text, depart_quote_node_text),
    },
    quote_notice: {
        "html": (visit_quote_notice_html, _html_close("div", "\n")),
        "latex": (visit_quote_notice_latex, depart_quote_notice_latex),
        "text": (_nothing, _nothing),
    },
    quote_text: {
        "html": (_html_open("blockquote", "\n"), _html_close("blockquote", "\n")),
        "latex": (_nothing, _nothing),
        "text": (_nothing, _nothing),
    },
    quote_line: {
        "html": (_html_open("p"), _html_close("p", "\n")),
        "latex": (visit_quote_line_latex, depart_quote_line_latex),
        "text": (visit_block_text, depart_block_text),
    },
    quote_label: {
        "html": (_html_open("span"), _html_close("span")),
        "latex": (visit_quote_label_latex, depart_quote_label_latex),
        "text": (_nothing, _nothing),
    },
    quote_citation: {
        "html": (visit_quote_citation_html, depart_quote_citation_html),
        "latex": (visit_quote_citation_latex, depart_quote_citation_latex),
        "text": (visit_quote_citation_text, depart_block_text),
    },
    quote_locator: {
        "html": (_html_open("span"), _html_close("span")),
        "latex": (_nothing, _nothing),
        "text": (_nothing, _nothing),
    },
    source_anchor: {
        "html": (visit_source_anchor_html, None),
        "latex": (visit_source_anchor_latex, None),
        "text": (_skip, None),
        "man": (_skip, None),
        "texinfo": (_skip, None),
    },
}
