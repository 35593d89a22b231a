r"""Near-duplicate stories: syndicated wire copy grouped with MinHash (datasketch).

The same wire story re-published by another site differs in its headline, byline and page
furniture ("This story was provided by…", newsletter sign-ups, related links), may lose or
gain its last paragraphs, and may carry light copy edits. Two different stories on the same
event share their topic words but few runs of five words in a row. So a text is reduced to
the set of its **word 5-shingles** (NFKC, case-folded, ``\w+`` words), and two texts are
the same story when either

- their estimated Jaccard similarity is at least :attr:`DuplicateOptions.jaccard` (0.4), or
- one is contained in the other: the share of the smaller text's shingles found in the
  larger one is at least :attr:`DuplicateOptions.containment` (0.6), the smaller text has at
  least :attr:`DuplicateOptions.min_shingles` shingles (40; a two-line brief that quotes one
  sentence of a long story is not a copy of it) and the Jaccard estimate is at least
  :attr:`DuplicateOptions.containment_jaccard` (0.15; below it, a size ratio of more than
  about 5, the containment estimate is mostly noise).

Both are estimated from a 128-value MinHash :class:`Signature` and the shingle count, so a
store keeps one small value per article (:meth:`Signature.to_bytes`, 526 bytes) and never
the texts. Candidates are found with a ``MinHashLSH`` of 64 bands of 2 rows, which finds
most pairs down to a Jaccard similarity of about 0.2 (the containment case); every candidate
is then checked with the rule above.

The thresholds were tuned on syndicated copies of real articles (AEB and PolNeAR, 3,817
texts; ``tools/make_syndication_corpus.py``, ``benchmarks/eval_duplicates.py --sweep``):
copies of one story had an estimated Jaccard similarity above 0.30 in 99 % of pairs and a
containment above 0.70 in 95 %; different stories at most 0.19 (a copy with a paragraph of
another story inserted) and 0.52 (two pieces on one TV debate). 5-word shingles were chosen
over 4 and 6 for the same figures and a wider margin.

A new article joins the group of the existing article it matches best (highest estimated
Jaccard, then the earliest added); groups are never merged afterwards, so a group id (the
id of the group's first article) never changes once given. Everything is deterministic:
fixed seed, fixed permutation scheme.

Example:
    >>> index = DuplicateIndex()
    >>> index.add("a1", wire_story)  # doctest: +SKIP
    'a1'
    >>> index.add("a2", "Other headline\n\n" + wire_story)  # doctest: +SKIP
    'a1'
"""

from __future__ import annotations

import hashlib
import re
import struct
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH

from ..errors import ConfigError

__all__ = [
    "DuplicateIndex",
    "DuplicateOptions",
    "Signature",
    "Similarity",
    "band_keys",
    "is_same_story",
    "normalize_words",
    "shingles",
    "signature",
    "similarity",
]

_WORD = re.compile(r"\w+")
_SCHEME = "affine32"
_MAGIC = b"NGMH"
_FORMAT_VERSION = 1
_HEADER = struct.Struct("<4sBBHHI")  # magic, version, shingle words, num_perm, seed, shingles


@dataclass(frozen=True)
class DuplicateOptions:
    """How texts are fingerprinted and when two of them are the same story.

    Attributes:
        shingle_words: words per shingle.
        num_perm: MinHash permutations (values in a signature).
        seed: the MinHash seed; signatures made with another seed cannot be compared.
        bands: LSH bands; ``bands * rows`` must not exceed ``num_perm``.
        rows: values per LSH band.
        jaccard: estimated Jaccard similarity at or above which two texts are one story.
        containment: share of the smaller text's shingles found in the larger one at or
            above which two texts are one story (a truncated or extended copy).
        min_shingles: the smaller text needs at least this many shingles for the
            containment rule to apply.
        containment_jaccard: and the estimated Jaccard similarity must be at least this: the
            containment estimate multiplies the Jaccard estimate's noise by the size ratio,
            so two texts of very different sizes sharing a little look alike by chance.
    """

    shingle_words: int = 5
    num_perm: int = 128
    seed: int = 1
    bands: int = 64
    rows: int = 2
    jaccard: float = 0.4
    containment: float = 0.6
    min_shingles: int = 40
    containment_jaccard: float = 0.15

    def __post_init__(self) -> None:
        if self.bands * self.rows > self.num_perm or min(self.bands, self.rows) < 1:
            raise ConfigError(
                f"LSH bands x rows ({self.bands} x {self.rows}) must be between 1 and "
                f"num_perm ({self.num_perm})"
            )


DEFAULT_OPTIONS = DuplicateOptions()


@dataclass(frozen=True)
class Signature:
    """The MinHash fingerprint of a text: what a store keeps to find its duplicates later.

    Attributes:
        hashes: the ``num_perm`` MinHash values (unsigned 32-bit integers).
        shingles: how many distinct shingles the text has (0 for an empty text).
        shingle_words: the words per shingle it was made with.
        seed: the MinHash seed it was made with.
    """

    hashes: tuple[int, ...]
    shingles: int
    shingle_words: int = DEFAULT_OPTIONS.shingle_words
    seed: int = DEFAULT_OPTIONS.seed

    def to_bytes(self) -> bytes:
        """Return the signature as bytes (520 for 128 values), for a BLOB/bytea column."""
        header = _HEADER.pack(
            _MAGIC,
            _FORMAT_VERSION,
            self.shingle_words,
            len(self.hashes),
            self.seed,
            self.shingles,
        )
        return header + np.asarray(self.hashes, dtype="<u4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature:
        """Read a signature written by :meth:`to_bytes`.

        Raises:
            ConfigError: the bytes are not a signature of this format.
        """
        if len(data) < _HEADER.size:
            raise ConfigError("not a newsgraph MinHash signature (too short)")
        magic, version, words, num_perm, seed, count = _HEADER.unpack_from(data)
        if magic != _MAGIC or version != _FORMAT_VERSION:
            raise ConfigError(
                "not a newsgraph MinHash signature of format 1 (recompute the signatures)"
            )
        if len(data) != _HEADER.size + 4 * num_perm:
            raise ConfigError(f"MinHash signature of {len(data)} bytes is truncated")
        values = np.frombuffer(data, dtype="<u4", offset=_HEADER.size)
        return cls(tuple(int(v) for v in values), count, words, seed)

    def to_list(self) -> list[int]:
        """Return ``[shingles, *hashes]``, a JSON-ready form (see :meth:`from_list`)."""
        return [self.shingles, *self.hashes]

    @classmethod
    def from_list(cls, values: list[int], options: DuplicateOptions = DEFAULT_OPTIONS) -> Signature:
        """Read the form written by :meth:`to_list`, made with ``options``."""
        return cls(tuple(values[1:]), values[0], options.shingle_words, options.seed)


@dataclass(frozen=True)
class Similarity:
    """How alike two texts are, estimated from their signatures.

    Attributes:
        jaccard: shared shingles over all shingles of the two.
        containment: shared shingles over the shingles of the smaller text.
        smaller: the shingle count of the smaller text.
    """

    jaccard: float
    containment: float
    smaller: int


def normalize_words(text: str) -> list[str]:
    r"""Return the words of ``text``: NFKC, case-folded, runs of ``\w`` characters.

    Example:
        >>> normalize_words("Kishida’s “summit” in SEOUL")
        ['kishida', 's', 'summit', 'in', 'seoul']
    """
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(text: str, words: int = DEFAULT_OPTIONS.shingle_words) -> set[str]:
    """Return the set of ``words``-word shingles of ``text`` (one shingle for a shorter text)."""
    tokens = normalize_words(text)
    if not tokens:
        return set()
    if len(tokens) <= words:
        return {" ".join(tokens)}
    return {" ".join(tokens[i : i + words]) for i in range(len(tokens) - words + 1)}


def signature(text: str, options: DuplicateOptions = DEFAULT_OPTIONS) -> Signature:
    """Return the MinHash signature of ``text`` (deterministic for given options).

    Args:
        text: the article's body text (not its headline or byline).
        options: shingle size, permutations and seed.

    Returns:
        The signature; an empty text gets one that matches nothing.
    """
    grams = shingles(text, options.shingle_words)
    minhash = _minhash(options)
    minhash.update_batch([g.encode("utf-8") for g in grams])
    hashes = tuple(int(v) for v in minhash.hashvalues)
    return Signature(hashes, len(grams), options.shingle_words, options.seed)


@lru_cache(maxsize=8)
def _permutations(num_perm: int, seed: int) -> Any:
    # Drawing the permutations is most of the cost of a MinHash; they depend only on these two.
    return MinHash(num_perm=num_perm, seed=seed, scheme=_SCHEME).permutations


def _minhash(options: DuplicateOptions, hashes: Iterable[int] | None = None) -> MinHash:
    values = None if hashes is None else np.asarray(list(hashes), dtype=np.uint32)
    return MinHash(
        num_perm=options.num_perm,
        seed=options.seed,
        hashvalues=values,
        permutations=_permutations(options.num_perm, options.seed),
        scheme=_SCHEME,
    )


def similarity(a: Signature, b: Signature) -> Similarity:
    """Estimate the Jaccard similarity and containment of two texts from their signatures.

    The shared-shingle count follows from the Jaccard estimate and the two sizes:
    ``|A ∩ B| = J (|A| + |B|) / (1 + J)``.

    Raises:
        ConfigError: the signatures were made with different settings.
    """
    _check_compatible(a, b)
    smaller = min(a.shingles, b.shingles)
    if smaller == 0:
        return Similarity(0.0, 0.0, 0)
    equal = np.count_nonzero(np.asarray(a.hashes) == np.asarray(b.hashes))
    jaccard = float(equal) / len(a.hashes)
    shared = jaccard * (a.shingles + b.shingles) / (1.0 + jaccard)
    return Similarity(jaccard, min(1.0, shared / smaller), smaller)


def _check_compatible(a: Signature, b: Signature) -> None:
    if (len(a.hashes), a.shingle_words, a.seed) != (len(b.hashes), b.shingle_words, b.seed):
        raise ConfigError(
            "MinHash signatures made with different settings cannot be compared "
            f"({len(a.hashes)}/{a.shingle_words}/{a.seed} vs "
            f"{len(b.hashes)}/{b.shingle_words}/{b.seed} permutations/words/seed; "
            "recompute the signatures)"
        )


def is_same_story(a: Signature, b: Signature, options: DuplicateOptions = DEFAULT_OPTIONS) -> bool:
    """Return whether two signed texts are the same story (see the module docstring's rule)."""
    found = similarity(a, b)
    if found.smaller == 0:
        return False
    if found.jaccard >= options.jaccard:
        return True
    return (
        found.smaller >= options.min_shingles
        and found.jaccard >= options.containment_jaccard
        and found.containment >= options.containment
    )


def band_keys(sig: Signature, options: DuplicateOptions = DEFAULT_OPTIONS) -> list[str]:
    """Return the LSH band keys of a signature, for a store that finds candidates with SQL.

    Two texts are candidates when they share a key; keep ``(key, article_id)`` rows with an
    index on ``key`` and check each candidate with :func:`is_same_story`. Keys are
    ``"<band>:<hex digest>"`` strings, the same for equal bands on every platform.
    """
    if sig.shingles == 0:
        return []
    keys = []
    for band in range(options.bands):
        values = sig.hashes[band * options.rows : (band + 1) * options.rows]
        digest = hashlib.blake2b(np.asarray(values, dtype="<u4").tobytes(), digest_size=8)
        keys.append(f"{band}:{digest.hexdigest()}")
    return keys


@dataclass
class DuplicateIndex:
    """Groups of near-duplicate articles, built one article at a time.

    Rebuild it at start-up from stored signatures and groups with :meth:`restore` (cheap,
    and exactly the groups given before), or serialise it whole with :meth:`to_bytes`.

    Attributes:
        options: fingerprint settings and thresholds.
    """

    options: DuplicateOptions = field(default_factory=DuplicateOptions)
    _signatures: dict[str, Signature] = field(default_factory=dict, init=False, repr=False)
    _groups: dict[str, str] = field(default_factory=dict, init=False, repr=False)
    _order: dict[str, int] = field(default_factory=dict, init=False, repr=False)
    _lsh: MinHashLSH = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._lsh = MinHashLSH(
            num_perm=self.options.num_perm, params=(self.options.bands, self.options.rows)
        )

    def __len__(self) -> int:
        return len(self._groups)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._groups

    def __iter__(self) -> Iterator[str]:
        return iter(self._groups)

    def signature(self, text: str) -> Signature:
        """Return the signature of ``text`` with this index's options."""
        return signature(text, self.options)

    def add(self, article_id: str, text: str) -> str:
        """Add an article and return its group id (the id of the group's first article).

        Adding an id again returns its group and changes nothing.
        """
        if article_id in self._groups:
            return self._groups[article_id]
        return self.add_signature(article_id, self.signature(text))

    def add_signature(self, article_id: str, sig: Signature) -> str:
        """Add an article by its signature and return its group id (see :meth:`add`)."""
        if article_id in self._groups:
            return self._groups[article_id]
        _check_compatible(sig, self._reference())
        best = self.best_match(sig)
        group = self._groups[best] if best is not None else article_id
        self._insert(article_id, sig, group)
        return group

    def restore(self, article_id: str, sig: Signature, group: str) -> None:
        """Put back an article with the group it was given before (no matching is done)."""
        if article_id not in self._groups:
            self._insert(article_id, sig, group)

    def best_match(self, sig: Signature) -> str | None:
        """Return the added article that ``sig`` matches best, or None when it matches none."""
        if sig.shingles == 0:
            return None
        best: tuple[float, int, str] | None = None
        for candidate in self._lsh.query(_minhash(self.options, sig.hashes)):
            other = self._signatures[str(candidate)]
            if not is_same_story(sig, other, self.options):
                continue
            key = (-similarity(sig, other).jaccard, self._order[str(candidate)], str(candidate))
            if best is None or key < best:
                best = key
        return None if best is None else best[2]

    def group_of(self, article_id: str) -> str:
        """Return the group id of an added article.

        Raises:
            KeyError: the article was never added.
        """
        return self._groups[article_id]

    def groups(self) -> dict[str, list[str]]:
        """Return every group id with its members, in the order they were added."""
        found: dict[str, list[str]] = {}
        for article_id, group in self._groups.items():
            found.setdefault(group, []).append(article_id)
        return found

    def to_bytes(self) -> bytes:
        """Serialise the index: every article's id, group and signature, in order."""
        parts = [struct.pack("<I", len(self._groups))]
        for article_id, group in self._groups.items():
            ids = article_id.encode("utf-8"), group.encode("utf-8")
            sig = self._signatures[article_id].to_bytes()
            parts.append(struct.pack("<HHI", len(ids[0]), len(ids[1]), len(sig)))
            parts.extend([*ids, sig])
        return b"".join(parts)

    @classmethod
    def from_bytes(cls, data: bytes, options: DuplicateOptions | None = None) -> DuplicateIndex:
        """Rebuild an index written by :meth:`to_bytes` (groups are kept as they were)."""
        index = cls(options or DuplicateOptions())
        (count,) = struct.unpack_from("<I", data)
        offset = 4
        for _ in range(count):
            id_len, group_len, sig_len = struct.unpack_from("<HHI", data, offset)
            offset += 8
            article_id = data[offset : offset + id_len].decode("utf-8")
            offset += id_len
            group = data[offset : offset + group_len].decode("utf-8")
            offset += group_len
            sig = Signature.from_bytes(data[offset : offset + sig_len])
            offset += sig_len
            index.restore(article_id, sig, group)
        return index

    def _reference(self) -> Signature:
        return Signature(
            (0,) * self.options.num_perm, 0, self.options.shingle_words, self.options.seed
        )

    def _insert(self, article_id: str, sig: Signature, group: str) -> None:
        _check_compatible(sig, self._reference())
        self._signatures[article_id] = sig
        self._groups[article_id] = group
        self._order[article_id] = len(self._order)
        if sig.shingles:
            self._lsh.insert(article_id, _minhash(self.options, sig.hashes))
