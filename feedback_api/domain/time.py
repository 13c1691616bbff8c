"""Time in the city's zone: weekly and monthly figures use Europe/Helsinki dates."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

HELSINKI = ZoneInfo("Europe/Helsinki")


def local_date(moment: datetime) -> date:
    """The Europe/Helsinki calendar date of a moment."""
    return moment.astimezone(HELSINKI).date()
