"""Evaluation against public gold sets: how well newsgraph reads and analyses articles.

- :mod:`newsgraph.evaluation.extraction` scores the readers (body text and metadata) on the
  article-extraction gold sets (ScrapingHub AEB, NAEB, Fundus fixtures).
- :mod:`newsgraph.evaluation.quotes` scores who-said-what on brat-standoff gold (PolNeAR).
- :mod:`newsgraph.evaluation.events` scores PLOVER event coding (PLV, PLOVER GSR, PETRARCH2
  tests).
- :mod:`newsgraph.evaluation.articles` scores whole analyses (events, quotes, people) on
  real-article gold with exhaustive annotations.

Each ``evaluate_*`` function returns a report with ``format()`` (a table) and ``to_dict()``.
"""

from __future__ import annotations

from .extraction import ExtractionReport, evaluate_extraction

__all__ = ["ExtractionReport", "evaluate_extraction"]
