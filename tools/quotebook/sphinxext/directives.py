"""The ``qb:source`` and ``qb:quote`` directives.

``qb:quote`` takes its body as literal text: one line per corpus line, which
becomes ``nodes.Text`` as it stands. Nothing in it is handed to a parser, so
no Markdown, MyST, rST or HTML in the quoted words is ever interpreted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from quotebook.sphinxext.domain import QuoteEntry, SourceEntry, domain_of
from quotebook.sphinxext.nodes import (
    LineKind,
    QuoteStatus,
    quote_citation,
    quote_label,
    quote_line,
    quote_locator,
    quote_node,
    quote_notice,
    quote_text,
    source_anchor,
)
from quotebook.sphinxext.warnings import Subtype, warn

#: Separates the entries of the ``index`` and ``people`` options.
LIST_SEPARATOR = " ;; "
#: Ids as the corpus makes them; anything else is warned about and normalised.
_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_BLOCK_TOKEN = re.compile(r"([pnsf])(?::([0-9]+))?")
_KIND_OF_TOKEN = {
    "p": LineKind.PARAGRAPH,
    "n": LineKind.NOTE,
    "s": LineKind.SPEAKER,
    "f": LineKind.FOOTNOTE,
}
#: Extra class of a line's label, by line kind (all labels have ``quote-label``).
_LABEL_CLASS = {
    LineKind.PARAGRAPH: "quote-inline-note",
    LineKind.NOTE: "quote-note-label",
    LineKind.SPEAKER: "quote-speaker-name",
    LineKind.FOOTNOTE: "quote-footnote-marker",
}


@dataclass(frozen=True)
class LineShape:
    """How one body line of ``qb:quote`` is to be set."""

    #: Paragraph, editorial note, speaker turn or footnote.
    kind: LineKind
    #: ``line[:label_end]`` is the line's label; 0 for none.
    label_end: int = 0


def split_list(value: str) -> list[str]:
    """``"a ;; b"`` → ``["a", "b"]``; empty entries are dropped."""
    return [entry.strip() for entry in value.split(LIST_SEPARATOR.strip()) if entry.strip()]


def parse_blocks(tokens: str, lines: list[str]) -> list[LineShape] | None:
    """The shape of each line from the ``blocks`` option, or ``None`` if it does not fit."""
    shapes: list[LineShape] = []
    words = tokens.split()
    if len(words) != len(lines):
        return None
    for word, line in zip(words, lines, strict=True):
        match = _BLOCK_TOKEN.fullmatch(word)
        if match is None:
            return None
        label_end = int(match.group(2) or 0)
        if label_end > len(line):
            return None
        shapes.append(LineShape(_KIND_OF_TOKEN[match.group(1)], label_end))
    return shapes


def index_text(entry: str) -> str:
    """An index entry shown as written: ``;`` would split it into sub-entries."""
    return entry.replace(";", ",")


def index_node(entries: list[str], target: str) -> addnodes.index:
    """Single index entries for ``entries``, all pointing at ``target``."""
    unique = dict.fromkeys(index_text(entry) for entry in entries if entry)
    return addnodes.index(
        entries=[("single", entry, target, "", None) for entry in unique],
        inline=False,
    )


class QuotebookDirective(SphinxDirective):
    """Shared checks of the two directives."""

    def checked_id(self, kind: str) -> str:
        """The ``id`` option, normalised (with a warning) if it is not ``[a-z0-9-]``."""
        given: str = self.options["id"].strip()
        if _ID.fullmatch(given):
            return given
        fixed = nodes.make_id(given) or "untitled"
        warn(
            f"{kind} id {given!r} is not made of a-z, 0-9 and '-'; using {fixed!r}",
            subtype=Subtype.BAD_OPTION,
            location=self.get_location(),
        )
        return fixed

    def reserve_id(self, anchor: str, node: nodes.Element) -> None:
        """Make ``anchor`` the node's id, exactly, and keep docutils from reusing it."""
        node["ids"] = [anchor]
        self.state.document.ids.setdefault(anchor, node)


class SourceDirective(QuotebookDirective):
    """Declares the work a page presents; renders nothing visible.

    Options: ``id`` and ``title`` (required), ``label`` (short name used in
    quote labels, default: the title), ``index`` (the index entries, separated
    by `` ;; ``; default: the title).
    """

    has_content = False
    option_spec: ClassVar[dict[str, object]] = {  # type: ignore[misc]
        "id": directives.unchanged_required,
        "title": directives.unchanged_required,
        "label": directives.unchanged,
        "index": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        source_id = self.checked_id("source")
        title = self.options["title"].strip()
        anchor_node = source_anchor()
        self.set_source_info(anchor_node)
        entry = SourceEntry(
            docname=self.env.docname,
            anchor=source_id,
            title=title,
            label=self.options.get("label", "").strip() or title,
            line=self.lineno,
        )
        if domain_of(self.env).add_source(source_id, entry):
            self.reserve_id(source_id, anchor_node)
        # An explicit ``index`` list replaces the bare title (the writer gives the
        # title with its authors and year, so works of the same title stay apart).
        entries = split_list(self.options.get("index", "")) or [title]
        return [index_node(entries, source_id), anchor_node]


class QuoteDirective(QuotebookDirective):
    """One quote: literal body lines, their shapes, its citation and status.

    Options (all strings): ``id`` (required), ``source``, ``locator``,
    ``citation``, ``status`` (``cited``, ``uncertain`` or ``unattributed``),
    ``reason``, ``blocks`` (one token per body line), ``people``
    (``id|Display name`` entries separated by `` ;; ``), ``label`` (link text
    of ``{qb:quote}`` roles; default: the source's label and the locator).
    """

    has_content = True
    option_spec: ClassVar[dict[str, object]] = {  # type: ignore[misc]
        "id": directives.unchanged_required,
        "source": directives.unchanged,
        "locator": directives.unchanged,
        "citation": directives.unchanged,
        "status": directives.unchanged,
        "reason": directives.unchanged,
        "blocks": directives.unchanged,
        "people": directives.unchanged,
        "label": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        quote_id = self.checked_id("quote")
        source = self.options.get("source", "").strip()
        locator = self.options.get("locator", "").strip()
        citation = self.options.get("citation", "").strip()
        reason = self.options.get("reason", "").strip()
        status = self._status()
        # The body exactly as written: ``self.content`` holds the raw lines.
        lines = list(self.content.data)

        node = quote_node(
            "",
            quote_id=quote_id,
            source=source,
            status=status.value,
            locator=locator,
            citation=citation,
            classes=["quote"] if status is QuoteStatus.CITED else ["quote", f"quote-{status}"],
            translatable=False,
        )
        self.set_source_info(node)
        label = self.options.get("label", "").strip() or self._default_label(
            source, locator, citation, quote_id
        )
        entry = QuoteEntry(
            docname=self.env.docname,
            anchor=quote_id,
            label=label,
            source=source,
            line=self.lineno,
        )
        if domain_of(self.env).add_quote(quote_id, entry) or quote_id not in (
            self.state.document.ids
        ):
            self.reserve_id(quote_id, node)

        people = [
            person.partition("|")[2] or person
            for person in split_list(self.options.get("people", ""))
        ]
        if people:
            node += index_node(people, quote_id)
        if status is QuoteStatus.UNCERTAIN:
            node += self._notice(reason)
        node += self._text(lines)
        node += _citation(citation, locator)
        return [node]

    def _status(self) -> QuoteStatus:
        given = self.options.get("status", "").strip() or QuoteStatus.CITED.value
        try:
            return QuoteStatus(given)
        except ValueError:
            allowed = ", ".join(status.value for status in QuoteStatus)
            warn(
                f"unknown quote status {given!r} (expected one of: {allowed}); using 'cited'",
                subtype=Subtype.BAD_OPTION,
                location=self.get_location(),
            )
            return QuoteStatus.CITED

    def _default_label(self, source: str, locator: str, citation: str, quote_id: str) -> str:
        # Only a source declared on this page (at its top) counts: which other
        # pages have been read by now depends on the order and on parallel reads.
        known = domain_of(self.env).sources.get(source)
        if known is not None and known.docname == self.env.docname:
            return f"{known.label}, {locator}" if locator else known.label
        return citation or quote_id

    def _text(self, lines: list[str]) -> quote_text:
        shapes = parse_blocks(self.options.get("blocks", ""), lines)
        if not lines:
            warn(
                "the quote has no lines",
                subtype=Subtype.BAD_BLOCKS,
                location=self.get_location(),
            )
        elif shapes is None:
            warn(
                f"the blocks option {self.options.get('blocks', '')!r} does not describe the "
                f"{len(lines)} line(s) of the quote; showing every line as a paragraph",
                subtype=Subtype.BAD_BLOCKS,
                location=self.get_location(),
            )
        if shapes is None:
            shapes = [LineShape(LineKind.PARAGRAPH)] * len(lines)
        text = quote_text("", classes=["quote-text"])
        for offset, (line, shape) in enumerate(zip(lines, shapes, strict=True)):
            text += _line(line, shape, self.get_source_info()[0], self.content_offset + offset + 1)
        return text

    def _notice(self, reason: str) -> quote_notice:
        paragraph = nodes.paragraph("", "", translatable=False)
        paragraph += nodes.strong("Attribution uncertain:", "Attribution uncertain:")
        paragraph += nodes.Text(f" {reason}" if reason else "")
        review = self.config.quotebook_review_page
        if review:
            paragraph += nodes.Text(" ")
            paragraph += addnodes.pending_xref(
                "",
                nodes.inline("See the attribution review.", "See the attribution review."),
                refdomain="std",
                reftype="doc",
                reftarget="/" + review.lstrip("/"),
                refexplicit=True,
                refwarn=True,
                refdoc=self.env.docname,
            )
        notice = quote_notice("", paragraph, classes=["quote-notice"])
        return notice


def _line(text: str, shape: LineShape, source: str | None, line_number: int) -> quote_line:
    kind = shape.kind
    node = quote_line(
        text,
        "",
        kind=kind.value,
        classes=["quote-line", f"quote-{kind}"],
        translatable=False,
    )
    node.source, node.line = source, line_number
    if shape.label_end:
        label = text[: shape.label_end]
        node += quote_label(
            label, label, kind=kind.value, classes=["quote-label", _LABEL_CLASS[kind]]
        )
    rest = text[shape.label_end :]
    if rest:
        node += nodes.Text(rest)
    return node


def _citation(citation: str, locator: str) -> quote_citation:
    """The citation text; the locator, where the text ends with it, is marked up in place."""
    node = quote_citation(citation, "", classes=["quote-citation"])
    at = citation.rfind(locator) if locator else -1
    if at >= 0:
        before, after = citation[:at], citation[at + len(locator) :]
        if before:
            node += nodes.Text(before)
        node += quote_locator(locator, locator, classes=["quote-locator"])
        if after:
            node += nodes.Text(after)
    elif locator:
        node += nodes.Text(f"{citation} (" if citation else "(")
        node += quote_locator(locator, locator, classes=["quote-locator"])
        node += nodes.Text(")")
    else:
        node += nodes.Text(citation)
    return node
