"""An idea's discussion on the web (/ideer/{id}): comments signed by voice, the official answer standing out,
report and hide buttons, a refused comment kept in the form, following, and the notification setting (/varsler).
The development login has one employee (kari); commissioners of other areas comment as colleagues."""

from __future__ import annotations

import pytest

from core.orgconfig import Sharing
from tests.api.web.conftest import post_form
from tests.api.web.test_move_requests import text_of
from tests.api.web.test_pages import send


@pytest.fixture
def shared_idea(client, login, services, classifier):
    services.org = services.org.model_copy(update={"sharing": Sharing.ON})
    classifier.focus_area = "barn-og-unge"
    login("kari")
    idea, _ = send(client, text="Anonym idé om felles vikarpool", anonymous="true")
    return idea


def comment(client, idea: int, text: str):
    return post_form(client, f"/ideer/{idea}/comments", {"text": text}, page=f"/ideer/{idea}")


def test_the_discussion_signs_each_voice_and_the_official_answer_stands_out(client, login, shared_idea):
    answered = comment(client, shared_idea, "Jeg svarer gjerne på spørsmål.")
    assert answered.status_code == 200 and "Kommentaren er lagt ut." in answered.text
    assert "som «innsender», uten navnet ditt" in answered.text
    login("arne-jorstad")  # another area's commissioner: a colleague here
    comment(client, shared_idea, "Kan helse være med?")
    login("kommunalsjef-oppvekst")
    page = comment(client, shared_idea, "Vi prøver dette fra januar.")
    assert 'data-official="' in page.text and "Offisielt svar – Kommunalsjef oppvekst" in text_of(page)
    assert page.text.count('data-voice="handler"') == 1
    innsender = page.text.split('data-voice="submitter"')[1].split("</article>")[0]
    assert "Innsender" in innsender and "Jeg svarer gjerne" in innsender
    assert "Arne Jørstad" in page.text.split('data-voice="colleague"')[1].split("</article>")[0]
    assert "Kari" not in page.text and "kari" not in page.text.lower().replace("karié", "")


def test_a_refused_comment_comes_back_in_the_form(client, login, shared_idea):
    refused = comment(client, shared_idea, "Skjult\x00tegn")
    assert refused.status_code == 422
    assert "Kommentaren inneholder tegn som ikke kan lagres" in refused.text and 'aria-invalid="true"' in refused.text
    assert ">Skjult\x00tegn</textarea>" in refused.text  # kept as typed, to be mended and sent again
    empty = comment(client, shared_idea, "   ")
    assert empty.status_code == 422 and "Kommentaren kan ikke brukes" in empty.text


def test_report_and_hide_buttons(client, login, shared_idea):
    login("arne-jorstad")
    comment(client, shared_idea, "Et utidig innlegg")
    login("kommunalsjef-oppvekst")
    page = client.get(f"/ideer/{shared_idea}")
    comment_id = int(page.text.split('data-comment="')[1].split('"')[0])
    assert f"/comments/{comment_id}/hide" not in page.text  # only administrators hide
    reported = post_form(client, f"/ideer/{shared_idea}/comments/{comment_id}/report", {}, page=f"/ideer/{shared_idea}")
    assert "Kommentaren er rapportert" in reported.text and "Du har rapportert kommentaren." in reported.text
    login("forslagskassa-admin")
    hidden = post_form(client, f"/ideer/{shared_idea}/comments/{comment_id}/hide", {"hidden": "true"},
                       page=f"/ideer/{shared_idea}")
    assert "Skjult for andre" in hidden.text and "Et utidig innlegg" in hidden.text
    login("kari")
    assert "Kommentaren er skjult av moderator." in text_of(client.get(f"/ideer/{shared_idea}"))
    assert "Et utidig innlegg" not in client.get(f"/ideer/{shared_idea}").text


def test_follow_and_the_notification_setting(client, login, shared_idea):
    login("arne-jorstad")
    page = client.get(f"/ideer/{shared_idea}")
    assert 'data-following="false"' in page.text
    followed = post_form(client, f"/ideer/{shared_idea}/follow", {"on": "true"}, page=f"/ideer/{shared_idea}")
    assert 'data-following="true"' in followed.text
    settings = client.get("/varsler")
    assert f"/ideer/{shared_idea}" in settings.text and 'value="immediate" checked' in settings.text
    saved = post_form(client, "/varsler", {"digest": "weekly"}, page="/varsler")
    assert "Lagret: Samlet mandag morgen." in saved.text and 'value="weekly" checked' in saved.text
    bad = post_form(client, "/varsler", {"digest": "hourly"}, page="/varsler")
    assert bad.status_code == 422
    post_form(client, f"/ideer/{shared_idea}/follow", {"on": "false"}, page=f"/ideer/{shared_idea}")
    assert f"/ideer/{shared_idea}" not in client.get("/varsler").text


def test_no_discussion_when_sharing_is_off(client, login, services, classifier):
    login("kari")
    idea, _ = send(client, text="Et privat forslag")
    assert client.get(f"/ideer/{idea}").status_code == 404
    assert comment(client, idea, "Hei").status_code == 404
    assert f'href="/mine/{idea}"' in client.get("/varsler").text  # her own idea, followed, on her own page
