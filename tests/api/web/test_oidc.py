"""Logging in through Entra ID with msal against a local fake Entra: PKCE, state, roles from the org config."""

import ssl
from urllib.parse import parse_qs, urlparse

import httpx
import pytest

from api.web.oidc import actor_from_claims
from api.web.session import COOKIE, decode, signing_key
from core.actors import Actor, Role
from storage.models import Channel
from tests.api.web.fake_entra import TENANT, entra_for
from tests.core.helpers import submit

# pytest resets warning filters per test; outside tests api.web.oidc silences this one (see its docstring).
pytestmark = pytest.mark.filterwarnings("ignore:response_mode='form_post' is recommended")



@pytest.fixture
def entra(tmp_path, services, monkeypatch):
    with entra_for(services.settings, tmp_path, monkeypatch) as fake:
        yield fake


def sign_in(client, entra, user, next_path="/mine"):
    """The browser's round trip: the app's redirect to Entra, Entra's redirect back, the app's callback."""
    entra.user = user
    start = client.get(f"/login/entra?next={next_path}", follow_redirects=False)
    assert start.status_code == 303 and start.headers["location"].startswith(entra.url)
    with httpx.Client(verify=ssl.create_default_context(cafile=entra.ca_file)) as browser:
        back = browser.get(start.headers["location"])
    assert back.status_code == 302
    return start, client.get(back.headers["location"])


def test_login_page_offers_microsoft_when_configured(client, entra):
    page = client.get("/login").text
    assert 'href="/login/entra"' in page and "Logg inn med Microsoft" in page and "data-role" not in page


def test_an_employee_logs_in_with_pkce_and_lands_where_they_were_going(client, entra):
    start, landed = sign_in(client, entra, {"sub": "pairwise-sub", "oid": "aad-object-id-of-kari",
                                            "name": "Kari Nordmann", "preferred_username": "kari@loten.no"})
    asked = parse_qs(urlparse(start.headers["location"]).query)
    assert asked["code_challenge_method"] == ["S256"] and asked["response_type"] == ["code"]
    assert {"openid", "profile"} <= set(asked["scope"][0].split())
    assert asked["redirect_uri"] == ["http://testserver/auth/callback"]
    assert entra.token_requests[0]["code_verifier"]  # the fake checked it against the challenge
    assert landed.status_code == 200 and landed.url.path == "/mine"
    assert "Kari Nordmann (ansatt)" in landed.text
    assert "fk_oidc_flow" not in client.cookies


def test_my_ideas_include_those_i_sent_to_the_teams_bot(client, entra, services):
    # Teams knows Kari by the same Entra object id, lowercased (bot/teams/store.py).
    object_id = "6f1c2a9e-4b7d-4c1e-9a3f-2d8e5b7c1a40"
    kari_in_teams = Actor(role=Role.EMPLOYEE, user_id=object_id, channel=Channel.TEAMS, name="Kari N.")
    with services.session_factory.begin() as session:
        submit(session, services.org, text="Sendt til Teams-boten", by=kari_in_teams, channel=Channel.TEAMS)
        submit(session, services.org, text="Noen andres forslag i Teams", channel=Channel.TEAMS,
               by=Actor(role=Role.EMPLOYEE, user_id="0b6f3c1d-2e4a-4f5b-8c7d-9e0a1b2c3d4e", channel=Channel.TEAMS))
    _, landed = sign_in(client, entra, {"sub": "s", "oid": object_id.upper(), "name": "Kari Nordmann"})
    assert landed.status_code == 200
    assert "Sendt til Teams-boten" in landed.text and "Noen andres forslag" not in landed.text


def test_a_commissioner_is_recognised_by_mail(client, entra):
    _, landed = sign_in(client, entra, {"sub": "s", "oid": "aad-arne", "name": "Arne J.",
                                        "preferred_username": "Arne.Jorstad@loten.kommune.no"}, next_path="/triage")
    assert landed.url.path == "/triage" and "Arne Jørstad (kommunalsjef)" in landed.text


def test_a_wrong_state_is_refused(client, entra):
    entra.user = {"sub": "s", "oid": "o", "name": "Mallory"}
    start = client.get("/login/entra", follow_redirects=False)
    with httpx.Client(verify=ssl.create_default_context(cafile=entra.ca_file)) as browser:
        back = urlparse(browser.get(start.headers["location"]).headers["location"])
    code = parse_qs(back.query)["code"][0]
    refused = client.get(f"/auth/callback?code={code}&state=forged")
    assert refused.url.path == "/login" and "Innloggingen mislyktes" in refused.text
    assert client.get("/mine", follow_redirects=False).status_code == 303


def test_a_callback_without_the_flow_cookie_is_refused(client, entra):
    response = client.get("/auth/callback?code=abc&state=xyz")
    assert response.status_code == 400 and "Innloggingen mislyktes" in response.text


def test_an_unreachable_entra_sends_back_to_the_login_page(client, entra, services):
    services.settings.oidc_authority_url = "https://127.0.0.1:9"
    response = client.get("/login/entra")
    assert response.url.path == "/login" and "Innloggingen mislyktes" in response.text


def test_roles_come_from_the_org_config_by_object_id_then_mail(org):
    by_mail = actor_from_claims({"sub": "s", "oid": "x", "email": "virksomhetsgjennomgang@loten.kommune.no"}, org)
    assert (by_mail.role, by_mail.user_id) == (Role.ADMIN, "forslagskassa-admin")
    with_id = org.model_copy(update={"commissioners": [
        c.model_copy(update={"teams_aad_id": "aad-frank"}) if c.id == "frank-hauge" else c for c in org.commissioners]})
    by_id = actor_from_claims({"sub": "s", "oid": "AAD-FRANK", "preferred_username": "someone@else.no"}, with_id)
    assert (by_id.role, by_id.user_id) == (Role.COMMISSIONER, "frank-hauge")
    employee = actor_from_claims({"sub": "s", "oid": "aad-9", "name": "Ola"}, org)
    assert (employee.role, employee.user_id, employee.name) == (Role.EMPLOYEE, "aad-9", "Ola")


OWN = {"tid": TENANT, "iss": f"https://login.microsoftonline.com/{TENANT}/v2.0"}


@pytest.mark.parametrize(("claims", "verified"), [
    ({**OWN, "email": "Kari.Nordmann@Loten.Kommune.no"}, "kari.nordmann@loten.kommune.no"),
    ({**OWN, "email": "kari@gmail.com", "xms_edov": True}, "kari@gmail.com"),
    ({**OWN, "email": "kari@gmail.com"}, None),  # anyone's directory can say so ("nOAuth")
    ({**OWN, "email": "kari@gmail.com", "xms_edov": False}, None),
    ({**OWN, "preferred_username": "kari@loten.kommune.no"}, "kari@loten.kommune.no"),
    ({**OWN, "upn": "kari@loten.kommune.no"}, "kari@loten.kommune.no"),
    ({**OWN, "preferred_username": "kari@gmail.com", "xms_edov": True}, None),  # the sign-in name: domain rule only
    ({**OWN, "email": "kari@gmail.com", "upn": "kari@loten.kommune.no"}, "kari@loten.kommune.no"),
    ({**OWN, "email": "kari@loten.kommune.no", "tid": "99999999-0000-0000-0000-000000000000"}, None),
    ({"email": "kari@loten.kommune.no"}, None),  # no tenant named
    ({**OWN, "email": "kari@loten.kommune.no", "idp": "https://sts.windows.net/another-tenant/"}, None),  # a guest
    ({**OWN, "email": "kari@loten.kommune.no", "acct": 1}, None),  # a guest, by the optional claim
    ({**OWN, "name": "kari@loten.kommune.no"}, None),  # a name is no address
])
def test_a_login_vouches_for_an_email_only_in_the_orgs_own_tenant_and_domains(org, claims, verified):
    actor = actor_from_claims({"sub": "s", "oid": "6f1c2a9e-4b7d-4c1e-9a3f-2d8e5b7c1a40", **claims}, org,
                              tenant=TENANT)
    assert actor.verified_email == verified


def test_staff_carry_the_email_their_login_vouches_for(org):
    admin = actor_from_claims({**OWN, "sub": "s", "oid": "x", "email": "virksomhetsgjennomgang@loten.kommune.no"},
                              org, tenant=TENANT)
    assert (admin.role, admin.verified_email) == (Role.ADMIN, "virksomhetsgjennomgang@loten.kommune.no")


def test_the_development_login_vouches_for_no_email(client, login, services):
    # The development login's people are names from the org config, however they read: the session says nothing
    # is verified, and what its employee sends links to nobody.
    login("kari")
    session = decode(client.cookies[COOKIE], key=signing_key(services), org=services.org)
    assert session is not None and session.actor is not None and session.actor.verified_email is None
