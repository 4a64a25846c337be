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
import re
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


def measure(command: list[str], env: dict[str, str] | None = None, check: bool = True) -> Run:
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, *command],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **(env or {})},
    )
    data = json.loads(result.stdout)
    run = Run(data["seconds"], data["status"], data["maxrss_kb"], data["stderr"] + data["stdout"])
    if run.status and check:
        raise SystemExit(f"benchmark command failed: {' '.join(command)}\n{run.output}")
    return run


def mtimes(folder: Path, pattern: str) -> dict[str, int]:
    return {p.as_posix(): p.stat().st_mtime_ns for p in folder.rglob(pattern)}


def changed(before: dict[str, int], after: dict[str, int]) -> int:
    return sum(1 for name, stamp in after.items() if before.get(name) != stamp)


def pages_written(output: str) -> int:
    """Generated pages the convert step wrote, from ``pages: N written, ...``."""
    found = re.search(r"^pages: (\d+) written", output, re.MULTILINE)
    if found is None:
        raise SystemExit(f"no 'pages:' summary in the build output:\n{output}")
    return int(found.group(1))


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
    pages: int = 0
    figures: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


EDITED = "The name of this man was Leon Trotsky."
ADDITION = "\nA newly added quotation.\nNewauthor, Ann. A New Book. London: Press, 2001, p. 1\n"


def rebuild(name: str, command: list[str], build: Path, result: SizeResult, full: float) -> None:
    """Run an incremental build; record its time and what it rewrote."""
    html, doctrees, src = build / "html", build / "doctrees", build / "src"
    before = (mtimes(html, "*.html"), mtimes(doctrees, "*.doctree"))
    run = measure(command)
    result.figures[f"{name}_s"] = run.seconds
    result.figures[f"{name}_ratio"] = run.seconds / full
    result.counts[f"{name}_generated"] = pages_written(run.output)
    result.counts[f"{name}_reread"] = changed(before[1], mtimes(doctrees, "*.doctree"))
    result.counts[f"{name}_html"] = changed(before[0], mtimes(html, "*.html"))
    assert src.is_dir()


def bench_size(factor: int, jobs: str, *, pdf: bool, baseline: bool, serial: bool) -> SizeResult:
    folder = WORK / f"x{factor}"
    corpus_folder = synthesise(factor, folder / "corpus")
    corpus = read_corpus(corpus_folder)
    result = SizeResult(factor, len(corpus.sources), len(corpus.quotes))
    build = folder / "build"
    shutil.rmtree(build, ignore_errors=True)

    if baseline:
        # Bare Sphinx on the same texts: one flat toctree, as a naive site would have.
        base_src = folder / "baseline"
        baseline_project(corpus_folder, base_src, jobs)
        shutil.rmtree(folder / "baseline-html", ignore_errors=True)
        base = measure(sphinx_build(base_src, folder / "baseline-html", jobs))
        result.figures["baseline_full_s"] = base.seconds

    convert_out = folder / "convert-only"
    shutil.rmtree(convert_out, ignore_errors=True)
    convert = measure(
        [*QUOTEBOOK, "convert", "--corpus", str(corpus_folder), "--out", str(convert_out)]
    )
    result.figures["convert_s"] = convert.seconds
    result.pages = sum(1 for _ in convert_out.rglob("*.md"))

    def command(builddir: Path, job_count: str = jobs) -> list[str]:
        return [
            *QUOTEBOOK,
            "build",
            "--corpus",
            str(corpus_folder),
            "--builddir",
            str(builddir),
            "--html",
            "-j",
            job_count,
        ]

    full = measure(command(build))
    result.figures["full_s"] = full.seconds
    result.figures["peak_mb"] = full.maxrss_kb / 1024

    if serial:
        # The same full build on one process, to decide the default of -j.
        serial_build = folder / "build-j1"
        shutil.rmtree(serial_build, ignore_errors=True)
        result.figures["full_j1_s"] = measure(command(serial_build, "1")).seconds
        shutil.rmtree(serial_build, ignore_errors=True)

    # What keeping the last good site costs: the copy build_html makes of it.
    started = time.perf_counter()
    shutil.copytree(build / "html", folder / "copy", copy_function=shutil.copy2)
    result.figures["copy_s"] = time.perf_counter() - started
    shutil.rmtree(folder / "copy")

    rebuild("noop", command(build), build, result, full.seconds)

    corpus_file = corpus_folder / "corpus.txt"
    text = corpus_file.read_text(encoding="utf-8")
    if EDITED not in text:
        raise SystemExit(f"the quote to edit ({EDITED!r}) is not in the corpus")
    # The first copy of the corpus: one quote of one source.
    corpus_file.write_text(text.replace(EDITED, EDITED[:-1] + " (edited).", 1), encoding="utf-8")
    rebuild("edit", command(build), build, result, full.seconds)

    corpus_file.write_text(corpus_file.read_text(encoding="utf-8") + ADDITION, encoding="utf-8")
    rebuild("add", command(build), build, result, full.seconds)

    if pdf:
        run = measure(
            [
                *QUOTEBOOK,
                "build",
                "--corpus",
                str(corpus_folder),
                "--builddir",
                str(build),
                "--pdf",
            ],
            check=False,
        )
        result.figures["pdf_s"] = run.seconds
        if run.status:
            result.notes.append(f"PDF build failed (exit {run.status}): {run.output[-300:]}")
        result.figures["pdf_peak_mb"] = run.maxrss_kb / 1024
    return result


def _ratio(numerator: float | None, denominator: float | None) -> str:
    if numerator is None or not denominator:
        return "–"
    return f"{numerator / denominator:.2f}"


def _seconds(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def table(results: list[SizeResult]) -> str:
    one = results[0].figures["full_s"]
    rows = [
        "| size | sources · quotes · pages | convert s | full s | baseline s | full ÷ baseline "
        "| full ÷ our 1× | full -j 1 s | no-op s (÷ full) | no-op gen / read / html | "
        "edit s (÷ full) | edit gen / read / html | add source s (÷ full) | "
        "add gen / read / html | site copy s | peak MB | PDF s (peak MB) |",
        "|" + "---|" * 17,
    ]
    for r in results:
        f, c = r.figures, r.counts
        rows.append(
            " | ".join(
                [
                    f"| {r.factor}×",
                    f"{r.sources} · {r.quotes} · {r.pages}",
                    f"{f['convert_s']:.2f}",
                    _seconds(f["full_s"]),
                    _seconds(f.get("baseline_full_s")),
                    _ratio(f["full_s"], f.get("baseline_full_s")),
                    _ratio(f["full_s"], one),
                    _seconds(f.get("full_j1_s")),
                    f"{f['noop_s']:.1f} ({f['noop_ratio']:.2f})",
                    f"{c['noop_generated']} / {c['noop_reread']} / {c['noop_html']}",
                    f"{f['edit_s']:.1f} ({f['edit_ratio']:.2f})",
                    f"{c['edit_generated']} / {c['edit_reread']} / {c['edit_html']}",
                    f"{f['add_s']:.1f} ({f['add_ratio']:.2f})",
                    f"{c['add_generated']} / {c['add_reread']} / {c['add_html']}",
                    f"{f['copy_s']:.2f}",
                    f"{f['peak_mb']:.0f}",
                    (
                        f"{f['pdf_s']:.0f} ({f['pdf_peak_mb']:.0f})"
                        + (" failed" if r.notes else "")
                        if "pdf_s" in f
                        else "–"
                    ),
                ]
            )
            + " |"
        )
    return "\n".join(rows)


def targets(results: list[SizeResult]) -> str:
    """The issue's targets, each marked met or missed on this run's figures."""
    by = {r.factor: r for r in results}
    one = by[1].figures
    lines = []

    def check(name: str, ok: bool | None, figure: str) -> None:
        mark = "not measured" if ok is None else ("met" if ok else "**missed**")
        lines.append(f"- {name}: {figure} — {mark}")

    check(
        "1×: full build (convert included) ≤ 1.3× bare Sphinx",
        one["full_s"] <= 1.3 * one["baseline_full_s"] if "baseline_full_s" in one else None,
        f"{_ratio(one['full_s'], one.get('baseline_full_s'))}×",
    )
    if 10 in by:
        ten = by[10].figures
        check(
            "10×: full build ≤ 12× our 1×",
            ten["full_s"] <= 12 * one["full_s"],
            f"{ten['full_s'] / one['full_s']:.1f}×",
        )
    if 100 in by:
        hundred = by[100].figures
        check(
            "100×: full build ≤ 120× our 1×",
            hundred["full_s"] <= 120 * one["full_s"],
            f"{hundred['full_s'] / one['full_s']:.1f}×",
        )
        check("100×: peak memory < 6 GB", hundred["peak_mb"] < 6144, f"{hundred['peak_mb']:.0f} MB")
    if 10 in by and "pdf_s" in by[10].figures:
        check("10×: the PDF completes", not by[10].notes, f"{by[10].figures['pdf_s']:.0f} s")
    check("convert < 0.5 s at 1×", one["convert_s"] < 0.5, f"{one['convert_s']:.2f} s")
    top = results[-1]
    check(
        f"convert linear up to {top.factor}×",
        top.figures["convert_s"] <= 1.2 * top.factor * one["convert_s"],
        f"{top.figures['convert_s'] / one['convert_s']:.1f}× the 1× time at {top.factor}×",
    )
    for r in results:
        f, c = r.figures, r.counts
        check(
            f"{r.factor}×: no-op rewrites no generated page, no HTML page, ≤ 20% of full",
            c["noop_generated"] == 0 and c["noop_html"] == 0 and f["noop_ratio"] <= 0.2,
            f"{c['noop_generated']} / {c['noop_html']} pages, {f['noop_ratio']:.0%}",
        )
        check(
            f"{r.factor}×: one-quote edit re-reads its pages only, ≤ 30% of full",
            f["edit_ratio"] <= 0.3,
            f"{c['edit_reread']} re-read, {c['edit_html']} HTML written "
            f"(search and general index included), {f['edit_ratio']:.0%}",
        )
    return "\n".join(lines)


def environment(jobs: str) -> str:
    import docutils
    import furo
    import myst_parser

    return (
        f"Measured {datetime.datetime.now().isoformat(timespec='minutes')} on "
        f"{platform.machine()} {platform.processor() or ''} ({os.cpu_count()} cores, load "
        f"average {os.getloadavg()[0]:.1f} at the start), {platform.platform()}; Python "
        f"{platform.python_version()}, Sphinx {sphinx.__version__}, docutils "
        f"{docutils.__version__}, myst-parser {myst_parser.__version__}, furo "
        f"{furo.__version__}; `-j {jobs}`."
    )


def replace_section(document: str, marker: str, body: str) -> str:
    """Put ``body`` between this marker's comments, keeping the rest of the file."""
    begin, end = f"<!-- {marker}:begin -->", f"<!-- {marker}:end -->"
    block = f"{begin}\n{body}\n{end}"
    if begin in document and end in document:
        head, _, rest = document.partition(begin)
        return head + block + rest.partition(end)[2]
    return document.rstrip("\n") + "\n\n" + block + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--large", action="store_true", help="also run the 100× corpus")
    parser.add_argument("--sizes", default="", help="comma-separated factors, e.g. 1,10")
    parser.add_argument("-j", "--jobs", default="auto")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else [1, 10]
    if args.large and 100 not in sizes:
        sizes.append(100)
    if sizes[0] != 1:
        sizes.insert(0, 1)  # every ratio is to the 1× of the same run
    WORK.mkdir(parents=True, exist_ok=True)
    header = environment(args.jobs)
    results = []
    for factor in sizes:
        started = time.perf_counter()
        results.append(
            bench_size(
                factor,
                args.jobs,
                pdf=factor <= 10,
                # Bare Sphinx is quadratic in the number of pages: hours at 100×.
                baseline=factor <= 10,
                serial=factor <= 10,
            )
        )
        print(f"{factor}×: done in {time.perf_counter() - started:.0f} s", flush=True)
    body = "\n\n".join(
        [
            f"### `benchmarks.run --sizes {','.join(map(str, sizes))}`",
            header,
            table(results),
            "Targets on these figures:",
            targets(results),
            *(f"- {r.factor}×: {note}" for r in results for note in r.notes),
        ]
    )
    print(body)
    marker = "large" if 100 in sizes else "bench"
    document = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    RESULTS.write_text(replace_section(document, marker, body), encoding="utf-8")


if __name__ == "__main__":
    main()
