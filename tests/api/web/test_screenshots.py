"""Screenshots of each page from seeded data, for the README. `make screenshots` writes them to
docs/screenshots/; in the normal test run they go to a temporary directory and only prove the pages render.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from core.orgconfig import Sharing
from tests.api.web.conftest import Live, login_as
from tests.api.web.seed import seed_ideas
from tests.api.web.seed_discussion import seed_discussion
from tests.people import EMPLOYEE, HELSE

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 1000}


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chosen = os.environ.get("SCREENSHOT_DIR")
    path = Path(chosen) if chosen else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def shoot(browser: Browser, live: Live, who: str, path: str, file: Path, *, viewport: dict[str, int],
          full_page: bool = False, scale: float = 1, before: str | None = None) -> None:
    context = browser.new_context(viewport=viewport, device_scale_factor=scale, locale="nb-NO")
    page = context.new_page()
    login_as(page, live, who)
    page.goto(f"{live.url}{path}")
    if before:
        page.evaluate(before)
    expect(page.locator("h1")).to_be_visible()
    page.screenshot(path=str(file), full_page=full_page)
    context.close()
    assert file.stat().st_size > 10_000


def test_screenshots_of_every_page(browser, live, out):
    seeded = seed_ideas(live.services.session_factory, live.services.org, live.classifier)
    fill = ("document.getElementById('text').value = 'Vi kan dele én el-bil mellom hjemmetjenesten og "
            "miljøtjenesten på dagtid.'; document.getElementById('title').value = 'Delt el-bil';"
            "document.getElementById('text').dispatchEvent(new Event('input'))")
    shoot(browser, live, "employee", "/", out / "submit.png", viewport=PHONE, scale=2, full_page=True, before=fill)
    shoot(browser, live, "employee", "/mine", out / "mine.png", viewport=DESKTOP)
    shoot(browser, live, "Prosjektleder virksomhetsgjennomgang", "/triage", out / "triage.png", viewport=DESKTOP,
          before="document.querySelectorAll('details.act').forEach((d, i) => d.open = i < 2)")
    shoot(browser, live, "Prosjektleder virksomhetsgjennomgang", "/admin", out / "admin.png", viewport=DESKTOP,
          full_page=True)
    shoot(browser, live, "Prosjektleder virksomhetsgjennomgang", "/admin/org", out / "org.png", viewport=DESKTOP)
    # An idea's discussion on the board: the official answer on top, "innsender" unnamed, a hidden comment.
    org = live.services.org
    live.services.org = org.model_copy(update={"sharing": Sharing.ON})
    try:
        seed_discussion(live.services, seeded["fresh"], sender=EMPLOYEE, handler=HELSE)
        shoot(browser, live, "employee", f"/ideer/{seeded['fresh']}", out / "discussion.png", viewport=DESKTOP,
              full_page=True)
    finally:
        live.services.org = org
