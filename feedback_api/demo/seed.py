"""Writes the generated demo programme into an empty database.

Demo history of ended experiments is written directly here, not through the public
intake (which accepts feedback for running experiments only); the text still goes through
the same redaction and language detection as real intake.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from analysis.preprocess import detect_language, normalize, redact_pii
from feedback_api.config import Settings
from feedback_api.db.models import Experiment, Feedback, Respondent
from feedback_api.demo.generate import generate_programme
from feedback_api.domain.time import local_date
from feedback_api.services.respondents import pseudonym


@dataclass(frozen=True)
class SeedSummary:
    experiments: int
    feedback: int
    respondents: int


async def seed_demo(
    *, session: AsyncSession, settings: Settings, anchor: date | None = None
) -> SeedSummary | None:
    """Seed the demo programme if the database holds no experiment; None if it does.

    The feedback is stored unclassified: `services.classification.classify_stored` labels
    it once the caller has committed.
    """
    if await session.scalar(select(func.count(Experiment.id))):
        return None
    programme = generate_programme(anchor=anchor or date.today())
    secret = settings.resolved_secret_key()

    experiments: dict[str, Experiment] = {}
    for demo_experiment in programme.experiments:
        row = Experiment(
            slug=demo_experiment.slug,
            title=demo_experiment.title_en,
            title_fi=demo_experiment.title_fi,
            title_sv=demo_experiment.title_sv,
            title_en=demo_experiment.title_en,
            description=demo_experiment.description_en,
            description_fi=demo_experiment.description_fi,
            description_sv=demo_experiment.description_sv,
            description_en=demo_experiment.description_en,
            owner_name=demo_experiment.owner_name,
            partners=list(demo_experiment.partners),
            service_area=demo_experiment.service_area,
            start_date=demo_experiment.start_date,
            end_date=demo_experiment.end_date,
            status=demo_experiment.status,
        )
        session.add(row)
        experiments[demo_experiment.slug] = row

    respondents: dict[int, Respondent] = {}
    for demo_id, info in programme.respondents.items():
        respondent = Respondent(
            key=pseudonym(secret, "demo", demo_id),
            role=info.get("role"),
            language=info.get("language"),
            consent=True,
        )
        session.add(respondent)
        respondents[demo_id] = respondent
    await session.flush()

    for item in programme.feedback:
        text, redactions = None, 0
        if item.text:
            redaction = redact_pii(normalize(item.text))
            text, redactions = redaction.text, redaction.total
        person = respondents.get(item.respondent) if item.respondent is not None else None
        if person is not None:
            person.first_seen_at = min(person.first_seen_at, item.created_at)
            person.last_seen_at = max(person.last_seen_at, item.created_at)
        session.add(
            Feedback(
                experiment_id=experiments[item.experiment_slug].id,
                respondent_id=person.id if person else None,
                role=item.role,
                channel=item.channel,
                language=detect_language(text, fallback=item.language) if text else item.language,
                text=text,
                rating=item.rating,
                would_use=item.would_use,
                fits_work=item.fits_work,
                created_at=item.created_at,
                created_date=local_date(item.created_at),
                redactions=redactions,
                themes=[],
            )
        )
    await session.flush()
    return SeedSummary(
        experiments=len(experiments),
        feedback=len(programme.feedback),
        respondents=len(respondents),
    )
