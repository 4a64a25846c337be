"""The ``qb`` domain: where every source and quote of the project lives.

The domain keeps, for each id, the document and anchor that declare it, so
``{qb:source}`` and ``{qb:quote}`` roles resolve across documents, in every
builder, through Sphinx's ``pending_xref`` machinery. Entries are keyed by
docname (``clear_doc``) and merged after parallel reads (``merge_domaindata``).

The domain also remembers which documents refer to which ids, so that an
incremental build rewrites the pages whose links name a source or quote that
was re-read (its label may have changed) without re-reading them.
"""

from __future__ import annotations

from collections.abc import Iterator, Set
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode
from sphinx.util.typing import RoleFunction

from quotebook.sphinxext.roles import QuotebookXRefRole
from quotebook.sphinxext.warnings import Subtype, warn

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
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
        "references": {},
        "declared": {},
    }
    data_version = 3

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        #: Id → what links to it showed (document, anchor, text) before the
        #: documents declaring it were purged in this build (not pickled).
        self.purged_ids: dict[str, tuple[str, tuple[str, str, str]]] = {}
        #: Documents purged (to be re-read or removed) in this build.
        self.purged_docs: set[str] = set()

    @property
    def sources(self) -> dict[str, SourceEntry]:
        """Source id → where it is declared."""
        return cast("dict[str, SourceEntry]", self.data.setdefault("sources", {}))

    @property
    def quotes(self) -> dict[str, QuoteEntry]:
        """Quote id → where it is declared."""
        return cast("dict[str, QuoteEntry]", self.data.setdefault("quotes", {}))

    @property
    def references(self) -> dict[str, list[str]]:
        """Docname → the source and quote ids its ``qb`` roles name."""
        return cast("dict[str, list[str]]", self.data.setdefault("references", {}))

    @property
    def declared(self) -> dict[str, list[tuple[str, str]]]:
        """Docname → the ``(kind, id)`` pairs it declares, so purging a document
        costs what the document holds, not what the project holds."""
        return cast("dict[str, list[tuple[str, str]]]", self.data.setdefault("declared", {}))

    # -- registration (from the directives) ---------------------------------

    def add_source(self, source_id: str, entry: SourceEntry) -> bool:
        """Record a source; warn and keep the first one if the id is taken."""
        return self._declare("source", self.sources, source_id, entry)

    def add_quote(self, quote_id: str, entry: QuoteEntry) -> bool:
        """Record a quote; warn and keep the first one if the id is taken."""
        return self._declare("quote", self.quotes, quote_id, entry)

    def _declare(
        self, kind: str, table: dict[str, Any], key: str, entry: SourceEntry | QuoteEntry
    ) -> bool:
        if not _add_unique(table, kind, key, entry):
            return False
        self.declared.setdefault(entry.docname, []).append((kind, key))
        return True

    def _table(self, kind: str) -> dict[str, Any]:
        return self.sources if kind == "source" else self.quotes

    # -- environment bookkeeping --------------------------------------------

    def ids_of(self, docname: str) -> set[str]:
        """The source and quote ids ``docname`` declares."""
        return {key for _, key in self.declared.get(docname, ())}

    def link_of(self, kind: str, key: str) -> tuple[str, str, str] | None:
        """What a link to ``key`` shows: its document, anchor and text."""
        return self._lookup(kind, key)

    def clear_doc(self, docname: str) -> None:
        for kind, key in self.declared.pop(docname, ()):
            table = self._table(kind)
            if key in table and table[key].docname == docname:
                del table[key]
        self.references.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        # Walk the other process's documents, not its whole tables: linear in
        # what that process read.
        other_declared: dict[str, list[tuple[str, str]]] = otherdata.get("declared", {})
        for docname, pairs in other_declared.items():
            if docname not in docnames:
                continue
            for kind, key in pairs:
                entry = otherdata[kind + "s"][key]
                self._declare(kind, self._table(kind), key, entry)
        for docname, targets in otherdata.get("references", {}).items():
            if docname in docnames:
                self.references[docname] = targets

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        targets = {
            node["reftarget"]
            for node in document.findall(addnodes.pending_xref)
            if node.get("refdomain") == self.name
        }
        if targets:
            self.references[docname] = sorted(targets)

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


def note_purged_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    """``env-purge-doc``: remember what a document declared before it is re-read or removed."""
    domain = domain_of(env)
    domain.purged_docs.add(docname)
    for kind, key in domain.declared.get(docname, ()):
        shown = domain.link_of(kind, key)
        if shown is not None:
            domain.purged_ids[key] = (kind, shown)


def docs_referring_to_purged(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: pages whose ``qb`` links to a re-read id now show something else.

    They are rewritten, not re-read, so their link texts follow the new labels
    and links to ids that are gone are reported. An id whose document, anchor
    and label did not change (a quote whose words were corrected, a source whose
    page gained a quote) rewrites nothing, so a small edit stays small.
    """
    domain = domain_of(env)
    changed = {
        key
        for key, (kind, shown) in domain.purged_ids.items()
        if shown != domain.link_of(kind, key)
    }
    for docname in domain.purged_docs:
        for _kind, key in domain.declared.get(docname, ()):
            if key not in domain.purged_ids:
                changed.add(key)  # new: links to it may have been unresolved
    referring = [
        docname
        for docname, targets in sorted(domain.references.items())
        if docname not in domain.purged_docs and not changed.isdisjoint(targets)
    ]
    domain.purged_ids.clear()
    domain.purged_docs.clear()
    return referring
