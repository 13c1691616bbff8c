"""Theme discovery: propose new candidate themes from texts that fit no theme well.

NMF over TF-IDF of words (stop words of fi/sv/en removed, long words cut to a shared stem so
Finnish inflections meet), each text assigned to its strongest component.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import TfidfVectorizer

__all__ = ["CandidateTheme", "discover_themes", "load_stop_words"]

_SEED = Path(__file__).with_name("seed")
_WORD = re.compile(r"[^\W\d_]{3,}")
_STEM_LENGTH = 6  # "pysäköinti", "pysäköintiä", "pysäköintipaikka" share "pysäkö"
_N_TOP_TERMS = 8
_N_EXAMPLES = 3


@dataclass(frozen=True)
class CandidateTheme:
    """A proposed theme: a key, its defining terms and three representative texts."""

    key_suggestion: str
    top_terms: list[str]
    example_indices: list[int]
    size: int


@lru_cache(maxsize=1)
def load_stop_words() -> frozenset[str]:
    """The shipped fi, sv and en stop words, lowercased."""
    words: set[str] = set()
    for lang in ("fi", "sv", "en"):
        path = _SEED / f"stopwords_{lang}.txt"
        words.update(w.strip().lower() for w in path.read_text(encoding="utf-8").split())
    return frozenset(words)


def _stem(word: str) -> str:
    return word[:_STEM_LENGTH] if len(word) > _STEM_LENGTH + 1 else word


def _snake_case(terms: Sequence[str]) -> str:
    ascii_terms = []
    for term in terms:
        plain = unicodedata.normalize("NFKD", term).encode("ascii", "ignore").decode()
        plain = re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_")
        if plain and plain not in ascii_terms:
            ascii_terms.append(plain)
    key = "_".join(ascii_terms) or "theme"
    return key if key[0].isalpha() else f"theme_{key}"


def discover_themes(
    texts: Sequence[str],
    *,
    n_candidates: int = 5,
    min_size: int = 5,
    random_state: int = 0,
    exclude_terms: Iterable[str] = (),
) -> list[CandidateTheme]:
    """Propose up to ``n_candidates`` themes, largest first.

    Parameters
    ----------
    texts : sequence of str
        Feedback texts, typically those no existing theme fits.
    n_candidates : int, default=5
        Number of NMF components, hence the most candidates returned.
    min_size : int, default=5
        Candidates with fewer texts assigned are dropped.
    random_state : int, default=0
        Seeds NMF.
    exclude_terms : iterable of str, default=()
        Words never to use, besides the stop words (e.g. names of the experiments, or the
        keys of existing themes).

    Returns
    -------
    list of CandidateTheme
        ``key_suggestion`` is snake_case from the two top terms; ``example_indices`` index
        ``texts``, the three texts most representative of the component.
    """
    if n_candidates < 1:
        raise ValueError(f"n_candidates must be at least 1, got {n_candidates}")
    stop = load_stop_words() | {w.lower() for w in exclude_terms}
    surface: Counter[tuple[str, str]] = Counter()

    def analyze(text: str) -> list[str]:
        stems = []
        for word in _WORD.findall(text.lower()):
            if word in stop:
                continue
            stem = _stem(word)
            if stem in stop:
                continue
            surface[(stem, word)] += 1
            stems.append(stem)
        return stems

    vectorizer = TfidfVectorizer(analyzer=analyze, min_df=2, max_df=0.5, sublinear_tf=True)
    try:
        X = vectorizer.fit_transform(list(texts))
    except ValueError:  # no term is left: too few or too similar texts
        return []
    n_components = min(n_candidates, X.shape[0], X.shape[1])
    if n_components < 1 or X.nnz == 0:
        return []
    nmf = NMF(n_components=n_components, init="nndsvda", random_state=random_state, max_iter=500)
    # With a near-exact fit scikit-learn's reconstruction error is sqrt of a tiny negative
    # rounding residue (a NaN in `reconstruction_err_`, which nothing here reads).
    with np.errstate(invalid="ignore"):
        W = nmf.fit_transform(X)
    H = nmf.components_
    stems = vectorizer.get_feature_names_out()
    best_surface: dict[str, str] = {}
    for (stem, word), _count in sorted(surface.items(), key=lambda kv: (-kv[1], kv[0][1])):
        best_surface.setdefault(stem, word)
    assigned = np.where(W.max(axis=1) > 0, W.argmax(axis=1), -1)
    candidates = []
    for k in range(n_components):
        members = np.flatnonzero(assigned == k)
        if len(members) < max(min_size, 1):
            continue
        top = np.argsort(-H[k], kind="stable")[:_N_TOP_TERMS]
        terms = [best_surface.get(stems[j], stems[j]) for j in top if H[k, j] > 0]
        # Closest to the component: the member texts it explains most of.
        weights = W[members, k] / (np.linalg.norm(W[members], axis=1) + 1e-12)
        examples = members[np.argsort(-weights, kind="stable")[:_N_EXAMPLES]]
        candidates.append(
            CandidateTheme(
                key_suggestion=_snake_case(terms[:2]),
                top_terms=terms,
                example_indices=[int(i) for i in examples],
                size=len(members),
            )
        )
    return sorted(candidates, key=lambda c: -c.size)
