"""The REST API of sharing and support: GET /api/v1/board, POST and DELETE /api/v1/ideas/{id}/support, POST
/api/v1/ideas/{id}/share, and support_count in the idea JSON."""

from __future__ import annotations

import pytest

from core.orgconfig import Sharing

SUBMITTER_NAME = "Kari Nordmann"
SUPPORTER_NAME = "Per Hansen"


@pytest.fixture
def sharing(services):
    def set_to(policy: Sharing) -> None:
        services.org = services.org.model_copy(update={"sharing": policy})

    set_to(Sharing.OPT_IN)
    return set_to


@pytest.fixture
def kari(token):
    return token("employee", "kari", name=SUBMITTER_NAME)


@pytest.fixture
def per(token):
    return token("employee", "per", name=SUPPORTER_NAME)


def send(client, headers, text="Felles vikarpool", **body):
    response = client.post("/api/v1/ideas", json={"text": text, **body}, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


@pytest.mark.parametrize(("policy", "on_board"), [(Sharing.OFF, False), (Sharing.OPT_IN, True), (Sharing.ON, True)])
def test_the_submitters_choice_puts_an_idea_on_the_board_as_the_policy_allows(client, sharing, kari, per, classifier,
                                                                              policy, on_board):
    classifier.focus_area = "barn-og-unge"
    sharing(policy)
    idea = send(client, kari, shared=True)
    assert idea["shared"] is on_board and idea["support_count"] == 0
    board = client.get("/api/v1/board", headers=per).json()
    assert ([i["id"] for i in board["items"]] == [idea["id"]]) is on_board
    assert board["sharing"] == policy.value


def test_support_take_back_and_the_count_everywhere(client, sharing, kari, per, token, classifier):
    classifier.focus_area = "barn-og-unge"
    idea = send(client, kari, shared=True, anonymous=True)
    path = f"/api/v1/ideas/{idea['id']}/support"
    assert client.post(path, headers=per).json() == {"idea_id": idea["id"], "support_count": 1, "supported": True}
    assert client.post(path, headers=per).json()["support_count"] == 1
    commissioner = token("commissioner", "kommunalsjef-oppvekst")
    seen = client.get(f"/api/v1/ideas/{idea['id']}", headers=commissioner).json()
    assert seen["support_count"] == 1
    assert [e["actor"] for e in seen["events"] if e["kind"] == "support_changed"] == ["colleague"]
    assert client.delete(path, headers=per).json() == {"idea_id": idea["id"], "support_count": 0, "supported": False}


@pytest.mark.parametrize(("who", "setup", "status"), [
    ("kari", None, 403),  # her own idea
    ("per", "unshared", 404),
    ("per", "declined", 404),
    ("per", "accepted", 409),
])
def test_support_refused(client, sharing, kari, per, token, classifier, who, setup, status):
    classifier.focus_area = "barn-og-unge"
    idea = send(client, kari, shared=setup != "unshared")
    commissioner = token("commissioner", "kommunalsjef-oppvekst")
    if setup in ("declined", "accepted"):
        client.post(f"/api/v1/ideas/{idea['id']}/transitions", json={"to": setup, "note": "Takk."},
                    headers=commissioner).raise_for_status()
    answer = client.post(f"/api/v1/ideas/{idea['id']}/support", headers={"kari": kari, "per": per}[who])
    assert answer.status_code == status, answer.text


def test_a_handler_shares_an_idea_under_opt_in_only(client, sharing, kari, per, token, classifier):
    classifier.focus_area = "barn-og-unge"
    idea = send(client, kari)
    path = f"/api/v1/ideas/{idea['id']}/share"
    assert client.post(path, json={"shared": True}, headers=per).status_code == 404  # not his to see
    shared = client.post(path, json={"shared": True}, headers=token("commissioner", "kommunalsjef-oppvekst"))
    assert shared.status_code == 200 and shared.json()["shared"] is True
    assert [i["id"] for i in client.get("/api/v1/board", headers=per).json()["items"]] == [idea["id"]]
    sharing(Sharing.ON)
    assert client.post(path, json={"shared": False}, headers=token("admin", "forslagskassa-admin")).status_code == 409


def test_the_board_names_neither_the_submitter_nor_the_supporters(client, sharing, kari, per, token, classifier):
    classifier.focus_area = "barn-og-unge"
    hidden = send(client, kari, text="Anonym idé om kantina", shared=True, anonymous=True)
    client.post(f"/api/v1/ideas/{hidden['id']}/support", headers=per).raise_for_status()
    for reader in (per, token("employee", "lise"), token("commissioner", "kommunalsjef-oppvekst")):
        body = client.get("/api/v1/board?sort=most_supported", headers=reader).text
        assert hidden["id"] and "Anonym idé om kantina" in body
        for name in (SUBMITTER_NAME, SUPPORTER_NAME, '"kari"', '"per"'):
            assert name not in body


def test_the_export_holds_my_supports_and_erasure_removes_them(client, sharing, kari, per, classifier):
    classifier.focus_area = "barn-og-unge"
    idea = send(client, kari, shared=True)
    client.post(f"/api/v1/ideas/{idea['id']}/support", headers=per).raise_for_status()
    assert [s["idea_id"] for s in client.get("/api/v1/me/export", headers=per).json()["supports"]] == [idea["id"]]
    client.delete("/api/v1/me", headers=per).raise_for_status()
    assert client.get("/api/v1/board", headers=kari).json()["items"][0]["support_count"] == 0
