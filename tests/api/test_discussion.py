"""The REST API of comments and following: /api/v1/ideas/{id}/comments, /api/v1/comments/{id}/report and /hide,
/api/v1/ideas/{id}/follow, /api/v1/me/notifications, and the new data in /api/v1/me/export and its erasure."""

from __future__ import annotations

import pytest

from core.comment_settings import CommentSettings
from core.orgconfig import Sharing
from tests.api.test_board import send


@pytest.fixture
def people(token, services, classifier):
    services.org = services.org.model_copy(update={"sharing": Sharing.ON,
                                                    "comments": CommentSettings(hide_after_reports=2)})
    classifier.focus_area = "barn-og-unge"
    return {"kari": token("employee", "kari", name="Kari Nordmann"), "per": token("employee", "per", name="Per Hansen"),
            "ola": token("employee", "ola", name="Ola Dunk"),
            "oppvekst": token("commissioner", "kommunalsjef-oppvekst"),
            "admin": token("admin", "forslagskassa-admin")}


def test_comment_report_auto_hide_and_admin_show(client, people):
    idea = send(client, people["kari"], anonymous=True)["id"]
    path = f"/api/v1/ideas/{idea}/comments"
    written = client.post(path, json={"text": "Dette blir for dyrt"}, headers=people["per"])
    assert written.status_code == 201
    comment = written.json()
    assert (comment["voice"], comment["author"]) == ("colleague", "Per Hansen")
    answer = client.post(path, json={"text": "Nei, det sparer penger"}, headers=people["kari"]).json()
    assert (answer["voice"], answer["author"]) == ("submitter", None)
    official = client.post(path, json={"text": "Vi regner på det."}, headers=people["oppvekst"]).json()
    assert official["voice"] == "handler"

    report = f"/api/v1/comments/{comment['id']}/report"
    assert client.post(report, headers=people["per"]).status_code == 403  # not one's own
    assert client.post(report, headers=people["kari"]).json() == {"comment_id": comment["id"], "hidden": False}
    assert client.post(report, headers=people["ola"]).json()["hidden"] is True
    seen = client.get(path, headers=people["ola"]).json()
    assert [(c["voice"], c["text"]) for c in seen] == [("colleague", None), ("submitter", "Nei, det sparer penger"),
                                                       ("handler", "Vi regner på det.")]
    assert client.post(f"/api/v1/comments/{comment['id']}/hide", json={"hidden": False},
                       headers=people["oppvekst"]).status_code == 403
    shown = client.post(f"/api/v1/comments/{comment['id']}/hide", json={"hidden": False}, headers=people["admin"])
    assert shown.json()["hidden"] is False
    events = client.get(f"/api/v1/ideas/{idea}", headers=people["admin"]).json()["events"]
    assert [(e["kind"], e["actor"]) for e in events if e["kind"].startswith("comment")] == [
        ("commented", "colleague"), ("commented", "submitter"), ("commented", "commissioner:kommunalsjef-oppvekst"),
        ("comment_hidden", "reports"), ("comment_shown", "admin:forslagskassa-admin")]


@pytest.mark.parametrize(("body", "status"), [({"text": "  "}, 422), ({"text": "a\x1bb"}, 422),
                                              ({"text": "x" * 2001}, 422), ({"tekst": "x"}, 422), ({}, 422)])
def test_bad_comments_are_refused_clearly(client, people, body, status):
    idea = send(client, people["kari"])["id"]
    response = client.post(f"/api/v1/ideas/{idea}/comments", json=body, headers=people["per"])
    assert response.status_code == status and response.headers["content-type"].startswith("application/problem")


def test_comments_share_the_rate_limit_and_answer_429(client, people, services):
    services.settings = services.settings.model_copy(update={"submit_rate_limit": "1/minute"})
    idea = send(client, people["kari"])["id"]
    path = f"/api/v1/ideas/{idea}/comments"
    assert client.post(path, json={"text": "En"}, headers=people["per"]).status_code == 201
    limited = client.post(path, json={"text": "To"}, headers=people["per"])
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) >= 1


def test_with_sharing_off_colleagues_neither_read_nor_write(client, people, services):
    services.org = services.org.model_copy(update={"sharing": Sharing.OFF})
    idea = send(client, people["kari"])["id"]
    path = f"/api/v1/ideas/{idea}/comments"
    for who in ("per", "kari", "oppvekst"):
        assert client.get(path, headers=people[who]).status_code == 404
        assert client.post(path, json={"text": "Hei"}, headers=people[who]).status_code == 404
    assert client.put(f"/api/v1/ideas/{idea}/follow", headers=people["per"]).status_code == 404


def test_follow_unfollow_and_the_notification_setting(client, people):
    idea = send(client, people["kari"])["id"]
    path = f"/api/v1/ideas/{idea}/follow"
    assert client.get(path, headers=people["per"]).json() == {"idea_id": idea, "following": False}
    assert client.get(path, headers=people["kari"]).json()["following"] is True  # the sender, by default
    assert client.put(path, headers=people["per"]).json()["following"] is True
    assert client.put("/api/v1/me/notifications", json={"digest": "daily"}, headers=people["per"]).json() == {
        "digest": "daily",
        "following": [{"id": idea, "heading": "Felles vikarpool", "status": "received", "on_board": True}]}
    assert client.put("/api/v1/me/notifications", json={"digest": "hourly"}, headers=people["per"]).status_code == 422
    assert client.delete(path, headers=people["per"]).json()["following"] is False
    assert client.get("/api/v1/me/notifications", headers=people["per"]).json()["following"] == []


def test_export_and_erase_cover_comments_follows_and_the_setting(client, people):
    idea = send(client, people["kari"], anonymous=True)["id"]
    client.post(f"/api/v1/ideas/{idea}/comments", json={"text": "Jeg liker dette"}, headers=people["per"])
    client.post(f"/api/v1/ideas/{idea}/comments", json={"text": "Takk!"}, headers=people["kari"])
    theirs = client.post(f"/api/v1/ideas/{idea}/comments", json={"text": "Enig"}, headers=people["ola"]).json()
    client.post(f"/api/v1/comments/{theirs['id']}/report", headers=people["per"])
    client.put(f"/api/v1/ideas/{idea}/follow", headers=people["per"])
    client.put("/api/v1/me/notifications", json={"digest": "weekly"}, headers=people["per"])

    mine = client.get("/api/v1/me/export", headers=people["per"]).json()
    assert [(c["text"], c["signed_as"]) for c in mine["comments"]] == [("Jeg liker dette", "Per Hansen")]
    assert [r["comment_id"] for r in mine["comment_reports"]] == [theirs["id"]]
    assert [(f["idea_id"], f["following"]) for f in mine["follows"]] == [(idea, True)]
    assert mine["digest"] == "weekly"
    assert [c["voice"] for c in client.get("/api/v1/me/export", headers=people["kari"]).json()["comments"]] == [
        "submitter"]

    assert client.delete("/api/v1/me", headers=people["per"]).status_code == 200
    after = client.get("/api/v1/me/export", headers=people["per"]).json()
    assert (after["comments"], after["comment_reports"], after["follows"], after["digest"]) == ([], [], [], None)
    seen = client.get(f"/api/v1/ideas/{idea}/comments", headers=people["ola"]).json()
    # Kept in the discussion, no longer signed; the innsender's answer unchanged.
    assert [(c["author"], c["text"]) for c in seen] == [(None, "Jeg liker dette"), (None, "Takk!"),
                                                        ("Ola Dunk", "Enig")]
    assert [c["voice"] for c in seen] == ["colleague", "submitter", "colleague"]
