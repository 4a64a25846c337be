"""Bad input never costs data or shows a traceback; a hostile corpus builds into a safe site.

Every error case runs ``quotebook convert --out`` over an output folder that already holds a
good site's pages, and shows three things: the exit status, a message that names the file and
the line (``file:line[:column]: level: message``), and an output folder left byte for byte as
it was. The commands run in-process through ``cli.main``, so a traceback fails the test.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from quotebook.cli import main
from quotebook.reader import read_corpus

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
HOSTILE = Path(__file__).resolve().parent / "data" / "hostile"
CITATION = "Tokaev, Grigori. Comrade X. London: Harvill Press,1956, p. 47"
GOOD_TEXT = f"First words.\nSecond words.\n{CITATION}\n"


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder`` with its bytes and modification time."""
    return {
        path.relative_to(folder).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out + captured.err


@pytest.fixture(autouse=True)
def _restore_working_directory() -> Iterator[None]:
    """Tests here change directory to show relative paths; later tests must not see it."""
    before = os.getcwd()
    yield
    os.chdir(before)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    return folder


@pytest.fixture
def published(tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """An output folder holding the pages of a good corpus."""
    out = tmp_path / "out"
    status, output = run(
        capsys, "convert", "--corpus", str(corpus), "--out", str(out), "--docs", str(DOCS)
    )
    assert status == 0, output
    assert (out / "sources" / "tokaev-1956-comrade-x.md").is_file()
    return out


def convert(
    capsys: pytest.CaptureFixture[str], corpus: Path, out: Path, *extra: str
) -> tuple[int, str]:
    return run(
        capsys, "convert", "--corpus", str(corpus), "--out", str(out), "--docs", str(DOCS), *extra
    )


def _write(name: str, data: bytes | str) -> Callable[[Path], Path]:
    def setup(folder: Path) -> Path:
        path = folder / name
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
        return folder

    return setup


def _yaml(name: str, text: str) -> Callable[[Path], Path]:
    return _write(name, text)


def _only(name: str, data: bytes) -> Callable[[Path], Path]:
    def setup(folder: Path) -> Path:
        (folder / "a.txt").unlink()
        return _write(name, data)(folder)

    return setup


# (what is wrong, how to make it, exit status, the message as printed: a regular expression)
ERROR_CASES = [
    (
        "invalid UTF-8",
        _write("a.txt", b"Good line.\nA caf\xe9 line.\n" + CITATION.encode()),
        2,
        r"corpus/a\.txt:2:6: error: byte 0xe9 is not valid utf-8; .*Windows-1252.*--encoding cp1252",
    ),
    (
        "Windows-1252 curly quotes",
        _write("a.txt", b"\x93Quoted\x94 words.\n" + CITATION.encode()),
        2,
        r"corpus/a\.txt:1:1: error: byte 0x93 is not valid utf-8; .*Windows-1252",
    ),
    (
        "binary file",
        _write("a.txt", bytes(range(256)) * 4),
        2,
        r"corpus/a\.txt:2:118: error: byte 0x80 is not valid utf-8",
    ),
    ("empty corpus", _only("a.txt", b""), 1, r"corpus/a\.txt:0: error: the corpus holds no text"),
    (
        "whitespace-only corpus",
        _only("a.txt", b"  \n\t\n\r\n \xc2\xa0\n"),
        1,
        r"corpus/a\.txt:0: error: the corpus holds no text",
    ),
    (
        "control character",
        _write("a.txt", f"Words\x07 ring.\n{CITATION}\n"),
        1,
        r"corpus/a\.txt:1:6: error: the character U\+0007 \(BELL\) cannot be published",
    ),
    (
        "NUL character",
        _write("a.txt", f"Words\x00.\n{CITATION}\n"),
        1,
        r"corpus/a\.txt:1:6: error: the character U\+0000 \(NULL\) cannot be published",
    ),
    (
        "line separator (would split the quote's line in docutils)",
        _write("a.txt", f"One\u2028two.\n{CITATION}\n"),
        1,
        r"corpus/a\.txt:1:4: error: the character U\+2028 \(LINE SEPARATOR\)",
    ),
    (
        "C1 control: cp1252 read as Latin-1 somewhere upstream",
        _write("a.txt", f"\x93Quoted\x94.\n{CITATION}\n"),
        1,
        r"corpus/a\.txt:1:1: error: the character U\+0093 .*Windows-1252",
    ),
    (
        "malformed YAML",
        _yaml("sources.yaml", "sources:\n  - id: a\n    title: [unclosed\n"),
        1,
        r"corpus/sources\.yaml:3:12: error: malformed YAML",
    ),
    (
        "YAML with a tab",
        _yaml("people.yaml", "people:\n\t- id: a\n"),
        1,
        r"corpus/people\.yaml:2:1: error: malformed YAML",
    ),
    (
        "YAML not UTF-8",
        _write("people.yaml", b"people:\n  - name: caf\xe9\n"),
        1,
        r"corpus/people\.yaml:2:14: error: byte 0xe9 is not valid UTF-8",
    ),
    (
        "YAML of the wrong shape: a list at the top",
        _yaml("sources.yaml", "- id: a\n  title: T\n"),
        1,
        r"corpus/sources\.yaml:1: error: expected a mapping with the keys sources, authors",
    ),
    (
        "YAML of the wrong shape: a scalar list",
        _yaml("sources.yaml", "sources: 3\n"),
        1,
        r"corpus/sources\.yaml:1: error: 'sources' must be a list",
    ),
    (
        "YAML of the wrong shape: an entry that is not a mapping",
        _yaml("people.yaml", "people:\n  - just a name\n"),
        1,
        r"corpus/people\.yaml:1: error: each entry of 'people' must be a mapping",
    ),
    (
        "YAML of the wrong shape: a list where text belongs",
        _yaml("people.yaml", "people:\n  - id: a\n    name: [A, B]\n"),
        1,
        r"corpus/people\.yaml:3: error: 'name' must be text",
    ),
    (
        "YAML: a key that is not text",
        _yaml("people.yaml", "people:\n  - id: a\n    ? [x]\n    : y\n"),
        1,
        r"corpus/people\.yaml:3:7: error: malformed YAML: keys must be text",
    ),
    (
        "YAML: a duplicate key",
        _yaml("people.yaml", "people:\n  - id: a\n    name: A\n    name: B\n"),
        1,
        r"corpus/people\.yaml:4:5: error: malformed YAML: duplicate key 'name'",
    ),
    (
        "unknown key",
        _yaml("sources.yaml", "sources:\n  - id: a\n    title: T\n    colour: red\n"),
        1,
        r"corpus/sources\.yaml:4: error: unknown key 'colour' in a source",
    ),
    (
        "unknown top-level key",
        _yaml("attributions.yaml", "decisions: []\nnotes: x\n"),
        1,
        r"corpus/attributions\.yaml:2: error: unknown key 'notes' in the file",
    ),
    (
        "empty id",
        _yaml("sources.yaml", 'sources:\n  - id: ""\n    title: T\n'),
        1,
        r"corpus/sources\.yaml:2: error: 'id' must not be empty",
    ),
    (
        "id that is not a slug (a path)",
        _yaml("sources.yaml", "sources:\n  - id: ../../etc/passwd\n    title: T\n"),
        1,
        r"corpus/sources\.yaml:2: error: source id '\.\./\.\./etc/passwd' must be lowercase",
    ),
    (
        "duplicate source id",
        _yaml("sources.yaml", "sources:\n  - id: a\n    title: T\n  - id: a\n    title: U\n"),
        1,
        r"corpus/sources\.yaml:4: error: duplicate source id 'a' \(first at line 2\)",
    ),
    (
        "duplicate person id",
        _yaml("people.yaml", "people:\n  - id: a\n    name: A\n  - id: a\n    name: B\n"),
        1,
        r"corpus/people\.yaml:4: error: duplicate person id 'a' \(first at line 2\)",
    ),
    (
        "author variant claimed twice",
        _yaml(
            "sources.yaml",
            "authors:\n  - name: Tokaev, Grigori\n    variants: [G. Tokaev]\n"
            "  - name: Tokaev, G.\n    variants: ['G.  Tokaev']\n",
        ),
        1,
        r"corpus/sources\.yaml:5: error: author name variant 'G\.  Tokaev' is claimed by both 'Tokaev, Grigori' and",
    ),
    (
        "citation variant claimed twice",
        _yaml(
            "sources.yaml",
            "sources:\n  - id: a\n    title: T\n    variants: [X. Y. Z]\n"
            "  - id: b\n    title: U\n    variants: ['X.  Y. Z.']\n",
        ),
        1,
        r"corpus/sources\.yaml:7: error: citation variant 'X\.  Y\. Z\.' is claimed by both 'a' and 'b'",
    ),
    (
        "person spelling claimed twice",
        _yaml(
            "people.yaml",
            "people:\n  - id: a\n    name: A\n    variants: [Tokaev]\n"
            "  - id: b\n    name: B\n    variants: [' Tokaev']\n",
        ),
        1,
        r"corpus/people\.yaml:7: error: spelling ' Tokaev' is claimed by both 'a' and 'b'",
    ),
    (
        "an empty spelling (it would name a person in every quote)",
        _yaml("people.yaml", "people:\n  - id: a\n    name: A\n    variants: ['']\n"),
        1,
        r"corpus/people\.yaml:4: error: 'variants' holds an empty text",
    ),
    (
        "a decision naming first words that match no block",
        _yaml(
            "attributions.yaml",
            "decisions:\n  - block: Nothing starts like this\n    action: confirm\n",
        ),
        1,
        r"corpus/attributions\.yaml:2: error: no block of the corpus start with 'Nothing starts like this'",
    ),
    (
        "a decision naming a quote id that does not exist",
        _yaml("attributions.yaml", "decisions:\n  - block: q-0123456789\n    action: confirm\n"),
        1,
        r"corpus/attributions\.yaml:2: error: no block of the corpus start with 'q-0123456789'",
    ),
    (
        "a split at a paragraph that does not exist",
        _yaml(
            "attributions.yaml",
            "decisions:\n  - block: First words\n    action: split\n    at: Nowhere\n    reason: r\n",
        ),
        1,
        r"corpus/attributions\.yaml:2: error: no single paragraph after the first of the block starts with 'Nowhere'",
    ),
    (
        "a python tag (the loader is safe)",
        _yaml(
            "sources.yaml", "sources:\n  - !!python/object/apply:os.system ['touch /tmp/pwned']\n"
        ),
        1,
        r"corpus/sources\.yaml:2:5: error: malformed YAML: could not determine a constructor for the tag 'tag:yaml\.org,2002:python/object/apply:os\.system'",
    ),
    (
        "a control character in YAML text",
        _yaml("people.yaml", 'people:\n  - id: a\n    name: "A\\aB"\n'),
        1,
        r"corpus/people\.yaml:3: error: 'name': the character U\+0007 \(BELL\) cannot be published",
    ),
]


@pytest.mark.parametrize(
    ("setup", "status", "message"),
    [case[1:] for case in ERROR_CASES],
    ids=[case[0] for case in ERROR_CASES],
)
def test_bad_input_is_reported_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str],
    corpus: Path,
    published: Path,
    setup: Callable[[Path], Path],
    status: int,
    message: str,
) -> None:
    before = snapshot(published)
    os.chdir(corpus.parent)
    code, output = convert(capsys, setup(corpus).relative_to(corpus.parent), published)
    assert code == status, output
    assert re.search(message, output, re.MULTILINE), output
    assert "Traceback" not in output
    assert snapshot(published) == before


def test_missing_path_and_folder_without_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, published: Path
) -> None:
    before = snapshot(published)
    os.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.md").write_text("not a corpus file")
    (tmp_path / "empty" / "folder.txt").mkdir()
    for corpus, expected in [
        ("missing", "missing:0: error: no such file or directory"),
        ("empty", "empty:0: error: the folder holds no .txt corpus files"),
        ("empty/notes.md", "empty/notes.md:0: error: a corpus file must end in .txt"),
    ]:
        code, output = convert(capsys, Path(corpus), published)
        assert code == 2 and expected in output, output
    assert snapshot(published) == before


def test_unusable_entries_are_reported_not_crashed_on(
    capsys: pytest.CaptureFixture[str], corpus: Path, published: Path
) -> None:
    """A folder named *.txt, a looping link, a YAML file that is a folder or a loop."""
    os.chdir(corpus.parent)
    (corpus / "folder.txt").mkdir()
    (corpus / "loop.txt").symlink_to("loop.txt")
    code, output = run(capsys, "check", "--corpus", "corpus")
    assert code == 0, output
    assert "corpus/folder.txt:0: warning: is not a regular file" in output
    assert "corpus/loop.txt:0: warning: is not a regular file" in output
    (corpus / "sources.yaml").mkdir()
    (corpus / "people.yaml").symlink_to("people.yaml")
    before = snapshot(published)
    code, output = convert(capsys, Path("corpus"), published)
    assert code == 1, output
    assert "corpus/sources.yaml:0: error: is not a readable file" in output
    assert "corpus/people.yaml:0: error: is not a readable file" in output
    assert snapshot(published) == before


def test_unusable_output_and_docs_folders_are_usage_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, corpus: Path
) -> None:
    os.chdir(tmp_path)
    (tmp_path / "file").write_text("keep me")
    code, output = run(
        capsys, "convert", "--corpus", "corpus", "--out", "file", "--docs", str(DOCS)
    )
    assert code == 2 and "file:0: error:" in output, output
    assert (tmp_path / "file").read_text() == "keep me"
    code, output = run(capsys, "convert", "--corpus", "corpus", "--out", "out", "--docs", "nowhere")
    assert code == 2 and "no conf.py" in output, output
    (tmp_path / "taken").mkdir()
    code, output = run(capsys, "export", "--corpus", "corpus", "--format", "json", "-o", "taken")
    assert code == 2 and "taken:0: error: Is a directory" in output, output
    assert list((tmp_path / "taken").iterdir()) == []


def test_bom_crlf_and_cr_convert_to_the_same_pages(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, corpus: Path
) -> None:
    os.chdir(tmp_path)
    text = GOOD_TEXT
    outputs = []
    for name, data in {
        "lf": text.encode(),
        "bom": b"\xef\xbb\xbf" + text.encode(),
        "crlf": text.replace("\n", "\r\n").encode(),
        "cr": text.replace("\n", "\r").encode(),
    }.items():
        (corpus / "a.txt").write_bytes(data)
        code, output = convert(capsys, Path("corpus"), tmp_path / name)
        assert code == 0, output
        assert "corpus/a.txt:" not in output  # no diagnostics at all
        outputs.append({k: v[0] for k, v in snapshot(tmp_path / name).items()})
    assert all(files == outputs[0] for files in outputs)
    page = outputs[0]["sources/tokaev-1956-comrade-x.md"].decode()
    assert "First words.\nSecond words.\n" in page and "\r" not in page and "\ufeff" not in page


def test_windows_1252_reads_with_the_encoding_option(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, corpus: Path
) -> None:
    os.chdir(tmp_path)
    (corpus / "a.txt").write_bytes(
        "\u201cA caf\u00e9,\u201d he said.\n".encode("cp1252") + CITATION.encode()
    )
    code, output = convert(capsys, Path("corpus"), tmp_path / "out")
    assert code == 2 and "corpus/a.txt:1:1: error:" in output and "--encoding cp1252" in output
    assert not (tmp_path / "out").exists()
    code, output = convert(capsys, Path("corpus"), tmp_path / "out", "--encoding", "cp1252")
    assert code == 0, output
    page = (tmp_path / "out" / "sources" / "tokaev-1956-comrade-x.md").read_text(encoding="utf-8")
    assert "\u201cA caf\u00e9,\u201d he said." in page
    code, output = convert(capsys, Path("corpus"), tmp_path / "out", "--encoding", "klingon")
    assert code == 2 and "unknown encoding 'klingon'" in output


def test_unreadable_citation_fields_are_reported_and_the_block_kept(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, corpus: Path
) -> None:
    os.chdir(tmp_path)
    (corpus / "a.txt").write_text(
        "Kept words.\nTokaev, Grigori. Comrade X. London: Harvill Press, 1956, p. xx-??\n"
    )
    code, output = convert(capsys, Path("corpus"), tmp_path / "out")
    assert code == 0, output
    assert "corpus/a.txt:2: info: citation: cannot read the page locator 'xx-??'" in output
    page = (tmp_path / "out" / "sources" / "tokaev-1956-comrade-x.md").read_text(encoding="utf-8")
    assert "\nKept words.\n" in page and 'locator: "p. xx-??"' in page


def test_unused_author_record_is_a_warning_with_its_line(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    os.chdir(corpus.parent)
    (corpus / "sources.yaml").write_text(
        "authors:\n  - name: Nobody, Here\n    variants: [N. Here]\n"
    )
    code, output = run(capsys, "check", "--corpus", "corpus")
    assert code == 0
    assert "corpus/sources.yaml:2: warning: author 'Nobody, Here'" in output


def test_authors_whose_names_share_a_slug_get_distinct_pages(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, corpus: Path
) -> None:
    """ "Smith, J." and "Smith J" both slug to smith-j: once a KeyError in the writer."""
    os.chdir(tmp_path)
    (corpus / "a.txt").write_text(
        "One.\nSmith, J. A Book. London: Press, 1950, p. 1\n"
        "Two.\nSmith, J.. Other Book. London: Press, 1951, p. 2\n"
    )
    (corpus / "sources.yaml").write_text(
        "sources:\n  - id: smith-1950-book\n    title: Curated\n    authors: ['Smith J']\n"
        "    variants: ['Smith, J.. Other Book. London: Press, 1951']\n"
    )
    code, output = convert(capsys, Path("corpus"), tmp_path / "out")
    assert code == 0, output
    authors = sorted(p.name for p in (tmp_path / "out" / "authors").glob("smith-j*.md"))
    assert authors == ["smith-j-2.md", "smith-j.md"]
    # The uncurated work does not take (and so merge into) the curated work's id.
    sources = read_corpus(corpus).sources
    assert sorted(s.id for s in sources) == ["smith-1950-book", "smith-1950-book-2"]
    assert {s.title for s in sources} == {"Curated", "A Book"}


# -- size ------------------------------------------------------------------------------


def test_one_megabyte_paragraph(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, corpus: Path
) -> None:
    os.chdir(tmp_path)
    paragraph = " ".join(f"word{i}" for i in range(150_000))
    assert len(paragraph) > 1_000_000
    (corpus / "a.txt").write_text(f"{paragraph}\n{CITATION}\n")
    started = time.perf_counter()
    code, output = convert(capsys, Path("corpus"), tmp_path / "out")
    elapsed = time.perf_counter() - started
    assert code == 0, output
    page = (tmp_path / "out" / "sources" / "tokaev-1956-comrade-x.md").read_text(encoding="utf-8")
    assert f"\n{paragraph}\n" in page
    assert elapsed < 20, f"a 1 MB paragraph took {elapsed:.1f} s"


def test_ten_thousand_quotes_of_one_source(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, corpus: Path
) -> None:
    """Half of them the same words: unique ids once cost O(n²) (24 s here, now ~2 s)."""
    os.chdir(tmp_path)
    lines = []
    for number in range(10_000):
        words = "The same words." if number % 2 else f"Quote number {number}."
        lines += [
            words,
            f"Tokaev, Grigori. Comrade X. London: Harvill Press,1956, p. {number % 400 + 1}",
            "",
        ]
    (corpus / "a.txt").write_text("\n".join(lines))
    started = time.perf_counter()
    parsed = read_corpus(corpus)
    read_time = time.perf_counter() - started
    assert len(parsed.quotes) == 10_000 and len({q.id for q in parsed.quotes}) == 10_000
    started = time.perf_counter()
    code, output = convert(capsys, Path("corpus"), tmp_path / "out")
    convert_time = time.perf_counter() - started
    assert code == 0, output
    page = (tmp_path / "out" / "sources" / "tokaev-1956-comrade-x.md").read_text(encoding="utf-8")
    assert page.count("{qb:quote}") == 10_000
    print(f"10,000 quotes: read {read_time:.1f} s, read and convert {convert_time:.1f} s")
    # Linear work takes a few seconds; the quadratic id loop took over 20 s for the read alone.
    assert read_time < 15 and convert_time < 40, (read_time, convert_time)


# -- builds: a hostile corpus, a failed build, two identical builds ------------------------

#: Run the build with every Internet connection refused: any attempt fails the build loudly.
NO_NETWORK = """
import socket, sys

def refuse(*args, **kwargs):
    sys.stderr.write("NETWORK ACCESS ATTEMPTED\\n")
    raise OSError("network access during a build")

_connect = socket.socket.connect

def connect(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6):
        refuse()
    return _connect(self, address)

socket.socket.connect = connect
socket.getaddrinfo = refuse
from quotebook.cli import main
sys.exit(main(sys.argv[1:]))
"""


def build(
    corpus: Path, builddir: Path, docs: Path = DOCS, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """``quotebook build --html`` as a user runs it, with no network and no proxy to reach."""
    environment = {
        **os.environ,
        "http_proxy": "http://127.0.0.1:9",
        "https_proxy": "http://127.0.0.1:9",
        "HTTP_PROXY": "http://127.0.0.1:9",
        "HTTPS_PROXY": "http://127.0.0.1:9",
    }
    command = [sys.executable, "-c", NO_NETWORK, "build", "--corpus", str(corpus)]
    command += ["--builddir", str(builddir), "--docs", str(docs), "--html"]
    return subprocess.run(
        command, cwd=cwd, env=environment, capture_output=True, text=True, check=False
    )


def tree(folder: Path) -> dict[str, bytes | None]:
    """Every path under ``folder``: file bytes, or ``None`` for folders and links."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        if path.is_file() and not path.is_symlink()
        else None
        for path in sorted(folder.rglob("*"))
    }


def html_files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.html"))
    }


def parse(data: bytes) -> BeautifulSoup:
    return BeautifulSoup(data.decode("utf-8"), "html.parser")


def script_identity(script) -> str:
    """A script by its file (path prefix and cache-busting query dropped) or its inline text."""
    source = script.get("src")
    if source:
        return "src:" + re.sub(r"^(\.\./)+|\?.*$", "", source)
    return "inline:" + script.get_text().strip()


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A benign site (Sphinx's own scripts), and the hostile corpus built twice."""
    root = tmp_path_factory.mktemp("builds")
    benign = root / "benign"
    benign.mkdir()
    (benign / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    result = build(benign, root / "benign-build")
    assert result.returncode == 0, result.stdout + result.stderr
    # The hostile corpus is copied next to the build, so that the snapshot covers it too.
    area = root / "area"
    area.mkdir()
    shutil.copytree(HOSTILE, area / "hostile")
    (area / "cwd").mkdir()
    before = tree(area)
    results = [build(area / "hostile", area / f"build-{n}", cwd=area / "cwd") for n in (1, 2)]
    after = tree(area)
    return {
        "benign": root / "benign-build" / "html",
        "area": area,
        "before": before,
        "after": after,
        "results": results,
    }


def test_hostile_corpus_builds_with_nothing_live(builds: dict) -> None:
    for result in builds["results"]:
        assert result.returncode == 0, result.stdout + result.stderr
        assert "NETWORK ACCESS ATTEMPTED" not in result.stderr
        assert "Traceback" not in result.stderr
    known = {
        script_identity(script)
        for data in html_files(builds["benign"]).values()
        for script in parse(data).find_all("script")
    }
    site = builds["area"] / "build-1" / "html"
    pages = html_files(site)
    assert len(pages) >= 20
    for name, data in pages.items():
        page = parse(data)
        for script in page.find_all("script"):
            assert script_identity(script) in known, (name, str(script)[:200])
        for element in page.find_all(True):
            for attribute, value in element.attrs.items():
                assert not attribute.lower().startswith("on"), (name, str(element)[:200])
                values = value if isinstance(value, list) else [value]
                for item in values:
                    assert not re.match(r"\s*(javascript|vbscript|data):", item, re.IGNORECASE), (
                        name,
                        attribute,
                        item,
                    )
        for tag in ("iframe", "object", "embed", "frame", "applet", "base", "math", "img"):
            assert not page.find_all(tag), (name, tag)
        # And the raw bytes, in case a parser disagrees with a browser about where a tag ends.
        text = data.decode("utf-8")
        assert not re.search(r"<(iframe|object|embed)\b", text, re.IGNORECASE), name
        # Text has its "<" escaped, so "<" followed by a name opens a real tag; quoted
        # attribute values (a title holding "onerror=") are dropped before looking.
        for tag in re.findall(r"<[a-zA-Z][^<>]*>", text):
            bare = re.sub(r'"[^"]*"|\'[^\']*\'', '""', tag)
            assert not re.search(r"\son\w+\s*=", bare), (name, tag)
        assert "alert(" not in "".join(str(s) for s in page.find_all("script")), name


def test_hostile_text_is_shown_as_written(builds: dict) -> None:
    site = builds["area"] / "build-1" / "html"
    source = parse((site / "sources" / "hostile-1950-title.html").read_bytes())
    assert source.find("h1").get_text().rstrip("¶") == (
        'The "Title" <img src=x onerror=alert(21)> ../../etc/passwd {raw}`<script>x</script>`'
    )
    lines = [line.get_text() for line in source.select(".quote-text .quote-line")]
    expected = (HOSTILE / "hostile.txt").read_text(encoding="utf-8").split("\n")[:16]
    assert lines == [line.strip() for line in expected if line.strip()]
    review = parse((site / "review.html").read_bytes()).get_text()
    assert "Trailing <script>alert(40)</script> words that no citation follows." in review


def test_ids_and_pages_stay_inside_their_folders(builds: dict) -> None:
    site = builds["area"] / "build-1" / "html"
    for folder in ("sources", "authors"):
        for page in (site / folder).glob("*.html"):
            assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*\.html", page.name), page
    names = {p.name for p in (site / "authors").glob("*.html")}
    assert {"etc-passwd.html", "etc-shadow.html", "untitled.html"} <= names
    assert (site / "sources" / "traversal-1956.html").is_file()
    assert not Path("/tmp/quotebook-escape").exists()
    assert not Path("/tmp/evil").exists()


def test_build_writes_nothing_outside_its_folder(builds: dict) -> None:
    before, after = builds["before"], builds["after"]
    outside = {
        name: data
        for name, data in after.items()
        if not name.startswith(("build-1/", "build-2/")) and name not in ("build-1", "build-2")
    }
    assert outside == before  # the corpus copy and the working folder are untouched
    assert list((builds["area"] / "cwd").iterdir()) == []


def test_two_builds_are_byte_identical(builds: dict) -> None:
    """Generated pages, every HTML file and the search index, compared with nothing ignored."""
    first, second = (builds["area"] / f"build-{n}" for n in (1, 2))
    assert tree(first / "src") == tree(second / "src")
    one, two = html_files(first / "html"), html_files(second / "html")
    assert one.keys() == two.keys()
    for name in one:
        assert one[name] == two[name], name
    for name in ("searchindex.js", "objects.inv"):
        assert (first / "html" / name).read_bytes() == (second / "html" / name).read_bytes()


def test_failed_build_keeps_the_previous_site(tmp_path: Path) -> None:
    """The corpus cannot make Sphinx fail, so a hand-written page does: a link to nothing."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    result = build(corpus, tmp_path / "build")
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "build" / "html"
    before = tree(site)
    index = (site / "index.html").read_bytes()
    docs = tmp_path / "docs"
    shutil.copytree(DOCS, docs, ignore=shutil.ignore_patterns("_build", "__pycache__"))
    about = docs / "about.md"
    about.write_text(
        about.read_text(encoding="utf-8") + "\n\nSee {doc}`no-such-page`.\n", encoding="utf-8"
    )
    (corpus / "a.txt").write_text(
        GOOD_TEXT.replace("First words.", "Changed words."), encoding="utf-8"
    )
    result = build(corpus, tmp_path / "build", docs=docs)
    assert result.returncode != 0
    assert "no-such-page" in result.stderr and "previous site" in result.stderr, result.stderr
    assert (site / "index.html").read_bytes() == index
    assert tree(site) == before
    assert not (tmp_path / "build" / "html.next").exists()
