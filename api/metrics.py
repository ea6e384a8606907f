"""`GET /metrics` for Prometheus, and the HTTP figures behind it.

Served only when METRICS_TOKEN is set (otherwise the path does not exist: 404), and only to a request that
carries `Authorization: Bearer <METRICS_TOKEN>` (401 otherwise): the figures say how busy each area's
commissioners are, which is not for the public. With several processes serving (`serve --workers N`), each keeps
its own counters; prometheus-client's multiprocess mode, on when PROMETHEUS_MULTIPROC_DIR names an empty
directory at start, adds them up (docs/operations.md).
"""

from __future__ import annotations

import hmac
import logging
import os
from collections.abc import Iterator

from fastapi import APIRouter, FastAPI, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector
from sqlalchemy.exc import SQLAlchemyError

from api.deps import ServicesDep
from api.problems import problem
from core.metrics import LiveFigures
from core.services import Services

log = logging.getLogger(__name__)

LABELS = ["method", "route", "status"]
HTTP_REQUESTS = Counter("forslagskassa_http_requests", "HTTP requests answered, by route template and status.",
                        LABELS)
HTTP_DURATION = Histogram("forslagskassa_http_request_duration_seconds",
                          "Time to answer an HTTP request, by route template and status.", LABELS,
                          buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0))

router = APIRouter()


def observe_request(*, method: str, route: str, status: int, seconds: float) -> None:
    labels = (method, route, str(status))
    HTTP_REQUESTS.labels(*labels).inc()
    HTTP_DURATION.labels(*labels).observe(seconds)


def install(app: FastAPI, services: Services) -> None:
    if services.settings.metrics_token:
        app.include_router(router)


@router.get("/metrics", include_in_schema=False)
def metrics(request: Request, services: ServicesDep) -> Response:
    if not _authorised(request.headers.get("authorization", ""), services.settings.metrics_token):
        return problem(401, "Send 'Authorization: Bearer <METRICS_TOKEN>'.",
                       headers={"WWW-Authenticate": 'Bearer realm="metrics"'})
    registry = CollectorRegistry(auto_describe=False)
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(registry)
    else:
        registry.register(_ThisProcess())
    registry.register(_Guarded(LiveFigures(services)))
    return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)


def _authorised(header: str, token: str) -> bool:
    scheme, _, given = header.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode())


class _ThisProcess(Collector):
    """The default registry: this process's counters, plus its CPU, memory and garbage collector."""

    def collect(self) -> Iterator[Metric]:
        yield from REGISTRY.collect()


class _Guarded(Collector):
    """The database's figures when it answers; without them the rest is still worth a scrape."""

    def __init__(self, inner: Collector) -> None:
        self._inner = inner

    def collect(self) -> Iterator[Metric]:
        try:
            figures = list(self._inner.collect())
        except SQLAlchemyError as error:
            log.warning("metrics: the database did not answer (%s); outbox figures left out", type(error).__name__)
            figures = []
        yield from figures
