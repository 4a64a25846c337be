"""One citation line → the fields of a work and a page locator.

The corpus writes citations in the way people actually type them: MLA-like
``Family, Given. Title. Place: Publisher, Year, p. N`` with every variation a
hand-kept file accumulates (two authors joined by ``and`` or ``&``, editors and
translators, ``c1999`` copyright years, missing spaces, no colon, no year, a
periodical article in curly quotes, a Chicago note with the imprint in
parentheses). :func:`parse_citation` reads one line; it returns ``None`` for a
line that is not a citation, so the reader can use it to recognise them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quotebook.model import CitationFields, Locator, PageSpan, SourceKind

#: Every upper-case letter Quotebook may meet in a name (Latin, Greek, Cyrillic).
_UPPER = "[" + "".join(re.escape(chr(c)) for c in range(0x530) if chr(c).isupper()) + "]"
#: A capitalised name of two letters or more; apostrophes and hyphens inside.
_NAME = rf"{_UPPER}[^\W\d_]*(?:['’-][^\W\d_]+)*(?<=[^\W\d_]{{2}})"
_INITIALS = rf"{_UPPER}\.(?:{_UPPER}\.)*"
_GIVEN = rf"(?:(?:{_INITIALS}|{_NAME})\s)*?(?:{_INITIALS}|{_NAME})"
#: A title never starts with an initial: ``Shepherd, W. G. The Moscow Trial``.
_NOT_INITIAL = rf"(?!{_UPPER}\.(?:\s|$))"

_AUTHOR_FORMS = (
    # "Sayers and Kahn." / "Getty & Naumov," / "Koenker and Bachman, Eds."
    ("pair", re.compile(rf"^(?P<fam1>{_NAME})\s+(?:and|&)\s+(?P<fam2>{_NAME})[.,]\s+")),
    # "Tokaev, Grigori." / "Shepherd, W. G." / "Chase, William J.," / "McNeal, Robert,"
    (
        "one",
        re.compile(
            rf"^(?P<fam1>{_NAME}),\s+(?P<giv1>{_GIVEN})(?:(?<=\.)\s|\.\s|,\s|\.,\s){_NOT_INITIAL}"
        ),
    ),
    # "Costello, John and Oleg Tsarev."
    (
        "pair-full",
        re.compile(
            rf"^(?P<fam1>{_NAME}),\s+(?P<giv1>{_GIVEN})\s+(?:and|&)\s+"
            rf"(?P<giv2>{_GIVEN})\s+(?P<fam2>{_NAME})\.\s+"
        ),
    ),
    # Chicago: "J. Arch Getty, Origins of ..."
    ("given-first", re.compile(rf"^(?P<giv1>{_GIVEN})\s+(?P<fam1>{_NAME}),\s+")),
)

#: "Trans. and Ed." / "Trans & Ed." / "Eds." / "Ed." / "trans."
_ROLE = re.compile(
    r"^(?:(?P<both>trans\.?\s*(?:and|&)\s*eds?\.)|(?P<eds>eds?\.)|(?P<trans>trans\.|translated))\s*",
    re.IGNORECASE,
)
_TRANSLATED_BY = re.compile(rf",?\s*translated by\s+(?P<name>{_GIVEN}\s+{_NAME})\s*,\s*")

#: ", p. 185" / ", Vol. 13, p. 110" / " p. 134" at the very end of the line.
_LOCATOR = re.compile(
    r"[,.]?\s*(?:vol\.\s*(?P<volume>[0-9ivxlc]+)\s*,\s*)?pp?\.\s*(?P<pages>[0-9ivxlcdm].*?)\s*$",
    re.IGNORECASE,
)
_YEAR_END = re.compile(r"[\s,]*(?P<c>c)?(?P<year>1[5-9]\d\d|20\d\d)\s*$")
_CHICAGO_IMPRINT = re.compile(
    r"\s*\((?P<place>[^():]+?)\s*:\s*(?P<publisher>[^()]+?),\s*(?P<c>c)?(?P<year>\d{4})\)\s*$"
)
_PAGE = r"(?:\d+|[ivxlcdm]+)"
_SPAN = re.compile(rf"^(?P<start>{_PAGE})(?:\s*[-–]+\s*(?P<end>{_PAGE}))?$", re.IGNORECASE)
_ALTERNATIVE = re.compile(r"\s*\[(?P<alt>[^\]]+)\]\s*$")

#: Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    [
        "univ",
        "pub",
        "inc",
        "co",
        "ltd",
        "corp",
        "conn",
        "mass",
        "ind",
        "calif",
        "ill",
        "mich",
        "st",
        "mt",
        "jr",
        "sr",
        "dr",
        "mr",
        "mrs",
        "pt",
        "no",
        "vol",
        "ed",
        "eds",
        "trans",
        "dept",
        "n",
        "y",
    ]
)
_MAX_CITATION_LENGTH = 320


@dataclass(frozen=True)
class ParsedCitation:
    """The result of reading a citation line, with what could not be read."""

    fields: CitationFields
    #: Problems worth reporting (the line is still a citation).
    problems: tuple[str, ...] = ()


def normalise_space(text: str) -> str:
    """Non-breaking and repeated spaces → one space; ends stripped."""
    return " ".join(text.split())


def work_key(raw: str) -> str:
    """The part of a citation that names the work (locator removed), normalised.

    Citation variants of one work in ``sources.yaml`` are written this way.
    """
    line = normalise_space(raw)
    match = _LOCATOR.search(line)
    if match:
        line = line[: match.start()]
    return line.rstrip(" ,.")


def parse_citation(line: str) -> ParsedCitation | None:
    """Read ``line`` as a citation, or return ``None`` if it is not one."""
    if len(line) > 4 * _MAX_CITATION_LENGTH:  # a paragraph, not a citation: skip the work
        return None
    text = normalise_space(line)
    if not text or len(text) > _MAX_CITATION_LENGTH:
        return None
    locator_match = _LOCATOR.search(text)
    if locator_match is None:
        return None
    head = text[: locator_match.start()].rstrip(" ,")
    authors_match = _match_authors(head)
    if authors_match is None:
        return None
    form, match = authors_match
    problems: list[str] = []
    locator, locator_problem = parse_locator(
        locator_match.group("pages"), locator_match.group("volume")
    )
    locator = Locator(
        pages=locator.pages,
        volume=locator.volume,
        alternative=locator.alternative,
        raw=text[locator_match.start() :].lstrip(" ,."),
    )
    if locator_problem:
        problems.append(locator_problem)

    names = _names(form, match)
    rest = head[match.end() :]
    role_match = _ROLE.match(rest)
    editors: tuple[str, ...] = ()
    translators: tuple[str, ...] = ()
    credited_as_editors = False
    if role_match:
        rest = rest[role_match.end() :]
        credited_as_editors = True
        if role_match.group("both"):
            editors = translators = names
        elif role_match.group("eds"):
            editors = names
        else:
            translators = names
    translated_by = _TRANSLATED_BY.search(rest)
    if translated_by:
        translators = (_invert(translated_by.group("name")),)
        rest = rest[: translated_by.start()] + ", " + rest[translated_by.end() :]

    fields = _read_work(rest, problems)
    if fields is None:
        return None
    title, place, publisher, year, copyright_, container, date, kind = fields
    if not title:
        return None
    main_title, subtitle = split_title(title)
    return ParsedCitation(
        CitationFields(
            raw=text,
            authors=() if credited_as_editors else names,
            editors=editors,
            translators=translators,
            title=title,
            subtitle=subtitle if main_title != title else "",
            container=container,
            place=place,
            publisher=publisher,
            year=year,
            copyright=copyright_,
            date=date,
            kind=kind,
            credited_as_editors=credited_as_editors,
            locator=locator,
        ),
        tuple(problems),
    )


def _match_authors(head: str) -> tuple[str, re.Match[str]] | None:
    for form, pattern in _AUTHOR_FORMS:
        match = pattern.match(head)
        if match and all(value[0].isupper() for key, value in match.groupdict().items() if value):
            return form, match
    return None


def _names(form: str, match: re.Match[str]) -> tuple[str, ...]:
    groups = match.groupdict()
    if form == "pair":
        return (groups["fam1"], groups["fam2"])
    if form == "pair-full":
        return (
            f"{groups['fam1']}, {groups['giv1']}",
            f"{groups['fam2']}, {groups['giv2']}",
        )
    return (f"{groups['fam1']}, {groups['giv1'].rstrip(',')}",)


def _invert(name: str) -> str:
    """``"Vadim A. Staklo"`` → ``"Staklo, Vadim A."``."""
    given, _, family = name.rpartition(" ")
    return f"{family}, {given}" if given else family


_WorkFields = tuple[str, str, str, "int | None", bool, str, str, SourceKind]


def _read_work(rest: str, problems: list[str]) -> _WorkFields | None:
    """Title, imprint and year from what follows the names."""
    rest = rest.strip()
    # A periodical article: “Title.” Periodical: Month D, YYYY
    if rest.startswith(("“", '"')):
        closing = "”" if rest.startswith("“") else '"'
        end = rest.find(closing, 1)
        if end < 0:
            return None
        title = rest[1:end].strip().rstrip(".,").strip()
        tail = rest[end + 1 :].strip(" .,")
        container, _, date = tail.partition(":")
        year_match = re.search(r"(1[5-9]\d\d|20\d\d)", date)
        year = int(year_match.group(1)) if year_match else None
        return (
            title,
            "",
            "",
            year,
            False,
            container.strip(),
            date.strip(),
            SourceKind.ARTICLE,
        )
    # Chicago: Title (Place: Publisher, Year)
    chicago = _CHICAGO_IMPRINT.search(rest)
    if chicago:
        title = rest[: chicago.start()].strip(" ,.")
        return (
            title,
            chicago.group("place").strip(),
            chicago.group("publisher").strip(),
            int(chicago.group("year")),
            bool(chicago.group("c")),
            "",
            "",
            SourceKind.BOOK,
        )
    year: int | None = None
    copyright_ = False
    year_match = _YEAR_END.search(rest)
    if year_match:
        year = int(year_match.group("year"))
        copyright_ = bool(year_match.group("c"))
        rest = rest[: year_match.start()]
    else:
        problems.append("no year of publication")
    rest = rest.strip(" ,")
    sentences = split_sentences(rest)
    place = publisher = ""
    if len(sentences) >= 2:
        title = ". ".join(sentences[:-1])
        place, publisher = _read_imprint(sentences[-1])
        if not publisher and not place.replace(" ", "").isalpha():
            # "Trotskyism or Leninism. 1993": no imprint at all, the last
            # sentence is part of the title only if it does not look like a place.
            pass
    else:
        only = sentences[0] if sentences else ""
        if ":" in only:
            before, _, publisher = only.rpartition(":")
            title, _, place = before.rpartition(", ")
            if not title:
                title, place = place, ""
        elif only.count(", ") >= 2:
            title, place, publisher = only.split(", ", 2)
        else:
            title = only
    if year is None:
        publisher, _, address = publisher.partition(", ")
        if address and not re.search(r"\d", address):
            publisher = f"{publisher}, {address}"
    return (
        title.strip(" ,.") if not title.endswith("?") else title.strip(" ,"),
        place.strip(" ,"),
        publisher.strip(" ,"),
        year,
        copyright_,
        "",
        "",
        SourceKind.BOOK,
    )


def _read_imprint(imprint: str) -> tuple[str, str]:
    """``"New York: Oxford Univ. Press"`` → place, publisher."""
    if ":" in imprint:
        place, _, publisher = imprint.rpartition(":")
        return place.strip(), publisher.strip()
    if ", " in imprint:
        place, _, publisher = imprint.partition(", ")
        return place.strip(), publisher.strip()
    return "", imprint.strip()


def split_sentences(text: str) -> list[str]:
    """Split at full stops that end a bibliographic element.

    A full stop after an initial (``W.``), after an abbreviation (``Univ.``)
    or inside a dotted acronym (``G.P.U.``) does not end one.
    """
    sentences: list[str] = []
    start = 0
    for match in re.finditer(r"\.\s+", text):
        before = text[start : match.start()]
        word = re.search(r"(\S*?)\s*([^\s(]*)$", before)
        previous, token = (word.group(1), word.group(2)) if word else ("", "")
        # "W. G." and "N. Y." are initials; "Comrade X." ends a title.
        initial = len(token) == 1 and (not previous or previous[-1] in ",:.;(")
        if initial or "." in token or token.lower() in _ABBREVIATIONS:
            continue
        sentences.append(text[start : match.start()])
        start = match.end()
    sentences.append(text[start:])
    return [s.strip() for s in sentences if s.strip()]


def split_title(title: str) -> tuple[str, str]:
    """``"Stalin; A Political Biography"`` → ``("Stalin", "A Political Biography")``."""
    match = re.search(r"\??[:;]\s+", title)
    if not match:
        return title, ""
    return title[: match.start() + (1 if title[match.start()] == "?" else 0)], title[match.end() :]


def parse_locator(pages: str, volume: str | None = None) -> tuple[Locator, str]:
    """``"308-09"``, ``"98. 100, 101, 103"``, ``"138 [p. 120 on the NET]"``.

    Returns the locator and a problem description ("" when it read cleanly).
    """
    text = normalise_space(pages).rstrip(".")
    alternative = None
    alt_match = _ALTERNATIVE.search(text)
    if alt_match:
        alternative = alt_match.group("alt").strip()
        text = text[: alt_match.start()]
    spans: list[PageSpan] = []
    for part in re.split(r"\s*[,.;]\s*", text.strip()):
        if not part:
            continue
        span = _SPAN.match(part)
        if span is None:
            return (
                Locator(volume=volume, alternative=alternative, raw=pages),
                f"cannot read the page locator {pages!r}",
            )
        spans.append(PageSpan(span.group("start"), span.group("end")))
    return Locator(tuple(spans), volume, alternative, raw=pages), ""
