"""Property-based tests from the app's own OpenAPI schema (Schemathesis, in-process ASGI).

Every operation gets generated inputs, valid and invalid, anonymously and with an admin
token: no answer may be a server error (a deliberate 503 would carry Retry-After), no error
may show a stack trace or SQL, and successful answers must match the documented schema.
"""

from __future__ import annotations

import asyncio
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import response_schema_conformance
from schemathesis.python import asgi

from feedback_api.config import Settings
from feedback_api.domain.enums import Channel, ExperimentStatus, TokenRole
from feedback_api.domain.schemas import ExperimentCreate, FeedbackCreate
from feedback_api.services import experiments, tokens
from feedback_api.services.submission import Policy, Submission, submit_feedback
from feedback_api.web.app import create_app

from .conftest import SECRET, prepare_database

EXAMPLES = 10
# Training rebuilds a model (seconds of CPU per example) and is covered by its own tests.
SLOW_OPERATIONS = r"^/api/v1/models/\{kind\}/train$"
LEAKS = re.compile(
    r"Traceback|File \"|sqlalchemy|asyncpg|aiosqlite|psycopg|SELECT |INSERT |UPDATE |DELETE FROM"
    r"|IntegrityError|OperationalError",
    re.IGNORECASE,
)


async def _seed(url: str) -> dict[str, Any]:
    """A running and an ended experiment, a stored feedback, an admin token."""
    from feedback_api.db.engine import create_engine, create_session_factory

    engine = create_engine(url, pool_size=1)
    try:
        async with create_session_factory(engine)() as session:
            running = await experiments.create_experiment(
                session=session,
                data=ExperimentCreate(
                    title="Kirjastorobotti", slug="kirjastorobotti", status=ExperimentStatus.RUNNING
                ),
            )
            ended = await experiments.create_experiment(
                session=session,
                data=ExperimentCreate(
                    title="Etähoiva", slug="etahoiva", status=ExperimentStatus.ENDED
                ),
            )
            stored = await submit_feedback(
                session=session,
                submission=Submission(
                    running.id, FeedbackCreate(text="Toimii hyvin.", rating=5), Channel.API
                ),
                policy=Policy(max_text_length=5000),
                analyzer=None,
            )
            _row, admin = await tokens.create_token(
                session=session, role=TokenRole.ADMIN, name="schemathesis"
            )
            await session.commit()
            return {
                "experiments": [running.slug, str(running.id), ended.slug, str(ended.id)],
                "feedback": stored.feedback.id,
                "admin": admin,
            }
    finally:
        await engine.dispose()


def _settings(workdir: Path, url: str) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        env="production",
        data_dir=workdir / "data",
        database_url=url,
        secret_key=SECRET,
        classify_on_submit=False,
        rate_limit_per_client="",
        rate_limit_per_respondent="",
    )


# The schema as the app publishes it (building the app touches no database). Loaded at
# import: Schemathesis' lazy `from_fixture` loader does not work with pytest 9.
schema = schemathesis.openapi.from_dict(
    create_app(_settings(Path("/nonexistent"), "sqlite:///:memory:")).openapi()
).exclude(path_regex=SLOW_OPERATIONS)
WORLD: dict[str, Any] = {}


@schema.hook
def map_path_parameters(context: Any, path_parameters: dict[str, Any]) -> dict[str, Any]:
    """Half of the generated ids and slugs point at things that exist, so that operations
    get past their 404s; which half is decided by the generated value itself."""
    for name, value in list((path_parameters or {}).items()):
        pick = zlib.crc32(repr(value).encode())
        if pick % 2 or not WORLD:
            continue
        if name == "experiment":
            path_parameters[name] = WORLD["experiments"][pick % 4]
        elif name == "feedback_id":
            path_parameters[name] = WORLD["feedback"]
    return path_parameters


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The app on a seeded SQLite database, run in Schemathesis' own ASGI event loop."""
    workdir: Path = tmp_path_factory.mktemp("schemathesis")
    url = f"sqlite+aiosqlite:///{workdir / 'kokeilu.sqlite3'}"
    asyncio.run(prepare_database(url))
    WORLD.update(asyncio.run(_seed(url)))
    app = create_app(_settings(workdir, url))
    # One client for every case: the app starts once (its lifespan) in Schemathesis' loop.
    with asgi.get_client(app) as client:
        yield client
    asgi.shutdown_lifespans()  # the app's shutdown (its engine disposed), in that loop
    WORLD.clear()


# The explicit phase replays Schemathesis' boundary and invalid-value cases (dozens per
# operation): worth it behind the admin token, where every route runs its full code.
GENERATED = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    phases=[Phase.generate],
    suppress_health_check=list(HealthCheck),
)
GENERATED_AND_BOUNDARIES = settings(GENERATED, phases=[Phase.explicit, Phase.generate])
BASE_URL = "http://testserver"


def _check(case: Any, response: Any) -> None:
    status = response.status_code
    text = response.text
    assert status < 500 or (status == 503 and "retry-after" in response.headers), (
        f"{case.operation.label}: server error {status}: {text[:500]}"
    )
    if status >= 400:
        assert not LEAKS.search(text), f"{case.operation.label}: {status} leaks {text[:500]}"
    if 200 <= status < 300:
        case.validate_response(response, checks=[response_schema_conformance])


@schema.parametrize()
@GENERATED
def test_public_api_never_fails_on_generated_input(case: Any, api: Any) -> None:
    _check(case, case.call(session=api, base_url=BASE_URL))


@schema.parametrize()
@GENERATED_AND_BOUNDARIES
def test_admin_api_never_fails_on_generated_input(case: Any, api: Any) -> None:
    admin = {"Authorization": f"Bearer {WORLD['admin']}"}
    _check(case, case.call(session=api, base_url=BASE_URL, headers=admin))
