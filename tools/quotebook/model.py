"""The typed records every part of Quotebook shares.

Readers fill them, writers render them; nothing here does I/O. All records are
frozen so that a parsed corpus can be passed around (and cached) safely.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum


class Level(StrEnum):
    """Severity of a :class:`Diagnostic`."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem found in the input, always tied to a place in a file."""

    #: Path of the file as given to the reader (relative where possible).
    file: str
    #: 1-based line number, 0 when the problem concerns the whole file.
    line: int
    #: ``error`` (exit status 1), ``warning`` or ``info`` (exit status 0).
    level: Level
    #: A plain sentence for the editor, naming what is wrong and what to do.
    message: str
    #: 1-based column where it helps (invalid bytes, YAML positions).
    column: int | None = None
    #: A short machine-readable kind, e.g. ``uncertain-attribution``.
    code: str = ""

    def format(self) -> str:
        place = f"{self.file}:{self.line}"
        if self.column:
            place += f":{self.column}"
        return f"{place}: {self.level.value}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "level": self.level.value,
            "file": self.file,
            "line": self.line,
            "message": self.message,
        }
        if self.column:
            data["column"] = self.column
        if self.code:
            data["code"] = self.code
        return data


@dataclass(frozen=True)
class PageSpan:
    """One page or one range of pages, spelled as in the citation."""

    #: First page as written: ``"185"``, ``"xi"``.
    start: str
    #: Last page as written (``"09"`` in ``308-09``), or ``None`` for one page.
    end: str | None = None

    @property
    def is_range(self) -> bool:
        return self.end is not None

    def label(self) -> str:
        return self.start if self.end is None else f"{self.start}–{self.end}"

    def count(self) -> int:
        """Number of pages spanned (1 when it cannot be computed)."""
        if self.end is None or not (self.start.isdigit() and self.end.isdigit()):
            return 1
        first, last = int(self.start), self.end
        # "308-09": the end abbreviates the start's leading digits.
        full_last = int(self.start[: len(self.start) - len(last)] + last)
        return max(1, full_last - first + 1)


@dataclass(frozen=True)
class Locator:
    """Where in a work a quote is found."""

    #: Pages, page ranges, or a list of them, in the order cited.
    pages: tuple[PageSpan, ...] = ()
    #: Volume number as written (``"13"``), if the citation names one.
    volume: str | None = None
    #: An alternative pagination, e.g. ``"p. 120 on the NET"``.
    alternative: str | None = None
    #: The locator text exactly as in the citation line.
    raw: str = ""

    def label(self) -> str:
        """The locator as a reader would cite it: ``vol. 13, p. 110``."""
        parts: list[str] = []
        if self.volume:
            parts.append(f"vol. {self.volume}")
        if self.pages:
            several = len(self.pages) > 1 or self.pages[0].is_range
            prefix = "pp." if several else "p."
            parts.append(f"{prefix} " + ", ".join(span.label() for span in self.pages))
        text = ", ".join(parts) if parts else self.raw
        if self.alternative:
            text += f" [{self.alternative}]"
        return text

    def page_count(self) -> int:
        return sum(span.count() for span in self.pages) or 1


class SourceKind(StrEnum):
    BOOK = "book"
    ARTICLE = "article"
    CHAPTER = "chapter"
    DOCUMENT = "document"
    COLLECTION = "collection"


@dataclass(frozen=True)
class CitationFields:
    """Everything one citation line says, before any curation."""

    #: The line as in the corpus, surrounding whitespace removed.
    raw: str
    #: Names credited first, ``"Family, Given"`` or ``"Family"``.
    authors: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()
    translators: tuple[str, ...] = ()
    title: str = ""
    subtitle: str = ""
    #: Periodical or collection an article appears in.
    container: str = ""
    place: str = ""
    publisher: str = ""
    year: int | None = None
    #: True when the year is a copyright date (``c1999``).
    copyright: bool = False
    #: A full date for periodical articles (``"August 7, 1935"``).
    date: str = ""
    kind: SourceKind = SourceKind.BOOK
    #: True when the authors named are really the editors/translators.
    credited_as_editors: bool = False
    locator: Locator = field(default_factory=Locator)


@dataclass(frozen=True)
class Source:
    """One work: a book, an article, a document collection."""

    #: Stable slug ``[a-z0-9-]+``: family names, year, title words.
    id: str
    #: Names credited first on the work, ``"Family, Given"``.
    authors: tuple[str, ...]
    editors: tuple[str, ...]
    translators: tuple[str, ...]
    #: Full title, subtitle included.
    title: str
    subtitle: str
    container: str
    place: str
    publisher: str
    year: int | None
    copyright: bool
    volume: str
    kind: SourceKind
    #: Every citation line variant that names this work, in corpus order.
    raw_citations: tuple[str, ...]
    date: str = ""
    #: Editorial remark from the registry (shown on the source page).
    note: str = ""
    #: True when a registry record describes the work (not only a citation line).
    curated: bool = False

    @property
    def short_title(self) -> str:
        return self.title.split(":")[0].split(";")[0].strip()


@dataclass(frozen=True)
class Author:
    """A person credited on at least one work."""

    #: Slug of the full name.
    id: str
    #: ``"Family, Given"`` or ``"Family"``.
    name: str
    #: Other spellings that name the same person in citations.
    variants: tuple[str, ...] = ()

    @property
    def display_name(self) -> str:
        return display_name(self.name)


@dataclass(frozen=True)
class Person:
    """Somebody named inside the quoted words."""

    id: str
    #: Preferred form, ``"Family, Given"`` or ``"Family"``.
    name: str
    #: Spellings found in the text (``Ordjonikidze``, ``Sergo``).
    variants: tuple[str, ...] = ()
    #: A neutral one-line identification.
    description: str = ""
    #: Phrases in which a variant names something else (``Bubnov Institute``).
    exceptions: tuple[str, ...] = ()

    @property
    def display_name(self) -> str:
        return display_name(self.name)


class BlockKind(StrEnum):
    PARAGRAPH = "paragraph"
    #: An editor's note in square brackets or parentheses, on a line of its own.
    NOTE = "note"
    #: A dialogue turn: ``MOLOTOV: ...``.
    SPEAKER = "speaker"
    FOOTNOTE = "footnote"


@dataclass(frozen=True)
class Block:
    """One corpus line of a quote, typed."""

    kind: BlockKind
    #: The line's words exactly, leading indentation removed.
    text: str
    #: 1-based corpus line.
    line: int
    #: ``text[:label_end]`` is a leading label: the speaker (``MOLOTOV:``), the
    #: footnote marker or a bracketed editorial note opening a paragraph.
    label_end: int = 0

    @property
    def label(self) -> str:
        return self.text[: self.label_end]

    @property
    def body(self) -> str:
        return self.text[self.label_end :]


class Status(StrEnum):
    CITED = "cited"
    UNCERTAIN = "uncertain"


@dataclass(frozen=True)
class Quote:
    """Quoted words closed by one citation."""

    #: ``q-`` and a hash of the source id and the words: stable under edits
    #: elsewhere in the corpus.
    id: str
    source_id: str
    locator: Locator
    status: Status
    blocks: tuple[Block, ...]
    file: str
    first_line: int
    last_line: int
    citation_line: int
    #: Why the attribution is uncertain, or the editor's confirmation.
    reason: str = ""
    #: Ids of people named in the words.
    people: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "\n\n".join(block.text for block in self.blocks)


@dataclass(frozen=True)
class Unattributed:
    """Corpus lines that no citation covers."""

    id: str
    blocks: tuple[Block, ...]
    file: str
    first_line: int
    last_line: int
    reason: str = ""
    people: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "\n\n".join(block.text for block in self.blocks)


@dataclass(frozen=True)
class Corpus:
    """The whole parsed collection."""

    sources: tuple[Source, ...]
    authors: tuple[Author, ...]
    people: tuple[Person, ...]
    #: In corpus order (file, line).
    quotes: tuple[Quote, ...]
    unattributed: tuple[Unattributed, ...]
    diagnostics: tuple[Diagnostic, ...]
    #: The corpus files read, in order.
    files: tuple[str, ...] = ()

    def source(self, source_id: str) -> Source:
        return self._sources_by_id[source_id]

    def quotes_of(self, source_id: str) -> tuple[Quote, ...]:
        return self._quotes_by_source.get(source_id, ())

    @property
    def _sources_by_id(self) -> dict[str, Source]:
        return _index(self, "_source_index", lambda: {s.id: s for s in self.sources})

    @property
    def _quotes_by_source(self) -> dict[str, tuple[Quote, ...]]:
        def build() -> dict[str, tuple[Quote, ...]]:
            grouped: dict[str, list[Quote]] = {}
            for quote in self.quotes:
                grouped.setdefault(quote.source_id, []).append(quote)
            return {key: tuple(value) for key, value in grouped.items()}

        return _index(self, "_quote_index", build)

    @property
    def has_errors(self) -> bool:
        return any(d.level is Level.ERROR for d in self.diagnostics)


def _index(obj: object, name: str, build):  # type: ignore[no-untyped-def]
    """Memoise a derived lookup table on a frozen record."""
    cached = obj.__dict__.get(name)
    if cached is None:
        cached = build()
        object.__setattr__(obj, name, cached)
    return cached


def display_name(name: str) -> str:
    """``"Kahn, Albert E."`` → ``"Albert E. Kahn"``."""
    family, _, given = name.partition(", ")
    return f"{given} {family}" if given else family


_SLUG_DROP = re.compile(r"[^a-z0-9]+")
#: Letters that Unicode decomposition does not reduce to ASCII; Cyrillic is
#: transliterated (simplified BGN/PCGN) so that Russian titles keep readable ids.
_TRANSLITERATION = str.maketrans(
    {
        "ł": "l",
        "đ": "d",
        "ø": "o",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
        "ð": "d",
        "ı": "i",
        "а": "a",
        "б": "b",
        "в": "v",
        "г": "g",
        "д": "d",
        "е": "e",
        "ё": "e",
        "ж": "zh",
        "з": "z",
        "и": "i",
        "й": "y",
        "к": "k",
        "л": "l",
        "м": "m",
        "н": "n",
        "о": "o",
        "п": "p",
        "р": "r",
        "с": "s",
        "т": "t",
        "у": "u",
        "ф": "f",
        "х": "kh",
        "ц": "ts",
        "ч": "ch",
        "ш": "sh",
        "щ": "shch",
        "ъ": "",
        "ы": "y",
        "ь": "",
        "э": "e",
        "ю": "yu",
        "я": "ya",
        "і": "i",
        "ї": "yi",
        "є": "ye",
        "ґ": "g",
    }
)


def slugify(text: str, max_words: int | None = None) -> str:
    """A ``[a-z0-9-]`` slug; accents are folded, everything else dropped."""
    folded = unicodedata.normalize("NFKD", text.lower().translate(_TRANSLITERATION))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    folded = folded.replace("'", "").replace("’", "")
    words = [w for w in _SLUG_DROP.split(folded) if w]
    if max_words is not None:
        words = words[:max_words]
    return "-".join(words) or "untitled"
