"""Signs in the text itself that a block mixes works.

Each check returns a plain reason an editor can act on. They never move or
drop a word: a flagged quote keeps its citation and gets status
``uncertain``; the decision is the editors' (``attributions.yaml``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from quotebook.model import Block, Locator, Source

#: A printed page holds about 2,500 characters; a passage more than two and a half
#: times the pages it cites is more than one passage.
CHARACTERS_PER_PAGE = 2400
RUN_FACTOR = 2.5
#: Short runs are never flagged for length.
MIN_FLAGGED_PARAGRAPHS = 8

_YEAR = re.compile(r"(?<![\d,.\-–/])(1[89]\d\d|20[0-4]\d)(?:['’]?s)?(?![\d,]\d)")
_BRACKET = re.compile(r"\[([^\[\]]+)\]")
_BOOK_REFERENCE = re.compile(
    r"\b(?:from|in|see)\b.*\b(?:Press|Publish\w*|House|Books)\b.*\b(1[89]\d\d|20\d\d)\b",
    re.IGNORECASE,
)
_WRITER_MARKER = re.compile(r"^\((?P<name>[^\W\d_][\w-]+)['’]s\s+(?:comments?|words|remarks)\b")


def _families(source: Source) -> set[str]:
    names = (*source.authors, *source.editors, *source.translators)
    return {name.partition(",")[0].strip().lower() for name in names}


def later_years(blocks: Sequence[Block], year: int | None) -> list[int]:
    """Years named in the text after the cited work's year of publication."""
    if year is None:
        return []
    found = {int(match.group(1)) for block in blocks for match in _YEAR.finditer(block.text)}
    return sorted(y for y in found if y > year)


def check_attribution(blocks: Sequence[Block], source: Source, locator: Locator) -> list[str]:
    """Reasons to doubt that every paragraph comes from ``source``."""
    reasons: list[str] = []
    for block in blocks:
        for bracket in _BRACKET.finditer(block.text):
            if _BOOK_REFERENCE.search(bracket.group(1)):
                reasons.append(
                    f"line {block.line} names another publication in brackets "
                    f"([{bracket.group(1).strip()[:60]}])"
                )
        marker = _WRITER_MARKER.match(block.text)
        if marker and marker.group("name").lower() not in _families(source):
            reasons.append(
                f"line {block.line} marks the words as {marker.group('name')}'s, "
                "who is not credited on the cited work"
            )
    years = later_years(blocks, source.year)
    if years:
        listed = ", ".join(str(y) for y in years)
        reasons.append(f"the text names {listed}, after the cited work's date ({source.year})")
    characters = sum(len(block.text) for block in blocks)
    budget = CHARACTERS_PER_PAGE * RUN_FACTOR * locator.page_count()
    if len(blocks) >= MIN_FLAGGED_PARAGRAPHS and characters > budget:
        reasons.append(
            f"{len(blocks)} paragraphs ({characters:,} characters) for "
            f"{locator.page_count()} cited page(s): longer than one passage"
        )
    return reasons
