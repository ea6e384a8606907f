"""The area package: the ideas a commissioner puts forward for their area's part of a phase's savings target,
in order, with its own history. One package per (focus area, phase); an idea is in at most one package of a phase.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models.base import Base, enum_column, utcnow


class PackageState(enum.StrEnum):
    DRAFT = "draft"  # the commissioner assembles it
    SUBMITTED = "submitted"  # handed to the chief executive (rådmann / kommunedirektør)
    ADOPTED = "adopted"  # the council adopted it (date and case reference): frozen


class PackageEventKind(enum.StrEnum):
    OPENED = "opened"
    IDEA_ADDED = "idea_added"
    IDEA_REMOVED = "idea_removed"
    REORDERED = "reordered"
    ASSESSED = "assessed"  # the commissioner's assessment of one idea, for the documents
    SUBMITTED = "submitted"
    SENT_BACK = "sent_back"
    ADOPTED = "adopted"


class Package(Base):
    __tablename__ = "packages"
    __table_args__ = (UniqueConstraint("focus_area", "phase"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    focus_area: Mapped[str] = mapped_column(String(64))
    phase: Mapped[str] = mapped_column(String(64), index=True)
    state: Mapped[PackageState] = mapped_column(enum_column(PackageState), default=PackageState.DRAFT)
    submitted_at: Mapped[datetime | None]
    adopted_on: Mapped[date | None] = mapped_column(Date)
    case_reference: Mapped[str | None] = mapped_column(String(64))  # the council's case, e.g. "PS 45/27"
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    items: Mapped[list[PackageItem]] = relationship(
        back_populates="package", order_by="PackageItem.position", cascade="all, delete-orphan")


class PackageItem(Base):
    """One idea in a package, at its place. `phase` repeats the package's, so the unique key keeps an idea in at
    most one package of a phase even when two requests add it at once."""

    __tablename__ = "package_items"
    __table_args__ = (UniqueConstraint("phase", "idea_id"),
                      Index("ix_package_items_package_id_position", "package_id", "position"),
                      Index("ix_package_items_idea_id", "idea_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    package_id: Mapped[int] = mapped_column(ForeignKey("packages.id", ondelete="CASCADE"))
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"))
    phase: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer)
    # The commissioner's assessment of the idea as part of the package, printed in the documents.
    assessment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    package: Mapped[Package] = relationship(back_populates="items")


class PackageEvent(Base):
    """Append-only history of a package: opened, ideas added, removed and reordered, submitted, sent back,
    adopted. The ideas' own histories get their events too (storage.models.EventKind)."""

    __tablename__ = "package_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    package_id: Mapped[int] = mapped_column(ForeignKey("packages.id", ondelete="CASCADE"), index=True)
    kind: Mapped[PackageEventKind] = mapped_column(enum_column(PackageEventKind))
    actor: Mapped[str] = mapped_column(String(100))
    idea_id: Mapped[int | None] = mapped_column(ForeignKey("ideas.id", ondelete="SET NULL"))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
