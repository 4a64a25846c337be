"""Sphinx configuration of the Quotebook site and book.

The pages themselves are generated from the corpus by ``quotebook convert``;
this file and ``about.md`` are the hand-written part of the project.
"""

from __future__ import annotations

from typing import Any

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

exclude_patterns = ["_build", ".staging-*", "_extra"]
html_theme = "furo"
html_title = project
# Also spares browsers a request for /favicon.ico that a static host may not answer.
html_favicon = "_static/favicon.svg"
html_static_path: list[str] = []
# The downloads (bibliography, collection) are copied as they are, outside Sphinx's
# dependency tracking: correcting a quote must not re-read the pages that link them.
html_extra_path = ["_extra"]
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
# Our xindy module (page ranges); build_pdf passes it to xindy after sphinx.xdy.
latex_additional_files = ["latex/quotebook.xdy"]
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
    # A chapter starts on the next page, not the next right-hand one: no blank pages.
    "extraclassoptions": "openany",
    # Chapter headings are set in the preamble below (titlesec), not by fncychap.
    "fncychap": "",
    # Black headings in the text face and black links: a book, not a web page.
    "sphinxsetup": (
        r"HeaderFamily=\rmfamily\bfseries, TitleColor={rgb}{0,0,0},"
        r" InnerLinkColor={rgb}{0,0,0}, OuterLinkColor={rgb}{0,0,0}"
    ),
    "preamble": r"""
% Long unbreakable strings (URLs, runs of dashes) may stretch a line rather
% than run into the margin.
\setlength{\emergencystretch}{3em}\sloppy
% Chapters are numbered (one per source), the "Quotes" section inside is not.
\setcounter{secnumdepth}{0}
\titleformat{\chapter}[display]
  {\normalfont\raggedright\hyphenpenalty=10000}
  {\large\scshape Chapter \thechapter}{0.4em}{\LARGE\bfseries}
  [\vspace{0.4em}\titlerule]
\titlespacing*{\chapter}{0pt}{0pt}{1.5em}
% Running heads: page number outside, the chapter's short label inside (the
% full title of a work can run to two lines).
\makeatletter
\fancypagestyle{normal}{\fancyhf{}%
  \fancyhead[LE,RO]{\small\thepage}%
  \fancyhead[RE,LO]{\small\itshape\nouppercase{\leftmark}}%
  \renewcommand{\headrulewidth}{0pt}\renewcommand{\footrulewidth}{0pt}}
\fancypagestyle{plain}{\fancyhf{}\fancyfoot[C]{\small\thepage}%
  \renewcommand{\headrulewidth}{0pt}\renewcommand{\footrulewidth}{0pt}}
\renewcommand{\chaptermark}[1]{\markboth{#1}{#1}}
\renewcommand{\sectionmark}[1]{}
\makeatother
% Index entries in the text face (Sphinx sets them in monospace, for code).
\renewcommand{\sphinxstyleindexentry}[1]{#1}
\renewcommand{\sphinxstyleindexlettergroup}[1]{{\large\bfseries#1}\nopagebreak\vspace{1mm}}
\renewcommand{\sphinxstyleindexlettergroupDefault}[1]{%
  {\large\bfseries\sphinxnonalphabeticalgroupname}\nopagebreak\vspace{1mm}}
""",
    "printindex": r"\footnotesize\raggedright\printindex",
}


# -- Navigation ---------------------------------------------------------------
# furo renders the whole navigation tree into every page. The site's toctree
# stops at the letter pages (the source and author pages are reached from them),
# so that tree is small; and every page outside it (all source and author pages)
# shows the same tree, differing only in the folder links are relative to. It is
# therefore computed once per folder, not once per page: the navigation costs
# the same whatever the size of the corpus.


def _pages_in_navigation(app: Any) -> set[str]:
    env = app.builder.env
    found: set[str] = set()
    pending = [env.config.root_doc]
    while pending:
        docname = pending.pop()
        if docname not in found:
            found.add(docname)
            pending.extend(env.toctree_includes.get(docname, ()))
    return found


def _shared_navigation(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    toctree = context.get("toctree")
    if toctree is None:
        return
    builder = app.builder
    if not hasattr(builder, "quotebook_navigation"):
        builder.quotebook_navigation = ({}, _pages_in_navigation(app))
    cache, in_navigation = builder.quotebook_navigation
    if pagename in in_navigation:
        return  # its own entry is marked current: computed for it alone
    folder = pagename.rpartition("/")[0]

    def shared_toctree(**options: Any) -> str:
        key = (folder, tuple(sorted(options.items())))
        if key not in cache:
            cache[key] = toctree(**options)
        return cache[key]

    context["toctree"] = shared_toctree


def setup(app: Any) -> None:
    # Before furo's handler (priority 500), which calls the toctree function.
    app.connect("html-page-context", _shared_navigation, priority=400)
