"""The bibliography as CSL-JSON, for Zotero and other reference managers."""

from __future__ import annotations

import json
from typing import Any

from quotebook.model import Corpus, Source, SourceKind


def csl_name(name: str) -> dict[str, str]:
    family, _, given = name.partition(", ")
    return {"family": family, "given": given} if given else {"literal": family}


def csl_type(source: Source) -> str:
    if source.kind is SourceKind.ARTICLE:
        return "article-magazine"
    if source.kind is SourceKind.CHAPTER:
        return "chapter"
    return "book"


def csl_item(source: Source) -> dict[str, Any]:
    item: dict[str, Any] = {"id": source.id, "type": csl_type(source), "title": source.title}
    for role, names in (
        ("author", source.authors),
        ("editor", source.editors),
        ("translator", source.translators),
    ):
        if names:
            item[role] = [csl_name(name) for name in names]
    if source.container:
        item["container-title"] = source.container
    if source.publisher:
        item["publisher"] = source.publisher
    if source.place:
        item["publisher-place"] = source.place
    if source.year is not None:
        item["issued"] = {"date-parts": [[source.year]]}
        if source.date:
            item["issued"]["raw"] = source.date
    if source.note:
        item["note"] = source.note
    return item


def render_csl(corpus: Corpus) -> str:
    items = [csl_item(source) for source in corpus.sources]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
