"""Quotebook: publish a compilation of quotations as a Sphinx site and a PDF book."""

from __future__ import annotations

__version__ = "0.1.0"
