import numpy as np
from sklearn.feature_extraction.text import CountVectorizer

from analysis.features import hash_ngrams


def test_hash_ngrams_counts_char_ngrams_like_char_wb():
    text = "Hello world, hello!"
    ours = hash_ngrams([text], word_ngram_range=(0, 0), char_ngram_range=(2, 4))
    reference = CountVectorizer(analyzer="char_wb", ngram_range=(2, 4)).fit_transform(
        ["hello world hello"]
    )
    assert ours.sum() == reference.sum()
    assert ours.nnz == reference.nnz  # no collisions at this size


def test_hash_ngrams_word_ngrams():
    counts = hash_ngrams(["a b a b"], word_ngram_range=(1, 2), char_ngram_range=(0, 0))
    # unigrams a, b (2 each); bigrams "a b" (2) and "b a" (1)
    assert sorted(counts.data.tolist()) == [1, 2, 2, 2]


def test_hash_ngrams_is_deterministic_and_row_aligned():
    texts = ["Pysäköinti on täynnä", "", "Parkering\x00full", "Parking is full"]
    first = hash_ngrams(texts)
    second = hash_ngrams(list(reversed(texts)))
    assert first.shape == (4, 2**19)
    assert first[1].nnz == 0
    assert (first[0] != second[3]).nnz == 0
    assert np.array_equal(first.indices, hash_ngrams(texts).indices)


def test_hash_ngrams_ignores_case_and_punctuation():
    a = hash_ngrams(["Bus, LATE!"])
    b = hash_ngrams(["bus late"])
    assert (a != b).nnz == 0
