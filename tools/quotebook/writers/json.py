"""The parsed corpus as JSON (CONTRACT: ``quotebook export --format json``)."""

from __future__ import annotations

import json
from typing import Any

from quotebook.model import Block, Corpus, Quote, Source, Unattributed


def _blocks(blocks: tuple[Block, ...]) -> list[dict[str, Any]]:
    return [
        {"kind": block.kind.value, "text": block.text, "line": block.line, "label": block.label}
        for block in blocks
    ]


def quote_record(quote: Quote) -> dict[str, Any]:
    locator = quote.locator
    return {
        "id": quote.id,
        "locator": locator.label(),
        "text": quote.text,
        "file": quote.file,
        "lines": [quote.first_line, quote.last_line],
        "citation_line": quote.citation_line,
        "status": quote.status.value,
        "reason": quote.reason,
        "pages": [[span.start, span.end] for span in locator.pages],
        "volume": locator.volume,
        "alternative_pagination": locator.alternative,
        "locator_raw": locator.raw,
        "people": list(quote.people),
        "blocks": _blocks(quote.blocks),
    }


def source_record(source: Source, quotes: tuple[Quote, ...]) -> dict[str, Any]:
    return {
        "id": source.id,
        "authors": list(source.authors or source.editors or source.translators),
        "editors": list(source.editors),
        "translators": list(source.translators),
        "title": source.title,
        "subtitle": source.subtitle,
        "container": source.container,
        "place": source.place,
        "publisher": source.publisher,
        "year": source.year,
        "copyright": source.copyright,
        "date": source.date,
        "kind": source.kind.value,
        "note": source.note,
        "curated": source.curated,
        "raw_citations": list(source.raw_citations),
        "quotes": [quote_record(quote) for quote in quotes],
    }


def unattributed_record(item: Unattributed) -> dict[str, Any]:
    return {
        "id": item.id,
        "text": item.text,
        "file": item.file,
        "lines": [item.first_line, item.last_line],
        "reason": item.reason,
        "people": list(item.people),
        "blocks": _blocks(item.blocks),
    }


def corpus_document(corpus: Corpus) -> dict[str, Any]:
    return {
        "sources": [source_record(s, corpus.quotes_of(s.id)) for s in corpus.sources],
        "authors": [
            {"id": a.id, "name": a.name, "variants": list(a.variants)} for a in corpus.authors
        ],
        "people": [
            {
                "id": p.id,
                "name": p.name,
                "variants": list(p.variants),
                "description": p.description,
            }
            for p in corpus.people
        ],
        "unattributed": [unattributed_record(u) for u in corpus.unattributed],
        "diagnostics": [d.as_dict() for d in corpus.diagnostics],
    }


def render_json(corpus: Corpus, *, compact: bool = False) -> str:
    """The JSON export; ``compact`` (no indentation) uses the C encoder, several times faster."""
    if compact:
        return json.dumps(corpus_document(corpus), ensure_ascii=False, separators=(",", ":")) + "\n"
    return json.dumps(corpus_document(corpus), ensure_ascii=False, indent=2) + "\n"
