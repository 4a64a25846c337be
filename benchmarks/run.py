"""``make bench``: Quotebook against bare Sphinx on the same texts, at 1×, 10× (100×).

Every figure is measured in this run and reported as a ratio to a baseline
measured in the same run, because these machines are noisy. Writes a table to
stdout and to ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import sphinx

from benchmarks.synth import synthesise
from quotebook.reader import read_corpus
from quotebook.writers.myst import escape

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "_work"
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
QUOTEBOOK = [sys.executable, "-m", "quotebook"]
MEASURE = (
    "import json, resource, subprocess, sys, time;"
    "t = time.perf_counter(); r = subprocess.run(sys.argv[1:], capture_output=True, text=True);"
    "print(json.dumps({'seconds': time.perf_counter() - t, 'status': r.returncode,"
    " 'maxrss_kb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,"
    " 'stderr': r.stderr[-2000:], 'stdout': r.stdout[-2000:]}))"
)


@dataclass
class Run:
    seconds: float
    status: int
    maxrss_kb: int
    output: str = ""


def measure(command: list[str], env: dict[str, str] | None = None) -> Run:
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, *command],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **(env or {})},
    )
    data = json.loads(result.stdout)
    run = Run(data["seconds"], data["status"], data["maxrss_kb"], data["stderr"] + data["stdout"])
    if run.status:
        raise SystemExit(f"benchmark command failed: {' '.join(command)}\n{run.output}")
    return run


def html_mtimes(folder: Path) -> dict[str, int]:
    return {p.as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*.html")}


def changed(before: dict[str, int], after: dict[str, int]) -> int:
    return sum(1 for name, stamp in after.items() if before.get(name) != stamp)


# --- the baseline: the same texts as plain MyST pages, bare Sphinx ---------


def baseline_project(corpus_folder: Path, out: Path, jobs: str) -> None:
    corpus = read_corpus(corpus_folder)
    if out.exists():
        shutil.rmtree(out)
    (out / "pages").mkdir(parents=True)
    (out / "conf.py").write_text(
        'extensions = ["myst_parser"]\nhtml_theme = "furo"\nsmartquotes = False\n'
        'project = "Baseline"\n',
        encoding="utf-8",
    )
    names = []
    for source in corpus.sources:
        lines = [f"# {escape(source.title)}", ""]
        lines += [f"```{{index}} single: {escape(source.title).replace(';', ',')}", "```", ""]
        for quote in corpus.quotes_of(source.id):
            lines += [f"({quote.id})=", ""]
            for person in quote.people:
                lines += [f"```{{index}} single: {person}", "```", ""]
            for block in quote.blocks:
                lines += [f"> {escape(block.text)}", ">"]
            lines += [f"> — {escape(source.title)}, {escape(quote.locator.label())}", ""]
        (out / "pages" / f"{source.id}.md").write_text("\n".join(lines), encoding="utf-8")
        names.append(f"pages/{source.id}")
    index = ["# Baseline", "", "```{toctree}", *names, "```", ""]
    (out / "index.md").write_text("\n".join(index), encoding="utf-8")


def sphinx_build(src: Path, out: Path, jobs: str) -> list[str]:
    return [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-j", jobs, str(src), str(out)]


# --- one size ---------------------------------------------------------------


@dataclass
class SizeResult:
    factor: int
    sources: int = 0
    quotes: int = 0
    figures: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


def bench_size(factor: int, jobs: str, pdf: bool) -> SizeResult:
    folder = WORK / f"x{factor}"
    corpus_folder = synthesise(factor, folder / "corpus")
    corpus = read_corpus(corpus_folder)
    result = SizeResult(factor, len(corpus.sources), len(corpus.quotes))
    build = folder / "build"
    shutil.rmtree(build, ignore_errors=True)

    # Baseline: bare Sphinx on the same texts.
    base_src = folder / "baseline"
    baseline_project(corpus_folder, base_src, jobs)
    base = measure(sphinx_build(base_src, folder / "baseline-html", jobs))
    result.figures["baseline_full_s"] = base.seconds

    convert = measure(
        [
            *QUOTEBOOK,
            "convert",
            "--corpus",
            str(corpus_folder),
            "--out",
            str(folder / "convert-only"),
        ]
    )
    result.figures["convert_s"] = convert.seconds

    command = [
        *QUOTEBOOK,
        "build",
        "--corpus",
        str(corpus_folder),
        "--builddir",
        str(build),
        "--html",
        "-j",
        jobs,
    ]
    full = measure(command)
    result.figures["full_s"] = full.seconds
    result.figures["peak_mb"] = full.maxrss_kb / 1024
    html = build / "html"

    before = html_mtimes(html)
    noop = measure(command)
    result.figures["noop_s"] = noop.seconds
    result.counts["noop_html_written"] = changed(before, html_mtimes(html))
    result.counts["noop_pages_written"] = int(noop.output.split("pages: ")[1].split(" written")[0])

    text = (corpus_folder / "corpus.txt").read_text(encoding="utf-8")
    target = "The name of this man was Leon Trotsky."
    (corpus_folder / "corpus.txt").write_text(
        text.replace(target, target + " (edited)", 1), encoding="utf-8"
    )
    before = html_mtimes(html)
    edit = measure(command)
    result.figures["edit_s"] = edit.seconds
    result.counts["edit_pages_written"] = int(edit.output.split("pages: ")[1].split(" written")[0])
    result.counts["edit_html_written"] = changed(before, html_mtimes(html))

    addition = "\nA newly added quotation.\nNewauthor, Ann. A New Book. London: Press, 2001, p. 1\n"
    (corpus_folder / "corpus.txt").write_text(
        (corpus_folder / "corpus.txt").read_text(encoding="utf-8") + addition, encoding="utf-8"
    )
    before = html_mtimes(html)
    add = measure(command)
    result.figures["add_s"] = add.seconds
    result.counts["add_html_written"] = changed(before, html_mtimes(html))

    if pdf:
        pdf_run = measure(
            [*QUOTEBOOK, "build", "--corpus", str(corpus_folder), "--builddir", str(build), "--pdf"]
        )
        result.figures["pdf_s"] = pdf_run.seconds
    return result


def table(results: list[SizeResult]) -> str:
    one = results[0]
    rows = [
        "| size | sources | quotes | convert s | full s | baseline s | full / baseline | "
        "full / our 1× | no-op s (÷ full) | pages rewritten no-op (gen / html) | "
        "one-quote edit s (÷ full) | html written after edit | add source s (÷ full) | "
        "peak MB | PDF s |",
        "|" + "---|" * 15,
    ]
    for r in results:
        f = r.figures
        rows.append(
            f"| {r.factor}× | {r.sources} | {r.quotes} | {f['convert_s']:.2f} | {f['full_s']:.1f} | "
            f"{f['baseline_full_s']:.1f} | {f['full_s'] / f['baseline_full_s']:.2f} | "
            f"{f['full_s'] / one.figures['full_s']:.1f} | {f['noop_s']:.1f} ({f['noop_s'] / f['full_s']:.2f}) | "
            f"{r.counts['noop_pages_written']} / {r.counts['noop_html_written']} | "
            f"{f['edit_s']:.1f} ({f['edit_s'] / f['full_s']:.2f}) | {r.counts['edit_html_written']} | "
            f"{f['add_s']:.1f} ({f['add_s'] / f['full_s']:.2f}) | {f['peak_mb']:.0f} | "
            f"{f.get('pdf_s', float('nan')):.0f} |"
        )
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--large", action="store_true", help="also run the 100× corpus")
    parser.add_argument("--sizes", default="", help="comma-separated factors, e.g. 1,10")
    parser.add_argument("-j", "--jobs", default="auto")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else [1, 10]
    if args.large and 100 not in sizes:
        sizes.append(100)
    WORK.mkdir(parents=True, exist_ok=True)
    results = []
    for factor in sizes:
        started = time.perf_counter()
        results.append(bench_size(factor, args.jobs, pdf=factor <= 10))
        print(f"{factor}×: done in {time.perf_counter() - started:.0f} s", flush=True)
    text = table(results)
    print(text)
    header = (
        f"# Benchmark results\n\nMeasured {datetime.date.today().isoformat()} on "
        f"{platform.machine()} ({os.cpu_count()} cores), Python {platform.python_version()}, "
        f"Sphinx {sphinx.__version__}, `-j {args.jobs}`. Baseline: the same quote texts as plain "
        "MyST pages (blockquote, attribution line, label, index entries; one flat toctree; "
        "furo), built by bare Sphinx in the same run.\n\n"
    )
    RESULTS.write_text(header + text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
