"""The browser's session cookie: a forged, expired, re-signed or wrong-algorithm cookie logs nobody in.

Bearer tokens have their own table in tests/api/test_auth.py; the cookie's plain tampering (a broken signature) is
in tests/api/web/test_login.py. Each cookie here tries to be the administrator.
"""

from __future__ import annotations

import base64
import json
import warnings
from datetime import UTC, datetime, timedelta

import jwt
import pytest

from api.web.session import AUDIENCE, COOKIE, signing_key
from tests.conftest import SECRET


def admin_claims(**override):
    now = datetime.now(UTC)
    return {"aud": AUDIENCE, "csrf": "c" * 43, "lang": "nb", "iat": now, "exp": now + timedelta(hours=1),
            "sub": "forslagskassa-admin", "role": "admin", "name": "Admin", **override}


def forged_payload(cookie: str, **claims) -> str:
    """The same header and signature around a payload that says something else."""
    header, payload, signature = cookie.split(".")
    data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    encoded = base64.urlsafe_b64encode(json.dumps({**data, **claims}).encode()).rstrip(b"=").decode()
    return f"{header}.{encoded}.{signature}"


def quietly(payload, key, algorithm):
    with warnings.catch_warnings():  # PyJWT warns about short keys for SHA-512; beside the point here
        warnings.simplefilter("ignore")
        return jwt.encode(payload, key, algorithm=algorithm)


def test_a_real_admin_cookie_opens_the_dashboard(client, services):
    client.cookies.set(COOKIE, jwt.encode(admin_claims(), signing_key(services), algorithm="HS256"))
    assert client.get("/admin", follow_redirects=False).status_code == 200


@pytest.mark.parametrize("make", [
    lambda key: jwt.encode(admin_claims(exp=datetime.now(UTC) - timedelta(seconds=1)), key, algorithm="HS256"),
    lambda key: jwt.encode(admin_claims(), None, algorithm="none"),
    lambda key: quietly(admin_claims(), key, "HS512"),
    # Signed with SECRET_KEY itself (the bearer tokens' key) instead of the key derived for sessions.
    lambda key: jwt.encode(admin_claims(), SECRET, algorithm="HS256"),
    # A valid bearer token presented as a cookie: no audience, another key.
    lambda key: jwt.encode({"iss": "forslagskassa", "sub": "forslagskassa-admin", "role": "admin",
                            "exp": datetime.now(UTC) + timedelta(hours=1)}, SECRET, algorithm="HS256"),
    lambda key: jwt.encode(admin_claims(aud="somewhere-else"), key, algorithm="HS256"),
    lambda key: jwt.encode({k: v for k, v in admin_claims().items() if k != "exp"}, key, algorithm="HS256"),
], ids=["expired", "alg-none", "alg-hs512", "bearer-key", "bearer-token", "wrong-audience", "no-expiry"])
def test_a_bad_cookie_counts_as_logged_out(client, services, make):
    client.cookies.set(COOKIE, make(signing_key(services)))
    assert client.get("/admin", follow_redirects=False).headers["location"] == "/login?next=/admin"
    assert client.get("/api/v1/stats").status_code == 401


def test_a_cookie_whose_payload_was_changed_counts_as_logged_out(client, browse_as):
    browse_as("submitter")
    assert client.get("/admin").status_code == 403  # Kari, refused the page: logged in, but not an admin
    forged = forged_payload(client.cookies[COOKIE], sub="forslagskassa-admin", role="admin")
    client.cookies.clear()
    client.cookies.set(COOKIE, forged)
    assert client.get("/admin", follow_redirects=False).status_code == 303
    assert client.get("/api/v1/stats").status_code == 401
