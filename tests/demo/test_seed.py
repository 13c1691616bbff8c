"""Seeding the demo programme into a real database."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from feedback_api.db.models import Experiment, Feedback, Respondent
from feedback_api.demo.seed import seed_demo
from feedback_api.domain.enums import TokenRole
from feedback_api.domain.principal import Principal
from feedback_api.services import reports

ANCHOR = date(2026, 11, 1)


async def test_seed_demo_fills_an_empty_database_once(session, settings) -> None:
    summary = await seed_demo(session=session, settings=settings, anchor=ANCHOR)
    await session.commit()
    assert summary is not None
    assert 15 <= summary.experiments <= 20
    assert summary.feedback > 1000
    assert await session.scalar(select(func.count(Feedback.id))) == summary.feedback
    statuses = set((await session.scalars(select(Experiment.status))).all())
    assert statuses == {"proposed", "declined", "running", "ended", "adopted", "discontinued"}
    assert await session.scalar(select(func.count(Respondent.id))) == summary.respondents
    # personal data in the hand-written material was redacted on the way in
    redacted = await session.scalar(select(func.sum(Feedback.redactions)))
    assert redacted and redacted >= 5
    texts = (await session.scalars(select(Feedback.text).where(Feedback.text.is_not(None)))).all()
    assert not any("@example" in t for t in texts)
    assert await seed_demo(session=session, settings=settings, anchor=ANCHOR) is None


async def test_seeded_programme_reports_differ_by_outcome(session, settings) -> None:
    await seed_demo(session=session, settings=settings, anchor=ANCHOR)
    await session.commit()
    admin = Principal(name="t", role=TokenRole.ADMIN)
    overview = (await reports.programme_overview(session=session, principal=admin)).model_dump()
    assert overview["feedback"]["total"] > 1000
    assert overview["partners"]["count"] >= 10
    by_status = {e["status"]: [] for e in overview["per_experiment"]}
    for line in overview["per_experiment"]:
        by_status[line["status"]].append(line)
    for line in by_status["running"] + by_status["ended"] + by_status["adopted"]:
        assert line["feedback"] >= 40
    adopted = min(line["mean_rating"] for line in by_status["adopted"])
    discontinued = max(line["mean_rating"] for line in by_status["discontinued"])
    assert adopted > discontinued + 1
    one = (await session.scalars(select(Experiment).where(Experiment.status == "adopted"))).first()
    report = (await reports.experiment_report(session=session, experiment=one)).model_dump()
    assert report["totals"]["feedback"] >= 40
    assert set(report["by_language"]) >= {"fi", "sv", "en"}
    assert report["totals"]["repeat_respondents"] >= 1
