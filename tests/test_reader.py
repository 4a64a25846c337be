"""The reader on the real corpus, on edited copies of it, and on bad input."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotebook.citations import parse_citation
from quotebook.model import BlockKind, Level, Status
from quotebook.reader import CorpusUnreadable, read_corpus, split_blocks
from quotebook.writers.json import corpus_document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
CORPUS_TEXT = CORPUS / "fifth-column.txt"


@pytest.fixture(scope="module")
def corpus():
    return read_corpus(CORPUS)


def _lines() -> list[str]:
    return CORPUS_TEXT.read_text(encoding="utf-8").split("\n")


def test_every_line_is_covered_once(corpus):
    """Each non-empty line: a citation, in one quote, or in one unattributed range."""
    lines = _lines()
    owner: dict[int, str] = {}
    for quote in corpus.quotes:
        for block in quote.blocks:
            assert block.line not in owner
            owner[block.line] = quote.id
    for item in corpus.unattributed:
        for block in item.blocks:
            assert block.line not in owner
            owner[block.line] = item.id
    citation_lines = {q.citation_line for q in corpus.quotes}
    for number, line in enumerate(lines, start=1):
        if not line.strip("\u00a0 \t"):
            continue
        assert (number in owner) != (number in citation_lines), number


def test_every_citation_line_closes_a_quote(corpus):
    citations = [n for n, line in enumerate(_lines(), 1) if parse_citation(line)]
    assert len(citations) == 242
    assert sorted(q.citation_line for q in corpus.quotes) == citations


def test_quote_text_equals_corpus_lines(corpus):
    lines = _lines()
    for quote in corpus.quotes:
        for block in quote.blocks:
            raw = lines[block.line - 1]
            assert raw.lstrip("\u00a0 \t").rstrip() == block.text
        assert quote.first_line == quote.blocks[0].line
        assert quote.citation_line > quote.last_line


def test_counts_and_merges(corpus):
    assert len(corpus.sources) == 74
    by_id = {s.id: s for s in corpus.sources}
    conquest = by_id["conquest-1990-great-terror"]
    assert len(conquest.raw_citations) == 3  # "he Great Terror", "New York :" and the plain form
    getty = by_id["getty-1985-origins-of-the-great-purges"]
    assert getty.authors == ("Getty, J. Arch",)
    assert any(raw.startswith("J. Arch Getty") for raw in getty.raw_citations)
    # Same title, different people: four books called "Stalin".
    stalins = [s for s in corpus.sources if s.title.split(":")[0] == "Stalin"]
    assert len({s.id for s in stalins}) >= 4
    # One author, a 1941 book and a 1935 article.
    strong = [s for s in corpus.sources if "Strong, Anna Louise" in s.authors]
    assert sorted((s.year, s.kind.value) for s in strong) == [(1935, "article"), (1941, "book")]
    names = {a.name for a in corpus.authors}
    assert "Getty, J. Arch" in names and "Getty, A." not in names
    assert not [d for d in corpus.diagnostics if d.level is Level.ERROR]


def test_block_types(corpus):
    kinds = {block.kind for quote in corpus.quotes for block in quote.blocks}
    assert kinds == set(BlockKind)
    text = {block.text: block for quote in corpus.quotes for block in quote.blocks}
    postyshev = next(b for t, b in text.items() if t.startswith("MOLOTOV: Aren't you exaggerating"))
    assert postyshev.kind is BlockKind.SPEAKER and postyshev.label == "MOLOTOV:"
    plenum = next(
        b
        for t, b in text.items()
        if t.startswith("[At the Feb. March 1937 Plenum Stalin stated]: Comrades!")
    )
    assert (
        plenum.kind is BlockKind.PARAGRAPH
        and plenum.label == "[At the Feb. March 1937 Plenum Stalin stated]:"
    )
    when = next(b for t, b in text.items() if t.startswith("[When] the level"))
    assert when.label == ""
    footnote = next(b for t, b in text.items() if t.startswith("Footnote: but in the Bulletin"))
    assert footnote.kind is BlockKind.FOOTNOTE
    assert text["(Akulov explains the Trot position)"].kind is BlockKind.NOTE
    three = next(b for t, b in text.items() if t.startswith("3. My most serious neglect"))
    assert three.kind is BlockKind.PARAGRAPH


def test_attribution_integrity(corpus):
    uncertain = [q for q in corpus.quotes if q.status is Status.UNCERTAIN]
    assert uncertain and all(q.reason for q in uncertain)
    ranges = {(u.first_line, u.last_line) for u in corpus.unattributed}
    assert (1399, 1405) in ranges  # after the last citation
    assert (1062, 1123) in ranges  # Soviet documents closed by Berger's memoir
    assert (1012, 1027) in ranges  # "(Sinclair's comments only)" closed by Conquest
    warnings = [
        d for d in corpus.diagnostics if d.code in ("uncertain-attribution", "unattributed")
    ]
    assert len(warnings) == len(uncertain) + len(corpus.unattributed)
    assert all(re.search(r"lines \d+-\d+", d.message) for d in warnings)


def test_ids_are_unique_and_slugs(corpus):
    ids = [q.id for q in corpus.quotes] + [u.id for u in corpus.unattributed]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9-]+", s.id) for s in corpus.sources)


def _copy_corpus(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder)
    (folder / "fifth-column.txt").write_text(text, encoding="utf-8")
    return folder


def test_ids_survive_insertion_and_swap(tmp_path, corpus):
    before = {q.id: (q.source_id, q.text) for q in corpus.quotes}
    lines = _lines()
    inserted = [
        "A new quote inserted at the top.",
        "Tokaev, Grigori. Comrade X. London: Harvill Press,1956, p. 1",
        "",
    ]
    after_insert = read_corpus(_copy_corpus(tmp_path / "a", "\n".join(inserted + lines)))
    ids = {q.id: (q.source_id, q.text) for q in after_insert.quotes}
    assert set(before) <= set(ids)
    assert len(ids) == len(before) + 1
    # Swap the blocks closed by lines 36 and 39 (lines 31-36 and 38-39).
    swapped = lines[:30] + lines[37:39] + [""] + lines[30:36] + lines[39:]
    after_swap = read_corpus(_copy_corpus(tmp_path / "b", "\n".join(swapped)))
    assert {q.id: (q.source_id, q.text) for q in after_swap.quotes} == before


def test_bom_crlf_and_cr_read_like_lf(tmp_path):
    text = (
        "First line.\nSecond line.\nTokaev, Grigori. Comrade X. London: Harvill Press,1956, p. 47\n"
    )
    results = []
    for name, data in {
        "lf": text.encode(),
        "bom": b"\xef\xbb\xbf" + text.encode(),
        "crlf": text.replace("\n", "\r\n").encode(),
        "cr": text.replace("\n", "\r").encode(),
    }.items():
        path = tmp_path / f"{name}.txt"
        path.write_bytes(data)
        corpus = read_corpus(path)
        document = corpus_document(corpus)
        for source in document["sources"]:
            for quote in source["quotes"]:
                quote.pop("file")
        document.pop("diagnostics")
        results.append(json.dumps(document, sort_keys=True))
    assert len(set(results)) == 1


def test_invalid_utf8_names_line_and_column(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"Good line.\nA caf\xe9 line.\n")
    with pytest.raises(CorpusUnreadable) as error:
        read_corpus(path)
    diagnostic = error.value.diagnostic
    assert (diagnostic.line, diagnostic.column) == (2, 6)
    assert "Windows-1252" in diagnostic.message
    corpus = read_corpus(path, encoding="cp1252")
    assert corpus.unattributed[0].blocks[1].text == "A café line."


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda p: p / "missing", "no such file"),
        (lambda p: p, "holds no .txt"),
    ],
)
def test_unreadable_inputs(tmp_path, setup, message):
    with pytest.raises(CorpusUnreadable) as error:
        read_corpus(setup(tmp_path))
    assert message in error.value.diagnostic.message


@pytest.mark.parametrize(
    ("name", "content", "line", "message"),
    [
        ("sources.yaml", "sources:\n  - id: a\n    title: [unclosed\n", 3, "malformed YAML"),
        (
            "sources.yaml",
            "sources:\n  - id: a\n    title: T\n    colour: red\n",
            4,
            "unknown key 'colour'",
        ),
        (
            "sources.yaml",
            "sources:\n  - id: a\n    title: T\n  - id: a\n    title: U\n",
            4,
            "duplicate source id",
        ),
        (
            "sources.yaml",
            "sources:\n  - id: a\n    title: T\n    variants: [X. Y. Z]\n  - id: b\n    title: U\n    variants: [X. Y. Z]\n",
            7,
            "claimed by both",
        ),
        ("sources.yaml", "sources: 3\n", 1, "must be a list"),
        ("people.yaml", "people:\n  - id: Bad Id\n    name: X\n", 2, "must be lowercase"),
        (
            "attributions.yaml",
            "decisions:\n  - block: Nothing starts like this\n    action: confirm\n",
            2,
            "no block",
        ),
        (
            "attributions.yaml",
            "decisions:\n  - block: x\n    action: explode\n",
            3,
            "unknown action",
        ),
    ],
)
def test_yaml_errors_name_file_and_line(tmp_path, name, content, line, message):
    (tmp_path / "c.txt").write_text(
        "Words.\nTokaev, Grigori. Comrade X. London: Harvill Press,1956, p. 47\n"
    )
    (tmp_path / name).write_text(content)
    corpus = read_corpus(tmp_path)
    errors = [d for d in corpus.diagnostics if d.level is Level.ERROR]
    assert errors, corpus.diagnostics
    assert any(d.file.endswith(name) and d.line == line and message in d.message for d in errors), (
        errors
    )


def test_no_yaml_at_all(tmp_path):
    shutil.copy(CORPUS_TEXT, tmp_path / "c.txt")
    corpus = read_corpus(tmp_path)
    assert len(corpus.quotes) == 242
    assert not [d for d in corpus.diagnostics if d.level is Level.ERROR]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.text(max_size=80),
            st.sampled_from(
                [
                    "Tokaev, Grigori. Comrade X. London: Harvill Press,1956, p. 47",
                    "MOLOTOV: Yes.",
                    "[A note]",
                    "",
                    "\u00a0\u00a0 indented",
                ]
            ),
        ),
        max_size=30,
    )
)
def test_reader_never_crashes_and_covers_every_line(lines):
    text = "\n".join(line.replace("\r", " ").replace("\n", " ") for line in lines)
    raw_blocks, _ = split_blocks(text, "x.txt")
    covered = sorted(block.line for raw in raw_blocks for block in raw.blocks)
    citations = sorted(raw.citation_line for raw in raw_blocks if raw.citation)
    expected = [
        n
        for n, line in enumerate(text.split("\n"), 1)
        if line.strip(
            " \t\u00a0\u2007\u202f\ufeff\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000"
        )
    ]
    assert sorted(covered + citations) == expected


def test_people_variants_and_exceptions(corpus):
    people = {p.id: p for p in corpus.people}
    assert len(people) >= 60
    ordzhonikidze = next(p for p in corpus.people if "Ordjonikidze" in p.variants)
    assert "Ordzhonikidze" in ordzhonikidze.variants
    named = [q for q in corpus.quotes if ordzhonikidze.id in q.people]
    assert any("Ordjonikidze" in q.text for q in named)
    # "Kuibyshev" as a city does not name Valerian Kuibyshev.
    postyshev_block = next(u for u in corpus.unattributed if "tenure in Kuibyshev" in u.text)
    line = next(b for b in postyshev_block.blocks if "tenure in Kuibyshev" in b.text)
    from quotebook.reader import people_matcher, people_named

    assert "kuibyshev-valerian" not in people_named([line], people_matcher(corpus.people))
