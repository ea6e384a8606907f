""""Feil område?" on the pages: I ask on my idea's page and am told who decides; the commissioner sees the request on
the idea's card and moves it there or keeps it, and I see the answer in the history."""

import html
import re

from sqlalchemy import select

from storage.models import Correction, Idea
from tests.api.web.conftest import post_form
from tests.api.web.test_pages import act, send

ASKED = "Innsenderen ber om å flytte til Løten for barn og unge."


def text_of(response) -> str:
    """The page's words, without markup."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.text)).split())


def card_of(board, idea_id: int) -> str:
    start = board.text.index(f'id="idea-{idea_id}"')
    end = board.text.find('<article class="card"', start)
    return board.text[start:end if end > 0 else None]


def asked(client, login, classifier, *, anonymous: bool = False) -> int:
    """Kari sends an idea to helse-og-livskvalitet and asks, with a reason, to move it to barn-og-unge."""
    classifier.focus_area = "helse-og-livskvalitet"
    login("kari")
    idea_id, _ = send(client, text="Felles skolehelsetjeneste", **({"anonymous": "on"} if anonymous else {}))
    done = post_form(client, f"/mine/{idea_id}/move", {"focus_area": "barn-og-unge", "note": "Det gjelder skolene."},
                     page=f"/mine/{idea_id}")
    assert done.status_code == 200 and done.url.path == f"/mine/{idea_id}", done.text
    return idea_id


def test_i_ask_to_move_my_idea_and_am_told_who_decides(client, login, classifier, services):
    classifier.focus_area = "helse-og-livskvalitet"
    login("kari")
    idea_id, _ = send(client, text="Felles skolehelsetjeneste")
    page = client.get(f"/mine/{idea_id}")
    assert "Feil område?" in page.text and f'action="/mine/{idea_id}/move"' in page.text
    assert '<option value="helse-og-livskvalitet"' not in page.text  # where it is already

    done = post_form(client, f"/mine/{idea_id}/move", {"focus_area": "barn-og-unge", "note": "Det gjelder skolene."},
                     page=f"/mine/{idea_id}")

    words = text_of(done)
    assert "Forespørselen om å flytte forslaget er sendt." in words
    assert ("Du har bedt om å flytte forslaget til Løten for barn og unge. Arne Jørstad (Kommunalsjef helse og "
            "velferd) avgjør det, og svaret ser du her.") in words
    assert "Innsenderen ba om å flytte forslaget til Løten for barn og unge" in words
    assert "Det gjelder skolene." in words
    with services.session_factory() as session:
        assert session.get(Idea, idea_id).focus_area == "helse-og-livskvalitet"


def test_the_commissioner_keeps_the_idea_and_i_see_why(client, login, classifier, services):
    idea_id = asked(client, login, classifier)
    login("arne-jorstad")
    card = card_of(client.get("/triage"), idea_id)
    assert ASKED in card and "Det gjelder skolene." in card
    assert "Flytt til Løten for barn og unge" in card and "Behold i Helse og livskvalitet" in card

    done = act(client, idea_id, "keep", note="Helse eier skolehelsetjenesten.")

    assert f"Forslag {idea_id} blir der det er, og innsenderen får svar." in text_of(done)
    assert ASKED not in card_of(done, idea_id)
    login("kari")
    mine = text_of(client.get(f"/mine/{idea_id}"))
    assert "Blir i Helse og livskvalitet, flyttes ikke til Løten for barn og unge" in mine
    assert "Helse eier skolehelsetjenesten." in mine and "Du har bedt om" not in mine
    with services.session_factory() as session:
        assert session.scalars(select(Correction)).all() == []


def test_the_commissioner_moves_the_idea_where_i_asked(client, login, classifier, services):
    idea_id = asked(client, login, classifier)
    login("arne-jorstad")

    done = act(client, idea_id, "route", focus_area="barn-og-unge")

    assert f"Forslag {idea_id} er sendt til Løten for barn og unge." in text_of(done)
    login("kari")
    assert "Sendt videre til Løten for barn og unge" in text_of(client.get(f"/mine/{idea_id}"))
    with services.session_factory() as session:
        [correction] = session.scalars(select(Correction)).all()
        assert (correction.focus_area, correction.actor) == ("barn-og-unge", "commissioner:arne-jorstad")


def test_keeping_when_nobody_asked_is_refused_on_the_card(client, login, classifier):
    classifier.focus_area = "helse-og-livskvalitet"
    login("kari")
    idea_id, _ = send(client)
    login("arne-jorstad")
    refused = act(client, idea_id, "keep")
    assert refused.status_code == 409 and "Ingen ber om å flytte forslaget lenger" in text_of(refused)


def test_the_request_of_an_anonymous_idea_does_not_show_the_submitter(client, login, classifier):
    idea_id = asked(client, login, classifier, anonymous=True)
    login("arne-jorstad")
    card = card_of(client.get("/triage"), idea_id)
    assert ASKED in card and "Anonym" in card and "Kari" not in card
