"""Format-neutral doctree nodes for quotes.

Each node subclasses the standard docutils node it resembles, so a builder
with no visitor of its own (man, texinfo) renders it as that node: Sphinx's
translators dispatch along the class hierarchy. ``not_smartquotable`` keeps
the SmartQuotes transform away from every word inside a quote, whatever the
project's ``smartquotes`` setting.
"""

from __future__ import annotations

from enum import StrEnum

from docutils import nodes
from sphinx import addnodes


class LineKind(StrEnum):
    """What one line of a quote is."""

    PARAGRAPH = "paragraph"
    NOTE = "note"
    SPEAKER = "speaker"
    FOOTNOTE = "footnote"


class QuoteStatus(StrEnum):
    """How sure the collection is of a quote's attribution."""

    CITED = "cited"
    UNCERTAIN = "uncertain"
    #: Corpus lines that no citation covers (shown on the review page).
    UNATTRIBUTED = "unattributed"


class quote_node(addnodes.not_smartquotable, nodes.block_quote):
    """One quote: optional notice, then its text, then its citation.

    Attributes: ``ids`` (exactly the quote id), ``quote_id``, ``source``,
    ``status`` (a :class:`QuoteStatus` value), ``locator``, ``citation``.
    """


class quote_text(addnodes.not_smartquotable, nodes.container):
    """The quoted words: one :class:`quote_line` per corpus line, in order."""


class quote_line(addnodes.not_smartquotable, nodes.paragraph):
    """One corpus line, verbatim. Attribute ``kind``: a :class:`LineKind` value."""


class quote_label(addnodes.not_smartquotable, nodes.inline):
    """A line's leading label: speaker, footnote marker or bracketed note.

    Attribute ``kind``: the :class:`LineKind` of the line it opens.
    """


class quote_citation(addnodes.not_smartquotable, nodes.paragraph):
    """The citation closing a quote, as plain text (may hold a :class:`quote_locator`)."""


class quote_locator(addnodes.not_smartquotable, nodes.inline):
    """Where in the work the quote is found: ``p. 185``."""


class quote_notice(addnodes.not_smartquotable, nodes.container):
    """A notice about the quote's attribution (e.g. "Attribution uncertain")."""


class source_anchor(nodes.inline):
    """An empty anchor carrying a source's id.

    Not a ``target``: docutils would move a target's id onto the next node,
    which may be an ``only`` block that some builders drop.
    """


#: Every node class the extension registers, in document order.
QUOTE_NODES: tuple[type[nodes.Element], ...] = (
    quote_node,
    quote_notice,
    quote_text,
    quote_line,
    quote_label,
    quote_citation,
    quote_locator,
    source_anchor,
)
