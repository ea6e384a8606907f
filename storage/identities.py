"""Which channel identities are one person: the same Entra object id, or the same verified e-mail."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Select, func, select, union
from sqlalchemy.orm import Session

from storage.models import Channel, Identity, Submitter
from storage.queries import find_submitter

# Channels whose identities are keyed by the person's Entra object id (bot/teams/store.external_id, api/web/oidc.py).
LINKED_BY_OBJECT_ID = (Channel.WEB, Channel.TEAMS)


def people_behind(session: Session, *, channel: str, external_id: str,
                  verified_email: str | None = None) -> list[Submitter]:
    """The submitter behind the identity asked for first, then those known to be the same person elsewhere: web and
    Teams submitters with the same Entra object id (a web login from Entra ID and the Teams bot see one person as
    two identities), and the identities of any channel with the same verified e-mail (a Slack user and their web
    login). Used alike for what a person may see of their own and for their data's copy and erasure.

    Only a GUID or a verified e-mail links: a Teams identity without an object id falls back to its channel id, a
    development or token login is a free-form name, and an e-mail no channel vouched for may be anyone's — none of
    them proves it is the same person as anyone elsewhere. The e-mail is the one stored on the identity
    (core.intake.ensure_submitter), or `verified_email`, what the channel vouches for now (an identity not stored
    yet has nothing stored)."""
    asked = find_submitter(session, channel=channel, external_id=external_id)
    people = [asked] if asked is not None else []
    object_id = _object_id(external_id) if channel in LINKED_BY_OBJECT_ID else None
    twins = twins_query(channel=channel, external_id=external_id, object_id=object_id,
                        verified_email=verified_email.lower() if verified_email else None)
    return people + [twin for twin in session.scalars(twins) if twin not in people]


def twins_query(*, channel: str, external_id: str, object_id: str | None,
                verified_email: str | None) -> Select[tuple[Submitter]]:
    """The submitters with an identity of that Entra object id (web or Teams) or with the verified e-mail: the one
    given, else the one stored on the identity (channel, external_id). One statement; the e-mail off its index."""
    if verified_email is None:
        stored = select(Identity.verified_email).where(Identity.channel == channel,
                                                       Identity.external_id == external_id)
        email: Any = stored.scalar_subquery()
    else:
        email = verified_email
    # ix_identities_verified_email; NULL (nothing vouched for) equals nothing, so an identity without one links none.
    linked: Any = select(Identity.submitter_id).where(Identity.verified_email == email)
    if object_id is not None:
        # lower(): Teams stores the id lowercased, the web login as Entra sent it. Few rows, and only per request.
        # A UNION, not an OR: each part keeps its own plan (an OR would cost the e-mail's index on PostgreSQL).
        linked = union(linked, select(Identity.submitter_id).where(
            Identity.channel.in_(LINKED_BY_OBJECT_ID), func.lower(Identity.external_id) == object_id))
    return select(Submitter).where(Submitter.id.in_(linked)).order_by(Submitter.id)


def _object_id(external_id: str) -> str | None:
    """The id in Entra's canonical lowercase form, if it is one."""
    try:
        canonical = str(uuid.UUID(external_id))
    except ValueError:
        return None
    # UUID() also takes braces, URNs and bare hex, which Entra never sends as an `oid`.
    return canonical if canonical == external_id.lower() else None
