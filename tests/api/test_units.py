"""POST /api/v1/ideas/{id}/unit: the handler names the unit whose savings challenge an idea counts towards."""

import pytest

from tests.api.test_ideas import PROBLEM, send


@pytest.fixture
def ideas(client, token, classifier):
    """An idea in helse-og-livskvalitet, and its URL."""
    classifier.focus_area = "helse-og-livskvalitet"
    idea = send(client, token("employee", "kari", name="Kari Nordmann"))
    return f"/api/v1/ideas/{idea['id']}"


def test_the_commissioner_names_the_unit_and_it_shows_with_the_phase(client, token, ideas):
    helse = token("commissioner", "arne-jorstad")
    done = client.post(f"{ideas}/unit", json={"unit": "sykehjem"}, headers=helse)
    assert done.status_code == 200, done.text
    body = done.json()
    assert body["unit"] == "sykehjem" and "phase" in body
    assert body["events"][-1] | {"created_at": None} == {
        "kind": "unit_set", "actor": "commissioner:arne-jorstad", "from_value": None, "to_value": "sykehjem",
        "note": None, "created_at": None}
    cleared = client.post(f"{ideas}/unit", json={"unit": None}, headers=token("admin", "forslagskassa-admin"))
    assert cleared.json()["unit"] is None
    assert client.get("/api/v1/ideas", headers=helse).json()["items"][0]["unit"] is None


@pytest.mark.parametrize(("who", "body", "status", "detail"), [
    (("commissioner", "arne-jorstad"), {"unit": "skolene"}, 422, "in 'barn-og-unge', not in the idea's area"),
    (("commissioner", "arne-jorstad"), {"unit": "bibliotek"}, 422, "'bibliotek' is unknown"),
    (("commissioner", "arne-jorstad"), {}, 422, "unit"),
    (("commissioner", "kommunalsjef-oppvekst"), {"unit": "sykehjem"}, 404, "not found"),
    (("employee", "kari"), {"unit": "sykehjem"}, 403, "commissioner of this focus area"),
])
def test_refusals_are_problems(client, token, ideas, who, body, status, detail):
    refused = client.post(f"{ideas}/unit", json=body, headers=token(*who))
    assert (refused.status_code, refused.headers["content-type"]) == (status, PROBLEM)
    assert detail in refused.text
