"""Text preprocessing: normalisation, PII redaction and language detection.

Pure functions over strings: no database or web code. The language model is trained once per
process, at first use, from the small CSV files in ``analysis/langid/`` (see its README).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.naive_bayes import MultinomialNB
from sklearn.svm import LinearSVC

__all__ = ["Redaction", "detect_language", "detect_languages", "normalize", "redact_pii"]

# --- normalisation ---------------------------------------------------------------------------

# Vertical control characters end a line rather than vanish, so the words around them stay apart.
_LINE_BREAKS = str.maketrans(dict.fromkeys("\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029", "\n"))
# Other control characters, lone surrogates and invisible format characters (soft hyphen,
# zero-width space, word joiner, BOM) carry no text but break word matching downstream.
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u200b\u2060\ufeff\ud800-\udfff]")
_SPACES = re.compile(r"[^\S\n]+")
_BREAKS = re.compile(r" ?\n[ \n]*")


def normalize(text: str) -> str:
    """Return ``text`` in NFC without control characters and with whitespace collapsed.

    A whitespace run becomes one space, or one newline when it contains a line break.
    """
    text = unicodedata.normalize("NFC", text).translate(_LINE_BREAKS)
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    return _BREAKS.sub("\n", text).strip()


# --- PII redaction ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Redaction:
    """A redacted text and how many items of each kind were replaced."""

    text: str
    counts: dict[str, int] = field(hash=False)

    @property
    def total(self) -> int:
        """Number of replaced items of all kinds."""
        return sum(self.counts.values())


_EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]+@(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,63}(?![\w-])")

# Uppercase BBAN only, so that ordinary lowercase words after an IBAN are not swallowed.
_IBAN = re.compile(r"(?<![^\W_])[A-Za-z]{2}\d{2}(?:[ \u00a0]?[A-Z0-9]){11,30}(?![^\W_])")
_IBAN_SEPARATORS = re.compile("[ \u00a0]")

_HETU = re.compile(
    r"(?<![\w+-])(\d\d)(\d\d)(\d\d)([-+A-FU-Y])(\d{3})([0-9A-Y])(?![\w-])", re.IGNORECASE
)
_HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
_HETU_CENTURY = {"+": 1800, **dict.fromkeys("-YXWVU", 1900), **dict.fromkeys("ABCDEF", 2000)}

_PHONE = re.compile(
    r"""
    (?<![\w+/])(?<!\d[.,-])             # not the tail of a word, number or date
    (?:
        (?P<intl>\+|00)[1-9]\d{0,2}     # country code
        (?:[ .\u00a0-]?\(0\))?          # "(0)", the dropped trunk prefix: +44 (0)20 ...
        (?:[ .\u00a0-]?\(\d{1,4}\))?    # area code in parentheses: +1 (555) ...
        [ .\u00a0-]?\d+(?:[ .\u00a0-]\d+)*
    |
        (?:\(0[1-9]\d{0,3}\)[ \u00a0-]?\d{2,}|0[1-9]\d*)  # national: trunk 0 (no "000" group)
        (?:[ \u00a0-]\d{2,})*           # groups of 2+ digits: "040 123 4567 2 kertaa" ends early
    )
    (?!\w|[.,]\d|-\d)                   # "-\d": a business ID such as 0123456-7 is no phone
    """,
    re.VERBOSE,
)
_DIGITS = re.compile(r"\d")
_HYPHEN_DATE = re.compile(r"\d{1,2}-\d{1,2}-\d{2,4}")
_HETU_SHAPE = re.compile(r"(\d\d)(\d\d)(\d\d)-\d{3,4}")
_POSTCODES = re.compile(r"\d{5}(?: \d{5})+")


def _valid_date(day: int, month: int, year: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _iban(match: re.Match[str]) -> str | None:
    candidate = match.group()
    if candidate[:2].upper() == "RF":  # ISO 11649 payment reference: same checksum, not PII
        return None
    # The pattern may run on into a following number ("... 0007 85 2024"): try every cut at
    # a separator, longest first, and keep what follows the IBAN.
    cuts = [len(candidate)]
    cuts += [i for i in range(len(candidate) - 1, 14, -1) if candidate[i] in " \u00a0"]
    for cut in cuts:
        compact = _IBAN_SEPARATORS.sub("", candidate[:cut]).upper()
        if 15 <= len(compact) <= 34:
            rotated = compact[4:] + compact[:4]
            if int("".join(str(int(c, 36)) for c in rotated)) % 97 == 1:
                return "[iban]" + candidate[cut:]
    return None


def _hetu(match: re.Match[str]) -> str | None:
    day, month, year, sign, serial, check = match.groups()
    if not _valid_date(int(day), int(month), _HETU_CENTURY[sign.upper()] + int(year)):
        return None
    if _HETU_CHECK[int(day + month + year + serial) % 31] != check.upper():
        return None
    return "[hetu]"


def _phone(match: re.Match[str]) -> str | None:
    candidate = match.group()
    digits = len(_DIGITS.findall(candidate))
    if match.group("intl"):
        prefix = 2 if candidate.startswith("00") else 0
        trunk = 1 if "(0)" in candidate else 0
        return "[phone]" if 8 <= digits - prefix - trunk <= 15 else None
    if not 7 <= digits <= 12 or _HYPHEN_DATE.fullmatch(candidate):
        return None
    if _POSTCODES.fullmatch(candidate):
        return None
    # A hetu with a wrong check digit, or cut short, is no phone number either.
    hetu = _HETU_SHAPE.fullmatch(candidate)
    if hetu and _valid_date(int(hetu[1]), int(hetu[2]), 2000 + int(hetu[3])):  # 2000: leap
        return None
    return "[phone]"


_Replacer = Callable[[re.Match[str]], str | None]


def _phone_outside(spans: list[tuple[int, int]]) -> _Replacer:
    def replacer(match: re.Match[str]) -> str | None:
        if any(start < match.end() and match.start() < end for start, end in spans):
            return None
        return _phone(match)

    return replacer


def _replace(
    pattern: re.Pattern[str], replacer: _Replacer, kind: str, text: str, counts: dict[str, int]
) -> str:
    hits = 0

    def substitute(match: re.Match[str]) -> str:
        nonlocal hits
        replacement = replacer(match)
        if replacement is None:
            return match.group()
        hits += 1
        return replacement

    text = pattern.sub(substitute, text)
    if hits:
        counts[kind] = counts.get(kind, 0) + hits
    return text


def redact_pii(text: str) -> Redaction:
    """Replace e-mail addresses, phone numbers, hetus and IBANs by their placeholders.

    Placeholders are ``[email]``, ``[phone]``, ``[hetu]`` and ``[iban]``. IBANs and hetus are
    replaced only when their checksum is valid, and before phone numbers so that their digits
    are not taken for one.
    """
    counts: dict[str, int] = {}
    if "@" in text:
        text, hits = _EMAIL.subn("[email]", text)
        if hits:
            counts["email"] = hits
    if _DIGITS.search(text):
        text = _replace(_IBAN, _iban, "iban", text, counts)
        text = _replace(_HETU, _hetu, "hetu", text, counts)
        # What still looks like an IBAN failed its checksum: its digit groups are no phone.
        ibanlike = [match.span() for match in _IBAN.finditer(text)]
        text = _replace(
            _PHONE, _phone_outside(ibanlike) if ibanlike else _phone, "phone", text, counts
        )
    return Redaction(text, counts)


# --- language detection ----------------------------------------------------------------------

LANGUAGES = ("fi", "sv", "en")
OTHER = "other"

_LANGID_DIR = Path(__file__).with_name("langid")
_LANGID_FILES = ("xed.csv", "sib200.csv", "handwritten.csv")
_MIN_LETTERS = 3
# Below this probability of the best of fi/sv/en the caller's fallback language is trusted more.
_MIN_CONFIDENCE = 0.8
# Decision values of the other-vs-fi/sv/en classifier: above the first a text is "other",
# though up to the second the caller's fallback wins (short fi/sv/en phrases land there).
_OTHER_MIN = 0.0
_OTHER_SURE = 0.4
# Share of letters outside the fi/sv/en alphabet (õ, ü, ß, ñ, ł, ş, ...) that marks "other";
# the margin leaves room for a foreign name in a Finnish sentence.
_FOREIGN_SHARE = 0.1

# Placeholders, e-mail addresses and links say nothing of the language. (?<!\S): without it
# the e-mail branch is tried from every character of a long word, which is quadratic.
_NOT_TEXT = re.compile(r"\[\w+\]|(?<!\S)\S+@\S+|https?://\S+|www\.\S+")
_NON_LETTERS = re.compile(r"[\W\d_]+")
_NON_LATIN = re.compile(r"[^ a-z\u00df-\u024f\u1e00-\u1eff]")
_FOREIGN = re.compile(r"[^ a-zåäöéšž]")

_N_FEATURES = 1 << 18
_NGRAM_MAX = 4
_MIX1 = np.uint64(0x9E3779B97F4A7C15)
_MIX2 = np.uint64(0xBF58476D1CE4E5B9)


def _clean(text: str) -> str:
    """Lowercase letters and single spaces only, padded with a space at both ends."""
    text = _NOT_TEXT.sub(" ", unicodedata.normalize("NFC", text).lower())
    return " " + _NON_LETTERS.sub(" ", text).strip() + " "


def _rule(cleaned: str) -> str | None:
    """Decide a text without the model: too short (``""``), non-Latin or foreign letters."""
    letters = len(cleaned) - cleaned.count(" ")
    if letters < _MIN_LETTERS:
        return ""
    non_latin = len(_NON_LATIN.findall(cleaned))
    if 2 * non_latin > letters:
        return OTHER
    foreign = len(_FOREIGN.findall(cleaned)) - non_latin
    if foreign and foreign >= _FOREIGN_SHARE * letters:
        return OTHER
    return None


def _featurize(cleaned: Sequence[str]) -> sp.csr_matrix:
    """Hashed character 1-4-grams within words (like ``char_wb``), log-scaled, L2-normalised.

    Vectorised with numpy over the whole batch: scikit-learn's HashingVectorizer builds the
    n-grams in Python and manages about 15,000 short texts/s, well below what we need.
    """
    n_docs = len(cleaned)
    lengths = np.fromiter(map(len, cleaned), dtype=np.int64, count=n_docs)
    codes = np.frombuffer("\0".join(cleaned).encode("utf-32-le"), dtype=np.uint32)
    codes = codes.astype(np.uint64)
    doc_of = np.repeat(np.arange(n_docs, dtype=np.int64), lengths + 1)[: len(codes)]
    is_sep, is_space = codes == 0, codes == 32
    keys = []
    hashed = codes * _MIX1
    valid = ~is_sep
    spans_words = is_space  # for unigrams: drop the padding spaces themselves
    for n in range(1, _NGRAM_MAX + 1):
        size = len(codes) - n + 1
        if n == 2:
            spans_words = np.zeros(size, dtype=bool)
        elif n > 2:
            # A space strictly inside the window: the n-gram spans two words, char_wb skips it.
            spans_words = spans_words[:size] | is_space[n - 2 : n - 2 + size]
        if n > 1:
            hashed = (hashed[:size] * _MIX2) ^ (codes[n - 1 :] * _MIX1)
            valid = valid[:size] & ~is_sep[n - 1 :]
        keep = valid & ~spans_words
        mixed = (hashed[keep] ^ (hashed[keep] >> np.uint64(31))) * _MIX2
        column = ((mixed >> np.uint64(32)) + np.uint64(n)) % np.uint64(_N_FEATURES)
        keys.append(doc_of[:size][keep] * _N_FEATURES + column.astype(np.int64))
    # Sorted unique (document, column) keys give the CSR arrays directly.
    unique, counts = np.unique(np.concatenate(keys), return_counts=True)
    doc = unique // _N_FEATURES
    data = np.log1p(counts)
    data /= np.sqrt(np.bincount(doc, weights=data * data, minlength=n_docs))[doc]
    indptr = np.searchsorted(doc, np.arange(n_docs + 1))
    return sp.csr_matrix((data, unique % _N_FEATURES, indptr), shape=(n_docs, _N_FEATURES))


@dataclass(frozen=True, eq=False)
class _LanguageModel:
    languages: MultinomialNB  # fi / sv / en: the best of those we measured on short texts
    other: LinearSVC  # other vs the three: NB's smoothing hides languages it saw little of
    # Both models' weights as one C-ordered (features, 4) matrix plus bias: their own
    # predict methods copy the transposed 2**18-row weights on every call (ms per text).
    weights: np.ndarray
    bias: np.ndarray

    def scores(self, features: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
        """Probabilities of fi/sv/en (``languages.classes_`` order) and the other-score."""
        scores = features @ self.weights + self.bias
        joint = scores[:, :-1]
        proba = np.exp(joint - joint.max(axis=1, keepdims=True))
        proba /= proba.sum(axis=1, keepdims=True)
        return proba, scores[:, -1]


def _fit_model(texts: Sequence[str], langs: Sequence[str]) -> _LanguageModel:
    features = _featurize([_clean(t) for t in texts])
    labels = np.array([lang if lang in LANGUAGES else OTHER for lang in langs])
    ours = labels != OTHER
    languages = MultinomialNB(alpha=0.01).fit(features[ours], labels[ours])
    other = LinearSVC(C=1.0, class_weight="balanced", random_state=0)
    other.fit(features, labels == OTHER)
    weights = np.ascontiguousarray(
        np.column_stack([languages.feature_log_prob_.T, other.coef_.ravel()])
    )
    bias = np.append(languages.class_log_prior_, other.intercept_)
    return _LanguageModel(languages, other, weights, bias)


@lru_cache(maxsize=1)
def _model() -> _LanguageModel:
    texts: list[str] = []
    langs: list[str] = []
    for name in _LANGID_FILES:
        with (_LANGID_DIR / name).open(encoding="utf-8", newline="") as rows:
            for row in csv.DictReader(rows):
                texts.append(row["text"])
                langs.append(row["lang"])
    return _fit_model(texts, langs)


def detect_languages(
    texts: Sequence[str], fallback: str | Sequence[str | None] | None = None
) -> list[str]:
    """Detect the language of each text: ``"fi"``, ``"sv"``, ``"en"`` or ``"other"``.

    ``fallback`` (one for all, or one per text; typically the language the respondent chose)
    is returned for texts with too few letters and wherever the model is unsure; without it
    those texts get ``"other"`` and the model's best guess respectively.
    """
    if fallback is None or isinstance(fallback, str):
        fallbacks: Sequence[str | None] = [fallback] * len(texts)
    elif len(fallback) == len(texts):
        fallbacks = fallback
    else:
        raise ValueError("fallback must be one language or one per text")
    cleaned = [_clean(text) for text in texts]
    result: list[str | None] = []
    for text, default in zip(cleaned, fallbacks, strict=True):
        decided = _rule(text)
        if decided == "":  # too short to tell
            decided = default or OTHER
        result.append(decided)
    todo = [i for i, label in enumerate(result) if label is None]
    if todo:
        model = _model()
        proba, other = model.scores(_featurize([cleaned[i] for i in todo]))
        best = proba.argmax(axis=1)
        sure = proba[np.arange(len(todo)), best] >= _MIN_CONFIDENCE
        classes = model.languages.classes_
        for k, i in enumerate(todo):
            is_other = other[k] > _OTHER_MIN
            unsure = other[k] <= _OTHER_SURE if is_other else not sure[k]
            if unsure and fallbacks[i]:
                result[i] = fallbacks[i]
            else:
                result[i] = OTHER if is_other else str(classes[best[k]])
    return [label or OTHER for label in result]


def detect_language(text: str, fallback: str | None = None) -> str:
    """Detect the language of one text; see :func:`detect_languages`."""
    return detect_languages([text], fallback)[0]
