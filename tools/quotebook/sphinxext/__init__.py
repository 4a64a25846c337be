"""Sphinx extension of Quotebook: the ``qb`` domain, its directives, roles and nodes.

``setup`` only registers; the behaviour lives in the modules named after the
docutils concept they implement.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from quotebook import __version__
from quotebook.sphinxext.directives import QuoteDirective, SourceDirective
from quotebook.sphinxext.domain import (
    QuotebookDomain,
    docs_referring_to_purged,
    note_purged_doc,
)
from quotebook.sphinxext.roles import warn_missing_reference
from quotebook.sphinxext.visitors import HANDLERS

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: Folder of ``quotebook.css`` and ``quotebook.js``.
STATIC = Path(__file__).parent / "static"
#: Bumped whenever the pickled environment of an older version cannot be reused.
ENV_VERSION = 2


def add_static_path(app: Sphinx, config: Config) -> None:
    """``config-inited``: serve the extension's CSS and JS with the project's static files."""
    if str(STATIC) not in config.html_static_path:
        config.html_static_path.append(str(STATIC))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value(
        "quotebook_review_page",
        "review",
        "env",
        types=frozenset({str}),
        description="docname of the attribution-review page linked from uncertain "
        'quotes; "" for no link',
    )
    app.add_config_value(
        "quotebook_copy_button",
        True,
        "html",
        types=frozenset({bool}),
        description="give each quote a button that copies it with its citation",
    )
    app.add_domain(QuotebookDomain)
    app.add_directive_to_domain("qb", "source", SourceDirective)
    app.add_directive_to_domain("qb", "quote", QuoteDirective)
    for node_class, handlers in HANDLERS.items():
        app.add_node(node_class, **handlers)  # type: ignore[arg-type]
    app.connect("warn-missing-reference", warn_missing_reference)
    app.connect("env-purge-doc", note_purged_doc)
    app.connect("env-get-updated", docs_referring_to_purged)
    app.connect("config-inited", add_static_path)
    app.add_css_file("quotebook.css")
    app.add_js_file("quotebook.js", loading_method="defer")
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
