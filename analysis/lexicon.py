"""Polarity cues for sentiment: a lexicon score and punctuation, for many texts at once.

The score follows VADER (Hutto & Gilbert 2014): word valences, boosted or damped by a degree
adverb among the three words before them, flipped and shrunk by a negation among the three
words before them, halved before and raised by half after a "but", plus the valences of
emoticons and emoji, with "!" and "?" as emphasis, squashed into [-1, 1]. Words are those of
:mod:`analysis.features` (so "don't" is "don" and "t", and "t" negates), which lets a whole
batch be scored with numpy.

The English lexicon is VADER's (``data/vader_lexicon.tsv``, MIT licence; emoji valences from
the words of VADER's emoji descriptions). The Finnish and Swedish one
(``data/polarity_fi_sv.tsv``) was written for this project: a few hundred common words, with
stems (``rakast*``) for Finnish inflection. Negations, degree adverbs and "but" cover all three
languages. None of VADER's idiom rules, nor its capital-letter emphasis.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from analysis.features import text_codes, word_hashes, word_prefix_hashes

__all__ = ["CUE_NAMES", "LEXICON_PATHS", "polarity_cues"]

# English (VADER's), then Finnish and Swedish (written for this project), which wins for a
# word in both (Swedish "fan" is a curse).
LEXICON_PATHS = (
    Path(__file__).with_name("data") / "vader_lexicon.tsv",
    Path(__file__).with_name("data") / "polarity_fi_sv.tsv",
)
CUE_NAMES = ("lexicon_positive", "lexicon_negative", "exclamation", "question", "ellipsis")

# VADER's constants.
_BOOST = 0.293
_NEGATION = -0.74
_EXCLAMATION = 0.292
_QUESTION = 0.18
_ALPHA = 15.0
# English (VADER's list, apostrophes dropped: "n't" becomes the word "t"), Finnish, Swedish.
_NEGATORS = """
    t not never nothing nowhere none nope nor neither without cannot aint arent cant couldnt
    darent didnt doesnt dont hadnt hasnt havent isnt mightnt mustnt neednt oughtnt shant
    shouldnt wasnt werent wont wouldnt uhuh rarely seldom despite
    ei en et emme ette eivät eikä enkä etkä eikö älä älkää ilman koskaan mikään mitään
    inte ej icke aldrig ingen inget inga ingenting varken utan
"""
_BOOSTERS = """
    absolutely amazingly awfully completely considerable considerably decidedly deeply effing
    enormous enormously entirely especially exceptional exceptionally extreme extremely
    fabulously flipping flippin frackin fracking fricking frickin frigging friggin fully fuckin
    fucking fuggin fugging greatly hella highly hugely incredible incredibly intensely major
    majorly more most particularly purely quite really remarkably so substantially thoroughly
    total totally tremendous tremendously uber unbelievably unusually utter utterly very
    todella tosi erittäin aivan niin täysin äärimmäisen super
    mycket väldigt jätte riktigt verkligen helt extremt otroligt
"""
_DAMPENERS = """
    almost barely hardly kinda kindof less little marginal marginally occasional occasionally
    partly scarce scarcely slight slightly somewhat sorta sortof
    melko aika vähän hieman hiukan jokseenkin ganska lite tämligen
"""
_BUT = ("but", "mutta")  # not Swedish "men": English "men"
# A whitespace-delimited token that may be an emoticon: it has one of these characters.
_EMOTICON_CHARS = frozenset(":;=<>^*()[]{}|\\/@$%&")
_TRAILING = ".,!?\"'"


@dataclass(frozen=True)
class _Lexicon:
    words: np.ndarray  # sorted word hashes
    valences: np.ndarray  # their valences
    emoji: np.ndarray  # sorted code points of single-character emoji
    emoji_valences: np.ndarray
    emoticons: dict[str, float]  # other tokens, matched whole (case-insensitively)
    stem_lengths: tuple[int, ...]  # "word*" entries: words starting so, by prefix length
    stems: tuple[tuple[np.ndarray, np.ndarray], ...]  # sorted prefix hashes, valences
    negators: np.ndarray  # sorted word hashes
    boosters: np.ndarray  # sorted word hashes
    booster_values: np.ndarray
    but: np.ndarray  # sorted word hashes
    no: np.uint64


def _hashes(words: Sequence[str]) -> np.ndarray:
    """The hash of each of ``words``, each of which must be a single word."""
    _, hashes = word_hashes(text_codes(list(words)))
    if len(hashes) != len(words):
        raise ValueError("every entry must be one word")
    return hashes


def _sorted(keys: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    order = np.argsort(keys, kind="stable")
    return keys[order], values[order]


@lru_cache(maxsize=4)
def _load(paths: tuple[Path, ...] = LEXICON_PATHS) -> _Lexicon:
    words: dict[str, float] = {}
    stems: dict[str, float] = {}
    emoji: dict[int, float] = {}
    emoticons: dict[str, float] = {}
    for path in paths:
        with path.open(encoding="utf-8") as f:
            next(f)  # header
            for line in f:
                token, value = line.rstrip("\n").split("\t")
                if re.fullmatch(r"[^\W_]+", token):
                    words[token.lower()] = float(value)
                elif re.fullmatch(r"[^\W_]+\*", token):
                    stems[token[:-1].lower()] = float(value)
                elif len(token) == 1:
                    emoji[ord(token)] = float(value)
                else:
                    emoticons[token.lower()] = float(value)
    word_keys, valences = _sorted(_hashes(list(words)), np.array(list(words.values())))
    stem_lengths = tuple(sorted({len(stem) for stem in stems}, reverse=True))
    stem_tables = []
    for length in stem_lengths:
        same = [stem for stem in stems if len(stem) == length]
        stem_tables.append(_sorted(_hashes(same), np.array([stems[stem] for stem in same])))
    emoji_keys, emoji_valences = _sorted(
        np.array(list(emoji), dtype=np.uint64), np.array(list(emoji.values()))
    )
    boosters = _BOOSTERS.split() + _DAMPENERS.split()
    booster_values = [_BOOST] * len(_BOOSTERS.split()) + [-_BOOST] * len(_DAMPENERS.split())
    booster_keys, booster_values_sorted = _sorted(_hashes(boosters), np.array(booster_values))
    return _Lexicon(
        words=word_keys,
        valences=valences,
        emoji=emoji_keys,
        emoji_valences=emoji_valences,
        emoticons=emoticons,
        stem_lengths=stem_lengths,
        stems=tuple(stem_tables),
        negators=np.sort(_hashes(_NEGATORS.split())),
        boosters=booster_keys,
        booster_values=booster_values_sorted,
        but=np.sort(_hashes(_BUT)),
        no=_hashes(["no"])[0],
    )


def _lookup(keys: np.ndarray, values: np.ndarray, query: np.ndarray) -> np.ndarray:
    """``values`` of ``query`` in the sorted ``keys``, 0 where absent."""
    if len(keys) == 0 or len(query) == 0:
        return np.zeros(len(query))
    at = np.minimum(np.searchsorted(keys, query), len(keys) - 1)
    return np.where(keys[at] == query, values[at], 0.0)


def _word_scores(lexicon: _Lexicon, texts: Sequence[str]) -> np.ndarray:
    """Sum per text of its words' valences after the booster, negation and "but" rules."""
    codes = text_codes(texts)
    starts, words = word_hashes(codes)
    doc = np.cumsum(codes == 0)[starts]
    # Look each distinct word up once: a batch repeats most of its words.
    distinct, first, inverse = np.unique(words, return_index=True, return_inverse=True)
    table = _lookup(lexicon.words, lexicon.valences, distinct)
    if lexicon.stems:  # the longest stem, for words not in the lexicon as they are
        missing = np.flatnonzero(table == 0)
        prefixes = word_prefix_hashes(codes, starts[first[missing]], lexicon.stem_lengths)
        for j, (keys, values) in enumerate(lexicon.stems):
            still = table[missing] == 0
            table[missing[still]] = _lookup(keys, values, prefixes[still, j])
    valence = table[inverse]
    hit = valence != 0
    if not hit.any():
        return np.zeros(len(texts))
    boost = _lookup(lexicon.boosters, lexicon.booster_values, distinct)[inverse]
    negator = np.isin(distinct, lexicon.negators)[inverse]
    # "no" negates like "not", and is no sentiment of its own before a lexicon word.
    is_no = words == lexicon.no
    negator |= is_no
    before_hit = np.zeros(len(words), dtype=bool)
    before_hit[:-1] = hit[1:] & (doc[1:] == doc[:-1])
    valence[is_no & before_hit] = 0.0
    hit = valence != 0
    scale = np.ones(len(words))
    for distance, damping in ((1, 1.0), (2, 0.95), (3, 0.9)):
        same = np.zeros(len(words), dtype=bool)
        same[distance:] = doc[distance:] == doc[:-distance]
        before = np.zeros(len(words))
        before[distance:] = boost[:-distance]
        valence += np.where(same & hit, np.sign(valence) * before * damping, 0.0)
        negated = np.zeros(len(words), dtype=bool)
        negated[distance:] = negator[:-distance]
        scale *= np.where(same & negated, _NEGATION, 1.0)
    valence *= scale
    # "but": what comes before the first one counts half, what comes after half as much again.
    position = np.arange(len(words))
    first_but = np.full(len(texts), len(words))
    is_but = np.isin(words, lexicon.but)
    np.minimum.at(first_but, doc[is_but], position[is_but])
    has_but = first_but[doc] < len(words)
    valence *= np.where(
        has_but,
        np.where(position < first_but[doc], 0.5, np.where(position > first_but[doc], 1.5, 1.0)),
        1.0,
    )
    return np.bincount(doc, weights=valence, minlength=len(texts))


def _symbol_scores(lexicon: _Lexicon, texts: Sequence[str]) -> tuple[np.ndarray, ...]:
    """Per text: summed emoji and emoticon valences, and counts of "!", "?" and ellipses."""
    joined = "\0".join(texts)
    if joined.count("\0") != len(texts) - 1:  # a NUL inside a text would split it
        joined = "\0".join(text.replace("\0", " ") for text in texts)
    raw = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    doc = np.cumsum(raw == 0)
    n = len(texts)

    def count(mask: np.ndarray) -> np.ndarray:
        return np.bincount(doc[mask], minlength=n).astype(np.float64)

    dots = np.zeros(len(raw), dtype=bool)
    dots[2:] = (raw[2:] == 46) & (raw[1:-1] == 46) & (raw[:-2] == 46)
    ellipsis = count(dots | (raw == 0x2026))
    symbols = np.zeros(n)
    emoji = raw >= 0x2000
    if emoji.any():
        symbols += np.bincount(
            doc[emoji],
            weights=_lookup(lexicon.emoji, lexicon.emoji_valences, raw[emoji].astype(np.uint64)),
            minlength=n,
        )
    for i in np.flatnonzero(count(np.isin(raw, _EMOTICON_CODES))):
        for token in texts[int(i)].lower().split():
            value = lexicon.emoticons.get(token) or lexicon.emoticons.get(token.rstrip(_TRAILING))
            if value:
                symbols[i] += value
    return symbols, count(raw == 33), count(raw == 63), ellipsis


_EMOTICON_CODES = np.array(sorted(ord(c) for c in _EMOTICON_CHARS), dtype=np.uint32)


def polarity_cues(
    texts: Sequence[str], lexicon_paths: tuple[Path, ...] = LEXICON_PATHS
) -> np.ndarray:
    """Lexicon polarity and punctuation of each text, as features.

    Parameters
    ----------
    texts : sequence of str
        The texts.
    lexicon_paths : tuple of path, default=LEXICON_PATHS
        Files of tab-separated ``token, valence`` with a header line: single words, stems
        (``word*``: any word starting so, when not itself listed; the longest stem wins),
        single-character emoji and other whitespace-delimited tokens (emoticons). A token in
        a later file replaces the same token in an earlier one.

    Returns
    -------
    ndarray of shape (len(texts), 5)
        Columns as in ``CUE_NAMES``: the positive and the negative part of the VADER-style
        compound score (each in [0, 1], at most one of them non-zero), and whether the text
        has "!", "?" and "..." (0 or 1).
    """
    lexicon = _load(tuple(lexicon_paths))
    n = len(texts)
    if n == 0:
        return np.zeros((0, len(CUE_NAMES)))
    symbols, exclamations, questions, ellipses = _symbol_scores(lexicon, texts)
    score = _word_scores(lexicon, texts) + symbols
    emphasis = np.minimum(exclamations, 4) * _EXCLAMATION + np.where(
        questions > 3, 0.96, np.where(questions > 1, questions * _QUESTION, 0.0)
    )
    score += np.sign(score) * emphasis
    compound = score / np.sqrt(score * score + _ALPHA)
    return np.column_stack(
        [
            np.maximum(compound, 0.0),
            np.maximum(-compound, 0.0),
            exclamations > 0,
            questions > 0,
            ellipses > 0,
        ]
    ).astype(np.float64)
