"""Production-like fixtures: real `kokeilu serve` processes, fresh PostgreSQL databases,
a TCP proxy that can cut the database off, a Redis server that can be killed, and the bot's
real dispatcher driven through an in-process Bot API session.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiogram.methods import AnswerCallbackQuery, EditMessageText, SendMessage, TelegramMethod
from aiogram.types import CallbackQuery, Chat, Message, Update, User
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.console import plain
from bot.factory import BotRuntime, build_runtime, create_bot
from bot.session import LocalSession
from feedback_api.config import Settings
from feedback_api.db.engine import create_engine, create_session_factory
from feedback_api.db.migrate import upgrade_database
from feedback_api.domain.enums import ExperimentStatus
from feedback_api.domain.schemas import ExperimentCreate
from feedback_api.services import experiments, themes
from feedback_api.services.models import CurrentModels
from feedback_api.services.submission import Policy

PG_URL = os.environ.get("KOKEILU_TEST_DATABASE_URL")
REDIS_URL = os.environ.get("KOKEILU_TEST_REDIS_URL")
SECRET = secrets.token_hex(32)  # a real secret: the servers run with KOKEILU_ENV=production
REDIS_SERVER = shutil.which("redis-server")

needs_postgres = pytest.mark.skipif(not PG_URL, reason="KOKEILU_TEST_DATABASE_URL is not set")
needs_redis_server = pytest.mark.skipif(
    REDIS_SERVER is None, reason="redis-server is not installed"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def kokeilu_command() -> list[str]:
    script = Path(sys.executable).with_name("kokeilu")
    return [str(script)] if script.exists() else [sys.executable, "-m", "feedback_api.cli"]


# --- PostgreSQL: one migrated template per run, a copy per test --------------------------


async def pg_execute(url: str, *statements: str) -> None:
    import asyncpg

    parsed = make_url(url)
    connection = await asyncpg.connect(
        host=parsed.host,
        port=parsed.port or 5432,
        user=parsed.username,
        password=parsed.password,
        database=parsed.database,
    )
    try:
        for statement in statements:
            await connection.execute(statement)
    finally:
        await connection.close()


async def prepare_database(url: str) -> None:
    """Migrate and load the seed themes, as `kokeilu serve` would."""
    engine = create_engine(url, pool_size=1)
    try:
        await upgrade_database(engine)
        async with create_session_factory(engine)() as session:
            await themes.sync_seed_themes(session=session)
            await session.commit()
    finally:
        await engine.dispose()


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    """A migrated database, the template of every database a test asks for."""
    if not PG_URL:
        pytest.skip("KOKEILU_TEST_DATABASE_URL is not set")
    name = f"kokeilu_prod_{os.getpid()}_{uuid.uuid4().hex[:6]}_tmpl"
    asyncio.run(pg_execute(PG_URL, f'CREATE DATABASE "{name}"'))
    try:
        asyncio.run(prepare_database(with_database(PG_URL, name)))
        yield name
    finally:
        asyncio.run(pg_execute(PG_URL, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def with_database(url: str, name: str) -> str:
    return make_url(url).set(database=name).render_as_string(hide_password=False)


@pytest.fixture
def fresh_pg_url(pg_template: str) -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for this test alone; dropped afterwards."""
    assert PG_URL is not None
    name = f"kokeilu_prod_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    asyncio.run(pg_execute(PG_URL, f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"'))
    try:
        yield with_database(PG_URL, name)
    finally:
        asyncio.run(pg_execute(PG_URL, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def add_experiment(url: str, title: str, slug: str) -> int:
    """A running experiment, committed (the server processes must see it)."""
    engine = create_engine(url, pool_size=1)
    try:
        async with create_session_factory(engine)() as session:
            row = await experiments.create_experiment(
                session=session,
                data=ExperimentCreate(title=title, slug=slug, status=ExperimentStatus.RUNNING),
            )
            await session.commit()
            return row.id
    finally:
        await engine.dispose()


TEXTS = (
    "Löysin kirjan heti, robotti oli nopea ja helppo käyttää.",
    "Hakemuksen tila ei päivittynyt, jouduin soittamaan kolme kertaa.",
    "Roboten hittade boken direkt, mycket smidigt!",
    "Väntetiden var lång och appen kraschade två gånger.",
    "The remote visit saved me a trip across town, great service.",
    "Could not log in with my bank ID, please fix. Mail me at maija@example.com",
    "Ok.",
    "Sähköpotkulautojen parkkialueet ovat liian kaukana pysäkiltä.",
)


def feedback_body(n: int) -> dict[str, object]:
    """The n-th of a varied stream of submissions (fi/sv/en, every rating and answer)."""
    return {
        "text": TEXTS[n % len(TEXTS)] + f" ({n})",
        "rating": n % 5 + 1,
        "role": ("resident", "customer", "partner")[n % 3],
        "would_use": ("yes", "maybe", "no")[n % 3],
    }


# --- `kokeilu serve` as a real process ---------------------------------------------------


def server_env(database_url: str, data_dir: Path, **settings: str) -> dict[str, str]:
    """The environment of a production server: nothing inherited from ours but PATH."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(data_dir),
        "LANG": "C.UTF-8",
        "KOKEILU_ENV": "production",
        "KOKEILU_SECRET_KEY": SECRET,
        "KOKEILU_DATA_DIR": str(data_dir),
        "KOKEILU_DATABASE_URL": database_url,
    }
    env.update({f"KOKEILU_{key.upper()}": value for key, value in settings.items()})
    return env


class ServeProcess:
    """`kokeilu serve --workers N` on a free loopback port, its output in a log file."""

    def __init__(self, env: dict[str, str], *, workers: int, workdir: Path) -> None:
        self.env = env
        self.workers = workers
        self.workdir = workdir
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = workdir / f"serve-{self.port}.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("wb") as log:
            # cwd: a directory without a .env file, so only `env` configures the server.
            self.process = subprocess.Popen(
                [
                    *kokeilu_command(),
                    "serve",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                    "--workers",
                    str(self.workers),
                ],
                env=self.env,
                cwd=self.workdir,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    async def wait_ready(self, timeout: float = 150) -> None:
        """Until every worker has started and /healthz answers 200.

        Importing the app takes long on a small, busy machine (aiogram's types, sklearn):
        the timeout is generous, and uvicorn may replace a worker that was slow to start.
        """
        assert self.process is not None
        deadline = time.monotonic() + timeout
        async with httpx.AsyncClient(base_url=self.base_url, timeout=5) as client:
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    raise AssertionError(f"kokeilu serve exited early:\n{self.log()[-3000:]}")
                with contextlib.suppress(httpx.TransportError):
                    # Every worker logs its startup; the first one up already answers.
                    started = self.log().count("Application startup complete.")
                    healthy = (await client.get("/healthz")).status_code == 200
                    if healthy and started >= self.workers:
                        return
                await asyncio.sleep(0.3)
        raise AssertionError(f"kokeilu serve did not become ready:\n{self.log()[-3000:]}")

    def worker_pids(self) -> list[int]:
        """The worker processes (children of the supervisor), with more than one worker."""
        assert self.process is not None
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, ValueError, IndexError):
                fields = stat.read_text().rsplit(")", 1)[1].split()
                cmdline = (stat.parent / "cmdline").read_bytes()
                # Not multiprocessing's helpers (the resource tracker; the intake writer's
                # fork server), children of the supervisor or of a lone worker too.
                helper = b"resource_tracker" in cmdline or b"forkserver" in cmdline
                if int(fields[1]) == self.process.pid and not helper:
                    children.append(int(stat.parent.name))
        return sorted(children)

    def worker_of_client_port(self, client_port: int) -> int | None:
        """The worker process holding the server side of a connection from `client_port`."""
        inodes = set()
        for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
            fields = line.split()
            local, remote, inode = fields[1], fields[2], fields[9]
            if int(local.split(":")[1], 16) == self.port and int(remote.split(":")[1], 16) == (
                client_port
            ):
                inodes.add(f"socket:[{inode}]")
        for pid in self.worker_pids() or [self.process.pid if self.process else 0]:
            with contextlib.suppress(OSError):
                for fd in Path(f"/proc/{pid}/fd").iterdir():
                    with contextlib.suppress(OSError):
                        if os.readlink(fd) in inodes:
                            return pid
        return None

    @staticmethod
    def cpu_seconds(pid: int) -> float:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self, timeout: float = 30) -> int:
        """SIGTERM (what systemd sends) and wait; returns the exit status.

        A single uvicorn process re-raises the signal after its graceful shutdown, so a
        clean stop is 0 (the multi-worker supervisor) or -SIGTERM (one worker): systemd
        counts both as a clean exit.
        """
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process else 0
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
            raise AssertionError(f"kokeilu serve did not stop on SIGTERM:\n{self.log()[-3000:]}")


CLEAN_EXIT = (0, -signal.SIGTERM)


# --- a TCP proxy: the database "goes away" when it stops -----------------------------------


class TcpProxy:
    """Forwards a loopback port to a target.

    `stop` refuses new connections and cuts the open ones (the database host vanished);
    `pause` keeps every connection open but forwards nothing (a network partition: packets
    dropped, nobody told); `start` / `resume` bring it back, on the same port.
    """

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = free_port()
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._flowing = asyncio.Event()
        self._flowing.set()

    async def start(self) -> None:
        self._server = await asyncio.start_server(
            self._accept, "127.0.0.1", self.port, reuse_address=True
        )

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        for writer in list(self._writers):
            writer.transport.abort()
        self._writers.clear()
        await asyncio.sleep(0)

    def pause(self) -> None:
        self._flowing.clear()

    def resume(self) -> None:
        self._flowing.set()

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.add(writer)
        await self._flowing.wait()
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.transport.abort()
            return
        if self._server is None:  # stopped while this connection waited: cut both sides
            writer.transport.abort()
            up_writer.transport.abort()
            return
        self._writers.add(up_writer)
        for source, sink in ((reader, up_writer), (up_reader, writer)):
            task = asyncio.create_task(self._pipe(source, sink))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _pipe(self, source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
        try:
            while data := await source.read(65536):
                await self._flowing.wait()
                sink.write(data)
                await sink.drain()
        except (OSError, asyncio.CancelledError):
            pass
        finally:
            # Either side closing closes the other: clients wait for the server's goodbye.
            self._writers.discard(sink)
            sink.transport.abort()

    async def close(self) -> None:
        self.resume()
        await self.stop()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)


@pytest.fixture
async def pg_proxy(fresh_pg_url: str) -> AsyncIterator[tuple[TcpProxy, str]]:
    """A proxy in front of the test's PostgreSQL database, and the URL that goes through it."""
    target = make_url(fresh_pg_url)
    proxy = TcpProxy(target.host or "127.0.0.1", target.port or 5432)
    await proxy.start()
    url = target.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    yield proxy, url
    await proxy.close()


# --- a Redis server of our own, to kill ----------------------------------------------------


class RedisProcess:
    """`redis-server` on a free port; append-only so that a restart keeps its data."""

    def __init__(self, workdir: Path) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.workdir = workdir
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        assert REDIS_SERVER is not None
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "yes",
                "--appendfsync",
                "always",
                "--dir",
                str(self.workdir),
                "--daemonize",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as probe,
            ):
                probe.sendall(b"PING\r\n")
                if probe.recv(16).startswith(b"+PONG"):
                    return
            time.sleep(0.05)
        raise AssertionError("redis-server did not start")

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def redis_process(tmp_path: Path) -> Iterator[RedisProcess]:
    if REDIS_SERVER is None:
        pytest.skip("redis-server is not installed")
    redis = RedisProcess(tmp_path / "redis")
    redis.start()
    yield redis
    redis.kill()


# --- settings and the bot -----------------------------------------------------------------


def make_settings(database_url: str, data_dir: Path, **fields: Any) -> Settings:
    values: dict[str, Any] = {
        "env": "production",
        "data_dir": data_dir,
        "database_url": database_url,
        "secret_key": SECRET,
        "classify_on_submit": False,
        "rate_limit_per_client": "",
        "rate_limit_per_respondent": "",
    }
    values.update(fields)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


class RecordingSession(LocalSession):
    """The in-process Bot API session, keeping every Message it answered, newest last."""

    def __init__(self) -> None:
        super().__init__()
        self.log: list[Message] = []

    def on_request(self, bot: Any, method: TelegramMethod[Any], result: Any) -> None:
        if isinstance(result, Message):
            self.log.append(result)


UPDATE_IDS = itertools.count(10_000)


class BotHarness:
    """The real Dispatcher (``build_runtime``) over a database, fed updates in-process."""

    def __init__(self, settings: Settings, sessions: async_sessionmaker[AsyncSession]) -> None:
        self.settings = settings
        self.sessions = sessions
        self.session = RecordingSession()
        # Shared by every harness: Telegram's update ids are unique per bot, and harnesses
        # on one database (two webhook workers) share the record of handled updates.
        self.update_ids = UPDATE_IDS
        bot = create_bot(settings, session=self.session, token="42:TEST")
        self.models = CurrentModels(sessions, enabled=settings.classify_on_submit)
        self.policy = Policy.from_settings(settings)
        self.runtime: BotRuntime = build_runtime(
            settings, sessions=sessions, bot=bot, models=self.models, policy=self.policy
        )

    def t(self, key: str, locale: str) -> str:
        return plain(self.runtime.i18n.gettext(key, locale=locale))

    def person(self, user_id: int, language_code: str | None = "en") -> Person:
        return Person(self, user_id, language_code)

    async def state(self, user_id: int) -> tuple[str | None, dict[str, Any]]:
        context = self.runtime.dispatcher.fsm.get_context(self.runtime.bot, user_id, user_id)
        return await context.get_state(), await context.get_data()


@dataclass
class Person:
    harness: BotHarness
    user_id: int
    language_code: str | None

    @property
    def user(self) -> User:
        return User(
            id=self.user_id, is_bot=False, first_name="Maija", language_code=self.language_code
        )

    @property
    def chat(self) -> Chat:
        return Chat(id=self.user_id, type="private")

    def message_update(self, text: str | None = None, **content: Any) -> Update:
        message = Message(
            message_id=next(self.harness.update_ids),
            date=datetime.now(UTC),
            chat=self.chat,
            from_user=self.user,
            text=text,
            **content,
        )
        return Update(update_id=next(self.harness.update_ids), message=message)

    def callback_update(self, data: str, message: Message | None) -> Update:
        query = CallbackQuery(
            id=str(next(self.harness.update_ids)),
            from_user=self.user,
            chat_instance="production-tests",
            message=message,
            data=data,
        )
        return Update(update_id=next(self.harness.update_ids), callback_query=query)

    async def feed(self, update: Update) -> list[TelegramMethod[Any]]:
        before = len(self.harness.session.requests)
        await self.harness.runtime.deliver(update)
        return self.harness.session.requests[before:]

    async def send(self, text: str) -> list[TelegramMethod[Any]]:
        return await self.feed(self.message_update(text))

    def find_button(self, label: str) -> tuple[str, Message]:
        for message in reversed(self.harness.session.log):
            if message.chat.id != self.user_id or message.reply_markup is None:
                continue
            for row in message.reply_markup.inline_keyboard:
                for button in row:
                    if button.text == label and button.callback_data:
                        return button.callback_data, message
        raise AssertionError(f"no button {label!r}")

    async def press(self, label: str) -> list[TelegramMethod[Any]]:
        data, message = self.find_button(label)
        return await self.feed(self.callback_update(data, message))

    def texts(self, requests: list[TelegramMethod[Any]]) -> list[str]:
        return [
            plain(r.text)
            for r in requests
            if isinstance(r, SendMessage | EditMessageText) and str(r.chat_id) == str(self.user_id)
        ]

    async def reach_comment(self, slug: str, locale: str) -> None:
        """From /start with the experiment's deep link to the comment step."""
        t = lambda key: self.harness.t(key, locale)  # noqa: E731
        await self.send(f"/start exp_{slug}")
        await self.press(t("role.resident"))
        await self.press("4")
        await self.press(t("answer.would_use.yes"))


def notices(requests: list[TelegramMethod[Any]]) -> list[str]:
    return [r.text for r in requests if isinstance(r, AnswerCallbackQuery) and r.text]


@pytest.fixture
async def make_harness() -> AsyncIterator[Callable[[Settings], BotHarness]]:
    """Bot harnesses on their own engines; closed (engines disposed) at the end."""
    made: list[tuple[BotHarness, Any]] = []

    def build(settings: Settings) -> BotHarness:
        engine = create_engine(settings.async_database_url, pool_size=settings.db_pool_size)
        harness = BotHarness(settings, create_session_factory(engine))
        made.append((harness, engine))
        return harness

    yield build
    for harness, engine in made:
        await harness.runtime.close()
        await harness.policy.aclose()
        await engine.dispose()
