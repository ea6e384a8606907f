"""Screenshots of each page from seeded data, for the README. `make screenshots` writes them to
docs/screenshots/; in the normal test run they go to a temporary directory and only prove the pages render.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from api.documents import Format, render
from core import handling, packages
from core.orgconfig import Sharing
from core.saving_plan import SavingPlan
from core.unit_of_work import reading, transaction
from tests.api.web.conftest import Live, login_as
from tests.api.web.seed import seed_ideas
from tests.api.web.seed_discussion import seed_discussion
from tests.core.helpers import submit
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


# Accepted ideas of helse-og-livskvalitet for the package page: title, text, saving a year, unit.
PACKAGED = [
    ("Felles vikarpool", "En felles vikarpool for hjemmetjenesten og sykehjemmet i stedet for byråvikarer.",
     900_000, "hjemmebaserte-tjenester"),
    ("Digitalt tilsyn om natten", "Digitalt tilsyn på natt for brukere som ønsker det, i stedet for fysiske "
     "besøk.", 650_000, "hjemmebaserte-tjenester"),
    ("Samkjørte innkjøp av hjelpemidler", "Kjøp hjelpemidler sammen med nabokommunene.", 300_000, "sykehjem"),
]


def fill_package(live: Live) -> None:
    """Three accepted ideas in helse-og-livskvalitet's package of phase 1, the first two assessed and with a one-off
    cost."""
    org = live.services.org
    with transaction(live.services) as uow:
        for title, text, saving, unit in PACKAGED:
            idea = submit(uow.session, org, text=text, area="helse-og-livskvalitet")
            idea.title = title
            handling.accept(uow=uow, actor=HELSE, idea_id=idea.id, note="Godtatt: vi tar det med i pakken.")
            handling.estimate_saving(uow=uow, actor=HELSE, idea_id=idea.id, amount_nok=saving)
            handling.set_unit(uow=uow, actor=HELSE, idea_id=idea.id, unit=unit)
            if saving > 500_000:  # the larger ones cost something once to set up
                handling.plan_saving(uow=uow, actor=HELSE, idea_id=idea.id,
                                     changes=SavingPlan(one_off_cost_nok=saving // 5))
            packages.add(uow=uow, actor=HELSE, focus_area="helse-og-livskvalitet", phase="fase-1", idea_id=idea.id,
                         assessment="Realistisk fra 1. januar; krever avtale med tillitsvalgte." if saving > 500_000
                         else None)


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
    fill_package(live)
    shoot(browser, live, "Arne Jørstad", "/pakke?area=helse-og-livskvalitet&phase=fase-1", out / "package.png",
          viewport=DESKTOP, full_page=True)
    # The package as the politicians read it (`make screenshots` draws its pages as package-document-N.png).
    with reading(live.services) as uow:
        view = packages.show(uow=uow, actor=HELSE, focus_area="helse-og-livskvalitet", phase="fase-1")
        document = render(view, live.services.org, Format.PDF)
    (out / "package.pdf").write_bytes(document.data)
    assert document.data.startswith(b"%PDF")
    # An idea's discussion on the board: the official answer on top, "innsender" unnamed, a hidden comment.
    org = live.services.org
    live.services.org = org.model_copy(update={"sharing": Sharing.ON})
    try:
        seed_discussion(live.services, seeded["fresh"], sender=EMPLOYEE, handler=HELSE)
        shoot(browser, live, "employee", f"/ideer/{seeded['fresh']}", out / "discussion.png", viewport=DESKTOP,
              full_page=True)
        shoot(browser, live, "employee", "/ideer", out / "board.png", viewport=DESKTOP)
    finally:
        live.services.org = org
