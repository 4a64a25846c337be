"""How each builder renders the quote nodes: HTML, LaTeX and plain text.

Builders without visitors here (man, texinfo) render the nodes as the
standard docutils nodes they subclass. Text always goes through the
translator's own ``visit_Text``, which escapes it for its format.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator
from sphinx.writers.latex import LaTeXTranslator
from sphinx.writers.text import TextTranslator

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


def visit_quote_node_latex(self: LaTeXTranslator, node: quote_node) -> None:
    # The label goes inside the environment, so that page references point at
    # the page where the quote starts.
    targets = "".join(self.hypertarget(node_id, anchor=True) for node_id in node["ids"])
    self.body.append(
        f"\n\\begin{{quotation}}\n{targets}%\n" if targets else "\n\\begin{quotation}\n"
    )


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


def depart_quote_line_latex(self: LaTeXTranslator, node: quote_line) -> None:
    self.body.append(_LATEX_LINE_CLOSE[LineKind(node["kind"])])


def visit_quote_label_latex(self: LaTeXTranslator, node: quote_label) -> None:
    self.body.append(_LATEX_LABEL_OPEN[LineKind(node["kind"])])


def depart_quote_label_latex(self: LaTeXTranslator, node: quote_label) -> None:
    self.body.append("}")


def visit_quote_citation_latex(self: LaTeXTranslator, node: quote_citation) -> None:
    self.body.append("\n\\begin{flushright}\n\\textemdash{} ")


def depart_quote_citation_latex(self: LaTeXTranslator, node: quote_citation) -> None:
    self.body.append("\n\\end{flushright}\n")


def visit_quote_notice_latex(self: LaTeXTranslator, node: quote_notice) -> None:
    self.body.append("\n\\noindent")


def visit_source_anchor_latex(self: LaTeXTranslator, node: source_anchor) -> None:
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
        "latex": (visit_quote_notice_latex, _nothing),
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
