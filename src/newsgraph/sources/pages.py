"""Pages to ``Article``: the one dispatch from a page's kind to its reader, then the finish.

``html`` goes to :mod:`newsgraph.sources.html`, anything else to
:mod:`newsgraph.sources.textdump`; every article, from a file, a URL or a container record,
then gets the given URL and date, its source and its language here.
"""

from __future__ import annotations

import logging

from ..model import Article
from .options import ReadOptions

__all__ = ["article_from_text", "finish_article"]

log = logging.getLogger(__name__)


def article_from_text(text: str, kind: str, source: str, options: ReadOptions) -> Article:
    """Build an ``Article`` from decoded page text with the reader for ``kind``, then finish it.

    Raises:
        InputError: the reader found no article in the text.
    """
    if kind == "html":
        from .html import read_html

        article = read_html(text, source, options)
    else:
        from .textdump import read_textdump

        article = read_textdump(text, source, options)
    article.warnings.extend(getattr(text, "warnings", ()))
    return finish_article(article, source, options)


def finish_article(article: Article, source: str, options: ReadOptions) -> Article:
    """Apply given URL/date overrides, record the source and detect the language."""
    from ..language import detect_language

    article.source = source
    if options.url:
        article.url = options.url
        article.metadata_sources["url"] = "given"
    if options.published:
        article.published = options.published
        article.metadata_sources["published"] = "given"
    if not article.language:
        article.language = detect_language(article.text)
    if article.language and article.language != "en":
        log.warning(
            "%s: language is %r, not English; English-only extractors skip it",
            source,
            article.language,
        )
    return article
