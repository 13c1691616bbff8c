"""Retraining from staff corrections and ratings: a new version in the database, which every
process's current models pick up, and a reclassification that keeps staff corrections."""

from __future__ import annotations

from sqlalchemy import select

from feedback_api.db.engine import create_session_factory
from feedback_api.db.models import Job, ModelVersion
from feedback_api.domain.enums import Channel, Role
from feedback_api.domain.schemas import FeedbackCreate
from feedback_api.services import experiments, feedback, training
from feedback_api.services.models import CurrentModels
from feedback_api.services.submission import Policy, Submission, submit_feedback

# A made-up product word: no seed example mentions it, so only corrections can teach it.
NEW_WORD = "zorblaxomaatti"
POLICY = Policy(max_text_length=5000)


async def _submit(session, experiment_id: int, text: str, rating: int | None = None):  # type: ignore[no-untyped-def]
    stored = await submit_feedback(
        session=session,
        submission=Submission(
            experiment_id, FeedbackCreate(text=text, rating=rating, role=Role.RESIDENT), Channel.API
        ),
        policy=POLICY,
        analyzer=None,
    )
    return await feedback.get_feedback(session=session, feedback_id=stored.feedback.id)


async def test_staff_corrections_teach_the_new_version_and_survive_reclassification(
    session, make, engine
) -> None:
    exp = await experiments.get_experiment(session, await make.experiment("Corrections"))
    texts = [
        f"{NEW_WORD} maksoi liikaa",
        f"{NEW_WORD} on kallis kuukausimaksu",
        f"the {NEW_WORD} fee is too expensive",
        f"{NEW_WORD} kostar för mycket",
        f"hinta {NEW_WORD} liian kova",
        f"{NEW_WORD} price is a joke",
    ]
    for text in texts:
        row = await _submit(session, exp.id, text)
        await feedback.correct_themes(session=session, feedback=row, keys=["cost", "privacy_trust"])
    await session.commit()
    sessions = create_session_factory(engine)
    models = CurrentModels(sessions)
    await models.refresh()
    probe = f"{NEW_WORD} ei toiminut"
    assert models.analyzer is not None
    before = models.analyzer.theme_version
    assert "privacy_trust" not in dict(models.analyzer.analyze([probe])[0].themes)

    async with sessions() as writer:
        job = await training.queue_training(session=writer, kind="themes")
        await writer.commit()
    await training.run_training_job(
        sessions=sessions,
        read_sessions=create_session_factory(engine, read_only=True),
        models=models,
        job_id=job.id,
    )
    async with sessions() as reader:
        done = await reader.get(Job, job.id)
        assert done is not None and done.status == "succeeded", done and done.error
        version = done.result["version"]
        assert (done.done, done.total, done.result["reclassified"]) == (6, 6, 6)
        recorded = (await reader.scalars(select(ModelVersion))).all()
        assert [r.version for r in recorded] == [version]
        assert recorded[0].trained_on["corrections"] == len(texts)
        assert recorded[0].metrics["macro_f1"] > 0
    # This process's models moved to the new version with the job; a new process starts on it.
    assert models.analyzer.theme_version == version != before
    assert "privacy_trust" in dict(models.analyzer.analyze([probe])[0].themes)
    fresh = CurrentModels(sessions)
    await fresh.refresh()
    assert fresh.analyzer is not None and fresh.analyzer.theme_version == version
    # Staff corrections survive the reclassification.
    exp_id = exp.id
    session.expire_all()
    exp = await experiments.get_experiment(session, exp_id)
    listed, _ = await feedback.list_feedback(
        session=session, experiment=exp, filters=feedback.FeedbackFilter()
    )
    for row in listed:
        assert {t.source for t in row.themes} == {"staff"}
        assert row.theme_model_version == version


async def test_sentiment_retraining_uses_ratings_as_weak_labels(session, make) -> None:
    exp = await experiments.get_experiment(session, await make.experiment("Ratings"))
    for text, rating in [("Loistava palvelu", 5), ("Ihan ok", 3), ("Ei toiminut ollenkaan", 1)]:
        await _submit(session, exp.id, text, rating)
    await session.commit()
    result = await training.train_model(session=session, kind="sentiment")
    await session.commit()
    assert result.trained_on["weak_ratings"] == 3
    assert result.version.startswith("sentiment-")
    versions = await training.model_versions(session=session, kind="sentiment")
    assert [v.version for v in versions] == [result.version]


async def test_a_job_runs_once(session, make, engine) -> None:
    """A redelivered job (a queue hands it out twice) finds it is not queued and does nothing."""
    sessions = create_session_factory(engine)
    async with sessions() as writer:
        job = await training.queue_training(session=writer, kind="sentiment")
        await writer.commit()
    run = {
        "sessions": sessions,
        "read_sessions": create_session_factory(engine, read_only=True),
        "models": CurrentModels(sessions, enabled=False),
        "job_id": job.id,
    }
    await training.run_training_job(**run)
    await training.run_training_job(**run)
    versions = await training.model_versions(session=session, kind="sentiment")
    assert len(versions) == 1
