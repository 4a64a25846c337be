"""Corpus text (and its curation YAML) → a :class:`~quotebook.model.Corpus`.

The corpus format: paragraphs of quoted words, one per line, each run closed
by a citation line. A citation closes every paragraph since the previous
citation; lines after the last citation are unattributed. Blank lines carry no
meaning. Every non-empty line ends up in exactly one quote, one unattributed
range, or is a citation line: nothing is dropped.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from quotebook.attribution import check_attribution
from quotebook.citations import ParsedCitation, normalise_space, parse_citation, work_key
from quotebook.curation import (
    UNPUBLISHABLE,
    Curation,
    Decision,
    SourceRecord,
    load_curation,
    unpublishable_message,
    variant_key,
)
from quotebook.model import (
    Author,
    Block,
    BlockKind,
    CitationFields,
    Corpus,
    Diagnostic,
    Level,
    Person,
    Quote,
    Source,
    Status,
    Unattributed,
    slugify,
)


class CorpusUnreadable(Exception):
    """The input cannot be read at all (exit status 2)."""

    def __init__(self, file: str, line: int, message: str, column: int | None = None) -> None:
        super().__init__(message)
        self.diagnostic = Diagnostic(file, line, Level.ERROR, message, column, "unreadable")


# --- lines -----------------------------------------------------------------

_INDENT = re.compile(r"^[\s\u00a0\u2007\u202f\ufeff]+")
_SPEAKER = re.compile(r"^(?P<label>[A-Z][A-Z.'’ -]*[A-Z]:)(?!//)")
_FOOTNOTE = re.compile(r"^(?P<label>\[?Footnote:)", re.IGNORECASE)
_WHOLE_NOTE = re.compile(r"^(?:\[[^\[\]]*\]|\([^()]*\))[.:,]?$")
_LEADING_NOTE = re.compile(r"^\[(?P<inner>[^\[\]]+)\](?P<punct>[:,.]?)")


def classify(text: str, line: int) -> Block:
    """Type one corpus line (indentation already removed)."""
    if _WHOLE_NOTE.match(text):
        return Block(BlockKind.NOTE, text, line, len(text))
    footnote = _FOOTNOTE.match(text)
    if footnote:
        return Block(BlockKind.FOOTNOTE, text, line, len(footnote.group("label")))
    speaker = _SPEAKER.match(text)
    if speaker and len(speaker.group("label")) <= 40:
        return Block(BlockKind.SPEAKER, text, line, len(speaker.group("label")))
    leading = _LEADING_NOTE.match(text)
    # "[At the Feb. March 1937 Plenum Stalin stated]: Comrades!" is a note;
    # "[When] the level of tolerance" is a word the editor supplied.
    if leading and (len(leading.group("inner").split()) >= 2 or leading.group("punct")):
        return Block(BlockKind.PARAGRAPH, text, line, leading.end())
    return Block(BlockKind.PARAGRAPH, text, line, 0)


@dataclass
class RawBlock:
    """Paragraphs closed by one citation, before curation."""

    file: str
    blocks: list[Block]
    citation: ParsedCitation | None = None
    citation_line: int = 0
    source_id: str = ""
    #: Heuristic reasons the attribution is doubtful.
    flags: list[str] = field(default_factory=list)


def decode(data: bytes, display: str, encoding: str = "utf-8") -> str:
    """Bytes → text with LF line ends; a BOM is dropped.

    Invalid bytes raise :class:`CorpusUnreadable` naming line and column.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        line_start = data.rfind(b"\n", 0, error.start) + 1
        column = len(data[line_start : error.start].decode(encoding, errors="replace")) + 1
        hint = ""
        if encoding.lower().replace("-", "") in ("utf8", "utf8sig"):
            hint = (
                "; the file may be in another encoding such as Windows-1252: convert it to "
                "UTF-8 or pass --encoding cp1252"
            )
        raise CorpusUnreadable(
            display,
            line,
            f"byte 0x{data[error.start]:02x} is not valid {encoding}{hint}",
            column,
        ) from None
    except LookupError:
        raise CorpusUnreadable(display, 0, f"unknown encoding {encoding!r}") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_blocks(text: str, display: str) -> tuple[list[RawBlock], list[Diagnostic]]:
    """One file's text → raw blocks; the last may have no citation."""
    raw_blocks: list[RawBlock] = []
    diagnostics: list[Diagnostic] = []
    pending: list[Block] = []
    for number, line in enumerate(text.split("\n"), start=1):
        bad = UNPUBLISHABLE.search(line)
        if bad:
            diagnostics.append(
                Diagnostic(
                    display,
                    number,
                    Level.ERROR,
                    unpublishable_message(bad[0]),
                    bad.start() + 1,
                    "unpublishable-character",
                )
            )
        stripped = _INDENT.sub("", line).rstrip()
        if not stripped:
            continue
        citation = parse_citation(stripped)
        if citation is None:
            pending.append(classify(stripped, number))
            continue
        if not pending:
            diagnostics.append(
                Diagnostic(
                    display,
                    number,
                    Level.WARNING,
                    "this citation closes no quoted text (it follows another citation)",
                    code="empty-citation",
                )
            )
        for problem in citation.problems:
            diagnostics.append(
                Diagnostic(display, number, Level.INFO, f"citation: {problem}", code="citation")
            )
        raw_blocks.append(RawBlock(display, pending, citation, number))
        pending = []
    if pending:
        raw_blocks.append(RawBlock(display, pending))
    return raw_blocks, diagnostics


# --- sources and authors ---------------------------------------------------

_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def derived_source_id(fields: CitationFields) -> str:
    """``sayers-kahn-1946-great-conspiracy`` from the citation alone."""
    names = fields.authors or fields.editors or fields.translators
    families = [slugify(name.partition(",")[0]) for name in names[:2]]
    if len(names) > 2:
        families.append("et-al")
    title = slugify(_LEADING_ARTICLE.sub("", fields.title), max_words=4)
    year = str(fields.year) if fields.year else "nd"
    return "-".join([*families, year, title]) if families else f"{year}-{title}"


def _source_from_record(record: SourceRecord, raw: Sequence[str]) -> Source:
    return Source(
        id=record.id,
        authors=record.authors,
        editors=record.editors,
        translators=record.translators,
        title=record.title,
        subtitle=record.subtitle,
        container=record.container,
        place=record.place,
        publisher=record.publisher,
        year=record.year,
        copyright=record.copyright,
        volume=record.volume,
        kind=record.kind,
        raw_citations=tuple(raw),
        date=record.date,
        note=record.note,
        curated=True,
    )


def _source_from_citation(source_id: str, fields: CitationFields, raw: Sequence[str]) -> Source:
    return Source(
        id=source_id,
        authors=fields.authors,
        editors=fields.editors,
        translators=fields.translators,
        title=fields.title,
        subtitle=fields.subtitle,
        container=fields.container,
        place=fields.place,
        publisher=fields.publisher,
        year=fields.year,
        copyright=fields.copyright,
        volume="",
        kind=fields.kind,
        raw_citations=tuple(raw),
        date=fields.date,
    )


def _canonical(names: Iterable[str], canonical: dict[str, str]) -> tuple[str, ...]:
    return tuple(canonical.get(normalise_space(name), name) for name in names)


def credited_names(source: Source) -> tuple[str, ...]:
    """Authors, or the editors/translators when a work has no author."""
    return source.authors or source.editors or source.translators


def resolve_sources(
    raw_blocks: list[RawBlock], curation: Curation
) -> tuple[list[Source], list[Diagnostic]]:
    """Give each block its source id; build the source records."""
    by_variant = curation.source_for_variant()
    canonical = curation.canonical_names()
    raw_by_source: dict[str, list[str]] = {}
    derived: dict[str, CitationFields] = {}
    key_to_derived: dict[str, str] = {}
    diagnostics: list[Diagnostic] = []
    uncovered: set[str] = set()
    curated_ids = {record.id for record in curation.sources}
    for block in raw_blocks:
        if block.citation is None:
            continue
        fields = block.citation.fields
        key = variant_key(work_key(fields.raw))
        record = by_variant.get(key)
        if record is not None:
            source_id = record.id
        else:
            source_id = key_to_derived.get(key) or derived_source_id(fields)
            if key not in key_to_derived:
                # Two different works must not share an id, nor take a curated one.
                base, suffix = source_id, 2
                while source_id in curated_ids or (
                    source_id in derived
                    and derived[source_id] is not None
                    and (variant_key(work_key(derived[source_id].raw)) != key)
                ):
                    source_id, suffix = f"{base}-{suffix}", suffix + 1
                key_to_derived[key] = source_id
                derived.setdefault(source_id, fields)
            if curation.sources and key not in uncovered:
                uncovered.add(key)
                diagnostics.append(
                    Diagnostic(
                        block.file,
                        block.citation_line,
                        Level.WARNING,
                        f"no record in sources.yaml covers the citation {key!r}; "
                        f"using fields read from the line (source id {source_id!r})",
                        code="uncovered-citation",
                    )
                )
        block.source_id = source_id
        variants = raw_by_source.setdefault(source_id, [])
        if key not in variants:
            variants.append(key)

    records = {record.id: record for record in curation.sources}
    sources: list[Source] = []
    for source_id, raws in raw_by_source.items():
        if source_id in records:
            source = _source_from_record(records[source_id], raws)
        else:
            source = _source_from_citation(source_id, derived[source_id], raws)
        sources.append(
            replace(
                source,
                authors=_canonical(source.authors, canonical),
                editors=_canonical(source.editors, canonical),
                translators=_canonical(source.translators, canonical),
            )
        )
    for record in curation.sources:
        if record.id not in raw_by_source:
            diagnostics.append(
                Diagnostic(
                    curation.files[0] if curation.files else "sources.yaml",
                    record.line,
                    Level.WARNING,
                    f"source {record.id!r} matches no citation in the corpus",
                    code="unused-record",
                )
            )
    sources.sort(key=lambda s: s.id)
    return sources, diagnostics


def collect_authors(sources: Iterable[Source], curation: Curation) -> list[Author]:
    """One author per distinct name; names whose slugs clash get ``-2``, ``-3``...

    ("Smith, J." and "Smith J" are two names until sources.yaml says otherwise;
    the suffixes follow the sorted names, so they do not depend on reading order.)
    """
    variants: dict[str, tuple[str, ...]] = {a.name: a.variants for a in curation.authors}
    names = sorted({name for s in sources for name in (*s.authors, *s.editors, *s.translators)})
    authors: list[Author] = []
    used: set[str] = set()
    for name in names:
        base = author_id = slugify(name)
        suffix = 2
        while author_id in used:
            author_id, suffix = f"{base}-{suffix}", suffix + 1
        used.add(author_id)
        authors.append(Author(author_id, name, variants.get(name, ())))
    return sorted(authors, key=lambda a: a.id)


# --- decisions -------------------------------------------------------------


def _starts(block: Block, words: str) -> bool:
    return normalise_space(block.text).startswith(words)


def _block_starts(blocks: Sequence[Block], words: str) -> bool:
    """Whether the block's words, paragraphs run together, begin with ``words``."""
    text = ""
    for block in blocks:
        text = f"{text} {normalise_space(block.text)}".strip()
        if len(text) >= len(words):
            break
    return bool(blocks) and text.startswith(words)


def _find_paragraph(blocks: Sequence[Block], words: str) -> int | None:
    matches = [index for index, block in enumerate(blocks) if _starts(block, words)]
    return matches[0] if len(matches) == 1 else None


def _decision_error(decision: Decision, message: str) -> Diagnostic:
    return Diagnostic(decision.file, decision.line, Level.ERROR, message, code="decision")


def quote_id(source_id: str, blocks: Sequence[Block]) -> str:
    """Stable: depends on the source and the words, not on the position."""
    words = "\n".join(normalise_space(block.text) for block in blocks)
    digest = hashlib.sha1(f"{source_id}\n{words}".encode()).hexdigest()
    return f"q-{digest[:10]}"


def unattributed_id(blocks: Sequence[Block]) -> str:
    words = "\n".join(normalise_space(block.text) for block in blocks)
    return f"u-{hashlib.sha1(words.encode()).hexdigest()[:10]}"


@dataclass
class _Ruling:
    """What the decisions say about one raw block."""

    #: Indexes of paragraphs that become unattributed, with the reason.
    unattributed: list[tuple[int, int, str]] = field(default_factory=list)
    status_reason: tuple[Status, str] | None = None


def apply_decisions(
    raw_blocks: list[RawBlock], decisions: Sequence[Decision]
) -> tuple[dict[int, _Ruling], list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []
    rulings: dict[int, _Ruling] = {}
    ids = {
        quote_id(raw.source_id, raw.blocks): index
        for index, raw in enumerate(raw_blocks)
        if raw.citation is not None
    }
    for decision in decisions:
        if decision.block.startswith("q-") and decision.block in ids:
            candidates = [ids[decision.block]]
        else:
            candidates = [
                index
                for index, raw in enumerate(raw_blocks)
                if raw.citation is not None and _block_starts(raw.blocks, decision.block)
            ]
        if len(candidates) != 1:
            found = "no block" if not candidates else f"{len(candidates)} blocks"
            diagnostics.append(
                _decision_error(
                    decision,
                    f"{found} of the corpus start with {decision.block!r}; name the block by "
                    "its quote id or by more of its first words",
                )
            )
            continue
        index = candidates[0]
        raw = raw_blocks[index]
        ruling = rulings.setdefault(index, _Ruling())
        if decision.action == "split":
            at = _find_paragraph(raw.blocks, decision.at)
            if at is None or at == 0:
                diagnostics.append(
                    _decision_error(
                        decision,
                        f"no single paragraph after the first of the block starts with "
                        f"{decision.at!r}",
                    )
                )
                continue
            ruling.unattributed.append((0, at - 1, decision.reason))
        elif decision.action == "unattributed":
            first = _find_paragraph(raw.blocks, decision.at) if decision.at else 0
            last = _find_paragraph(raw.blocks, decision.to) if decision.to else len(raw.blocks) - 1
            if first is None or last is None or last < first:
                diagnostics.append(
                    _decision_error(decision, "the range's 'at'/'to' words match no paragraphs")
                )
                continue
            if first == 0 and last == len(raw.blocks) - 1:
                diagnostics.append(
                    _decision_error(
                        decision,
                        "a citation must keep at least one paragraph; to withdraw the whole "
                        "block, keep it 'uncertain' with the reason instead",
                    )
                )
                continue
            ruling.unattributed.append((first, last, decision.reason))
        elif decision.action == "uncertain":
            ruling.status_reason = (Status.UNCERTAIN, decision.reason)
        else:
            ruling.status_reason = (Status.CITED, decision.reason)
    return rulings, diagnostics


# --- people ----------------------------------------------------------------


@dataclass(frozen=True)
class PeopleMatcher:
    """Finds the people a text names: one regular expression for every spelling."""

    pattern: re.Pattern[str] | None
    by_variant: dict[str, str]
    #: Per person, phrases in which a spelling names something else.
    exceptions: dict[str, tuple[str, ...]]


def people_matcher(people: Sequence[Person]) -> PeopleMatcher:
    by_variant = {variant: person.id for person in people for variant in person.variants}
    exceptions = {person.id: person.exceptions for person in people if person.exceptions}
    if not by_variant:
        return PeopleMatcher(None, by_variant, exceptions)
    alternatives = sorted(by_variant, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, alternatives)) + r")(?!\w)")
    return PeopleMatcher(pattern, by_variant, exceptions)


def _excepted(text: str, start: int, end: int, phrases: Sequence[str]) -> bool:
    for phrase in phrases:
        for found in re.finditer(re.escape(phrase), text):
            if found.start() <= start and end <= found.end():
                return True
    return False


def people_named(blocks: Sequence[Block], matcher: PeopleMatcher) -> tuple[str, ...]:
    if matcher.pattern is None:
        return ()
    found: dict[str, None] = {}
    for block in blocks:
        for match in matcher.pattern.finditer(block.text):
            person = matcher.by_variant[match.group(1)]
            phrases = matcher.exceptions.get(person, ())
            if phrases and _excepted(block.text, match.start(), match.end(), phrases):
                continue
            found.setdefault(person, None)
    return tuple(sorted(found))


# --- the whole corpus ------------------------------------------------------


def discover(path: Path) -> tuple[list[Path], Path | None, list[Diagnostic]]:
    """The ``.txt`` files to read, the folder holding the curation YAML, and what was skipped."""
    display = str(path)
    if not path.exists():
        raise CorpusUnreadable(display, 0, "no such file or directory")
    if path.is_file():
        if path.suffix.lower() != ".txt":
            raise CorpusUnreadable(display, 0, "a corpus file must end in .txt")
        return [path], path.parent, []
    if not path.is_dir():
        raise CorpusUnreadable(display, 0, "is neither a folder nor a .txt file")
    try:
        entries = sorted(p for p in path.iterdir() if p.suffix.lower() == ".txt")
    except OSError as error:
        raise CorpusUnreadable(display, 0, f"cannot be read: {error.strerror}") from None
    files = [p for p in entries if p.is_file()]
    skipped = [
        Diagnostic(
            display_path(p),
            0,
            Level.WARNING,
            "is not a regular file (a folder, or a link to nothing); skipped",
            code="not-a-file",
        )
        for p in entries
        if not p.is_file()
    ]
    if not files:
        raise CorpusUnreadable(display, 0, "the folder holds no .txt corpus files")
    return files, path, skipped


def display_path(path: Path) -> str:
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if relative.startswith("..") else relative.replace(os.sep, "/")


def read_corpus(path: Path, encoding: str = "utf-8") -> Corpus:
    """Read a corpus folder (or one ``.txt`` file) with its curation."""
    files, folder, skipped = discover(path)
    curation = load_curation(folder, display_path(folder) if folder else "")
    diagnostics: list[Diagnostic] = [*skipped, *curation.diagnostics]
    raw_blocks: list[RawBlock] = []
    displays: list[str] = []
    for file in files:
        display = display_path(file)
        displays.append(display)
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CorpusUnreadable(display, 0, f"cannot be read: {error.strerror}") from None
        text = decode(data, display, encoding)
        if not text.strip():
            diagnostics.append(
                Diagnostic(display, 0, Level.WARNING, "the file is empty", code="empty-file")
            )
        blocks, problems = split_blocks(text, display)
        raw_blocks.extend(blocks)
        diagnostics.extend(problems)
    if not raw_blocks:
        # Publishing nothing would prune every page of the last good site.
        diagnostics.append(
            Diagnostic(
                displays[0] if len(displays) == 1 else display_path(path),
                0,
                Level.ERROR,
                "the corpus holds no text: every .txt file is empty; nothing to publish",
                code="empty-corpus",
            )
        )
    return build_corpus(raw_blocks, curation, diagnostics, tuple(displays))


def build_corpus(
    raw_blocks: list[RawBlock],
    curation: Curation,
    diagnostics: list[Diagnostic],
    files: tuple[str, ...],
) -> Corpus:
    sources, source_problems = resolve_sources(raw_blocks, curation)
    diagnostics.extend(source_problems)
    by_id = {source.id: source for source in sources}
    rulings, decision_problems = apply_decisions(raw_blocks, curation.decisions)
    diagnostics.extend(decision_problems)
    matcher = people_matcher(curation.people)

    quotes: list[Quote] = []
    unattributed: list[Unattributed] = []
    used_ids: set[str] = set()
    #: Per candidate, the next suffix to try: n repeats of one text cost O(n), not O(n²).
    next_suffix: dict[str, int] = {}

    def unique(candidate: str) -> str:
        result, suffix = candidate, next_suffix.get(candidate, 2)
        while result in used_ids:
            result, suffix = f"{candidate}-{suffix}", suffix + 1
        next_suffix[candidate] = suffix
        used_ids.add(result)
        return result

    def add_unattributed(file: str, blocks: Sequence[Block], reason: str) -> None:
        record = Unattributed(
            unique(unattributed_id(blocks)),
            tuple(blocks),
            file,
            blocks[0].line,
            blocks[-1].line,
            reason,
            people_named(blocks, matcher),
        )
        unattributed.append(record)
        diagnostics.append(
            Diagnostic(
                file,
                record.first_line,
                Level.WARNING,
                f"lines {record.first_line}-{record.last_line} are unattributed: {reason}",
                code="unattributed",
            )
        )

    for index, raw in enumerate(raw_blocks):
        if raw.citation is None:
            add_unattributed(raw.file, raw.blocks, "no citation follows these lines")
            continue
        if not raw.blocks:
            continue
        ruling = rulings.get(index, _Ruling())
        excluded: set[int] = set()
        for first, last, reason in sorted(ruling.unattributed):
            add_unattributed(raw.file, raw.blocks[first : last + 1], reason)
            excluded.update(range(first, last + 1))
        kept = [block for i, block in enumerate(raw.blocks) if i not in excluded]
        source = by_id[raw.source_id]
        citation = raw.citation.fields
        status, reason = Status.CITED, ""
        if ruling.status_reason is not None:
            status, reason = ruling.status_reason
        if status is not Status.CITED or ruling.status_reason is None:
            flags = check_attribution(kept, source, citation.locator)
            if flags:
                status = Status.UNCERTAIN
                reason = "; ".join(filter(None, [reason, *flags]))
        quote = Quote(
            id=unique(quote_id(source.id, kept)),
            source_id=source.id,
            locator=citation.locator,
            status=status,
            blocks=tuple(kept),
            file=raw.file,
            first_line=kept[0].line,
            last_line=kept[-1].line,
            citation_line=raw.citation_line,
            reason=reason,
            people=people_named(kept, matcher),
        )
        quotes.append(quote)
        if status is Status.UNCERTAIN:
            diagnostics.append(
                Diagnostic(
                    raw.file,
                    quote.first_line,
                    Level.WARNING,
                    f"lines {quote.first_line}-{quote.last_line}: attribution to {source.id} "
                    f"uncertain: {reason}",
                    code="uncertain-attribution",
                )
            )
    authors = collect_authors(sources, curation)
    names_credited = {author.name for author in authors}
    sources_yaml = next((f for f in curation.files if f.endswith("sources.yaml")), "sources.yaml")
    for record in curation.authors:
        if record.name and record.name not in names_credited:
            # A warning, like an unused source record: one sources.yaml may serve a
            # larger corpus than the file being read.
            diagnostics.append(
                Diagnostic(
                    sources_yaml,
                    record.line,
                    Level.WARNING,
                    f"author {record.name!r}: neither the name nor its variants are credited "
                    "on any work of the corpus",
                    code="unused-record",
                )
            )
    people_used = {pid for q in quotes for pid in q.people} | {
        pid for u in unattributed for pid in u.people
    }
    people = sorted(
        (p for p in curation.people if p.id in people_used), key=lambda p: p.name.lower()
    )
    return Corpus(
        sources=tuple(sources),
        authors=tuple(authors),
        people=tuple(people),
        quotes=tuple(quotes),
        unattributed=tuple(unattributed),
        diagnostics=tuple(sorted(diagnostics, key=lambda d: (d.file, d.line, d.message))),
        files=files,
    )
