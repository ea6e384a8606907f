"""POST /api/v1/ideas/{id}/saving and /realised-saving: the handler plans an idea's saving for the budget and
records what it saved once implemented; the idea's JSON carries the figures and its history every change."""

import pytest

from core.savings import effect_by_year, horizon
from tests.api.test_ideas import PROBLEM, send

PLAN = {"estimated_saving_nok": 400_000, "one_off_cost_nok": 150_000, "effect_year": 2027,
        "effect_amounts": {"2027": 200_000}, "qualitative_text": "Bedre arbeidsmiljø på kjøkkenet"}


@pytest.fixture
def idea(client, token, classifier):
    """An idea of Kari's in helse-og-livskvalitet, and its URL."""
    classifier.focus_area = "helse-og-livskvalitet"
    return f"/api/v1/ideas/{send(client, token('employee', 'kari', name='Kari Nordmann'))['id']}"


@pytest.fixture
def helse(token):
    return token("commissioner", "arne-jorstad")


def test_the_commissioner_plans_the_saving_and_every_view_shows_it(client, token, org, idea, helse):
    done = client.post(f"{idea}/saving", json=PLAN, headers=helse)
    assert done.status_code == 200, done.text
    body = done.json()
    assert {k: body[k] for k in ("estimated_saving_nok", "one_off_cost_nok", "effect_year", "effect_amounts",
                                 "qualitative", "qualitative_text", "realised_saving_nok")} == {
        "estimated_saving_nok": 400_000, "one_off_cost_nok": 150_000, "effect_year": 2027,
        "effect_amounts": {"2027": 200_000}, "qualitative": True,
        "qualitative_text": "Bedre arbeidsmiljø på kjøkkenet", "realised_saving_nok": None}
    phase = org.phase(body["phase"])
    years = horizon(budget_years=phase.budget_years if phase else (), effect_year=2027, explicit=[2027])
    expected = effect_by_year(annual_nok=400_000, effect_year=2027, years=years, explicit={2027: 200_000})
    assert body["effect_by_year"] == {str(year): amount for year, amount in expected.items()}
    assert [e["kind"] for e in body["events"][1:]] == ["saving_estimated", "one_off_cost_set", "effect_year_set",
                                                       "effect_amount_set", "qualitative_gain_set"]
    listed = client.get("/api/v1/ideas", headers=helse).json()["items"][0]
    assert listed["one_off_cost_nok"] == 150_000 and listed["qualitative"] is True
    # Its submitter reads the same figures on their idea.
    mine = client.get(idea, headers=token("employee", "kari")).json()
    assert mine["effect_year"] == 2027


def test_only_the_fields_sent_change(client, idea, helse):
    client.post(f"{idea}/saving", json=PLAN, headers=helse)
    body = client.post(f"{idea}/saving", json={"effect_amounts": None}, headers=helse).json()
    assert (body["effect_amounts"], body["one_off_cost_nok"], body["qualitative"]) == ({}, 150_000, True)
    assert body["events"][-1] | {"created_at": None} == {
        "kind": "effect_amount_set", "actor": "commissioner:arne-jorstad", "from_value": "2027:200000",
        "to_value": "2027:", "note": None, "created_at": None}


def test_the_realised_saving_comes_after_implementation(client, token, idea, helse):
    refused = client.post(f"{idea}/realised-saving", json={"amount_nok": 300_000}, headers=helse)
    assert (refused.status_code, refused.headers["content-type"]) == (409, PROBLEM)
    assert "once the idea is implemented; it is received" in refused.json()["detail"]
    for to in ("accepted", "implemented"):
        assert client.post(f"{idea}/transitions", json={"to": to}, headers=helse).status_code == 200
    done = client.post(f"{idea}/realised-saving", json={"amount_nok": 300_000},
                       headers=token("admin", "forslagskassa-admin"))
    assert done.status_code == 200, done.text
    body = done.json()
    assert body["realised_saving_nok"] == 300_000 and body["realised_on"]
    assert body["events"][-1]["kind"] == "saving_realised"
    assert body["events"][-1]["to_value"] == f"{body['realised_on']}:300000"


@pytest.mark.parametrize(("who", "path", "body", "status", "detail"), [
    (("commissioner", "arne-jorstad"), "saving", {}, 422, "Nothing to change"),
    (("commissioner", "arne-jorstad"), "saving", {"one_off_cost_nok": -5}, 422, "one_off_cost_nok"),
    (("commissioner", "arne-jorstad"), "saving", {"effect_year": 1850}, 422, "effect_year"),
    (("commissioner", "arne-jorstad"), "saving", {"effect_amounts": {"neste år": 5}}, 422, "effect_amounts"),
    (("commissioner", "arne-jorstad"), "saving", {"effect_amounts": {"3000": 5}}, 422, "3000 is not a budget year"),
    (("commissioner", "arne-jorstad"), "saving", {"effect_year": 2028, "effect_amounts": {"2027": 5}}, 422,
     "before the effect year 2028"),
    (("commissioner", "arne-jorstad"), "saving", {"qualitative": True}, 422, "Say in a few words"),
    (("commissioner", "arne-jorstad"), "saving", {"surprise": 1}, 422, "surprise"),
    (("commissioner", "arne-jorstad"), "realised-saving", {"amount_nok": 5, "realised_on": "i går"}, 422,
     "realised_on"),
    (("commissioner", "kommunalsjef-oppvekst"), "saving", PLAN, 404, "not found"),
    (("employee", "kari"), "saving", PLAN, 403, "commissioner of this focus area"),
    (("employee", "kari"), "realised-saving", {"amount_nok": 5}, 403, "commissioner of this focus area"),
])
def test_refusals_are_problems_and_change_nothing(client, token, idea, helse, who, path, body, status, detail):
    refused = client.post(f"{idea}/{path}", json=body, headers=token(*who))
    assert (refused.status_code, refused.headers["content-type"]) == (status, PROBLEM)
    assert detail in refused.text
    after = client.get(idea, headers=helse).json()
    assert after["one_off_cost_nok"] is None and len(after["events"]) == 1


def test_the_routes_are_documented(client):
    paths = client.get("/openapi.json").json()["paths"]
    plan = paths["/api/v1/ideas/{idea_id}/saving"]["post"]
    assert plan["summary"] == "Plan the saving for the budget" and {"403", "404", "422"} <= set(plan["responses"])
    assert "409" in paths["/api/v1/ideas/{idea_id}/realised-saving"]["post"]["responses"]
