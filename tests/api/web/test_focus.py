"""Where the keyboard focus goes after the server answers a form (WCAG 3.3.1, 4.1.2, 2.4.3): a refused field is
marked invalid, described by the message and focused; a triage card's confirmation or refusal is shown on the card
and focused, so nobody has to hunt 400 px up the page for what happened.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from core import intake, lifecycle
from storage.models import Channel, Status
from storage.queries import get_idea
from tests.api.web.conftest import Live, login_as
from tests.api.web.test_accessibility import AXE_OPTIONS
from tests.people import HELSE

ARNE = "Arne Jørstad"
IN_VIEW = "e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }"


def new_idea(live: Live, text: str) -> int:
    """An employee's idea in Arne Jørstad's area, sent like the web form sends it."""
    live.classifier.focus_area = "helse-og-livskvalitet"
    with live.services.session_factory() as session:
        submitter = intake.SubmitterRef(channel=Channel.WEB, external_id="kari", display_name="Kari Nordmann")
        draft = intake.Draft(text=text, title=None, submitter=submitter, channel=Channel.WEB)
        idea = intake.submit(session=session, draft=draft, classifier=live.classifier, org=live.services.org)
        session.commit()
        return idea.id


def no_axe_violations(page: Page) -> None:
    assert Axe().run(page, options=AXE_OPTIONS).response["violations"] == []


@pytest.mark.parametrize(("field", "other", "value"), [("text", "title", "   "), ("title", "text", "Tittel\u0007")])
def test_a_refused_field_on_the_submit_form_is_marked_described_and_focused(page, live, field, other, value):
    login_as(page, live, "employee")
    page.locator(f"#{other}").fill("Delt el-bil mellom hjemmetjenesten og miljøtjenesten")
    page.locator(f"#{field}").fill(value)
    page.get_by_role("button", name="Send forslaget").click()
    refused = page.locator(f"#{field}")
    expect(refused).to_be_focused()
    expect(refused).to_have_attribute("aria-invalid", "true")
    described = (refused.get_attribute("aria-describedby") or "").split()
    assert "form-error" in described
    expect(page.locator("#form-error")).to_contain_text("Skriv forslaget ditt" if field == "text" else "kontrolltegn")
    expect(page.locator(f"#{other}")).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator(f"#{other}")).to_have_value("Delt el-bil mellom hjemmetjenesten og miljøtjenesten")
    no_axe_violations(page)


def test_the_confirmation_of_a_triage_action_is_on_the_card_and_focused(page, live):
    first = new_idea(live, "Felles innkjøp av inkontinensprodukter for alle sykehjem.")
    others = [new_idea(live, f"Forslag nummer {n} om bedre turnusplanlegging i hjemmetjenesten.") for n in range(6)]
    login_as(page, live, ARNE)
    card = page.locator(f'article[data-idea="{others[-1]}"]')
    card.get_by_text(f"Behandle forslag {others[-1]}").click()
    card.get_by_role("button", name="Ta til vurdering").click()
    notice = page.locator(f'article[data-idea="{others[-1]}"] [role="status"]')
    expect(notice).to_have_text(f"Forslag {others[-1]} er tatt til vurdering.")
    expect(notice).to_be_focused()
    assert notice.evaluate(IN_VIEW)
    assert page.locator('main > [role="status"]').count() == 0
    assert page.locator(f'article[data-idea="{first}"] [role="status"]').count() == 0
    no_axe_violations(page)


def test_a_confirmation_whose_card_left_the_board_is_at_the_top_and_focused(page, live):
    idea_id = new_idea(live, "Nattevakter kan dele bil mellom to soner.")
    login_as(page, live, ARNE)
    card = page.locator(f'article[data-idea="{idea_id}"]')
    card.get_by_text(f"Behandle forslag {idea_id}").click()
    card.get_by_label("Begrunnelse (innsenderen ser den)").fill("Bilene trengs i begge soner samtidig.")
    card.get_by_role("button", name="Avslå").click()
    notice = page.locator('main > [role="status"]')
    expect(notice).to_contain_text(f"Forslag {idea_id} er avslått")
    expect(notice).to_be_focused()


@pytest.mark.parametrize(("form", "typed", "message"), [
    ("saving", "tolv tusen", "Skriv et helt antall kroner"),
    ("duplicate", "99999", "Det finnes ikke noe forslag med det nummeret"),
])
def test_a_refused_triage_field_is_marked_described_focused_and_keeps_what_was_typed(page, live, form, typed,
                                                                                      message):
    idea_id = new_idea(live, "Digitale vaktlister for hele helse og omsorg.")
    login_as(page, live, ARNE)
    card = page.locator(f'article[data-idea="{idea_id}"]')
    card.get_by_text(f"Behandle forslag {idea_id}").click()
    card.locator(f"#{form}-{idea_id}").fill(typed)
    card.get_by_role("button", name="Lagre anslaget" if form == "saving" else "Merk som duplikat").click()
    field = page.locator(f"#{form}-{idea_id}")
    expect(field).to_be_focused()
    expect(field).to_have_value(typed)
    expect(field).to_have_attribute("aria-invalid", "true")
    assert f"message-{idea_id}" in (field.get_attribute("aria-describedby") or "").split()
    expect(page.locator(f"#message-{idea_id}")).to_contain_text(message)
    assert page.locator(f'article[data-idea="{idea_id}"] [role="alert"]').count() == 1
    no_axe_violations(page)


def test_a_refusal_no_field_can_carry_is_on_the_card_and_focused(page, live):
    idea_id = new_idea(live, "Felles kalender for alle rehabiliteringsteam.")
    login_as(page, live, ARNE)
    page.goto(f"{live.url}/triage?show=all")
    card = page.locator(f'article[data-idea="{idea_id}"]')
    card.get_by_text(f"Behandle forslag {idea_id}").click()
    with live.services.session_factory() as session:  # someone else declines it while the board is open
        lifecycle.transition(session=session, idea=get_idea(session, idea_id), to=Status.DECLINED, actor=HELSE,
                             org=live.services.org, note="Finnes allerede.")
        session.commit()
    card.get_by_role("button", name="Ta til vurdering").click()
    alert = page.locator(f'article[data-idea="{idea_id}"] [role="alert"]')
    expect(alert).to_contain_text("Forslaget har endret seg")
    expect(alert).to_be_focused()
    assert page.locator("[aria-invalid]").count() == 0
