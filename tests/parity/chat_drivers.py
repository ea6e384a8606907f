"""Slack (signed requests into the app, the fake Web API) and Teams (Action.Execute invokes, the fake Bot Connector).

A staff button is taken from the commissioner's card as it is now: Slack's card as the bot draws it, Teams' card
as "back to the idea" shows it. An employee's button is taken from the confirmation the bot really sent them.
Someone who has no such card uses the buttons of one they were never sent, as an old or forwarded card would.
"""

from __future__ import annotations

from typing import Any

from bot import turns
from bot.slack import blocks
from bot.slack.ids import Action, Ref
from core import reading
from core.presentation import IdeaView
from storage.models import Channel
from tests.bot.slack import payloads
from tests.bot.slack.conftest import DM, KARI, SLACK_IDS, Slack
from tests.bot.teams import activities
from tests.bot.teams.activities import User
from tests.bot.teams.conftest import Teams, texts_of
from tests.parity.drivers import EMPLOYEE, HELSE, OPPVEKST, Answer, Refusal, Wiring


def current(services: Any, idea_id: int) -> IdeaView:
    """The idea as its handlers' card shows it."""
    return turns.look(services, reading.show, actor=None, idea_id=idea_id)


# Slack and Teams say the same: staff who may not handle the idea are told so; anyone else, that it is not found.
CHAT_SAYS: dict[Refusal, str] = {
    "not theirs": r"Bare kommunalsjefen for området eller en administrator kan gjøre dette\.|Fant ikke forslaget\.",
    "refused text": r"Det gikk ikke: The idea contains the control character U\+0007 at position \d+\..*"}
SLACK_USERS = {EMPLOYEE: KARI, **SLACK_IDS}
TEAMS_USERS = {EMPLOYEE: activities.KARI, HELSE: activities.ARNE, OPPVEKST: activities.OPPVEKST}


class SlackDriver:
    name = "slack"
    idea_channel = Channel.SLACK
    answers_in_thread = True
    SAYS = CHAT_SAYS

    def __init__(self, slack: Slack) -> None:
        self.slack = slack
        self.fake = slack.fake

    @classmethod
    def connect(cls, wiring: Wiring) -> SlackDriver:
        return cls(Slack(http=wiring.http, fake=wiring.fake_slack, services=wiring.services, app=wiring.app))

    async def settle(self) -> None:
        await self.slack.settle()

    async def submit(self, text: str) -> Answer:
        seen = len(self.slack.messages())
        await self.slack.dm(text, user=KARI)
        await self.slack.settle()
        [reply] = [m for m in self.slack.messages()[seen:] if m["channel"] == DM[KARI]]
        # The confirmation has the employee's buttons; a refusal is a plain answer in the thread.
        return Answer(ok=bool(_buttons(reply.get("blocks") or [])), said=reply["text"])

    async def review(self, idea_id: int, *, by: str) -> Answer:
        return await self._staff(idea_id, Action.IN_REVIEW, by)

    async def accept(self, idea_id: int, *, by: str) -> Answer:
        return await self._staff(idea_id, Action.ACCEPT, by)

    async def implement(self, idea_id: int, *, by: str) -> Answer:
        return await self._staff(idea_id, Action.IMPLEMENTED, by)

    async def decline(self, idea_id: int, reason: str, *, by: str) -> Answer:
        return await self._staff(idea_id, Action.DECLINE, by, form={"reason": payloads.typed(reason)})

    async def mark_duplicate(self, idea_id: int, original_id: int, *, by: str) -> Answer:
        picked = payloads.chosen(str(original_id), kind="external_select", action_id=Action.DUPLICATE_PICK)
        form = {"duplicate_of": picked, "note": payloads.typed(None)}
        return await self._staff(idea_id, Action.DUPLICATE, by, form=form)

    async def reroute(self, idea_id: int, focus_area: str, *, by: str) -> Answer:
        return await self._staff(idea_id, Action.REROUTE, by,
                                 form={"focus_area": payloads.chosen(focus_area), "note": payloads.typed(None)})

    async def move_as_asked(self, idea_id: int, focus_area: str, *, by: str) -> Answer:
        return await self._staff(idea_id, Action.MOVE_AS_ASKED, by, area=focus_area)

    async def keep_area(self, idea_id: int, reason: str, *, by: str) -> Answer:
        return await self._staff(idea_id, Action.KEEP_AREA, by, form={"reason": payloads.typed(reason)})

    async def estimate_saving(self, idea_id: int, amount_nok: int, *, by: str) -> Answer:
        return await self._staff(idea_id, Action.ESTIMATE, by, form={"saving": payloads.number(str(amount_nok))})

    async def withdraw(self, idea_id: int, *, by: str) -> Answer:
        return await self._own(idea_id, Action.WITHDRAW, by)

    async def make_anonymous(self, idea_id: int, *, by: str) -> Answer:
        return await self._own(idea_id, Action.MAKE_ANONYMOUS, by)

    async def share(self, idea_id: int, *, by: str) -> Answer:
        return await self._own(idea_id, Action.SHARE, by)

    async def ask_to_move(self, idea_id: int, focus_area: str, note: str, *, by: str) -> Answer:
        return await self._own(idea_id, Action.WRONG_AREA, by,
                               form={"focus_area": payloads.chosen(focus_area), "note": payloads.typed(note)})

    # -- clicks and forms ---------------------------------------------------------------------------------

    async def _staff(self, idea_id: int, action: Action, by: str, *, form: dict[str, Any] | None = None,
                     area: str | None = None) -> Answer:
        """`area`: the one a button moves the idea to; a card without the button carries it all the same."""
        _, card = blocks.review_card(current(self.slack.services, idea_id), "nb")
        button = _buttons(card).get(action)
        user = SLACK_USERS[by]
        shown = Ref(idea_id, current(self.slack.services, idea_id).status, area=area)
        if button and area and Ref.from_button(button["value"]).area != area:
            button = None  # a button that moves the idea elsewhere is not the one asked for
        value = button["value"] if button else shown.button_value()
        message = {"channel": DM[user], "ts": payloads.ts()}
        return await self._click(action, value, user, message, form=form, offered=button is not None)

    async def _own(self, idea_id: int, action: Action, by: str, *, form: dict[str, Any] | None = None) -> Answer:
        confirmation = next(m for m in reversed(self.slack.messages()) if m["channel"] == DM[KARI] and any(
            b.get("value", "").partition(":")[0] == str(idea_id) for b in _buttons(m.get("blocks") or []).values()))
        button = _buttons(confirmation["blocks"]).get(action)
        user = SLACK_USERS[by]
        message = confirmation if user == KARI else {"channel": DM[user], "ts": payloads.ts()}
        value = button["value"] if button else f"{idea_id}:received"
        return await self._click(action, value, user, message, form=form, offered=button is not None)

    async def _click(self, action: Action, value: str, user: str, message: dict[str, Any], *,
                     form: dict[str, Any] | None, offered: bool) -> Answer:
        seen = len(self.fake.calls)
        await self.slack.click(action, value, user=user, message=message)
        await self.slack.settle()
        calls = self.fake.calls[seen:]
        told = [c.args["text"] for c in calls if c.method == "chat.postEphemeral" and c.args.get("user") == user]
        if told:
            return Answer(ok=False, said=told[-1], offered=offered)
        if form is None:
            updated = [c.args for c in calls if c.method == "chat.update"]
            assert updated, f"neither a refusal nor an update after {action}: {[c.method for c in calls]}"
            return Answer(ok=True, said=updated[-1]["text"], offered=offered)
        [opened] = [c.args["view"] for c in calls if c.method == "views.open"]
        response = await self.slack.submit(opened["callback_id"], form, user=user,
                                           metadata=opened["private_metadata"])
        await self.slack.settle()
        if response.text:  # the form stays open with the reason next to the field
            answer = response.json()
            assert answer["response_action"] == "errors", answer
            return Answer(ok=False, said=" ".join(answer["errors"].values()), offered=offered)
        assert response.status_code == 200
        return Answer(ok=True, said=opened["title"]["text"], offered=offered)


class TeamsDriver:
    name = "teams"
    idea_channel = Channel.TEAMS
    answers_in_thread = False
    SAYS = CHAT_SAYS

    def __init__(self, teams: Teams) -> None:
        self.teams = teams

    @classmethod
    def connect(cls, wiring: Wiring) -> TeamsDriver:
        return cls(Teams(wiring.http, wiring.services, wiring.connector))

    async def settle(self) -> None:
        return  # a card's answer is the invoke's response: nothing runs after it

    async def submit(self, text: str) -> Answer:
        me = activities.KARI
        seen = len(self.teams.connector.to(me.conversation))
        await self.teams.say(me, text)
        [reply] = self.teams.connector.to(me.conversation)[seen:]
        # The confirmation card has the employee's buttons; a refusal is a card with the reason alone.
        return Answer(ok=bool(reply.card.get("actions")), said=" ".join(texts_of(reply.card)))

    async def review(self, idea_id: int, *, by: str) -> Answer:
        return await self._staff(idea_id, "staff.in_review", by)

    async def accept(self, idea_id: int, *, by: str) -> Answer:
        return await self._staff(idea_id, "staff.accept", by)

    async def implement(self, idea_id: int, *, by: str) -> Answer:
        return await self._staff(idea_id, "staff.implemented", by)

    async def decline(self, idea_id: int, reason: str, *, by: str) -> Answer:
        return await self._staff(idea_id, "staff.decline", by, confirm=("staff.decline_confirm", {"reason": reason}))

    async def mark_duplicate(self, idea_id: int, original_id: int, *, by: str) -> Answer:
        return await self._staff(idea_id, "staff.duplicate", by,
                                 confirm=("staff.duplicate_confirm", {"duplicate_of": original_id}))

    async def reroute(self, idea_id: int, focus_area: str, *, by: str) -> Answer:
        return await self._staff(idea_id, "staff.reroute", by,
                                 confirm=("staff.reroute_confirm", {"focus_area": focus_area}))

    async def estimate_saving(self, idea_id: int, amount_nok: int, *, by: str) -> Answer:
        return await self._staff(idea_id, "staff.estimate", by,
                                 confirm=("staff.estimate_confirm", {"estimated_saving_nok": amount_nok}))

    async def move_as_asked(self, idea_id: int, focus_area: str, *, by: str) -> Answer:
        return await self._staff(idea_id, "staff.move_as_asked", by, carries={"focus_area": focus_area})

    async def keep_area(self, idea_id: int, reason: str, *, by: str) -> Answer:
        return await self._staff(idea_id, "staff.keep_area", by,
                                 confirm=("staff.keep_area_confirm", {"reason": reason}))

    async def withdraw(self, idea_id: int, *, by: str) -> Answer:
        return await self._own(idea_id, "idea.withdraw", by)

    async def make_anonymous(self, idea_id: int, *, by: str) -> Answer:
        return await self._own(idea_id, "idea.make_anonymous", by)

    async def share(self, idea_id: int, *, by: str) -> Answer:
        return await self._own(idea_id, "idea.share", by)

    async def ask_to_move(self, idea_id: int, focus_area: str, note: str, *, by: str) -> Answer:
        return await self._own(idea_id, "idea.wrong_area", by,
                               confirm=("idea.move", {"focus_area": focus_area, "note": note}))

    # -- cards ---------------------------------------------------------------------------------------------

    async def _staff(self, idea_id: int, verb: str, by: str, *, confirm: tuple[str, dict[str, Any]] | None = None,
                     carries: dict[str, Any] | None = None) -> Answer:
        """`carries`: what the button holds besides the idea (the area it moves it to), on a card without it too."""
        user = TEAMS_USERS[by]
        shown = {"idea_id": idea_id, "expected": current(self.teams.services, idea_id).status.value}
        card = await self.teams.click(user, "staff.show", shown)  # "back to the idea": the card as it is now
        return await self._execute(user, card, verb, {**shown, **(carries or {})}, confirm, carries=carries)

    async def _own(self, idea_id: int, verb: str, by: str, *,
                   confirm: tuple[str, dict[str, Any]] | None = None) -> Answer:
        me = activities.KARI
        card = next(sent.card for sent in reversed(self.teams.connector.to(me.conversation))
                    if any(a["data"].get("idea_id") == idea_id for a in sent.card.get("actions", [])))
        return await self._execute(TEAMS_USERS[by], card, verb, {"idea_id": idea_id, "expected": "received"}, confirm)

    async def _execute(self, user: User, card: dict[str, Any], verb: str, old: dict[str, Any],
                       confirm: tuple[str, dict[str, Any]] | None, *, carries: dict[str, Any] | None = None) -> Answer:
        button = _action(card, verb)
        if button and carries and any(button["data"].get(k) != v for k, v in carries.items()):
            button = None  # a button that moves the idea elsewhere is not the one asked for
        answered = await self.teams.click(user, verb, button["data"] if button else old)
        if confirm is not None and not _refusal(answered):
            then, inputs = confirm
            follow = _action(answered, then)
            assert follow, f"{verb} showed no {then}: {texts_of(answered)}"
            answered = await self.teams.click(user, then, follow["data"], inputs=inputs)
        refused = _refusal(answered)
        return Answer(ok=refused is None, said=refused or " ".join(texts_of(answered)), offered=button is not None)


def _buttons(message_blocks: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {e["action_id"]: e for b in message_blocks if b["type"] == "actions" for e in b["elements"]}


def _action(card: dict[str, Any], verb: str) -> dict[str, Any] | None:
    """The card's button for `verb`: at its foot, or in an ActionSet in its body."""
    sets = [b["actions"] for b in card.get("body", []) if b.get("type") == "ActionSet"]
    return next((a for actions in (card.get("actions", []), *sets) for a in actions if a["verb"] == verb), None)


def _refusal(card: dict[str, Any]) -> str | None:
    """The reason on a card that says something went wrong (its notice in the Attention colour)."""
    return next((b["text"] for b in card.get("body", []) if b.get("color") == "Attention"), None)
