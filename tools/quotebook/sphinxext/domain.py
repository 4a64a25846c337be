"""The ``qb`` domain: where every source and quote of the project lives.

The domain keeps, for each id, the document and anchor that declare it, so
``{qb:source}`` and ``{qb:quote}`` roles resolve across documents, in every
builder, through Sphinx's ``pending_xref`` machinery. Entries are keyed by
docname (``clear_doc``) and merged after parallel reads (``merge_domaindata``).
"""

from __future__ import annotations

from collections.abc import Iterator, Set
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, cast

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode
from sphinx.util.typing import RoleFunction

from quotebook.sphinxext.roles import QuotebookXRefRole
from quotebook.sphinxext.warnings import Subtype, warn

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


class SourceEntry(NamedTuple):
    """Where a ``qb:source`` directive declared a work."""

    #: Document holding the source page.
    docname: str
    #: Id of the target node in that document (the source id).
    anchor: str
    #: Full title of the work: the link text of ``{qb:source}`` roles.
    title: str
    #: Short name of the work (``Sayers and Kahn, The Great Conspiracy``) that
    #: opens the labels of its quotes.
    label: str
    #: Line of the directive, for warnings.
    line: int


class QuoteEntry(NamedTuple):
    """Where a ``qb:quote`` directive declared a quote."""

    #: Document holding the quote.
    docname: str
    #: HTML id / LaTeX label of the quote (the quote id).
    anchor: str
    #: Short text naming the quote: the link text of ``{qb:quote}`` roles.
    label: str
    #: Id of the source it is attributed to, ``""`` for none.
    source: str
    #: Line of the directive, for warnings.
    line: int


class QuotebookDomain(Domain):
    """Sources and quotes of a Quotebook collection."""

    name = "qb"
    label = "Quotebook"
    object_types: ClassVar[dict[str, ObjType]] = {
        "source": ObjType("source", "source"),
        "quote": ObjType("quote", "quote"),
    }
    roles: ClassVar[dict[str, RoleFunction | XRefRole]] = {
        "source": QuotebookXRefRole(),
        "quote": QuotebookXRefRole(),
    }
    initial_data: ClassVar[dict[str, dict[str, Any]]] = {
        "sources": {},
        "quotes": {},
    }
    data_version = 1

    @property
    def sources(self) -> dict[str, SourceEntry]:
        """Source id → where it is declared."""
        return cast("dict[str, SourceEntry]", self.data.setdefault("sources", {}))

    @property
    def quotes(self) -> dict[str, QuoteEntry]:
        """Quote id → where it is declared."""
        return cast("dict[str, QuoteEntry]", self.data.setdefault("quotes", {}))

    # -- registration (from the directives) ---------------------------------

    def add_source(self, source_id: str, entry: SourceEntry) -> bool:
        """Record a source; warn and keep the first one if the id is taken."""
        return _add_unique(self.sources, "source", source_id, entry)

    def add_quote(self, quote_id: str, entry: QuoteEntry) -> bool:
        """Record a quote; warn and keep the first one if the id is taken."""
        return _add_unique(self.quotes, "quote", quote_id, entry)

    # -- environment bookkeeping --------------------------------------------

    def clear_doc(self, docname: str) -> None:
        for table in (self.sources, self.quotes):
            for key in [key for key, entry in table.items() if entry.docname == docname]:
                del table[key]

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for name, table in (("source", self.sources), ("quote", self.quotes)):
            other: dict[str, SourceEntry | QuoteEntry] = otherdata.get(name + "s", {})
            for key, entry in other.items():
                if entry.docname in docnames:
                    _add_unique(table, name, key, entry)

    def check_consistency(self) -> None:
        for quote_id, quote in sorted(self.quotes.items()):
            if quote.source and quote.source not in self.sources:
                warn(
                    f"quote {quote_id!r} names source {quote.source!r}, "
                    "which no qb:source directive declares",
                    subtype=Subtype.UNKNOWN_SOURCE,
                    location=(quote.docname, quote.line),
                )

    # -- cross-references ---------------------------------------------------

    def _lookup(self, typ: str, target: str) -> tuple[str, str, str] | None:
        """``(docname, anchor, link text)`` of ``target``, or ``None``."""
        if typ == "source" and target in self.sources:
            source = self.sources[target]
            return source.docname, source.anchor, source.title
        if typ == "quote" and target in self.quotes:
            quote = self.quotes[target]
            return quote.docname, quote.anchor, quote.label
        return None

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        found = self._lookup(typ, target)
        if found is None:
            return None
        docname, anchor, text = found
        if not node.get("refexplicit"):
            contnode = nodes.inline(text, text, classes=contnode.get("classes", []))
        return make_refnode(builder, fromdocname, docname, anchor, contnode, text)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        results: list[tuple[str, nodes.reference]] = []
        for typ in ("source", "quote"):
            refnode = self.resolve_xref(env, fromdocname, builder, typ, target, node, contnode)
            if refnode is not None:
                results.append((f"{self.name}:{typ}", refnode))
        return results

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for source_id, source in sorted(self.sources.items()):
            yield source_id, source.title, "source", source.docname, source.anchor, 1
        for quote_id, quote in sorted(self.quotes.items()):
            # Quote ids mean nothing to a reader: keep them out of the search index.
            yield quote_id, quote.label, "quote", quote.docname, quote.anchor, -1


def _add_unique(
    table: dict[str, Any], kind: str, key: str, entry: SourceEntry | QuoteEntry
) -> bool:
    first = table.get(key)
    if first is None:
        table[key] = entry
        return True
    warn(
        f"duplicate {kind} id {key!r}, first declared in {first.docname!r} "
        f"line {first.line}; this one is ignored",
        subtype=Subtype.DUPLICATE_ID,
        location=(entry.docname, entry.line),
    )
    return False


def domain_of(env: BuildEnvironment) -> QuotebookDomain:
    """The project's ``qb`` domain."""
    return cast("QuotebookDomain", env.domains["qb"])
