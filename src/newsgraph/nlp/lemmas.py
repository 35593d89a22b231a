"""A faster ``lemmatizer`` with the same output: the model's rules, memoised per word form.

The stock ``lemmatizer`` of ``en_core_web_sm`` (``mode = "rule"``) walks the doc in Python,
building a ``Token`` and its ``pos_`` and ``morph`` strings for every token before it
consults its cache, and each word form it has not seen costs a scan of a word list of up to
57,000 entries (``form in index``: its ``lemma_index`` tables are lists). On a fresh process
that is about as much as the parser. Its result is a pure function of the token's ``ORTH``,
``POS`` and ``MORPH`` (it reads nothing else), so :class:`FastLemmatizer` reads those three
for the whole doc with one ``to_array``, looks each triple up in a dict of lemma hashes, and
writes the lemmas back with one ``from_array``. A triple not seen yet is lemmatized by a
copy of the stock component whose index tables are sets (the rules only test membership).
Like the stock component it keeps a lemma already set by the ``attribute_ruler`` unless
``overwrite`` is set. :func:`install` swaps it in; ``tests/test_scale.py`` checks the output
is identical. The memo holds string hashes and grows with the word forms seen, like spaCy's
own lemma cache; it does not support ``nlp.memory_zone()`` (newsgraph does not use it).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

FACTORY = "newsgraph_fast_lemmatizer"


class FastLemmatizer:
    """The stock rule lemmatizer, memoised per ``(ORTH, POS, MORPH)`` (same output)."""

    def __init__(self, stock: Any) -> None:
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        self.stock = stock
        self.name = getattr(stock, "name", "lemmatizer")
        self.mode = str(stock.mode)
        self.overwrite = bool(stock.overwrite)
        self.lookups = stock.lookups  # the stock tables, for readers such as ``trigger_forms``
        self.rules = _with_set_index(stock)
        self.read_ids = [ORTH, POS, MORPH, LEMMA]
        self.write_ids = [LEMMA]
        self.lemmas: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Any) -> Any:
        if not len(doc):
            return doc
        array = doc.to_array(self.read_ids)
        rows: list[list[int]] = array.tolist()
        lemmas = self.lemmas
        overwrite = self.overwrite
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            found = lemmas.get(key)
            if found is None:
                found = lemmas[key] = self._lemmatize(doc[i])
            if found != lemma:
                array[i, 3] = found
                changed = True
        if changed:
            doc.from_array(self.write_ids, array[:, 3:])
        return doc

    def _lemmatize(self, token: Any) -> int:
        return int(token.doc.vocab.strings.add(self.rules.lemmatize(token)[0]))

    def pipe(self, docs: Iterable[Any], batch_size: int = 128) -> Iterator[Any]:
        """Lemmatize each doc, in order."""
        for doc in docs:
            yield self(doc)


def _with_set_index(stock: Any) -> Any:
    """Return a copy of ``stock`` whose ``lemma_index`` tables are sets (else ``stock``)."""
    from spacy.lookups import Lookups

    try:
        copy = type(stock)(
            stock.vocab, stock.model, stock.name, mode=stock.mode, overwrite=stock.overwrite
        )
    except (TypeError, ValueError):
        return stock
    lookups = Lookups()
    for name in stock.lookups.tables:
        table = stock.lookups.get_table(name)
        if name == "lemma_index":
            lookups.add_table(name, {pos: frozenset(words) for pos, words in table.items()})
        else:
            lookups.add_table(name, dict(table.items()))
    copy.lookups = lookups
    return copy


def install(nlp: Any, name: str = "lemmatizer") -> bool:
    """Replace ``nlp``'s lemmatizer by a :class:`FastLemmatizer` built from it.

    Returns:
        Whether it was replaced (``False``: no such pipe, or not a rule lemmatizer; the stock
        component then stays).
    """
    from spacy.language import Language

    if name not in nlp.pipe_names:
        return False
    stock = nlp.get_pipe(name)
    if isinstance(stock, FastLemmatizer):
        return True
    if getattr(stock, "mode", None) != "rule" or not hasattr(stock, "lemmatize"):
        return False
    if not Language.has_factory(FACTORY):

        @Language.factory(FACTORY)
        def make(nlp: Any, name: str) -> Any:
            return _READY.pop()

    _READY.append(FastLemmatizer(stock))
    nlp.replace_pipe(name, FACTORY)
    return True


_READY: list[FastLemmatizer] = []
"""The component the factory hands to ``replace_pipe`` (it cannot take the stock one as config)."""
