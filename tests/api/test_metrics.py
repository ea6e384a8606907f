"""GET /metrics as Prometheus scrapes it: only with METRICS_TOKEN, figures that move with the traffic, the outbox
as the database has it, the model in use, and counters added up across processes in multiprocess mode."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker

from api.app import create_app
from classifier import train
from core.model_classifier import ModelClassifier
from core.outbox import enqueue
from core.services import Services
from storage.migrate import upgrade
from storage.models import Channel, OutboxState
from tests.classifier.conftest import school_vs_building
from tests.conftest import LOTEN, ROOT, SECRET

TOKEN = "scrape-me-7d1c0e2b9a"
SCRAPE = {"Authorization": f"Bearer {TOKEN}"}
IDEA = "Sykkelparkering under tak ved Løten helsetun"


@pytest.fixture
def scraped(services: Services) -> Iterator[TestClient]:
    services.settings.metrics_token = TOKEN
    with TestClient(create_app(services)) as client:
        yield client


def scrape(client: TestClient) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    response = client.get("/metrics", headers=SCRAPE)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    return samples(response.text)


def samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    return {(s.name, frozenset(s.labels.items())): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def value(figures: dict, name: str, **labels: str) -> float:
    return figures.get((name, frozenset(labels.items())), 0.0)


def test_no_token_set_means_no_metrics_endpoint(client):
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", headers={"Authorization": "Bearer "}).status_code == 404


@pytest.mark.parametrize("header", [None, "Bearer wrong-token", f"Basic {TOKEN}", TOKEN, f"Bearer {TOKEN}x", "Bearer"])
def test_metrics_need_the_token(scraped, header):
    response = scraped.get("/metrics", headers={"Authorization": header} if header else {})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert "forslagskassa_" not in response.text


def test_counters_move_with_requests_and_ideas(scraped, token, classifier, session: Session):
    kari = token("employee", "kari", name="Kari Nordmann")
    before = scrape(scraped)
    classifier.focus_area = "helse-og-livskvalitet"
    routed = scraped.post("/api/v1/ideas", json={"text": IDEA}, headers=kari)
    classifier.focus_area = None
    abstained = scraped.post("/api/v1/ideas", json={"text": "Noe helt annet"}, headers=kari)
    assert (routed.status_code, abstained.status_code) == (201, 201)
    assert scraped.get(f"/api/v1/ideas/{routed.json()['id']}", headers=kari).status_code == 200
    assert scraped.post("/api/v1/ideas", json={"text": ""}, headers=kari).status_code == 422
    after = scrape(scraped)

    def moved(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    requests = "forslagskassa_http_requests_total"
    assert moved(requests, method="POST", route="/api/v1/ideas", status="201") == 2
    assert moved(requests, method="POST", route="/api/v1/ideas", status="422") == 1
    assert moved(requests, method="GET", route="/api/v1/ideas/{idea_id}", status="200") == 1
    latency = "forslagskassa_http_request_duration_seconds"
    assert moved(f"{latency}_count", method="POST", route="/api/v1/ideas", status="201") == 2
    assert moved(f"{latency}_bucket", method="POST", route="/api/v1/ideas", status="201", le="+Inf") == 2
    assert moved(f"{latency}_sum", method="POST", route="/api/v1/ideas", status="201") > 0
    assert moved("forslagskassa_ideas_submitted_total", channel="api") == 2
    assert moved("forslagskassa_ideas_submitted_total", channel="slack") == 0
    assert moved("forslagskassa_routing_decisions_total", outcome="routed") == 1
    assert moved("forslagskassa_routing_decisions_total", outcome="abstained") == 1
    # No path with an id, no idea text, no person in any label.
    text = scraped.get("/metrics", headers=SCRAPE).text
    for private in (IDEA, "Noe helt annet", "kari", "Kari", f"/api/v1/ideas/{routed.json()['id']}"):
        assert private not in text


def test_outbox_figures_are_read_from_the_database(scraped, session: Session):
    assert value(scrape(scraped), "forslagskassa_outbox_oldest_pending_seconds") == 0  # nothing waiting
    now = datetime.now(UTC)
    states = ["pending", "pending", "delivered", "dead"]
    for n, state in enumerate(states):
        message = enqueue(session=session, idea=None, kind="idea_received", channel=Channel.SLACK,
                          recipient=f"user:U{n}", payload={})
        message.state, message.created_at = OutboxState(state), now - timedelta(hours=2 - n)
    session.commit()
    figures = scrape(scraped)
    for state in ("pending", "delivered", "dead"):
        assert value(figures, "forslagskassa_outbox_messages", state=state) == states.count(state)
    # The oldest pending one was queued two hours ago.
    assert 7200 <= value(figures, "forslagskassa_outbox_oldest_pending_seconds") < 7300


def test_a_database_that_does_not_answer_leaves_only_its_figures_out(services: Services, caplog):
    # Nothing listens on port 1: the connection is refused at once.
    services.session_factory = sessionmaker(bind=create_engine("postgresql+psycopg://nobody@127.0.0.1:1/none"))
    services.settings.metrics_token = TOKEN
    with TestClient(create_app(services)) as client:
        client.get("/healthz")
        figures = scrape(client)
    assert value(figures, "forslagskassa_http_requests_total", method="GET", route="/healthz", status="503") >= 1
    assert not [key for key in figures if key[0].startswith("forslagskassa_outbox")]
    assert "outbox figures left out" in caplog.text


def test_the_model_in_use_is_named(services: Services, tmp_path: Path):
    model = train(examples=school_vs_building(), labels=("skole", "bygg"))
    services.classifier = ModelClassifier(model=model, threshold=0.5, path=tmp_path / "model.skops",
                                       labels=["skole", "bygg"], stored_ideas=list)
    services.settings.metrics_token = TOKEN
    with TestClient(create_app(services)) as client:
        figures = scrape(client)
    meta = model.metadata
    info = {"version": meta.version, "trained_at": meta.trained_at, "design": meta.design}
    assert value(figures, "forslagskassa_model_info", **info) == 1
    trained = value(figures, "forslagskassa_model_trained_timestamp_seconds")
    assert trained == datetime.fromisoformat(meta.trained_at).timestamp()


# One process: a few requests, then a scrape. Run twice against the same PROMETHEUS_MULTIPROC_DIR.
ONE_PROCESS = """
from fastapi.testclient import TestClient
from api.app import create_app
from core.routing import TriageOnly
from core.services import build_services
from core.settings import get_settings

with TestClient(create_app(build_services(get_settings(), classifier=TriageOnly()))) as client:
    for _ in range({n}):
        assert client.get("/healthz").status_code == 200
    print(client.get("/metrics", headers={{"Authorization": "Bearer {token}"}}).text)
"""


def test_several_processes_are_added_up_in_multiprocess_mode(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    upgrade(url)
    shared = tmp_path / "prometheus"
    shared.mkdir()
    env = {"PATH": os.environ["PATH"], "PYTHONPATH": str(ROOT), "PROMETHEUS_MULTIPROC_DIR": str(shared),
           "DATABASE_URL": url, "DATA_DIR": str(tmp_path), "ORG_CONFIG": str(LOTEN), "SECRET_KEY": SECRET,
           "METRICS_TOKEN": TOKEN, "RUN_WORKER": "false"}
    outputs = []
    for n in (2, 3):  # cwd: no developer's .env is read
        run = subprocess.run([sys.executable, "-c", ONE_PROCESS.format(n=n, token=TOKEN)], cwd=tmp_path, env=env,
                             capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stderr[-3000:]
        outputs.append(samples(run.stdout))
    healthz = {"method": "GET", "route": "/healthz", "status": "200"}
    assert [value(o, "forslagskassa_http_requests_total", **healthz) for o in outputs] == [2, 5]
    assert value(outputs[1], "forslagskassa_http_request_duration_seconds_count", **healthz) == 5
    # The database's figures are read by the scraping process itself.
    assert value(outputs[1], "forslagskassa_outbox_messages", state="pending") == 0
