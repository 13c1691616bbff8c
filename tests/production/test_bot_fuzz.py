"""Thousands of random and malformed Telegram updates through the webhook route and the real
Dispatcher, on the real database: no unhandled exception, no stored garbage.

Most updates follow the buttons the bot last sent (so conversations do complete); the rest
are stale or forged button presses, huge and strange texts, commands with junk payloads,
media, update types the bot does not use, redeliveries, and JSON that is not an update.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import re
import time
from collections import Counter
from typing import Any

import httpx
import pytest
from aiogram.methods import AnswerCallbackQuery, EditMessageText, SendMessage
from fastapi import FastAPI
from pydantic import SecretStr
from sqlalchemy import inspect, select, text

from bot.console import plain
from bot.factory import create_bot
from bot.webhook import (
    SECRET_HEADER,
    create_telegram_router,
    start_telegram_webhook,
    stop_telegram_webhook,
    webhook_secret,
)
from feedback_api.db.engine import create_engine, create_session_factory
from feedback_api.db.models import Feedback, Respondent
from feedback_api.domain.enums import ExperimentStatus, FitsWork, Role, WouldUse
from feedback_api.domain.schemas import ExperimentCreate
from feedback_api.services import experiments
from feedback_api.services.models import CurrentModels
from feedback_api.services.respondents import pseudonym
from feedback_api.services.submission import Policy

from .conftest import PG_URL, SECRET, RecordingSession, make_settings, prepare_database

UPDATES = 2000
SEED = 20261128
ROUNDS_IN_PARALLEL = 6  # distinct users whose updates are handled at the same time
WEBHOOK = "https://kokeilu.example.fi/telegram/webhook"
USER_BASE = 7_654_300_000  # distinctive ids: none may ever reach the database in plain
LANGUAGES = ["fi", "sv", "en", "fi-FI", "sv-FI", "en-GB", "de", "pt-br", "zh-hans", None]
WEIRD = [
    "",
    " ",
    "\u200b\u200d\u2060",
    "👍🏽👨‍👩‍👧‍👦🇫🇮",
    "مرحبا بالعالم",
    "שלום עולם",
    "测试反馈很好",
    "Z̴̧̛a̷̡͝l̶̨̛g̸̢͝o̴͖͝",
    "<b>bold</b> <script>alert(1)</script> &amp; <a href='x'>",
    "=cmd|' /C calc'!A0",
    "Robert'); DROP TABLE feedback;--",
    "\x00\x01\x1b[31mred",
    "\ud800 lone surrogate",
    "line\r\nbreak\ttab",
    "maija.meikalainen@example.com 040 123 4567 131052-308T FI21 1234 5600 0007 85",
]
COMMANDS = [
    "/start",
    "/start exp_kirjastorobotti",
    "/start exp_etahoiva",
    "/start exp_vanha-kokeilu",
    "/start exp_ehdotus",
    "/start exp_",
    "/start exp_../../etc/passwd",
    "/start exp_" + "a" * 300,
    "/start exp_1",
    "/start exp_99999999999999999999",
    "/start " + "ö" * 64,
    "/start\nexp_kirjastorobotti",
    "/START",
    "/feedback",
    "/feedback now please",
    "/language",
    "/privacy",
    "/forget",
    "/help",
    "/cancel",
    "/cancel@kokeilu_bot",
    "/start@another_bot",
    "/unknown",
    "/",
]


class Fuzzer:
    """Builds the updates, as JSON, from what the bot last said to each user."""

    def __init__(self, rng: random.Random, recording: RecordingSession) -> None:
        self.rng = rng
        self.recording = recording
        self.ids = iter(range(1, 10**9))
        self.users = [
            {
                "id": USER_BASE + n,
                "is_bot": False,
                "first_name": rng.choice(["Maija", "Anna", "Sam", "Väinö", "李"]),
                **({"language_code": code} if (code := rng.choice(LANGUAGES)) else {}),
            }
            for n in range(24)
        ]
        self.sent: list[dict[str, Any]] = []  # well-formed updates, for redeliveries

    def _message(self, user: dict[str, Any], **content: Any) -> dict[str, Any]:
        return {
            "message_id": next(self.ids),
            "date": int(time.time()),
            "chat": {"id": user["id"], "type": "private", "first_name": user["first_name"]},
            "from": user,
            **content,
        }

    def _update(self, **content: Any) -> dict[str, Any]:
        return {"update_id": next(self.ids), **content}

    def _bot_messages(self, user_id: int | None = None) -> list[Any]:
        return [
            m
            for _, m in sorted(self.recording.messages.items())
            if user_id is None or m.chat.id == user_id
        ]

    def _press(self, user: dict[str, Any], message: Any, data: str | None) -> dict[str, Any]:
        query: dict[str, Any] = {
            "id": str(next(self.ids)),
            "from": user,
            "chat_instance": "fuzz",
            "message": message.model_dump(mode="json", exclude_none=True, by_alias=True),
        }
        if data is not None:
            query["data"] = data
        return self._update(callback_query=query)

    def _buttons(self, message: Any) -> list[str]:
        markup = message.reply_markup
        if markup is None:
            return []
        return [b.callback_data for row in markup.inline_keyboard for b in row if b.callback_data]

    def next(self, user: dict[str, Any]) -> tuple[str, Any]:
        """(kind, JSON body or raw bytes) of one update from `user`."""
        rng = self.rng
        roll = rng.random()
        mine = self._bot_messages(user["id"])
        current = next((m for m in reversed(mine) if self._buttons(m)), None)
        if roll < 0.40 and current is not None:
            return "press", self._press(user, current, rng.choice(self._buttons(current)))
        if roll < 0.47:
            old = [m for m in self._bot_messages() if m.reply_markup is not None] or mine
            if old:  # a button of an older message, maybe someone else's
                message = rng.choice(old)
                buttons = self._buttons(message) or ["menu:another"]
                return "stale", self._press(user, message, rng.choice(buttons))
        if roll < 0.53 and mine:
            conv = "".join(rng.choices("0123456789abcdef", k=8))
            data = rng.choice(
                [
                    f"rate:{conv}:9",
                    f"rate:{conv}:0",
                    f"exp:{conv}:999999",
                    "exp:abc:-1",
                    f"ans:{conv}:perhaps",
                    "lang:xx",
                    "lang:",
                    "role:admin",
                    "role:employee",
                    "menu:another",
                    "menu:nope",
                    "forget:1",
                    "forget:maybe",
                    f"page:{conv}:-5",
                    f"page:{conv}:99999999999999999999",
                    "skip:",
                    "".join(chr(rng.randrange(32, 0x2FFF)) for _ in range(20)),
                    "",
                    None,
                ]
            )
            return "forged", self._press(user, rng.choice(mine), data)
        if roll < 0.72:
            return "text", self._update(message=self._message(user, text=self._text()))
        if roll < 0.82:
            command = rng.choice(COMMANDS)
            entity = {"type": "bot_command", "offset": 0, "length": len(command.split()[0])}
            message = self._message(user, text=command, entities=[entity])
            return "command", self._update(message=message)
        if roll < 0.87:
            return "media", self._update(message=self._message(user, **self._media()))
        if roll < 0.90:
            edited = self._message(user, text=self._text(), edit_date=int(time.time()))
            return "edited", self._update(edited_message=edited)
        if roll < 0.95:
            return "other", self._other(user)
        if roll < 0.97 and self.sent:
            return "redelivery", rng.choice(self.sent)
        return "malformed", self._malformed(user)

    def _text(self) -> str:
        rng = self.rng
        pick = rng.random()
        if pick < 0.5:
            return rng.choice(
                [
                    "Robotti löysi kirjan heti, hieno kokeilu!",
                    "Väntetiden var för lång.",
                    "Great, would use again.",
                    "ok",
                ]
            )
        if pick < 0.7:
            return rng.choice(WEIRD)
        if pick < 0.85:
            return "".join(chr(rng.randrange(1, 0x10FFFF)) for _ in range(rng.randrange(1, 80)))
        return "Pitkä palaute. " * rng.randrange(300, 1500)  # 4,500 to 22,500 characters

    def _media(self) -> dict[str, Any]:
        file = {"file_id": "f", "file_unique_id": "u"}
        return self.rng.choice(
            [
                {
                    "sticker": {
                        **file,
                        "type": "regular",
                        "width": 1,
                        "height": 1,
                        "is_animated": False,
                        "is_video": False,
                    }
                },
                {"photo": [{**file, "width": 9, "height": 9}], "caption": "/start exp_x"},
                {"voice": {**file, "duration": 2}},
                {"location": {"latitude": 60.2, "longitude": 24.7}},
                {"contact": {"phone_number": "+358401234567", "first_name": "Maija"}},
                {"dice": {"emoji": "🎲", "value": 6}},
                {"document": {**file, "file_name": "evil.exe"}},
            ]
        )

    def _other(self, user: dict[str, Any]) -> dict[str, Any]:
        rng = self.rng
        chat_group = {"id": -100123, "type": "supergroup", "title": "Kylätoimikunta"}
        member = {"status": "member", "user": user}
        kicked = {"status": "kicked", "user": user, "until_date": 0}
        choices = [
            {"inline_query": {"id": "iq", "from": user, "query": "kirja", "offset": ""}},
            {"chosen_inline_result": {"result_id": "r", "from": user, "query": "q"}},
            {
                "channel_post": {
                    "message_id": 1,
                    "date": 1,
                    "chat": {"id": -1001, "type": "channel"},
                    "text": "/start exp_kirjastorobotti",
                }
            },
            {
                "my_chat_member": {
                    "chat": {"id": user["id"], "type": "private"},
                    "from": user,
                    "date": 1,
                    "old_chat_member": member,
                    "new_chat_member": kicked,
                }
            },
            {"message": {**self._message(user, text="/feedback"), "chat": chat_group}},
            {"message": {**self._message(user, text="Hei"), "from": {**user, "is_bot": True}}},
            {
                "message": {
                    k: v
                    for k, v in self._message(user, text="Ei lähettäjää").items()
                    if k != "from"
                }
            },
            {
                "callback_query": {
                    "id": "cq",
                    "from": user,
                    "chat_instance": "x",
                    "inline_message_id": "im",
                    "data": "menu:another",
                }
            },
            {
                "poll_answer": {
                    "poll_id": "p",
                    "user": user,
                    "option_ids": [0],
                    "option_persistent_ids": ["0"],
                }
            },
            {
                "pre_checkout_query": {
                    "id": "pc",
                    "from": user,
                    "currency": "EUR",
                    "total_amount": 100,
                    "invoice_payload": "x",
                }
            },
            {
                "message_reaction": {
                    "chat": {"id": user["id"], "type": "private"},
                    "message_id": 1,
                    "user": user,
                    "date": 1,
                    "old_reaction": [],
                    "new_reaction": [{"type": "emoji", "emoji": "👍"}],
                }
            },
        ]
        return self._update(**rng.choice(choices))

    def _malformed(self, user: dict[str, Any]) -> Any:
        rng = self.rng
        message = self._message(user, text="hei")
        return rng.choice(
            [
                b"not json at all",
                b"",
                b"[1, 2, 3]",
                b'{"update_id": "x"}',
                b"{}",
                json.dumps({"update_id": next(self.ids), "message": {}}).encode(),
                json.dumps({"update_id": -5, "message": message}).encode(),
                json.dumps(
                    {"update_id": next(self.ids), "message": {**message, "chat": {}}}
                ).encode(),
                json.dumps(
                    {"update_id": next(self.ids), "message": {**message, "date": "yesterday"}}
                ).encode(),
                json.dumps(
                    {"update_id": next(self.ids), "callback_query": {"id": 1, "data": []}}
                ).encode(),
                b'{"update_id": 1, "message": ' + b"[" * 200 + b"]" * 200 + b"}",
            ]
        )


@pytest.fixture
def fuzz_database(request: pytest.FixtureRequest, tmp_path) -> str:  # type: ignore[no-untyped-def]
    if PG_URL:
        return str(request.getfixturevalue("fresh_pg_url"))
    url = f"sqlite+aiosqlite:///{tmp_path / 'kokeilu.sqlite3'}"
    asyncio.run(prepare_database(url))
    return url


async def _experiments(url: str) -> tuple[set[int], set[int]]:
    engine = create_engine(url, pool_size=1)
    try:
        async with create_session_factory(engine)() as session:
            made = {}
            for title, slug, status in [
                ("Kirjastorobotti", "kirjastorobotti", ExperimentStatus.RUNNING),
                ("Etähoiva", "etahoiva", ExperimentStatus.RUNNING),
                ("Vanha kokeilu", "vanha-kokeilu", ExperimentStatus.ENDED),
                ("Ehdotus", "ehdotus", ExperimentStatus.PROPOSED),
            ]:
                row = await experiments.create_experiment(
                    session=session, data=ExperimentCreate(title=title, slug=slug, status=status)
                )
                made[row.id] = status
            await session.commit()
            running = {i for i, s in made.items() if s is ExperimentStatus.RUNNING}
            return running, set(made) - running
    finally:
        await engine.dispose()


async def webhook_app(settings: Any, url: str) -> tuple[FastAPI, RecordingSession]:
    """The webhook route as `kokeilu serve` mounts it, the bot on a recording session."""
    engine = create_engine(url, pool_size=ROUNDS_IN_PARALLEL)
    app = FastAPI()
    app.state.engine = engine  # the test's own, disposed by it
    app.state.sessions = create_session_factory(engine)
    app.state.models = CurrentModels(app.state.sessions, enabled=False)
    app.state.policy = Policy.from_settings(settings)
    app.include_router(create_telegram_router(settings))
    recording = RecordingSession()
    await start_telegram_webhook(app, settings, bot=create_bot(settings, session=recording))
    return app, recording


def webhook_settings(url: str, data_dir: Any) -> Any:
    return make_settings(
        url,
        data_dir,
        telegram_webhook_url=WEBHOOK,
        telegram_token=SecretStr("42:TEST"),
        telegram_bot_username="kokeilu_bot",
    )


async def test_random_and_malformed_updates_break_nothing(
    fuzz_database: str, tmp_path, caplog
) -> None:
    url = fuzz_database
    running, closed = await _experiments(url)
    settings = webhook_settings(url, tmp_path / "data")
    app, recording = await webhook_app(settings, url)
    i18n = app.state.telegram.i18n
    locales = ("fi", "sv", "en")
    # The thank-you's words before the title, and the generic error, in every language.
    thanks_prefixes = tuple(
        plain(i18n.gettext("thanks.text", locale=lc).split("{title}")[0]) for lc in locales
    )
    generic_errors = {plain(i18n.gettext("error.generic", locale=lc)) for lc in locales}
    erased = [
        re.compile(
            re.escape(plain(i18n.gettext("forget.done", locale=lc))).replace(
                re.escape("{count}"), r"(\d+)"
            )
        )
        for lc in locales
    ]
    headers = {SECRET_HEADER: webhook_secret(settings), "Content-Type": "application/json"}
    rng = random.Random(SEED)
    fuzzer = Fuzzer(rng, recording)
    statuses: dict[str, dict[int, int]] = {}

    async def deliver(client: httpx.AsyncClient, user: dict[str, Any]) -> None:
        kind, update = fuzzer.next(user)
        content = update if isinstance(update, bytes) else json.dumps(update).encode()
        response = await client.post("/telegram/webhook", content=content, headers=headers)
        by_kind = statuses.setdefault(kind, {})
        by_kind[response.status_code] = by_kind.get(response.status_code, 0) + 1
        if kind not in ("malformed", "redelivery") and response.status_code == 200:
            fuzzer.sent.append(update)

    started = time.perf_counter()
    try:
        with caplog.at_level(logging.WARNING):
            transport = httpx.ASGITransport(app=app)  # an unhandled exception raises here
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
                done = 0
                while done < UPDATES:
                    users = rng.sample(fuzzer.users, ROUNDS_IN_PARALLEL)
                    await asyncio.gather(*(deliver(client, user) for user in users))
                    done += len(users)
    finally:
        await stop_telegram_webhook(app)
    seconds = time.perf_counter() - started

    async with app.state.sessions() as session:
        rows = (await session.scalars(select(Feedback))).all()
        respondents = (await session.scalars(select(Respondent))).all()
        dump = await _dump(session)
    await app.state.engine.dispose()

    replies = [r for r in recording.requests if isinstance(r, SendMessage | EditMessageText)]
    thanks = [r for r in replies if plain(r.text).startswith(thanks_prefixes)]
    generic = [r for r in replies if plain(r.text) in generic_errors]
    print(
        f"\n[bot fuzz] {done} updates in {seconds:.1f} s: "
        + ", ".join(f"{kind} {dict(codes)}" for kind, codes in sorted(statuses.items()))
        + f"; {len(thanks)} conversations completed, {len(rows)} feedback stored, "
        f"{len(respondents)} respondents"
    )

    # Only JSON that is not an update is refused; everything else was handled.
    for kind, codes in statuses.items():
        assert set(codes) <= ({200, 400} if kind == "malformed" else {200}), (kind, codes)
    # No handler failed: nothing reached the generic error reply or the error log.
    failures = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not failures, [r.getMessage() for r in failures][:5]
    assert not generic
    # Every reply is something Telegram accepts: bounded, only the bot's own HTML.
    for reply in replies:
        assert len(plain(reply.text)) <= 4096
        assert set(re.findall(r"</?([a-z]+)[ >]", reply.text)) <= {"b", "i", "a", "code"}
    assert all(
        len(r.text or "") <= 200 for r in recording.requests if isinstance(r, AnswerCallbackQuery)
    )

    # Stored: exactly the completed conversations, less what /forget erased (the bot says
    # how many it erased: that must be what the person had completed since).
    completed: Counter[int] = Counter()
    for reply in replies:
        said = plain(reply.text)
        if said.startswith(thanks_prefixes):
            completed[int(reply.chat_id)] += 1
        elif match := next((m for p in erased if (m := p.fullmatch(said))), None):
            assert int(match.group(1)) == completed[int(reply.chat_id)]
            completed[int(reply.chat_id)] = 0
    keys = {pseudonym(SECRET, "telegram", user["id"]): user["id"] for user in fuzzer.users}
    owner = {r.id: keys[r.key] for r in respondents}
    assert len(thanks) > 20
    assert Counter(owner[row.respondent_id] for row in rows) == +completed
    assert len({row.idempotency_key for row in rows}) == len(rows)
    for row in rows:
        assert row.experiment_id in running and row.experiment_id not in closed
        assert row.channel == "telegram" and row.respondent_id is not None
        assert re.fullmatch(r"telegram:\d+", row.idempotency_key or "")
        assert row.rating is None or 1 <= row.rating <= 5
        role = Role(row.role)
        if role is Role.EMPLOYEE:
            assert row.would_use is None and row.fits_work in {f.value for f in FitsWork}
        else:
            assert row.fits_work is None and row.would_use in {w.value for w in WouldUse}
        assert row.text is None or (0 < len(row.text) <= 5000 and "\x00" not in row.text)
        assert row.language in {"fi", "sv", "en", "other"}
    assert len(respondents) <= len(fuzzer.users)
    # No Telegram id in plain anywhere in the database.
    leaked = [(where, value) for where, value in dump if str(USER_BASE)[:6] in value]
    assert not leaked, leaked[:3]


async def _dump(session: Any) -> list[tuple[str, str]]:
    connection = await session.connection()
    tables = await connection.run_sync(lambda c: inspect(c).get_table_names())
    values = []
    for table in tables:
        result = await connection.execute(text(f'SELECT * FROM "{table}"'))
        for row in result:
            values.extend((table, str(v)) for v in row if v is not None)
    return values


async def test_webhook_refuses_an_update_id_out_of_range(fuzz_database: str, tmp_path) -> None:
    settings = webhook_settings(fuzz_database, tmp_path / "data")
    app, recording = await webhook_app(settings, fuzz_database)
    user = {"id": USER_BASE, "is_bot": False, "first_name": "Maija", "language_code": "fi"}
    update = {
        "update_id": 2**70,
        "message": {
            "message_id": 1,
            "date": int(time.time()),
            "chat": {"id": USER_BASE, "type": "private"},
            "from": user,
            "text": "/start",
        },
    }
    headers = {SECRET_HEADER: webhook_secret(settings)}
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            response = await client.post("/telegram/webhook", json=update, headers=headers)
    finally:
        await stop_telegram_webhook(app)
        await app.state.engine.dispose()
    assert response.status_code == 400
    assert not [r for r in recording.requests if isinstance(r, SendMessage)]
