import numpy as np
from sklearn.feature_extraction.text import CountVectorizer

from analysis.features import hash_ngrams, text_codes, word_hashes, word_prefix_hashes


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


def test_word_prefix_hashes_are_the_hashes_of_the_prefixes_as_words():
    words = ["Kauheaa", "ok", "rakastan", "älskar"]
    codes = text_codes([" ".join(words[:2]), " ".join(words[2:])])
    starts, hashes = word_hashes(codes)
    prefixes = word_prefix_hashes(codes, starts, [3, 6])
    for i, word in enumerate(words):
        assert prefixes[i, 0] == (
            word_hashes(text_codes([word[:3]]))[1][0] if len(word) >= 3 else 0
        )
        assert prefixes[i, 1] == (
            word_hashes(text_codes([word[:6]]))[1][0] if len(word) >= 6 else 0
        )
    whole = word_prefix_hashes(codes, starts, [8])
    assert whole[2, 0] == hashes[2]  # "rakastan" is 8 letters long
