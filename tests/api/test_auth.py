"""Tokens: only ours, unexpired, untampered, for people the org config knows."""

from datetime import UTC, datetime, timedelta

import jwt
import pytest

from tests.conftest import SECRET


def claims(**override):
    now = datetime.now(UTC)
    return {"iss": "forslagskassa", "sub": "kari", "role": "employee", "iat": now, "exp": now + timedelta(hours=1),
            **override}


def call(client, token):
    return client.get("/api/v1/ideas", headers={"Authorization": f"Bearer {token}"})


def test_a_valid_token_is_accepted(client):
    assert call(client, jwt.encode(claims(), SECRET, algorithm="HS256")).status_code == 200


@pytest.mark.parametrize(
    ("token", "reason"),
    [
        (jwt.encode(claims(exp=datetime.now(UTC) - timedelta(seconds=1)), SECRET, algorithm="HS256"), "expired"),
        (jwt.encode(claims(), "another-secret-that-is-also-long-enough", algorithm="HS256"), "not valid"),
        (jwt.encode(claims(), None, algorithm="none"), "not valid"),
        (jwt.encode(claims(role="superuser"), SECRET, algorithm="HS256"), "not valid"),
        (jwt.encode(claims(role="commissioner", sub="someone-else"), SECRET, algorithm="HS256"), "not valid"),
        (jwt.encode(claims(iss="elsewhere"), SECRET, algorithm="HS256"), "not valid"),
        ("not-a-jwt", "not valid"),
    ],
    ids=["expired", "wrong-key", "alg-none", "unknown-role", "unknown-commissioner", "wrong-issuer", "garbage"],
)
def test_bad_tokens_are_refused_with_a_problem(client, token, reason):
    response = call(client, token)
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert reason in response.json()["detail"]


def test_a_tampered_token_is_refused(client):
    header, payload, signature = jwt.encode(claims(), SECRET, algorithm="HS256").split(".")
    forged = jwt.encode(claims(role="admin", sub="forslagskassa-admin"), SECRET, algorithm="HS256").split(".")[1]
    assert call(client, f"{header}.{forged}.{signature}").status_code == 401
    assert call(client, f"{header}.{payload}.{signature}").status_code == 200
