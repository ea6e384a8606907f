"""Fixtures for the web pages: a browser-like TestClient that logs in through the development login."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from fastapi.testclient import TestClient
from httpx import Response
from playwright.sync_api import Browser, Page, sync_playwright

from api.app import create_app
from core.services import Services, build_services
from core.settings import Settings
from storage.migrate import upgrade
from tests.conftest import LOTEN, SECRET
from tests.fakes import StaticClassifier

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return Settings(_env_file=None, data_dir=tmp_path, database_url=database_url, org_config=LOTEN,
                    secret_key=SECRET, run_worker=False, dev_login=True, host="127.0.0.1")


def csrf_of(response: Response) -> str:
    found = CSRF.search(response.text)
    assert found, f"no CSRF token on {response.url}"
    return found.group(1)


def post_form(client: TestClient, path: str, data: dict[str, str], *, page: str = "/login") -> Response:
    """POST a form the way a browser would: with the CSRF token from a page this session just loaded."""
    token = csrf_of(client.get(page))
    return client.post(path, data={"csrf_token": token, **data})


@pytest.fixture
def login(client: TestClient) -> Callable[[str], Response]:
    """login('kari' | org-config id) -> the page the login lands on. Logs out whoever was logged in."""

    def as_person(person: str) -> Response:
        client.cookies.clear()
        response = post_form(client, "/login/dev", {"person": person})
        assert response.status_code == 200, response.text
        return response

    return as_person


# -- A real server and a real browser -------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@dataclass
class Live:
    url: str
    services: Services
    classifier: StaticClassifier


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """The app under uvicorn on 127.0.0.1, in a thread, on a migrated SQLite file of its own."""
    directory = tmp_path_factory.mktemp("live")
    url = f"sqlite:///{directory / 'web.db'}"
    upgrade(url)
    settings = Settings(_env_file=None, data_dir=directory, database_url=url, org_config=LOTEN, secret_key=SECRET,
                        run_worker=False, dev_login=True, host="127.0.0.1")
    classifier = StaticClassifier("helse-og-livskvalitet")
    services = build_services(settings, classifier=classifier)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(services), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the test server did not start"
        time.sleep(0.05)
    yield Live(url=f"http://127.0.0.1:{port}", services=services, classifier=classifier)
    server.should_exit = True
    thread.join(timeout=10)
    services.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing at /usr/bin/chromium; the browser tests need it. "
                    "Run `make test` (installs it through apt) or `apt-get install -y chromium`.")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser profile per test. Script errors and CSP violations fail the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
    context.set_default_timeout(10_000)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on("console", lambda message: problems.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text else None)
    yield page
    context.close()
    assert problems == []


def login_as(page: Page, live: Live, who: str) -> None:
    """Log in through the development login: 'employee', or a person's name from the org config."""
    page.goto(f"{live.url}/login")
    button = page.locator('button[data-role="employee"]') if who == "employee" else \
        page.get_by_role("button", name=re.compile(re.escape(who)))
    button.click()
    page.wait_for_load_state("domcontentloaded")
    assert "/login" not in page.url
