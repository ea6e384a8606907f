"""Comments on shared ideas and reports of them: reading, counting and each person's own rows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from storage.models import Comment, CommentReport
from storage.queries import MAX_ID


def comments_on(session: Session, idea_id: int) -> list[Comment]:
    """The idea's comments, oldest first (hidden ones too: what of them is shown is core/comments.py's to say)."""
    return list(session.scalars(select(Comment).where(Comment.idea_id == idea_id)
                                .order_by(Comment.created_at, Comment.id)))


def get_comment(session: Session, comment_id: int, *, for_update: bool = False) -> Comment | None:
    if not 0 < comment_id <= MAX_ID:
        return None
    query = select(Comment).where(Comment.id == comment_id)
    return session.scalars(query.with_for_update() if for_update else query).first()


def comment_counts(session: Session, idea_ids: Sequence[int]) -> dict[int, int]:
    """Shown (not hidden) comments per idea; ideas without any are left out."""
    if not idea_ids:
        return {}
    rows = session.execute(select(Comment.idea_id, func.count()).where(Comment.idea_id.in_(idea_ids),
                                                                     Comment.hidden_at.is_(None))
                           .group_by(Comment.idea_id))
    return {idea_id: int(n) for idea_id, n in rows}


def nth_newest_comment_since(session: Session, *, submitter_ids: Sequence[int], since: datetime,
                             n: int) -> datetime | None:
    """When the person's n-th newest comment within the window was written; None when they wrote fewer."""
    if not submitter_ids:
        return None
    return session.scalar(select(Comment.created_at)
                          .where(Comment.submitter_id.in_(submitter_ids), Comment.created_at > since)
                          .order_by(Comment.created_at.desc()).offset(n - 1).limit(1))


def reported_by(session: Session, comment_ids: Sequence[int], submitter_ids: Sequence[int]) -> set[int]:
    if not comment_ids or not submitter_ids:
        return set()
    return set(session.scalars(select(CommentReport.comment_id).where(
        CommentReport.comment_id.in_(comment_ids), CommentReport.submitter_id.in_(submitter_ids))))


def add_report(session: Session, *, comment_id: int, submitter_id: int) -> None:
    """One row; a second for the same person breaks the unique key (core/comments.py catches it)."""
    session.add(CommentReport(comment_id=comment_id, submitter_id=submitter_id))
    session.flush()


def report_count(session: Session, comment_id: int) -> int:
    return session.scalar(select(func.count()).select_from(CommentReport)
                          .where(CommentReport.comment_id == comment_id)) or 0


def comments_of(session: Session, submitter_ids: Sequence[int]) -> list[Comment]:
    """Every comment the person wrote, oldest first: for their copy of their data."""
    if not submitter_ids:
        return []
    return list(session.scalars(select(Comment).where(Comment.submitter_id.in_(submitter_ids))
                                .order_by(Comment.created_at, Comment.id)))


def reports_of(session: Session, submitter_ids: Sequence[int]) -> list[tuple[int, datetime]]:
    if not submitter_ids:
        return []
    rows = session.execute(select(CommentReport.comment_id, CommentReport.created_at)
                           .where(CommentReport.submitter_id.in_(submitter_ids)).order_by(CommentReport.id))
    return [(comment_id, when) for comment_id, when in rows]


def forget_comments_of(session: Session, submitter_ids: Sequence[int]) -> int:
    """"Slett meg": the person's reports go; their comments stay in the discussion others answered, cut from
    them (no person, no name). Returns how many comments were anonymised."""
    if not submitter_ids:
        return 0
    session.execute(delete(CommentReport).where(CommentReport.submitter_id.in_(submitter_ids))
                    .execution_options(synchronize_session=False))
    done = session.execute(update(Comment).where(Comment.submitter_id.in_(submitter_ids))
                           .values(submitter_id=None, author_name=None)
                           .execution_options(synchronize_session=False))
    return int(getattr(done, "rowcount", 0) or 0)
