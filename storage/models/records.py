"""Records kept beside the ideas: the audit log of personal data and the counts of steered messages."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, Channel, enum_column, utcnow


class AuditEntry(Base):
    """Who did what with personal data (an export, an erasure), for administrators to read. Append-only.

    Holds internal numbers and counts only: an erasure must not leave behind the name it erased.
    """

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    action: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(100))
    subject: Mapped[str | None] = mapped_column(String(100))
    via: Mapped[Channel] = mapped_column(enum_column(Channel))
    detail: Mapped[dict[str, Any] | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class SteeredCount(Base):
    """How many messages that were not ideas were steered elsewhere, per month, intent and channel. Counts only:
    the messages themselves are never stored (a report of wrongdoing above all)."""

    __tablename__ = "steered_counts"

    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # YYYY-MM, UTC
    intent: Mapped[str] = mapped_column(String(32), primary_key=True)
    channel: Mapped[Channel] = mapped_column(enum_column(Channel), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
