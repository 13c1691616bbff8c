"""Tests for analysis.preprocess: normalisation, PII redaction, language detection."""

import ast
import csv
import dataclasses
from pathlib import Path

import pytest

from analysis import preprocess
from analysis.preprocess import (
    Redaction,
    detect_language,
    detect_languages,
    normalize,
    redact_pii,
)

HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def make_hetu(day: int, month: int, year: int, serial: int, sign: str) -> str:
    """A hetu with the right check character (official mod-31 rule)."""
    digits = f"{day:02d}{month:02d}{year % 100:02d}"
    return f"{digits}{sign}{serial:03d}{HETU_CHECK[int(f'{digits}{serial:03d}') % 31]}"


def wrong_check(hetu: str) -> str:
    return hetu[:-1] + HETU_CHECK[(HETU_CHECK.index(hetu[-1]) + 1) % 31]


def make_iban(country: str, bban: str) -> str:
    """An IBAN with correct ISO 13616 check digits."""
    number = int("".join(str(int(c, 36)) for c in bban + country + "00"))
    return f"{country}{98 - number % 97:02d}{bban}"


# --- normalize -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", ""),
        ("   ", ""),
        ("  Hyvä   palvelu  ", "Hyvä palvelu"),
        ("a\tb", "a b"),
        ("a \t  b", "a b"),
        ("a\u00a0b\u202fc", "a b c"),
        ("eka\r\ntoka", "eka\ntoka"),
        ("eka\rtoka", "eka\ntoka"),
        ("eka\n\n\n\ntoka", "eka\ntoka"),
        ("eka  \n \n  toka", "eka\ntoka"),
        ("\n\nalku ja loppu\n\n", "alku ja loppu"),
        ("a\x00b\x07c\x1bd", "abcd"),
        ("a\x7fb\x9fc", "abc"),
        ("a\x0bb\x0cc", "a\nb\nc"),
        ("a\u2028b", "a\nb"),
        ("zero\u200bwidth\ufeff", "zerowidth"),
        ("ta\u00adlo", "talo"),
        ("a\u0308iti", "äiti"),  # decomposed ä (macOS input) composes to NFC
        ("A\u030angström", "Ångström"),
        ("emoji 👍 stays", "emoji 👍 stays"),
        ("family 👨\u200d👩\u200d👧 kept", "family 👨\u200d👩\u200d👧 kept"),
    ],
)
def test_normalize_cases(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_normalize_is_idempotent() -> None:
    text = " Eka\r\n\r\n  toka\t\x00 kolmas\u00a0 "
    assert normalize(normalize(text)) == normalize(text) == "Eka\ntoka kolmas"


# --- redact_pii: what must go ----------------------------------------------------------------

PHONES = [
    "040 123 4567",
    "040-1234567",
    "0401234567",
    "040 1234 567",
    "040 123 45 67",
    "044-123 4567",
    "045 123 4567",
    "050 1234567",
    "0400 123 456",
    "0800 12345",
    "020 123 456",
    "(09) 816 21",
    "(09) 8162 1234",
    "09 8162 1234",
    "09-816 21",
    "+358 40 123 4567",
    "+358401234567",
    "+358-40-123-4567",
    "+358 (0)40 123 4567",
    "+358 9 816 21",
    "00358 40 123 4567",
    "00358401234567",
    "+46 70 123 45 67",
    "+46 8 123 456 78",
    "+44 20 7946 0958",
    "+44 (0)20 7946 0958",
    "+1 (555) 123-4567",
    "+1 555 123 4567",
    "+1.555.123.4567",
    "+49 30 12345678",
    "+372 5123 4567",
    "+33 1 23 45 67 89",
    "0045 12 34 56 78",
]


@pytest.mark.parametrize("phone", PHONES)
@pytest.mark.parametrize(
    "template",
    ["{}", "Soita {} niin kerron lisää.", "Ring mig på {}!", "Call me ({}), thanks", "puh.{}"],
)
def test_redact_phone(phone: str, template: str) -> None:
    result = redact_pii(template.format(phone))
    assert result.text == template.format("[phone]")
    assert result.counts == {"phone": 1}


EMAILS = [
    "matti.meikalainen@espoo.fi",
    "maija-liisa.virtanen@kaupunki.espoo.fi",
    "a.b+feedback@mail.example.co.uk",
    "first_last@sub.domain.org",
    "user+tag+more@gmail.com",
    "john.doe123@example.com",
    "x@y.io",
    "info@kokeilu-palvelu.fi",
    "ÄITI.äijälä@example.fi",
    "kevin.obrien@example.ie",
    "UPPER.CASE@EXAMPLE.COM",
    "percent%hack@relay.example.net",
]


@pytest.mark.parametrize("email", EMAILS)
@pytest.mark.parametrize(
    "template", ["{}", "Mailaa: {}.", "Skriv till <{}>", "contact me ({}) today"]
)
def test_redact_email(email: str, template: str) -> None:
    result = redact_pii(template.format(email))
    assert result.text == template.format("[email]")
    assert result.counts == {"email": 1}


HETUS = [
    make_hetu(1, 1, 1990, 123, "-"),
    make_hetu(15, 6, 1985, 456, "Y"),
    make_hetu(15, 6, 1985, 457, "X"),
    make_hetu(30, 11, 1972, 2, "W"),
    make_hetu(31, 12, 1999, 899, "V"),
    make_hetu(28, 2, 1961, 321, "U"),
    make_hetu(31, 12, 1899, 899, "+"),
    make_hetu(29, 2, 2000, 2, "A"),
    make_hetu(1, 2, 2003, 321, "B"),
    make_hetu(10, 10, 2010, 654, "C"),
    make_hetu(5, 5, 2015, 111, "D"),
    make_hetu(7, 7, 2021, 222, "E"),
    make_hetu(9, 9, 2023, 333, "F"),
    "131052-308T",  # the example in the Finnish Digital and Population Data Services docs
]


@pytest.mark.parametrize("hetu", HETUS)
@pytest.mark.parametrize("template", ["{}", "Hetuni on {}, kiitos.", "pnr: {}"])
def test_redact_hetu(hetu: str, template: str) -> None:
    result = redact_pii(template.format(hetu))
    assert result.text == template.format("[hetu]")
    assert result.counts == {"hetu": 1}


def test_redact_hetu_lowercase_check_char() -> None:
    hetu = make_hetu(1, 1, 1990, 124, "-")
    assert hetu[-1].isalpha()
    assert redact_pii(hetu.lower()).text == "[hetu]"


IBANS = [
    "FI21 1234 5600 0007 85",
    "FI2112345600000785",
    "fi21 1234 5600 0007 85",
    "DE89 3704 0044 0532 0130 00",
    "DE89370400440532013000",
    "GB29 NWBK 6016 1331 9268 19",
    "SE45 5000 0000 0583 9825 7466",
    "NO93 8601 1117 947",
    "FR14 2004 1010 0505 0001 3M02 606",
    "EE38 2200 2210 2014 5685",
    make_iban("FI", "79600100001234"),
    make_iban("DK", "00400440116243"),
]


@pytest.mark.parametrize("iban", IBANS)
@pytest.mark.parametrize(
    "template", ["{}", "Maksakaa tilille {} kiitos", "IBAN: {}.", "konto {} 2024"]
)
def test_redact_iban(iban: str, template: str) -> None:
    result = redact_pii(template.format(iban))
    assert result.text == template.format("[iban]")
    assert result.counts == {"iban": 1}


# --- redact_pii: what must stay --------------------------------------------------------------

UNCHANGED = [
    "12.3.2024",
    "Kävin siellä 01.03.2024 ja 12.3.2024.",
    "Päivämäärä 2024-03-12 klo 08:00",
    "12/03/2024",
    "01-03-2024",
    "klo 14.30",
    "Hinta 12,50 € per kerta",
    "Maksoin 1 200 euroa",
    "Maksoi 1 000 000 euroa",
    "Lippu maksoi €35.",
    "Asun 02100 Espoo",
    "postinumerot 02100 02200",
    "Vuonna 2023 kokeilu alkoi",
    "Tyytyväisiä oli 87 % vastaajista",
    "Soitin 3 kertaa",
    "The bus 550 was late",
    "Huone A123, toinen kerros",
    "huone 2.14",
    "Auki 8-16",
    "Auki 08-16, la 10-14",
    "Avoinna klo 9–15",
    "Öppet vardagar 8.00–16.00",
    "Versio 1.2.3 kaatuu, v0.10.2 toimi",
    "Tilausnumero 12345678",
    "0,5 l maitoa",
    "Koodi 1234",
    "Y-tunnus 0357502-9",
    "Tässä on 40 000 000 taalaa.",
    "Viite RF18 5390 0754 7034",
    wrong_check(make_hetu(1, 1, 1990, 123, "-")),
    wrong_check(make_hetu(29, 2, 2000, 2, "A")),
    "010190-1234",  # digit where the check character should be, and it is the wrong one
    "300290-123A",  # 30 February
    "FI21 1234 5600 0007 86",
    "DE88 3704 0044 0532 0130 00",
    "GB29 NWBK 6016 1331 9268 18",
    "[email] [phone] [hetu] [iban]",
    "Ei mitään henkilötietoja tässä.",
]


@pytest.mark.parametrize("text", UNCHANGED)
def test_redact_leaves_text_alone(text: str) -> None:
    result = redact_pii(text)
    assert result.text == text
    assert result.counts == {}
    assert result.total == 0


# --- redact_pii: mixed texts, counts, idempotence --------------------------------------------

MIXED = [
    (
        "Soita 040 123 4567 tai +358 9 816 21, mail matti@espoo.fi.",
        "Soita [phone] tai [phone], mail [email].",
        {"phone": 2, "email": 1},
    ),
    (
        f"Hetu {make_hetu(1, 1, 1990, 123, '-')} ja tili FI21 1234 5600 0007 85, puh 0401234567",
        "Hetu [hetu] ja tili [iban], puh [phone]",
        {"hetu": 1, "iban": 1, "phone": 1},
    ),
    (
        "Bussi 550 oli 12.3.2024 klo 14.30 myöhässä, soitin 09 8162 1234 (maksoi 1 200 €).",
        "Bussi 550 oli 12.3.2024 klo 14.30 myöhässä, soitin [phone] (maksoi 1 200 €).",
        {"phone": 1},
    ),
    (
        "Emails: a@b.fi, c.d+x@e.f.org and a@b.fi again",
        "Emails: [email], [email] and [email] again",
        {"email": 3},
    ),
    (
        "Numero 040 123 4567\nToinen rivi: +46 70 123 45 67",
        "Numero [phone]\nToinen rivi: [phone]",
        {"phone": 2},
    ),
]


@pytest.mark.parametrize(("text", "expected", "counts"), MIXED)
def test_redact_mixed(text: str, expected: str, counts: dict[str, int]) -> None:
    result = redact_pii(text)
    assert result.text == expected
    assert result.counts == counts
    assert result.total == sum(counts.values())


@pytest.mark.parametrize(
    "text",
    [m[0] for m in MIXED]
    + [f"Soita {p}" for p in PHONES[:10]]
    + [f"{i} 2024 8888" for i in IBANS[:3]]
    + UNCHANGED[:10],
)
def test_redact_is_idempotent(text: str) -> None:
    once = redact_pii(text)
    twice = redact_pii(once.text)
    assert twice.text == once.text
    assert twice.counts == {}


@pytest.mark.parametrize("placeholder", ["[email]", "[phone]", "[hetu]", "[iban]"])
def test_redact_placeholder_is_not_redacted_again(placeholder: str) -> None:
    text = f"Tässä oli {placeholder} ja {placeholder}."
    assert redact_pii(text) == Redaction(text, {})


def test_redact_iban_before_phone_and_hetu() -> None:
    # The digit groups of a valid IBAN would also pass as a phone number.
    result = redact_pii("DE89 3704 0044 0532 0130 00")
    assert result.counts == {"iban": 1}


def test_redaction_is_frozen_and_total() -> None:
    result = Redaction("x", {"email": 1, "phone": 2})
    assert result.total == 3
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.text = "y"  # type: ignore[misc]


# --- language detection ----------------------------------------------------------------------

FINNISH = [
    "Toimi hyvin!",
    "Kirjastorobotti oli kiva",
    "Sovellus on aivan liian hidas",
    "Henkilökunta auttoi heti",
    "En saanut yhteyttä kehenkään",
    "Bussi oli taas myöhässä",
    "Tosi hyvä palvelu",
    "Tätä kannattaa jatkaa",
    "Ohjeita oli vaikea ymmärtää",
    "Latausasema ei toiminut aamulla",
    "Robotti osasi vastata kysymyksiin",
    "Käytän tätä varmasti uudelleen",
    "Liian monta vaihetta",
    "Sain nopeasti apua puhelimessa",
    "Kiitos kaikille!",
    "Kartalla näkyi väärä pysäkki",
    "Lapset tykkäsivät pelistä",
    "Ei ollut mitään hyötyä",
    "Hyvin suunniteltu kokeilu",
    "Jonot olivat pitkiä",
    "Sovellus pyysi liikaa tietoja",
    "Helppo ottaa käyttöön",
]
SWEDISH = [
    "Bra service",
    "Det var svårt att hitta",
    "Appen är alldeles för långsam",
    "Personalen hjälpte mig genast",
    "Jag fick inte tag på någon",
    "Bussen var sen igen",
    "Riktigt bra tjänst",
    "Det här borde fortsätta",
    "Instruktionerna var svåra att förstå",
    "Laddstationen fungerade inte på morgonen",
    "Roboten kunde svara på frågor",
    "Jag kommer säkert att använda det igen",
    "För många steg",
    "Jag fick snabbt hjälp per telefon",
    "Tack till alla!",
    "Kartan visade fel hållplats",
    "Barnen gillade spelet",
    "Det var till ingen nytta",
    "Ett välplanerat försök",
    "Köerna var långa",
    "Appen bad om för många uppgifter",
    "Lätt att komma igång",
]
ENGLISH = [
    "Too slow",
    "The app is far too slow",
    "The staff helped me straight away",
    "I couldn't reach anyone",
    "The bus was late again",
    "Really good service",
    "This should definitely continue",
    "The instructions were hard to follow",
    "The charging station was down this morning",
    "The robot could answer questions",
    "I will certainly use it again",
    "Too many steps",
    "Got help quickly over the phone",
    "Thanks everyone!",
    "The map showed the wrong stop",
    "The kids loved the game",
    "It was no use at all",
    "A well planned trial",
    "The queues were long",
    "The app asked for too much data",
    "Easy to get started",
    "Loved it",
]
OTHER_LANGUAGES = [
    "Das hat mir sehr gut gefallen",
    "Ich finde die Idee super",
    "Grüße aus Espoo",
    "Teenindus oli kiire ja sõbralik",
    "Mulle ei meeldinud rakendus",
    "Me gustó mucho el servicio",
    "La aplicación no funciona bien",
    "Le service était très lent",
    "C'était une bonne expérience",
    "Il servizio era ottimo",
    "Het werkte niet goed",
    "O atendimento foi ótimo",
    "Obsługa była bardzo miła",
    "Çok güzel bir deneyim oldu",
    "Nagyon jó szolgáltatás",
    "Привет, всё работает отлично",
    "Спасибо за помощь",
    "شكرا جزيلا على المساعدة",
    "谢谢你的帮助",
    "Ευχαριστώ πολύ",
]
LABELLED = (
    [(t, "fi") for t in FINNISH]
    + [(t, "sv") for t in SWEDISH]
    + [(t, "en") for t in ENGLISH]
    + [(t, "other") for t in OTHER_LANGUAGES]
)


@pytest.mark.parametrize(("text", "lang"), LABELLED)
def test_detect_language_short_texts(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize(("text", "lang"), LABELLED)
def test_detect_language_keeps_confident_answer_over_fallback(text: str, lang: str) -> None:
    fallback = "sv" if lang == "fi" else "fi"
    assert detect_language(text, fallback=fallback) in {lang, fallback}
    if len(text.split()) >= 4:
        assert detect_language(text, fallback=fallback) == lang


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "ok",
        "!!!",
        "5/5",
        "👍👍",
        "123 456",
        "[email]",
        "[phone] [email]",
        "matti@espoo.fi",
        "https://example.com/x",
    ],
)
def test_detect_language_too_short_uses_fallback(text: str) -> None:
    assert detect_language(text) == "other"
    assert detect_language(text, fallback="sv") == "sv"
    assert detect_language(text, "en") == "en"


def test_detect_language_ignores_placeholders_and_digits() -> None:
    assert detect_language("Soitin numeroon [phone] 3 kertaa mutta kukaan ei vastannut") == "fi"
    assert detect_language("Skicka till [email] senast 12.3.2024, tack") == "sv"


def test_detect_language_decomposed_letters() -> None:
    # "Hyvä" typed with a combining diaeresis, as macOS keyboards may send it.
    assert detect_language("Tosi hyva\u0308 pa\u0308iva\u0308") == "fi"


def test_detect_languages_matches_single_calls() -> None:
    texts = [t for t, _ in LABELLED] + ["", "ok", "Bra"]
    assert detect_languages(texts) == [detect_language(t) for t in texts]


def test_detect_languages_fallbacks() -> None:
    texts = ["ok", "Toimi hyvin!", "", "Det var svårt att hitta"]
    assert detect_languages(texts, fallback="en") == ["en", "fi", "en", "sv"]
    assert detect_languages(texts, fallback=["sv", None, "fi", "en"]) == ["sv", "fi", "fi", "sv"]
    assert detect_languages(texts) == ["other", "fi", "other", "sv"]
    assert detect_languages([]) == []
    with pytest.raises(ValueError, match="one per text"):
        detect_languages(texts, fallback=["fi"])


def test_detect_language_model_is_cached() -> None:
    assert preprocess._model() is preprocess._model()


def test_language_test_texts_are_not_training_data() -> None:
    # The detection tests above must measure generalisation, not memory.
    seen = set()
    for path in sorted(Path(preprocess.__file__).with_name("langid").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as rows:
            seen |= {preprocess._clean(row["text"]) for row in csv.DictReader(rows)}
    assert not [t for t, _ in LABELLED if preprocess._clean(t) in seen]


def test_preprocess_imports_no_database_or_web_code() -> None:
    forbidden = {"sqlalchemy", "fastapi", "starlette", "aiogram", "feedback_api", "bot", "redis"}
    imported = set()
    for node in ast.walk(ast.parse(Path(preprocess.__file__).read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert imported and not imported & forbidden
