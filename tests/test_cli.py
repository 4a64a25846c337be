"""The commands of CONTRACT.md, run as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pybtex.database import parse_string

ROOT = Path(__file__).resolve().parent.parent
CITATION = "Tokaev, Grigori. Comrade X. London: Harvill Press,1956, p. 47"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quotebook", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def exported() -> dict:
    result = run("export", "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_text_and_json():
    text = run("check")
    assert text.returncode == 0
    assert "74 sources" in text.stdout and "242 quotes" in text.stdout
    assert "corpus/fifth-column.txt:1399: warning: lines 1399-1405 are unattributed" in text.stdout
    document = json.loads(run("check", "--format", "json").stdout)
    assert document["summary"]["quotes"] == 242 and document["summary"]["errors"] == 0


def test_json_export_contract(exported):
    assert {"sources", "unattributed", "diagnostics"} <= exported.keys()
    source = next(s for s in exported["sources"] if s["id"] == "sayers-kahn-1946-great-conspiracy")
    assert source["authors"] == ["Sayers, Michael", "Kahn, Albert E."]
    assert source["year"] == 1946 and source["kind"] == "book"
    assert source["raw_citations"] == [
        "Sayers and Kahn. The Great Conspiracy. Boston: Little, Brown and Company, 1946"
    ]
    first = source["quotes"][0]
    assert first["locator"] == "p. 185" and first["lines"] == [32, 35]
    assert first["citation_line"] == 36 and first["file"] == "corpus/fifth-column.txt"
    assert first["status"] == "cited" and first["id"].startswith("q-")
    assert first["text"].startswith("From the moment Hitler took power")
    assert "\n\n" in first["text"]
    for item in exported["unattributed"]:
        assert {"id", "text", "file", "lines"} <= item.keys()
    for diagnostic in exported["diagnostics"]:
        assert {"level", "file", "line", "message"} <= diagnostic.keys()


def test_bibtex_parses_one_entry_per_source(exported):
    result = run("export", "--format", "bibtex")
    database = parse_string(result.stdout, "bibtex")
    assert len(database.entries) == len(exported["sources"]) == 74
    entry = database.entries["sayers-kahn-1946-great-conspiracy"]
    assert [str(p) for p in entry.persons["author"]] == ["Sayers, Michael", "Kahn, Albert E."]
    assert "pages" not in entry.fields
    article = database.entries["strong-1935-searching-out-the-soviets"]
    assert article.type == "article" and article.fields["journal"] == "The New Republic"


def test_csl_json_items(exported):
    items = json.loads(run("export", "--format", "csl-json").stdout)
    assert isinstance(items, list) and len(items) == 74
    types = {"book", "article-magazine", "article-newspaper", "chapter"}
    for item in items:
        assert item["id"] and item["type"] in types and item["title"]
        for role in ("author", "editor", "translator"):
            for name in item.get(role, []):
                assert "family" in name or "literal" in name
        if "issued" in item:
            assert isinstance(item["issued"]["date-parts"][0][0], int)
        assert "page" not in item
    koenker = next(i for i in items if i["id"].startswith("koenker"))
    assert "author" not in koenker and len(koenker["editor"]) == 2


def test_exit_statuses(tmp_path):
    assert run("check", "--corpus", str(tmp_path / "missing")).returncode == 2
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9\n")
    result = run("check", "--corpus", str(tmp_path / "bad.txt"))
    assert result.returncode == 2 and "bad.txt:1:4: error:" in result.stderr
    assert "Traceback" not in result.stderr
    good = tmp_path / "good"
    good.mkdir()
    (good / "c.txt").write_text(f"Words.\n{CITATION}\n")
    (good / "sources.yaml").write_text("sources:\n  - id: x\n    titel: T\n")
    result = run("check", "--corpus", str(good))
    assert result.returncode == 1 and "sources.yaml:3: error: unknown key 'titel'" in result.stdout
    # export still writes its output when the data has errors
    exported = run("export", "--corpus", str(good), "--format", "json")
    assert exported.returncode == 1 and json.loads(exported.stdout)["sources"]
    assert run("export", "--format", "yaml").returncode == 2


def test_single_file_corpus_without_yaml(tmp_path):
    path = tmp_path / "one.txt"
    path.write_text(f"Words.\n\n{CITATION}\nAfter.\n")
    result = run("check", "--corpus", str(path))
    assert result.returncode == 0
    assert "1 sources, 1 authors, 1 quotes" in result.stdout
