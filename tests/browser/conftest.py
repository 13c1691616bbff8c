"""Browser tests: a real uvicorn server on a free loopback port with its own SQLite database,
driven by Debian's Chromium through Playwright (never `playwright install`)."""

from __future__ import annotations

import asyncio
import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from feedback_api.config import Settings
from feedback_api.db.base import utcnow
from feedback_api.db.engine import create_engine, create_session_factory
from feedback_api.db.migrate import upgrade_database
from feedback_api.db.models import Experiment, Feedback, ModelVersion, Theme
from feedback_api.demo.generate import generate_programme
from feedback_api.demo.seed import seed_demo
from feedback_api.domain.enums import ExperimentStatus, ThemeSource, TokenRole
from feedback_api.services import themes, tokens
from feedback_api.services.themes import set_feedback_themes

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SECRET = "browser-test-secret-key-0123456789abcdef"
SENTIMENT_VERSION = "demo-sentiment-1"
THEME_VERSION = "demo-themes-1"
# A fixed "today" keeps the seeded programme (and so the screenshots) the same every run.
ANCHOR = date(2025, 11, 3)


@dataclass(frozen=True)
class Server:
    base_url: str
    settings: Settings
    admin_token: str
    owner_token: str
    report_id: int
    owner_experiment_id: int
    running_slug: str


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def _seed(settings: Settings) -> tuple[str, str, int, int, str]:
    """The demo programme, labelled as the demo's material says (the models may be absent)."""
    engine = create_engine(settings.async_database_url)
    try:
        await upgrade_database(engine)
        async with create_session_factory(engine)() as session:
            await themes.sync_seed_themes(session=session)
            await seed_demo(session=session, settings=settings, anchor=ANCHOR)
            programme = generate_programme(anchor=ANCHOR)
            by_key = {t.key: t for t in (await session.scalars(select(Theme))).all()}
            rows = (await session.scalars(select(Feedback).order_by(Feedback.id))).all()
            now = utcnow()
            # seed_demo inserts the programme's feedback in order: row i is item i.
            for row, item in zip(rows, programme.feedback, strict=True):
                if item.text is None:
                    continue
                row.sentiment_label = item.expected_sentiment
                row.sentiment_score = 0.9
                row.sentiment_model_version = SENTIMENT_VERSION
                row.theme_model_version = THEME_VERSION
                row.classified_at = now
                set_feedback_themes(
                    row,
                    [
                        (by_key[key], 0.8, ThemeSource.MODEL.value)
                        for key in item.expected_themes
                        if key in by_key
                    ],
                )
            session.add_all(
                [
                    ModelVersion(
                        kind="sentiment",
                        version=SENTIMENT_VERSION,
                        metrics={"macro_f1": 0.81, "accuracy": 0.84, "n_test": 420},
                    ),
                    ModelVersion(
                        kind="themes",
                        version=THEME_VERSION,
                        metrics={"macro_f1": 0.74, "accuracy": 0.62, "n_test": 420},
                    ),
                ]
            )
            experiments = (await session.scalars(select(Experiment).order_by(Experiment.id))).all()
            counts = {e.id: sum(1 for r in rows if r.experiment_id == e.id) for e in experiments}
            running = [e for e in experiments if e.status == ExperimentStatus.RUNNING.value]
            # The report to look at: the ended experiment with the most feedback.
            ended = [e for e in experiments if e.status == ExperimentStatus.ENDED.value]
            report = max(ended or experiments, key=lambda e: counts[e.id])
            owned = max(running, key=lambda e: counts[e.id])
            _row, admin = await tokens.create_token(
                session=session, role=TokenRole.ADMIN, name="browser-admin"
            )
            _row, owner = await tokens.create_token(
                session=session, role=TokenRole.OWNER, experiments=[owned.id], name="owner"
            )
            await session.commit()
            return admin, owner, report.id, owned.id, running[0].slug
    finally:
        await engine.dispose()


@pytest.fixture(scope="session")
def browser_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium)")
    import uvicorn

    from feedback_api.web.app import create_app

    data_dir = tmp_path_factory.mktemp("browser")
    port = _free_port()
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        env="test",
        data_dir=data_dir,
        database_url=f"sqlite:///{data_dir / 'kokeilu.sqlite3'}",
        secret_key=SECRET,
        public_url=f"http://127.0.0.1:{port}",
        telegram_bot_username="KokeiluDemoBot",
        classify_on_submit=False,
    )
    admin, owner, report_id, owned_id, running_slug = asyncio.run(_seed(settings))
    config = uvicorn.Config(
        create_app(settings),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        ws="none",
        lifespan="on",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield Server(
            base_url=f"http://127.0.0.1:{port}",
            settings=settings,
            admin_token=admin,
            owner_token=owner,
            report_id=report_id,
            owner_experiment_id=owned_id,
            running_slug=running_slug,
        )
    finally:
        server.should_exit = True
        thread.join(timeout=10)


# Module scope, not session: the sync API keeps an event loop running in this thread while
# open, and every async test that ran after it would fail to start its own.
@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A fresh browser context (own cookies) with a desktop viewport, English by default."""
    context = chromium.new_context(
        viewport={"width": 1280, "height": 900},
        locale="en-GB",
        accept_downloads=True,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
