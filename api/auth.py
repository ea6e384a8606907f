"""Bearer tokens: JWTs signed with SECRET_KEY, carrying the person's role and id."""

from __future__ import annotations

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
        # Only our algorithm: a token claiming "none" or another algorithm is refused.
        claims = jwt.decode(token, secret, algorithms=[ALGORITHM], issuer=ISSUER,
                            options={"require": ["exp", "sub", "role", "iss"]})
        role = Role(claims["role"])
        _require_known(role, claims["sub"], org)
    except jwt.ExpiredSignatureError:
        raise InvalidToken("The token has expired.") from None
    except (jwt.InvalidTokenError, ValueError, InvalidInput) as error:
        raise InvalidToken(f"The token is not valid: {error}") from None
    return Actor(role=role, user_id=str(claims["sub"]), channel=Channel.WEB, name=claims.get("name"))


def _require_known(role: Role, user_id: str, org: OrgConfig) -> None:
    if not user_id or len(user_id) > 200:
        raise InvalidInput("The user id must be 1 to 200 characters.")
    lookup = {Role.COMMISSIONER: org.commissioner, Role.ADMIN: org.administrator}.get(role)
    if lookup and lookup(user_id) is None:
        known = [p.id for p in (org.commissioners if role is Role.COMMISSIONER else org.administrators)]
        raise InvalidInput(f"'{user_id}' is not a {role.value} in the org config. Known: {', '.join(known)}.")
