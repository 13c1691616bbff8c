"""The entry points for real: polling against a Bot API double over HTTP, and the console."""

from __future__ import annotations

import asyncio
import io

from pydantic import SecretStr
from sqlalchemy import select

from bot.runner import run_bot
from feedback_api.db.models import Feedback

from .conftest import USER_ID
from .telegram_double import BotApiDouble


def test_without_a_token_it_explains_and_exits_2(bot_settings) -> None:
    err = io.StringIO()
    assert run_bot(bot_settings, stderr=err) == 2
    assert "KOKEILU_TELEGRAM_TOKEN" in err.getvalue()
    assert "--console" in err.getvalue()


async def test_polling_end_to_end_against_a_bot_api_double(bot_settings, make, sessions) -> None:
    await make.experiment("Kirjastorobotti", slug="kirjastorobotti", title_fi="Kirjastorobotti")
    double = BotApiDouble()
    settings = bot_settings.model_copy(
        update={"telegram_token": SecretStr("42:TEST"), "telegram_api_url": await double.start()}
    )
    err = io.StringIO()
    polling = asyncio.ensure_future(asyncio.to_thread(run_bot, settings, stderr=err))
    try:
        await double.wait(lambda: "getupdates" in double.methods() or polling.done())
        assert {"getme", "deletewebhook", "setmycommands"} <= set(double.methods())
        languages = [p.get("language_code") for m, p in double.calls if m == "setmycommands"]
        assert languages == ["fi", "sv", "en", None]

        user = {"id": USER_ID, "is_bot": False, "first_name": "Maija", "language_code": "fi"}
        double.say(user, "/start exp_kirjastorobotti")
        role_prompt = await double.wait_for_sent(2)  # the greeting, then the role question
        assert "kuka olet" in role_prompt["text"]
        double.press(user, "role:resident")
        rating = await double.wait_for_sent(3)
        assert rating["text"].startswith("<b>Kirjastorobotti</b>")
        double.press(user, r"rate:\w+:4")
        await double.wait_for_sent(4)
        double.press(user, r"ans:\w+:yes")
        await double.wait_for_sent(5)
        double.say(user, "Robotti löysi kirjan nopeasti.")
        thanks = await double.wait_for_sent(6)
        assert thanks["text"].startswith("Kiitos!")
        assert "t.me/kokeilu_test_bot?start=exp_kirjastorobotti" in thanks["text"]
        assert {"answercallbackquery", "editmessagereplymarkup"} <= set(double.methods())
    finally:
        # The token is revoked: polling stops, run_bot returns with a clear message.
        double.revoke()
        code = await asyncio.wait_for(polling, 30)
        await double.stop()
    assert code == 1
    assert "refused KOKEILU_TELEGRAM_TOKEN" in err.getvalue()

    async with sessions() as s:
        [row] = (await s.scalars(select(Feedback))).unique().all()
    assert (row.channel, row.role, row.rating, row.would_use, row.language) == (
        "telegram",
        "resident",
        4,
        "yes",
        "fi",
    )
    assert row.text == "Robotti löysi kirjan nopeasti."


async def test_python_m_bot_console_reads_the_environment(cli_env, monkeypatch) -> None:
    from bot.__main__ import main

    monkeypatch.setenv("KOKEILU_CLASSIFY_ON_SUBMIT", "false")
    monkeypatch.setattr("sys.stdin", io.StringIO("/help\n"))
    out = io.StringIO()
    monkeypatch.setattr("sys.stdout", out)
    assert await asyncio.to_thread(main, ["--console"]) == 0
    assert "/feedback" in out.getvalue()


async def test_console_mode_runs_the_same_conversation(bot_settings, make, sessions) -> None:
    await make.experiment("Pilot", slug="pilot-one", title_sv="Pilotförsöket")
    lines = "\n".join(
        [
            "/start exp_pilot-one",
            "1",  # role: resident
            "5",  # rating 5
            "2",  # would use: maybe
            "Det fungerade bra.",
            "/help",
        ]
    )
    out = io.StringIO()
    code = await asyncio.to_thread(
        run_bot,
        bot_settings,
        console=True,
        stdin=io.StringIO(lines + "\n"),
        stdout=out,
        language="sv",
    )
    assert code == 0
    text = out.getvalue()
    assert "Kokeilu-botten i terminalen" in text
    assert "[1] Invånare" in text
    assert "[1] 1  [2] 2  [3] 3  [4] 4  [5] 5" in text
    assert "Tack! Din respons på Pilotförsöket har sparats." in text
    assert "/feedback – ge respons på ett försök" in text
    async with sessions() as s:
        [row] = (await s.scalars(select(Feedback))).unique().all()
    assert (row.channel, row.rating, row.would_use, row.text) == (
        "telegram",
        5,
        "maybe",
        "Det fungerade bra.",
    )
