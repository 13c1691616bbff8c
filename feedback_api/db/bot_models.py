"""Tables of the Telegram channel: conversation state and processed updates.

Neither holds a Telegram user or chat id: conversation state is keyed by an HMAC of the
aiogram storage key, and an update id is Telegram's counter, not a person.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from feedback_api.db.base import Base, UTCDateTime, utcnow


class BotStateRecord(Base):
    """One conversation's FSM state and data (aiogram's storage), keyed by a keyed hash."""

    __tablename__ = "bot_states"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    state: Mapped[str | None] = mapped_column(String(200))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow, index=True
    )


class BotProcessedUpdate(Base):
    """An update the bot has handled; written in the same transaction as the update's work."""

    __tablename__ = "bot_processed_updates"

    bot_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    processed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
