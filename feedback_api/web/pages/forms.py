"""The public feedback form: read the posted fields, keep them for a re-render, validate."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field

from starlette.datastructures import FormData

from feedback_api.domain.enums import FitsWork, Language, Role, WouldUse
from feedback_api.domain.schemas import MAX_TEXT_LENGTH, FeedbackCreate
from feedback_api.web.i18n import Translator

FIELDS = ("role", "rating", "would_use", "fits_work", "text", "submission")
ROLES = tuple(role.value for role in Role)
RATINGS = tuple(str(n) for n in range(1, 6))
# Where each error's link in the summary leads (the field's first control).
ANCHORS = {
    "role": "role-resident",
    "rating": "rating-1",
    "would_use": "would_use-yes",
    "fits_work": "fits_work-yes",
    "text": "text",
    "form": "rating-1",
}
_SUBMISSION = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def new_submission() -> str:
    """A key per form view: sending the same form twice stores one feedback."""
    return secrets.token_urlsafe(18)


def blank_values() -> dict[str, str]:
    return {**dict.fromkeys(FIELDS, ""), "submission": new_submission()}


@dataclass
class FeedbackForm:
    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)
    data: FeedbackCreate | None = None

    @property
    def idempotency_key(self) -> str | None:
        submission = self.values["submission"]
        return f"web:{submission}" if _SUBMISSION.match(submission) else None


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


def read_feedback_form(form: FormData, t: Translator) -> FeedbackForm:
    """The posted answers as a FeedbackCreate, or the fields' errors. The deployment's
    rules (the text's length, the limits) are the submission's, checked when it is stored."""
    # Browsers send CRLF line breaks; count the text as the person sees it.
    values = {name: _text(form, name).replace("\r\n", "\n") for name in FIELDS}
    values["text"] = values["text"].strip()
    result = FeedbackForm(values=values)
    errors = result.errors
    role = values["role"]
    if not role:
        errors["role"] = t("form.error.role")
    elif role not in ROLES:
        errors["role"] = t("form.error.choice")
    if values["rating"] and values["rating"] not in RATINGS:
        errors["rating"] = t("form.error.choice")
    if values["would_use"] and values["would_use"] not in {a.value for a in WouldUse}:
        errors["would_use"] = t("form.error.choice")
    elif values["would_use"] and role == Role.EMPLOYEE.value:
        errors["would_use"] = t("form.error.would_use_for_employee")
    if values["fits_work"] and values["fits_work"] not in {a.value for a in FitsWork}:
        errors["fits_work"] = t("form.error.choice")
    elif values["fits_work"] and role in ROLES and role != Role.EMPLOYEE.value:
        errors["fits_work"] = t("form.error.fits_work_for_others")
    if len(values["text"]) > MAX_TEXT_LENGTH:
        errors["text"] = t(
            "form.error.too_long",
            length=t.number(len(values["text"])),
            max=t.number(MAX_TEXT_LENGTH),
        )
    if errors:
        return result
    if not any(values[name] for name in ("text", "rating", "would_use", "fits_work")):
        errors["form"] = t("form.error.nothing")
        return result
    result.data = FeedbackCreate(
        text=values["text"] or None,
        rating=int(values["rating"]) if values["rating"] else None,
        role=Role(role),
        language=Language(t.language),
        would_use=WouldUse(values["would_use"]) if values["would_use"] else None,
        fits_work=FitsWork(values["fits_work"]) if values["fits_work"] else None,
    )
    return result
