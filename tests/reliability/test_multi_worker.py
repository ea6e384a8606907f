"""Several outbox workers against one database — each its own thread, event loop and engine, like separate
`forslagskassa worker` processes — send every notification exactly once, also when the platform is slow.
"""

from __future__ import annotations

import asyncio
import threading
from collections import Counter
from pathlib import Path

from core import intake
from core.outbox import Notification, enqueue
from core.services import Services
from storage.models import Channel, OutboxState
from tests.bot.slack.fake_slack import FakeSlack
from tests.reliability.conftest import (
    WorkerThread,
    delivered_by_slack,
    outbox_states,
    slack_services,
    wait_until,
)

WORKERS = 3


class SlowRecorder:
    """A notifier taking 5 ms per message; records who sent what, across all workers."""

    def __init__(self, name: str, sent: list[tuple[str, int]], lock: threading.Lock) -> None:
        self.name, self.sent, self.lock = name, sent, lock

    async def deliver(self, notification: Notification) -> None:
        await asyncio.sleep(0.005)
        with self.lock:
            self.sent.append((self.name, notification.id))


def queue(services: Services, count: int) -> None:
    with services.session_factory.begin() as session:
        for n in range(count):
            enqueue(session=session, idea=None, kind="test", channel=Channel.SLACK, recipient=f"user:U{n}",
                    payload={"n": n})


def all_sent(services: Services, total: int) -> bool:
    return outbox_states(services)[OutboxState.DELIVERED] == total


def run_workers(workers: list[WorkerThread], services: Services, total: int) -> None:
    for worker in workers:
        worker.start()
    try:
        wait_until(lambda: all_sent(services, total), timeout=60, what=f"{total} notifications delivered")
    finally:
        for worker in workers:
            worker.stop()


def test_three_workers_send_each_notification_once(own_database: str, fake_slack: FakeSlack, tmp_path: Path):
    watcher = slack_services(own_database, fake_slack.url, tmp_path)
    queue(watcher, 300)
    sent: list[tuple[str, int]] = []
    lock = threading.Lock()
    workers = []
    for n in range(WORKERS):
        services = slack_services(own_database, fake_slack.url, tmp_path)
        services.notifiers = {Channel.SLACK: SlowRecorder(f"worker-{n}", sent, lock)}
        workers.append(WorkerThread(services))

    run_workers(workers, watcher, 300)

    per_row = Counter(row for _, row in sent)
    assert len(per_row) == 300 and set(per_row.values()) == {1}, per_row.most_common(3)
    assert len({who for who, _ in sent}) >= 2, "the workers did not share the work"
    assert outbox_states(watcher) == Counter({OutboxState.DELIVERED: 300})
    watcher.close()


def test_three_workers_and_a_slow_slack_answer_each_idea_once(own_database: str, fake_slack: FakeSlack,
                                                              tmp_path: Path):
    watcher = slack_services(own_database, fake_slack.url, tmp_path)
    fake_slack.delay("chat.postMessage", 0.03)
    ideas = []
    for n in range(40):
        with watcher.session_factory.begin() as session:
            submitter = intake.SubmitterRef(channel=Channel.SLACK, external_id=f"UEMP{n % 7}")
            draft = intake.Draft(text=f"Forslag nummer {n}", submitter=submitter, channel=Channel.SLACK)
            ideas.append(intake.submit(session=session, draft=draft, classifier=watcher.classifier, org=watcher.org).id)
    workers = [WorkerThread(slack_services(own_database, fake_slack.url, tmp_path)) for _ in range(WORKERS)]

    run_workers(workers, watcher, 80)

    expected = {(kind, idea): 1 for idea in ideas for kind in ("idea_received", "idea_routed")}
    assert dict(delivered_by_slack(fake_slack)) == expected
    watcher.close()
