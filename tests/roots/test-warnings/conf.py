from __future__ import annotations

project = "Quotebook warnings test"
extensions = ["myst_parser", "quotebook.sphinxext"]
nitpicky = True
quotebook_review_page = ""
