"""An anonymous idea, sent through each channel, names its sender nowhere anyone else can look.

One person per channel sends one anonymous idea and asks ("Feil område?") to move it; the commissioner gets the
request, keeps the idea where it is, takes it into review and declines it with a reason (so the sender is told,
three times), and the outbox delivers everything. Then every place another person can
look is searched for the sender's name, ids and mail: the API's answers to staff and to another employee, the
pages (the triage board, the dashboard, the org page, another employee's "my ideas"), the CSV export, every log
line of the whole flow at DEBUG (SQL statements included), and every notification sent to the commissioners
through the fake Slack and the fake Bot Connector (and the outbox rows behind them), and the triage board while the
request is pending. The sender's own
confirmations are the one place their ids may go, and are left out of the search.
"""

from __future__ import annotations

import io
import json
import logging
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import httpx
import openpyxl
import pytest
from sqlalchemy import select

from api.auth import issue_token
from core.actors import Role
from core.orgconfig import load_org_config
from storage.models import Idea, OutboxMessage, Status
from tests.api.web.conftest import csrf_of
from tests.bot.slack import payloads
from tests.bot.teams.activities import User
from tests.conftest import LOTEN, SECRET
from tests.security.conftest import World, dev_login, entra_login

# pytest resets warning filters per test; outside tests api.web.oidc silences this one (see its docstring).
pytestmark = pytest.mark.filterwarnings("ignore:response_mode='form_post' is recommended")

IDEA = "Vi kan spare mye på å samordne vikarbruken i hjemmetjenesten og sykehjemmet"
DECLINE_NOTE = "Dette vurderes allerede i budsjettarbeidet."
ASKED = {"focus_area": "barn-og-unge", "note": "Det gjelder mest barnehagene."}  # the sender's request to move it
# The fakes' own access logs are test machinery, not the service's logs.
NOT_OURS = ("aiohttp.access",)
ORG = load_org_config(LOTEN)


@dataclass
class Sender:
    marks: tuple[str, ...]  # name, ids, mail: none may appear anywhere but in what goes to the sender
    own: set[str] = field(default_factory=set)  # the sender's own chat conversations


API_SENDER = Sender(("Astrid Apistad", "apistad", "astrid.api.4471"))
WEB_SENDER = Sender(("Wenche Webbstad", "Webbstad", "wenche.webbstad@loten.kommune.no",
                     "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a"))
SLACK_USER = "U0SIGRID"
SLACK_SENDER = Sender(("Sigrid Slackberg", "Slackberg", SLACK_USER, SLACK_USER.lower(), "D0SIGRID"),
                      own={"D0SIGRID"})
TOR = User("5d6e7f80-91a2-4b3c-8d4e-5f60718293a4", "29:1tor-QrStUv", "Tor Teamsen", "a:1tor-personal-chat")
TEAMS_SENDER = Sender((TOR.name, "Teamsen", TOR.aad, TOR.channel_id, TOR.conversation), own={TOR.conversation})


@pytest.fixture(autouse=True)
def debug_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Everything at DEBUG from before the first database connection; SQLAlchemy's statement log too (it keeps
    itself at WARNING unless an operator turns it on to debug the database)."""
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.INFO, logger="sqlalchemy.engine")
    return caplog


async def test_anonymous_via_the_rest_api(world: World, debug_logs):
    headers = bearer(Role.EMPLOYEE, "astrid.api.4471", name="Astrid Apistad")
    response = await world.http.post("/api/v1/ideas", json={"text": IDEA, "anonymous": True}, headers=headers)
    assert response.status_code == 201
    idea_id = response.json()["id"]
    asked = await world.http.post(f"/api/v1/ideas/{idea_id}/move-request", json=ASKED, headers=headers)
    assert asked.status_code == 200, asked.text
    await handle_and_search(world, idea_id, API_SENDER, debug_logs)


async def test_anonymous_via_the_web_form(world: World, debug_logs):
    async with world.browser() as browser:
        await entra_login(browser, world.entra, {"sub": "pairwise", "oid": WEB_SENDER.marks[3],
                                                 "name": "Wenche Webbstad", "preferred_username": WEB_SENDER.marks[2]})
        debug_logs.clear()  # logging in is not sending an idea; from here on the idea's flow is searched
        form = await browser.get("/")
        sent = await browser.post("/", data={"csrf_token": csrf_of(form), "text": IDEA, "anonymous": "true"})
        assert sent.status_code == 303
        idea_id = int(sent.headers["location"].rsplit("/", 1)[1])
        mine = await browser.get(f"/mine/{idea_id}")
        asked = await browser.post(f"/mine/{idea_id}/move", data={"csrf_token": csrf_of(mine), **ASKED})
        assert asked.status_code == 303
    await handle_and_search(world, idea_id, WEB_SENDER, debug_logs)


async def test_anonymous_via_the_slack_command_and_its_form(world: World, debug_logs):
    world.fake_slack.user(SLACK_USER, name="Sigrid Slackberg")
    await world.slack.command("", user=SLACK_USER)  # "/forslag" alone opens the form
    await world.fake_slack.wait_for("views.open")
    values = {"text": payloads.typed(IDEA), "anonymous": payloads.checked("yes")}
    assert (await world.slack.submit("new_idea", values, user=SLACK_USER)).status_code == 200
    [idea] = [i for i in await world.slack.ideas() if i.text == IDEA]
    assert idea.anonymous
    [confirmation] = await world.slack.posted(channel="D0SIGRID")
    await world.slack.click("idea_wrong_area", f"{idea.id}:received", user=SLACK_USER, message=confirmation)
    [_, opened] = await world.fake_slack.wait_for("views.open", 2)
    wrong_area = {"focus_area": payloads.chosen(ASKED["focus_area"]), "note": payloads.typed(ASKED["note"])}
    asked = await world.slack.submit("wrong_area", wrong_area, user=SLACK_USER,
                                     metadata=opened["view"]["private_metadata"])
    assert asked.status_code == 200 and not asked.text
    await handle_and_search(world, idea.id, SLACK_SENDER, debug_logs)


async def test_anonymous_via_a_teams_personal_message(world: World, debug_logs):
    await world.teams.say(TOR, IDEA)
    confirmation = world.teams.last_to(TOR).card
    await world.teams.click(TOR, "idea.make_anonymous", confirmation["actions"][0]["data"])
    await world.teams.click(TOR, "idea.move", confirmation["actions"][0]["data"], inputs=ASKED)
    [idea] = [i for i in world.teams.ideas() if i.text == IDEA]
    assert idea.anonymous
    await handle_and_search(world, idea.id, TEAMS_SENDER, debug_logs)


# -- the commissioner's work, then the search ------------------------------------------------------------------


async def handle_and_search(world: World, idea_id: int, sender: Sender, logs: pytest.LogCaptureFixture) -> None:
    arne = bearer(Role.COMMISSIONER, "arne-jorstad")
    await world.deliver()  # the request to move it reaches the commissioner
    requested = await board_with_the_request(world, idea_id)
    kept = await world.http.post(f"/api/v1/ideas/{idea_id}/move-request/decline", headers=arne)
    assert kept.status_code == 200, kept.text
    for step in ({"to": "in_review"}, {"to": "declined", "note": DECLINE_NOTE}):
        response = await world.http.post(f"/api/v1/ideas/{idea_id}/transitions", json=step, headers=arne)
        assert response.status_code == 200, response.text
    await world.deliver()
    found = {**await api_answers(world, idea_id), **await pages(world, idea_id), **notifications(world, sender),
             **outbox_rows(world, idea_id), **log_lines(logs), **requested}
    assert any(ASKED["note"] in text for where, text in found.items() if where.startswith(("slack", "teams"))), \
        "the commissioner was not told of the request"
    assert any(IDEA in text for text in found.values()), "the search did not even find the idea"
    leaks = [f"{where}: {mark!r}" for where, text in found.items() for mark in sender.marks if mark in text]
    assert not leaks, "the sender is named in:\n" + "\n".join(leaks)


async def api_answers(world: World, idea_id: int) -> dict[str, str]:
    found = {}
    for who in ((Role.ADMIN, "forslagskassa-admin"), (Role.COMMISSIONER, "arne-jorstad"), (Role.EMPLOYEE, "per")):
        headers = bearer(*who)
        for path in (f"/api/v1/ideas/{idea_id}", "/api/v1/ideas?page_size=100", "/api/v1/export.csv",
                     "/api/v1/export.xlsx", "/api/v1/stats", "/api/v1/audit", "/api/v1/me/export"):
            response = await world.http.get(path, headers=headers)
            found[f"{who[1]} GET {path}"] = readable(response)
    return found


def readable(response: httpx.Response) -> str:
    """The answer as text; a workbook's cells one per line (its zipped XML cannot be searched as it is)."""
    if not response.headers.get("content-type", "").startswith("application/vnd.openxmlformats"):
        return response.text
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return "\n".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None)


async def pages(world: World, idea_id: int) -> dict[str, str]:
    found = {}
    visits = {"forslagskassa-admin": ["/triage?show=all", "/admin", "/admin/org", "/api/v1/export.csv",
                                      "/api/v1/export.xlsx"],
              "arne-jorstad": ["/triage?show=all", "/api/v1/export.csv", "/api/v1/export.xlsx"],
              "kari": ["/mine", f"/mine/{idea_id}", f"/sent/{idea_id}"]}  # another employee
    for person, paths in visits.items():
        async with world.browser() as browser:
            await dev_login(browser, person)
            for path in paths:
                found[f"{person} page {path}"] = readable(await browser.get(path))
    return found


async def board_with_the_request(world: World, idea_id: int) -> dict[str, str]:
    async with world.browser() as browser:
        await dev_login(browser, "arne-jorstad")
        board = readable(await browser.get("/triage"))
    assert ASKED["note"] in board, "the board does not show the request"
    return {"arne-jorstad page /triage with the request": board}


def notifications(world: World, sender: Sender) -> dict[str, str]:
    """What the fake Slack and the fake Bot Connector received, except what went to the sender themselves."""
    found = {}
    for n, call in enumerate(world.fake_slack.calls):
        to_sender = (call.args.get("channel") in sender.own or SLACK_USER in (call.args.get("user"),
                     call.args.get("users")) or call.method in ("respond", "views.open"))
        if not to_sender:
            found[f"slack {n} {call.method}"] = dump(call.args)
    for n, sent in enumerate(world.connector.sent):
        if sent.conversation_id not in sender.own:
            found[f"teams {n} {sent.path}"] = dump(sent.body)
    return found


def outbox_rows(world: World, idea_id: int) -> dict[str, str]:
    with world.services.session_factory() as session:
        submitter = session.scalar(select(Idea.submitter_id).where(Idea.id == idea_id))
        assert session.get(Idea, idea_id).status is Status.DECLINED
        rows = session.scalars(select(OutboxMessage).where(OutboxMessage.recipient != f"submitter:{submitter}"))
        return {f"outbox {row.id} to {row.recipient}": dump(row.payload) for row in rows}


def log_lines(logs: pytest.LogCaptureFixture) -> dict[str, str]:
    return {f"log {n} {r.name}": f"{r.getMessage()} {r.exc_text or ''}" for n, r in enumerate(logs.records)
            if r.name not in NOT_OURS}


def bearer(role: Role, user: str, *, name: str | None = None) -> dict[str, str]:
    token = issue_token(secret=SECRET, role=role, user_id=user, org=ORG, ttl=timedelta(hours=1), name=name)
    return {"Authorization": f"Bearer {token}"}


def dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)
