"""Prometheus figures of the rules' side: ideas taken in, the classifier's decisions, the outbox, the model.

Counters are kept per process (prometheus-client's multiprocess mode adds them up across processes when
PROMETHEUS_MULTIPROC_DIR is set); the outbox and the model are read when scraped, from the database and the
serving process's classifier, so they are right whichever process did the work. No label holds anything a person
wrote or who they are: channels, outcomes and states are fixed sets.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from prometheus_client import Counter
from prometheus_client.core import GaugeMetricFamily, InfoMetricFamily, Metric
from prometheus_client.registry import Collector

from core.routing import Routing
from storage.models import Channel, OutboxState
from storage.stats import oldest_pending_at, outbox_counts

if TYPE_CHECKING:
    from core.services import Services

IDEAS_SUBMITTED = Counter("forslagskassa_ideas_submitted", "New ideas stored, by the channel they came in on.",
                          ["channel"])
ROUTING_DECISIONS = Counter("forslagskassa_routing_decisions",
                            "The classifier's decision on each new idea: routed to a focus area, or abstained "
                            "(to the triage queue).", ["outcome"])
for _channel in Channel:  # every series from the start, so a rate over the first idea is not lost
    IDEAS_SUBMITTED.labels(channel=_channel.value)
for _outcome in ("routed", "abstained"):
    ROUTING_DECISIONS.labels(outcome=_outcome)


def count_submission(channel: Channel, routing: Routing) -> None:
    """Called once a new idea is committed (a retried delivery of a stored one is not counted)."""
    IDEAS_SUBMITTED.labels(channel=channel.value).inc()
    ROUTING_DECISIONS.labels(outcome="abstained" if routing.abstained else "routed").inc()


class LiveFigures(Collector):
    """Read at each scrape: the outbox by state, the age of its oldest pending notification, the model in use."""

    def __init__(self, services: Services) -> None:
        self._services = services

    def collect(self) -> Iterator[Metric]:
        with self._services.session_factory() as session:
            counts = outbox_counts(session)
            oldest = oldest_pending_at(session)
        by_state = GaugeMetricFamily("forslagskassa_outbox_messages", "Notifications in the outbox, by state "
                                     "(delivered only grows; dead ones need an administrator).", labels=["state"])
        for state in OutboxState:
            by_state.add_metric([state.value], counts[state.value])
        yield by_state
        waiting = (datetime.now(UTC) - oldest).total_seconds() if oldest else 0.0
        yield GaugeMetricFamily("forslagskassa_outbox_oldest_pending_seconds",
                                "How long the longest-waiting notification has been queued (0: none waiting).",
                                value=max(waiting, 0.0))
        yield from _model(self._services)


def _model(services: Services) -> Iterator[Metric]:
    metadata = getattr(services.classifier, "metadata", None)  # none when every idea goes to the triage queue
    if metadata is None:
        return
    info = InfoMetricFamily("forslagskassa_model", "The routing model in use.")
    info.add_metric([], {"version": metadata.version, "trained_at": metadata.trained_at, "design": metadata.design})
    yield info
    trained = GaugeMetricFamily("forslagskassa_model_trained_timestamp_seconds",
                                "When the routing model in use was trained (Unix time).")
    trained.add_metric([], datetime.fromisoformat(metadata.trained_at).timestamp())
    yield trained
