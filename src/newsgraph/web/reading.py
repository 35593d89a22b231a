"""What ``POST /api/analyze`` receives: its body, the ``Article`` in it, storing its analysis."""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field

from ..errors import InputError
from ..model import Article
from ..sources import ReadOptions
from ..sources.jsonl import no_surrogates
from .deps import DAY
from .errors import APIError


class AnalyzeFields(BaseModel):
    """The fields of ``POST /api/analyze``: one of ``text``, ``html`` (or a file), and options."""

    text: str | None = Field(None, description="The article as plain text.")
    html: str | None = Field(None, description="The article as an HTML page.")
    url: str | None = Field(None, max_length=2000, description="The article's URL.")
    published: str | None = Field(
        None, pattern=DAY, description="The publication date (YYYY-MM-DD)."
    )
    store: bool = Field(False, description="Also store it (needs --allow-ingest).")
    token: str | None = Field(
        None,
        max_length=200,
        description="The server's ingest token: a form or multipart write (store=true) needs "
        "it; a JSON one does not.",
    )


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


async def read_body(request: Request, max_body: int) -> tuple[Any, bytes | None, str | None, bool]:
    """Return the fields of ``POST /api/analyze``, the file and its name, and whether it was JSON.

    Raises:
        APIError: 415 for a body that is not JSON or a form, 422 for JSON that is not an
            object or fields of the wrong kind (400 comes from a malformed form).
    """
    from pydantic import ValidationError

    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    values: dict[str, Any]
    data = filename = None
    if kind == "application/json":
        try:
            values = json.loads(await request.body())
        except ValueError:
            raise APIError(422, "bad_parameters", "the body is not valid JSON") from None
        if not isinstance(values, dict):
            raise APIError(422, "bad_parameters", "the body must be a JSON object")
        values = no_surrogates(values)
    elif kind in ("multipart/form-data", "application/x-www-form-urlencoded"):
        form = await request.form(max_files=1, max_fields=20, max_part_size=max_body)
        try:
            values = {k: v for k, v in form.items() if isinstance(v, str) and k != "file"}
            upload = form.get("file")
            if isinstance(upload, str):
                raise APIError(422, "bad_parameters", "file: send a file, not a text field")
            if upload is not None:
                data, filename = await upload.read(max_body + 1), upload.filename
        finally:
            await form.close()
    elif not kind and not await request.body():
        values = {}  # nothing sent: no field given
    else:
        raise APIError(415, "unsupported_media_type", "send JSON, a form or a multipart form")
    try:
        fields = AnalyzeFields.model_validate(values)
    except ValidationError as exc:
        raise RequestValidationError(exc.errors(include_url=False)) from None
    return fields, data, filename, kind == "application/json"


def store_document(db: str, document: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """Store an analysis document; return the stored document and whether it is new.

    Raises:
        StoreError: the database cannot be written.
    """
    from ..model import Analysis
    from ..store import open_store
    from ..store.groups import Grouper
    from ..store.queries import get_analysis
    from ..store.rows import has_article, write_analysis

    analysis = Analysis.from_dict(document)
    article = analysis.article
    with open_store(db) as store:
        created = False
        if not has_article(store, article.id):
            group = Grouper(store).assign(article.id, article.text)
            created = write_analysis(store, analysis, group=group)
        stored = get_analysis(store, article.id)
    return stored or document, created
