"""Similar ideas while writing on the web form: shared ideas like the text being typed appear under it with
"Støtt dette i stedet" (POST /ideer/lignende, asked by app.js as the person types). Without scripts nothing shows;
the form works the same."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from core.orgconfig import Sharing
from tests.api.web.conftest import Live, login_as, post_form
from tests.api.web.test_move_requests import text_of
from tests.api.web.test_pages import send
from tests.fakes import OverlapClassifier

POOL = "Felles vikarpool for hjemmetjenesten i hele kommunen"
LIKE_POOL = "Vikarpool for hjemmetjenesten i kommunen"


@pytest.fixture
def classifier() -> OverlapClassifier:
    return OverlapClassifier("barn-og-unge")


@pytest.fixture
def sharing(services):
    def set_to(policy: Sharing) -> None:
        services.org = services.org.model_copy(update={"sharing": policy})

    set_to(Sharing.OPT_IN)
    return set_to


def shared_by_arne(client, login, text: str = POOL, **fields: str) -> int:
    """Arne Jørstad sends an idea like any colleague and shares it (anonymously, unless told otherwise)."""
    login("arne-jorstad")
    idea, _ = send(client, text=text, shared="true", **{"anonymous": "true", **fields})
    return idea


def similar(client, text: str):
    return post_form(client, "/ideer/lignende", {"text": text}, page="/")


def test_shared_ideas_like_the_text_come_back_with_support_instead(client, login, sharing, classifier):
    shared = shared_by_arne(client, login)
    private, _ = send(client, text=POOL + " og i helgene")  # Arne again, not shared
    login("kari")

    found = similar(client, LIKE_POOL)

    assert found.status_code == 200
    assert f'data-similar-idea="{shared}"' in found.text and f'data-similar-idea="{private}"' not in found.text
    assert f'formaction="/ideer/{shared}/support"' in found.text and "Støtt dette i stedet" in found.text
    assert "0 støtter" in text_of(found)
    assert "Jørstad" not in found.text and "arne" not in found.text  # anonymous: nobody named
    assert similar(client, "Solcellepanel på taket av rådhuset").text.strip() == ""
    assert similar(client, "").text.strip() == ""


@pytest.mark.parametrize(("policy", "asks"), [(Sharing.OFF, False), (Sharing.OPT_IN, True), (Sharing.ON, True)])
def test_the_form_asks_only_when_ideas_are_shared(client, login, sharing, classifier, policy, asks):
    shared_by_arne(client, login)
    sharing(policy)
    login("kari")
    assert ('data-similar="/ideer/lignende"' in client.get("/").text) is asks
    assert ("data-similar-idea" in similar(client, LIKE_POOL).text) is asks


def test_support_instead_counts_and_says_so_on_a_fresh_form(client, login, sharing, classifier):
    shared = shared_by_arne(client, login)
    login("kari")
    # The button posts the whole form to the support route, with where to come back as its own value.
    done = post_form(client, f"/ideer/{shared}/support", {"text": LIKE_POOL, "next": f"/?supported={shared}"},
                     page="/")
    assert done.status_code == 200 and done.url.path == "/"
    assert f"Du støtter nå forslag {shared}. Ditt eget forslag ble ikke sendt." in text_of(done)
    again = similar(client, LIKE_POOL)
    assert "1 støtter" in text_of(again) and "Du støtter dette forslaget." in again.text
    assert f'formaction="/ideer/{shared}/support"' not in again.text  # supported once is enough


def test_the_question_needs_the_forms_token(client, login, sharing, classifier):
    login("kari")
    assert client.post("/ideer/lignende", data={"text": LIKE_POOL}).status_code == 403


@pytest.fixture(scope="module")
def overlap(live: Live) -> OverlapClassifier:
    """The live server's classifier finds ideas sharing words (it names none by default)."""
    finder = OverlapClassifier("helse-og-livskvalitet")
    finder.remembered = live.classifier.remembered  # the same list: what the server stores is found
    live.classifier.similar = finder.similar  # type: ignore[method-assign]
    live.services.org = live.services.org.model_copy(update={"sharing": Sharing.ON})
    return finder


def test_in_the_browser_similar_ideas_appear_while_typing(page: Page, live: Live, overlap):
    login_as(page, live, "Arne Jørstad")
    page.goto(f"{live.url}/")
    page.get_by_label("Forslaget ditt").fill(POOL)
    page.get_by_role("button", name="Send forslaget").click()
    expect(page.get_by_role("heading", name="Takk for forslaget!")).to_be_visible()
    shared = int(page.locator("[data-idea]").get_attribute("data-idea") or 0)
    page.get_by_role("button", name="Logg ut").click()

    login_as(page, live, "employee")
    page.goto(f"{live.url}/")
    suggestions = page.locator("#similar")
    expect(suggestions).to_be_hidden()
    page.get_by_label("Forslaget ditt").press_sequentially(LIKE_POOL, delay=5)
    expect(suggestions).to_be_visible()
    expect(suggestions.get_by_role("heading", name="Lignende forslag fra kolleger")).to_be_visible()
    expect(page.locator(f'[data-similar-idea="{shared}"]')).to_be_visible()

    page.get_by_role("button", name=re.compile("Støtt dette i stedet")).click()
    expect(page.get_by_text(f"Du støtter nå forslag {shared}.")).to_be_visible()
    expect(page.locator("#similar")).to_be_hidden()
