"""How many ideas one person may send in a while (SUBMIT_RATE_LIMIT), for every channel alike.

The count is the submitter's own ideas in the database, so every process sees the same figure without a shared
cache, and a restart forgets nothing. Retried deliveries of the same submission never reach this check: intake
answers them with the idea already stored.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from core.errors import RateLimited
from storage.models import Submitter, utcnow
from storage.queries import lock_submitter, nth_newest_idea_since

PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
OFF = frozenset({"off", "none", "0"})
_FORMAT = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*(second|minute|hour|day)s?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class RateLimit:
    count: int
    period: timedelta
    text: str  # as configured, for messages

    @property
    def seconds(self) -> int:
        return int(self.period.total_seconds())


def parse_rate(value: str) -> RateLimit | None:
    """'10/minute', '100/hour', '30/5minutes'; 'off' turns the limit off. Anything else raises ValueError."""
    if value.strip().lower() in OFF:
        return None
    found = _FORMAT.match(value)
    if not found or int(found.group(1)) < 1 or found.group(2) == "0":
        raise ValueError(f"'{value}' is not a rate like '10/minute', '100/hour' or '30/5minutes' (or 'off')")
    multiple = int(found.group(2) or 1)
    period = timedelta(seconds=multiple * PERIODS[found.group(3).lower()])
    return RateLimit(count=int(found.group(1)), period=period, text=value.strip())


def check_submission(*, session: Session, submitter: Submitter | None, limit: RateLimit | None,
                     now: datetime | None = None) -> None:
    """Raise RateLimited when `submitter` already sent `limit.count` ideas within `limit.period`.

    Locks the submitter's row first (PostgreSQL), so two processes taking in the same person's ideas at once
    count one after the other instead of both seeing room for one more. SQLite's write lock does the same.
    """
    if limit is None or submitter is None or submitter.id is None:
        return
    now = now or utcnow()
    lock_submitter(session, submitter.id)
    # The limit-th newest idea in the window: while it is inside the window, there is no room for another.
    blocking = nth_newest_idea_since(session, submitter_id=submitter.id, since=now - limit.period, n=limit.count)
    if blocking is None:
        return
    retry_after = max(1, math.ceil((blocking + limit.period - now).total_seconds()))
    raise RateLimited(f"You have sent {limit.count} ideas within {_period_text(limit.period)}, the most allowed "
                      f"({limit.text}). Try again in {retry_after} seconds.", retry_after=retry_after)


def _period_text(period: timedelta) -> str:
    seconds = int(period.total_seconds())
    for name, size in reversed(PERIODS.items()):
        if seconds % size == 0:
            n = seconds // size
            return f"1 {name}" if n == 1 else f"{n} {name}s"
    return f"{seconds} seconds"
