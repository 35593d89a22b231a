"""Evaluation against public gold sets: how well newsgraph reads and analyses articles.

- :mod:`newsgraph.evaluation.extraction` scores the readers (body text and metadata) on the
  article-extraction gold sets (ScrapingHub AEB, NAEB, Fundus fixtures).
"""

from __future__ import annotations

from .extraction import ExtractionReport, evaluate_extraction

__all__ = ["ExtractionReport", "evaluate_extraction"]
