"""Messages that are not ideas, sent to the REST API: steered, stored nowhere, countable."""

from __future__ import annotations

import logging

import pytest

from classifier import NON_IDEAS
from tests.fakes import StaticClassifier
from tests.steering.stored import tables_holding

MARKER = "Lederen på avdeling 7 trakasserer vikarene (sporbar-markør-41)"


@pytest.fixture
def kari(token):
    return token("employee", "kari", name="Kari Nordmann")


def test_rest_answers_a_varsel_with_the_redirect_and_stores_nothing(client, kari, classifier: StaticClassifier,
                                                                    connection, caplog):
    classifier.intent = "varsling"
    caplog.set_level(logging.DEBUG)
    response = client.post("/api/v1/ideas", json={"text": MARKER}, headers=kari)
    assert response.status_code == 200
    body = response.json()
    assert body["intent"] == "varsling" and body["redirect"]["intent"] == "varsling"
    assert "varsling" in body["redirect"]["text"].lower() and body["redirect"]["link"].startswith("https://")
    assert client.get("/api/v1/ideas", headers=kari).json()["total"] == 0
    assert tables_holding(connection, "sporbar-markør-41") == []
    assert "sporbar-markør-41" not in caplog.text


def test_rest_redirect_speaks_english_when_asked(client, kari, classifier: StaticClassifier):
    classifier.intent = "it_support"
    body = client.post("/api/v1/ideas", json={"text": "my laptop will not start"},
                       headers={**kari, "Accept-Language": "en-GB,en;q=0.9"}).json()
    assert body["intent"] == "it_support" and "IT" in body["redirect"]["text"]


def test_rest_sends_it_as_an_idea_anyway_when_asked(client, kari, classifier: StaticClassifier):
    classifier.intent, classifier.focus_area = "chatter", "samfunnsutvikler"
    response = client.post("/api/v1/ideas", json={"text": "Felles kalender for møterom", "send_anyway": True},
                           headers=kari)
    assert response.status_code == 201 and response.json()["status"] == "received"


def test_steered_messages_are_counted_per_intent_in_the_stats(client, kari, token, classifier: StaticClassifier):
    for intent, text in (("varsling", "a"), ("varsling", "b"), ("personal_hr", "når kommer lønna?")):
        classifier.intent = intent
        assert client.post("/api/v1/ideas", json={"text": f"melding {text}"}, headers=kari).status_code == 200
    stats = client.get("/api/v1/stats", headers=token("admin", "forslagskassa-admin")).json()
    [month] = stats["steered_by_month"]
    assert month["counts"] == {"varsling": 2, "personal_hr": 1}


def test_a_retried_request_with_the_same_key_is_counted_once(client, kari, token, classifier: StaticClassifier):
    classifier.intent = "chatter"
    for _ in range(2):
        client.post("/api/v1/ideas", json={"text": "hei"}, headers={**kari, "Idempotency-Key": "k-1"})
    stats = client.get("/api/v1/stats", headers=token("admin", "forslagskassa-admin")).json()
    assert stats["steered_by_month"][0]["counts"] == {"chatter": 1}


@pytest.mark.parametrize("intent", NON_IDEAS)
def test_every_kind_of_non_idea_gets_the_orgs_redirect_and_nothing_is_stored(client, kari, classifier: StaticClassifier,
                                                                             connection, org, intent):
    classifier.intent = intent
    response = client.post("/api/v1/ideas", json={"text": f"{intent} (sporbar-markør-42)"}, headers=kari)
    redirect = org.redirect(intent)
    assert response.status_code == 200 and response.json() == {"intent": intent, "redirect": {
        "intent": intent, "text": redirect.text.nb, "link": str(redirect.link) if redirect.link else None,
        "email": redirect.email, "phone": redirect.phone}}
    assert tables_holding(connection, "sporbar-markør-42") == []
