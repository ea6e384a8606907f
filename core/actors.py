"""Who is acting, and what each role may see and do."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from sqlalchemy import ColumnElement, false, true
from sqlalchemy.orm import Session

from core.errors import Forbidden, NotFound
from core.orgconfig import OrgConfig, Sharing
from storage.identities import people_behind
from storage.models import Channel, Idea, Status, Voice

SUBMITTER = "submitter"  # how an employee acting on their own idea is written into its history
COLLEAGUE = "colleague"  # how a support is written into an idea's history: never who gave it
REPORTS = "reports"  # who hid a comment that enough colleagues reported
# Closed without being taken up: the idea leaves the board (a duplicate lives on as its original).
OFF_THE_BOARD = frozenset({Status.DECLINED, Status.WITHDRAWN, Status.DUPLICATE})


class Role(enum.StrEnum):
    EMPLOYEE = "employee"
    COMMISSIONER = "commissioner"
    ADMIN = "admin"


@dataclass(frozen=True)
class Actor:
    """An authenticated person. Employees are known by a channel identity; the others by their org-config id."""

    role: Role
    user_id: str
    channel: Channel = Channel.WEB
    name: str | None = None
    # The e-mail this login's channel vouches the person owns (core.intake.SubmitterRef.verified_email), if any:
    # it links the person's identities before this one is stored.
    verified_email: str | None = None

    @property
    def label(self) -> str:
        """How the actor is written into the event history. Employees are never named there."""
        return SUBMITTER if self.role is Role.EMPLOYEE else f"{self.role.value}:{self.user_id}"


def areas_of(actor: Actor, org: OrgConfig) -> list[str]:
    commissioner = org.commissioner(actor.user_id) if actor.role is Role.COMMISSIONER else None
    return commissioner.areas if commissioner else []


def visible_ideas(session: Session, actor: Actor, org: OrgConfig) -> list[ColumnElement[bool]]:
    """SQL conditions limiting ideas to those the actor may see."""
    if actor.role is Role.ADMIN:
        return []
    if actor.role is Role.COMMISSIONER:
        return [Idea.focus_area.in_(areas_of(actor, org))]
    mine = own_submitter_ids(session, actor)
    return [Idea.submitter_id.in_(mine)] if mine else [false()]


def can_see(session: Session, actor: Actor, org: OrgConfig, idea: Idea) -> bool:
    if actor.role is Role.ADMIN:
        return True
    if actor.role is Role.COMMISSIONER:
        return idea.focus_area in areas_of(actor, org)
    return is_submitter(session, actor, idea)


def is_submitter(session: Session, actor: Actor, idea: Idea) -> bool:
    if actor.role is not Role.EMPLOYEE or idea.submitter_id is None:
        return False
    return idea.submitter_id in own_submitter_ids(session, actor)


def own_submitter_ids(session: Session, actor: Actor) -> list[int]:
    """The person's submitter rows: this login's, the web or Teams one with the same Entra object id, and those of
    any channel with the same verified e-mail."""
    return [person.id for person in people_behind(session, channel=actor.channel, external_id=actor.user_id,
                                                   verified_email=actor.verified_email)]


def require_visible(session: Session, actor: Actor, org: OrgConfig, idea: Idea | None, idea_id: int) -> Idea:
    # An idea the actor may not see answers exactly like one that does not exist.
    if idea is None or not can_see(session, actor, org, idea):
        raise NotFound(f"Idea {idea_id} not found.")
    return idea


def require_handler(actor: Actor, org: OrgConfig, idea: Idea) -> None:
    """Only the commissioner of the idea's area, or an administrator, may answer or route it."""
    if actor.role is Role.ADMIN:
        return
    if actor.role is Role.COMMISSIONER and idea.focus_area in areas_of(actor, org):
        return
    if idea.focus_area is None:
        raise Forbidden("Ideas in the triage queue are routed by an administrator.")
    raise Forbidden("Only the commissioner of this focus area or an administrator may do this.")


def may_handle(actor: Actor, org: OrgConfig, idea: Idea) -> bool:
    try:
        require_handler(actor, org, idea)
    except Forbidden:
        return False
    return True


def may_see_exact_times(viewer: Actor | None, idea: Idea) -> bool:
    """When an anonymous idea was sent, to the minute, is for its submitter only: to anyone else, the time of a
    named idea sent just before or after would say who it was. Others see the day. An employee sees no idea
    but their own (`visible_ideas`)."""
    return not idea.anonymous or (viewer is not None and viewer.role is Role.EMPLOYEE)


def may_see_submitter(viewer: Actor | None, idea: Idea) -> bool:
    """The one place a submitter's name may leave the system: to those who handle ideas, for ideas sent openly.
    `viewer` None is a message to the idea's handlers (a commissioner's card)."""
    if idea.anonymous or idea.submitter is None:
        return False
    return viewer is None or viewer.role is not Role.EMPLOYEE


def is_shared(org: OrgConfig, idea: Idea) -> bool:
    """Whether colleagues may see the idea: the org's policy, and under opt_in the submitter's or handler's choice."""
    return org.sharing is Sharing.ON or (org.sharing is Sharing.OPT_IN and idea.shared)


def on_board(org: OrgConfig, idea: Idea) -> bool:
    return is_shared(org, idea) and idea.status not in OFF_THE_BOARD


def board_ideas(org: OrgConfig) -> list[ColumnElement[bool]]:
    """SQL conditions for the ideas on the board, which every signed-in person (any employee) may read: their
    text, status, area, official answer and support count — never who sent them, never who supports them."""
    if org.sharing is Sharing.OFF:
        return [false()]
    shared = Idea.shared.is_(True) if org.sharing is Sharing.OPT_IN else true()
    return [shared, Idea.status.not_in(OFF_THE_BOARD)]


def require_on_board(org: OrgConfig, idea: Idea | None, idea_id: int) -> Idea:
    # An idea off the board answers like one that does not exist, to a colleague.
    if idea is None or not on_board(org, idea):
        raise NotFound(f"Idea {idea_id} not found.")
    return idea


def may_see_merged(viewer: Actor | None, org: OrgConfig, *, duplicate_shared: bool) -> bool:
    """The text of an idea merged into another is shown under it, never who sent it: to those who handle ideas
    (`viewer` None: the handlers' cards), and to colleagues and the original's submitter only when the duplicate
    was itself shared — what its sender kept from colleagues stays so."""
    if viewer is None or viewer.role is not Role.EMPLOYEE:
        return True
    return org.sharing is Sharing.ON or (org.sharing is Sharing.OPT_IN and duplicate_shared)


def may_share(org: OrgConfig) -> bool:
    """Whether sharing one idea is a choice at all (under on and off, the policy decides for every idea)."""
    return org.sharing is Sharing.OPT_IN


def package_areas(actor: Actor, org: OrgConfig) -> list[str]:
    """The areas whose packages the actor sees and assembles: an administrator every area, a commissioner theirs."""
    return org.area_ids if actor.role is Role.ADMIN else areas_of(actor, org)


def require_packager(actor: Actor, org: OrgConfig, focus_area: str) -> None:
    """The area's commissioner or an administrator sees the area's package, assembles it, submits it to the chief
    executive and takes it back to draft."""
    if focus_area not in package_areas(actor, org):
        raise Forbidden("Only the commissioner of this focus area or an administrator may see or change its "
                        "package.")


def may_adopt(actor: Actor) -> bool:
    """Recording the council's adoption (its date and case) is the administrators', who follow the programme for
    the chief executive."""
    return actor.role is Role.ADMIN


def require_adopter(actor: Actor) -> None:
    if not may_adopt(actor):
        raise Forbidden("Only an administrator records that the council adopted a package.")


def require_discussion(org: OrgConfig, idea: Idea | None, idea_id: int) -> Idea:
    """An idea's discussion is on the board with it: read and written by every signed-in person while the idea is
    shared and open to colleagues; with sharing off there is none. Elsewhere it answers like a missing idea."""
    return require_on_board(org, idea, idea_id)


def voice_of(session: Session, actor: Actor, org: OrgConfig, idea: Idea) -> Voice:
    """How the actor's comment on the idea is signed. Its handler answers officially; its sender only ever as
    "innsender", named or not: the board never says who sent an idea; everyone else under their own name."""
    if may_handle(actor, org, idea):
        return Voice.HANDLER
    if is_submitter(session, as_submitter(actor), idea):
        return Voice.SUBMITTER
    return Voice.COLLEAGUE


def may_moderate(actor: Actor) -> bool:
    """Hiding a comment, seeing a hidden one and showing it again: administrators."""
    return actor.role is Role.ADMIN


def may_follow(session: Session, actor: Actor, org: OrgConfig, idea: Idea) -> bool:
    """Anyone who can see the idea: on the board, or as its sender or handler."""
    return on_board(org, idea) or can_see(session, actor, org, idea) or is_submitter(session, as_submitter(actor),
                                                                                     idea)


def tells_colleagues(org: OrgConfig, idea: Idea) -> bool:
    """Whether followers other than its sender hear of the idea: while it is shared (also when it leaves the board
    by being declined: that is the news)."""
    return is_shared(org, idea)


def employee(channel: Channel, external_id: str, *, verified_email: str | None = None) -> Actor:
    return Actor(role=Role.EMPLOYEE, user_id=external_id, channel=channel, verified_email=verified_email)


STAFF_ID_FIELDS = {Channel.SLACK: "slack_user_id", Channel.TEAMS: "teams_aad_id"}


def staff_behind(org: OrgConfig, *, channel: Channel, platform_user_id: str) -> Actor | None:
    """The commissioner or administrator behind a Slack user id or Teams AAD object id, if any."""
    found = org.person_by(field=STAFF_ID_FIELDS[channel], value=platform_user_id)
    if found is None:
        return None
    role, person = found
    return Actor(role=Role(role), user_id=person.id, channel=channel, name=person.name)


def as_submitter(actor: Actor) -> Actor:
    """The person as the sender of ideas: whatever their role, their own ideas are found like an employee's."""
    return Actor(role=Role.EMPLOYEE, user_id=actor.user_id, channel=actor.channel, name=actor.name,
                 verified_email=actor.verified_email)
