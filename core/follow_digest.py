"""Daily and weekly digests for followers: the news of the ideas they follow (core/notify.py `tell_followers`),
gathered into one message per person in their chat.

Sent every morning at 07:00 Europe/Oslo to those who chose daily, and on Monday mornings also to those who chose
weekly (someone who since chose "at once" gets what waited for them at the next morning). One pass per day, also
with several workers: the day's marker is a unique key. Followers without a chat identity (the web only) read
the news on the board; theirs is dropped.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from core.locale import TIME_ZONE
from core.notify import CHAT_CHANNELS, Kind
from core.outbox import enqueue
from storage.follows import chat_identities, digests, drop_news, waiting_news
from storage.models import Channel, Digest, FollowNews, ProcessedKey, utcnow
from storage.queries import key_seen

log = logging.getLogger(__name__)

SEND_AT = time(7, 0)
MAX_ITEMS = 50  # in one message; a follower of very many ideas is told the rest in numbers


def enqueue_follow_digests(*, session: Session, now: datetime | None = None) -> int:
    """Queue the morning's digests; returns how many notifications. A second call the same day queues none."""
    now = now or utcnow()
    local = now.astimezone(TIME_ZONE)
    marker = f"follow-digest:{local.date().isoformat()}"
    if key_seen(session, marker):
        return 0
    session.add(ProcessedKey(key=marker))
    session.flush()
    news = waiting_news(session, held=[] if local.weekday() == 0 else [Digest.WEEKLY])
    per_person: dict[int, list[FollowNews]] = defaultdict(list)
    for item in news:
        per_person[item.submitter_id].append(item)
    chosen = digests(session, per_person)
    queued = 0
    for submitter_id, channel in chat_identities(session, per_person, [c.value for c in CHAT_CHANNELS]):
        items = per_person[submitter_id]
        period = chosen.get(submitter_id, Digest.DAILY)
        enqueue(session=session, idea=None, kind=Kind.FOLLOW_DIGEST, channel=Channel(channel),
                recipient=f"submitter:{submitter_id}",
                payload={"period": (Digest.DAILY if period is Digest.IMMEDIATE else period).value,
                         "items": [{**item.payload, "idea_id": item.idea_id} for item in items[:MAX_ITEMS]],
                         "more": max(len(items) - MAX_ITEMS, 0)})
        queued += 1
    drop_news(session, news)
    return queued


@dataclass
class DailySchedule:
    """Due from 07:00 local time until the day's digests are queued; remembers the day to skip the database."""

    done_day: date | None = None

    def due(self, now: datetime) -> bool:
        local = now.astimezone(TIME_ZONE)
        return self.done_day != local.date() and local.time() >= SEND_AT

    def run_if_due(self, *, session_factory: sessionmaker[Session], now: datetime | None = None) -> int | None:
        now = now or utcnow()
        if not self.due(now):
            return None
        try:
            with session_factory.begin() as session:
                queued = enqueue_follow_digests(session=session, now=now)
        except IntegrityError:  # another worker wrote the day's marker first: it sends them
            self.done_day = now.astimezone(TIME_ZONE).date()
            return 0
        except Exception:  # the database may be briefly away: try again on the next pass
            log.exception("follow digest failed")
            return None
        self.done_day = now.astimezone(TIME_ZONE).date()
        if queued:
            log.info("follow digests %s: %d notifications queued", self.done_day, queued)
        return queued
