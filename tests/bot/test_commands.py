"""The command menu is registered in fi, sv, en and as the default."""

from __future__ import annotations

from aiogram.methods import DeleteWebhook, SetMyCommands

from bot.commands import COMMANDS


async def test_prepare_sets_commands_in_every_language(harness) -> None:
    await harness.runtime.prepare()
    calls = [r for r in harness.session.requests if isinstance(r, SetMyCommands)]
    assert [c.language_code for c in calls] == ["fi", "sv", "en", None]
    for call in calls:
        assert [c.command for c in call.commands] == list(COMMANDS)
    by_language = {c.language_code: {x.command: x.description for x in c.commands} for c in calls}
    assert by_language["fi"]["feedback"] == harness.t("command.feedback", "fi")
    assert by_language["sv"]["forget"] == harness.t("command.forget", "sv")
    assert by_language[None] == by_language["en"]
    assert len(set(by_language["fi"].values())) == len(COMMANDS)
    assert not any(isinstance(r, DeleteWebhook) for r in harness.session.requests)
