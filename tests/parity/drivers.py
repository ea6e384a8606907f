"""What every channel driver shares: the people who act, what a person was answered, and the operations.

A driver performs a use case the way a person does it in that channel (a REST call, a form on a page, a button
on a Slack message, an Action.Execute on a Teams card) and reports what the person was shown. It implements only
the operations its channel really offers; `cases.OFFERED` lists them and a test keeps the two in step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar, Literal, Protocol, Self

import httpx
from fastapi import FastAPI

from core.services import Services
from storage.models import Channel
from tests.bot.slack.fake_slack import FakeSlack
from tests.bot.teams.fakes import ConnectorFake

# The people, by their org-config id ("kari" is the employee every channel knows in its own way).
EMPLOYEE = "kari"
HELSE = "arne-jorstad"  # commissioner of helse-og-livskvalitet, where the ideas are routed
OPPVEKST = "kommunalsjef-oppvekst"  # commissioner of another area

# The refusals every channel must give alike: the commissioner of another area acting on an idea that is neither
# in their area nor sent by them; and a text the rules refuse.
Refusal = Literal["not theirs", "refused text"]


@dataclass(frozen=True)
class Answer:
    """What the person saw. `offered`: the page or card they acted from showed the control they used."""

    ok: bool
    said: str
    offered: bool = True


@dataclass(frozen=True)
class Wiring:
    """What a driver may connect to: the app (through a client of the driver's own), and the outside fakes."""

    http: httpx.AsyncClient
    app: FastAPI
    services: Services
    fake_slack: FakeSlack
    connector: ConnectorFake
    token: Callable[..., dict[str, str]]  # bearer headers for the API: token(role, person)


class Driver(Protocol):
    """One channel. Besides these, a driver has the operations its channel offers, each returning an Answer:

    submit(text) — by the employee
    review / accept / implement(idea_id, *, by)
    decline(idea_id, reason, *, by)
    mark_duplicate(idea_id, original_id, *, by)
    reroute(idea_id, focus_area, *, by)
    move_as_asked(idea_id, focus_area, *, by) — the answer to a request to move, from the card that shows it
    keep_area(idea_id, reason, *, by) — the other answer
    estimate_saving(idea_id, amount_nok, *, by)
    plan_saving(idea_id, one_off_nok, effect_year, gain, *, by) — the saving for the budget (REST and web)
    withdraw / make_anonymous(idea_id, *, by)
    ask_to_move(idea_id, focus_area, note, *, by) — the submitter's "wrong area?"
    export_me / erase_me(*, by)
    """

    name: ClassVar[str]
    idea_channel: ClassVar[Channel]  # what an idea sent here is stored with
    # A confirmation that answers in the thread of the message it confirms carries where (Slack's DMs).
    answers_in_thread: ClassVar[bool]
    # What the person is told for each refusal (a regular expression over Answer.said).
    SAYS: ClassVar[dict[Refusal, str]]

    @classmethod
    def connect(cls, wiring: Wiring) -> Self: ...

    async def settle(self) -> None:
        """Wait for work the channel does after it has answered (Bolt's listeners, deliveries)."""


def staff_role(person: str) -> str:
    return "employee" if person == EMPLOYEE else "commissioner"
