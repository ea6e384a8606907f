"""The four roles' journeys in Chromium against a running server: send, route, answer, follow up, and
the basics of accessibility (labels, keyboard, focus, contrast). SQLite only: the pages are the subject here.
"""

import json
import re

import pytest
from playwright.sync_api import Page, expect

from core import locale
from tests.api.web.conftest import Live, login_as
from tests.api.web.seed import seed_ideas
from tests.api.web.test_admin import leaves

HOSTILE_TEXT = 'Se her <script>window.__pwned = 1</script> og "><img src=x onerror="window.__pwned=2">'
HOSTILE_TITLE = '"><img src=x onerror="window.__pwned=3"> <b>fet</b>'

UNLABELLED_FIELDS = """() => [...document.querySelectorAll('input, select, textarea, button')]
  .filter(e => e.type !== 'hidden')
  .filter(e => e.tagName === 'BUTTON' ? !e.textContent.trim() && !e.getAttribute('aria-label')
                                      : e.labels.length === 0 && !e.getAttribute('aria-label'))
  .map(e => e.outerHTML.slice(0, 100))"""

# WCAG 2.x contrast of every visible text node against the first opaque background behind it.
LOW_CONTRAST = """() => {
  const rgb = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(',').map(parseFloat); return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const behind = el => { for (let e = el; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor);
    if (c && c.a > 0.5) return c; } return {r: 255, g: 255, b: 255, a: 1}; };
  const bad = []; const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const el = walk.currentNode.parentElement; const text = walk.currentNode.textContent.trim();
    if (!text || el.closest('svg') || el.getClientRects().length === 0) continue;
    const s = getComputedStyle(el); if (s.visibility === 'hidden') continue;
    const a = lum(rgb(s.color)), b = lum(behind(el)); const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(s.fontSize); const large = size >= 24 || (parseInt(s.fontWeight) >= 700 && size >= 18.66);
    if (ratio < (large ? 3 : 4.5)) bad.push(text.slice(0, 40) + ' ' + ratio.toFixed(2));
  }
  return bad; }"""


@pytest.fixture(scope="module")
def seeded(live: Live) -> dict[str, int]:
    return seed_ideas(live.services.session_factory, live.services.org, live.classifier)


def send_idea(page: Page, live: Live, text: str, title: str = "") -> int:
    page.goto(f"{live.url}/")
    page.get_by_label("Forslaget ditt").fill(text)
    if title:
        page.get_by_label("Tittel (valgfri)").fill(title)
    page.get_by_role("button", name="Send forslaget").click()
    expect(page.get_by_role("heading", name="Takk for forslaget!")).to_be_visible()
    return int(page.locator("[data-idea]").get_attribute("data-idea") or 0)


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Logg ut").click()
    expect(page).to_have_url(re.compile(r"/login$"))


def test_employee_sends_commissioner_declines_employee_reads_the_answer(page, live):
    live.classifier.focus_area = "helse-og-livskvalitet"
    login_as(page, live, "employee")
    idea_id = send_idea(page, live, "Felles vikarpool for hjemmetjenesten i stedet for vikarbyrå.", "Vikarpool")
    expect(page.locator(".where")).to_contain_text("Helse og livskvalitet")
    expect(page.locator(".where")).to_contain_text("Arne Jørstad")
    page.get_by_role("link", name="Følg forslaget").click()
    expect(page.locator("[data-status]")).to_have_text("Mottatt")
    log_out(page)

    login_as(page, live, "Arne Jørstad")
    card = page.locator(f'article[data-idea="{idea_id}"]')
    expect(card.locator("[data-sla]")).to_have_text("14 dager igjen")
    card.get_by_text(f"Behandle forslag {idea_id}").click()
    reason = "Vi har allerede en vikarpool fra 1. januar; ta kontakt med Anne i personalavdelingen."
    card.get_by_label("Begrunnelse (innsenderen ser den)").fill(reason)
    card.get_by_role("button", name="Avslå").click()
    expect(page.get_by_role("status")).to_contain_text(f"Forslag {idea_id} er avslått")
    log_out(page)

    login_as(page, live, "employee")
    page.get_by_role("link", name="Mine forslag").click()
    mine = page.locator(f'article[data-idea="{idea_id}"]')
    expect(mine.locator("[data-status]")).to_have_text("Avslått")
    expect(mine.locator("[data-answer]")).to_have_text(reason)
    expect(mine.locator(".timeline")).to_contain_text("av Arne Jørstad")


def test_administrator_routes_an_idea_the_model_was_unsure_about(page, live):
    live.classifier.focus_area = None
    login_as(page, live, "employee")
    idea_id = send_idea(page, live, "Skolebussen går for tidlig om morgenen.")
    expect(page.locator(".where")).to_contain_text("administratorene")
    log_out(page)

    login_as(page, live, "Prosjektleder virksomhetsgjennomgang")
    page.get_by_role("link", name="Saksbehandling").click()
    queue = page.locator("section.queue")
    card = queue.locator(f'article[data-idea="{idea_id}"]')
    card.get_by_label("Område").select_option("barn-og-unge")
    card.get_by_role("button", name="Send til området").click()
    expect(page.get_by_role("status")).to_contain_text("er sendt til Løten for barn og unge")
    expect(page.locator(f'section.queue article[data-idea="{idea_id}"]')).to_have_count(0)
    log_out(page)

    login_as(page, live, "Kommunalsjef oppvekst")
    expect(page.locator(f'article[data-idea="{idea_id}"]')).to_be_visible()


def test_dashboard_figures_equal_the_stats_api(page, live, seeded):
    login_as(page, live, "Prosjektleder virksomhetsgjennomgang")
    expect(page).to_have_url(f"{live.url}/admin")
    api = page.request.get(f"{live.url}/api/v1/stats").json()
    page.reload()
    shown = page.eval_on_selector_all("[data-figure]", "els => els.map(e => [e.dataset.figure, e.dataset.value])")
    assert {path: json.loads(value) for path, value in shown} == leaves(api)
    expect(page.locator('[data-figure="savings.estimated_nok"]')).to_have_text(
        locale.money("nb", api["savings"]["estimated_nok"]))
    expect(page.locator('[data-figure="total"]')).to_have_text(str(api["total"]))
    expect(page.locator(f'[data-overdue="{seeded["overdue"]}"]')).to_be_visible()


def test_hostile_text_is_shown_as_text_everywhere(page, live):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    live.classifier.focus_area = "samfunnsutvikler"
    login_as(page, live, "employee")
    idea_id = send_idea(page, live, HOSTILE_TEXT, HOSTILE_TITLE)
    visits = [("employee", "/mine"), ("employee", f"/mine/{idea_id}"), ("Frank Hauge", "/triage"),
              ("Prosjektleder virksomhetsgjennomgang", "/triage")]
    for who, path in visits:
        login_as(page, live, who)
        page.goto(f"{live.url}{path}")
        card = page.locator(f'article[data-idea="{idea_id}"]')
        expect(card.locator(".card-title")).to_contain_text(HOSTILE_TITLE)
        if path != "/mine":
            expect(card.locator("p.text")).to_have_text(HOSTILE_TEXT)
        assert card.locator("img, script, b").count() == 0, path
        assert page.evaluate("window.__pwned") is None
    assert dialogs == []


def test_the_whole_submission_works_by_keyboard_with_visible_focus(page, live):
    live.classifier.focus_area = "helse-og-livskvalitet"
    page.goto(f"{live.url}/login")
    tab_to(page, 'button[data-role="employee"]')
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live.url}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    tab_to(page, "#text")
    page.keyboard.type("Send innkallinger til foreldresamtaler digitalt.")
    tab_to(page, "#title")
    page.keyboard.type("Digitale innkallinger")
    tab_to(page, "#anonymous")
    page.keyboard.press("Space")
    expect(page.get_by_label("Send anonymt")).to_be_checked()
    tab_to(page, "button.primary")
    outline = page.evaluate("(() => { const s = getComputedStyle(document.activeElement); "
                            "return [s.outlineStyle, s.outlineWidth, s.boxShadow]; })()")
    assert outline[0] == "solid" and outline[1] == "3px" and outline[2] != "none"
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Takk for forslaget!")).to_be_visible()
    expect(page.get_by_text("Forslaget er anonymt")).to_be_visible()


def tab_to(page: Page, selector: str, limit: int = 60) -> None:
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement?.matches(s) ?? false", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} cannot be reached with Tab")


@pytest.mark.parametrize(("who", "paths"), [
    (None, ["/login"]),
    ("employee", ["/", "/mine"]),
    ("Arne Jørstad", ["/triage"]),
    ("Prosjektleder virksomhetsgjennomgang", ["/triage", "/admin", "/admin/org"]),
])
def test_every_field_has_a_label_and_every_text_enough_contrast(page, live, seeded, who, paths):
    if who:
        login_as(page, live, who)
    for path in paths:
        page.goto(f"{live.url}{path}")
        for details in page.locator("details").all()[:6]:
            details.evaluate("d => d.open = true")
        assert page.evaluate(UNLABELLED_FIELDS) == [], path
        assert page.evaluate(LOW_CONTRAST) == [], path
        assert page.locator("h1").count() == 1, path
        assert page.locator("html").get_attribute("lang") == "nb"


def test_english_is_one_click_away(page, live):
    login_as(page, live, "employee")
    page.get_by_role("button", name="In English").click()
    expect(page.get_by_role("heading", name="Send an idea")).to_be_visible()
    expect(page.get_by_label("Your idea")).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("button", name="På norsk").click()
    expect(page.get_by_role("heading", name="Send et forslag")).to_be_visible()
