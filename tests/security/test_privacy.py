"""Data protection as an employee and an administrator meet it: download my data, erase me (the ideas stay,
anonymised), both from the API and from /mine, and both in the audit trail. The rules: tests/core/test_privacy.py.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.api.web.conftest import csrf_of
from tests.security.conftest import form_post

NAME = "Kari Nordmann"


@pytest.fixture
def kari(token):
    return token("employee", "kari", name=NAME)


@pytest.fixture
def admin(token):
    return token("admin", "forslagskassa-admin")


@pytest.fixture
def ideas(client, kari, token, classifier):
    """Kari's open idea (taken into review) and her anonymous one; Per's idea."""
    classifier.focus_area = "barn-og-unge"
    shown = client.post("/api/v1/ideas", json={"text": "Kari sitt åpne forslag"}, headers=kari).json()["id"]
    hidden = client.post("/api/v1/ideas", json={"text": "Kari sitt anonyme", "anonymous": True}, headers=kari)
    client.post("/api/v1/ideas", json={"text": "Per sitt forslag"}, headers=token("employee", "per"))
    client.post(f"/api/v1/ideas/{shown}/transitions", json={"to": "in_review"},
                headers=token("commissioner", "kommunalsjef-oppvekst"))
    return shown, hidden.json()["id"]


def test_my_data_is_a_download_with_all_my_ideas_and_their_history(client, kari, ideas):
    shown, hidden = ideas
    response = client.get("/api/v1/me/export", headers=kari)
    assert response.status_code == 200
    assert response.headers["content-disposition"] == 'attachment; filename="mine-data.json"'
    data = response.json()
    assert data["profile"]["display_name"] == NAME
    assert [(i["channel"], i["external_id"]) for i in data["identities"]] == [("web", "kari")]
    assert [(i["id"], i["anonymous"]) for i in data["ideas"]] == [(shown, False), (hidden, True)]
    assert [e["kind"] for e in data["ideas"][0]["events"]] == ["received", "status_changed"]
    assert "Per sitt" not in response.text and "address" not in response.text


def test_erase_me_keeps_the_ideas_without_me(client, kari, admin, ideas):
    shown, hidden = ideas
    before = client.get(f"/api/v1/ideas/{hidden}", headers=admin).json()
    assert client.get(f"/api/v1/ideas/{shown}", headers=admin).json()["submitter_name"] == NAME

    response = client.delete("/api/v1/me", headers=kari)
    assert response.status_code == 200
    assert response.json()["erased_ideas"] == 2 and response.json()["erased_identities"] == 1

    open_now = client.get(f"/api/v1/ideas/{shown}", headers=admin).json()
    assert (open_now["submitter_name"], open_now["anonymous"], open_now["status"]) == (None, True, "in_review")
    assert open_now["events"][-1]["kind"] == "submitter_erased" and open_now["events"][-1]["note"] is None
    # The anonymous idea shows no sign of the erasure: it would tie it to the open one, and so to Kari.
    assert client.get(f"/api/v1/ideas/{hidden}", headers=admin).json() == before
    assert NAME not in client.get("/api/v1/export.csv", headers=admin).text
    # Kari's login now finds nothing of hers.
    assert client.get("/api/v1/ideas", headers=kari).json()["total"] == 0
    assert client.get("/api/v1/me/export", headers=kari).json()["ideas"] == []


def test_the_audit_trail_shows_exports_and_erasures_to_administrators_only(client, kari, admin, ideas, token):
    client.get("/api/v1/me/export", headers=kari)
    client.delete("/api/v1/me", headers=kari)
    trail = client.get("/api/v1/audit", headers=admin)
    assert trail.status_code == 200
    entries = trail.json()["items"]
    assert [(e["action"], e["via"], e["actor"]) for e in entries] == [("submitter_erased", "api", "self"),
                                                                       ("data_exported", "api", "self")]
    assert entries[0]["subject"] == entries[1]["subject"]
    assert NAME not in trail.text and '"kari"' not in trail.text
    assert client.get("/api/v1/audit", headers=token("commissioner", "kommunalsjef-oppvekst")).status_code == 403


def test_the_mine_page_offers_the_download_and_the_erasure(client, browse_as, ideas):
    browse_as("submitter")
    page = client.get("/mine")
    assert 'href="/api/v1/me/export"' in page.text and "Last ned mine data" in page.text
    assert 'action="/mine/erase"' in page.text and "Slett meg" in page.text
    download = client.get("/api/v1/me/export")  # the link, with the browser's session
    assert download.status_code == 200 and len(download.json()["ideas"]) == 2
    assert "Kari sitt anonyme" in json.dumps(download.json(), ensure_ascii=False)


def test_erasing_from_the_page_needs_the_box_ticked_and_the_csrf_token(client, browse_as, ideas, admin):
    browse_as("submitter")
    unticked = form_post(client, "/mine/erase", {})
    assert unticked.status_code == 422 and "Kryss av i boksen" in unticked.text
    box = re.search(r'<input type="checkbox" id="confirm"[^>]*>', unticked.text)
    assert box and 'aria-invalid="true"' in box[0] and 'aria-describedby="erase-hint form-error"' in box[0]
    assert 'autofocus' in box[0] and '<p id="form-error">Kryss av i boksen' in unticked.text
    forged = client.post("/mine/erase", data={"confirm": "true", "csrf_token": "x" * 43})
    assert forged.status_code == 403
    assert client.get("/api/v1/me/export").json()["ideas"] != []  # nothing erased yet

    done = form_post(client, "/mine/erase", {"confirm": "true"})
    assert done.status_code == 303 and done.headers["location"] == "/mine?erased=2"
    page = client.get("/mine")
    assert "Du er slettet fra 2 forslag" not in page.text  # the notice belongs to the redirect only
    assert "Du er slettet fra 2 forslag" in client.get(done.headers["location"]).text
    assert "Du har ikke sendt noen forslag ennå" in page.text
    trail = client.get("/api/v1/audit", headers=admin).json()["items"]
    assert [(e["action"], e["via"]) for e in trail][:1] == [("submitter_erased", "web")]


def test_the_erase_form_in_english(client, browse_as):
    browse_as("submitter")
    page = client.get("/mine")
    english = client.post("/lang", data={"csrf_token": csrf_of(page), "lang": "en", "next": "/mine"})
    assert "Download my data" in english.text and "Erase me" in english.text
