"""Localized labels of the domain's vocabularies (the catalogs hold the words).

Keys are spelled out, never built from values, so Babel's extractor sees every one.
"""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _

from feedback_api.domain.enums import FitsWork, Role, WouldUse


def role_label(role: str) -> str:
    labels = {
        Role.RESIDENT.value: _("role.resident"),
        Role.CUSTOMER.value: _("role.customer"),
        Role.EMPLOYEE.value: _("role.employee"),
        Role.PARTNER.value: _("role.partner"),
    }
    return labels[role]


def language_name(code: str) -> str:
    """A language's name in that language itself ("Suomi", "Svenska", "English")."""
    return _("language.self_name", locale=code)


def answer_label(question: str, value: str) -> str:
    if question == "fits_work":
        return {
            FitsWork.YES.value: _("answer.fits_work.yes"),
            FitsWork.PARTLY.value: _("answer.fits_work.partly"),
            FitsWork.NO.value: _("answer.fits_work.no"),
        }[value]
    return {
        WouldUse.YES.value: _("answer.would_use.yes"),
        WouldUse.MAYBE.value: _("answer.would_use.maybe"),
        WouldUse.NO.value: _("answer.would_use.no"),
    }[value]


def question_text(question: str) -> str:
    if question == "fits_work":
        return _("question.fits_work")
    return _("question.would_use")


def comment_prompt(role: str) -> str:
    """The free-text question, worded for who is answering."""
    if role == Role.EMPLOYEE.value:
        return _("comment.prompt.employee")
    if role == Role.PARTNER.value:
        return _("comment.prompt.partner")
    return _("comment.prompt.resident")
