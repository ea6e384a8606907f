"""Response headers a browser acts on: HSTS behind https, no powerful features, nothing personal left in a cache."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from core.services import Services

DENIED_FEATURES = ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()", "browsing-topics=()")


@pytest.fixture
def staff(token):
    return token("admin", "forslagskassa-admin")


@pytest.fixture
def kari(token):
    return token("employee", "kari")


def client_with(services: Services, public_url: str) -> Iterator[TestClient]:
    settings = services.settings.model_copy(update={"public_url": public_url})
    services = dataclasses.replace(services, settings=settings)
    with TestClient(create_app(services)) as client:
        yield client


@pytest.fixture
def https_client(services: Services) -> Iterator[TestClient]:
    yield from client_with(services, "https://forslag.loten.kommune.no")


def responses(client: TestClient, kari: dict[str, str], staff: dict[str, str]) -> dict[str, object]:
    """One response of every kind: API (read, write, error), downloads, a page, a refusal, health."""
    created = client.post("/api/v1/ideas", json={"text": "Felles vikarpool"}, headers=kari)
    return {
        "api-create": created,
        "api-read": client.get(f"/api/v1/ideas/{created.json()['id']}", headers=staff),
        "api-list": client.get("/api/v1/ideas", headers=staff),
        "api-401": client.get("/api/v1/ideas"),
        "api-404": client.get("/api/v1/nothing-here", headers=staff),
        "csv-export": client.get("/api/v1/export.csv", headers=staff),
        "my-data": client.get("/api/v1/me/export", headers=kari),
        "page": client.get("/login"),
        "health": client.get("/healthz"),
    }


def test_every_response_denies_powerful_browser_features(client, kari, staff):
    for name, response in responses(client, kari, staff).items():
        policy = response.headers.get("permissions-policy", "")
        assert all(feature in policy for feature in DENIED_FEATURES), (name, policy)
        assert response.headers.get("x-content-type-options") == "nosniff", name


def test_api_responses_and_personal_downloads_are_never_cached(client, kari, staff):
    for name, response in responses(client, kari, staff).items():
        if name not in ("page", "health"):
            assert response.headers.get("cache-control") == "no-store", name
    # Pages show personal data too and keep their own no-store.
    assert client.get("/login").headers["cache-control"] == "no-store"


def test_hsts_is_sent_when_the_service_is_public_over_https(https_client, kari, staff):
    for name, response in responses(https_client, kari, staff).items():
        assert response.headers.get("strict-transport-security") == "max-age=31536000; includeSubDomains", name


@pytest.mark.parametrize("public_url", ["", "http://127.0.0.1:8000"], ids=["unset", "http"])
def test_no_hsts_without_https(services, kari, staff, public_url):
    for client in client_with(services, public_url):
        for name, response in responses(client, kari, staff).items():
            assert "strict-transport-security" not in response.headers, name


def test_an_oversized_body_is_refused_with_the_same_headers(https_client, kari):
    response = https_client.post("/api/v1/ideas", content=b"x" * 300_000,
                                 headers={**kari, "Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.headers["cache-control"] == "no-store"
    assert "camera=()" in response.headers["permissions-policy"]
    assert response.headers["strict-transport-security"].startswith("max-age=31536000")
