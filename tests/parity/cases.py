"""The use cases, each with the one record every channel must leave behind, and which channels offer each.

A record is written once per use case, never per channel. What depends on where the idea came from is stated in
it: a notification to the submitter is queued only when the idea came from chat (web and API submitters follow
their ideas on the page), and reaches them in that chat; a Slack DM's confirmation also says which thread it answers.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from storage.models import Channel, EventKind, Status
from tests.bot.teams.activities import ARNE, KARI
from tests.bot.teams.activities import OPPVEKST as OPPVEKST_TEAMS
from tests.parity.drivers import EMPLOYEE, HELSE, Answer, Refusal
from tests.parity.records import THREAD, Ev, IdeaState, Notice, Written

HERE = None  # the idea is sent by the employee through the channel under test
CHAT = (Channel.SLACK, Channel.TEAMS)
TEXT = "Felles vikarpool for hjemmetjenesten"
REFUSED_TEXT = "Forslag med skjult tegn\x07 i teksten"  # a control character: the rules refuse it
REASON = "Dette er allerede prøvd i 2024."
WHY_MOVE = "Det gjelder skolehelsetjenesten."  # the submitter's reason for asking to move the idea
WHY_KEEP = "Helse eier skolehelsetjenesten."  # the commissioner's reason for keeping it
SAVING = 120_000
ONE_OFF, EFFECT_YEAR, GAIN = 80_000, 2028, "Mindre reising mellom sonene"  # the saving planned for the budget
HELSE_AREA, BARN, SAMFUNN = "helse-og-livskvalitet", "barn-og-unge", "samfunnsutvikler"
BY_HELSE = f"commissioner:{HELSE}"
# The commissioners' cards, by the ids the tests' org config gives them (Frank Hauge has no Teams id there).
HELSE_CARDS = ((Channel.SLACK, "user:UHELSE"), (Channel.TEAMS, f"user:{ARNE.aad}"))
OPPVEKST_CARDS = ((Channel.SLACK, "user:UOPPVEKST"), (Channel.TEAMS, f"user:{OPPVEKST_TEAMS.aad}"))
DIREKTOR_CARDS = ((Channel.SLACK, "user:UDIREKTOR"),)
# How each channel knows the employee: the API and the pages share the web login.
IDENTITY = {Channel.API: "web:kari", Channel.WEB: "web:kari", Channel.SLACK: "slack:UKARI",
            Channel.TEAMS: f"teams:{KARI.aad}"}


@dataclass(frozen=True)
class Ctx:
    idea: int
    earlier: int | None = None


Act = Callable[[Any, Ctx, str], Awaitable[Answer]]


@dataclass(frozen=True)
class Tell:
    """A notification. Without `staff`: to the submitter, queued only for an idea that came from chat."""

    kind: str
    payload: dict[str, Any]
    staff: tuple[tuple[Channel, str], ...] = ()
    in_thread: bool = False  # a confirmation: answers the message in its thread where the channel does


@dataclass(frozen=True)
class Case:
    use_case: str
    act: Act  # (driver, ctx, who acts)
    actor: str = HELSE
    origin: Channel | None = HERE  # where the idea acted on came from; a Channel: sent there beforehand
    # "move requested": the submitter asked beforehand to move the idea to BARN.
    prepare: tuple[Literal["earlier", "accepted", "someone else's", "move requested"], ...] = ()
    sends: bool = False  # the act itself sends the idea
    idea: dict[str, Any] = field(default_factory=dict)  # how the idea differs afterwards from as it was sent
    events: tuple[Ev, ...] = ()
    tells: tuple[Tell, ...] = ()
    corrections: tuple[tuple[str, str | None, str], ...] = ()
    audit: tuple[tuple[str, str, str | None, Channel | None, dict[str, Any]], ...] = ()  # via None: the origin
    refusal: Refusal | None = "not theirs"
    # About the earlier idea (sent by someone else through Slack): its events, and who is told in Slack.
    on_earlier: tuple[Ev, ...] = ()
    tells_earlier: tuple[Tell, ...] = ()

    def expected(self, origin: Channel, *, answers_in_thread: bool) -> Written:
        sent = IdeaState(status=Status.RECEIVED, focus_area=HELSE_AREA, commissioner=HELSE, anonymous=False,
                         channel=origin, submitter=IDENTITY[origin])
        notices = []
        for tell in self.tells:
            if tell.staff:
                notices += [Notice(tell.kind, channel, address, tell.payload) for channel, address in tell.staff]
            elif origin in CHAT:
                threaded = tell.in_thread and answers_in_thread and self.origin is HERE
                notices.append(Notice(tell.kind, origin, "submitter",
                                      {**tell.payload, "reply_to": THREAD} if threaded else tell.payload))
        earlier = tuple(Notice(tell.kind, Channel.SLACK, "another submitter", tell.payload)
                        for tell in self.tells_earlier)
        return Written(idea=dataclasses.replace(sent, **self.idea), events=self.events, notices=tuple(notices),
                       corrections=self.corrections, earlier_events=self.on_earlier, earlier_notices=earlier,
                       audit=tuple((a, actor, s, via or origin, d) for a, actor, s, via, d in self.audit))


def _changed(old: str, new: str, note: str | None = None) -> Tell:
    return Tell("status_changed", {"from": old, "to": new, "note": note})


CASES = (
    Case("submit", lambda d, c, by: d.submit(TEXT), actor=EMPLOYEE, sends=True,
         events=(Ev(EventKind.RECEIVED, None, HELSE_AREA, "submitter"),),
         tells=(Tell("idea_received", {"focus_area": HELSE_AREA}, in_thread=True),
                Tell("idea_routed", {"focus_area": HELSE_AREA}, staff=HELSE_CARDS)),
         refusal="refused text"),
    # Staff act on an idea sent the same way for every channel; where it came from decides the submitter's news.
    Case("review", lambda d, c, by: d.review(c.idea, by=by), origin=Channel.API,
         idea={"status": Status.IN_REVIEW, "answered": True},
         events=(Ev(EventKind.STATUS_CHANGED, "received", "in_review", BY_HELSE),),
         tells=(_changed("received", "in_review"),)),  # queued for nobody: an API submitter reads the page
    Case("accept", lambda d, c, by: d.accept(c.idea, by=by), origin=Channel.TEAMS,
         idea={"status": Status.ACCEPTED, "answered": True},
         events=(Ev(EventKind.STATUS_CHANGED, "received", "in_review", BY_HELSE),
                 Ev(EventKind.STATUS_CHANGED, "in_review", "accepted", BY_HELSE)),
         tells=(_changed("received", "in_review"), _changed("in_review", "accepted"))),
    Case("implement", lambda d, c, by: d.implement(c.idea, by=by), origin=Channel.SLACK, prepare=("accepted",),
         idea={"status": Status.IMPLEMENTED, "answered": True},
         events=(Ev(EventKind.STATUS_CHANGED, "accepted", "implemented", BY_HELSE),),
         tells=(_changed("accepted", "implemented"),)),
    Case("decline", lambda d, c, by: d.decline(c.idea, REASON, by=by), origin=Channel.SLACK,
         idea={"status": Status.DECLINED, "answered": True},
         events=(Ev(EventKind.STATUS_CHANGED, "received", "declined", BY_HELSE, REASON),),
         tells=(_changed("received", "declined", REASON),)),
    # Marking a duplicate merges it into the earlier idea, someone else's: the duplicate's submitter becomes its
    # supporter, and each submitter is told in their own channel (the duplicate's by its status change).
    Case("mark_duplicate", lambda d, c, by: d.mark_duplicate(c.idea, c.earlier, by=by), origin=Channel.TEAMS,
         prepare=("earlier",), idea={"status": Status.DUPLICATE, "duplicate_of": "earlier", "answered": True},
         events=(Ev(EventKind.STATUS_CHANGED, "received", "duplicate", BY_HELSE),
                 Ev(EventKind.MERGED_AWAY, None, "earlier", BY_HELSE)),
         tells=(_changed("received", "duplicate"),),
         on_earlier=(Ev(EventKind.MERGED_IN, "idea", "1", BY_HELSE),),
         tells_earlier=(Tell("idea_merged", {"supporters": 1}),)),
    Case("reroute", lambda d, c, by: d.reroute(c.idea, SAMFUNN, by=by), origin=Channel.SLACK,
         idea={"focus_area": SAMFUNN, "commissioner": "frank-hauge"},
         events=(Ev(EventKind.REROUTED, HELSE_AREA, SAMFUNN, BY_HELSE),),
         tells=(Tell("rerouted", {"from": HELSE_AREA, "focus_area": SAMFUNN}),
                Tell("idea_routed", {"focus_area": SAMFUNN}, staff=DIREKTOR_CARDS)),
         corrections=((SAMFUNN, HELSE_AREA, BY_HELSE),)),
    # The submitter asked to move the idea: the commissioner moves it there (a reroute, which trains) or keeps it.
    Case("move_as_asked", lambda d, c, by: d.move_as_asked(c.idea, BARN, by=by), origin=Channel.TEAMS,
         prepare=("move requested",), idea={"focus_area": BARN, "commissioner": "kommunalsjef-oppvekst"},
         events=(Ev(EventKind.REROUTED, HELSE_AREA, BARN, BY_HELSE),),
         tells=(Tell("rerouted", {"from": HELSE_AREA, "focus_area": BARN}),
                Tell("idea_routed", {"focus_area": BARN}, staff=OPPVEKST_CARDS)),
         corrections=((BARN, HELSE_AREA, BY_HELSE),)),
    Case("keep_area", lambda d, c, by: d.keep_area(c.idea, WHY_KEEP, by=by), origin=Channel.SLACK,
         prepare=("move requested",),
         events=(Ev(EventKind.MOVE_DECLINED, HELSE_AREA, BARN, BY_HELSE, WHY_KEEP),),
         tells=(Tell("move_declined", {"focus_area": HELSE_AREA, "requested": BARN, "note": WHY_KEEP}),)),
    Case("estimate_saving", lambda d, c, by: d.estimate_saving(c.idea, SAVING, by=by), origin=Channel.WEB,
         idea={"estimated_saving_nok": SAVING},
         events=(Ev(EventKind.SAVING_ESTIMATED, None, str(SAVING), BY_HELSE),)),
    Case("plan_saving", lambda d, c, by: d.plan_saving(c.idea, ONE_OFF, EFFECT_YEAR, GAIN, by=by),
         origin=Channel.API,
         events=(Ev(EventKind.ONE_OFF_COST_SET, None, str(ONE_OFF), BY_HELSE),
                 Ev(EventKind.EFFECT_YEAR_SET, None, str(EFFECT_YEAR), BY_HELSE),
                 Ev(EventKind.QUALITATIVE_GAIN_SET, "false", "true", BY_HELSE, GAIN))),
    # The employee acts on an idea they sent through the channel under test.
    Case("withdraw", lambda d, c, by: d.withdraw(c.idea, by=by), actor=EMPLOYEE,
         idea={"status": Status.WITHDRAWN},
         events=(Ev(EventKind.STATUS_CHANGED, "received", "withdrawn", "submitter"),)),
    Case("make_anonymous", lambda d, c, by: d.make_anonymous(c.idea, by=by), actor=EMPLOYEE,
         idea={"anonymous": True}, events=(Ev(EventKind.MADE_ANONYMOUS, None, None, "submitter"),)),
    # "Del med kolleger" after a plain chat message, under the parity org's `sharing: opt_in`.
    Case("share", lambda d, c, by: d.share(c.idea, by=by), actor=EMPLOYEE,
         events=(Ev(EventKind.SHARED, "false", "true", "submitter"),)),
    # "Feil område?" asks: the idea stays, the commissioner who decides is told, and nothing is learnt from it.
    Case("ask_to_move", lambda d, c, by: d.ask_to_move(c.idea, BARN, WHY_MOVE, by=by), actor=EMPLOYEE,
         events=(Ev(EventKind.MOVE_REQUESTED, HELSE_AREA, BARN, "submitter", WHY_MOVE),),
         tells=(Tell("move_requested", {"focus_area": HELSE_AREA, "requested": BARN}, staff=HELSE_CARDS),)),
    # A person's own data: there is nobody else's to refuse; that another person's idea is untouched is checked.
    Case("export_me", lambda d, c, by: d.export_me(by=by), actor=EMPLOYEE, refusal=None,
         audit=(("data_exported", "self", "submitter", None, {"ideas": 1, "submitters": 1}),)),
    Case("erase_me", lambda d, c, by: d.erase_me(by=by), actor=EMPLOYEE, prepare=("someone else's",), refusal=None,
         idea={"anonymous": True, "submitter": None},
         events=(Ev(EventKind.SUBMITTER_ERASED, None, None, "submitter"),),
         audit=(("submitter_erased", "self", "submitter", None, {"ideas": 1, "identities": 1, "submitters": 1}),)),
)

ALL = ["rest", "web", "slack", "teams"]
# Which channel offers which use case. Slack and Teams have no "erase me" or download: an administrator answers
# such a request with `forslagskassa privacy`. The API has no "make anonymous".
OFFERED: dict[str, list[str]] = {
    "submit": ALL, "review": ALL, "accept": ALL, "implement": ALL, "decline": ALL, "mark_duplicate": ALL,
    "reroute": ALL, "move_as_asked": ALL, "keep_area": ALL, "estimate_saving": ALL, "withdraw": ALL,
    "plan_saving": ["rest", "web"],
    "make_anonymous": ["web", "slack", "teams"],
    # The web form and the API ask at sending ("shared"); a chat message has no box to tick, so chats ask after.
    "share": ["slack", "teams"],
    "ask_to_move": ALL,
    "export_me": ["rest", "web"],
    "erase_me": ["rest", "web"],
}
