"""Sphinx configuration of the Quotebook site and book.

The pages themselves are generated from the corpus by ``quotebook convert``;
this file and ``about.md`` are the hand-written part of the project.
"""

from __future__ import annotations

project = "A Collection of Quotations on Soviet History"
author = "Quotebook editors"
copyright = "the editors of the collection"

extensions = ["myst_parser", "sphinx_design", "quotebook.sphinxext"]

# Quoted words are never typeset: no smart quotes, no dash ligatures anywhere.
smartquotes = False
myst_enable_extensions = []
myst_heading_anchors = 0
suppress_warnings: list[str] = []

exclude_patterns = ["_build"]
html_theme = "furo"
html_title = project
html_static_path: list[str] = []
html_copy_source = False
html_show_sourcelink = False
html_last_updated_fmt = None

quotebook_review_page = "review"

latex_engine = "xelatex"
latex_documents = [("index", "quotebook.tex", project, author, "manual")]
latex_show_urls = "no"
