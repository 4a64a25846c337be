"""The bibliography as BibTeX: one entry per source, keyed by source id.

Page locators belong to quotes, not to works, so entries carry none.
"""

from __future__ import annotations

from quotebook.model import Corpus, Source, SourceKind

_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def escape_bibtex(text: str) -> str:
    return "".join(_LATEX_SPECIALS.get(ch, ch) for ch in text)


def _names(names: tuple[str, ...]) -> str:
    return " and ".join(escape_bibtex(name) for name in names)


def bibtex_entry(source: Source) -> str:
    entry_type = "article" if source.kind is SourceKind.ARTICLE else "book"
    fields: list[tuple[str, str]] = []
    if source.authors:
        fields.append(("author", _names(source.authors)))
    if source.editors:
        fields.append(("editor", _names(source.editors)))
    if source.translators:
        fields.append(("translator", _names(source.translators)))
    # Double braces keep the title's capitals as written.
    fields.append(("title", "{" + escape_bibtex(source.title) + "}"))
    if source.container:
        fields.append(("journal", escape_bibtex(source.container)))
    if source.date:
        fields.append(("date", escape_bibtex(source.date)))
    if source.publisher:
        fields.append(("publisher", escape_bibtex(source.publisher)))
    if source.place:
        fields.append(("address", escape_bibtex(source.place)))
    if source.year is not None:
        fields.append(("year", str(source.year)))
    if source.note:
        fields.append(("note", escape_bibtex(source.note)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{entry_type}{{{source.id},\n{body}\n}}\n"


def render_bibtex(corpus: Corpus) -> str:
    return "\n".join(bibtex_entry(source) for source in corpus.sources)
