"""The corpus as MyST pages for Sphinx: pure functions, text in, text out.

Quoted words never pass through the Markdown parser: they go into the body
of the ``qb:quote`` directive, which builds the document nodes itself, behind
a fence longer than any backtick run in the text. Every other piece of corpus
text (titles, names, notes) is Markdown-escaped: each ASCII punctuation mark
gets a backslash, which CommonMark guarantees to read as the literal mark.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from quotebook.model import (
    Author,
    Block,
    BlockKind,
    Corpus,
    Person,
    Quote,
    Source,
    Status,
    slugify,
)
from quotebook.style import Styled, bibliography_entry, note, short_label, short_names

T = TypeVar("T")

_PUNCTUATION = re.compile(r"([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")

#: The folders the writer owns in the Sphinx source tree.
GENERATED_FOLDERS = ("sources", "authors")
#: Where the downloads go in the Sphinx source tree: served by ``html_extra_path``,
#: so no page depends on them (a corrected quote changes the JSON, not the pages).
DOWNLOADS = "_extra/downloads"
_DOWNLOAD_FILES = (
    ("quotebook.bib", "Bibliography as BibTeX"),
    ("quotebook.csl.json", "Bibliography as CSL-JSON (Zotero and other reference managers)"),
    ("quotebook.json", "The whole collection as JSON"),
)


def download_links() -> list[str]:
    """Plain links to the downloads (HTML only: the book has no files to offer)."""
    items = "".join(
        f'<li><a href="downloads/{name}" download>{label}</a></li>'
        for name, label in _DOWNLOAD_FILES
    )
    return ["```{raw} html", f'<ul class="qb-downloads">{items}</ul>', "```"]


def escape(text: str) -> str:
    """Corpus text → Markdown that reads back as exactly that text."""
    return _PUNCTUATION.sub(r"\\\1", text.replace("\n", " "))


def _option(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _styled(styled: Styled) -> str:
    if styled.title_quoted:
        title = "“" + escape(styled.title) + "”"
    else:
        title = "*" + escape(styled.title) + "*"
    return escape(styled.before) + title + escape(styled.after)


def block_token(block: Block) -> str:
    kind = {
        BlockKind.PARAGRAPH: "p",
        BlockKind.NOTE: "n",
        BlockKind.SPEAKER: "s",
        BlockKind.FOOTNOTE: "f",
    }[block.kind]
    if block.label_end and block.kind is not BlockKind.NOTE:
        return f"{kind}:{block.label_end}"
    return kind


def _fence(lines: Iterable[str]) -> str:
    longest = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
    return "`" * max(4, longest + 1)


def quote_directive(
    quote_id: str,
    blocks: Sequence[Block],
    *,
    source_id: str,
    locator: str,
    citation: str,
    status: str,
    reason: str,
    people: Sequence[Person],
) -> str:
    lines = [block.text for block in blocks]
    fence = _fence(lines)
    options = {
        "id": quote_id,
        "source": source_id,
        "locator": locator,
        "citation": citation,
        "status": status,
        "reason": reason,
        "blocks": " ".join(block_token(block) for block in blocks),
        "people": " ;; ".join(f"{p.id}|{p.name}" for p in people),
    }
    head = [f"{fence}{{qb:quote}}", "---"]
    head += [f"{key}: {_option(value)}" for key, value in options.items()]
    head.append("---")
    return "\n".join([*head, *lines, fence]) + "\n"


class _Context:
    """Lookups shared by the pages of one corpus (built once, linear time)."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.sources = {s.id: s for s in corpus.sources}
        self.people = {p.id: p for p in corpus.people}
        self.author_ids = {a.name: a.id for a in corpus.authors}
        self._ordered = self._order_sources()
        self.works_of: dict[str, list[Source]] = defaultdict(list)
        #: Author id → every work that names them (author, editor or translator).
        self.named_on: dict[str, list[Source]] = defaultdict(list)
        for source in self._ordered:
            for name in credited(source):
                self.works_of[self.author_ids[name]].append(source)
            for name in all_names(source):
                self.named_on[self.author_ids[name]].append(source)

    def ordered_sources(self) -> list[Source]:
        """Grouped by first author, then year and title (the book's order)."""
        return self._ordered

    def _order_sources(self) -> list[Source]:
        # Sorted once: pages call ordered_sources() per author and per source.
        return sorted(
            self.corpus.sources,
            key=lambda s: (
                (credited(s) or ("~",))[0].lower(),
                s.year or 0,
                s.title.lower(),
                s.id,
            ),
        )


def credited(source: Source) -> tuple[str, ...]:
    return source.authors or source.editors or source.translators


def all_names(source: Source) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for name in (*source.authors, *source.editors, *source.translators):
        seen.setdefault(name, None)
    return tuple(seen)


def _source_link(source: Source) -> str:
    return f"{{qb:source}}`{source.id}`"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def source_page(
    source: Source, ctx: _Context, previous: Source | None, following: Source | None
) -> str:
    quotes = ctx.corpus.quotes_of(source.id)
    index_entries = [f"{name}" for name in all_names(source)]
    who = short_names(source)
    index_entries.append(f"{source.title} ({who + ', ' if who else ''}{source.year or 'n.d.'})")
    out = [
        # An orphan in the site's navigation (the book's toctree holds it): reached
        # from its group page, which keeps every page's sidebar bounded.
        "---",
        "orphan: true",
        "---",
        "",
        f"# {escape(source.title)}",
        "",
        "```{qb:source}",
        "---",
        f"id: {_option(source.id)}",
        f"title: {_option(source.title)}",
        f"label: {_option(short_label(source))}",
        f"index: {_option(' ;; '.join(index_entries))}",
        "---",
        "```",
        "",
        # Badges are a screen device; the printed book gives the same facts in words.
        "````{only} html",
        " ".join(
            [
                f"{{bdg-primary}}`{source.kind.value}`",
                f"{{bdg-secondary}}`{source.year or 'no date'}`",
                f"{{bdg-info}}`{_plural(len(quotes), 'quote')}`",
            ]
        ),
        "````",
        "",
        "**Reference.** " + _styled(bibliography_entry(source)),
        "",
    ]
    names = all_names(source)
    if names:
        links = [
            f"[{escape(_display(name))}](../authors/{ctx.author_ids[name]}.md)" for name in names
        ]
        out += [f"**{'Authors' if len(names) > 1 else 'Author'}:** " + ", ".join(links), ""]
    if source.note:
        out += [f"**Editors' note:** {escape(source.note)}", ""]
    others: dict[str, Source] = {}
    for name in names:
        for work in ctx.works_of.get(ctx.author_ids[name], []):
            if work.id != source.id:
                others.setdefault(work.id, work)
    if others:
        out += ["**Other works by the same authors:**", ""]
        out += [f"- {_source_link(w)} ({w.year or 'n.d.'})" for w in others.values()]
        out.append("")
    out += [
        "```{dropdown} Citations as written in the corpus",
        ":class-container: qb-raw-citations",
        "",
    ]
    out += [f"- {escape(raw)}" for raw in source.raw_citations]
    out += ["```", "", "## Quotes", ""]
    for quote in quotes:
        out.append(_quote(quote, source, ctx))
    nav = []
    if previous is not None:
        nav.append(f"Previous source: {_source_link(previous)}")
    if following is not None:
        nav.append(f"Next source: {_source_link(following)}")
    if nav:
        out += ["", "```{only} html", " · ".join(nav), "```", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _display(name: str) -> str:
    family, _, given = name.partition(", ")
    return f"{given} {family}" if given else family


def _quote(quote: Quote, source: Source, ctx: _Context) -> str:
    return quote_directive(
        quote.id,
        quote.blocks,
        source_id=source.id,
        locator=quote.locator.label(),
        citation=note(source, quote.locator).plain(),
        status=quote.status.value,
        reason=quote.reason,
        people=[ctx.people[pid] for pid in quote.people if pid in ctx.people],
    )


def author_page(author: Author, ctx: _Context) -> str:
    works = ctx.works_of.get(author.id, [])
    credited_on = [s for s in ctx.named_on.get(author.id, []) if s not in works]
    # An orphan: reached from its group page and source pages, not from a toctree.
    out = ["---", "orphan: true", "---", "", f"# {escape(author.display_name)}", ""]
    out += [f"```{{index}} {_index_text(author.name)}", "```", ""]
    if author.variants:
        out += ["Also cited as: " + ", ".join(escape(v) for v in author.variants), ""]
    out += ["## Works", ""]
    for work in [*works, *credited_on]:
        count = len(ctx.corpus.quotes_of(work.id))
        out.append(f"- {_source_link(work)}, {work.year or 'n.d.'} ({_plural(count, 'quote')})")
    coauthors: dict[str, None] = {}
    for work in [*works, *credited_on]:
        for name in all_names(work):
            if name != author.name:
                coauthors.setdefault(name, None)
    if coauthors:
        out += ["", "## Co-authors, editors and translators", ""]
        out += [f"- [{escape(_display(name))}]({ctx.author_ids[name]}.md)" for name in coauthors]
    return "\n".join(out) + "\n"


def _index_text(text: str) -> str:
    # The index directive reads "single: text"; semicolons and "!" are syntax.
    return "single: " + text.replace(";", ",").replace("!", "")


def _initial(name: str) -> str:
    """The letter a name is filed under: its first letter, accents folded; ``#`` otherwise."""
    folded = slugify(name[:1]) if name[:1].isalpha() else ""
    return folded[:1].upper() if folded != "untitled" and folded[:1].isalpha() else "#"


def _group_pages(initials: Iterable[str], taken: Iterable[str]) -> dict[str, str]:
    """Initial → name of its group page in the folder, never an id in use there."""
    used = set(taken)
    pages: dict[str, str] = {}
    for initial in sorted(set(initials)):
        name = "letter-" + ("other" if initial == "#" else initial.lower())
        while name in used:
            name += "-list"
        used.add(name)
        pages[initial] = name
    return pages


# Navigation is bounded: the site's toctree reaches the index pages and one page
# per initial, never the source and author pages themselves (they are orphans
# reached from the group pages), so the sidebar that furo renders into every
# page does not grow with the corpus and a build stays linear in its size.


def _source_groups(ctx: _Context) -> dict[str, list[Source]]:
    groups: dict[str, list[Source]] = defaultdict(list)
    for source in ctx.ordered_sources():
        names = credited(source)
        groups[_initial(names[0]) if names else "#"].append(source)
    return groups


def _source_item(source: Source, ctx: _Context) -> str:
    names = credited(source)
    who = escape("; ".join(names)) if names else "Anonymous"
    count = len(ctx.corpus.quotes_of(source.id))
    return f"- {who}: {_source_link(source)} ({source.year or 'n.d.'}, {_plural(count, 'quote')})"


def _letter_list(groups: dict[str, list[Any]], pages: dict[str, str], word: str) -> list[str]:
    items = [
        f"- [{escape(initial)}]({pages[initial]}.md) ({_plural(len(members), word)})"
        for initial, members in sorted(groups.items())
    ]
    return (
        [*items, "", "```{toctree}", ":hidden:", ""]
        + [pages[initial] for initial in sorted(groups)]
        + ["```", ""]
    )


def sources_index(ctx: _Context) -> str:
    groups = _source_groups(ctx)
    pages = _group_pages(groups, (s.id for s in ctx.corpus.sources))
    out = [
        "# Sources",
        "",
        f"{_plural(len(ctx.corpus.sources), 'source')}, grouped by the initial of the name "
        "credited first.",
        "",
    ]
    return "\n".join(out + _letter_list(groups, pages, "source"))


def _letter_pages(
    folder: str,
    heading: str,
    groups: dict[str, list[T]],
    pages: dict[str, str],
    item: Callable[[T], str],
) -> dict[str, str]:
    """``<folder>/letter-x.md`` pages: the entries filed under one initial."""
    return {
        f"{folder}/{pages[initial]}.md": "\n".join(
            [f"# {heading}: {escape(initial)}", "", *(item(member) for member in members)]
        )
        + "\n"
        for initial, members in groups.items()
    }


def source_group_pages(ctx: _Context) -> dict[str, str]:
    """``sources/letter-x.md`` pages: the sources filed under one initial."""
    groups = _source_groups(ctx)
    pages = _group_pages(groups, (s.id for s in ctx.corpus.sources))
    return _letter_pages("sources", "Sources", groups, pages, lambda s: _source_item(s, ctx))


def _author_groups(ctx: _Context) -> dict[str, list[Author]]:
    groups: dict[str, list[Author]] = defaultdict(list)
    for author in sorted(ctx.corpus.authors, key=lambda a: a.name.lower()):
        groups[_initial(author.name)].append(author)
    return groups


def authors_index(ctx: _Context) -> str:
    groups = _author_groups(ctx)
    pages = _group_pages(groups, (a.id for a in ctx.corpus.authors))
    out = [
        "# Authors",
        "",
        "Everyone credited on a work: authors, editors and translators, grouped by initial.",
        "",
    ]
    return "\n".join(out + _letter_list(groups, pages, "name"))


def author_group_pages(ctx: _Context) -> dict[str, str]:
    """``authors/letter-x.md`` pages: the names filed under one initial."""
    groups = _author_groups(ctx)
    pages = _group_pages(groups, (a.id for a in ctx.corpus.authors))

    def item(author: Author) -> str:
        count = len(ctx.works_of.get(author.id, []))
        return f"- [{escape(author.name)}]({author.id}.md) ({_plural(count, 'work')})"

    return _letter_pages("authors", "Authors", groups, pages, item)


def people_page(ctx: _Context) -> str:
    out = [
        "# People",
        "",
        "People named in the quoted words, with every quote that names them. Spelling "
        "variants of one name are listed together.",
        "",
    ]
    quotes_naming: dict[str, list[Quote]] = defaultdict(list)
    for quote in ctx.corpus.quotes:
        for pid in quote.people:
            quotes_naming[pid].append(quote)
    position = {source.id: n for n, source in enumerate(ctx.ordered_sources())}
    for person in ctx.corpus.people:
        quotes = quotes_naming.get(person.id, [])
        out += [f"## {escape(person.display_name)}", ""]
        out += [f"```{{index}} {_index_text(person.name)}", "```", ""]
        if person.description:
            out += [escape(person.description), ""]
        # One line of facts, then one line per work: a person named in ten quotes
        # from four works takes four lines, not ten.
        facts = []
        if person.variants:
            facts.append("Named as " + ", ".join(escape(v) for v in person.variants))
        facts.append(_plural(len(quotes), "quote"))
        out += ["```{rst-class} qb-person-facts", "```", "", " · ".join(facts), ""]
        by_source: dict[str, list[Quote]] = defaultdict(list)
        for quote in quotes:
            by_source[quote.source_id].append(quote)
        out += ["```{rst-class} qb-person-quotes", "```", ""]
        for source_id in sorted(by_source, key=lambda sid: position.get(sid, len(position))):
            links = ", ".join(_locator_link(q) for q in by_source[source_id])
            out.append(f"- {{qb:source}}`{source_id}`: {links}")
        out.append("")
    return "\n".join(out)


def _locator_link(quote: Quote) -> str:
    """A link to a quote that shows only its page, when the page can be a role title."""
    label = quote.locator.label()
    if not label or re.search(r"[`<>\\]", label):
        return f"{{qb:quote}}`{quote.id}`"
    return f"{{qb:quote}}`{label} <{quote.id}>`"


def years_page(ctx: _Context) -> str:
    out = ["# By year", "", "Sources by year of publication.", ""]
    by_year: dict[str, list[Source]] = defaultdict(list)
    for source in ctx.ordered_sources():
        by_year[str(source.year) if source.year else "No date"].append(source)
    for year in sorted(by_year, key=lambda y: (not y.isdigit(), y)):
        out += [f"## {year}", ""]
        out += [f"- {_source_link(s)}" for s in by_year[year]]
        out.append("")
    return "\n".join(out)


def bibliography_page(ctx: _Context) -> str:
    out = ["# Bibliography", "", "Every work quoted, in Chicago notes-bibliography style.", ""]
    entries = sorted(ctx.corpus.sources, key=lambda s: bibliography_entry(s).plain().lower())
    for source in entries:
        out.append(f"- {_styled(bibliography_entry(source))} ({_source_link(source)})")
    out += ["", *download_links(), ""]
    return "\n".join(out)


def review_page(ctx: _Context) -> str:
    uncertain = [q for q in ctx.corpus.quotes if q.status is Status.UNCERTAIN]
    out = [
        "# Attribution review",
        "",
        "Quotebook never guesses an attribution. This page lists the quotes whose citation "
        "the text itself puts in doubt, and the corpus lines that no citation covers, with the "
        "reason for each. The words are shown as they stand in the corpus.",
        "",
        f"## Uncertain attributions ({len(uncertain)})",
        "",
    ]
    for quote in uncertain:
        out += [f"- {{qb:quote}}`{quote.id}`: {escape(quote.reason)}"]
    out += ["", f"## Lines without a citation ({len(ctx.corpus.unattributed)})", ""]
    for item in ctx.corpus.unattributed:
        where = f"{item.file}, lines {item.first_line}–{item.last_line}"
        out += [f"### {escape(where)}", "", escape(item.reason), ""]
        out.append(
            quote_directive(
                item.id,
                item.blocks,
                source_id="",
                locator="",
                citation=f"No citation in the corpus ({where}).",
                status="unattributed",
                reason=item.reason,
                people=[ctx.people[pid] for pid in item.people if pid in ctx.people],
            )
        )
    return "\n".join(out)


def home_page(ctx: _Context, title: str) -> str:
    corpus = ctx.corpus
    counts = [
        (len(corpus.sources), "source", "sources/index"),
        (len(corpus.authors), "author", "authors/index"),
        (len(corpus.quotes), "quote", "sources/index"),
        (len(corpus.people), "person named", "people"),
    ]
    out = [
        f"# {escape(title)}",
        "",
        "This collection presents quotations from books, articles and documents, each with "
        "the citation that accompanies it in the corpus. The quoted words are reproduced "
        "exactly; editorial notes are set apart from them, and where the corpus leaves an "
        "attribution unclear, the quote is marked and the reason given.",
        "",
        "```{rst-class} qb-counts",
        "```",
        "",
        " · ".join(
            f"**{n}** {label if n == 1 else label.replace('person', 'people') if 'person' in label else label + 's'}"
            for n, label, _ in counts
        ),
        "",
        "::::{grid} 1 2 3 3",
        ":gutter: 2",
        "",
    ]
    cards = [
        ("Sources", "sources/index", "Every work quoted, with its quotes."),
        ("Authors", "authors/index", "Authors, editors and translators, with their works."),
        ("People", "people", "People named in the quotes."),
        ("By year", "years", "Works by year of publication."),
        ("Bibliography", "bibliography", "References in Chicago style, with downloads."),
        ("Attribution review", "review", "Uncertain attributions and uncited lines."),
    ]
    for name, target, text in cards:
        out += [
            f":::{{grid-item-card}} {name}",
            f":link: {target}",
            ":link-type: doc",
            "",
            text,
            ":::",
            "",
        ]
    out += [
        "::::",
        "",
        "## Downloads",
        "",
        *download_links(),
        "",
        "```{toctree}",
        ":maxdepth: 1",
        ":hidden:",
        "",
        "about",
        "sources/index",
        "authors/index",
        "people",
        "years",
        "bibliography",
        "review",
        "```",
        "",
    ]
    return "\n".join(out)


def book_page(ctx: _Context, title: str) -> str:
    """The printed book's master document: one chapter per source."""
    out = [
        "---",
        "orphan: true",
        "---",
        "",
        f"# {escape(title)}",
        "",
        "```{toctree}",
        ":maxdepth: 1",
        "",
        "about",
    ]
    out += [f"sources/{source.id}" for source in ctx.ordered_sources()]
    out += ["bibliography", "review", "```", ""]
    return "\n".join(out)


def render_pages(corpus: Corpus, title: str = "A Collection of Quotations") -> dict[str, str]:
    """Every generated page: relative path → MyST text."""
    ctx = _Context(corpus)
    pages: dict[str, str] = {
        "index.md": home_page(ctx, title),
        "sources/index.md": sources_index(ctx),
        "authors/index.md": authors_index(ctx),
        "people.md": people_page(ctx),
        "years.md": years_page(ctx),
        "bibliography.md": bibliography_page(ctx),
        "review.md": review_page(ctx),
        "book.md": book_page(ctx, title),
    }
    ordered = ctx.ordered_sources()
    for position, source in enumerate(ordered):
        previous = ordered[position - 1] if position > 0 else None
        following = ordered[position + 1] if position + 1 < len(ordered) else None
        pages[f"sources/{source.id}.md"] = source_page(source, ctx, previous, following)
    for author in corpus.authors:
        pages[f"authors/{author.id}.md"] = author_page(author, ctx)
    pages.update(source_group_pages(ctx))
    pages.update(author_group_pages(ctx))
    return pages
