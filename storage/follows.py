"""Who follows an idea, how each follower wants to be told, and the news waiting for their digest."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from storage.models import Digest, Follow, FollowNews, Idea, Identity, NotificationSetting, Support


def choices(session: Session, idea_ids: Sequence[int], submitter_ids: Sequence[int]) -> dict[int, bool]:
    """The person's own choice per idea (any of their rows; not following wins), where they made one."""
    if not idea_ids or not submitter_ids:
        return {}
    found: dict[int, bool] = {}
    for idea_id, following in session.execute(select(Follow.idea_id, Follow.following).where(
            Follow.idea_id.in_(idea_ids), Follow.submitter_id.in_(submitter_ids))):
        found[idea_id] = found.get(idea_id, True) and following
    return found


def choose(session: Session, *, idea_id: int, submitter_ids: Sequence[int], following: bool) -> None:
    """Replace the person's choice. Not following is written on every row of theirs, so whichever row the idea or
    a support names, it is left out (`followers`)."""
    session.execute(delete(Follow).where(Follow.idea_id == idea_id, Follow.submitter_id.in_(submitter_ids))
                    .execution_options(synchronize_session=False))
    for submitter_id in ([min(submitter_ids)] if following else submitter_ids):
        session.add(Follow(idea_id=idea_id, submitter_id=submitter_id, following=following))
    session.flush()


def followers(session: Session, idea: Idea) -> list[int]:
    """Submitter rows following the idea: its sender and supporters unless they said no, and those who said yes."""
    rows = {person: yes for person, yes in session.execute(
        select(Follow.submitter_id, Follow.following).where(Follow.idea_id == idea.id))}
    supporters = set(session.scalars(select(Support.submitter_id).where(Support.idea_id == idea.id)))
    default = supporters | ({idea.submitter_id} if idea.submitter_id is not None else set())
    return sorted(person for person in default | {p for p, yes in rows.items() if yes} if rows.get(person, True))


def followed_by(session: Session, submitter_ids: Sequence[int]) -> list[int]:
    """The ideas the person follows, by default or by choice (not those they chose not to)."""
    if not submitter_ids:
        return []
    chosen = choices_of(session, submitter_ids)
    own = set(session.scalars(select(Idea.id).where(Idea.submitter_id.in_(submitter_ids))))
    supported = set(session.scalars(select(Support.idea_id).where(Support.submitter_id.in_(submitter_ids))))
    return sorted(i for i in own | supported | {i for i, yes in chosen.items() if yes} if chosen.get(i, True))


def choices_of(session: Session, submitter_ids: Sequence[int]) -> dict[int, bool]:
    found: dict[int, bool] = {}
    for idea_id, following in session.execute(select(Follow.idea_id, Follow.following)
                                              .where(Follow.submitter_id.in_(submitter_ids))):
        found[idea_id] = found.get(idea_id, True) and following
    return found


def follow_rows_of(session: Session, submitter_ids: Sequence[int]) -> list[Follow]:
    if not submitter_ids:
        return []
    return list(session.scalars(select(Follow).where(Follow.submitter_id.in_(submitter_ids)).order_by(Follow.id)))


def chat_identities(session: Session, submitter_ids: Iterable[int], channels: Sequence[str]) -> list[tuple[int, str]]:
    """(submitter id, channel) of each chat identity the rows have: where a follower is told."""
    ids = list(submitter_ids)
    if not ids:
        return []
    rows = session.execute(select(Identity.submitter_id, Identity.channel)
                           .where(Identity.submitter_id.in_(ids), Identity.channel.in_(channels))
                           .order_by(Identity.submitter_id, Identity.id))
    return [(submitter_id, str(channel)) for submitter_id, channel in rows]


def digests(session: Session, submitter_ids: Iterable[int]) -> dict[int, Digest]:
    ids = list(submitter_ids)
    if not ids:
        return {}
    return {person: digest for person, digest in session.execute(
        select(NotificationSetting.submitter_id, NotificationSetting.digest)
        .where(NotificationSetting.submitter_id.in_(ids)))}


def set_digest(session: Session, *, submitter_ids: Sequence[int], digest: Digest) -> None:
    """On every row of the person, so whichever of them follows an idea finds the choice."""
    found = {s.submitter_id: s for s in session.scalars(
        select(NotificationSetting).where(NotificationSetting.submitter_id.in_(submitter_ids)))}
    for submitter_id in submitter_ids:
        if submitter_id in found:
            found[submitter_id].digest = digest
        else:
            session.add(NotificationSetting(submitter_id=submitter_id, digest=digest))
    session.flush()


def add_news(session: Session, *, submitter_id: int, idea_id: int, payload: dict[str, Any]) -> None:
    session.add(FollowNews(submitter_id=submitter_id, idea_id=idea_id, payload=payload))


def waiting_news(session: Session, *, held: Sequence[Digest]) -> list[FollowNews]:
    """News waiting for a digest, oldest first, but for followers whose digest is one of `held` (not due yet): the
    weekly ones on a day that is not Monday. Locked, so two workers do not both send them."""
    query = select(FollowNews)
    if held:
        waiting = select(NotificationSetting.submitter_id).where(NotificationSetting.digest.in_(held))
        query = query.where(FollowNews.submitter_id.not_in(waiting))
    return list(session.scalars(query.order_by(FollowNews.submitter_id, FollowNews.created_at, FollowNews.id)
                                .with_for_update(skip_locked=True)))


def drop_news(session: Session, news: Sequence[FollowNews]) -> None:
    if news:
        session.execute(delete(FollowNews).where(FollowNews.id.in_([n.id for n in news]))
                        .execution_options(synchronize_session=False))


def forget_following_of(session: Session, submitter_ids: Sequence[int]) -> None:
    """"Slett meg": the person's follows, their digest setting and the news waiting for them."""
    if not submitter_ids:
        return
    for table in (Follow, NotificationSetting, FollowNews):
        session.execute(delete(table).where(table.submitter_id.in_(submitter_ids))
                        .execution_options(synchronize_session=False))
