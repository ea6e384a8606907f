"""Taking in an idea from any channel: validate, route, store (in the phase open that day) with its first event and
notifications."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy.orm import Session

from core import metrics, notify
from core.errors import InvalidInput, KeyReused, RateLimited
from core.hooks import after_commit
from core.locale import DEFAULT_LOCALE, day_of
from core.orgconfig import OrgConfig, Sharing
from core.ratelimit import RateLimit, check_submission
from core.routing import Classifier, Routing
from core.textcheck import require_clean, tidy
from storage.models import Channel, Idea, Identity, Status, Submitter, utcnow
from storage.queries import find_by_source_key, find_submitter, record_received, unused_idea_id

MAX_TEXT = 10_000
MAX_TITLE = 200
MAX_SOURCE_KEY = 200  # the column's width
@dataclass(frozen=True)
class SubmitterRef:
    """How a channel knows the person: its own user id plus what it can tell about them."""

    channel: Channel
    external_id: str
    display_name: str | None = None
    email: str | None = None
    locale: str | None = DEFAULT_LOCALE  # None: the channel could not tell this time, so a stored language stays
    address: dict[str, object] | None = None
    # An e-mail the channel vouches the person owns: it links their identities in every channel
    # (storage.identities.people_behind), so only a channel that checked ownership sets it (see the channel's
    # README). `vouched`: the channel looked this time, so None clears one stored before (the e-mail changed or is
    # no longer proven); False: it could not tell (Slack did not answer, Teams never knows), and a stored one stays.
    verified_email: str | None = None
    vouched: bool = False


@dataclass(frozen=True)
class Draft:
    text: str
    submitter: SubmitterRef
    channel: Channel
    title: str | None = None
    anonymous: bool = False
    focus_area: str | None = None
    source_key: str | None = None
    # The client's own name for the delivery key (the Idempotency-Key), to name it in a refusal.
    client_key: str | None = None
    # Where the channel wants the confirmation (e.g. a chat thread); opaque to core, kept in the outbox payload.
    reply_to: dict[str, object] | None = None
    # The person chose to send a message the classifier took for something else (core/steering.py).
    send_anyway: bool = False
    # "Del med kolleger": counts under the org's `sharing: opt_in` (core/actors.is_shared).
    shared: bool = False
    # The unit (virksomhet) the idea concerns, as its submitter knows it: the idea goes to that unit's area.
    unit: str | None = None
    # A chat's first turn: show shared ideas like this one before storing it (core/similar.py); the person's
    # answer ("send mine") comes back without it.
    offer_similar: bool = False


def submit(*, session: Session, draft: Draft, classifier: Classifier, org: OrgConfig,
           limit: RateLimit | None = None, look_up_source_key: bool = True, routing: Routing | None = None) -> Idea:
    """Store a new idea, or return the one already stored for the same `source_key` (a retried delivery).

    `limit` (SUBMIT_RATE_LIMIT) caps how many new ideas one submitter sends in a while; a retry is not counted.
    `routing`: the classifier's answer for this text, when the caller asked already.
    A caller that rolls back and calls again on IntegrityError may pass `look_up_source_key=False` the first
    time: a key seen before then breaks the unique constraint instead of costing every new idea a query.
    """
    source_key = _source_key(draft.source_key)
    text, title = clean(draft)
    chosen, unit = _chosen_area_and_unit(draft, org)
    # Routing is CPU work and needs no database: done before the first query, it runs outside the transaction,
    # which on SQLite holds the one write lock every other request is waiting for.
    routing = routing or classifier.classify(text)
    if source_key and look_up_source_key and (existing := find_by_source_key(session, source_key)):
        return _same_delivery(existing, draft, text, title)
    submitter = ensure_submitter(session, draft.submitter)
    try:
        check_submission(session=session, submitter=submitter, limit=limit)
    except RateLimited:
        # Not looked up above, a retried delivery lands here: it is the idea already stored, not one more.
        if source_key and not look_up_source_key and (existing := find_by_source_key(session, source_key)):
            return _same_delivery(existing, draft, text, title)
        raise
    focus_area = chosen or routing.focus_area
    commissioner = org.commissioner_for(focus_area)
    phase = org.open_phase(day_of(utcnow()))  # the phase's days are Oslo days
    idea = Idea(
        id=unused_idea_id(session),
        text=text,
        title=title,
        focus_area=focus_area,
        sub_topic=routing.sub_topic if focus_area == routing.focus_area else None,
        service=routing.service,
        commissioner=commissioner.id if commissioner else None,
        confidence=routing.confidence,
        abstained=routing.abstained and chosen is None,
        status=Status.RECEIVED,
        anonymous=draft.anonymous,
        shared=_shared(draft, org),
        channel=draft.channel,
        submitter=submitter,
        similar=[{"idea_id": s.idea_id, "score": round(s.score, 3)} for s in routing.similar],
        source_key=source_key,
        phase=phase.id if phase else None,
        unit=unit,
    )
    session.add(idea)
    session.flush()
    record_received(session, idea_id=idea.id, focus_area=focus_area)
    notify.idea_received(session=session, idea=idea, org=org, reply_to=draft.reply_to)
    idea_id = idea.id
    after_commit(session, lambda: classifier.remember(idea_id, text))
    after_commit(session, lambda: metrics.count_submission(draft.channel, routing))
    return idea


def clean(draft: Draft) -> tuple[str, str | None]:
    """The text and title as stored, or why not."""
    text = tidy(draft.text) if isinstance(draft.text, str) else None
    if text is None:
        raise InvalidInput("The idea has no text. Write what you suggest.", field="idea")
    if len(text) > MAX_TEXT:
        raise InvalidInput(f"The idea is {len(text)} characters long; at most {MAX_TEXT} are allowed.",
                           field="idea")
    require_clean(text, field="idea")
    title = tidy(draft.title)
    if title and len(title) > MAX_TITLE:
        raise InvalidInput(f"The title is {len(title)} characters long; at most {MAX_TITLE} are allowed.",
                           field="title")
    require_clean(title, field="title")
    return text, title


def _same_delivery(existing: Idea, draft: Draft, text: str, title: str | None) -> Idea:
    """The idea stored for this delivery key, if the retry carries the same idea; a key reused for another text is a
    mistake to be told of, not a reason to drop the new text (as the IETF Idempotency-Key draft says)."""
    if existing.text != text or existing.title != title:
        raise KeyReused(f"The key '{draft.client_key or draft.source_key}' was already used for another idea. "
                        "Send a new idea with a new key.")
    return existing


def _source_key(key: str | None) -> str | None:
    """A channel's delivery key as stored: a long one (a client's Idempotency-Key) is hashed to fit the column."""
    if not key or len(key) <= MAX_SOURCE_KEY:
        return key
    return "sha256:" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def _shared(draft: Draft, org: OrgConfig) -> bool:
    # Kept as the policy made it: a later change of policy to opt_in leaves ideas sent under `on` shared, and
    # a box ticked while sharing was off shares nothing.
    return org.sharing is Sharing.ON or (org.sharing is Sharing.OPT_IN and draft.shared)


def _chosen_area_and_unit(draft: Draft, org: OrgConfig) -> tuple[str | None, str | None]:
    """A focus area the employee picked themselves wins over the classifier; so does the area of a unit they
    named (the person who works there knows where the idea belongs)."""
    area = draft.focus_area
    if area is not None and org.area(area) is None:
        raise InvalidInput(f"Unknown focus area '{area}'. Known: {', '.join(org.area_ids)}.")
    if draft.unit is None:
        return area, None
    unit = org.unit(draft.unit)
    if unit is None:
        known = ", ".join(u.id for u in org.units) or "none"
        raise InvalidInput(f"Unknown unit '{draft.unit}'. Known: {known}.", field="unit")
    if area is not None and area != unit.focus_area:
        raise InvalidInput(f"The unit '{unit.id}' belongs to the focus area '{unit.focus_area}', not '{area}'.",
                           field="unit")
    return unit.focus_area, unit.id


def ensure_submitter(session: Session, ref: SubmitterRef) -> Submitter:
    """The submitter behind a channel identity, created at first contact and kept up to date."""
    submitter = find_submitter(session, channel=ref.channel, external_id=ref.external_id)
    if submitter is None:
        submitter = Submitter(display_name=_fit(ref.display_name, 200), email=_fit(ref.email, 320),
                              locale=ref.locale or DEFAULT_LOCALE)
        submitter.identities.append(Identity(channel=ref.channel, external_id=ref.external_id, address=ref.address,
                                             verified_email=_verified(ref)))
        session.add(submitter)
        session.flush()
        return submitter
    refresh_submitter(submitter, ref)
    return submitter


def refresh_submitter(submitter: Submitter, ref: SubmitterRef) -> None:
    """Keep what the channel tells of a known person this time: name, e-mail, language, address, verified e-mail."""
    known = {"locale": ref.locale}
    if submitter.erased_at is None:
        known |= {"display_name": _fit(ref.display_name, 200), "email": _fit(ref.email, 320)}
    for name, value in known.items():
        # Only a real change is set: a set attribute makes the flush look the row over for an UPDATE.
        if value and value != getattr(submitter, name):
            setattr(submitter, name, value)
    if ref.address is None and not ref.vouched:
        return  # nothing to keep on the identity: its row is not even loaded
    for identity in submitter.identities:
        if identity.channel == ref.channel and identity.external_id == ref.external_id:
            if ref.address is not None:
                identity.address = ref.address
            if ref.vouched and identity.verified_email != _verified(ref):
                identity.verified_email = _verified(ref)


def _verified(ref: SubmitterRef) -> str | None:
    # Lowercased: the same mailbox is written in any case; longer than the column is no address.
    email = (ref.verified_email or "").strip().lower()
    return email if email and len(email) <= 320 else None


def _fit(value: str | None, width: int) -> str | None:
    # What a directory or token says about a person is stored as far as the column allows, never refused.
    return value[:width] if value else value
