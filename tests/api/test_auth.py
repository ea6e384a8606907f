"""Tokens: only ours, unexpired, untampered, for people the org config knows."""

import time
import warnings
from datetime import UTC, datetime, timedelta

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.conftest import SECRET

RSA_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def claims(**override):
    now = datetime.now(UTC)
    return {"iss": "forslagskassa", "sub": "kari", "role": "employee", "iat": now, "exp": now + timedelta(hours=1),
            **override}


def hs512(payload):
    with warnings.catch_warnings():  # PyJWT warns that our test secret is short for SHA-512; beside the point here
        warnings.simplefilter("ignore")
        return jwt.encode(payload, SECRET, algorithm="HS512")


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
        # Our secret, another algorithm: only HS256 is accepted, whatever the header claims.
        (hs512(claims()), "not valid"),
        (jwt.encode(claims(), RSA_KEY, algorithm="RS256"), "not valid"),
        (jwt.encode({k: v for k, v in claims().items() if k != "exp"}, SECRET, algorithm="HS256"), "not valid"),
        (jwt.encode(claims(role="admin", sub="forslagskassa-admin"), None, algorithm="none"), "not valid"),
    ],
    ids=["expired", "wrong-key", "alg-none", "unknown-role", "unknown-commissioner", "wrong-issuer", "garbage",
         "alg-hs512", "alg-rs256", "no-expiry", "alg-none-admin"],
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


def test_a_token_accepted_before_is_refused_once_it_has_expired(client):
    # A token's verified signature may be remembered; its expiry must still be checked on every request.
    expires = datetime.now(UTC) + timedelta(seconds=4)  # room for a slow first request on a busy machine
    token = jwt.encode(claims(exp=expires), SECRET, algorithm="HS256")
    assert call(client, token).status_code == 200
    time.sleep(max(0.0, (expires - datetime.now(UTC)).total_seconds()) + 1.1)  # JWT expiry has whole seconds
    response = call(client, token)
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]
