import pytest

THEME_ROWS = [
    ("The bus was late again and I waited forty minutes", ["speed_waiting"]),
    ("Waited an hour for the ride, far too slow", ["speed_waiting"]),
    ("Bussi oli myöhässä ja odotin pitkään", ["speed_waiting"]),
    ("Jag väntade länge på bussen, den var sen", ["speed_waiting"]),
    ("The app crashed and I lost my application", ["reliability"]),
    ("App keeps crashing after the update", ["reliability"]),
    ("Sovellus kaatuu aina kun yritän kirjautua", ["reliability"]),
    ("Appen kraschar hela tiden", ["reliability"]),
    ("Far too expensive, the fee is ridiculous", ["cost"]),
    ("Hinta on liian kallis eläkeläiselle", ["cost"]),
    ("Priset är för högt, dyr avgift", ["cost"]),
    ("The ride was expensive and late", ["cost", "speed_waiting"]),
]


@pytest.fixture
def theme_data():
    texts = [text for text, _ in THEME_ROWS] * 3
    labels = [labels for _, labels in THEME_ROWS] * 3
    return texts, labels


SENTIMENT_ROWS = [
    ("Great service, thank you so much", "positive"),
    ("Loistava palvelu, kiitos paljon", "positive"),
    ("Jättebra tjänst, tack så mycket", "positive"),
    ("I love it, works perfectly", "positive"),
    ("Terrible, it never works", "negative"),
    ("Surkea palvelu, ei toimi ollenkaan", "negative"),
    ("Usel tjänst, fungerar aldrig", "negative"),
    ("Awful experience, very disappointed", "negative"),
    ("I used it on Tuesday", "neutral"),
    ("Käytin palvelua tiistaina", "neutral"),
    ("Jag använde tjänsten i tisdags", "neutral"),
    ("The service runs until December", "neutral"),
]


@pytest.fixture
def sentiment_data():
    texts = [text for text, _ in SENTIMENT_ROWS] * 3
    labels = [label for _, label in SENTIMENT_ROWS] * 3
    return texts, labels
