"""The people who send ideas and the channel identities they are reached by."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models.base import Base, Channel, enum_column, utcnow


class Submitter(Base):
    """A person who sends ideas. Reached through one or more channel identities."""

    __tablename__ = "submitters"

    id: Mapped[int] = mapped_column(primary_key=True)
    display_name: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    locale: Mapped[str] = mapped_column(String(8), default="nb")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    erased_at: Mapped[datetime | None]

    identities: Mapped[list[Identity]] = relationship(back_populates="submitter", cascade="all, delete-orphan")


class Identity(Base):
    """One way to reach a submitter: a Slack user, a Teams AAD object id, a web login."""

    __tablename__ = "identities"
    __table_args__ = (UniqueConstraint("channel", "external_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    submitter_id: Mapped[int] = mapped_column(ForeignKey("submitters.id", ondelete="CASCADE"), index=True)
    channel: Mapped[Channel] = mapped_column(enum_column(Channel))
    external_id: Mapped[str] = mapped_column(String(200))
    # Channel-specific delivery data, e.g. a Teams conversation reference or a Slack DM channel id.
    address: Mapped[dict[str, Any] | None]
    # An e-mail the channel vouched the person owns (lowercased): identities with the same one are one person
    # (storage.identities.people_behind). Indexed: every look-up of a person's own ideas asks for it.
    verified_email: Mapped[str | None] = mapped_column(String(320), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    submitter: Mapped[Submitter] = relationship(back_populates="identities")
