"""Models with one owner: a version trained while two web workers and the bot run is what
they all classify with moments later, without a restart."""

from __future__ import annotations

import asyncio
import time

import httpx
from sqlalchemy import select

from feedback_api.db.engine import create_engine, create_session_factory
from feedback_api.db.models import Feedback

from ..bot.telegram_double import BotApiDouble
from .conftest import (
    CLEAN_EXIT,
    ServeProcess,
    add_experiment,
    kokeilu_command,
    prepare_database,
    server_env,
)

SWITCH_WITHIN_S = 15  # the processes check every 2 s; a busy machine needs a margin


async def _submit(base_url: str, n: int) -> str:
    """One submission over a new connection (either worker may take it); its model version."""
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:
        response = await client.post(
            "/api/v1/experiments/kirjastorobotti/feedback",
            json={"text": f"Robotti löysi kirjan heti, kiitos! ({n})", "rating": 5},
        )
    assert response.status_code == 201, response.text
    return str(response.json()["sentiment"]["model_version"])


async def _run(*args: str, env: dict[str, str], cwd) -> str:  # type: ignore[no-untyped-def]
    process = await asyncio.create_subprocess_exec(
        *kokeilu_command(),
        *args,
        env=env,
        cwd=cwd,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await process.communicate()
    assert process.returncode == 0, err.decode()
    return out.decode()


async def test_a_new_version_reaches_both_workers_and_the_bot(tmp_path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'kokeilu.sqlite3'}"
    await prepare_database(url)
    experiment_id = await add_experiment(url, "Kirjastorobotti", "kirjastorobotti")
    double = BotApiDouble()
    env = server_env(
        url,
        tmp_path / "data",
        rate_limit_per_client="",
        rate_limit_per_respondent="",
        telegram_token="42:TEST",
        telegram_api_url=await double.start(),
    )
    server = ServeProcess(env, workers=2, workdir=tmp_path / "serve")
    server.start()
    with (tmp_path / "bot.log").open("wb") as bot_log:
        bot = await asyncio.create_subprocess_exec(
            *kokeilu_command(),
            "bot",
            env=env,
            cwd=tmp_path,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=bot_log,
        )
    try:
        await server.wait_ready()
        await double.wait(lambda: "getupdates" in double.methods(), timeout=120)
        before = {await _submit(server.base_url, n) for n in range(6)}
        assert len(before) == 1  # the shipped default, in both workers

        trained = await _run("train", "sentiment", env=env, cwd=tmp_path)
        version = trained.split("saved ", 1)[1].split(" ", 1)[0]
        assert version.startswith("sentiment-") and version not in before

        deadline = time.monotonic() + SWITCH_WITHIN_S
        while await _submit(server.base_url, 100) != version:
            assert time.monotonic() < deadline, "a worker still classifies with the old model"
            await asyncio.sleep(0.5)
        await asyncio.sleep(3)  # the other worker's check, at most 2 s behind
        after = [await _submit(server.base_url, 200 + n) for n in range(30)]
        assert set(after) == {version}

        user = {"id": 4242, "is_bot": False, "first_name": "Maija", "language_code": "fi"}
        double.say(user, "/start exp_kirjastorobotti")
        await double.wait_for_sent(2)
        double.press(user, "role:resident")
        await double.wait_for_sent(3)
        double.press(user, r"rate:\w+:5")
        await double.wait_for_sent(4)
        double.press(user, r"ans:\w+:yes")
        await double.wait_for_sent(5)
        double.say(user, "Todella kätevä palvelu, kiitos!")
        await double.wait_for_sent(6)
    finally:
        bot.terminate()
        await bot.wait()
        assert server.stop() in CLEAN_EXIT, server.log()[-3000:]
        await double.stop()
    engine = create_engine(url)
    try:
        async with create_session_factory(engine)() as session:
            [chat] = (
                await session.scalars(
                    select(Feedback).where(
                        Feedback.experiment_id == experiment_id, Feedback.channel == "telegram"
                    )
                )
            ).all()
    finally:
        await engine.dispose()
    assert chat.sentiment_model_version == version
