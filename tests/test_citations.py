"""Every citation and locator form of the corpus parses to the right fields."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotebook.citations import parse_citation, parse_locator, split_sentences
from quotebook.model import SourceKind


def fields(line: str):
    parsed = parse_citation(line)
    assert parsed is not None, line
    return parsed.fields


@pytest.mark.parametrize(
    ("line", "authors", "title", "place", "publisher", "year", "copyright"),
    [
        (
            "Sayers and Kahn. The Great Conspiracy. Boston: Little, Brown and Company, 1946, p. 185",
            ("Sayers", "Kahn"),
            "The Great Conspiracy",
            "Boston",
            "Little, Brown and Company",
            1946,
            False,
        ),
        (
            "Getty & Naumov, The Road to Terror. New Haven, Conn.: Yale Univ. Press, c1999, p. 84",
            ("Getty", "Naumov"),
            "The Road to Terror",
            "New Haven, Conn.",
            "Yale Univ. Press",
            1999,
            True,
        ),
        (
            "Tokaev, Grigori. Comrade X. London: Harvill Press,1956, p. 47",
            ("Tokaev, Grigori",),
            "Comrade X",
            "London",
            "Harvill Press",
            1956,
            False,
        ),
        (
            "Murphy, John Thomas. Stalin, London, John Lane, 1945, p. 165",
            ("Murphy, John Thomas",),
            "Stalin",
            "London",
            "John Lane",
            1945,
            False,
        ),
        (
            "Berger, Joseph. Nothing but the Truth.\u00a0 New York, John Day Co. 1971, p. 86",
            ("Berger, Joseph",),
            "Nothing but the Truth",
            "New York",
            "John Day Co.",
            1971,
            False,
        ),
        (
            "Shepherd, W. G. The Moscow Trial. London: Communist Party of Great Britain, 1936, p. 7",
            ("Shepherd, W. G.",),
            "The Moscow Trial",
            "London",
            "Communist Party of Great Britain",
            1936,
            False,
        ),
        (
            "Costello, John and Oleg Tsarev. Deadly illusions. New York: Crown, c1993, p. 282",
            ("Costello, John", "Tsarev, Oleg"),
            "Deadly illusions",
            "New York",
            "Crown",
            1993,
            True,
        ),
        (
            "Rogovin, Vadim. 1937: Year of Terror. Oak Park, Michigan: Labor Publications, 1998, p. 118",
            ("Rogovin, Vadim",),
            "1937: Year of Terror",
            "Oak Park, Michigan",
            "Labor Publications",
            1998,
            False,
        ),
        (
            "Sinclair and Lyons. Terror in Russia?: Two Views. New York : Rand School Press, 1938, p. 13",
            ("Sinclair", "Lyons"),
            "Terror in Russia?: Two Views",
            "New York",
            "Rand School Press",
            1938,
            False,
        ),
        (
            "Edelman, Maurice. G.P.U. Justice. London: G. Allen & Unwin, ltd.,1938, p. 215",
            ("Edelman, Maurice",),
            "G.P.U. Justice",
            "London",
            "G. Allen & Unwin, ltd.",
            1938,
            False,
        ),
        (
            "Brar, Harpal. Trotskyism or Leninism. 1993, p. 226",
            ("Brar, Harpal",),
            "Trotskyism or Leninism",
            "",
            "",
            1993,
            False,
        ),
        (
            "Campbell, J. R. Soviet Policy and Its Critics. London: V. Gollancz, ltd., 1939, p. 143",
            ("Campbell, J. R.",),
            "Soviet Policy and Its Critics",
            "London",
            "V. Gollancz, ltd.",
            1939,
            False,
        ),
        (
            "Baldwin, Roger. Liberty Under the Soviets, New York: Vanguard Press, 1928, p. 195",
            ("Baldwin, Roger",),
            "Liberty Under the Soviets",
            "New York",
            "Vanguard Press",
            1928,
            False,
        ),
    ],
)
def test_book_forms(line, authors, title, place, publisher, year, copyright):
    f = fields(line)
    assert f.authors == authors
    assert f.title == title
    assert f.place == place
    assert f.publisher == publisher
    assert f.year == year
    assert f.copyright is copyright
    assert f.kind is SourceKind.BOOK


def test_editors_and_translators():
    f = fields(
        "Lucas and Ukas. Trans. and Ed. Secret Documents. Toronto, Canada: Northstar Compass, 1996, p. 227"
    )
    assert f.authors == () and f.editors == ("Lucas", "Ukas") and f.translators == ("Lucas", "Ukas")
    f = fields(
        "Koenker and Bachman, Eds. Revelations from the Russian Archives. Washington: Library of Congress, 1997, p. 114"
    )
    assert f.editors == ("Koenker", "Bachman") and f.translators == ()
    f = fields(
        "Talbott, Strobe, Trans. and Ed. Khrushchev Remembers. Boston: Little Brown, c1970, p. 108"
    )
    assert f.editors == ("Talbott, Strobe",) and f.title == "Khrushchev Remembers"
    f = fields(
        "Schecter, Jerrold. Trans & Ed. Khrushchev Remembers: the Glasnost Tapes. Boston: Little, Brown, c1990, p. 68"
    )
    assert f.translators == ("Schecter, Jerrold",) and f.year == 1990 and f.copyright
    f = fields(
        "Shabad, Steven, trans. The Stalin-Kaganovich Correspondence, 1931-1936. New Haven: Yale University Press, c2003, p. 180"
    )
    assert f.translators == ("Shabad, Steven",) and f.editors == ()
    f = fields(
        "Chase, William J., Enemies Within the Gates?, translated by Vadim A. Staklo, New Haven: Yale University Press, c2001, p. 240."
    )
    assert f.authors == ("Chase, William J.",)
    assert f.translators == ("Staklo, Vadim A.",)
    assert f.title == "Enemies Within the Gates?"
    assert (f.place, f.publisher, f.year) == ("New Haven", "Yale University Press", 2001)
    assert f.locator.label() == "p. 240"


def test_periodical_article():
    f = fields(
        "Strong, Anna Louise. “Searching Out the Soviets.” New Republic: August 7, 1935, p. 357"
    )
    assert f.kind is SourceKind.ARTICLE
    assert f.title == "Searching Out the Soviets"
    assert f.container == "New Republic"
    assert f.date == "August 7, 1935" and f.year == 1935


def test_chicago_form():
    f = fields(
        "J. Arch Getty, Origins of the Great Purges: The Soviet Communist Party Reconsidered, "
        "1933--1938 (New York: Cambridge University Press, 1985), p. 177."
    )
    assert f.authors == ("Getty, J. Arch",)
    assert f.title.startswith("Origins of the Great Purges: The Soviet")
    assert (f.place, f.publisher, f.year) == ("New York", "Cambridge University Press", 1985)
    assert f.locator.label() == "p. 177"


def test_no_year_address_instead():
    parsed = parse_citation(
        "Martens, Ludo.\u00a0 Another View of Stalin. Antwerp, Belgium: EPO, Lange Pastoorstraat 25-27\u00a0 2600, p. 138 [p. 120 on the NET]"
    )
    assert parsed is not None
    f = parsed.fields
    assert f.year is None and f.publisher == "EPO" and f.place == "Antwerp, Belgium"
    assert f.locator.alternative == "p. 120 on the NET"
    assert "no year of publication" in parsed.problems


def test_indented_citation_line():
    f = fields(
        "\u00a0" * 23
        + " Edelman, Maurice. G.P.U. Justice. London: G. Allen & Unwin, ltd.,1938, p. 136-148"
    )
    assert f.locator.label() == "pp. 136–148"
    assert f.locator.page_count() == 13


@pytest.mark.parametrize(
    ("text", "label", "pages"),
    [
        ("185", "p. 185", 1),
        ("308-09", "pp. 308–09", 2),
        ("503-506", "pp. 503–506", 4),
        ("98. 100, 101, 103", "pp. 98, 100, 101, 103", 4),
        ("xi", "p. xi", 1),
        ("138 [p. 120 on the NET]", "p. 138 [p. 120 on the NET]", 1),
        ("240.", "p. 240", 1),
    ],
)
def test_locators(text, label, pages):
    locator, problem = parse_locator(text)
    assert problem == ""
    assert locator.label() == label
    assert locator.page_count() == pages


def test_volume_locator():
    f = fields("Stalin, Joseph. Works. Moscow: Foreign Languages Pub. House, 1952, Vol. 13, p. 110")
    assert f.locator.volume == "13" and f.locator.label() == "vol. 13, p. 110"
    assert f.publisher == "Foreign Languages Pub. House"


@pytest.mark.parametrize(
    "line",
    [
        "The name of this man was Leon Trotsky.",
        "MOLOTOV: This evidence must be checked and verified.",
        "[Stalin continues]",
        "3. My most serious neglect had to do with the situation, now brought to light, p. 3",
        "",
        "p. 5",
    ],
)
def test_quoted_lines_are_not_citations(line):
    assert parse_citation(line) is None


def test_sentences_respect_initials_and_abbreviations():
    assert split_sentences("Comrade X. London: Harvill Press") == [
        "Comrade X",
        "London: Harvill Press",
    ]
    assert split_sentences("Mission to Moscow. New York, N. Y.: Simon") == [
        "Mission to Moscow",
        "New York, N. Y.: Simon",
    ]


@settings(max_examples=2000, deadline=None)
@given(st.text(max_size=300))
def test_parser_never_crashes(text):
    parse_citation(text)


@settings(max_examples=2000, deadline=None)
@given(
    st.from_regex(
        r"[A-Z][a-z]+, [A-Z][a-z]+\. [A-Z][a-z ]{1,30}\. [A-Z][a-z]+: [A-Za-z &,.]{1,20},? c?1[89]\d\d, p\. [0-9ivx\-., ]{1,12}",
        fullmatch=True,
    )
)
def test_citation_like_lines_never_crash(line):
    parsed = parse_citation(line)
    if parsed is not None:
        assert parsed.fields.title
