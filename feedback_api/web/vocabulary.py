"""The message keys of the values the pages show: statuses, roles, answers, sentiments…

A page shows a value through its key here, ``t(STATUS[status])`` in code and
``t(keys.STATUS[status])`` in templates (``keys`` is this module), never through a key
built at run time (``f"status.{status}"``): so ``pybabel extract`` sees every key, and the
catalog test can require each one in fi, sv and en and check that each mapping covers its
vocabulary. ``N_`` only marks a key; the text is looked up where the value is shown.
"""

from __future__ import annotations

from typing import Final

from feedback_api.domain.enums import (
    Channel,
    ExperimentStatus,
    FitsWork,
    JobStatus,
    Role,
    Sentiment,
    TokenRole,
    WouldUse,
)
from feedback_api.web.i18n import N_

STATUS: Final = {
    ExperimentStatus.PROPOSED.value: N_("status.proposed"),
    ExperimentStatus.DECLINED.value: N_("status.declined"),
    ExperimentStatus.RUNNING.value: N_("status.running"),
    ExperimentStatus.ENDED.value: N_("status.ended"),
    ExperimentStatus.ADOPTED.value: N_("status.adopted"),
    ExperimentStatus.DISCONTINUED.value: N_("status.discontinued"),
}
# Why a public experiment no longer takes feedback (the statuses after running).
CLOSED: Final = {
    ExperimentStatus.ENDED.value: N_("closed.ended"),
    ExperimentStatus.ADOPTED.value: N_("closed.adopted"),
    ExperimentStatus.DISCONTINUED.value: N_("closed.discontinued"),
}
# One respondent's role ("Resident") …
ROLE: Final = {
    Role.RESIDENT.value: N_("role.resident"),
    Role.CUSTOMER.value: N_("role.customer"),
    Role.EMPLOYEE.value: N_("role.employee"),
    Role.PARTNER.value: N_("role.partner"),
}
# … and the group ("Residents").
ROLES: Final = {
    Role.RESIDENT.value: N_("roles.resident"),
    Role.CUSTOMER.value: N_("roles.customer"),
    Role.EMPLOYEE.value: N_("roles.employee"),
    Role.PARTNER.value: N_("roles.partner"),
}
CHANNEL: Final = {
    Channel.TELEGRAM.value: N_("channel.telegram"),
    Channel.WEB.value: N_("channel.web"),
    Channel.API.value: N_("channel.api"),
}
# The languages a feedback's stored `language` may take (what detection found).
LANGUAGE: Final = {
    "fi": N_("lang.fi"),
    "sv": N_("lang.sv"),
    "en": N_("lang.en"),
    "other": N_("lang.other"),
}
WOULD_USE: Final = {
    WouldUse.YES.value: N_("would_use.yes"),
    WouldUse.MAYBE.value: N_("would_use.maybe"),
    WouldUse.NO.value: N_("would_use.no"),
}
FITS_WORK: Final = {
    FitsWork.YES.value: N_("fits_work.yes"),
    FitsWork.PARTLY.value: N_("fits_work.partly"),
    FitsWork.NO.value: N_("fits_work.no"),
}
SENTIMENT: Final = {
    Sentiment.POSITIVE.value: N_("sentiment.positive"),
    Sentiment.NEUTRAL.value: N_("sentiment.neutral"),
    Sentiment.NEGATIVE.value: N_("sentiment.negative"),
}
# The answers of services.reports.build_scorecard.
VERDICT: Final = {
    "positive": N_("verdict.positive"),
    "mixed": N_("verdict.mixed"),
    "negative": N_("verdict.negative"),
    "insufficient": N_("verdict.insufficient"),
}
# The scorecard's three questions: the card's title, and the link to its feedback.
SCORECARD: Final = {
    "users": N_("scorecard.users"),
    "fit": N_("scorecard.fit"),
    "benefit": N_("scorecard.benefit"),
}
TRACE: Final = {
    "users": N_("report.trace.users"),
    "fit": N_("report.trace.fit"),
    "benefit": N_("report.trace.benefit"),
}
# The kinds of analysis model (analysis.datasets.Kind).
MODEL_KIND: Final = {
    "themes": N_("about.kind.themes"),
    "sentiment": N_("about.kind.sentiment"),
}
# The label of a new theme's name in each page language.
JOB_STATUS: Final = {
    JobStatus.QUEUED.value: N_("job.queued"),
    JobStatus.RUNNING.value: N_("job.running"),
    JobStatus.SUCCEEDED.value: N_("job.succeeded"),
    JobStatus.FAILED.value: N_("job.failed"),
}
NAME_IN: Final = {
    "fi": N_("candidates.name.fi"),
    "sv": N_("candidates.name.sv"),
    "en": N_("candidates.name.en"),
}
TOKEN_ROLE: Final = {
    TokenRole.ADMIN.value: N_("staff.role.admin"),
    TokenRole.STAFF.value: N_("staff.role.staff"),
    TokenRole.OWNER.value: N_("staff.role.owner"),
}
# Service areas with a name of their own; any other area is shown as it is stored.
SERVICE_AREA: Final = {
    "library": N_("area.library"),
    "school": N_("area.school"),
    "day_care": N_("area.day_care"),
    "elderly_care": N_("area.elderly_care"),
    "health": N_("area.health"),
    "transport": N_("area.transport"),
    "environment": N_("area.environment"),
    "work_processes": N_("area.work_processes"),
    "culture_sports": N_("area.culture_sports"),
}
# The error pages: each kind's title and, when there is one, its explanation.
ERROR: Final[dict[str, tuple[str, str | None]]] = {
    "not_found": (N_("error.not_found.title"), N_("error.not_found.text")),
    "csrf": (N_("error.csrf.title"), N_("error.csrf.text")),
    "forbidden": (N_("error.forbidden.title"), N_("error.forbidden.text")),
    "invalid": (N_("error.invalid.title"), None),
    "conflict": (N_("error.conflict.title"), None),
    "unavailable": (N_("error.unavailable.title"), N_("error.unavailable.text")),
}
