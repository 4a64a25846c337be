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
# colon fences for sphinx-design grids; corpus text never reaches Markdown unescaped.
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 0
suppress_warnings: list[str] = []

exclude_patterns = ["_build", ".staging-*"]
html_theme = "furo"
html_title = project
# Also spares browsers a request for /favicon.ico that a static host may not answer.
html_favicon = "_static/favicon.svg"
html_static_path: list[str] = []
html_copy_source = False
html_show_sourcelink = False
html_last_updated_fmt = None

quotebook_review_page = "review"

latex_engine = "xelatex"
latex_show_urls = "no"
# References to quotes and sources give the page they are on.
latex_show_pagerefs = True

# The book: its own master document (one chapter per source, grouped by author),
# the same index entries as the site. FreeSerif carries Latin, Polish and Cyrillic.
latex_documents = [("book", "quotebook.tex", project, author, "manual")]
latex_use_xindy = True
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    "fontpkg": r"""
\setmainfont{FreeSerif}[Extension=.otf, UprightFont=*, ItalicFont=*Italic,
  BoldFont=*Bold, BoldItalicFont=*BoldItalic]
\setsansfont{FreeSans}[Extension=.otf, UprightFont=*, ItalicFont=*Oblique,
  BoldFont=*Bold, BoldItalicFont=*BoldOblique]
\setmonofont{FreeMono}[Extension=.otf, UprightFont=*, ItalicFont=*Oblique,
  BoldFont=*Bold, BoldItalicFont=*BoldOblique]
""",
    # Long unbreakable strings (URLs, runs of dashes) may stretch a line
    # rather than run into the margin.
    "preamble": r"\setlength{\emergencystretch}{3em}\sloppy",
    "printindex": r"\footnotesize\raggedright\printindex",
}
