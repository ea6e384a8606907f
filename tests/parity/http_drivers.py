"""The REST API (a bearer token per person) and the web pages (the development login, forms with their CSRF token)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any, ClassVar

import httpx

from storage.models import Channel
from tests.parity.drivers import EMPLOYEE, Answer, Refusal, Wiring, staff_role

REFUSED = (400, 403, 404, 409, 422)
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
SUBMISSION = re.compile(r'name="submission" value="([^"]+)"')
ALERT = re.compile(r'<div class="alert (ok|error)" role="(?:status|alert)"[^>]*>\s*(?:<p[^>]*>)?(.*?)<', re.S)


class RestDriver:
    name = "rest"
    idea_channel = Channel.API
    answers_in_thread = False
    SAYS: ClassVar[dict[Refusal, str]] = {
        "not theirs": r"Idea \d+ not found\.",  # the same answer as for an idea that does not exist
        "refused text": r"The idea contains the control character U\+0007 at position \d+\..*"}

    def __init__(self, http: httpx.AsyncClient, token: Callable[..., dict[str, str]]) -> None:
        self.http = http
        self.token = token

    @classmethod
    def connect(cls, wiring: Wiring) -> RestDriver:
        return cls(wiring.http, wiring.token)

    async def settle(self) -> None:
        return

    async def submit(self, text: str) -> Answer:
        return await self._call("POST", "/api/v1/ideas", EMPLOYEE, {"text": text})

    async def review(self, idea_id: int, *, by: str) -> Answer:
        return await self._to(idea_id, {"to": "in_review"}, by)

    async def accept(self, idea_id: int, *, by: str) -> Answer:
        return await self._to(idea_id, {"to": "accepted"}, by)

    async def implement(self, idea_id: int, *, by: str) -> Answer:
        return await self._to(idea_id, {"to": "implemented"}, by)

    async def decline(self, idea_id: int, reason: str, *, by: str) -> Answer:
        return await self._to(idea_id, {"to": "declined", "note": reason}, by)

    async def mark_duplicate(self, idea_id: int, original_id: int, *, by: str) -> Answer:
        return await self._to(idea_id, {"to": "duplicate", "duplicate_of": original_id}, by)

    async def reroute(self, idea_id: int, focus_area: str, *, by: str) -> Answer:
        return await self._call("POST", f"/api/v1/ideas/{idea_id}/route", by, {"focus_area": focus_area})

    async def estimate_saving(self, idea_id: int, amount_nok: int, *, by: str) -> Answer:
        return await self._call("PATCH", f"/api/v1/ideas/{idea_id}", by, {"estimated_saving_nok": amount_nok})

    async def plan_saving(self, idea_id: int, one_off_nok: int, effect_year: int, gain: str, *, by: str) -> Answer:
        return await self._call("POST", f"/api/v1/ideas/{idea_id}/saving", by,
                                {"one_off_cost_nok": one_off_nok, "effect_year": effect_year, "qualitative": True,
                                 "qualitative_text": gain})

    async def withdraw(self, idea_id: int, *, by: str) -> Answer:
        return await self._to(idea_id, {"to": "withdrawn"}, by)

    async def ask_to_move(self, idea_id: int, focus_area: str, note: str, *, by: str) -> Answer:
        return await self._call("POST", f"/api/v1/ideas/{idea_id}/move-request", by,
                                {"focus_area": focus_area, "note": note})

    async def move_as_asked(self, idea_id: int, focus_area: str, *, by: str) -> Answer:
        """A client reads the pending request in the idea's detail, and reroutes it there."""
        shown = await self.http.get(f"/api/v1/ideas/{idea_id}", headers=self.token(staff_role(by), by))
        asked = shown.json().get("move_request") if shown.is_success else None
        moved = await self._call("POST", f"/api/v1/ideas/{idea_id}/route", by, {"focus_area": focus_area})
        return replace(moved, offered=bool(asked) and asked["focus_area"] == focus_area)

    async def keep_area(self, idea_id: int, reason: str, *, by: str) -> Answer:
        return await self._call("POST", f"/api/v1/ideas/{idea_id}/move-request/decline", by, {"note": reason})

    async def export_me(self, *, by: str) -> Answer:
        return await self._call("GET", "/api/v1/me/export", by)

    async def erase_me(self, *, by: str) -> Answer:
        return await self._call("DELETE", "/api/v1/me", by)

    async def _to(self, idea_id: int, body: dict[str, Any], by: str) -> Answer:
        return await self._call("POST", f"/api/v1/ideas/{idea_id}/transitions", by, body)

    async def _call(self, method: str, path: str, by: str, body: dict[str, Any] | None = None) -> Answer:
        response = await self.http.request(method, path, json=body, headers=self.token(staff_role(by), by))
        if response.is_success:
            return Answer(ok=True, said=response.text)
        assert response.status_code in REFUSED, response.text  # a refusal, never a crash
        assert response.headers["content-type"].startswith("application/problem+json"), response.headers
        return Answer(ok=False, said=response.json()["detail"])


class WebDriver:
    """A browser without scripts: it loads the page a person acts from, then posts the form found there."""

    name = "web"
    idea_channel = Channel.WEB
    answers_in_thread = False
    SAYS: ClassVar[dict[Refusal, str]] = {
        "not theirs": r"Fant ikke forslaget\.",
        "refused text": r"Teksten inneholder et usynlig kontrolltegn.*"}

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http
        self.person: str | None = None

    @classmethod
    def connect(cls, wiring: Wiring) -> WebDriver:
        return cls(wiring.http)

    async def settle(self) -> None:
        return

    async def submit(self, text: str) -> Answer:
        await self._login(EMPLOYEE)
        page = await self.http.get("/")
        found = SUBMISSION.search(page.text)
        assert found, "the front page has no submission key"
        return await self._post(page, "/", {"text": text, "title": "", "submission": found.group(1)})

    async def review(self, idea_id: int, *, by: str) -> Answer:
        return await self._status(idea_id, "in_review", by)

    async def accept(self, idea_id: int, *, by: str) -> Answer:
        return await self._status(idea_id, "accepted", by)

    async def implement(self, idea_id: int, *, by: str) -> Answer:
        return await self._status(idea_id, "implemented", by)

    async def decline(self, idea_id: int, reason: str, *, by: str) -> Answer:
        return await self._board(idea_id, "status", {"to": "declined", "note": reason}, by,
                                 control='<input type="hidden" name="to" value="declined">')

    async def mark_duplicate(self, idea_id: int, original_id: int, *, by: str) -> Answer:
        return await self._board(idea_id, "status", {"to": "duplicate", "duplicate_of": str(original_id)}, by,
                                 control='<input type="hidden" name="to" value="duplicate">')

    async def reroute(self, idea_id: int, focus_area: str, *, by: str) -> Answer:
        return await self._board(idea_id, "route", {"focus_area": focus_area}, by,
                                 control=f'<option value="{focus_area}">')

    async def move_as_asked(self, idea_id: int, focus_area: str, *, by: str) -> Answer:
        return await self._board(idea_id, "route", {"focus_area": focus_area}, by,
                                 control=f'<input type="hidden" name="focus_area" value="{focus_area}">')

    async def keep_area(self, idea_id: int, reason: str, *, by: str) -> Answer:
        return await self._board(idea_id, "keep", {"note": reason}, by, control='name="note"')

    async def estimate_saving(self, idea_id: int, amount_nok: int, *, by: str) -> Answer:
        return await self._board(idea_id, "saving", {"amount": str(amount_nok)}, by, control='name="amount"')

    async def plan_saving(self, idea_id: int, one_off_nok: int, effect_year: int, gain: str, *, by: str) -> Answer:
        return await self._board(idea_id, "saving-plan", {
            "one_off_cost_nok": str(one_off_nok), "effect_year": str(effect_year), "qualitative": "true",
            "qualitative_text": gain}, by, control='name="one_off_cost_nok"')

    async def withdraw(self, idea_id: int, *, by: str) -> Answer:
        return await self._mine(idea_id, "withdraw", by)

    async def make_anonymous(self, idea_id: int, *, by: str) -> Answer:
        return await self._mine(idea_id, "anonymous", by)

    async def ask_to_move(self, idea_id: int, focus_area: str, note: str, *, by: str) -> Answer:
        return await self._mine(idea_id, "move", by, {"focus_area": focus_area, "note": note},
                                control=f'<option value="{focus_area}"')

    async def export_me(self, *, by: str) -> Answer:
        await self._login(by)
        page = await self.http.get("/mine")
        offered = 'href="/api/v1/me/export"' in page.text
        response = await self.http.get("/api/v1/me/export")  # the download link, with the session cookie
        assert response.status_code == 200 and offered, (response.status_code, offered)
        return Answer(ok=True, said=response.text)

    async def erase_me(self, *, by: str) -> Answer:
        await self._login(by)
        page = await self.http.get("/mine")
        return await self._post(page, "/mine/erase", {"confirm": "true"})

    # -- the pages ---------------------------------------------------------------------------------------

    async def _status(self, idea_id: int, to: str, by: str) -> Answer:
        return await self._board(idea_id, "status", {"to": to, "note": ""}, by,
                                 control=f'<button type="submit" name="to" value="{to}">')

    async def _board(self, idea_id: int, form: str, fields: dict[str, str], by: str, *, control: str) -> Answer:
        """A form on the idea's card on the triage board (every status shown)."""
        await self._login(by)
        page = await self.http.get("/triage", params={"show": "all"})
        return await self._post(page, f"/triage/{idea_id}/{form}", fields, card=f'id="idea-{idea_id}"',
                                control=control)

    async def _mine(self, idea_id: int, action: str, by: str, fields: dict[str, str] | None = None, *,
                    control: str | None = None) -> Answer:
        """A form on my idea's page."""
        await self._login(by)
        page = await self.http.get(f"/mine/{idea_id}")
        return await self._post(page, f"/mine/{idea_id}/{action}", fields or {}, control=control)

    async def _post(self, page: httpx.Response, action: str, fields: dict[str, str], *, card: str | None = None,
                    control: str | None = None) -> Answer:
        """Post the form `action` as the page would; a page without that form is posted anyway, as a stale tab
        would, and then must be refused."""
        offered = _offers(page.text, action, card=card, control=control)
        token = CSRF.search(page.text)
        assert token, f"no CSRF token on {page.url}"
        response = await self.http.post(action, data={"csrf_token": token.group(1), **fields}, follow_redirects=True)
        alerts = [(kind, html.unescape(text).strip()) for kind, text in ALERT.findall(response.text)]
        errors = [text for kind, text in alerts if kind == "error"]
        if response.status_code == 200 and not errors:
            assert offered, f"{action} was done though {page.url} offered no such form"
            return Answer(ok=True, said=" ".join(text for _, text in alerts), offered=offered)
        assert response.status_code in REFUSED and errors, (response.status_code, alerts)
        return Answer(ok=False, said=errors[0], offered=offered)

    async def _login(self, person: str) -> None:
        if self.person == person:
            return
        self.http.cookies.clear()
        page = await self.http.get("/login")
        token = CSRF.search(page.text)
        assert token, "no CSRF token on the login page"
        response = await self.http.post("/login/dev", data={"csrf_token": token.group(1), "person": person},
                                        follow_redirects=True)
        assert response.status_code == 200, response.text
        self.person = person


def _offers(page: str, action: str, *, card: str | None, control: str | None) -> bool:
    """Whether `page` has the form posting to `action` (inside the idea's card, with `control` in it)."""
    if card is not None:
        start = page.find(card)
        if start < 0:
            return False
        end = page.find('<article class="card"', start + 1)
        page = page[start:end if end > 0 else None]
    forms = [part.split("</form>", 1)[0] for part in page.split(f'action="{action}"')[1:]]
    return any(control is None or control in form for form in forms)
