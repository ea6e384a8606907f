"""How an idea moves: status transitions, rerouting, the submitter's request to move it and the handler's answer,
saving estimates, its unit, withdrawal. Each writes an event."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from core import notify
from core.actors import COLLEAGUE, Actor, is_submitter, may_share, require_handler
from core.errors import Conflict, Forbidden, InvalidInput, NotFound
from core.orgconfig import OrgConfig
from core.textcheck import require_clean, tidy
from storage.models import Correction, Event, EventKind, Idea, Status, utcnow
from storage.queries import get_idea, history

MAX_NOTE = 4_000
MAX_SAVING_NOK = 10_000_000_000

ALLOWED: dict[Status, frozenset[Status]] = {
    # Accepting an idea nobody has reviewed yet passes through in_review, so its history stays complete.
    Status.RECEIVED: frozenset({Status.IN_REVIEW, Status.ACCEPTED, Status.DECLINED, Status.DUPLICATE}),
    Status.IN_REVIEW: frozenset({Status.ACCEPTED, Status.DECLINED, Status.DUPLICATE}),
    Status.ACCEPTED: frozenset({Status.IMPLEMENTED}),
    Status.IMPLEMENTED: frozenset(),
    Status.DECLINED: frozenset(),
    Status.DUPLICATE: frozenset(),
    Status.WITHDRAWN: frozenset(),
}
OPEN = frozenset({Status.RECEIVED, Status.IN_REVIEW})
# A request to move is answered by moving the idea (to where it was asked or anywhere else) or by keeping it.
SETTLES_A_REQUEST = frozenset({EventKind.REROUTED, EventKind.MOVE_DECLINED})


def transition(*, session: Session, idea: Idea, to: Status, actor: Actor, org: OrgConfig,
               note: str | None = None, duplicate_of: int | None = None) -> list[Event]:
    """The events written: one, or two when an accepted idea passes through in_review."""
    require_handler(actor, org, idea)
    if to not in ALLOWED[idea.status]:
        raise Conflict(_refusal(idea.status, to))
    note = _clean_note(note)
    if to is Status.DECLINED and not note:
        raise InvalidInput("A declined idea needs a reason in 'note'; the submitter will be told it.")
    passed = []
    if to is Status.ACCEPTED and idea.status is Status.RECEIVED:
        passed = _step(session, idea, Status.IN_REVIEW, actor, None, None)
    events = passed + _step(session, idea, to, actor, note, duplicate_of)
    notify.tell_followers(session=session, idea=idea, org=org, news={"what": "status", "to": to.value, "note": note},
                          sender_told=True)
    return events


def _step(session: Session, idea: Idea, to: Status, actor: Actor, note: str | None,
          duplicate_of: int | None) -> list[Event]:
    if to is Status.DUPLICATE:
        idea.duplicate_of_id = _original(session, idea, duplicate_of)
    old = idea.status
    idea.status = to
    if old is Status.RECEIVED and idea.first_answered_at is None:
        idea.first_answered_at = utcnow()
    event = _record(session, idea, EventKind.STATUS_CHANGED, actor.label, old.value, to.value, note)
    notify.status_changed(session=session, idea=idea, old=old.value, note=note)
    return [event]


def reroute(*, session: Session, idea: Idea, focus_area: str, actor: Actor, org: OrgConfig,
            note: str | None = None) -> list[Event]:
    """Send an idea to another focus area. Only the area's commissioner or an administrator routes, so every
    routing is a decision the classifier may learn from; the submitter asks instead (`ask_to_move`). Moving the
    idea, to where it was asked or elsewhere, answers a pending request. A unit of the old area is taken off (a
    second event): its saving would otherwise count towards a unit the new area's commissioner does not lead."""
    require_handler(actor, org, idea)
    _require_known_area(org, focus_area)
    if idea.status not in OPEN:
        raise Conflict(f"An idea that is {idea.status.value} can no longer be rerouted.")
    if idea.focus_area == focus_area:
        raise Conflict(f"The idea is already in '{focus_area}'.")
    old = idea.focus_area
    commissioner = org.commissioner_for(focus_area)
    idea.focus_area, idea.sub_topic, idea.abstained = focus_area, None, False
    idea.commissioner = commissioner.id if commissioner else None
    session.add(Correction(idea_id=idea.id, text=idea.text, focus_area=focus_area, predicted=old,
                           service=idea.service, actor=actor.label))
    events = [_record(session, idea, EventKind.REROUTED, actor.label, old, focus_area, _clean_note(note))]
    if idea.unit is not None:
        events.append(_record(session, idea, EventKind.UNIT_SET, actor.label, idea.unit, None, None))
        idea.unit = None
    notify.rerouted(session=session, idea=idea, org=org, old=old)
    return events


def ask_to_move(*, session: Session, idea: Idea, focus_area: str, actor: Actor, org: OrgConfig,
                note: str | None = None) -> Event:
    """The submitter asks for another area ("Feil område?") while the idea is open. The idea stays where it is and
    nothing is learnt from the request: the area's commissioner (or the administrators, for the triage queue) is
    told, and moves it or keeps it. A second request replaces the pending one, and the handlers are told again."""
    if not is_submitter(session, actor, idea):
        raise Forbidden("Only the person who sent the idea can ask to move it.")
    _require_known_area(org, focus_area)
    if idea.status not in OPEN:
        raise Conflict(f"An idea that is {idea.status.value} can no longer be moved.")
    if idea.focus_area == focus_area:
        raise Conflict(f"The idea is already in '{focus_area}'.")
    event = _record(session, idea, EventKind.MOVE_REQUESTED, actor.label, idea.focus_area, focus_area,
                    _clean_note(note))
    notify.move_requested(session=session, idea=idea, org=org, requested=focus_area)
    return event


def keep_area(*, session: Session, idea: Idea, actor: Actor, org: OrgConfig, note: str | None = None) -> Event:
    """The handler answers the submitter's request by keeping the idea where it is; the submitter is told, with
    the reason when one is given. (Moving it as asked is `reroute`.)"""
    require_handler(actor, org, idea)
    request = pending_move(history(session, [idea.id]).get(idea.id, []), idea.status)
    if request is None:
        raise Conflict("Nobody has asked to move this idea, or the request was answered already.")
    note = _clean_note(note)
    event = _record(session, idea, EventKind.MOVE_DECLINED, actor.label, idea.focus_area, request.to_value, note)
    notify.move_declined(session=session, idea=idea, requested=request.to_value, note=note)
    return event


def pending_move(events: Iterable[Event], status: Status) -> Event | None:
    """The submitter's latest request to move the idea, unless a reroute or a keep has answered it since. Once the
    idea is closed it can no longer be moved, and the request lapses with it."""
    if status not in OPEN:
        return None
    pending = None
    for event in events:
        if event.kind is EventKind.MOVE_REQUESTED:
            pending = event
        elif event.kind in SETTLES_A_REQUEST:
            pending = None
    return pending


def set_estimated_saving(*, session: Session, idea: Idea, amount_nok: int | None, actor: Actor,
                         org: OrgConfig) -> Event:
    require_handler(actor, org, idea)
    if amount_nok is not None and not 0 <= amount_nok <= MAX_SAVING_NOK:
        raise InvalidInput(f"The estimated annual saving must be between 0 and {MAX_SAVING_NOK} NOK.")
    old = idea.estimated_saving_nok
    idea.estimated_saving_nok = amount_nok
    return _record(session, idea, EventKind.SAVING_ESTIMATED, actor.label, _str(old), _str(amount_nok), None)


def set_unit(*, session: Session, idea: Idea, unit: str | None, actor: Actor, org: OrgConfig) -> Event:
    """Name the unit (virksomhet) whose savings challenge the idea counts towards: one of its area's, or none."""
    require_handler(actor, org, idea)
    if unit is not None:
        found = org.unit(unit)
        if found is None or found.focus_area != idea.focus_area:
            known = ", ".join(u.id for u in org.units_of(idea.focus_area)) or "none"
            where = "unknown" if found is None else f"in '{found.focus_area}', not in the idea's area"
            raise InvalidInput(f"The unit '{unit}' is {where}. Units of the idea's area: {known}.", field="unit")
    old = idea.unit
    idea.unit = unit
    return _record(session, idea, EventKind.UNIT_SET, actor.label, old, unit, None)


def withdraw(*, session: Session, idea: Idea, actor: Actor, window: timedelta,
             now: datetime | None = None) -> Event:
    """The submitter takes an idea back shortly after sending it ("Angre")."""
    if not is_submitter(session, actor, idea):
        raise Forbidden("Only the person who sent the idea can withdraw it.")
    if idea.status is not Status.RECEIVED:
        raise Conflict("The idea is already being handled and can no longer be withdrawn.")
    if (now or utcnow()) - idea.created_at > window:
        raise Conflict(f"An idea can be withdrawn within {int(window.total_seconds() // 60)} minutes of sending.")
    old = idea.status
    idea.status = Status.WITHDRAWN
    return _record(session, idea, EventKind.STATUS_CHANGED, actor.label, old.value, idea.status.value, None)


def make_anonymous(*, session: Session, idea: Idea, actor: Actor) -> Event | None:
    """The submitter hides their name on an idea already sent. One way: it cannot be undone."""
    if not is_submitter(session, actor, idea):
        raise Forbidden("Only the person who sent the idea can make it anonymous.")
    if idea.anonymous:
        return None
    idea.anonymous = True
    return _record(session, idea, EventKind.MADE_ANONYMOUS, actor.label, None, None, None)


def set_shared(*, session: Session, idea: Idea, shared: bool, actor: Actor, org: OrgConfig) -> Event | None:
    """A handler shares the idea with colleagues (the board), or takes it off; only under `sharing: opt_in`, where
    it is a choice. None when it already was as asked."""
    require_handler(actor, org, idea)
    if not may_share(org):
        raise Conflict(f"Sharing is '{org.sharing.value}' for every idea in this organisation; one idea cannot "
                       "be shared or unshared.")
    if idea.shared is shared:
        return None
    idea.shared = shared
    return _record(session, idea, EventKind.SHARED, actor.label, _bool(not shared), _bool(shared), None)


def share_own(*, session: Session, idea: Idea, actor: Actor, org: OrgConfig) -> Event | None:
    """The submitter shares their own idea with colleagues afterwards (sent by plain chat message under `sharing:
    opt_in`, which has no box to tick). One way, like making it anonymous; None when it already was shared."""
    if not is_submitter(session, actor, idea):
        raise Forbidden("Only the idea's submitter may share it this way.")
    if not may_share(org):
        raise Conflict(f"Sharing is '{org.sharing.value}' for every idea in this organisation; one idea cannot "
                       "be shared or unshared.")
    if idea.shared:
        return None
    if idea.status not in OPEN:
        raise Conflict(f"The idea is already {idea.status.value}; only open ideas can be shared.")
    idea.shared = True
    return _record(session, idea, EventKind.SHARED, actor.label, _bool(False), _bool(True), None)


def support_changed(*, session: Session, idea: Idea, count: int) -> Event:
    """A colleague supported the idea or took it back. Written as 'colleague', never as who: the count is what the
    history keeps. The idea itself did not change, so its `updated_at` stays."""
    event = Event(idea_id=idea.id, kind=EventKind.SUPPORT_CHANGED, actor=COLLEAGUE, to_value=str(count))
    session.add(event)
    return event


def _bool(value: bool) -> str:
    return "true" if value else "false"


def record(session: Session, idea: Idea, kind: EventKind, actor: str, old: str | None, new: str | None,
           note: str | None) -> Event:
    """One event of the idea's history, for the rules kept beside this module (core/saving_plan.py)."""
    return _record(session, idea, kind, actor, old, new, note)


def _record(session: Session, idea: Idea, kind: EventKind, actor: str, old: str | None, new: str | None,
            note: str | None) -> Event:
    event = Event(idea_id=idea.id, kind=kind, actor=actor, from_value=old, to_value=new, note=note)
    session.add(event)
    idea.updated_at = utcnow()
    return event


def _require_known_area(org: OrgConfig, focus_area: str) -> None:
    if org.area(focus_area) is None:
        raise InvalidInput(f"Unknown focus area '{focus_area}'. Known: {', '.join(org.area_ids)}.")


def _original(session: Session, idea: Idea, duplicate_of: int | None) -> int:
    if duplicate_of is None:
        raise InvalidInput("Marking an idea as duplicate needs 'duplicate_of', the id of the earlier idea.")
    if duplicate_of == idea.id:
        raise InvalidInput("An idea cannot be a duplicate of itself.")
    original = get_idea(session, duplicate_of)
    if original is None:
        raise NotFound(f"Idea {duplicate_of} (duplicate_of) not found.")
    if original.status is Status.DUPLICATE and original.duplicate_of_id is not None:
        # Merged already: its supporters went on, and so should this idea's (core/merging.py).
        raise InvalidInput(f"Idea {duplicate_of} is itself a duplicate of idea {original.duplicate_of_id}; mark "
                           f"this one as a duplicate of {original.duplicate_of_id}.")
    return duplicate_of


def _clean_note(note: str | None) -> str | None:
    note = tidy(note)
    if note and len(note) > MAX_NOTE:
        raise InvalidInput(f"The note is {len(note)} characters long; at most {MAX_NOTE} are allowed.")
    require_clean(note, field="note")
    return note


def _refusal(current: Status, to: Status) -> str:
    allowed = ", ".join(sorted(s.value for s in ALLOWED[current])) or "none (it is final)"
    return f"An idea that is {current.value} cannot become {to.value}. Allowed next: {allowed}."


def _str(value: int | None) -> str | None:
    return None if value is None else str(value)
