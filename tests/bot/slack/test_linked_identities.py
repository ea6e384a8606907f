"""One person in Slack and on the web: linked by an e-mail both channels vouch for, and only then.

Kari sends an idea to the Slack bot and supports a colleague's shared idea from the App Home; then she logs in on
the web with Entra ID (the local fake) and supports the same idea there. Linked, she counts once, her web "Mine
forslag" has the idea from Slack and her copy of her data ("Last ned mine data") holds her Slack identity too. An
e-mail Slack did not confirm, a Slack guest's, another workspace's, or a web e-mail outside the org's domains
without Entra's `xms_edov`, links nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from core.orgconfig import Sharing
from tests.api.web.conftest import post_form
from tests.api.web.fake_entra import FakeEntra, entra_for
from tests.api.web.test_move_requests import card_of, text_of
from tests.api.web.test_oidc import sign_in
from tests.bot.slack import payloads
from tests.bot.slack.conftest import DM, KARI
from tests.bot.slack.test_board import ELSEWHERE, accessories, shared_by_per, shown, supports
from tests.fakes import OverlapClassifier

pytestmark = pytest.mark.filterwarnings("ignore:response_mode='form_post' is recommended")

OBJECT_ID = "6f1c2a9e-4b7d-4c1e-9a3f-2d8e5b7c1a40"  # Kari's Entra object id
MAIL = "kari.nordmann@loten.kommune.no"
OUTSIDE = "kari.nordmann@gmail.com"  # not one of the org's domains (config/loten.yaml: identity.email_domains)


@pytest.fixture
def slack_services(slack_services):
    """Sharing by choice, and a classifier that finds ideas sharing words (Kari's idea is like none)."""
    org = slack_services.org.model_copy(update={"sharing": Sharing.OPT_IN})
    return dataclasses.replace(slack_services, org=org, classifier=OverlapClassifier("helse-og-livskvalitet"))


@pytest.fixture
def web(slack_services, tmp_path, monkeypatch) -> Iterator[tuple[TestClient, FakeEntra]]:
    """The web pages of the same service, logging in through a local Entra ID of the org's tenant."""
    with (entra_for(slack_services.settings, tmp_path, monkeypatch) as entra,
          TestClient(create_app(slack_services)) as client):
        yield client, entra


async def kari_in_slack_sends_and_supports(slack, shared: int) -> None:
    await slack.dm(ELSEWHERE)
    await slack.posted(channel=DM[KARI])  # her confirmation: the idea is stored
    await slack.event(payloads.app_home_opened(user=KARI))
    [home] = await slack.fake.wait_for("views.publish")
    [give] = accessories(home["view"]["blocks"])
    click = payloads.home_button(give["action_id"], user=KARI)
    click["actions"][0]["value"] = give["value"]
    await slack.interactive(click)
    await slack.fake.wait_for("views.publish", 2)
    await slack.settle()
    assert supports(slack.services, shared) == 1


def kari_on_the_web(web, claims: dict[str, object], shared: int) -> tuple[str, str, dict]:
    """Kari logs in, supports the idea, and reads the board, her ideas and her data: what each shows of them."""
    client, entra = web
    sign_in(client, entra, {"sub": "pairwise-sub", "oid": OBJECT_ID, "name": "Kari Nordmann", **claims})
    post_form(client, f"/ideer/{shared}/support", {"next": "/ideer"}, page="/ideer")
    board = text_of_card(client.get("/ideer"), shared)
    return board, text_of(client.get("/mine")), client.get("/api/v1/me/export").json()


def text_of_card(board, idea_id: int) -> str:
    return " ".join(card_of(board, idea_id).split())


async def test_slack_and_the_web_with_one_verified_email_are_one_person(slack, web):
    slack.fake.user(KARI, name="Kari Nordmann", email="Kari.Nordmann@loten.kommune.no")  # Slack keeps its case
    shared = shared_by_per(slack.services)
    await kari_in_slack_sends_and_supports(slack, shared)

    board, mine, data = kari_on_the_web(web, {"email": MAIL}, shared)

    assert supports(slack.services, shared) == 1  # her support from the web was the one she gave in Slack
    assert "1 støtter" in board and "Du støtter dette forslaget." in board
    assert ELSEWHERE in mine
    # Her Slack identity, with the idea and the support given there (the web stored nothing new: she supported).
    assert [(i["channel"], i["external_id"], i["verified_email"]) for i in data["identities"]] == [
        ("slack", KARI, MAIL)]
    assert [i["text"] for i in data["ideas"]] == [ELSEWHERE] and len(data["supports"]) == 1


async def test_a_support_from_the_web_first_is_hers_in_slack_too(slack, web):
    slack.fake.user(KARI, name="Kari Nordmann", email=MAIL)
    shared = shared_by_per(slack.services)
    board, _, data = kari_on_the_web(web, {"preferred_username": "Kari.Nordmann@loten.kommune.no"}, shared)
    assert "1 støtter" in board and [i["channel"] for i in data["identities"]] == ["web"]

    await slack.event(payloads.app_home_opened(user=KARI))
    [home] = await slack.fake.wait_for("views.publish")
    # The App Home counts her once and knows she supports it: its button takes the support back.
    assert "1 støtter" in shown(home["view"]["blocks"]) and "Du støtter dette forslaget." in shown(home["view"])
    [take_back] = accessories(home["view"]["blocks"])
    assert take_back["text"]["text"] == "Trekk støtten"


@pytest.mark.parametrize(("slack_user", "claims"), [
    pytest.param({"email": MAIL, "is_email_confirmed": False}, {"email": MAIL}, id="slack-email-not-confirmed"),
    pytest.param({"email": MAIL, "is_restricted": True}, {"email": MAIL}, id="slack-multi-channel-guest"),
    pytest.param({"email": MAIL, "is_ultra_restricted": True}, {"email": MAIL}, id="slack-single-channel-guest"),
    pytest.param({"email": MAIL, "team_id": "T999OTHER"}, {"email": MAIL}, id="slack-user-of-another-workspace"),
    pytest.param({"email": OUTSIDE}, {"email": OUTSIDE}, id="web-email-outside-the-org-domains"),
    pytest.param({"email": OUTSIDE}, {"email": OUTSIDE, "xms_edov": False}, id="web-email-domain-not-verified"),
    pytest.param({"email": MAIL}, {"email": MAIL, "tid": "99999999-0000-0000-0000-000000000000"},
                 id="web-login-of-another-tenant"),
    pytest.param({"email": MAIL}, {"email": MAIL, "idp": "https://sts.windows.net/other-tenant/"},
                 id="web-guest-from-another-directory"),
])
async def test_an_email_either_channel_does_not_vouch_for_links_nothing(slack, web, slack_user, claims):
    slack.fake.user(KARI, name="Kari Nordmann", **slack_user)
    shared = shared_by_per(slack.services)
    await kari_in_slack_sends_and_supports(slack, shared)

    board, mine, data = kari_on_the_web(web, claims, shared)

    assert supports(slack.services, shared) == 2  # two people, as far as anyone can tell
    assert "2 støtter" in board
    assert ELSEWHERE not in mine
    assert [i["channel"] for i in data["identities"]] == ["web"] and data["ideas"] == []


async def test_a_web_email_in_another_domain_links_when_entra_verified_its_domain(slack, web):
    slack.fake.user(KARI, name="Kari Nordmann", email=OUTSIDE)
    shared = shared_by_per(slack.services)
    await kari_in_slack_sends_and_supports(slack, shared)

    board, mine, _ = kari_on_the_web(web, {"email": OUTSIDE, "xms_edov": True}, shared)

    assert supports(slack.services, shared) == 1 and "1 støtter" in board and ELSEWHERE in mine
