"""Colleagues' discussion of a shared idea, reports of its comments, and who follows an idea and how they want to
be told (core/comments.py, core/following.py)."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, enum_column, utcnow


class Voice(enum.StrEnum):
    """How a comment is signed: never who sent the idea, whatever it was sent as."""

    COLLEAGUE = "colleague"  # under the colleague's own name
    SUBMITTER = "submitter"  # "innsender": the idea's sender, never named
    HANDLER = "handler"  # the area's commissioner or an administrator: the official answer


class Digest(enum.StrEnum):
    """When a follower is told of what happens to the ideas they follow."""

    IMMEDIATE = "immediate"
    DAILY = "daily"
    WEEKLY = "weekly"


class Comment(Base):
    __tablename__ = "comments"
    __table_args__ = (Index("ix_comments_idea_id_created_at", "idea_id", "created_at"),
                      Index("ix_comments_submitter_id_created_at", "submitter_id", "created_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"))
    # The writer's person row: for their rate limit, their copy and erasure. Never shown; None once erased.
    submitter_id: Mapped[int | None] = mapped_column(ForeignKey("submitters.id", ondelete="SET NULL"))
    voice: Mapped[Voice] = mapped_column(enum_column(Voice))
    # The name the comment is signed with (a colleague's or a handler's), kept as written; None for "innsender".
    author_name: Mapped[str | None] = mapped_column(String(200))
    staff_id: Mapped[str | None] = mapped_column(String(64))  # the handler's org-config id
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    hidden_at: Mapped[datetime | None]
    hidden_by: Mapped[str | None] = mapped_column(String(100))  # "admin:<id>", or "reports"


class CommentReport(Base):
    """One person's report of a comment; enough of them hide it (the org config's comments.hide_after_reports)."""

    __tablename__ = "comment_reports"
    __table_args__ = (UniqueConstraint("comment_id", "submitter_id"),
                      Index("ix_comment_reports_submitter_id", "submitter_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"))
    submitter_id: Mapped[int] = mapped_column(ForeignKey("submitters.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Follow(Base):
    """A person's own choice about one idea: following it (True) or not (False). Without a row the submitter and
    supporters follow it, and nobody else does."""

    __tablename__ = "follows"
    __table_args__ = (UniqueConstraint("idea_id", "submitter_id"), Index("ix_follows_submitter_id", "submitter_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"))
    submitter_id: Mapped[int] = mapped_column(ForeignKey("submitters.id", ondelete="CASCADE"))
    following: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class NotificationSetting(Base):
    """How a person wants news of the ideas they follow: at once, or gathered daily or weekly."""

    __tablename__ = "notification_settings"

    submitter_id: Mapped[int] = mapped_column(ForeignKey("submitters.id", ondelete="CASCADE"), primary_key=True)
    digest: Mapped[Digest] = mapped_column(enum_column(Digest))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class FollowNews(Base):
    """News of a followed idea waiting for its follower's daily or weekly digest."""

    __tablename__ = "follow_news"
    __table_args__ = (Index("ix_follow_news_submitter_id", "submitter_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    submitter_id: Mapped[int] = mapped_column(ForeignKey("submitters.id", ondelete="CASCADE"))
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"), index=True)
    payload: Mapped[dict[str, Any]]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
