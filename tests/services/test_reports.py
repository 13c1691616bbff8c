"""Reports must agree with the rows after every kind of write, and never wait for a writer.

The oracle below counts the experiment's feedback rows in Python; each test writes through
the real services (or a bare UPDATE/DELETE, as a future code path might) and compares.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import date, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from analysis.pipeline import load_analyzer
from feedback_api.db.base import utcnow
from feedback_api.db.engine import create_engine, create_session_factory
from feedback_api.db.models import (
    Experiment,
    Feedback,
    FeedbackTheme,
    Respondent,
)
from feedback_api.domain.enums import Channel, FitsWork, Role, WouldUse
from feedback_api.domain.schemas import FeedbackCreate
from feedback_api.services import experiments, feedback, privacy, respondents
from feedback_api.services.classification import classify_stored
from feedback_api.services.feedback import correct_themes
from feedback_api.services.reports import experiment_report
from feedback_api.services.submission import Policy, Submission, submit_feedback

SECRET = "report-test-secret"
TEXTS = [
    "Robotti löysi kirjan nopeasti, tosi kätevä.",
    "Jonotus kesti liian kauan ja sovellus kaatui.",
    "Det fungerade bra men skärmen var svår att läsa.",
    "Great idea, but the opening hours are too short.",
    None,
]


async def oracle(session: AsyncSession, experiment_id: int) -> dict[str, object]:
    """The report's figures, counted straight from the rows in Python."""
    rows = (
        await session.scalars(
            select(Feedback)
            .where(Feedback.experiment_id == experiment_id)
            .execution_options(populate_existing=True)
        )
    ).all()
    themed = {
        fid
        for (fid,) in await session.execute(
            select(FeedbackTheme.feedback_id)
            .join(Feedback, Feedback.id == FeedbackTheme.feedback_id)
            .where(Feedback.experiment_id == experiment_id)
        )
    }
    theme_counts = Counter(
        key
        for (key,) in await session.execute(
            select(FeedbackTheme.theme_id)
            .join(Feedback, Feedback.id == FeedbackTheme.feedback_id)
            .where(Feedback.experiment_id == experiment_id)
        )
    )
    rated = [r.rating for r in rows if r.rating is not None]
    respondents_ = {r.respondent_id for r in rows if r.respondent_id is not None}
    return {
        "feedback": len(rows),
        "participants": len(respondents_) + sum(r.respondent_id is None for r in rows),
        "with_text": sum(r.text is not None for r in rows),
        "classified": sum(r.classified_at is not None for r in rows),
        "unclear": sum(
            r.text is not None and r.classified_at is not None and r.id not in themed for r in rows
        ),
        "redactions": sum(r.redactions for r in rows),
        "roles": dict(Counter(r.role for r in rows)),
        "ratings": {str(k): rated.count(k) for k in range(1, 6)},
        "mean_rating": round(sum(rated) / len(rated), 2) if rated else None,
        "sentiment": {s: sum(r.sentiment_label == s for r in rows) for s in SENTIMENT_KEYS},
        "would_use": {w: sum(r.would_use == w for r in rows) for w in ("yes", "maybe", "no")},
        "theme_total": sum(theme_counts.values()),
        "weekly_total": len(rows),
        "first_date": min((r.created_date for r in rows), default=None),
    }


SENTIMENT_KEYS = ("positive", "neutral", "negative")


def figures(typed) -> dict[str, object]:  # type: ignore[no-untyped-def]
    report = typed.model_dump(mode="json")
    totals = report["totals"]
    return {
        "feedback": totals["feedback"],
        "participants": totals["participants"],
        "with_text": totals["with_text"],
        "classified": totals["classified"],
        "unclear": totals["unclear"],
        "redactions": totals["redactions"],
        "roles": {role: entry["feedback"] for role, entry in report["by_role"].items()},
        "ratings": report["rating"]["distribution"],
        "mean_rating": report["rating"]["mean"],
        "sentiment": report["sentiment"]["counts"],
        "would_use": report["would_use"]["counts"],
        "theme_total": sum(t["count"] for t in report["themes"]),
        "weekly_total": sum(w["count"] for w in report["sentiment"]["weekly"]),
        "first_date": (date.fromisoformat(totals["first_date"]) if totals["first_date"] else None),
    }


async def assert_report_matches_rows(session: AsyncSession, experiment: Experiment) -> dict:  # type: ignore[type-arg]
    report = await experiment_report(session=session, experiment=experiment)
    await session.commit()
    assert figures(report) == await oracle(session, experiment.id)
    return report.model_dump(mode="json")


async def _seed(session: AsyncSession, make) -> Experiment:  # type: ignore[no-untyped-def]
    exp_id = await make.experiment("Rollup")
    exp = await experiments.get_experiment(session, exp_id)
    analyzer = load_analyzer()
    people = [
        await respondents.create_respondent(
            session=session, key=respondents.pseudonym(SECRET, "telegram", uid), language="fi"
        )
        for uid in (1, 2, 3)
    ]
    for i in range(24):
        role = [Role.RESIDENT, Role.CUSTOMER, Role.EMPLOYEE, Role.PARTNER][i % 4]
        person = people[i % 3] if i % 3 == 0 else None
        await submit_feedback(
            session=session,
            submission=Submission(
                exp.id,
                FeedbackCreate(
                    text=TEXTS[i % len(TEXTS)],
                    rating=(i % 5) + 1 if i % 6 else None,
                    role=role,
                    would_use=WouldUse.YES if role is Role.RESIDENT else None,
                    fits_work=FitsWork.PARTLY if role is Role.EMPLOYEE else None,
                ),
                Channel.TELEGRAM if i % 3 == 0 else Channel.WEB,
                respondent_id=person.id if person else None,
            ),
            policy=Policy(max_text_length=5000),
            analyzer=analyzer if i % 2 else None,  # half left unclassified for now
        )
    # Spread over several weeks, as a bare UPDATE would (the trigger sees it too).
    ids = (await session.scalars(select(Feedback.id).order_by(Feedback.id))).all()
    for n, fid in enumerate(ids):
        await session.execute(
            update(Feedback)
            .where(Feedback.id == fid)
            .values(created_date=date(2026, 9, 1) + timedelta(days=3 * n))
        )
    await session.commit()
    return exp


async def test_cells_agree_with_rows_through_every_kind_of_write(session, make, engine) -> None:
    exp = await _seed(session, make)
    first = await assert_report_matches_rows(session, exp)
    assert first["totals"]["feedback"] == 24

    # Classification of the rest (sentiment, themes, versions change).
    await session.commit()
    await classify_stored(sessions=create_session_factory(engine), analyzer=load_analyzer())
    classified = await assert_report_matches_rows(session, exp)
    assert classified["totals"]["classified"] > first["totals"]["classified"]

    # A staff correction: themes replaced, and "no theme fits".
    ids = (await session.scalars(select(Feedback.id).where(Feedback.text.is_not(None)))).all()
    one = await feedback.get_feedback(session=session, feedback_id=ids[0])
    await correct_themes(session=session, feedback=one, keys=["accessibility", "cost"])
    two = await feedback.get_feedback(session=session, feedback_id=ids[1])
    await correct_themes(session=session, feedback=two, keys=[])
    await session.commit()
    await assert_report_matches_rows(session, exp)

    # Retention: the old half loses its text and respondent link, the counts stay.
    await session.execute(
        update(Feedback)
        .where(Feedback.id.in_(ids[: len(ids) // 2]))
        .values(created_at=utcnow() - timedelta(days=800))
    )
    await session.commit()
    purged = await privacy.purge_older_than(session=session, days=365)
    await session.commit()
    assert purged.feedback_anonymised > 0
    after_purge = await assert_report_matches_rows(session, exp)
    assert after_purge["totals"]["feedback"] == 24

    # Erasure deletes a person's feedback; a bare DELETE of a theme link counts as well.
    person = await session.scalar(select(Respondent).order_by(Respondent.id))
    await privacy.erase_respondent(session=session, key=person.key)
    await session.execute(delete(FeedbackTheme).where(FeedbackTheme.feedback_id == ids[-1]))
    await session.commit()
    erased = await assert_report_matches_rows(session, exp)
    assert erased["totals"]["feedback"] < 24


async def test_deleting_an_experiment_leaves_the_others_reports_alone(session, make) -> None:
    exp = await _seed(session, make)
    other = await experiments.get_experiment(session, await make.experiment("Other"))
    await session.delete(exp)
    await session.commit()
    report = await experiment_report(session=session, experiment=other)
    assert report.totals.feedback == 0 and report.themes == []


async def test_a_report_is_read_while_a_writer_holds_its_transaction_open(
    settings, session, make
) -> None:
    """A report never waits for a submission's transaction (nor holds one up): it reads.

    On SQLite a writing transaction holds the database's one write lock until it commits.
    """
    exp = await _seed(session, make)
    engine = create_engine(settings.async_database_url)
    try:
        async with create_session_factory(engine)() as writer:
            await submit_feedback(
                session=writer,
                submission=Submission(
                    exp.id, FeedbackCreate(text="Kesken oleva palaute.", rating=2), Channel.WEB
                ),
                policy=Policy(max_text_length=5000),
                analyzer=None,
            )
            await writer.flush()  # written, not committed: the write lock is held
            async with create_session_factory(engine, read_only=True)() as reader:
                rexp = await reader.get(Experiment, exp.id)
                during = await asyncio.wait_for(
                    experiment_report(session=reader, experiment=rexp), timeout=5
                )
            await writer.commit()
        assert during.totals.feedback == 24  # the open write is not seen
    finally:
        await engine.dispose()
    report = await assert_report_matches_rows(session, exp)
    assert report["totals"]["feedback"] == 25
