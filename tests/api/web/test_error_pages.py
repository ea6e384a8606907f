"""A browser that goes wrong gets the site's own error page in its language; API clients keep problem documents."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.web import texts
from api.web.session import COOKIE, encode, new_session, signing_key
from core.actors import Actor, Role
from core.services import build_services
from core.settings import Settings
from tests.api.web.conftest import csrf_of
from tests.conftest import LOTEN, SECRET
from tests.fakes import StaticClassifier

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
API_CLIENTS = {"json": {"Accept": "application/json"}, "no-accept": {}, "anything": {"Accept": "*/*"},
               "malformed": {"Accept": "garbage;;,"}}
TOO_BIG = 300_000


def assert_error_page(response, status: int, *, lang: str, words: str) -> None:
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert f'<html lang="{lang}">' in page
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    assert title and str(status) in title.group(1) and texts.t(lang, "app.name") in title.group(1), title
    assert str(status) in re.sub(r"<title>.*?</title>", "", page, flags=re.S)
    assert 'href="/"' in page and words in page
    assert "Traceback" not in page and '"type": "about:blank"' not in page


def assert_problem(response, status: int) -> None:
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == status


def oversized_form(client: TestClient, headers: dict[str, str]):
    token = csrf_of(client.get("/"))
    return client.post("/", content=f"csrf_token={token}&text=".encode() + b"a" * TOO_BIG,
                       headers={**headers, "Content-Type": "application/x-www-form-urlencoded"})


# status, method, path: what a browser (and a script) can run into on the pages
PAGE_ERRORS = [
    (404, "GET", "/finnes-ikke", "Siden finnes ikke"),
    (404, "GET", "/mine/99999999", "Fant ikke forslaget"),
    (405, "PUT", "/", "kan ikke brukes slik"),
    (422, "GET", "/mine/et-ord", "ikke kan brukes"),
]


@pytest.mark.parametrize(("status", "method", "path", "words"), PAGE_ERRORS,
                         ids=[f"{s}-{p}" for s, _, p, _ in PAGE_ERRORS])
def test_a_browser_gets_the_sites_error_page(client, login, status, method, path, words):
    login("kari")
    assert_error_page(client.request(method, path, headers=BROWSER), status, lang="nb", words=words)


@pytest.mark.parametrize(("status", "method", "path", "_words"),
                         [e for e in PAGE_ERRORS if e[2] != "/mine/99999999"],
                         ids=[f"{s}-{p}" for s, _, p, _ in PAGE_ERRORS if p != "/mine/99999999"])
@pytest.mark.parametrize("accept", API_CLIENTS.values(), ids=API_CLIENTS.keys())
def test_other_clients_keep_the_problem_document(client, login, status, method, path, _words, accept):
    login("kari")
    assert_problem(client.request(method, path, headers=accept), status)


def test_api_paths_answer_problem_documents_even_to_a_browser(client, token):
    kari = token("employee", "kari")
    assert_problem(client.get("/api/v1/nothing", headers=BROWSER), 404)
    assert_problem(client.get("/api/v1/ideas/abc", headers={**BROWSER, **kari}), 422)
    assert_problem(client.put("/api/v1/ideas", headers={**BROWSER, **kari}), 405)
    too_big = client.post("/api/v1/ideas", content=b"a" * TOO_BIG, headers={**BROWSER, **kari})
    assert_problem(too_big, 413)


def test_an_oversized_form_gets_a_page_saying_so(client, login):
    login("kari")
    assert_error_page(oversized_form(client, BROWSER), 413, lang="nb", words="for stor")
    assert_problem(oversized_form(client, {}), 413)


def test_the_page_is_in_english_for_an_english_session(client, login):
    login("kari")
    client.post("/lang", data={"csrf_token": csrf_of(client.get("/")), "lang": "en", "next": "/"})
    assert_error_page(client.get("/finnes-ikke", headers=BROWSER), 404, lang="en", words="There is no such page")
    assert_error_page(oversized_form(client, BROWSER), 413, lang="en", words="too large")


def test_a_new_visitor_gets_the_language_their_browser_asks_for(client):
    english = {**BROWSER, "Accept-Language": "en-GB,en;q=0.9,nb;q=0.5"}
    assert_error_page(client.get("/finnes-ikke", headers=english), 404, lang="en", words="There is no such page")
    norwegian = {**BROWSER, "Accept-Language": "nn-NO,en;q=0.5"}
    assert_error_page(client.get("/finnes-ikke", headers=norwegian), 404, lang="nb", words="Siden finnes ikke")
    odd = {**BROWSER, "Accept-Language": ";;q=x,  ,*"}
    assert_error_page(client.get("/finnes-ikke", headers=odd), 404, lang="nb", words="Siden finnes ikke")


# -- 500: the database is not migrated, so every query fails ----------------------------------------------------


@pytest.fixture
def broken(tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(_env_file=None, data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'empty.db'}",
                        org_config=LOTEN, secret_key=SECRET, run_worker=False, dev_login=True, host="127.0.0.1")
    services = build_services(settings, classifier=StaticClassifier())
    session = new_session(locale="en", actor=Actor(role=Role.EMPLOYEE, user_id="kari", name="Kari"))
    with TestClient(create_app(services), raise_server_exceptions=False) as client:
        client.cookies.set(COOKIE, encode(session, key=signing_key(services), ttl=timedelta(hours=1)))
        yield client
    services.close()


def test_a_failure_on_our_side_is_a_page_for_a_browser_and_a_problem_for_the_api(broken, token):
    assert_error_page(broken.get("/mine", headers=BROWSER), 500, lang="en", words="Something went wrong")
    assert_problem(broken.get("/mine", headers={"Accept": "application/json"}), 500)
    assert_problem(broken.get("/api/v1/ideas", headers={**BROWSER, **token("admin", "forslagskassa-admin")}), 500)
    page = broken.get("/mine", headers=BROWSER)
    assert "OperationalError" not in page.text and "no such table" not in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
