"""From a parsed corpus to a Sphinx source tree, then to HTML and PDF.

``convert`` assembles the whole Sphinx source tree under one folder: the
hand-written project files of ``docs/`` and the generated pages and downloads.
``build`` runs Sphinx on it; nothing is written outside the build folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from quotebook.files import SyncReport, sync_tree
from quotebook.model import Corpus
from quotebook.writers.bibtex import render_bibtex
from quotebook.writers.csl import render_csl
from quotebook.writers.json import render_json
from quotebook.writers.myst import DOWNLOADS, render_pages

SPHINX_STRICT = ["-W", "--keep-going", "-n", "-q"]
TEX_PACKAGES = (
    "latexmk texlive-xetex texlive-latex-recommended texlive-latex-extra "
    "texlive-fonts-recommended fonts-freefont-otf tex-gyre xindy"
)


def project_files(docs: Path) -> dict[str, bytes]:
    """The hand-written Sphinx project (``conf.py``, pages, static files)."""
    if not (docs / "conf.py").is_file():
        raise FileNotFoundError(f"{docs}: no conf.py: this is not a Sphinx project folder")
    files: dict[str, bytes] = {}
    for path in sorted(docs.rglob("*")):
        relative = path.relative_to(docs)
        if path.is_file() and not any(
            part.startswith(("_build", ".")) or part == "__pycache__" for part in relative.parts
        ):
            files[relative.as_posix()] = path.read_bytes()
    return files


def site_files(corpus: Corpus, docs: Path) -> dict[str, bytes]:
    files = project_files(docs)
    title = _collection_title(files.get("conf.py", b""))
    for name, text in render_pages(corpus, title).items():
        files[name] = text.encode("utf-8")
    files[f"{DOWNLOADS}/quotebook.bib"] = render_bibtex(corpus).encode("utf-8")
    files[f"{DOWNLOADS}/quotebook.csl.json"] = render_csl(corpus).encode("utf-8")
    files[f"{DOWNLOADS}/quotebook.json"] = render_json(corpus, compact=True).encode("utf-8")
    return files


def _collection_title(conf: bytes) -> str:
    for line in conf.decode("utf-8", errors="replace").splitlines():
        if line.startswith("project ="):
            return line.partition("=")[2].strip().strip("\"'")
    return "A Collection of Quotations"


def convert(corpus: Corpus, out: Path, docs: Path) -> SyncReport:
    return sync_tree(out, site_files(corpus, docs))


def sphinx(arguments: list[str]) -> int:
    from sphinx.cmd.build import build_main

    return build_main(arguments)


def build_site(
    corpus: Corpus, builddir: Path, docs: Path, *, html: bool, pdf: bool, jobs: str = "1"
) -> int:
    source = builddir / "src"
    report = convert(corpus, source, docs)
    print(f"pages: {report.summary()}")
    doctrees = str(builddir / "doctrees")
    status = 0
    if html:
        status = build_html(source, builddir / "html", doctrees, jobs)
        if status:
            return status
        print(f"html: {builddir / 'html' / 'index.html'}")
    if pdf:
        status = build_pdf(source, builddir, doctrees)
    return status


def build_html(source: Path, html: Path, doctrees: str, jobs: str) -> int:
    """Build into a copy of the site; swap it in only when the build succeeded.

    The copy keeps timestamps, so Sphinx still rewrites only outdated pages; a
    failed build (a warning, with ``-W``) leaves the last good site in place.
    """
    next_html = html.with_name(html.name + ".next")
    shutil.rmtree(next_html, ignore_errors=True)
    if html.is_dir():
        shutil.copytree(html, next_html, copy_function=shutil.copy2)
    status = sphinx(
        ["-b", "html", "-d", doctrees, "-j", jobs, *SPHINX_STRICT, str(source), str(next_html)]
    )
    if status:
        print(
            f"quotebook: the build failed; the previous site in {html} is unchanged",
            file=sys.stderr,
        )
        shutil.rmtree(next_html, ignore_errors=True)
        return status
    if html.is_dir():
        _keep_unchanged_timestamps(html, next_html, Path(doctrees))
    old = html.with_name(html.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if html.is_dir():
        html.rename(old)
    next_html.rename(html)
    shutil.rmtree(old, ignore_errors=True)
    return 0


def _keep_unchanged_timestamps(previous: Path, built: Path, doctrees: Path) -> None:
    """Give back their old timestamps to the site-wide files Sphinx rewrites on every build.

    Sphinx writes the general index, the search page and the search index in
    every build, even when nothing changed. Where their bytes are the same as
    in the previous site they keep its timestamp, so a no-op build leaves the
    site as it was (for deploys and caches as much as for readers). Pages of
    documents are left alone: Sphinx compares their timestamps with the
    sources to decide what is out of date.
    """
    for path in built.iterdir():
        before = previous / path.name
        if (
            not path.is_file()
            or (doctrees / path.with_suffix(".doctree").name).is_file()
            or not before.is_file()
        ):
            continue
        stamp = before.stat()
        if (
            stamp.st_mtime_ns != path.stat().st_mtime_ns
            and before.read_bytes() == path.read_bytes()
        ):
            os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))


def build_pdf(source: Path, builddir: Path, doctrees: str) -> int:
    latex = builddir / "latex"
    status = sphinx(["-b", "latex", "-d", doctrees, *SPHINX_STRICT, str(source), str(latex)])
    if status:
        return status
    if not all(shutil.which(tool) for tool in ("latexmk", "xelatex", "xindy")):
        print(f"quotebook: the PDF needs TeX Live; install: {TEX_PACKAGES}", file=sys.stderr)
        return 2
    for old in latex.glob("*.pdf"):
        old.unlink()
    tex_files = sorted(latex.glob("*.tex"))
    main = [t for t in tex_files if t.name != "sphinxmessages.tex"]
    # The settings of the Makefile Sphinx writes next to the .tex (xindy for the
    # index), and the book's own xindy module when conf.py ships it.
    modules = ["sphinx.xdy", *(["quotebook.xdy"] if (latex / "quotebook.xdy").is_file() else [])]
    options = " ".join(f"-M {module}" for module in modules)
    environment = {**os.environ, "XINDYOPTS": f"-L english -C utf8 {options}"}
    result = subprocess.run(
        ["latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error", main[0].name],
        cwd=latex,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    if result.returncode:
        sys.stderr.write(result.stdout[-4000:])
        return result.returncode
    print(f"pdf: {next(latex.glob('*.pdf'))}")
    return 0
