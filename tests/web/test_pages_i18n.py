"""The pages' catalogs: every key in fi, sv and en, compiled .mo files up to date, no stray
keys; the pages render in each language; language negotiation and formatting."""

from __future__ import annotations

import ast
import html
import re
import string
import typing
from datetime import date
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from jinja2 import nodes

from analysis.datasets import Kind
from feedback_api.domain.enums import (
    STORED_LANGUAGES,
    Channel,
    ExperimentStatus,
    FitsWork,
    Role,
    Sentiment,
    TokenRole,
    WouldUse,
)
from feedback_api.web import vocabulary
from feedback_api.web.i18n import DOMAIN, LANGUAGES, LOCALES_DIR, Translator, negotiate
from feedback_api.web.pages.public import NOT_PUBLIC
from feedback_api.web.render import TEMPLATES_DIR, environment

WEB_DIR = LOCALES_DIR.parent
MAPPING = WEB_DIR / "babel.cfg"
TEMPLATE = LOCALES_DIR / f"{DOMAIN}.pot"
LOOKUPS = {"t", "_", "gettext"}
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def _read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def _po(locale: str) -> Catalog:
    return _read(LOCALES_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po")


def _mo(locale: str) -> Catalog:
    with (LOCALES_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as handle:
        return read_mo(handle)


def _messages(catalog: Catalog) -> dict[str, str]:
    return {str(m.id): str(m.string) for m in catalog if m.id}


def _used_keys() -> set[str]:
    """What `pybabel extract -F web/babel.cfg` finds in the web code and templates."""
    with MAPPING.open() as handle:
        method_map, options_map = parse_mapping_cfg(handle, filename=str(MAPPING))
    keys = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        str(WEB_DIR), method_map, options_map, keywords=DEFAULT_KEYWORDS
    ):
        assert isinstance(message, str), "plural forms are not used on the pages"
        keys.add(message)
    return keys


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


# --- the catalogs ------------------------------------------------------------------------


@pytest.mark.parametrize("locale", LANGUAGES)
def test_every_message_is_translated(locale: str) -> None:
    catalog = _po(locale)
    messages = _messages(catalog)
    untranslated = sorted(key for key, text in messages.items() if not text.strip())
    fuzzy = sorted(str(m.id) for m in catalog if m.id and m.fuzzy)
    obsolete = sorted(str(key) for key in catalog.obsolete)
    assert untranslated == [] and fuzzy == [] and obsolete == []
    assert set(messages) == set(_messages(_po("en")))


@pytest.mark.parametrize("locale", LANGUAGES)
def test_compiled_catalog_is_up_to_date(locale: str) -> None:
    assert _messages(_mo(locale)) == _messages(_po(locale)), (
        f"run: .venv/bin/pybabel compile -d {LOCALES_DIR} -D {DOMAIN}"
    )


def test_every_key_in_the_code_is_in_the_catalogs_and_vice_versa() -> None:
    used, known = _used_keys(), set(_messages(_po("en")))
    assert len(used) > 250, "the extraction found too little: is web/babel.cfg read?"
    assert sorted(used - known) == [], "keys used in code but missing from the catalogs"
    assert sorted(known - used) == [], "keys in the catalogs that no code uses"
    assert set(_messages(_read(TEMPLATE))) == used, "run pybabel extract (web/i18n.py)"


def test_placeholders_agree_across_languages() -> None:
    catalogs = {locale: _messages(_po(locale)) for locale in LANGUAGES}
    for key, text in catalogs["en"].items():
        for locale in LANGUAGES:
            assert _fields(catalogs[locale][key]) == _fields(text), (key, locale)


# --- keys the extractor sees ---------------------------------------------------------------


def _python_lookups() -> list[tuple[str, int, str, ast.expr]]:
    found = []
    for path in sorted(WEB_DIR.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args:
                if node.func.id in LOOKUPS | {"N_"}:
                    found.append((path.name, node.lineno, node.func.id, node.args[0]))
    return found


def _template_lookups() -> list[tuple[str, int, str, nodes.Expr]]:
    env = environment()
    found = []
    for path in sorted(TEMPLATES_DIR.rglob("*.html")):
        tree = env.parse(path.read_text(encoding="utf-8"))
        for call in tree.find_all(nodes.Call):
            if isinstance(call.node, nodes.Name) and call.node.name in LOOKUPS and call.args:
                found.append((path.name, call.lineno, call.node.name, call.args[0]))
    return found


def test_keys_are_never_built_at_run_time() -> None:
    """A key is a literal, or looked up in a table of literals (web/vocabulary.py): never an
    f-string, a concatenation or a template's ``"status." ~ value``, which extraction misses."""
    python = _python_lookups()
    templates = _template_lookups()
    assert len(python) > 100 and len(templates) > 200
    built = [
        (name, line, call)
        for name, line, call, arg in python
        if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str))
        and (call == "N_" or not isinstance(arg, ast.Subscript | ast.Name))
    ]
    built += [
        (name, line, call)
        for name, line, call, arg in templates
        if not (isinstance(arg, nodes.Const) and isinstance(arg.value, str))
        and not isinstance(arg, nodes.Getitem)
    ]
    assert built == []


def _values(enum: type) -> set[str]:
    return {member.value for member in enum}  # type: ignore[attr-defined]


def test_each_vocabulary_has_a_key_for_every_value() -> None:
    statuses = _values(ExperimentStatus)
    assert set(vocabulary.STATUS) == statuses
    assert set(vocabulary.CLOSED) == statuses - NOT_PUBLIC - {ExperimentStatus.RUNNING.value}
    assert set(vocabulary.ROLE) == set(vocabulary.ROLES) == _values(Role)
    assert set(vocabulary.CHANNEL) == _values(Channel)
    assert set(vocabulary.LANGUAGE) == set(STORED_LANGUAGES)
    assert set(vocabulary.WOULD_USE) == _values(WouldUse)
    assert set(vocabulary.FITS_WORK) == _values(FitsWork)
    assert set(vocabulary.SENTIMENT) == _values(Sentiment)
    assert set(vocabulary.VERDICT) == {"positive", "mixed", "negative", "insufficient"}
    assert set(vocabulary.SCORECARD) == set(vocabulary.TRACE) == {"users", "fit", "benefit"}
    assert set(vocabulary.MODEL_KIND) == set(typing.get_args(Kind))
    assert set(vocabulary.NAME_IN) == set(LANGUAGES)
    assert set(vocabulary.TOKEN_ROLE) == _values(TokenRole)


def test_every_error_page_kind_has_its_keys() -> None:
    source = (WEB_DIR / "pages" / "common.py").read_text(encoding="utf-8")
    kinds = {
        node.args[2].value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "error_page"
        and isinstance(node.args[2], ast.Constant)
    }
    assert kinds and kinds == set(vocabulary.ERROR)


# --- the pages in each language ------------------------------------------------------------


def _text(page: str) -> str:
    return html.unescape(page)


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_pages_render_in_each_language(client, make, auth, lang: str) -> None:
    t = Translator(lang)
    await make.experiment("Kirjastorobotti", service_area="library", end_date=date(2030, 1, 31))
    await make.experiment("Ended trial", ExperimentStatus.ENDED)
    for body in (
        {"text": "Löysin kirjan heti, kiitos!", "rating": 5, "would_use": "yes"},
        {"text": "Robotti oli hidas ja jonoa oli paljon.", "rating": 2, "role": "customer"},
        {"text": "Sopii työhöni hyvin.", "rating": 4, "role": "employee", "fits_work": "yes"},
    ):
        response = await client.post("/api/v1/experiments/kirjastorobotti/feedback", json=body)
        assert response.status_code == 201, response.text

    pages = {
        "index": (await client.get(f"/?lang={lang}")).text,
        "form": (await client.get("/e/kirjastorobotti")).text,
        "closed": (await client.get("/e/ended-trial")).text,
        "missing": (await client.get("/e/no-such-thing")).text,
        "login": (await client.get("/staff")).text,
    }
    token = await make.token(TokenRole.ADMIN)
    csrf = CSRF.search(pages["login"]).group(1)
    signed_in = await client.post("/staff/login", data={"csrf_token": csrf, "token": token})
    assert signed_in.status_code == 303
    pages["overview"] = (await client.get("/staff")).text
    pages["report"] = (await client.get("/staff/experiments/kirjastorobotti")).text

    expected = {
        "index": ["index.title", "index.intro", "index.give", "site.footer", "area.library"],
        "form": ["form.lead", "form.submit", "role.resident", "would_use.maybe", "privacy.title"],
        "closed": ["closed.title", "closed.ended"],
        "missing": ["error.not_found.title", "error.not_found.text", "error.home"],
        "login": ["staff.tagline"],
        "overview": ["overview.title", "status.running", "status.ended", "staff.role.admin"],
        "report": [
            "report.scorecard",
            "scorecard.users",
            "report.trend",
            "chart.weekly.title",
            "sentiment.positive",
            "roles.employee",
            "channel.api",
        ],
    }
    assert t("index.until", date=t.date(date(2030, 1, 31))) in _text(pages["index"])
    keys = set(_messages(_po(lang)))
    for name, page in pages.items():
        assert f'<html lang="{lang}">' in page, name
        text = _text(page)
        for key in expected[name]:
            assert t(key) in text, (name, key)
        shown_keys = {key for key in keys if re.search(rf"(?<![\w.-]){re.escape(key)}\b", text)}
        assert shown_keys == set(), (name, sorted(shown_keys))


def test_templates_may_use_gettext_as_well() -> None:
    """Jinja's i18n extension: ``_("key", name=…)`` is the page's ``t``."""
    template = environment().from_string(
        '{{ _("index.until", date="1.3.") }} {{ _("form.submit") }}'
    )
    assert template.render(t=Translator("sv")) == "Pågår till 1.3. Skicka respons"
    assert template.render(t=Translator("fi")) == "Käynnissä 1.3. asti Lähetä palaute"


# --- negotiation and formatting -------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, "fi"),
        ("", "fi"),
        ("sv", "sv"),
        ("sv-FI,sv;q=0.9,en;q=0.8", "sv"),
        ("en-GB,en;q=0.9,fi;q=0.8", "en"),
        ("de-DE,de;q=0.9,fi;q=0.5", "fi"),
        ("de-DE,de;q=0.9", "en"),
        ("fi;q=0.2,sv;q=0.7", "sv"),
        ("fi;q=0,en;q=0.1", "en"),
        ("fi;q=bogus,sv", "sv"),
        ("*", "en"),
    ],
)
def test_negotiate_picks_the_best_supported_language(header: str | None, expected: str) -> None:
    assert negotiate(header) == expected


def test_translator_formats_for_each_locale() -> None:
    fi, sv, en = Translator("fi"), Translator("sv"), Translator("en")
    assert fi.percent(0.553) == "55\xa0%" and en.percent(0.553) == "55%"
    assert fi.number(3.84, 1) == "3,8" and en.number(3.84, 1) == "3.8"
    assert en.number(12345) == "12,345" and sv.number(None) == "–"
    assert fi.date(date(2025, 3, 1)) == "1.3.2025" and en.date("2025-03-01") == "1 Mar 2025"
    assert en.week("2025-W07") == "wk 7/2025"
    assert en("index.until", date="1 Mar 2025") == "Runs until 1 Mar 2025"
    assert fi("form.submit") == "Lähetä palaute" and sv.has("form.submit")
    assert not en.has("no.such.key")
    with pytest.raises(KeyError):
        en("no.such.key")
    with pytest.raises(ValueError, match="unsupported"):
        Translator("de")
