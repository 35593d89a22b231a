"""Bad input: each kind gets one clear one-line error naming the input, and a batch goes on.

Kinds from the issue: empty, binary, undecodable, truncated or malformed markup, pages over
5 MB, non-article pages, non-English text (read, with its language recorded, not an error).
"""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path

import pytest

from newsgraph.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    InputTooLargeError,
    NotAnArticleError,
)
from newsgraph.model import Article
from newsgraph.sources import ReadOptions, iter_articles, read_article
from newsgraph.sources.decode import MAX_BYTES

PARAGRAPHS = [
    "Japan and South Korea agreed on Sunday to resume regular security talks, officials in "
    "Seoul said, after years of strained relations over wartime history and trade.",
    "The leaders met for two hours at the presidential office and discussed North Korea's "
    "missile launches, supply chains for semiconductors and the Fukushima water release.",
    '"This is a new beginning for our relationship," the prime minister told reporters after '
    "the meeting, adding that both governments would rebuild trust step by step.",
    "Analysts said the visit showed how far the two countries had come since a dispute over "
    "compensation for forced labour froze most contacts in 2019.",
]
ARTICLE_TEXT = "Talks resume\n\n" + "\n\n".join(PARAGRAPHS) + "\n"
GERMAN = (
    "Die Außenminister Japans und Südkoreas haben sich am Sonntag in Seoul getroffen, um über "
    "die Sicherheitslage in der Region zu sprechen. Beide Regierungen wollen die seit Jahren "
    "belasteten Beziehungen verbessern und die regelmäßigen Gespräche wieder aufnehmen. "
    "Experten sehen darin einen wichtigen Schritt, warnen aber vor zu hohen Erwartungen."
)
FRENCH = (
    "Les ministres des Affaires étrangères du Japon et de la Corée du Sud se sont rencontrés "
    "dimanche à Séoul pour discuter de la sécurité dans la région. Les deux gouvernements "
    "veulent améliorer des relations tendues depuis des années et reprendre un dialogue "
    "régulier. Les experts y voient une étape importante, mais appellent à la prudence."
)


def news_page(paragraphs: list[str], title: str = "Talks resume", lang: str = "en") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title>"
        "</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>\n{body}\n</article><footer>© Example News</footer>"
        "</body></html>"
    )


PAGE = news_page(PARAGRAPHS)
LOGIN_PAGE = (
    "<html><head><title>Sign in</title></head><body><form><label>Email</label><input name=e>"
    "<label>Password</label><input type=password><button>Sign in</button></form></body></html>"
)
INDEX_PAGE = (
    "<html><head><title>World news</title></head><body><nav><ul>"
    + "".join(f"<li><a href='/world/{n}'>World story number {n}</a></li>" for n in range(30))
    + "</ul></nav></body></html>"
)

# name, file contents, options, expected error, expected start of the message
BadCase = tuple[str, bytes, ReadOptions, type[InputError], str]
BAD_CASES: list[BadCase] = [
    ("empty.html", b"", ReadOptions(), EmptyInputError, "empty input"),
    ("blank.txt", b" \n\t\r\n  ", ReadOptions(), EmptyInputError, "empty input"),
    (
        "scan.pdf.html",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        ReadOptions(),
        BinaryInputError,
        "binary data (a PDF file)",
    ),
    (
        "photo.txt",
        b"\x89PNG\r\n\x1a\n" + bytes(200),
        ReadOptions(),
        BinaryInputError,
        "binary data (a PNG image)",
    ),
    ("noise.txt", bytes(range(256)) * 8, ReadOptions(), BinaryInputError, "binary data"),
    (
        "garbled.txt",
        bytes(range(128, 256)) * 40,
        ReadOptions(),
        EncodingError,
        "not text in any known encoding",
    ),
    (
        "latin.txt",
        ARTICLE_TEXT.replace("Seoul", "Séoul").encode("cp1252"),
        ReadOptions(encoding="utf-8"),
        EncodingError,
        "does not decode as utf-8",
    ),
    (
        "broken.html.gz",
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + b"garbage" * 9,
        ReadOptions(),
        BinaryInputError,
        "broken gzip data",
    ),
    (
        "huge.html",
        b"<p>" + b"a" * MAX_BYTES + b"</p>",
        ReadOptions(),
        InputTooLargeError,
        "larger than 5,000,000 bytes",
    ),
    (
        "bomb.html.gz",
        gzip.compress(b" " * (MAX_BYTES + 10)),
        ReadOptions(),
        InputTooLargeError,
        "larger than 5,000,000 bytes once decompressed",
    ),
    ("login.html", LOGIN_PAGE.encode(), ReadOptions(), NotAnArticleError, "no article body"),
    ("tags.html", b"<<<>>><div<<p<</", ReadOptions(), NotAnArticleError, "no article body"),
]
BAD_IDS = [
    "empty", "blank", "pdf", "png", "control-bytes", "undecodable", "wrong-forced-encoding",
    "broken-gzip", "over-5mb", "gzip-inflates-over-5mb", "login-page", "tag-soup",
]  # fmt: skip


@pytest.mark.parametrize(("name", "content", "options", "error", "message"), BAD_CASES,
                         ids=BAD_IDS)  # fmt: skip
def test_bad_input_one_line_error_naming_the_file(
    tmp_path: Path,
    name: str,
    content: bytes,
    options: ReadOptions,
    error: type[InputError],
    message: str,
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_article(str(path), options)
    assert type(caught.value) is error
    text = str(caught.value)
    assert text.startswith(f"{path}: {message}"), text
    assert "\n" not in text
    assert caught.value.source == str(path)


def test_bad_input_index_page_is_not_an_article(tmp_path: Path) -> None:
    path = tmp_path / "index.html"
    path.write_text(INDEX_PAGE, encoding="utf-8")
    with pytest.raises(NotAnArticleError, match=f"^{path}: "):
        read_article(str(path))


def test_bad_input_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.html"
    with pytest.raises(InputError) as caught:
        read_article(str(path))
    assert str(caught.value) == f"{path}: no such file or directory"


@pytest.mark.parametrize(
    "cut",
    [lambda page: page[: page.rindex("</p>") + 3], lambda page: page[: page.rindex("<footer") + 4]],
    ids=["mid-closing-tag", "mid-footer-tag"],
)
def test_bad_input_truncated_markup_still_yields_article(
    tmp_path: Path, cut: Callable[[str], str]
) -> None:
    path = tmp_path / "cut.html"
    path.write_text(cut(PAGE), encoding="utf-8")
    article = read_article(str(path))
    assert "resume regular security talks" in article.text
    assert "rebuild trust step by step" in article.text


def test_bad_input_malformed_markup_with_body_yields_article(tmp_path: Path) -> None:
    page = PAGE.replace("</p>", "").replace("</article>", "</div></span>").replace("<nav>", "<nav")
    path = tmp_path / "malformed.html"
    path.write_text(page, encoding="utf-8")
    article = read_article(str(path))
    assert "resume regular security talks" in article.text


def test_bad_input_exactly_at_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    content = ARTICLE_TEXT.encode()
    path.write_bytes(content)
    article = read_article(str(path), ReadOptions(max_bytes=len(content)))
    assert "resume regular security talks" in article.text
    with pytest.raises(InputTooLargeError):
        read_article(str(path), ReadOptions(max_bytes=len(content) - 1))


@pytest.mark.parametrize(("text", "language"), [(GERMAN, "de"), (FRENCH, "fr")], ids=["de", "fr"])
@pytest.mark.parametrize("suffix", [".txt", ".html"], ids=["text", "page"])
def test_bad_input_non_english_is_read_with_language(
    tmp_path: Path, text: str, language: str, suffix: str, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / f"article{suffix}"
    if suffix == ".txt":
        path.write_text(text, encoding="utf-8")
    else:
        sentences = text.split(". ")
        paragraphs = [". ".join(sentences[:2]) + ".", ". ".join(sentences[2:])]
        path.write_text(news_page(paragraphs, "Seoul", lang=language), encoding="utf-8")
    article = read_article(str(path))
    assert article.language == language
    assert text.split(". ")[0] in article.text
    assert f"language is '{language}', not English" in caplog.text


def test_bad_input_mixed_directory_yields_all_good_and_one_error_per_bad(tmp_path: Path) -> None:
    files: dict[str, bytes] = {
        "01-good.html": PAGE.encode(),
        "02-empty.txt": b"",
        "03-good.txt": ARTICLE_TEXT.encode(),
        "04-scan.html": b"%PDF-1.4\n",
        "05-login.html": LOGIN_PAGE.encode(),
        "06-german.txt": GERMAN.encode(),
        "07-huge.txt.gz": gzip.compress(b"a" * (MAX_BYTES + 1)),
        "sub/08-good.html.gz": gzip.compress(PAGE.encode()),
        "sub/09-garbled.txt": bytes(range(128, 256)) * 40,
        "sub/ignored.pdf": b"%PDF-1.4\n",
    }
    for name, content in files.items():
        path = tmp_path / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(content)
    items = list(iter_articles([str(tmp_path)]))
    kinds = [type(item).__name__ for item in items]
    assert kinds == [
        "Article",
        "EmptyInputError",
        "Article",
        "BinaryInputError",
        "NotAnArticleError",
        "Article",
        "InputTooLargeError",
        "Article",
        "EncodingError",
    ]
    names = list(files)[:9]
    for item, name in zip(items, names, strict=True):
        if isinstance(item, InputError):
            assert str(item).startswith(f"{tmp_path / name}: ")
            assert "\n" not in str(item)
        else:
            assert item.source == str(tmp_path / name)
    german = items[5]
    assert isinstance(german, Article) and german.language == "de"
