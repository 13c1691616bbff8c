import numpy as np
import pytest

from analysis.lexicon import CUE_NAMES, polarity_cues


def _compound(text):
    positive, negative, *_ = polarity_cues([text])[0]
    return positive - negative


def test_polarity_cues_shape_and_range():
    cues = polarity_cues(["Great service!", "", "Is it open?", "Well... ok"])
    assert cues.shape == (4, len(CUE_NAMES))
    assert ((cues >= 0) & (cues <= 1)).all()
    assert cues[1].tolist() == [0.0] * len(CUE_NAMES)
    exclamation, question, ellipsis = (CUE_NAMES.index(n) for n in CUE_NAMES[2:])
    assert cues[0, exclamation] == 1 and cues[2, question] == 1 and cues[3, ellipsis] == 1
    assert polarity_cues([]).shape == (0, len(CUE_NAMES))


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("Great service, thank you", 1),
        ("Terrible, it never works and the staff was rude", -1),
        ("I don't like it", -1),
        ("not bad at all", 1),
        ("The library opens at nine", 0),
        ("Rakastan tätä kirjastoa", 1),
        ("Palvelu oli kamalaa", -1),
        ("Ei yhtään hyvä", -1),
        ("Jag älskar det", 1),
        ("Det var inte bra", -1),
        ("Det var fan dåligt", -1),
        ("Thanks 👍", 1),
        ("Closed again :(", -1),
    ],
)
def test_polarity_cues_sign(text, sign):
    assert np.sign(_compound(text)) == sign


def test_polarity_cues_rules():
    assert _compound("very good") > _compound("good") > _compound("slightly good") > 0
    assert _compound("good!!!") > _compound("good")
    # After "but" counts more than before it.
    assert _compound("It was good but the staff was rude") < 0
    assert _compound("The staff was rude but it was good") > 0
    # A stem does not match a longer word only because it starts the same way by chance:
    # "viha*" is not a stem, so "vihannekset" (vegetables) is not hate.
    assert _compound("vihannekset") == 0


def test_polarity_cues_rows_do_not_leak():
    texts = ["not", "good", "awful", "no", "fine"]
    together = polarity_cues(texts)
    alone = np.vstack([polarity_cues([text]) for text in texts])
    assert np.allclose(together, alone)


def test_polarity_cues_survive_nul_characters():
    cues = polarity_cues(["good\x00day!", "awful"])
    assert cues.shape == (2, len(CUE_NAMES))
    assert cues[0, 0] > 0 and cues[1, 1] > 0
