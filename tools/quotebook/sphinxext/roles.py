"""The ``qb:source`` and ``qb:quote`` roles, and what happens when they miss.

Both are ordinary cross-reference roles: they leave a ``pending_xref`` that
the domain resolves once every document has been read, for HTML and LaTeX
alike (LaTeX then gets ``\\hyperref`` and, with ``latex_show_pagerefs``, page
numbers). ``{qb:source}`\\`id\\``` shows the work's title, ``{qb:quote}`\\`id\\```
the quote's label; ``{qb:source}`\\`text <id>\\``` shows ``text``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.roles import XRefRole

from quotebook.sphinxext.warnings import Subtype, warn

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.domains import Domain


class QuotebookXRefRole(XRefRole):
    """A cross-reference to a source or quote id; the link text is filled in on resolution."""

    def __init__(self) -> None:
        # ``warn_dangling``: an unknown id is a warning even without ``-n``.
        super().__init__(innernodeclass=nodes.inline, warn_dangling=True)


def warn_missing_reference(app: Sphinx, domain: Domain | None, node: pending_xref) -> bool | None:
    """``warn-missing-reference`` handler: our own warning type for ``qb`` roles."""
    if domain is None or domain.name != "qb":
        return None
    warn(
        f"qb:{node['reftype']} reference target not found: {node['reftarget']}",
        subtype=Subtype.MISSING_REFERENCE,
        location=node,
    )
    return True
