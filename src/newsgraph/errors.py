"""Every error newsgraph raises, under one base class.

The tree::

    NewsgraphError            anything newsgraph raises on purpose
    ├── InputError            an input cannot be read as an article
    │   ├── EmptyInputError       nothing (or only white space) to read
    │   ├── BinaryInputError      bytes that are not text or HTML
    │   ├── EncodingError         text that does not decode in any plausible encoding
    │   ├── InputTooLargeError    over the size limit (5 MB by default)
    │   ├── NotAnArticleError     a page with no article body (index, login, error page)
    │   ├── FetchError            a URL that could not be fetched
    │   └── AnalysisError         an article read but whose analysis failed
    ├── StoreError            the database cannot be opened or written
    ├── ConfigError           a bad option, setting or missing optional dependency
    ├── WatchError            a saved search that cannot be saved or is not there
    └── ArgumentError         a library call with an argument of the wrong kind (also a
                              ``TypeError``): ``read_article(None)``, ``Article(text=None)``

Each error carries ``source`` (the path or URL it is about) and renders as one line that
says what went wrong, where, and, when there is one, what to do next.
"""

from __future__ import annotations


class NewsgraphError(Exception):
    """Base class of every error newsgraph raises on purpose."""

    def __init__(self, message: str, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        if self.source:
            return f"{self.source}: {self.message}"
        return self.message


class InputError(NewsgraphError):
    """Raised when an input cannot be read as an article."""


class EmptyInputError(InputError):
    """Raised when an input holds no bytes, or only white space."""


class BinaryInputError(InputError):
    """Raised when an input is binary data (an image, a PDF, an archive), not text or HTML."""


class EncodingError(InputError):
    """Raised when text does not decode in its declared or any plausible encoding."""


class InputTooLargeError(InputError):
    """Raised when an input is larger than the size limit."""


class NotAnArticleError(InputError):
    """Raised when a page has no article body (an index page, a login wall, an error page)."""


class FetchError(InputError):
    """Raised when a URL cannot be fetched (network error, HTTP error status, timeout)."""


class AnalysisError(InputError):
    """Raised (or yielded, in a batch) when an article was read but analysing it failed.

    The message names the cause; the other articles of the batch are analysed as usual.
    """


class StoreError(NewsgraphError):
    """Raised when the database cannot be opened, migrated or written."""


class ConfigError(NewsgraphError):
    """Raised for a bad option or setting, or a missing optional dependency."""


class WatchError(NewsgraphError):
    """Raised for a saved search (a watch) that cannot be saved or found.

    An empty query, a name already taken (without ``replace``), an unknown name. ``source``
    is the watch's name.
    """


class ArgumentError(NewsgraphError, TypeError):
    """Raised when a library function gets an argument of the wrong kind.

    For instance ``read_article(None)``, ``Article(text=None)`` or ``analyze("a string")``.
    It is also a ``TypeError``, so code that catches that keeps working.
    """
