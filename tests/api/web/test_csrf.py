"""Every form that changes something needs the session's own CSRF token: without it nothing changes."""

import pytest

from tests.api.web.conftest import csrf_of


def test_a_form_without_the_csrf_token_changes_nothing(client, login, token):
    login("kari")
    assert client.post("/", data={"text": "Uten token"}).status_code == 403
    refused = client.post("/", data={"text": "Feil token", "csrf_token": "x" * 43})
    assert refused.status_code == 403 and "Last siden på nytt" in refused.text
    assert client.get("/api/v1/ideas", headers=token("admin", "forslagskassa-admin")).json()["total"] == 0


@pytest.mark.parametrize(("path", "data"), [("/login/dev", {"person": "forslagskassa-admin"}), ("/logout", {}),
                                            ("/lang", {"lang": "en"}), ("/triage/1/status", {"to": "in_review"}),
                                            ("/triage/1/route", {"focus_area": "barn-og-unge"}),
                                            ("/triage/1/saving", {"amount": "1"}), ("/mine/1/withdraw", {}),
                                            ("/mine/1/anonymous", {})])
def test_every_form_needs_the_csrf_token(client, login, path, data):
    login("forslagskassa-admin")
    assert client.post(path, data=data).status_code == 403


def test_the_token_of_another_session_is_refused(client, login):
    login("kari")
    other_token = csrf_of(client.get("/"))
    login("arne-jorstad")
    assert client.post("/triage/1/status", data={"csrf_token": other_token, "to": "in_review"}).status_code == 403
