"""Hashed word and character n-gram features for short texts, vectorised with numpy.

scikit-learn's ``HashingVectorizer`` builds every n-gram as a Python string, which caps it at
roughly 15,000 short texts/s for character n-grams; classifying themes, sentiment and language
at several thousand texts/s needs the n-grams hashed in bulk. Hashes are deterministic (no
Python ``hash``), so a model saved in one process scores the same in another.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

__all__ = ["clean_texts", "hash_ngrams", "text_codes", "word_hashes", "word_prefix_hashes"]

_NON_WORD = re.compile(r"[\W_]+")
# Letters and digits among the first code points (Latin, Greek, Cyrillic, ...); anything beyond
# counts as a word character, which is right for the scripts there (CJK, Hangul, ...).
_IS_WORD = np.array([chr(c).isalnum() for c in range(0x3000)] + [True])
_U64 = np.uint64
_PRIME = _U64(0x100000001B3)  # odd, so invertible modulo 2**64
_PRIME_INV = _U64(pow(0x100000001B3, -1, 1 << 64))
_MIX1 = _U64(0xBF58476D1CE4E5B9)
_MIX2 = _U64(0x94D049BB133111EB)
_WORD_SALT = _U64(0x9E3779B97F4A7C15)


def clean_texts(texts: Sequence[str]) -> list[str]:
    """Lowercase, keep letters and digits, pad each text with one space at both ends."""
    return [" " + _NON_WORD.sub(" ", text.lower()).strip() + " " for text in texts]


def _finalize(h: np.ndarray, salt: int, n_features: int) -> np.ndarray:
    """Mix a hash (splitmix64 finaliser) with a salt and fold it into ``n_features``."""
    h = h ^ _U64(salt * 0x2545F4914F6CDD1D % (1 << 64))
    h = (h ^ (h >> _U64(30))) * _MIX1
    h = (h ^ (h >> _U64(27))) * _MIX2
    h = h ^ (h >> _U64(31))
    return (h % _U64(n_features)).astype(np.int64)


def _char_keys(
    codes: np.ndarray, doc_of: np.ndarray, ngram_range: tuple[int, int], n_features: int
) -> list[tuple[np.ndarray, np.ndarray]]:
    """(document, column) keys of character n-grams inside word boundaries (``char_wb``)."""
    is_sep = codes == 0
    is_space = codes == 32
    keys = []
    hashed = np.zeros(len(codes), dtype=np.uint64)
    valid = np.ones(len(codes), dtype=bool)
    inner_space = np.zeros(len(codes), dtype=bool)  # a space strictly inside the window
    low, high = ngram_range
    for n in range(1, high + 1):
        size = len(codes) - n + 1
        if size <= 0:
            break
        hashed = hashed[:size] * _PRIME + codes[n - 1 : n - 1 + size]
        valid = valid[:size] & ~is_sep[n - 1 : n - 1 + size]
        if n >= 3:
            inner_space = inner_space[:size] | is_space[n - 2 : n - 2 + size]
        else:
            inner_space = inner_space[:size]
        if n < low:
            continue
        keep = valid & ~inner_space
        if n == 1:
            keep &= ~is_space[:size]
        elif n == 2:
            keep &= ~(is_space[:size] & is_space[1 : 1 + size])
        column = _finalize(hashed[keep], n, n_features)
        keys.append((doc_of[:size][keep], column))
    return keys


def word_hashes(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start positions and 64-bit hashes of the words in ``codes`` (the runs between spaces
    and text separators), in order; equal words have equal hashes in any text."""
    is_letter = (codes != 0) & (codes != 32)
    # Word starts and ends from the edges of letter runs.
    edges = np.diff(np.concatenate(([0], is_letter.view(np.int8), [0])))
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1)
    if len(starts) == 0:
        return starts, np.zeros(0, dtype=np.uint64)
    # Polynomial hash of each word, sum(c_i * P**(i - start)): global powers summed per word
    # with reduceat, then shifted back by P**-start (P is odd, so invertible modulo 2**64).
    powers = np.cumprod(np.full(len(codes), _PRIME, dtype=np.uint64))  # wraps mod 2**64
    weighted = np.where(is_letter, codes * powers, _U64(0))
    # reduceat sums up to the next start, which is fine: non-letters contribute 0.
    sums = np.add.reduceat(weighted, starts)
    inverse = np.cumprod(np.full(len(codes), _PRIME_INV, dtype=np.uint64))
    return starts, sums * inverse[starts] + (ends - starts).astype(np.uint64)


def word_prefix_hashes(codes: np.ndarray, starts: np.ndarray, lengths: Sequence[int]) -> np.ndarray:
    """Hashes of the first ``L`` characters of the words starting at ``starts`` (some of the
    starts :func:`word_hashes` returns), for each ``L`` in ``lengths``: the hash a word of
    those ``L`` characters would have, or 0 where the word is shorter.

    Returns an array of shape (len(starts), len(lengths)).
    """
    out = np.zeros((len(starts), len(lengths)), dtype=np.uint64)
    if len(starts) == 0 or len(lengths) == 0:
        return out
    longest = max(lengths)
    chars = codes[np.minimum(starts[:, None] + np.arange(longest), len(codes) - 1)]
    inside = np.logical_and.accumulate((chars != 0) & (chars != 32), axis=1)
    # The word hash relative to its start: sum(c_j * P**j) + length, as in word_hashes.
    powers = np.cumprod(np.full(longest, _PRIME, dtype=np.uint64)) * _PRIME_INV
    column = {length: j for j, length in enumerate(lengths)}
    hashed = np.zeros(len(starts), dtype=np.uint64)
    for i in range(longest):
        hashed += chars[:, i] * powers[i]
        if i + 1 in column:
            out[:, column[i + 1]] = np.where(inside[:, i], hashed + _U64(i + 1), _U64(0))
    return out


def _word_keys(
    codes: np.ndarray, doc_of: np.ndarray, ngram_range: tuple[int, int], n_features: int
) -> list[tuple[np.ndarray, np.ndarray]]:
    """(document, column) keys of word n-grams: words are the runs between spaces."""
    low, high = ngram_range
    if high < 1 or len(codes) == 0:
        return []
    starts, words = word_hashes(codes)
    if len(starts) == 0:
        return []
    word_doc = doc_of[starts]
    keys = []
    hashed = words.copy()
    same_doc = np.ones(len(words), dtype=bool)
    for n in range(1, high + 1):
        size = len(words) - n + 1
        if size <= 0:
            break
        if n > 1:
            hashed = (hashed[:size] * _WORD_SALT) ^ words[n - 1 : n - 1 + size]
            same_doc = same_doc[:size] & (word_doc[:size] == word_doc[n - 1 : n - 1 + size])
        if n < low:
            continue
        column = _finalize(hashed[same_doc], 100 + n, n_features)
        keys.append((word_doc[:size][same_doc], column))
    return keys


def text_codes(texts: Sequence[str]) -> np.ndarray:
    """Code points of all texts, lowercased, non-word runs as one space, NUL between texts.

    Each text is padded with a space at both ends, as ``clean_texts`` does.
    """
    joined = " \0 ".join(texts)
    if joined.count("\0") != len(texts) - 1:  # a NUL inside a text would split it
        joined = " \0 ".join(text.replace("\0", " ") for text in texts)
    raw = np.frombuffer((" " + joined.lower() + " ").encode("utf-32-le"), dtype=np.uint32)
    is_word = _IS_WORD[np.minimum(raw, len(_IS_WORD) - 1)]
    is_space = ~is_word & (raw != 0)
    # Keep a non-word character only as the first of its run, and make it a space.
    keep = ~is_space
    keep[1:] |= is_space[1:] & ~is_space[:-1]
    keep[0] = True
    return np.where(is_space, 32, raw)[keep].astype(np.uint64)


def hash_ngrams(
    texts: Sequence[str],
    *,
    word_ngram_range: tuple[int, int] = (1, 2),
    char_ngram_range: tuple[int, int] = (2, 5),
    n_features: int = 2**19,
) -> sp.csr_matrix:
    """Count word and character n-grams of ``texts`` into a hashed sparse matrix.

    Parameters
    ----------
    texts : sequence of str
        The documents.
    word_ngram_range : tuple of int
        Smallest and largest word n-gram; ``(0, 0)`` for none.
    char_ngram_range : tuple of int
        Smallest and largest character n-gram within word boundaries; ``(0, 0)`` for none.
    n_features : int
        Number of hashed columns.

    Returns
    -------
    scipy.sparse.csr_matrix of shape (len(texts), n_features)
        Raw n-gram counts (float64), rows in the order of ``texts``.
    """
    n_docs = len(texts)
    if n_docs == 0:
        return sp.csr_matrix((0, n_features))
    codes = text_codes(texts)
    doc_of = np.cumsum(codes == 0)
    keys = []
    if char_ngram_range[1] > 0:
        keys += _char_keys(codes, doc_of, char_ngram_range, n_features)
    if word_ngram_range[1] > 0:
        keys += _word_keys(codes, doc_of, word_ngram_range, n_features)
    if not keys:
        return sp.csr_matrix((n_docs, n_features))
    rows = np.concatenate([k[0] for k in keys])
    columns = np.concatenate([k[1] for k in keys])
    matrix = sp.csr_matrix(
        (np.ones(len(rows)), (rows, columns)), shape=(n_docs, n_features)
    )  # duplicates are summed: the counts
    matrix.sum_duplicates()
    return matrix
