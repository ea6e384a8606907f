"""The submitter names the unit (virksomhet) their idea concerns, on the web form or in the REST body: the idea goes
to that unit's area and counts towards its savings challenge, whatever the classifier would have said."""

import pytest

from tests.api.test_ideas import PROBLEM
from tests.api.web.conftest import post_form


def by_rest(client, token, **fields):
    return client.post("/api/v1/ideas", json={"text": "Felles innkjøp av sengetøy", **fields},
                       headers=token("employee", "kari", name="Kari Nordmann"))


def by_web(client, login, **fields):
    login("kari")
    return post_form(client, "/", {"text": "Felles innkjøp av sengetøy", **fields}, page="/")


def stored(client, token, response):
    if response.request.url.path.startswith("/api/"):
        idea_id = response.json()["id"]
    else:
        idea_id = int(response.url.path.rsplit("/", 1)[1])
    return client.get(f"/api/v1/ideas/{idea_id}", headers=token("admin", "forslagskassa-admin")).json()


@pytest.mark.parametrize("channel", ["rest", "web"])
def test_the_idea_goes_to_the_named_units_area(client, token, login, classifier, channel):
    classifier.focus_area = "barn-og-unge"  # the model reads it otherwise; the person who works there knows
    sent = by_rest(client, token, unit="sykehjem") if channel == "rest" else by_web(client, login, unit="sykehjem")
    assert sent.status_code in (200, 201), sent.text

    idea = stored(client, token, sent)

    assert (idea["unit"], idea["focus_area"], idea["commissioner"]) == (
        "sykehjem", "helse-og-livskvalitet", "arne-jorstad")


def test_the_web_form_offers_the_units_by_area(client, login):
    login("kari")
    form = client.get("/").text
    assert '<select id="unit" name="unit"' in form
    assert '<optgroup label="Helse og livskvalitet">' in form and 'value="sykehjem"' in form


@pytest.mark.parametrize(("fields", "detail"), [
    ({"unit": "bibliotek"}, "Unknown unit 'bibliotek'"),
    ({"unit": "sykehjem", "focus_area": "barn-og-unge"}, "belongs to the focus area 'helse-og-livskvalitet'"),
])
def test_an_unknown_or_contradicting_unit_is_refused_and_nothing_is_stored(client, token, fields, detail):
    refused = by_rest(client, token, **fields)
    assert (refused.status_code, refused.headers["content-type"]) == (422, PROBLEM)
    assert detail in refused.text
    assert client.get("/api/v1/ideas", headers=token("admin", "forslagskassa-admin")).json()["total"] == 0


def test_a_refused_unit_on_the_web_keeps_the_text_and_marks_the_field(client, login):
    refused = by_web(client, login, unit="bibliotek", title="Sengetøy")
    assert refused.status_code == 422
    assert "Felles innkjøp av sengetøy" in refused.text and 'value="Sengetøy"' in refused.text
    assert 'id="unit" name="unit" aria-describedby="unit-hint form-error" aria-invalid="true"' in refused.text
