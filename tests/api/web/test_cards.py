"""An idea's card on the board as a new reader meets it: one label per fact, the model's confidence only while it
still applies, a long idea folded to its opening."""

import re

from playwright.sync_api import expect

from tests.api.web.conftest import Live, login_as
from tests.api.web.test_focus import new_idea
from tests.api.web.test_pages import act, send

NBSP = "\u00a0"


def card_of(page: str, idea_id: int) -> str:
    found = re.search(rf'<article class="card" id="idea-{idea_id}".*?</article>', page, re.S)
    assert found, f"no card for idea {idea_id}"
    return found[0]


def fact(card: str, name: str) -> str | None:
    found = re.search(rf"<dd data-{name}>(.*?)</dd>", card, re.S)
    return found[1] if found else None


def test_saving_and_submitter_are_each_labelled_once(client, login, classifier):
    classifier.focus_area = "helse-og-livskvalitet"
    login("kari")
    idea_id, _ = send(client, text="Felles vikarpool")
    login("arne-jorstad")
    board = act(client, idea_id, "saving", amount="1 200 000").text
    card = card_of(board, idea_id)
    assert "<dt>Anslått årlig innsparing</dt>" in card and fact(card, "saving") == f"1{NBSP}200{NBSP}000{NBSP}kr"
    assert "<dt>Innsender</dt>" in card and fact(card, "submitter") == "Kari Nordmann"
    assert "Innsparing" not in card and "Fra Kari" not in card


def test_the_models_confidence_shows_only_while_the_idea_is_where_the_model_sent_it(client, login, classifier):
    classifier.focus_area = "helse-og-livskvalitet"
    login("kari")
    idea_id, _ = send(client, text="Felles vikarpool")
    login("forslagskassa-admin")
    assert fact(card_of(client.get("/triage").text, idea_id), "routing") == f"Sikkerhet 90{NBSP}%"
    moved = card_of(act(client, idea_id, "route", focus_area="samfunnsutvikler").text, idea_id)
    assert fact(moved, "routing") == "Flyttet hit av en administrator" and "Sikkerhet" not in moved
    back = card_of(act(client, idea_id, "route", focus_area="helse-og-livskvalitet").text, idea_id)
    assert fact(back, "routing") == f"Sikkerhet 90{NBSP}%"


def test_the_card_names_the_service_the_idea_was_read_as_and_the_api_gives_its_id(client, login, classifier, token):
    classifier.focus_area, classifier.service = "helse-og-livskvalitet", "library"
    login("kari")
    idea_id, _ = send(client, text="Lengre åpningstid på biblioteket")
    login("arne-jorstad")
    card = card_of(client.get("/triage").text, idea_id)
    assert "<dt>Tjeneste</dt>" in card and fact(card, "service") == "Bibliotek"
    found = client.get(f"/api/v1/ideas/{idea_id}", headers=token("admin", "forslagskassa-admin")).json()
    assert found["service"] == "library"


def test_an_idea_read_as_no_service_has_no_service_line(client, login, classifier):
    classifier.focus_area = "helse-og-livskvalitet"
    login("kari")
    idea_id, _ = send(client, text="Felles vikarpool")
    login("arne-jorstad")
    assert fact(card_of(client.get("/triage").text, idea_id), "service") is None


def test_an_idea_routed_by_hand_from_the_triage_queue_says_who_routed_it(client, login, classifier):
    classifier.focus_area = None
    login("kari")
    idea_id, _ = send(client, text="Mer lys i gangene")
    login("forslagskassa-admin")
    assert fact(card_of(client.get("/triage").text, idea_id), "routing") == f"Modellen var usikker (10{NBSP}%)"
    routed = card_of(act(client, idea_id, "route", focus_area="samfunnsutvikler").text, idea_id)
    assert fact(routed, "routing") == "Flyttet hit av en administrator"


def test_a_long_idea_shows_its_opening_and_the_rest_behind_a_disclosure(client, login, classifier):
    classifier.focus_area = "helse-og-livskvalitet"
    login("kari")
    long_text = ("Vi bør samle bestillingen av hjelpemidler i ett system. " * 200)[:10_000]
    short, _ = send(client, text="Kort forslag")
    idea_id, _ = send(client, text=long_text)
    login("arne-jorstad")
    board = client.get("/triage").text
    card = card_of(board, idea_id)
    opening = re.search(r'<p class="text opening">(.*?)</p>', card, re.S)[1]
    assert 300 < len(opening) <= 402 and opening.endswith(" …") and long_text.startswith(opening[:-2])
    assert f"<summary>Vis hele forslaget (10{NBSP}000 tegn)</summary>" in card
    assert f'<details class="whole"><summary>Vis hele forslaget (10{NBSP}000 tegn)</summary><p class="text">' \
           f"{long_text.strip()}</p></details>" in card
    assert "opening" not in card_of(board, short) and "<details class=\"whole\">" not in card_of(board, short)


def test_a_long_idea_folds_on_the_board_and_unfolds_in_place(page, live: Live):
    idea_id = new_idea(live, ("Vi bør samle bestillingen av hjelpemidler i ett system. " * 200)[:10_000])
    login_as(page, live, "Arne Jørstad")
    card = page.locator(f'article[data-idea="{idea_id}"]')
    assert card.bounding_box()["height"] < 800
    card.get_by_text("Vis hele forslaget").click()
    expect(card.locator(".opening")).to_be_hidden()
    expect(card.locator("details.whole p.text")).to_be_visible()
    assert card.bounding_box()["height"] > 2000


def test_an_anonymous_ideas_card_and_history_show_the_day_and_its_submitters_page_the_time(client, login, classifier):
    classifier.focus_area = "helse-og-livskvalitet"
    login("kari")
    named, _ = send(client, text="Felles vikarpool")
    anonymous, _ = send(client, text="Felles bilpool", anonymous="true")
    own = client.get(f"/mine/{anonymous}").text
    login("arne-jorstad")
    board = client.get("/triage").text
    times = {idea: re.findall(r'<span class="muted">([^<]*)</span>|<time datetime="([^"]*)"', card_of(board, idea))
             for idea in (named, anonymous)}
    assert all("kl." in shown or "T" in moment for shown, moment in times[named])
    assert fact(card_of(board, anonymous), "submitter") == "Anonym"
    assert times[anonymous] and all("kl." not in shown and "T" not in moment for shown, moment in times[anonymous])
    assert "kl." in own
