"""The tables: ideas, submitters and their channel identities, events, outbox, corrections."""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime, timedelta
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    event,
    false,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


def _day_received(context: DefaultExecutionContext) -> date:
    created = context.get_current_parameters().get("created_at")
    return (created or utcnow()).astimezone(UTC).date()


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC on every database: SQLite hands back naive values, so they are tagged on read."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime(), dict[str, Any]: JSON}


class Status(enum.StrEnum):
    RECEIVED = "received"
    IN_REVIEW = "in_review"
    ACCEPTED = "accepted"
    IMPLEMENTED = "implemented"
    DECLINED = "declined"
    DUPLICATE = "duplicate"
    WITHDRAWN = "withdrawn"


class Channel(enum.StrEnum):
    WEB = "web"
    API = "api"
    SLACK = "slack"
    TEAMS = "teams"


class EventKind(enum.StrEnum):
    RECEIVED = "received"
    STATUS_CHANGED = "status_changed"
    REROUTED = "rerouted"
    MOVE_REQUESTED = "move_requested"  # the submitter asks for another area; the handler decides
    MOVE_DECLINED = "move_declined"  # the handler keeps the idea where it is
    SAVING_ESTIMATED = "saving_estimated"
    UNIT_SET = "unit_set"  # the unit (virksomhet) whose savings the idea counts towards
    MADE_ANONYMOUS = "made_anonymous"
    SUBMITTER_ERASED = "submitter_erased"
    SHARED = "shared"  # to_value "true"/"false": shown to colleagues on the board, or taken off it
    SUPPORT_CHANGED = "support_changed"  # to_value: the count after; the actor is never the supporter


class OutboxState(enum.StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    DEAD = "dead"


def _enum(cls: type[enum.StrEnum]) -> Enum:
    # Stored as plain strings: adding a status later needs no ALTER TYPE on PostgreSQL.
    return Enum(cls, native_enum=False, length=32, values_callable=lambda e: [m.value for m in e])


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
    channel: Mapped[Channel] = mapped_column(_enum(Channel))
    external_id: Mapped[str] = mapped_column(String(200))
    # Channel-specific delivery data, e.g. a Teams conversation reference or a Slack DM channel id.
    address: Mapped[dict[str, Any] | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    submitter: Mapped[Submitter] = relationship(back_populates="identities")


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
        # The follow-up per phase and per unit (storage/stats.py), read off these without touching the table.
        Index("ix_ideas_phase_stats", "phase", "status", "estimated_saving_nok"),
        Index("ix_ideas_unit_stats", "unit", "status", "estimated_saving_nok"),
        # The orders every list is read in (storage/queries.py: newest day first, then by number).
        Index("ix_ideas_received_on", "received_on", "id"),
        Index("ix_ideas_status_received_on", "status", "received_on", "id"),
        Index("ix_ideas_focus_area_received_on", "focus_area", "received_on", "id"),
        # The board of shared ideas (storage/board.py), newest first, under the opt_in sharing policy.
        Index("ix_ideas_shared_received_on", "shared", "received_on", "id"),
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
    status: Mapped[Status] = mapped_column(_enum(Status), default=Status.RECEIVED)
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    # Shared with colleagues (the board) when the org's sharing policy is opt_in; core/actors.py decides.
    shared: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    channel: Mapped[Channel] = mapped_column(_enum(Channel))
    submitter_id: Mapped[int | None] = mapped_column(
        ForeignKey("submitters.id", ondelete="SET NULL"), index=True
    )
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("ideas.id", ondelete="SET NULL"))
    estimated_saving_nok: Mapped[int | None] = mapped_column(BigInteger)
    # The org config's phase open the day the idea came in (None between phases), and the unit (virksomhet) its
    # saving counts towards, set by its handler.
    phase: Mapped[str | None] = mapped_column(String(64))
    unit: Mapped[str | None] = mapped_column(String(64))
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
    kind: Mapped[EventKind] = mapped_column(_enum(EventKind))
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


class OutboxMessage(Base):
    """A notification written in the same transaction as the change that causes it."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_state_next_attempt_at", "state", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int | None] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    channel: Mapped[Channel] = mapped_column(_enum(Channel))
    recipient: Mapped[str] = mapped_column(String(200))
    payload: Mapped[dict[str, Any]]
    state: Mapped[OutboxState] = mapped_column(_enum(OutboxState), default=OutboxState.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    delivered_at: Mapped[datetime | None]


class ProcessedKey(Base):
    """Inbound deliveries already handled (a Slack event_id, a Teams activity id) that made no idea."""

    __tablename__ = "processed_keys"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AuditEntry(Base):
    """Who did what with personal data (an export, an erasure), for administrators to read. Append-only.

    Holds internal numbers and counts only: an erasure must not leave behind the name it erased.
    """

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    action: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(100))
    subject: Mapped[str | None] = mapped_column(String(100))
    via: Mapped[Channel] = mapped_column(_enum(Channel))
    detail: Mapped[dict[str, Any] | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class SteeredCount(Base):
    """How many messages that were not ideas were steered elsewhere, per month, intent and channel. Counts only:
    the messages themselves are never stored (a report of wrongdoing above all)."""

    __tablename__ = "steered_counts"

    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # YYYY-MM, UTC
    intent: Mapped[str] = mapped_column(String(32), primary_key=True)
    channel: Mapped[Channel] = mapped_column(_enum(Channel), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
