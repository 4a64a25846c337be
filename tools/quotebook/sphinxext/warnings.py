"""Every warning the Sphinx extension can emit, in one place.

All of them are logged with ``type="quotebook"`` and one of the subtypes
below, so a project can silence a kind with
``suppress_warnings = ["quotebook.bad-blocks"]``; all of them carry a location
(document and line, or the node concerned).
"""

from __future__ import annotations

from enum import StrEnum

from docutils import nodes
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: The ``type`` of every Quotebook warning.
WARNING_TYPE = "quotebook"


class Subtype(StrEnum):
    """The kinds of Quotebook warnings (the ``subtype`` of each)."""

    #: Two ``qb:source`` or two ``qb:quote`` directives declare the same id.
    DUPLICATE_ID = "duplicate-id"
    #: The ``blocks`` option of ``qb:quote`` does not describe the body lines.
    BAD_BLOCKS = "bad-blocks"
    #: A directive option has a value outside its allowed set.
    BAD_OPTION = "bad-option"
    #: A ``qb:source`` or ``qb:quote`` role names an id no directive declares.
    MISSING_REFERENCE = "missing-reference"
    #: A ``qb:quote`` names, in its ``source`` option, a source no page declares.
    UNKNOWN_SOURCE = "unknown-source"


#: Where a warning points: a node, a docname, or ``(docname, line)``.
Location = nodes.Node | str | tuple[str | None, int | None]


def warn(message: str, *, subtype: Subtype, location: Location) -> None:
    """Log one Quotebook warning of kind ``subtype`` at ``location``."""
    logger.warning(message, location=location, type=WARNING_TYPE, subtype=subtype.value)
