"""The editors' YAML files → validated, typed curation records.

``sources.yaml``
    canonical records of works, the citation variants each absorbs, and the
    canonical spelling of author names.
``people.yaml``
    people named in the quoted words, with their spelling variants.
``attributions.yaml``
    editorial decisions about blocks whose attribution the text leaves unclear.

All three are optional. Every problem becomes a :class:`Diagnostic` with the
file and line; nothing here raises for bad data.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quotebook.citations import normalise_space
from quotebook.model import Diagnostic, Level, Person, SourceKind
from quotebook.yamlfile import YamlMap, YamlProblem, check_keys, line_of, load_yaml

SOURCES_FILE = "sources.yaml"
PEOPLE_FILE = "people.yaml"
ATTRIBUTIONS_FILE = "attributions.yaml"
CURATION_FILES = (SOURCES_FILE, PEOPLE_FILE, ATTRIBUTIONS_FILE)

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SOURCE_KEYS = [
    "id",
    "authors",
    "editors",
    "translators",
    "title",
    "subtitle",
    "container",
    "place",
    "publisher",
    "year",
    "copyright",
    "date",
    "volume",
    "kind",
    "note",
    "variants",
]
_PERSON_KEYS = ("id", "name", "variants", "description", "note", "except")
_AUTHOR_KEYS = ("name", "variants")
_DECISION_KEYS = ("block", "action", "at", "to", "reason")
ACTIONS = ("split", "unattributed", "uncertain", "confirm")


@dataclass(frozen=True)
class SourceRecord:
    """One work as the editors describe it in ``sources.yaml``."""

    id: str
    title: str
    authors: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()
    translators: tuple[str, ...] = ()
    subtitle: str = ""
    container: str = ""
    place: str = ""
    publisher: str = ""
    year: int | None = None
    copyright: bool = False
    date: str = ""
    volume: str = ""
    kind: SourceKind = SourceKind.BOOK
    note: str = ""
    #: Citation lines (locator removed, spaces normalised) this record absorbs.
    variants: tuple[str, ...] = ()
    #: Where the record starts, for messages.
    line: int = 0


@dataclass(frozen=True)
class AuthorRecord:
    """The canonical spelling of an author and the spellings it replaces."""

    name: str
    variants: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class Decision:
    """An editorial decision about one block of the corpus.

    The block is named by content: a quote id (``q-…``) or the first words of
    the block's first paragraph, never by line number.
    """

    action: str
    block: str
    #: ``split``: first words of the paragraph where the cited part starts.
    #: ``unattributed``: first words of the first paragraph of the range.
    at: str = ""
    #: ``unattributed``: first words of the last paragraph of the range.
    to: str = ""
    reason: str = ""
    file: str = ""
    line: int = 0


@dataclass(frozen=True)
class Curation:
    sources: tuple[SourceRecord, ...] = ()
    authors: tuple[AuthorRecord, ...] = ()
    people: tuple[Person, ...] = ()
    decisions: tuple[Decision, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    #: Display paths of the YAML files that were read.
    files: tuple[str, ...] = field(default=())

    def source_for_variant(self) -> dict[str, SourceRecord]:
        return {variant_key(v): record for record in self.sources for v in record.variants}

    def canonical_names(self) -> dict[str, str]:
        return {
            normalise_space(variant): author.name
            for author in self.authors
            for variant in author.variants
        }


#: Characters no output can carry faithfully: C0 controls other than tab and line
#: ends (XML forbids them), DEL and C1 controls (usually Windows-1252 decoded
#: as Latin-1), the Unicode line and paragraph separators (docutils and MyST
#: split lines on them, so a quote would change shape), and the noncharacters
#: U+FFFE/U+FFFF. Quoted words are never changed, so these are errors, not fixes.
UNPUBLISHABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")


def describe_character(char: str) -> str:
    """``U+0007 (BELL)``: how a message names an invisible character."""
    name = unicodedata.name(char, "") or _CONTROL_NAMES.get(char, "a control character")
    return f"U+{ord(char):04X} ({name})"


_CONTROL_NAMES = {
    "\x00": "NULL",
    "\x07": "BELL",
    "\x08": "BACKSPACE",
    "\x0b": "LINE TABULATION",
    "\x0c": "FORM FEED",
    "\x1b": "ESCAPE",
    "\x7f": "DELETE",
    "\x85": "NEXT LINE",
}


def unpublishable_message(char: str) -> str:
    hint = ""
    if "\x80" <= char <= "\x9f":
        hint = " (it is often a Windows-1252 character, such as a curly quote, read as Latin-1)"
    return (
        f"the character {describe_character(char)} cannot be published: HTML, XML and LaTeX "
        f"cannot carry it, or it would split the line; remove it from the text{hint}"
    )


def variant_key(text: str) -> str:
    """How citation variants are compared: spaces normalised, end punctuation dropped."""
    return normalise_space(text).rstrip(" ,.")


def load_curation(directory: Path | None, display_dir: str) -> Curation:
    """Read whichever curation files exist in ``directory``."""
    if directory is None:
        return Curation()
    diagnostics: list[Diagnostic] = []
    files: list[str] = []
    loaded: dict[str, Any] = {}
    for name in CURATION_FILES:
        path = directory / name
        display = f"{display_dir.rstrip('/')}/{name}" if display_dir else name
        if not path.is_file():
            if path.is_symlink() or path.exists():
                # A folder, a broken or looping link: the editors meant a file here.
                diagnostics.append(
                    _error(
                        YamlProblem(
                            display,
                            0,
                            "is not a readable file (a folder or a link "
                            "to nothing); it must be a YAML file or be absent",
                        )
                    )
                )
            continue
        files.append(display)
        try:
            loaded[name] = (display, load_yaml(path, display))
        except YamlProblem as problem:
            diagnostics.append(_error(problem))
    sources: list[SourceRecord] = []
    authors: list[AuthorRecord] = []
    people: list[Person] = []
    decisions: list[Decision] = []
    problems: list[YamlProblem] = []
    if SOURCES_FILE in loaded:
        display, data = loaded[SOURCES_FILE]
        sources, authors = _read_sources(data, display, problems)
    if PEOPLE_FILE in loaded:
        display, data = loaded[PEOPLE_FILE]
        people = _read_people(data, display, problems)
    if ATTRIBUTIONS_FILE in loaded:
        display, data = loaded[ATTRIBUTIONS_FILE]
        decisions = _read_decisions(data, display, problems)
    diagnostics.extend(_error(problem) for problem in problems)
    return Curation(
        tuple(sources),
        tuple(authors),
        tuple(people),
        tuple(decisions),
        tuple(diagnostics),
        tuple(files),
    )


def _error(problem: YamlProblem) -> Diagnostic:
    return Diagnostic(
        problem.file, problem.line, Level.ERROR, problem.message, problem.column, "curation"
    )


def _top_level(
    data: Any, file: str, allowed: tuple[str, ...], problems: list[YamlProblem]
) -> YamlMap | None:
    if data is None:
        return None
    if not isinstance(data, YamlMap):
        problems.append(
            YamlProblem(file, 1, f"expected a mapping with the keys {', '.join(allowed)}")
        )
        return None
    problems.extend(check_keys(data, allowed, (), file, "the file"))
    return data


def _records(data: YamlMap, key: str, file: str, problems: list[YamlProblem]) -> list[YamlMap]:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        problems.append(YamlProblem(file, line_of(data, key), f"{key!r} must be a list"))
        return []
    records = []
    for item in value:
        if isinstance(item, YamlMap):
            records.append(item)
        else:
            problems.append(
                YamlProblem(file, line_of(data, key), f"each entry of {key!r} must be a mapping")
            )
    return records


def _text(record: YamlMap, key: str, file: str, problems: list[YamlProblem]) -> str:
    value = record.get(key, "")
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        problems.append(YamlProblem(file, line_of(record, key), f"{key!r} must be text"))
        return ""
    return _publishable(str(value), record, key, file, problems)


def _publishable(
    value: str, record: YamlMap, key: str, file: str, problems: list[YamlProblem]
) -> str:
    bad = UNPUBLISHABLE.search(value)
    if bad:
        problems.append(
            YamlProblem(file, line_of(record, key), f"{key!r}: {unpublishable_message(bad[0])}")
        )
    return value


def _texts(record: YamlMap, key: str, file: str, problems: list[YamlProblem]) -> tuple[str, ...]:
    value = record.get(key, [])
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(YamlProblem(file, line_of(record, key), f"{key!r} must be a list of texts"))
        return ()
    if not all(v.strip() for v in value):
        # An empty name or spelling would match everything (or name nobody).
        problems.append(YamlProblem(file, line_of(record, key), f"{key!r} holds an empty text"))
        return tuple(v for v in value if v.strip())
    return tuple(_publishable(v, record, key, file, problems) for v in value)


def _required_text(record: YamlMap, key: str, file: str, problems: list[YamlProblem]) -> str:
    """A required value: missing keys are reported by ``check_keys``, empty ones here."""
    value = _text(record, key, file, problems)
    if key in record and not value.strip():
        problems.append(YamlProblem(file, line_of(record, key), f"{key!r} must not be empty"))
    return value


def _slug(record: YamlMap, file: str, problems: list[YamlProblem], what: str) -> str:
    value = _required_text(record, "id", file, problems)
    if value and not _SLUG.match(value):
        problems.append(
            YamlProblem(
                file,
                line_of(record, "id"),
                f"{what} id {value!r} must be lowercase letters, digits and single hyphens",
            )
        )
    return value


def _claim_id(
    seen: dict[str, int],
    record_id: str,
    record: YamlMap,
    what: str,
    file: str,
    problems: list[YamlProblem],
) -> None:
    """Report a second record with the same id."""
    if record_id in seen:
        problems.append(
            YamlProblem(
                file,
                line_of(record, "id"),
                f"duplicate {what} id {record_id!r} (first at line {seen[record_id]})",
            )
        )
    seen[record_id] = record.line


def _claim_variants(
    seen: dict[str, str],
    variants: tuple[str, ...],
    owner: str,
    record: YamlMap,
    what: str,
    file: str,
    problems: list[YamlProblem],
) -> None:
    """Report a spelling that two records claim (compared with spaces normalised)."""
    for variant in variants:
        key = variant_key(variant)
        if key in seen and seen[key] != owner:
            problems.append(
                YamlProblem(
                    file,
                    line_of(record, "variants"),
                    f"{what} {variant!r} is claimed by both {seen[key]!r} and {owner!r}",
                )
            )
        seen[key] = owner


def _read_sources(
    data: Any, file: str, problems: list[YamlProblem]
) -> tuple[list[SourceRecord], list[AuthorRecord]]:
    top = _top_level(data, file, ("sources", "authors"), problems)
    if top is None:
        return [], []
    authors: list[AuthorRecord] = []
    seen_author_variants: dict[str, str] = {}
    for record in _records(top, "authors", file, problems):
        problems.extend(check_keys(record, _AUTHOR_KEYS, ("name",), file, "an author"))
        author = AuthorRecord(
            _required_text(record, "name", file, problems),
            _texts(record, "variants", file, problems),
            record.line,
        )
        _claim_variants(
            seen_author_variants,
            author.variants,
            author.name,
            record,
            "author name variant",
            file,
            problems,
        )
        authors.append(author)

    sources: list[SourceRecord] = []
    seen_ids: dict[str, int] = {}
    seen_variants: dict[str, str] = {}
    for record in _records(top, "sources", file, problems):
        problems.extend(check_keys(record, _SOURCE_KEYS, ("id", "title"), file, "a source"))
        source_id = _slug(record, file, problems, "source")
        _claim_id(seen_ids, source_id, record, "source", file, problems)
        year_value = record.get("year")
        year: int | None = None
        if isinstance(year_value, int) and not isinstance(year_value, bool):
            year = year_value
        elif year_value is not None:
            problems.append(
                YamlProblem(file, line_of(record, "year"), "'year' must be a number or null")
            )
        kind_text = _text(record, "kind", file, problems) or SourceKind.BOOK.value
        try:
            kind = SourceKind(kind_text)
        except ValueError:
            problems.append(
                YamlProblem(
                    file,
                    line_of(record, "kind"),
                    f"unknown kind {kind_text!r}; expected one of: "
                    + ", ".join(k.value for k in SourceKind),
                )
            )
            kind = SourceKind.BOOK
        copyright_value = record.get("copyright", False)
        if not isinstance(copyright_value, bool):
            problems.append(
                YamlProblem(file, line_of(record, "copyright"), "'copyright' must be true or false")
            )
            copyright_value = False
        variants = _texts(record, "variants", file, problems)
        _claim_variants(
            seen_variants, variants, source_id, record, "citation variant", file, problems
        )
        sources.append(
            SourceRecord(
                id=source_id,
                title=_required_text(record, "title", file, problems),
                authors=_texts(record, "authors", file, problems),
                editors=_texts(record, "editors", file, problems),
                translators=_texts(record, "translators", file, problems),
                subtitle=_text(record, "subtitle", file, problems),
                container=_text(record, "container", file, problems),
                place=_text(record, "place", file, problems),
                publisher=_text(record, "publisher", file, problems),
                year=year,
                copyright=copyright_value,
                date=_text(record, "date", file, problems),
                volume=_text(record, "volume", file, problems),
                kind=kind,
                note=_text(record, "note", file, problems),
                variants=variants,
                line=record.line,
            )
        )
    return sources, authors


def _read_people(data: Any, file: str, problems: list[YamlProblem]) -> list[Person]:
    top = _top_level(data, file, ("people",), problems)
    if top is None:
        return []
    people: list[Person] = []
    seen_ids: dict[str, int] = {}
    seen_variants: dict[str, str] = {}
    for record in _records(top, "people", file, problems):
        problems.extend(check_keys(record, _PERSON_KEYS, ("id", "name"), file, "a person"))
        person_id = _slug(record, file, problems, "person")
        _claim_id(seen_ids, person_id, record, "person", file, problems)
        variants = _texts(record, "variants", file, problems)
        _claim_variants(seen_variants, variants, person_id, record, "spelling", file, problems)
        people.append(
            Person(
                id=person_id,
                name=_required_text(record, "name", file, problems),
                variants=variants,
                description=_text(record, "description", file, problems),
                exceptions=_texts(record, "except", file, problems),
            )
        )
    return people


def _read_decisions(data: Any, file: str, problems: list[YamlProblem]) -> list[Decision]:
    top = _top_level(data, file, ("decisions",), problems)
    if top is None:
        return []
    decisions: list[Decision] = []
    for record in _records(top, "decisions", file, problems):
        problems.extend(check_keys(record, _DECISION_KEYS, ("block", "action"), file, "a decision"))
        action = _text(record, "action", file, problems)
        if action and action not in ACTIONS:
            problems.append(
                YamlProblem(
                    file,
                    line_of(record, "action"),
                    f"unknown action {action!r}; expected one of: {', '.join(ACTIONS)}",
                )
            )
            continue
        decision = Decision(
            action=action,
            block=normalise_space(_text(record, "block", file, problems)),
            at=normalise_space(_text(record, "at", file, problems)),
            to=normalise_space(_text(record, "to", file, problems)),
            reason=_text(record, "reason", file, problems).strip(),
            file=file,
            line=record.line,
        )
        if action == "split" and not decision.at:
            problems.append(
                YamlProblem(
                    file,
                    record.line,
                    "a 'split' decision needs 'at': the first words "
                    "of the paragraph where the cited part starts",
                )
            )
            continue
        if action in ("split", "unattributed", "uncertain") and not decision.reason:
            problems.append(
                YamlProblem(file, record.line, f"a {action!r} decision needs a 'reason'")
            )
        decisions.append(decision)
    return decisions
