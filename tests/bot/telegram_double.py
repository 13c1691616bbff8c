"""A small Bot API server for end-to-end tests: real HTTP on 127.0.0.1, scripted updates."""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import time
from typing import Any

from aiohttp import web


class BotApiDouble:
    """Answers the methods the bot uses; the test queues updates and reads what was sent."""

    def __init__(self, token: str = "42:TEST", username: str = "kokeilu_test_bot") -> None:
        self.token = token
        self.username = username
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.sent: list[dict[str, Any]] = []  # messages the bot sent or edited, newest last
        self.updates: list[dict[str, Any]] = []
        self._new_update = asyncio.Event()
        self._update_ids = itertools.count(500_000)
        self._message_ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self.base_url = ""
        self.revoked = False

    # --- server ----------------------------------------------------------------------------

    async def start(self) -> str:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.base_url = f"http://127.0.0.1:{port}"
        return self.base_url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _handle(self, request: web.Request) -> web.Response:
        if self.revoked or request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        method = request.match_info["method"].lower()
        params = {key: _decode(value) for key, value in (await request.post()).items()}
        self.calls.append((method, params))
        result = await self._answer(method, params)
        return web.json_response({"ok": True, "result": result})

    async def _answer(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getme":
            return {"id": 42, "is_bot": True, "first_name": "Kokeilu", "username": self.username}
        if method == "getupdates":
            offset = int(params.get("offset", 0))
            pending = [u for u in self.updates if u["update_id"] >= offset]
            if not pending:
                self._new_update.clear()
                timeout = min(float(params.get("timeout", 0)), 1.0)
                try:
                    await asyncio.wait_for(self._new_update.wait(), timeout)
                except TimeoutError:
                    return []
                pending = [u for u in self.updates if u["update_id"] >= offset]
            return pending
        if method in ("sendmessage", "editmessagetext"):
            message = {
                "message_id": int(params.get("message_id") or next(self._message_ids)),
                "date": int(time.time()),
                "chat": {"id": int(params["chat_id"]), "type": "private"},
                "from": {"id": 42, "is_bot": True, "first_name": "Kokeilu"},
                "text": params["text"],
            }
            if isinstance(params.get("reply_markup"), dict):
                message["reply_markup"] = params["reply_markup"]
            self.sent.append(message)
            return message
        return True  # deleteWebhook, setMyCommands, answerCallbackQuery, editMessageReplyMarkup

    def revoke(self) -> None:
        """From now on the token is refused, as after /revoke at @BotFather."""
        self.revoked = True
        self._new_update.set()

    # --- the user's side -------------------------------------------------------------------

    def push(self, update: dict[str, Any]) -> None:
        update["update_id"] = next(self._update_ids)
        self.updates.append(update)
        self._new_update.set()

    def say(self, user: dict[str, Any], text: str) -> None:
        self.push(
            {
                "message": {
                    "message_id": next(self._message_ids),
                    "date": int(time.time()),
                    "chat": {"id": user["id"], "type": "private"},
                    "from": user,
                    "text": text,
                }
            }
        )

    def press(self, user: dict[str, Any], pattern: str) -> None:
        """Press the newest button whose callback data matches the regex `pattern`."""
        for message in reversed(self.sent):
            for row in message.get("reply_markup", {}).get("inline_keyboard", []):
                for button in row:
                    if re.fullmatch(pattern, button.get("callback_data", "")):
                        self.push(
                            {
                                "callback_query": {
                                    "id": str(len(self.updates)),
                                    "from": user,
                                    "chat_instance": "e2e",
                                    "message": message,
                                    "data": button["callback_data"],
                                }
                            }
                        )
                        return
        raise AssertionError(f"no button {pattern!r} in {self.sent[-1:]}")

    async def wait_for_sent(self, count: int, timeout: float = 30.0) -> dict[str, Any]:
        """Wait until the bot has sent `count` messages in all; returns the newest."""
        await self.wait(lambda: len(self.sent) >= count, timeout)
        return self.sent[-1]

    async def wait(self, condition: Any, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out; calls so far: {[m for m, _ in self.calls]}")
            await asyncio.sleep(0.05)

    def methods(self) -> list[str]:
        return [method for method, _ in self.calls]


def _decode(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in "{[":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value
