"""An idea, its append-only history, the routings people made of it, and colleagues' support."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, Float, ForeignKey, Index, String, Text, UniqueConstraint, event, false
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models.base import Base, Channel, EventKind, Status, enum_column, utcnow
from storage.models.people import Submitter


def _day_received(context: DefaultExecutionContext) -> date:
    created = context.get_current_parameters().get("created_at")
    return (created or utcnow()).astimezone(UTC).date()


class Idea(Base):
    __tablename__ = "ideas"
    __table_args__ = (
        Index("ix_ideas_status_created_at", "status", "created_at"),
        Index("ix_ideas_focus_area_created_at", "focus_area", "created_at"),
        # The statistics read these instead of the table (storage/stats.py): one pass over the first for the
        # counts, the median from the second, the ideas whose deadline passed unanswered from the third.
        Index("ix_ideas_stats", "status", "focus_area", "commissioner", "days_to_first_answer",
              "estimated_saving_nok"),
        Index("ix_ideas_days_to_first_answer", "days_to_first_answer"),
        Index("ix_ideas_unanswered", "first_answered_at", "created_at", "status", "commissioner"),
        # The follow-up per phase, area and unit (storage/progress.py), read off this without touching the table.
        Index("ix_ideas_follow_up", "phase", "focus_area", "unit", "status", "estimated_saving_nok",
              "realised_saving_nok"),
        # The orders every list is read in (storage/queries.py: newest day first, then by number).
        Index("ix_ideas_received_on", "received_on", "id"),
        Index("ix_ideas_status_received_on", "status", "received_on", "id"),
        Index("ix_ideas_focus_area_received_on", "focus_area", "received_on", "id"),
        # The board of shared ideas (storage/board.py), newest first, under the opt_in sharing policy.
        Index("ix_ideas_shared_received_on", "shared", "received_on", "id"),
        # The ideas merged into an original (core/merging.py), shown under it.
        Index("ix_ideas_duplicate_of_id", "duplicate_of_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str | None] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    focus_area: Mapped[str | None] = mapped_column(String(64))
    sub_topic: Mapped[str | None] = mapped_column(String(64))
    # The shared service category (config/shared/services.yaml) the classifier read the idea as.
    service: Mapped[str | None] = mapped_column(String(64))
    commissioner: Mapped[str | None] = mapped_column(String(64), index=True)
    confidence: Mapped[float | None] = mapped_column(Float)
    abstained: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[Status] = mapped_column(enum_column(Status), default=Status.RECEIVED)
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    # Shared with colleagues (the board) when the org's sharing policy is opt_in; core/actors.py decides.
    shared: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    channel: Mapped[Channel] = mapped_column(enum_column(Channel))
    submitter_id: Mapped[int | None] = mapped_column(
        ForeignKey("submitters.id", ondelete="SET NULL"), index=True
    )
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("ideas.id", ondelete="SET NULL"))
    estimated_saving_nok: Mapped[int | None] = mapped_column(BigInteger)
    # The org config's phase open the day the idea came in (None between phases), and the unit (virksomhet) its
    # saving counts towards, set by its handler.
    phase: Mapped[str | None] = mapped_column(String(64))
    unit: Mapped[str | None] = mapped_column(String(64))
    # The saving as a budget needs it (core/savings.py): the one-off cost, the budget year the saving takes effect,
    # amounts for single budget years overriding the annual estimate ({"2027": 125000}), a gain that is not
    # money (quality, working environment, climate), and what was saved, measured once it is implemented.
    one_off_cost_nok: Mapped[int | None] = mapped_column(BigInteger)
    effect_year: Mapped[int | None]
    effect_amounts: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    qualitative: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    qualitative_text: Mapped[str | None] = mapped_column(String(500))
    realised_saving_nok: Mapped[int | None] = mapped_column(BigInteger)
    realised_on: Mapped[date | None]
    similar: Mapped[list[Any] | None] = mapped_column(JSON)
    # Deduplicates retried deliveries of the same submission (Slack event_id, Idempotency-Key, ...).
    source_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # The day of created_at (UTC). Lists order by it and then by the idea's number, which is drawn at random
    # (queries.unused_idea_id): within a day, neither order nor number tells who sent an anonymous idea when.
    received_on: Mapped[date] = mapped_column(default=_day_received)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    first_answered_at: Mapped[datetime | None]
    # first_answered_at - created_at in days, kept by the listener below: statistics compare and sort it over
    # every idea, which per-row date arithmetic made cost hundreds of milliseconds at 100,000 ideas.
    days_to_first_answer: Mapped[float | None] = mapped_column(Float)

    submitter: Mapped[Submitter | None] = relationship()
    events: Mapped[list[Event]] = relationship(
        back_populates="idea", order_by="Event.id", cascade="all, delete-orphan"
    )


@event.listens_for(Idea, "before_insert")
@event.listens_for(Idea, "before_update")
def _days_to_first_answer(_mapper: Any, _connection: Any, idea: Idea) -> None:
    if idea.created_at is None:
        idea.created_at = utcnow()
    answered = idea.first_answered_at
    idea.days_to_first_answer = (answered - idea.created_at) / timedelta(days=1) if answered else None


class Event(Base):
    """Append-only history of an idea: every change, with actor, time, from/to and a note."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"), index=True)
    kind: Mapped[EventKind] = mapped_column(enum_column(EventKind))
    actor: Mapped[str] = mapped_column(String(100))
    from_value: Mapped[str | None] = mapped_column(String(64))
    to_value: Mapped[str | None] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    idea: Mapped[Idea] = relationship(back_populates="events")


class Correction(Base):
    """A routing made by a person: a labelled example for the next training."""

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int | None] = mapped_column(ForeignKey("ideas.id", ondelete="SET NULL"), index=True)
    text: Mapped[str] = mapped_column(Text)
    focus_area: Mapped[str] = mapped_column(String(64))
    predicted: Mapped[str | None] = mapped_column(String(64))
    # The service category the idea was read as: which of the org's habits the correction teaches.
    service: Mapped[str | None] = mapped_column(String(64))
    actor: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Support(Base):
    """One person's support of a shared idea. The person is their first submitter row (core/support.py), so the
    unique key counts someone known by several channel identities once."""

    __tablename__ = "supports"
    __table_args__ = (UniqueConstraint("idea_id", "submitter_id"),
                      Index("ix_supports_submitter_id", "submitter_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"))
    submitter_id: Mapped[int] = mapped_column(ForeignKey("submitters.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
