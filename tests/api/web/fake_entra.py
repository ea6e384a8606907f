"""A local stand-in for Microsoft Entra ID, speaking its OpenID Connect wire format over TLS on 127.0.0.1.

msal only talks https, so the fake has its own certificate authority; the test hands it to msal through
REQUESTS_CA_BUNDLE, as an operator would for a TLS-inspecting proxy. The authorize endpoint signs in whoever
`user` names at once; the token endpoint checks client credentials, redirect URI and the PKCE verifier, and
answers with an RS256-signed id_token.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import ipaddress
import json
import secrets
import ssl
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID


class FakeEntra:
    def __init__(self, directory: Path, *, tenant: str, client_id: str, client_secret: str) -> None:
        self.tenant, self.client_id, self.client_secret = tenant, client_id, client_secret
        self.ca_file = directory / "fake-entra-ca.pem"
        self.user: dict[str, Any] = {}
        self.codes: dict[str, dict[str, str]] = {}
        self.token_requests: list[dict[str, str]] = []
        self.signing_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.socket = _tls_context(directory, self.ca_file).wrap_socket(self._server.socket, server_side=True)
        self.url = f"https://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def issuer(self) -> str:
        return f"{self.url}/{self.tenant}/v2.0"

    def __enter__(self) -> FakeEntra:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def discovery(self) -> dict[str, Any]:
        base = f"{self.url}/{self.tenant}"
        return {"issuer": self.issuer, "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
                "token_endpoint": f"{base}/oauth2/v2.0/token", "jwks_uri": f"{base}/discovery/v2.0/keys",
                "response_modes_supported": ["query", "fragment", "form_post"],
                "subject_types_supported": ["pairwise"], "id_token_signing_alg_values_supported": ["RS256"],
                "scopes_supported": ["openid", "profile", "email", "offline_access"]}

    def jwks(self) -> dict[str, Any]:
        key = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.signing_key.public_key()))
        return {"keys": [{**key, "kid": "fake-key", "use": "sig", "alg": "RS256"}]}

    def authorize(self, query: dict[str, str]) -> str:
        """Sign in `self.user` at once; the answer is the redirect back to the app."""
        code = secrets.token_urlsafe(24)
        self.codes[code] = query
        return f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query['state']})}"

    def token(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        self.token_requests.append(form)
        asked = self.codes.pop(form.get("code", ""), None)
        if (form.get("client_id"), form.get("client_secret")) != (self.client_id, self.client_secret):
            return 401, {"error": "invalid_client"}
        if asked is None or form.get("redirect_uri") != asked["redirect_uri"]:
            return 400, {"error": "invalid_grant", "error_description": "unknown code or redirect_uri"}
        verifier = form.get("code_verifier", "")
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if asked.get("code_challenge_method") != "S256" or challenge != asked.get("code_challenge"):
            return 400, {"error": "invalid_grant", "error_description": "PKCE verification failed"}
        now = datetime.now(UTC)
        claims = {"iss": self.issuer, "aud": self.client_id, "iat": now, "nbf": now, "exp": now + timedelta(hours=1),
                  "nonce": asked.get("nonce"), "tid": self.tenant, "ver": "2.0", **self.user}
        id_token = jwt.encode(claims, self.signing_key, algorithm="RS256", headers={"kid": "fake-key"})
        return 200, {"token_type": "Bearer", "scope": "openid profile email", "expires_in": 3600,
                     "access_token": secrets.token_urlsafe(32), "id_token": id_token}


def _handler(entra: FakeEntra) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *_args: object) -> None:
            return None

        def do_GET(self) -> None:
            url = urlparse(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            prefix = f"/{entra.tenant}"
            if url.path == f"{prefix}/v2.0/.well-known/openid-configuration":
                self._json(200, entra.discovery())
            elif url.path == f"{prefix}/discovery/v2.0/keys":
                self._json(200, entra.jwks())
            elif url.path == f"{prefix}/oauth2/v2.0/authorize":
                self.send_response(302)
                self.send_header("Location", entra.authorize(query))
                self.end_headers()
            else:
                self._json(404, {"error": "not_found"})

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
            if urlparse(self.path).path != f"/{entra.tenant}/oauth2/v2.0/token":
                self._json(404, {"error": "not_found"})
                return
            self._json(*entra.token({k: v[0] for k, v in parse_qs(body).items()}))

        def _json(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return Handler


def _tls_context(directory: Path, ca_file: Path) -> ssl.SSLContext:
    """A self-signed certificate for 127.0.0.1 that is its own CA."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "fake-entra.test")])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(minutes=5))
            .not_valid_after(now + timedelta(days=1))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .sign(key, hashes.SHA256()))
    ca_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file = directory / "fake-entra-key.pem"
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(ca_file, key_file)
    return context


TENANT = "11111111-2222-3333-4444-555555555555"
CLIENT_ID = "forslagskassa-web"
CLIENT_SECRET = "fake-client-secret"


@contextlib.contextmanager
def entra_for(settings: Any, tmp_path: Path, monkeypatch: Any) -> Iterator[FakeEntra]:
    """A local Entra ID of the org's tenant, with the service's settings pointed at it and the development login
    off, as a municipality runs it."""
    with FakeEntra(tmp_path, tenant=TENANT, client_id=CLIENT_ID, client_secret=CLIENT_SECRET) as fake:
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(fake.ca_file))
        settings.oidc_authority_url, settings.oidc_tenant_id = fake.url, TENANT
        settings.oidc_client_id, settings.oidc_client_secret = CLIENT_ID, CLIENT_SECRET
        settings.dev_login = False
        yield fake
