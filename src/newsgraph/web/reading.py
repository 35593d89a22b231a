"""Reading what ``POST /api/analyze`` receives into an ``Article``, and analysing or storing it."""

from __future__ import annotations

from typing import Any

from ..errors import InputError
from ..model import Article
from ..sources import ReadOptions
from ..store import Store


def read_upload(
    text: str | None,
    html: str | None,
    data: bytes | None,
    filename: str | None,
    options: ReadOptions,
) -> Article:
    """Return the article given as plain ``text``, an ``html`` page or a file's ``data``.

    Raises:
        InputError: the input is empty, binary, too large, not one article, or no article.
    """
    from ..sources import article_from_text, sniff_kind
    from ..sources.decode import check_bytes, read_text_bytes

    if text is not None and text.strip():
        return article_from_text(text, "text", "api:text", options)
    if html is not None and html.strip():
        return article_from_text(html, "html", "api:html", options)
    label = f"upload:{filename or 'file'}"
    data = check_bytes(data or b"", label, options.max_bytes)
    kind = sniff_kind(data)
    if kind not in ("html", "text"):
        raise InputError(f"a {kind} container holds many articles; upload one page", label)
    decoded = read_text_bytes(data, label, max_bytes=options.max_bytes)
    return article_from_text(decoded, kind, label, options)


def analyze_upload(article: Article) -> dict[str, Any]:
    """Return the analysis document of ``article`` (nothing is stored)."""
    from ..pipeline import analyze

    return analyze(article).to_dict()


def ingest_upload(store: Store, article: Article) -> tuple[dict[str, Any], bool]:
    """Store the analysis of ``article``; return its document and whether it is new.

    Raises:
        InputError: the article could not be analysed.
        StoreError: the database cannot be written.
    """
    from ..store.ingest import ingest_articles
    from ..store.queries import get_analysis

    report = ingest_articles(store, [article], batch_size=1)
    if report.failures:
        raise InputError(report.failures[0].reason, article.source)
    document = get_analysis(store, article.id)
    if document is None:  # pragma: no cover - stored above
        raise InputError("the article was not stored", article.source)
    return document, report.stored == 1
