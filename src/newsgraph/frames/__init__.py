"""A stored corpus as pandas DataFrames with Arrow dtypes, for analysts working in Python.

::

    import newsgraph

    with newsgraph.open_corpus("corpus.db") as corpus:      # or a postgresql:// URL
        events = corpus.events(source="JPN", target="KOR", since="2023-01-01")
        series = corpus.dyad("JPN", "KOR", by="month")
        for chunk in corpus.events(chunksize=50_000):        # a large corpus, streamed
            ...

Modules: ``corpus.py`` (:func:`open_corpus`, :class:`Corpus`: one method per question of the
CLI, through the same read-layer functions) and ``columns.py`` (each frame's columns and
their Arrow types; it alone imports pandas and pyarrow, and only when a frame is asked for).
"""

from __future__ import annotations

from .corpus import Corpus, open_corpus

__all__ = ["Corpus", "open_corpus"]
