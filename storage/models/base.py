"""What every table shares: the declarative base with its naming convention, UTC times, and the enumerations."""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, DateTime, Enum, MetaData
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase
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
    # The saving as a budget needs it (core/saving_plan.py). Amounts for one year, and the realised saving, are
    # kept with their year or day: "2027:125000", "2027-03-01:250000" (core/savings.py: dated_amount).
    ONE_OFF_COST_SET = "one_off_cost_set"
    EFFECT_YEAR_SET = "effect_year_set"
    EFFECT_AMOUNT_SET = "effect_amount_set"
    QUALITATIVE_GAIN_SET = "qualitative_gain_set"  # to_value "true"/"false"; the note says what is gained
    SAVING_REALISED = "saving_realised"
    UNIT_SET = "unit_set"  # the unit (virksomhet) whose savings the idea counts towards
    MADE_ANONYMOUS = "made_anonymous"
    SUBMITTER_ERASED = "submitter_erased"
    SHARED = "shared"  # to_value "true"/"false": shown to colleagues on the board, or taken off it
    SUPPORT_CHANGED = "support_changed"  # to_value: the count after; the actor is never the supporter
    # The area package (storage/models/packages.py): the phase in from_value or to_value.
    PACKAGED = "packaged"  # put into its area's package of the phase in to_value
    UNPACKAGED = "unpackaged"  # taken out of the package of the phase in from_value
    PACKAGE_STATE = "package_state"  # its package went from_value -> to_value (draft, submitted)
    ADOPTED = "adopted"  # its package of the phase in to_value was adopted; the note is the council's case
    # to_value: the comment's id; the actor "colleague", "submitter" or the handler, never who sent the idea.
    COMMENTED = "commented"
    COMMENT_HIDDEN = "comment_hidden"  # to_value: the comment's id; actor the administrator or "reports"
    COMMENT_SHOWN = "comment_shown"  # an administrator showed a hidden comment again
    MERGED_AWAY = "merged_away"  # on a duplicate: to_value the original its supporters went to
    MERGED_IN = "merged_in"  # on the original: from_value the duplicate, to_value the support count after


class OutboxState(enum.StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    DEAD = "dead"


def enum_column(cls: type[enum.StrEnum]) -> Enum:
    # Stored as plain strings: adding a status later needs no ALTER TYPE on PostgreSQL.
    return Enum(cls, native_enum=False, length=32, values_callable=lambda e: [m.value for m in e])
