"""Who took part, kept as it happens: one row per person, month, area and activity.

Participation (storage/participation.py) counts different people per month and area. Counted from the ideas,
supports and comments themselves that is a `COUNT(DISTINCT …)` over every row of a year, which took most of a
second at 100,000 ideas; kept here, it is a count of a few rows per person read off the unique key.

A row is written by the listeners below whenever an idea, a support or a colleague's comment is inserted, whatever
the path (a use case, the seed, a test), in the area the idea is in at that moment. Taking part is an act that
happened: moving the idea later or taking a support back does not undo it. Besides its own area, every act is also
kept under ALL_AREAS (a person active in two areas counts once over all) and as ANY (someone who both sent and
supported counts once among those taking part). Erasing a person removes their rows (core/privacy.py).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, ForeignKey, String, UniqueConstraint, event, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, mapped_column, object_session
from sqlalchemy.orm.util import identity_key

from storage.models.base import Base
from storage.models.discussion import Comment, Voice
from storage.models.ideas import Idea, Support

ALL_AREAS = "*"  # every area together
TRIAGE = ""  # not yet in an area: a key column cannot be NULL and still be unique
ANY = "participated"  # any of the activities
SENT, SUPPORTED, COMMENTED = "sent", "supported", "commented"
ACTIVITIES = (SENT, SUPPORTED, COMMENTED)


class Participation(Base):
    __tablename__ = "participation"
    # The unique key is also the index the counts are read from: month first, the person last.
    __table_args__ = (UniqueConstraint("month", "area", "activity", "submitter_id",
                                       name="uq_participation_month_area_activity_person"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[str] = mapped_column(String(7))  # YYYY-MM, UTC
    area: Mapped[str] = mapped_column(String(64))  # a focus area, TRIAGE or ALL_AREAS
    activity: Mapped[str] = mapped_column(String(16))  # one of ACTIVITIES, or ANY
    submitter_id: Mapped[int] = mapped_column(ForeignKey("submitters.id", ondelete="CASCADE"), index=True)


def month_of(when: datetime) -> str:
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone(UTC).strftime("%Y-%m")


def rows_for(*, person: int, area: str | None, activity: str, when: datetime) -> list[dict[str, Any]]:
    """The four rows one act is kept as: its area and every area, as itself and as taking part at all."""
    month = month_of(when)
    return [{"month": month, "area": where, "activity": what, "submitter_id": person}
            for where in (area or TRIAGE, ALL_AREAS) for what in (activity, ANY)]


def keep(connection: Connection, rows: list[dict[str, Any]]) -> None:
    """Insert the rows that are not there yet; one statement, safe against a concurrent writer of the same row."""
    if not rows:
        return
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    connection.execute(dialect.insert(Participation).on_conflict_do_nothing(), rows)


def _area_of(connection: Connection, act: Support | Comment) -> str | None:
    """The area of the idea acted on: from the session when the use case holds the idea (a support locks it, and
    every moment inside that lock makes the next supporter wait), else read."""
    session = object_session(act)
    idea = session.identity_map.get(identity_key(Idea, act.idea_id)) if session is not None else None
    if isinstance(idea, Idea) and "focus_area" in idea.__dict__:
        return idea.focus_area
    return connection.scalar(select(Idea.focus_area).where(Idea.id == act.idea_id))


@event.listens_for(Idea, "after_insert")
def _sent(_mapper: Any, connection: Connection, idea: Idea) -> None:
    if idea.submitter_id is not None:
        keep(connection, rows_for(person=idea.submitter_id, area=idea.focus_area, activity=SENT,
                                  when=idea.created_at))


@event.listens_for(Support, "after_insert")
def _supported(_mapper: Any, connection: Connection, support: Support) -> None:
    keep(connection, rows_for(person=support.submitter_id, area=_area_of(connection, support),
                              activity=SUPPORTED, when=support.created_at))


@event.listens_for(Comment, "after_insert")
def _commented(_mapper: Any, connection: Connection, comment: Comment) -> None:
    # A handler's official answer is their work, not taking part.
    if comment.submitter_id is not None and comment.voice != Voice.HANDLER:
        keep(connection, rows_for(person=comment.submitter_id, area=_area_of(connection, comment),
                                  activity=COMMENTED, when=comment.created_at))

