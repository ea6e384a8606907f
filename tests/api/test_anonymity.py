"""Staff see a submitter's name on open ideas only. The search of every answer, page, export, log line and
notification for an anonymous idea's sender, on every channel, is tests/security/test_anonymity.py."""

import pytest

NAME = "Kari Nordmann"
LOGIN = "kari.nordmann.7731"


@pytest.fixture
def ideas(client, token, classifier):
    classifier.focus_area = "barn-og-unge"
    kari = token("employee", LOGIN, name=NAME)
    hidden = client.post("/api/v1/ideas", json={"text": "Hemmelig forslag", "anonymous": True}, headers=kari)
    shown = client.post("/api/v1/ideas", json={"text": "Åpent forslag"}, headers=kari)
    return hidden.json(), shown.json()


def test_staff_see_the_name_only_on_open_ideas(client, token, ideas):
    hidden, shown = ideas
    for who in (("admin", "forslagskassa-admin"), ("commissioner", "kommunalsjef-oppvekst")):
        headers = token(*who)
        assert client.get(f"/api/v1/ideas/{hidden['id']}", headers=headers).json()["submitter_name"] is None
        assert client.get(f"/api/v1/ideas/{shown['id']}", headers=headers).json()["submitter_name"] == NAME


def test_export_neutralises_spreadsheet_formulas(client, token, classifier):
    classifier.focus_area = "barn-og-unge"
    client.post("/api/v1/ideas", json={"text": "=HYPERLINK(\"http://x\")"}, headers=token("employee", "kari"))
    exported = client.get("/api/v1/export.csv", headers=token("admin", "forslagskassa-admin")).text
    assert "'=HYPERLINK" in exported
