"""Synthetic corpora shaped like the real one, at any multiple of its size.

Each copy ``k`` of the real corpus becomes a set of distinct works: every
author family name and title gets a suffix, so sources, author pages and
indexes grow as they would in a larger collection, while the shape (sources
per author, quotes per source, paragraph lengths, notes, dialogue, citation
forms) stays that of the real corpus.
"""

from __future__ import annotations

import argparse
import re
import shutil
from pathlib import Path

from quotebook.citations import parse_citation

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "corpus" / "fifth-column.txt"

_WORDS = [
    "alder",
    "birch",
    "cedar",
    "elm",
    "fir",
    "hazel",
    "larch",
    "maple",
    "oak",
    "pine",
    "rowan",
    "willow",
]


def _tag(k: int) -> str:
    """A letter-only tag, so names stay names: 0 → 'Alder', 13 → 'Birchalder'."""
    parts = []
    while True:
        parts.append(_WORDS[k % len(_WORDS)])
        k //= len(_WORDS)
        if not k:
            break
    return "".join(parts).capitalize()


def _mutate_citation(line: str, k: int) -> str:
    if k == 0:
        return line
    tag = _tag(k)
    parsed = parse_citation(line)
    assert parsed is not None
    fields = parsed.fields
    out = line
    # Rename every credited family name and the title, keeping the form.
    for name in {*fields.authors, *fields.editors, *fields.translators}:
        family = name.partition(",")[0]
        out = re.sub(rf"\b{re.escape(family)}\b", f"{family}{tag}", out, count=1)
    if fields.title:
        first_word = fields.title.split()[0]
        out = out.replace(
            fields.title, fields.title.replace(first_word, f"{first_word} {tag}", 1), 1
        )
    return out


def synthesise(factor: int, folder: Path, with_people: bool = True) -> Path:
    """Write ``factor`` copies of the real corpus as one ``.txt`` file in ``folder``."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    lines = REAL.read_text(encoding="utf-8").split("\n")
    out: list[str] = []
    for k in range(factor):
        for line in lines:
            if parse_citation(line) is not None:
                out.append(_mutate_citation(line, k))
            elif line.strip() and k:
                # Distinct words per copy, so quote ids stay unique.
                out.append(f"{line} [{_tag(k)}]")
            else:
                out.append(line)
        out.append("")
    (folder / "corpus.txt").write_text("\n".join(out), encoding="utf-8")
    if with_people:
        shutil.copy(ROOT / "corpus" / "people.yaml", folder / "people.yaml")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("factor", type=int)
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    synthesise(args.factor, args.folder)


if __name__ == "__main__":
    main()
