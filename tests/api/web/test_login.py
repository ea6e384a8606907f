"""Login, logout, roles and the session cookie: who may open which page, and what the cookie promises."""

import pytest
from fastapi.testclient import TestClient

from api.web.login import dev_login_allowed
from api.web.pages import safe_next
from core.settings import Settings
from tests.api.web.conftest import csrf_of, post_form

PAGES = ["/", "/mine", "/mine/1", "/triage", "/admin", "/admin/org"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_needs_a_login(client, path):
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/login?next={path}"


def test_login_page_offers_every_person_of_the_org_config_and_an_employee(client, org):
    html = client.get("/login").text
    assert html.count('data-role="admin"') == len(org.administrators)
    assert html.count('data-role="commissioner"') == len(org.commissioners)
    assert html.count('data-role="employee"') == 1
    for person in (*org.administrators, *org.commissioners):
        assert person.name in html


@pytest.mark.parametrize(("person", "home"), [("kari", "/"), ("arne-jorstad", "/triage"),
                                              ("forslagskassa-admin", "/admin")])
def test_dev_login_lands_on_the_persons_home_page(login, person, home):
    assert login(person).url.path == home


def test_login_returns_to_the_page_asked_for_but_only_on_this_site(client):
    assert post_form(client, "/login/dev", {"person": "kari", "next": "/mine"}).url.path == "/mine"
    client.cookies.clear()
    response = post_form(client, "/login/dev", {"person": "kari", "next": "//evil.example/"})
    assert response.url.host == "testserver" and response.url.path == "/"


@pytest.mark.parametrize(("value", "expected"), [
    ("/mine", "/mine"), ("/triage?show=all", "/triage?show=all"), ("//evil.example", "/"),
    ("https://evil.example", "/"), ("/\\evil.example", "/"), ("", "/"), (None, "/")])
def test_safe_next_keeps_only_local_paths(value, expected):
    assert safe_next(value) == expected


@pytest.mark.parametrize(("person", "path"), [("kari", "/triage"), ("kari", "/admin"), ("kari", "/admin/org"),
                                              ("arne-jorstad", "/admin"), ("arne-jorstad", "/admin/org")])
def test_roles_are_refused_pages_above_them_with_a_page(client, login, person, path):
    login(person)
    response = client.get(path)
    assert response.status_code == 403
    assert response.headers["content-type"].startswith("text/html")
    assert "Denne siden er for" in response.text


@pytest.mark.parametrize(("dev_login", "host", "allowed"), [
    (True, "127.0.0.1", True), (True, "::1", True), (True, "localhost", True), (True, "127.0.0.2", True),
    (True, "0.0.0.0", False), (True, "10.0.0.5", False), (True, "example.org", False), (True, "::", False),
    (False, "127.0.0.1", False)])
def test_dev_login_only_with_the_flag_and_a_loopback_host(dev_login, host, allowed):
    assert dev_login_allowed(Settings(_env_file=None, dev_login=dev_login, host=host)) is allowed


def test_dev_login_is_refused_on_a_non_loopback_host(client, services):
    services.settings.host = "0.0.0.0"
    page = client.get("/login")
    assert "data-role" not in page.text
    assert "bare tillatt når HOST er en loopback-adresse" in page.text
    response = client.post("/login/dev", data={"csrf_token": csrf_of(page), "person": "forslagskassa-admin"})
    assert response.status_code == 403
    assert client.get("/admin", follow_redirects=False).status_code == 303


def test_dev_login_is_refused_on_a_request_that_arrived_on_a_network_address(client):
    # As after `forslagskassa serve --host 0.0.0.0` with HOST left at 127.0.0.1.
    with TestClient(client.app, base_url="http://10.0.0.5:8000") as remote:
        page = remote.get("/login")
        assert "data-role" not in page.text
        response = remote.post("/login/dev", data={"csrf_token": csrf_of(page), "person": "forslagskassa-admin"})
        assert response.status_code == 403
    with TestClient(client.app, base_url="http://127.0.0.1:8000") as local:
        assert 'data-role="admin"' in local.get("/login").text


def test_without_dev_login_or_entra_the_login_page_says_what_to_set(client, services):
    services.settings.dev_login = False
    html = client.get("/login").text
    assert "OIDC_TENANT_ID" in html and "data-role" not in html


def test_session_cookie_is_httponly_and_samesite(client):
    cookie = client.get("/login").headers["set-cookie"]
    assert cookie.startswith("fk_session=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie


def test_session_cookie_is_secure_behind_https(client, services):
    services.settings.public_url = "https://forslag.loten.kommune.no"
    assert "Secure" in client.get("/login").headers["set-cookie"]


def test_logout_ends_the_session(client, login):
    page = login("kari")
    response = client.post("/logout", data={"csrf_token": csrf_of(page)})
    assert response.url.path == "/login"
    assert client.get("/mine", follow_redirects=False).status_code == 303


def test_a_tampered_cookie_counts_as_logged_out(client, login):
    login("kari")
    value = client.cookies["fk_session"]
    client.cookies.clear()
    client.cookies.set("fk_session", value[:-3] + ("AAA" if not value.endswith("AAA") else "BBB"))
    assert client.get("/mine", follow_redirects=False).status_code == 303


def test_a_commissioner_removed_from_the_org_config_loses_the_role(client, login, services):
    login("arne-jorstad")
    services.org = services.org.model_copy(
        update={"commissioners": [c for c in services.org.commissioners if c.id != "arne-jorstad"]})
    assert client.get("/triage", follow_redirects=False).status_code == 303


def test_the_session_cookie_is_not_a_bearer_token(client, login):
    login("forslagskassa-admin")
    value = client.cookies["fk_session"]
    client.cookies.clear()
    response = client.get("/api/v1/stats", headers={"Authorization": f"Bearer {value}"})
    assert response.status_code == 401


def test_the_browser_session_reads_the_rest_api_but_does_not_write_it(client, login):
    login("forslagskassa-admin")
    assert client.get("/api/v1/stats").status_code == 200
    assert client.get("/api/v1/ideas").status_code == 200
    # No CSRF token travels with REST calls, so a cookie alone must not change anything.
    assert client.post("/api/v1/ideas", json={"text": "Fra nettleseren"}).status_code == 401


def test_language_switch_keeps_the_login_and_changes_the_pages(client, login):
    page = login("kari")
    assert '<html lang="nb">' in page.text and "Send et forslag" in page.text
    english = client.post("/lang", data={"csrf_token": csrf_of(page), "lang": "en", "next": "/"})
    assert '<html lang="en">' in english.text and "Send an idea" in english.text
    back = client.post("/lang", data={"csrf_token": csrf_of(english), "lang": "nb", "next": "https://evil.example"})
    assert back.url.host == "testserver" and '<html lang="nb">' in back.text
