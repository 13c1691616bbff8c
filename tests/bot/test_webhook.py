"""Webhook mode: the route in the web app, its secret header, setWebhook, redeliveries."""

from __future__ import annotations

import httpx
import pytest
from aiogram.methods import SetMyCommands, SetWebhook
from fastapi import FastAPI
from pydantic import SecretStr
from sqlalchemy import func, select

from bot.factory import create_bot
from bot.webhook import (
    SECRET_HEADER,
    create_telegram_router,
    start_telegram_webhook,
    stop_telegram_webhook,
    webhook_path,
    webhook_secret,
)
from feedback_api.db.models import Feedback
from feedback_api.services.models import CurrentModels
from feedback_api.services.submission import Policy

from .conftest import USER_ID, RecordingSession

URL = "https://kokeilu.example.fi/hooks/telegram"


@pytest.fixture
def hook_settings(bot_settings):  # type: ignore[no-untyped-def]
    return bot_settings.model_copy(
        update={"telegram_webhook_url": URL, "telegram_token": SecretStr("42:TEST")}
    )


@pytest.fixture
async def webhook_app(hook_settings, sessions):  # type: ignore[no-untyped-def]
    app = FastAPI()
    app.state.sessions = sessions
    app.state.models = CurrentModels(app.state.sessions, enabled=False)
    app.state.policy = Policy.from_settings(hook_settings)
    app.include_router(create_telegram_router(hook_settings))
    recording = RecordingSession()
    bot = create_bot(hook_settings, session=recording, token="42:TEST")
    await start_telegram_webhook(app, hook_settings, bot=bot)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield app, client, recording
    await stop_telegram_webhook(app)


def _update(update_id: int, text: str) -> dict:  # type: ignore[type-arg]
    user = {"id": USER_ID, "is_bot": False, "first_name": "Maija", "language_code": "en"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 1_700_000_000,
            "chat": {"id": USER_ID, "type": "private"},
            "from": user,
            "text": text,
        },
    }


async def test_no_webhook_route_without_a_webhook_url(bot_settings) -> None:
    from feedback_api.web.app import create_app

    app = create_app(bot_settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            response = await client.post("/telegram/webhook", json=_update(1, "/start"))
    assert response.status_code in {404, 405}
    assert app.state.telegram is None if hasattr(app.state, "telegram") else True


def test_path_and_secret(hook_settings) -> None:
    assert webhook_path(hook_settings) == "/hooks/telegram"
    bare = hook_settings.model_copy(update={"telegram_webhook_url": "https://x.example"})
    assert webhook_path(bare) == "/telegram/webhook"
    derived = webhook_secret(hook_settings)
    assert len(derived) == 64 and derived.isalnum()
    given = hook_settings.model_copy(
        update={"telegram_webhook_secret": SecretStr("s3cret_Value-1")}
    )
    assert webhook_secret(given) == "s3cret_Value-1"


async def test_startup_registers_the_webhook(webhook_app, hook_settings) -> None:
    app, _client, recording = webhook_app
    [call] = [r for r in recording.requests if isinstance(r, SetWebhook)]
    assert call.url == URL
    assert call.secret_token == webhook_secret(hook_settings)
    assert {"message", "edited_message", "callback_query"} <= set(call.allowed_updates or [])
    assert sum(isinstance(r, SetMyCommands) for r in recording.requests) == 4
    assert app.state.telegram_bot_username == "kokeilu_bot"  # from getMe


async def test_secret_header_is_required(webhook_app, hook_settings) -> None:
    _app, client, recording = webhook_app
    for headers in ({}, {SECRET_HEADER: "wrong"}):
        response = await client.post("/hooks/telegram", json=_update(1, "/help"), headers=headers)
        assert response.status_code == 403
    assert not any(r.__class__.__name__ == "SendMessage" for r in recording.requests)
    ok = {SECRET_HEADER: webhook_secret(hook_settings)}
    response = await client.post("/hooks/telegram", json=_update(2, "/help"), headers=ok)
    assert response.status_code == 200
    assert [r.__class__.__name__ for r in recording.requests].count("SendMessage") == 1
    bad = await client.post("/hooks/telegram", content=b"not json", headers=ok)
    assert bad.status_code == 400


async def test_a_redelivered_update_is_processed_once(
    webhook_app, hook_settings, make, sessions
) -> None:
    _app, client, recording = webhook_app
    await make.experiment("Pilot", slug="pilot-one")
    ok = {SECRET_HEADER: webhook_secret(hook_settings)}
    await client.post("/hooks/telegram", json=_update(10, "/start exp_pilot-one"), headers=ok)
    role = next(
        b.callback_data
        for r in reversed(recording.requests)
        if getattr(r, "reply_markup", None)
        for row in r.reply_markup.inline_keyboard
        for b in row
        if b.callback_data == "role:resident"
    )
    message = recording.log[-1].model_dump(mode="json", exclude_none=True, by_alias=True)
    press = {
        "update_id": 11,
        "callback_query": {
            "id": "c1",
            "from": {"id": USER_ID, "is_bot": False, "first_name": "Maija", "language_code": "en"},
            "chat_instance": "x",
            "message": message,
            "data": role,
        },
    }
    await client.post("/hooks/telegram", json=press, headers=ok)
    rating = recording.log[-1].reply_markup.inline_keyboard[0][3].callback_data  # "4"
    press["update_id"], press["callback_query"]["data"] = 12, rating
    press["callback_query"]["message"] = recording.log[-1].model_dump(
        mode="json", exclude_none=True, by_alias=True
    )
    await client.post("/hooks/telegram", json=press, headers=ok)
    answer = recording.log[-1].reply_markup.inline_keyboard[0][0].callback_data  # yes
    press["update_id"], press["callback_query"]["data"] = 13, answer
    press["callback_query"]["message"] = recording.log[-1].model_dump(
        mode="json", exclude_none=True, by_alias=True
    )
    await client.post("/hooks/telegram", json=press, headers=ok)
    comment = _update(14, "Works well.")
    for _ in range(2):  # Telegram retries when it did not see our 200 in time
        response = await client.post("/hooks/telegram", json=comment, headers=ok)
        assert response.status_code == 200
    async with sessions() as s:
        assert await s.scalar(select(func.count(Feedback.id))) == 1
        row = (await s.scalars(select(Feedback))).unique().one()
    assert (row.channel, row.rating, row.would_use, row.idempotency_key) == (
        "telegram",
        4,
        "yes",
        "telegram:14",
    )


async def test_configured_username_is_used_for_deep_links(hook_settings, sessions) -> None:
    settings = hook_settings.model_copy(update={"telegram_bot_username": "@kokeilu_city_bot"})
    app = FastAPI()
    app.state.sessions = sessions
    app.state.models = CurrentModels(app.state.sessions, enabled=False)
    app.state.policy = Policy.from_settings(settings)
    recording = RecordingSession()
    await start_telegram_webhook(
        app, settings, bot=create_bot(settings, session=recording, token="42:TEST")
    )
    try:
        assert app.state.telegram_bot_username == "kokeilu_city_bot"
        assert not any(r.__class__.__name__ == "GetMe" for r in recording.requests)
    finally:
        await stop_telegram_webhook(app)


async def test_a_refused_token_leaves_the_app_running(hook_settings, sessions) -> None:
    from aiogram.exceptions import TelegramUnauthorizedError

    class Refusing(RecordingSession):
        def result_for(self, bot, method):  # type: ignore[no-untyped-def]
            raise TelegramUnauthorizedError(method=method, message="Unauthorized")

    app = FastAPI()
    app.state.sessions = sessions
    app.state.models = CurrentModels(app.state.sessions, enabled=False)
    app.state.policy = Policy.from_settings(hook_settings)
    app.include_router(create_telegram_router(hook_settings))
    bot = create_bot(hook_settings, session=Refusing(), token="42:TEST")
    await start_telegram_webhook(app, hook_settings, bot=bot)
    assert app.state.telegram is None
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        response = await client.post(
            "/hooks/telegram",
            json=_update(1, "/start"),
            headers={SECRET_HEADER: webhook_secret(hook_settings)},
        )
    assert response.status_code == 503
    await stop_telegram_webhook(app)
