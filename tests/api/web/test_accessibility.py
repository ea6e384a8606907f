"""WCAG 2.1 A/AA in Chromium: axe-core checks every page that each role can open, in Norwegian and in English, and
every page must reflow at 320 CSS pixels without scrolling sideways (WCAG 1.4.10).

A new page is one row in PAGES; test_every_page_is_in_the_table fails until it is there.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from axe_playwright_python.sync_playwright import Axe
from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute
from playwright.sync_api import Browser, Page

from api import web
from core import intake
from core.actors import Actor, Role
from core.orgconfig import Sharing
from storage.models import Channel
from tests.api.web.conftest import Live, login_as
from tests.api.web.seed import seed_ideas
from tests.api.web.seed_discussion import seed_discussion
from tests.people import HELSE

VISITOR, EMPLOYEE, COMMISSIONER, ADMIN = "visitor", "employee", "commissioner", "admin"
EVERYONE = frozenset({VISITOR, EMPLOYEE, COMMISSIONER, ADMIN})
SIGNED_IN = EVERYONE - {VISITOR}
STAFF = frozenset({COMMISSIONER, ADMIN})
# Who each role is on the development login, and the user id their own ideas are sent under.
LOGIN = {EMPLOYEE: ("employee", "kari"), COMMISSIONER: ("Arne Jørstad", "arne-jorstad"),
         ADMIN: ("Prosjektleder virksomhetsgjennomgang", "forslagskassa-admin")}
MISSING_IDEA = 999_999_999
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
               "resultTypes": ["violations"]}
NARROW = {"width": 320, "height": 800}
WIDE = {"width": 1280, "height": 900}
SCROLLS_SIDEWAYS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@dataclass(frozen=True)
class Row:
    """One page: its route (placeholders: {idea_id} is an idea of the visitor's own, {missing} one that does not
    exist), who can open it, and the status it answers with."""

    path: str
    roles: frozenset[str]
    status: int = 200
    note: str = field(default="", compare=False)


PAGES = [
    Row("/login", EVERYONE),
    Row("/", SIGNED_IN),
    Row("/sent/{idea_id}", SIGNED_IN),
    Row("/mine", SIGNED_IN),
    Row("/mine/{idea_id}", SIGNED_IN),
    Row("/mine/{missing}", SIGNED_IN, status=404, note="the not-found page"),
    Row("/ideer", SIGNED_IN, note="the board of shared ideas (sharing on, so it is full)"),
    Row("/ideer/{idea_id}", SIGNED_IN, note="an idea's discussion: every kind of comment, one hidden"),
    Row("/varsler", SIGNED_IN, note="how followers are told, and the ideas followed"),
    Row("/triage", STAFF),
    Row("/pakke", STAFF, note="the area package, with the accepted ideas that may go in"),
    Row("/admin", ADMIN),
    Row("/admin/org", ADMIN),
    Row("/tilgjengelighet", EVERYONE, note="the accessibility statement"),
]


@dataclass
class Metadata:
    """What a trained model tells about itself (classifier.model.ModelMetadata), so the dashboard shows the model."""

    version: str = "2026-11-20T10:00:00Z-1a2b3c4d"
    trained_at: str = "2026-11-20T10:00:00Z"
    n_examples: int = 4120
    n_corrections: int = 9
    cv_metrics: dict[str, float] = field(default_factory=lambda: {
        "macro_f1": 0.8712, "accuracy": 0.9, "coverage@0.5": 0.83, "accuracy@0.5": 0.91, "folds": 5.0})


@pytest.fixture(scope="module")
def own_ideas(live: Live) -> Iterator[dict[str, int]]:
    """The seeded board, a long idea, the model's metadata, and one idea sent by each role from the web; every idea
    shared with colleagues, so the board of shared ideas (and the form's note on sharing) is checked full."""
    org = live.services.org
    live.services.org = org.model_copy(update={"sharing": Sharing.ON})
    seed_ideas(live.services.session_factory, live.services.org, live.classifier)
    live.classifier.metadata = Metadata()  # type: ignore[attr-defined]
    mine: dict[str, int] = {}
    with live.services.session_factory() as session:
        live.classifier.focus_area = "helse-og-livskvalitet"
        for role, (_, user_id) in LOGIN.items():
            submitter = intake.SubmitterRef(channel=Channel.WEB, external_id=user_id, display_name=user_id)
            draft = intake.Draft(text="Ett felles bestillingssystem for hjelpemidler. " * 40, title=None,
                                 submitter=submitter, channel=Channel.WEB, source_key=f"a11y:{role}")
            mine[role] = intake.submit(session=session, draft=draft, classifier=live.classifier,
                                       org=live.services.org).id
        session.commit()
    for role, (_, user_id) in LOGIN.items():
        seed_discussion(live.services, mine[role], sender=Actor(role=Role.EMPLOYEE, user_id=user_id), handler=HELSE)
    yield mine
    del live.classifier.metadata  # type: ignore[attr-defined]
    live.services.org = org


def sign_in(page: Page, live: Live, role: str, locale: str) -> None:
    if role == VISITOR:
        page.goto(f"{live.url}/login")
    else:
        login_as(page, live, LOGIN[role][0])
    if locale == "en":
        page.get_by_role("button", name="In English").click()
        page.wait_for_load_state("domcontentloaded")
    assert page.locator("html").get_attribute("lang") == locale


def violations(page: Page, axe: Axe) -> list[str]:
    found = axe.run(page, options=AXE_OPTIONS).response["violations"]
    return [f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(" ".join(n["target"]) for n in v["nodes"][:5])
            for v in found]


@pytest.fixture
def wide_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=WIDE)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("locale", ["nb", "en"])
@pytest.mark.parametrize("role", [VISITOR, EMPLOYEE, COMMISSIONER, ADMIN])
def test_every_page_meets_wcag_21_aa_and_reflows_at_320_px(wide_page, live, own_ideas, role, locale):
    page, axe, problems = wide_page, Axe(), []
    sign_in(page, live, role, locale)
    for row in [row for row in PAGES if role in row.roles]:
        path = row.path.format(idea_id=own_ideas.get(role, 0), missing=MISSING_IDEA)
        page.set_viewport_size(WIDE)
        response = page.goto(f"{live.url}{path}")
        assert response is not None and response.status == row.status, path
        assert page.locator("html").get_attribute("lang") == locale, path
        # Closed sections are checked too: open them as a reader would.
        page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        problems += [f"{path}: {text}" for text in violations(page, axe)]
        page.set_viewport_size(NARROW)
        sideways = page.evaluate(SCROLLS_SIDEWAYS)
        if sideways > 1:
            problems.append(f"{path}: scrolls {sideways} px sideways at 320 px")
    assert problems == [], "\n".join(problems)


def test_every_page_is_in_the_table():
    modules = [importlib.import_module(f"api.web.{m.name}") for m in pkgutil.iter_modules(web.__path__)]
    pages = {route.path for module in modules for route in getattr(module, "router", APIRouter()).routes
             if isinstance(route, APIRoute) and "GET" in route.methods and route.response_class is HTMLResponse}
    assert pages and pages - {row.path for row in PAGES} == set()


def test_wide_tables_and_the_yaml_scroll_in_named_boxes_a_keyboard_can_scroll(wide_page, live, own_ideas):
    page = wide_page
    login_as(page, live, LOGIN[ADMIN][0])
    page.set_viewport_size(NARROW)
    page.goto(f"{live.url}/admin/org")
    yaml_box = page.get_by_role("region", name="Som YAML (kan rulles sideveis)")
    assert yaml_box.evaluate("box => box.scrollWidth > box.clientWidth")
    yaml_box.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("End")
    # Keyboard scrolling is animated: wait for the box to have moved rather than reading it at once.
    page.wait_for_function("box => box.scrollLeft > 0", arg=yaml_box.element_handle(), timeout=5_000)
    assert page.evaluate(SCROLLS_SIDEWAYS) <= 1
    page.goto(f"{live.url}/admin")
    overdue = page.get_by_role("region", name="Forslag over fristen (kan rulles sideveis)")
    assert overdue.evaluate("box => box.tabIndex") == 0 and overdue.locator("table").count() == 1

