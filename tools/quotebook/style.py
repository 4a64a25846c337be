"""References in one consistent style: Chicago notes-bibliography.

Functions return plain text split into ``(before, title, after)`` parts so a
writer can set the title in italics (or quotes, for articles) in its own markup
without ever re-parsing the text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from quotebook.model import Locator, Source, SourceKind, display_name


@dataclass(frozen=True)
class Styled:
    """A reference in three parts; ``title_quoted`` for article titles."""

    before: str
    title: str
    after: str
    title_quoted: bool = False

    def plain(self) -> str:
        title = f"“{self.title}”" if self.title_quoted else self.title
        return f"{self.before}{title}{self.after}"


def join_names(names: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B, and C``."""
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def bibliography_names(names: Sequence[str]) -> str:
    """First name inverted, the others in natural order (Chicago bibliography)."""
    if not names:
        return ""
    rest = [display_name(name) for name in names[1:]]
    first = names[0]
    if not rest:
        return first
    if len(rest) == 1:
        return f"{first}, and {rest[0]}"
    return f"{first}, " + ", ".join(rest[:-1]) + f", and {rest[-1]}"


def _imprint(source: Source) -> str:
    year = str(source.year) if source.year else "n.d."
    place_publisher = ": ".join(part for part in (source.place, source.publisher) if part)
    return f"{place_publisher}, {year}" if place_publisher else year


def _roles(source: Source, lead: str) -> str:
    """``Edited by …`` / ``Translated by …`` for roles not credited first."""
    parts = []
    if source.translators and lead != "translators":
        parts.append("Translated by " + join_names([display_name(n) for n in source.translators]))
    if source.editors and lead != "editors":
        parts.append("Edited by " + join_names([display_name(n) for n in source.editors]))
    return "".join(f" {part}." for part in parts)


def _lead(source: Source) -> tuple[tuple[str, ...], str]:
    if source.authors:
        return source.authors, "authors"
    if source.editors:
        return source.editors, "editors"
    return source.translators, "translators"


def _role_suffix(source: Source, lead: str, count: int) -> str:
    if lead == "editors" and source.translators == source.editors:
        return ", trans. and eds." if count > 1 else ", trans. and ed."
    if lead == "editors":
        return ", eds." if count > 1 else ", ed."
    if lead == "translators":
        return ", trans."
    return ""


def bibliography_entry(source: Source) -> Styled:
    """``Sayers, Michael, and Albert E. Kahn. *The Great Conspiracy*. Boston: …, 1946.``"""
    names, lead = _lead(source)
    who = bibliography_names(names) + _role_suffix(source, lead, len(names))
    before = f"{who.rstrip('.')}. " if who else ""
    if source.kind is SourceKind.ARTICLE:
        after = f" {source.container}" if source.container else ""
        after += f", {source.date}." if source.date else f", {source.year or 'n.d.'}."
        return Styled(before, _end_title(source.title), after, title_quoted=True)
    after = "." + _roles(source, lead) + f" {_imprint(source)}."
    if source.title.endswith(("?", "!")):
        after = after[1:]
    return Styled(before, source.title, after)


def _end_title(title: str) -> str:
    return title if title.endswith((".", "?", "!")) else f"{title}."


def note(source: Source, locator: Locator | None = None) -> Styled:
    """A full note: ``Michael Sayers and Albert E. Kahn, *The Great Conspiracy* (Boston: …, 1946), p. 185.``"""
    names, lead = _lead(source)
    who = join_names([display_name(name) for name in names])
    who += _role_suffix(source, lead, len(names))
    before = f"{who}, " if who else ""
    where = f", {locator.label()}" if locator is not None and locator.label() else ""
    if source.kind is SourceKind.ARTICLE:
        container = f" {source.container}," if source.container else ""
        date = source.date or str(source.year or "n.d.")
        return Styled(before, f"{source.title},", f"{container} {date}{where}.", title_quoted=True)
    roles = ""
    if source.translators and lead != "translators":
        roles += ", trans. " + join_names([display_name(n) for n in source.translators])
    if source.editors and lead != "editors":
        roles += ", ed. " + join_names([display_name(n) for n in source.editors])
    return Styled(before, source.title, f"{roles} ({_imprint(source)}){where}.")


def short_names(source: Source) -> str:
    """``Sayers and Kahn``, ``Getty et al.``: family names of those credited first."""
    names, _ = _lead(source)
    families = [name.partition(",")[0] for name in names]
    if len(families) > 2:
        return f"{families[0]} et al."
    return " and ".join(families)


def short_label(source: Source, locator: Locator | None = None) -> str:
    """``Sayers and Kahn, The Great Conspiracy, p. 185`` (for link texts)."""
    parts = [part for part in (short_names(source), source.short_title) if part]
    if locator is not None and locator.label():
        parts.append(locator.label())
    return ", ".join(parts)
