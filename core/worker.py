"""The outbox worker loop, for `forslagskassa worker` and the background task in `serve`."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from core.digest import WeeklySchedule
from core.follow_digest import DailySchedule
from core.outbox import deliver_due
from core.package_reminders import DailyReminders
from core.services import Services

log = logging.getLogger(__name__)

IDLE_SECONDS = 1.0


async def run_outbox_worker(services: Services, *, stop: asyncio.Event) -> None:
    """Deliver until `stop` is set; a failing pass is logged and the loop goes on. Queues the weekly digest, the
    reminders of packages below their share and the followers' digests too."""
    digest, reminders, followers = WeeklySchedule(), DailyReminders(), DailySchedule()
    while not stop.is_set():
        # Database steps run in a thread: waiting for SQLite's write lock must not stall the event loop that
        # also answers Slack, Teams and the web.
        await asyncio.to_thread(digest.run_if_due, session_factory=services.session_factory, org=services.org)
        await asyncio.to_thread(reminders.run_if_due, session_factory=services.session_factory, org=services.org)
        await asyncio.to_thread(followers.run_if_due, session_factory=services.session_factory)
        try:
            delivered = await deliver_due(session_factory=services.session_factory, notifiers=services.notifiers,
                                          give_up_after=services.give_up_after, run_sync=asyncio.to_thread)
        except Exception:  # the database may be briefly away; the next pass tries again
            log.exception("outbox pass failed")
            delivered = 0
        if not delivered:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=IDLE_SECONDS)
