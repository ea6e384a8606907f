"""The board of shared ideas on the web (/ideer), "Del med kolleger" on the submit form, and support by button.
The development login has one employee (kari); a commissioner reads the board of another area's ideas as any
colleague would."""

from __future__ import annotations

import pytest

from core.orgconfig import Sharing
from tests.api.web.conftest import post_form
from tests.api.web.test_move_requests import card_of, text_of
from tests.api.web.test_pages import act, send


@pytest.fixture
def sharing(services):
    def set_to(policy: Sharing) -> None:
        services.org = services.org.model_copy(update={"sharing": policy})

    set_to(Sharing.OPT_IN)
    return set_to


@pytest.mark.parametrize(("policy", "box", "link"), [(Sharing.OFF, False, False), (Sharing.OPT_IN, True, True),
                                                      (Sharing.ON, False, True)])
def test_the_form_offers_the_choice_only_under_opt_in(client, login, sharing, policy, box, link):
    sharing(policy)
    login("kari")
    form = client.get("/").text
    assert ('name="shared"' in form) is box
    assert ('href="/ideer"' in form) is link
    assert ("data-shared-always" in form) is (policy is Sharing.ON)


def test_a_shared_anonymous_idea_is_on_the_board_without_a_name_and_takes_support(client, login, sharing,
                                                                                  classifier):
    classifier.focus_area = "barn-og-unge"
    login("kari")
    hidden, _ = send(client, text="Anonym idé om felles kantine", anonymous="true", shared="true")
    private, _ = send(client, text="Privat idé som ikke deles")
    mine = client.get("/ideer")
    assert "Dette er ditt forslag." in card_of(mine, hidden) and f"/ideer/{hidden}/support" not in mine.text

    login("arne-jorstad")  # a colleague like any other here: the idea is not in his area
    board = client.get("/ideer")
    assert board.status_code == 200
    card = card_of(board, hidden)
    assert "Anonym idé om felles kantine" in card and "0 støtter" in text_of(board)
    assert f'id="idea-{private}"' not in board.text
    assert "Kari" not in card and "kari" not in card

    done = post_form(client, f"/ideer/{hidden}/support", {"next": "/ideer?sort=most_supported"}, page="/ideer")
    assert done.status_code == 200 and done.url.path == "/ideer" and "sort=most_supported" in str(done.url)
    card = card_of(done, hidden)
    assert "1 støtter" in text_of(done) and "Du støtter dette forslaget." in card
    assert f"/ideer/{hidden}/take-back" in card
    assert "Jørstad" not in card and "arne" not in card  # no supporter named

    taken = post_form(client, f"/ideer/{hidden}/take-back", {"next": "/ideer"}, page="/ideer")
    assert "0 støtter" in text_of(taken) and f"/ideer/{hidden}/support" in taken.text


def test_the_board_filters_searches_and_shows_the_answer(client, login, sharing, classifier):
    sharing(Sharing.ON)
    classifier.focus_area = "barn-og-unge"
    login("kari")
    vikar, _ = send(client, text="Vikarpool for barnehagene")
    kantine, _ = send(client, text="Felles kantine på rådhuset")
    login("kommunalsjef-oppvekst")
    act(client, vikar, "status", to="in_review", note="Vi utreder dette nå.")
    login("arne-jorstad")
    found = client.get("/ideer", params={"q": "kantine"})
    assert f'id="idea-{kantine}"' in found.text and f'id="idea-{vikar}"' not in found.text
    answered = client.get("/ideer", params={"status": "in_review", "area": "barn-og-unge"})
    assert "Vi utreder dette nå." in card_of(answered, vikar) and f'id="idea-{kantine}"' not in answered.text
    english = client.get("/ideer", headers={"Accept-Language": "en"})
    assert english.status_code == 200


def test_support_is_refused_on_my_own_idea_in_my_language(client, login, sharing, classifier):
    classifier.focus_area = "barn-og-unge"
    login("kari")
    idea, _ = send(client, shared="true")
    refused = post_form(client, f"/ideer/{idea}/support", {}, page="/ideer")
    assert refused.status_code == 403 and "Du kan ikke støtte ditt eget forslag." in refused.text


def test_with_sharing_off_the_board_says_so(client, login, sharing):
    sharing(Sharing.OFF)
    login("kari")
    page = client.get("/ideer")
    assert page.status_code == 200 and "data-sharing-off" in page.text


def test_the_commissioner_shares_an_idea_from_triage_and_sees_its_support(client, login, sharing, classifier):
    classifier.focus_area = "barn-og-unge"
    login("kari")
    idea, _ = send(client, text="Felles vikarpool for barnehagene")
    login("kommunalsjef-oppvekst")
    card = card_of(client.get("/triage"), idea)
    assert "data-share" in card and "data-supports" not in card
    done = act(client, idea, "share", shared="true")
    assert "Forslag" in text_of(done) and "er delt med kolleger." in text_of(done)
    login("arne-jorstad")
    post_form(client, f"/ideer/{idea}/support", {"next": "/ideer"}, page="/ideer")
    login("kommunalsjef-oppvekst")
    card = card_of(client.get("/triage"), idea)
    assert 'data-supports="1"' in card and "Slutt å dele med kolleger" in card
    assert "Jørstad" not in card  # the count, never who
