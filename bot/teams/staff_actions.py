"""The commissioner's card buttons: Ta til vurdering / Godta / Avslå (asks for the reason) / Duplikat /
Send til annet område / Anslå innsparing (asks for the amount), and "Gjennomført" once accepted; when the submitter
asked to move the idea, "Flytt til …" (a reroute to the area asked for) and "Behold i …" (asks for a reason). Only
the area's commissioner or an administrator may act; anyone else gets a clear refusal and nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from bot import turns
from bot.teams import cards, staff_cards
from bot.teams.cards import Card
from bot.teams.clicks import Click, Handler, refusal, stale
from bot.teams.verbs import INPUT_AREA, INPUT_DUPLICATE_OF, INPUT_REASON, INPUT_SAVING, Verb
from bot.texts import status_label, t, where
from core import handling, reading
from core.actors import Actor, staff_behind
from core.errors import Conflict, Forbidden, InvalidInput, NotFound
from core.locale import money
from core.presentation import IdeaView
from core.textcheck import whole_number
from storage.models import Channel, Status

if TYPE_CHECKING:
    from bot.teams.runtime import TeamsRuntime

Form = Callable[[IdeaView, str | None], Card]


class StaffActions:
    def __init__(self, runtime: TeamsRuntime) -> None:
        self.runtime = runtime
        self.services = runtime.services

    def handlers(self) -> dict[Verb, Handler]:
        return {
            Verb.SHOW_STAFF: self.show,
            Verb.IN_REVIEW: self.in_review,
            Verb.ACCEPT: self.accept,
            Verb.IMPLEMENTED: self.implemented,
            Verb.DECLINE: self.decline,
            Verb.DECLINE_CONFIRM: self.decline_confirm,
            Verb.DUPLICATE: self.duplicate,
            Verb.DUPLICATE_CONFIRM: self.duplicate_confirm,
            Verb.REROUTE: self.reroute,
            Verb.REROUTE_CONFIRM: self.reroute_confirm,
            Verb.ESTIMATE: self.estimate,
            Verb.ESTIMATE_CONFIRM: self.estimate_confirm,
            Verb.MOVE_AS_ASKED: self.reroute_confirm,  # the button carries the area asked for
            Verb.KEEP_AREA: self.keep,
            Verb.KEEP_AREA_CONFIRM: self.keep_confirm,
        }

    async def show(self, click: Click) -> Card:
        found = await self._guard(click)
        return await self.card(found, click) if isinstance(found, IdeaView) else found

    async def in_review(self, click: Click) -> Card:
        return await self._answer(click, Status.IN_REVIEW)

    async def accept(self, click: Click) -> Card:
        return await self._answer(click, Status.ACCEPTED)

    async def implemented(self, click: Click) -> Card:
        return await self._answer(click, Status.IMPLEMENTED)

    async def decline(self, click: Click) -> Card:
        found = await self._guard(click, fresh=True)
        return self._decline_form(click)(found, None) if isinstance(found, IdeaView) else found

    async def decline_confirm(self, click: Click) -> Card:
        reason = str(click.data.get(INPUT_REASON) or "").strip()
        if reason:
            return await self._answer(click, Status.DECLINED, note=reason, form=self._decline_form(click))
        found = await self._guard(click, fresh=True)
        if not isinstance(found, IdeaView):
            return found
        return self._decline_form(click)(found, t(click.locale, "error.reason_required"))

    async def duplicate(self, click: Click) -> Card:
        found = await self._guard(click, fresh=True)
        return self._duplicate_form(click)(found, None) if isinstance(found, IdeaView) else found

    async def duplicate_confirm(self, click: Click) -> Card:
        try:
            original = int(float(str(click.data.get(INPUT_DUPLICATE_OF) or "")))
        except ValueError:  # Input.Number sends a number or a numeric string; anything else is a mistake
            found = await self._guard(click, fresh=True)
            if not isinstance(found, IdeaView):
                return found
            return self._duplicate_form(click)(found, t(click.locale, "error.duplicate_of_required"))
        return await self._answer(click, Status.DUPLICATE, duplicate_of=original, form=self._duplicate_form(click))

    async def reroute(self, click: Click) -> Card:
        found = await self._guard(click, fresh=True)
        if not isinstance(found, IdeaView):
            return found
        areas = [(area.id, area.name.get(click.locale)) for area in self.services.org.focus_areas]
        return cards.area_chooser(found, locale=click.locale, areas=areas, confirm=Verb.REROUTE_CONFIRM,
                                  cancel=Verb.SHOW_STAFF, title=t(click.locale, "modal.reroute"))

    async def reroute_confirm(self, click: Click) -> Card:
        # Rerouting takes no expected status, so `fresh` refuses a click on an out-of-date card here.
        guarded = await self._guard_actor(click, fresh=True)
        if not isinstance(guarded, tuple):
            return guarded
        current, actor = guarded
        try:
            view = await self.runtime.run(turns.change, self.services, handling.reroute, actor=actor,
                                          idea_id=click.idea_id, focus_area=str(click.data.get(INPUT_AREA) or ""))
        except (Conflict, InvalidInput) as error:
            return await self.card(current, click, note=refusal(error, current, click), error=True)
        note = t(click.locale, "moved_by", area=view.area(click.locale), who=actor.name or actor.user_id)
        return await self.card(view, click, note=note, actor=actor)

    async def estimate(self, click: Click) -> Card:
        found = await self._guard(click)
        if not isinstance(found, IdeaView):
            return found
        return staff_cards.estimate_form(found, locale=click.locale)

    async def estimate_confirm(self, click: Click) -> Card:
        guarded = await self._guard_actor(click)
        if not isinstance(guarded, tuple):
            return guarded
        found, actor = guarded
        try:
            amount = whole_number(click.data.get(INPUT_SAVING), field="saving")
            view = await self.runtime.run(turns.change, self.services, handling.estimate_saving, actor=actor,
                                          idea_id=click.idea_id, amount_nok=amount)
        except InvalidInput:  # not whole kroner, or beyond what the rule allows
            return staff_cards.estimate_form(found, locale=click.locale, error=t(click.locale, "error.saving_invalid"))
        who = actor.name or actor.user_id
        note = (t(click.locale, "saving_cleared", who=who) if amount is None
                else t(click.locale, "saving_set", amount=money(click.locale, amount), who=who))
        return await self.card(view, click, note=note)

    async def keep(self, click: Click) -> Card:
        found = await self._guard(click, fresh=True)
        if not isinstance(found, IdeaView):
            return found
        if found.move_request is None:  # answered meanwhile, by someone else or on another card
            return await self.card(found, click, note=t(click.locale, "error.move_settled"), error=True)
        return staff_cards.keep_form(found, locale=click.locale)

    async def keep_confirm(self, click: Click) -> Card:
        guarded = await self._guard_actor(click, fresh=True)
        if not isinstance(guarded, tuple):
            return guarded
        current, actor = guarded
        reason = str(click.data.get(INPUT_REASON) or "").strip() or None
        try:
            view = await self.runtime.run(turns.change, self.services, handling.keep_area, actor=actor,
                                          idea_id=click.idea_id, note=reason, expected=click.expected)
        except InvalidInput as error:  # a reason the rules refuse: ask again, with why
            return staff_cards.keep_form(current, locale=click.locale,
                                         error=t(click.locale, "error.generic", message=error.message))
        except Conflict:
            now = await self.runtime.run(turns.look, self.services, reading.show, actor=None, idea_id=click.idea_id)
            said = stale(now, click) if now.status != click.expected else t(click.locale, "error.move_settled")
            return await self.card(now, click, note=said, error=True)
        note = t(click.locale, "kept_by", area=where(click.locale, view), who=actor.name or actor.user_id)
        return await self.card(view, click, note=note)

    async def card(self, view: IdeaView, click: Click, *, note: str | None = None, error: bool = False,
                   actor: Actor | None = None) -> Card:
        # After a reroute the idea may have left this person's areas: then the card keeps no buttons.
        actionable = actor is None or await self.runtime.run(turns.look, self.services, reading.handles,
                                                             actor=actor, idea_id=view.id)
        return staff_cards.staff_card(view, locale=click.locale, sender=await self.runtime.notifier.sender(view),
                                      note=note, error=error, actionable=actionable)

    def _actor(self, click: Click) -> Actor | None:
        return staff_behind(self.services.org, channel=Channel.TEAMS, platform_user_id=click.user_id)

    def _forbidden(self, click: Click) -> Card:
        return cards.message(t(click.locale, "error.forbidden"), error=True)

    async def _guard(self, click: Click, *, fresh: bool = False) -> IdeaView | Card:
        """The idea if this person may handle it, else the refusal to show. `fresh`: and the card was current."""
        actor = self._actor(click)
        view = await self.runtime.run(self._handled_view, actor, click.idea_id)
        if view is None:
            return self._forbidden(click)
        if fresh and view.status != click.expected:
            return await self.card(view, click, note=stale(view, click), error=True)
        return view

    async def _guard_actor(self, click: Click, *, fresh: bool = False) -> tuple[IdeaView, Actor] | Card:
        """`_guard`, with the actor it let through."""
        found = await self._guard(click, fresh=fresh)
        actor = self._actor(click)
        if not isinstance(found, IdeaView):
            return found
        if actor is None:  # the guard refused already; this keeps the type checker informed
            return self._forbidden(click)
        return found, actor

    async def _answer(self, click: Click, to: Status, *, note: str | None = None, duplicate_of: int | None = None,
                      form: Form | None = None) -> Card:
        actor = self._actor(click)
        if actor is None or not await self.runtime.run(turns.look, self.services, reading.handles, actor=actor,
                                                       idea_id=click.idea_id):
            return self._forbidden(click)
        try:
            view = await self.runtime.run(turns.change, self.services, handling.change_status, actor=actor,
                                          idea_id=click.idea_id, to=to, expected=click.expected, note=note,
                                          duplicate_of=duplicate_of)
        except Forbidden:
            return self._forbidden(click)
        except (Conflict, InvalidInput, NotFound) as error:
            current = await self.runtime.run(turns.look, self.services, reading.show, actor=None,
                                             idea_id=click.idea_id)
            if form is not None and current.status == click.expected:  # a bad input: ask again, with why
                return form(current, t(click.locale, "error.generic", message=error.message))
            return await self.card(current, click, note=refusal(error, current, click), error=True)
        acted = t(click.locale, "acted", status=status_label(click.locale, to), who=actor.name or actor.user_id)
        return await self.card(view, click, note=acted)

    def _handled_view(self, actor: Actor | None, idea_id: int) -> IdeaView | None:
        """The idea, if `actor` may handle it. Database work: runs in the adapter's thread."""
        if actor is None or not turns.look(self.services, reading.handles, actor=actor, idea_id=idea_id):
            return None
        return turns.look(self.services, reading.show, actor=None, idea_id=idea_id)

    def _decline_form(self, click: Click) -> Form:
        return lambda view, error: staff_cards.decline_form(view, locale=click.locale, error=error)

    def _duplicate_form(self, click: Click) -> Form:
        return lambda view, error: staff_cards.duplicate_form(view, locale=click.locale, error=error)
