# Quotebook: `make docs` builds the HTML site and the PDF book, `make test` runs
# the tests. Both create (or reuse) the virtual environment in .venv.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BUILDDIR ?= _build
JOBS ?= auto
QB := $(BIN)/quotebook
TEX_PACKAGES := latexmk texlive-xetex texlive-latex-recommended texlive-latex-extra \
	texlive-fonts-recommended fonts-freefont-otf tex-gyre xindy poppler-utils
BROWSER_PACKAGES := chromium

.PHONY: help venv docs html pdf serve test lint bench bench-large clean tex browser

help:
	@echo "make docs   build the HTML site and the PDF book into $(BUILDDIR)/"
	@echo "make html   the HTML site only;  make pdf  the PDF only"
	@echo "make serve  live preview that rebuilds when the corpus changes"
	@echo "make test   run the whole test suite"
	@echo "make bench  run the benchmarks"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

# TeX Live and Chromium come from Debian's packages: installed when missing and
# we can (root with apt-get), otherwise we stop and name them.
tex:
	@if ! command -v latexmk >/dev/null || ! command -v xelatex >/dev/null || ! command -v xindy >/dev/null || ! command -v pdftotext >/dev/null \
	  || ! kpsewhich titlesec.sty >/dev/null || ! fc-list FreeSerif | grep -q .; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(TEX_PACKAGES); \
	  else \
	    echo "The PDF needs TeX Live. Install these Debian packages: $(TEX_PACKAGES)"; exit 2; \
	  fi; \
	fi

browser:
	@if ! command -v chromium >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(BROWSER_PACKAGES); \
	  else \
	    echo "The browser tests need Chromium. Install the Debian package: $(BROWSER_PACKAGES)"; exit 2; \
	  fi; \
	fi

docs: $(STAMP) tex
	$(QB) build --builddir $(BUILDDIR) --html --pdf -j $(JOBS)

html: $(STAMP)
	$(QB) build --builddir $(BUILDDIR) --html -j $(JOBS)

pdf: $(STAMP) tex
	$(QB) build --builddir $(BUILDDIR) --pdf

serve: $(STAMP)
	$(QB) convert --out $(BUILDDIR)/src
	$(BIN)/sphinx-autobuild $(BUILDDIR)/src $(BUILDDIR)/html -d $(BUILDDIR)/doctrees \
		--watch corpus --watch docs \
		--pre-build "$(abspath $(QB)) convert --out $(BUILDDIR)/src" \
		--ignore "*/src/*" --host 127.0.0.1 --port 8000

test: $(STAMP) tex browser
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check tools tests benchmarks
	$(BIN)/ruff format --check tools tests benchmarks

bench: $(STAMP) tex
	$(BIN)/python -m benchmarks.run

bench-large: $(STAMP) tex
	$(BIN)/python -m benchmarks.run --large

clean:
	rm -rf $(BUILDDIR)
