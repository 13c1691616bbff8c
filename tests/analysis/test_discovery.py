import random

from analysis.discovery import discover_themes

PARKING = [
    "Pysäköintipaikkoja ei ole tarpeeksi kirjaston lähellä.",
    "Pysäköinti on aina täynnä iltaisin.",
    "Pysäköintialue on liian pieni vieraille.",
    "Pysäköinnin maksaminen automaatilla on hankalaa.",
    "Parking near the health centre is impossible in the morning.",
    "The parking lot is always full when I visit.",
    "No parking spaces for visitors at all.",
    "Parking fees are too high for a short visit.",
    "Det finns ingen parkering vid biblioteket.",
    "Parkeringen är alltid full på kvällarna.",
]
NOISE = [
    "Naapurin melu häiritsee iltaisin.",
    "Rakennustyömaan melu on sietämätöntä.",
    "Melu on kova aamuisin koulun vieressä.",
    "The noise from the construction site is unbearable.",
    "Noise from the street keeps me awake.",
    "Too much noise near the school in the mornings.",
    "Bullret från bygget stör hela dagen.",
    "Bullret är värst på natten.",
    "Det är för mycket buller vid skolan.",
    "Melua on liikaa koulun lähellä.",
]
OTHER = ["Kiitos.", "Great staff.", "Bra service.", "Hyvä.", "Ok.", "Tack!", "Nice app."]


def test_discover_themes_finds_parking_and_noise():
    texts = PARKING * 2 + NOISE * 2 + OTHER
    random.Random(0).shuffle(texts)
    candidates = discover_themes(texts, n_candidates=6, min_size=3, random_state=0)
    assert candidates
    terms = [" ".join(c.top_terms[:3]) for c in candidates]
    assert any("parking" in t or "pysäköi" in t or "parkering" in t for t in terms)
    assert any("noise" in t or "melu" in t or "buller" in t for t in terms)
    for candidate in candidates:
        assert candidate.size >= 3
        assert len(candidate.example_indices) == 3
        assert candidate.key_suggestion.replace("_", "").isalnum()
        assert candidate.key_suggestion.isascii()
        examples = [texts[i] for i in candidate.example_indices]
        assert all(isinstance(e, str) for e in examples)
    sizes = [c.size for c in candidates]
    assert sizes == sorted(sizes, reverse=True)


def test_discover_themes_excludes_terms_and_handles_tiny_input():
    texts = PARKING * 2
    candidates = discover_themes(texts, n_candidates=2, min_size=1, exclude_terms=["parking"])
    assert all("parking" not in c.top_terms for c in candidates)
    assert discover_themes(["ok", "ok"], n_candidates=3) == []
