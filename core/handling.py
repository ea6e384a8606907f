"""What commissioners and administrators do with an idea: take it into review, accept, decline, mark as duplicate,
mark as implemented, reroute, keep it where it is when the submitter asked to move it, estimate the saving, plan it
for the budget and record what it saved, name its unit, share it with colleagues. One function per use case; every
channel calls these.

Who may do it (the area's commissioner or an administrator) is decided in core/actors.py, which transitions are
allowed in core/lifecycle.py. Nothing here commits: the caller owns the transaction.
"""

from __future__ import annotations

from datetime import date

from core import lifecycle, merging, saving_plan
from core.acting import act
from core.actors import Actor
from core.presentation import Outcome
from core.unit_of_work import UnitOfWork
from storage.models import Event, Idea, Status


def review(*, uow: UnitOfWork, actor: Actor, idea_id: int, expected: Status | None = None,
           note: str | None = None) -> Outcome:
    return change_status(uow=uow, actor=actor, idea_id=idea_id, to=Status.IN_REVIEW, expected=expected, note=note)


def accept(*, uow: UnitOfWork, actor: Actor, idea_id: int, expected: Status | None = None,
           note: str | None = None) -> Outcome:
    return change_status(uow=uow, actor=actor, idea_id=idea_id, to=Status.ACCEPTED, expected=expected, note=note)


def implement(*, uow: UnitOfWork, actor: Actor, idea_id: int, expected: Status | None = None,
              note: str | None = None) -> Outcome:
    return change_status(uow=uow, actor=actor, idea_id=idea_id, to=Status.IMPLEMENTED, expected=expected,
                         note=note)


def decline(*, uow: UnitOfWork, actor: Actor, idea_id: int, reason: str | None,
            expected: Status | None = None) -> Outcome:
    return change_status(uow=uow, actor=actor, idea_id=idea_id, to=Status.DECLINED, expected=expected, note=reason)


def mark_duplicate(*, uow: UnitOfWork, actor: Actor, idea_id: int, original_id: int | None,
                   expected: Status | None = None, note: str | None = None) -> Outcome:
    """Close the idea as a duplicate of `original_id` and merge it into that one (core/merging.py)."""
    return change_status(uow=uow, actor=actor, idea_id=idea_id, to=Status.DUPLICATE, expected=expected, note=note,
                         duplicate_of=original_id)


def change_status(*, uow: UnitOfWork, actor: Actor, idea_id: int, to: Status, expected: Status | None = None,
                  note: str | None = None, duplicate_of: int | None = None) -> Outcome:
    """Any handler's status change, for channels that name the target status (REST, the web board). Marking an
    idea as a duplicate merges it into the original, whichever channel does it."""
    def rule(idea: Idea) -> list[Event]:
        events = lifecycle.transition(session=uow.session, idea=idea, to=to, actor=actor, org=uow.org, note=note,
                                      duplicate_of=duplicate_of)
        if to is Status.DUPLICATE:
            events += merging.merge(session=uow.session, duplicate=idea, actor=actor)
        return events

    return act(uow, actor, idea_id, rule, expected=expected)


def reroute(*, uow: UnitOfWork, actor: Actor, idea_id: int, focus_area: str, note: str | None = None,
            expected: Status | None = None) -> Outcome:
    return act(uow, actor, idea_id, lambda idea: lifecycle.reroute(
        session=uow.session, idea=idea, focus_area=focus_area, actor=actor, org=uow.org, note=note),
        expected=expected)


def keep_area(*, uow: UnitOfWork, actor: Actor, idea_id: int, note: str | None = None,
              expected: Status | None = None) -> Outcome:
    """Answer the submitter's request to move the idea by keeping it where it is; `note`, the reason, is shown to
    them. Moving it as asked is `reroute`."""
    return act(uow, actor, idea_id, lambda idea: lifecycle.keep_area(
        session=uow.session, idea=idea, actor=actor, org=uow.org, note=note), expected=expected)


def share(*, uow: UnitOfWork, actor: Actor, idea_id: int, shared: bool) -> Outcome:
    """Show the idea to colleagues on the board, or take it off (under the org's `sharing: opt_in`)."""
    return act(uow, actor, idea_id, lambda idea: lifecycle.set_shared(
        session=uow.session, idea=idea, shared=shared, actor=actor, org=uow.org))


def estimate_saving(*, uow: UnitOfWork, actor: Actor, idea_id: int, amount_nok: int | None) -> Outcome:
    return act(uow, actor, idea_id, lambda idea: lifecycle.set_estimated_saving(
        session=uow.session, idea=idea, amount_nok=amount_nok, actor=actor, org=uow.org))


def plan_saving(*, uow: UnitOfWork, actor: Actor, idea_id: int, changes: saving_plan.SavingPlan) -> Outcome:
    """The saving as a budget needs it: annual estimate, one-off cost, effect year, amounts for single budget years,
    a gain that is not money. Fields not given keep their value; one event per figure changed."""
    return act(uow, actor, idea_id, lambda idea: saving_plan.plan(
        session=uow.session, idea=idea, changes=changes, actor=actor, org=uow.org))


def realise_saving(*, uow: UnitOfWork, actor: Actor, idea_id: int, amount_nok: int | None,
                   realised_on: date | None = None) -> Outcome:
    """What an implemented idea saved (NOK), measured on `realised_on` (default today); None takes it away."""
    return act(uow, actor, idea_id, lambda idea: saving_plan.realise(
        session=uow.session, idea=idea, amount_nok=amount_nok, realised_on=realised_on, actor=actor, org=uow.org))


def set_unit(*, uow: UnitOfWork, actor: Actor, idea_id: int, unit: str | None) -> Outcome:
    """Name the unit (virksomhet) of the idea's area whose savings challenge it counts towards; None takes it off."""
    return act(uow, actor, idea_id, lambda idea: lifecycle.set_unit(
        session=uow.session, idea=idea, unit=unit, actor=actor, org=uow.org))
