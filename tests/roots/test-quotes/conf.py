from __future__ import annotations

project = "Quotebook test"
extensions = ["myst_parser", "quotebook.sphinxext"]
# Left at Sphinx's default (on) on purpose: quoted words must stay untouched anyway.
smartquotes = True
nitpicky = True
quotebook_review_page = "review"
latex_documents = [("index", "quotes.tex", project, "Editors", "manual")]
