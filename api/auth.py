"""Bearer tokens: JWTs signed with SECRET_KEY, carrying the person's role and id."""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt

from core.actors import Actor, Role
from core.errors import InvalidInput
from core.orgconfig import OrgConfig
from storage.models import Channel

ALGORITHM = "HS256"
ISSUER = "forslagskassa"


class InvalidToken(Exception):
    pass


def issue_token(*, secret: str, role: Role, user_id: str, org: OrgConfig, ttl: timedelta,
                name: str | None = None) -> str:
    _require_known(role, user_id, org)
    now = datetime.now(UTC)
    claims = {"iss": ISSUER, "sub": user_id, "role": role.value, "iat": now, "exp": now + ttl}
    if name:
        claims["name"] = name
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def read_token(token: str, *, secret: str, org: OrgConfig) -> Actor:
    try:
        claims = _verified_claims(token, secret)
        if claims.expires <= time.time():  # checked on every use: the cache remembers signatures, not validity
            raise InvalidToken("The token has expired.")
        role = Role(claims.role)
        _require_known(role, claims.subject, org)
    except jwt.ExpiredSignatureError:
        raise InvalidToken("The token has expired.") from None
    except (jwt.InvalidTokenError, ValueError, InvalidInput) as error:
        raise InvalidToken(f"The token is not valid: {error}") from None
    return Actor(role=role, user_id=claims.subject, channel=Channel.WEB, name=claims.name)


@dataclass(frozen=True)
class _Claims:
    subject: str
    role: str
    expires: float  # seconds since the epoch
    name: str | None


@functools.lru_cache(maxsize=4096)
def _verified_claims(token: str, secret: str) -> _Claims:
    """The claims of a token whose signature and issuer check out, remembered per token and secret.

    A client sends the same token with every request, and decoding it was a twentieth of a submission's CPU under
    load. The same string verifies the same way every time; only its expiry changes with time, so the caller
    checks that on every use. A refused token raises and is not remembered.
    """
    # Only our algorithm: a token claiming "none" or another algorithm is refused.
    claims = jwt.decode(token, secret, algorithms=[ALGORITHM], issuer=ISSUER,
                        options={"require": ["exp", "sub", "role", "iss"]})
    name = claims.get("name")
    return _Claims(subject=str(claims["sub"]), role=str(claims["role"]), expires=float(claims["exp"]),
                   name=str(name) if name is not None else None)


def _require_known(role: Role, user_id: str, org: OrgConfig) -> None:
    if not user_id or len(user_id) > 200:
        raise InvalidInput("The user id must be 1 to 200 characters.")
    lookup = {Role.COMMISSIONER: org.commissioner, Role.ADMIN: org.administrator}.get(role)
    if lookup and lookup(user_id) is None:
        known = [p.id for p in (org.commissioners if role is Role.COMMISSIONER else org.administrators)]
        raise InvalidInput(f"'{user_id}' is not a {role.value} in the org config. Known: {', '.join(known)}.")
