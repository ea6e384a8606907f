"""Log lines as an operator reads them: LOG_FORMAT=json gives one JSON object per line, each request one access
line with its request id and route template — and nothing of what people wrote, searched for or who they are."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from api.app import create_app
from core.logs import configure_logging
from core.services import Services
from core.settings import Settings

IDEA = "Lysløypa ved Kjølberg bør få LED-lys med bevegelsessensor"
SEARCH = "bevegelsessensor"


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    uvicorn = [logging.getLogger(name) for name in ("uvicorn", "uvicorn.error", "uvicorn.access")]
    saved = (root.handlers[:], root.level, [(lg.handlers[:], lg.propagate) for lg in uvicorn])
    yield
    root.handlers[:], root.level = saved[0], saved[1]
    for logger, (handlers, propagate) in zip(uvicorn, saved[2], strict=True):
        logger.handlers[:], logger.propagate = handlers, propagate


@pytest.fixture
def json_log(restore_logging: None) -> io.StringIO:
    out = io.StringIO()
    configure_logging(level="INFO", log_format="json", stream=out)
    return out


def lines(out: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.getvalue().splitlines()]


def access_lines(out: io.StringIO) -> list[dict[str, object]]:
    return [line for line in lines(out) if line["logger"] == "forslagskassa.access"]


def test_each_request_is_one_json_access_line_with_the_route_template(client, token, json_log):
    kari = token("employee", "kari", name="Kari Nordmann")
    created = client.post("/api/v1/ideas", json={"text": IDEA}, headers=kari)
    assert created.status_code == 201
    shown = client.get(f"/api/v1/ideas/{created.json()['id']}", headers=kari)
    found = client.get("/api/v1/ideas", params={"q": SEARCH, "page_size": 5}, headers=kari)
    assert found.json()["total"] == 1

    entries = access_lines(json_log)
    assert [(e["method"], e["route"], e["status"]) for e in entries] == [
        ("POST", "/api/v1/ideas", 201), ("GET", "/api/v1/ideas/{idea_id}", 200), ("GET", "/api/v1/ideas", 200)]
    for entry, response in zip(entries, (created, shown, found), strict=True):
        assert {"time", "level", "logger", "message", "request_id", "duration_ms"} <= set(entry)
        assert entry["level"] == "INFO" and isinstance(entry["duration_ms"], float) and entry["duration_ms"] >= 0
        assert entry["request_id"] == response.headers["X-Request-ID"]
    assert len({e["request_id"] for e in entries}) == 3
    written = json_log.getvalue()
    # Not the idea, not the search words or the query string, not the idea's id in a path, not the person.
    for private in (IDEA, SEARCH, "page_size", f"/ideas/{created.json()['id']}", "Kari", "kari"):
        assert private not in written


def test_refused_unknown_and_static_requests_are_logged_without_their_path(client, json_log):
    assert client.get("/no/such/page/kari.nordmann@loten.kommune.no").status_code == 404
    too_big = client.post("/api/v1/ideas", content=b"x" * 300_000, headers={"Content-Type": "application/json"})
    assert too_big.status_code == 413
    assert client.get("/static/app.css").status_code == 200
    assert [(e["route"], e["status"]) for e in access_lines(json_log)] == [
        ("unmatched", 404), ("unmatched", 413), ("/static/{path}", 200)]
    assert "kari.nordmann" not in json_log.getvalue()


def test_a_sane_incoming_request_id_is_kept_and_anything_else_replaced(client, json_log):
    kept = client.get("/healthz", headers={"X-Request-ID": "lb-7f3a.2024:01"})
    assert kept.headers["X-Request-ID"] == "lb-7f3a.2024:01"
    for bad in ("has space", "<script>", "x" * 200, "-leading-dash", "æøå"):
        response = client.get("/healthz", headers={"X-Request-ID": bad.encode()})
        assert response.status_code == 200
        assert response.headers["X-Request-ID"] != bad and len(response.headers["X-Request-ID"]) == 32
    ids = [e["request_id"] for e in access_lines(json_log)]
    assert ids[0] == "lb-7f3a.2024:01" and len(set(ids)) == 6


def test_lines_written_while_serving_a_request_carry_its_request_id(services: Services, json_log):
    app = create_app(services)

    @app.get("/test-logs")
    def write_a_line() -> dict[str, str]:  # a sync route: it runs in a worker thread, as the API's routes do
        logging.getLogger("forslagskassa.test").warning("something the operator should see")
        return {}

    with TestClient(app) as client:
        response = client.get("/test-logs", headers={"X-Request-ID": "trace-1"})
    line = next(e for e in lines(json_log) if e["logger"] == "forslagskassa.test")
    assert line["request_id"] == "trace-1" == response.headers["X-Request-ID"]
    assert line["level"] == "WARNING" and line["message"] == "something the operator should see"


def test_an_exception_stays_inside_its_json_line(json_log):
    try:
        raise RuntimeError("database went away")
    except RuntimeError:
        logging.getLogger("forslagskassa.test").exception("outbox pass failed")
    (entry,) = lines(json_log)
    assert entry["message"] == "outbox pass failed"
    assert "RuntimeError: database went away" in entry["exception"]


def test_text_format_names_the_route_and_request_id(client, restore_logging):
    out = io.StringIO()
    configure_logging(level="INFO", log_format="text", stream=out)
    client.get("/healthz", headers={"X-Request-ID": "abc123"})
    (line,) = [line for line in out.getvalue().splitlines() if "forslagskassa.access" in line]
    assert "INFO forslagskassa.access: GET /healthz 200" in line and line.endswith("request_id=abc123")


def test_uvicorn_lines_go_through_the_same_format_and_its_access_line_is_off(json_log):
    logging.getLogger("uvicorn.error").info("Application startup complete.")
    logging.getLogger("uvicorn.access").info('127.0.0.1:5000 - "GET /api/v1/ideas?q=secret HTTP/1.1" 200')
    assert [(e["logger"], e["message"]) for e in lines(json_log)] == [
        ("uvicorn.error", "Application startup complete.")]


def test_log_format_setting_takes_text_or_json_only():
    assert Settings(_env_file=None, log_format="JSON").log_format == "json"
    assert Settings(_env_file=None).log_format == "text"
    with pytest.raises(ValidationError, match="log_format"):
        Settings(_env_file=None, log_format="xml")
