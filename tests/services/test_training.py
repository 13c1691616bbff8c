"""Retraining from staff corrections and ratings; model versions are recorded."""

from __future__ import annotations

from sqlalchemy import func, select

from analysis.pipeline import load_analyzer
from feedback_api.db.models import ModelVersion, ReportChange
from feedback_api.domain.enums import Channel, Role
from feedback_api.domain.schemas import FeedbackCreate
from feedback_api.services import experiments, feedback, training

# A made-up product word: no seed example mentions it, so only corrections can teach it.
NEW_WORD = "zorblaxomaatti"


async def test_staff_corrections_change_what_training_produces(session, make, settings) -> None:
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
        row, _ = await feedback.submit_feedback(
            session=session,
            experiment=exp,
            data=FeedbackCreate(text=text, role=Role.RESIDENT),
            channel=Channel.API,
        )
        await feedback.correct_themes(session=session, feedback=row, keys=["cost", "privacy_trust"])
    await session.commit()
    probe = f"{NEW_WORD} ei toiminut"
    before = load_analyzer(settings.model_dir).analyze([probe])[0]
    assert "privacy_trust" not in dict(before.themes)

    corrections = await training.staff_corrections(session=session)
    assert len(corrections) == len(texts)
    assert all(labels == ["cost", "privacy_trust"] for labels in corrections.labels)
    result = await training.train_model(
        session=session, kind="themes", model_dir=settings.model_dir
    )
    await session.commit()
    assert result.trained_on["corrections"] == len(texts)
    assert result.reclassified == len(texts)
    # The report cells were rebuilt with the training, not left for the next report page.
    assert await session.scalar(select(func.count()).select_from(ReportChange)) == 0
    after = load_analyzer(settings.model_dir).analyze([probe])[0]
    assert "privacy_trust" in dict(after.themes)
    recorded = (await session.scalars(select(ModelVersion))).all()
    assert [r.version for r in recorded] == [result.version]
    assert recorded[0].metrics["macro_f1"] > 0
    # staff corrections survive reclassification
    listed, _ = await feedback.list_feedback(
        session=session, experiment=exp, filters=feedback.FeedbackFilter()
    )
    for row in listed:
        assert {t.source for t in row.themes} == {"staff"}
        assert row.theme_model_version == result.version


async def test_sentiment_retraining_uses_ratings_as_weak_labels(session, make, settings) -> None:
    exp = await experiments.get_experiment(session, await make.experiment("Ratings"))
    for text, rating in [("Loistava palvelu", 5), ("Ihan ok", 3), ("Ei toiminut ollenkaan", 1)]:
        await feedback.submit_feedback(
            session=session,
            experiment=exp,
            data=FeedbackCreate(text=text, rating=rating),
            channel=Channel.API,
        )
    await session.commit()
    result = await training.train_model(
        session=session, kind="sentiment", model_dir=settings.model_dir
    )
    await session.commit()
    assert result.trained_on["weak_ratings"] == 3
    assert result.version.startswith("sentiment-")
    versions = await training.model_versions(session=session, kind="sentiment")
    assert [v.version for v in versions] == [result.version]
