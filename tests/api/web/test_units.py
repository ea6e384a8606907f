"""The unit (virksomhet) on the triage card: shown, chosen from the idea's area's units, refused in the reader's
language, and written into the history."""

import pytest

from tests.api.web.conftest import csrf_of
from tests.api.web.test_pages import act, send


@pytest.fixture
def idea_id(client, login, classifier):
    classifier.focus_area = "helse-og-livskvalitet"
    login("kari")
    sent, _ = send(client)
    login("arne-jorstad")
    return sent


def test_the_commissioner_picks_the_unit_from_the_areas_own(client, idea_id, token):
    board = client.get("/triage").text
    form = board[board.index(f'action="/triage/{idea_id}/unit"'):]
    form = form[:form.index("</form>")]
    assert 'value="hjemmebaserte-tjenester">Hjemmebaserte tjenester</option>' in form
    assert "skolene" not in form  # a unit of another area is not offered

    done = act(client, idea_id, "unit", unit="sykehjem")
    assert done.status_code == 200 and "Virksomheten for forslag" in done.text
    assert 'data-unit="sykehjem">Sykehjem</dd>' in done.text
    assert "Virksomhet satt til Sykehjem" in done.text
    assert 'value="sykehjem" selected' in done.text
    idea = client.get(f"/api/v1/ideas/{idea_id}", headers=token("admin", "forslagskassa-admin")).json()
    assert idea["unit"] == "sykehjem"

    assert act(client, idea_id, "unit", unit="").status_code == 200
    assert "Virksomhet tatt bort" in client.get("/triage").text


@pytest.mark.parametrize(("lang", "message"), [("nb", "Velg en av virksomhetene i forslagets område"),
                                               ("en", "Choose one of the units of the idea")])
def test_a_unit_of_another_area_is_refused_at_the_field(client, idea_id, lang, message):
    client.post("/lang", data={"csrf_token": csrf_of(client.get("/triage")), "lang": lang})
    refused = act(client, idea_id, "unit", unit="skolene")
    assert refused.status_code == 422 and message in refused.text
    assert 'id="unit-' in refused.text and 'aria-invalid="true"' in refused.text
