"""The pages over HTTP: sending, following, triage actions, friendly refusals and escaping."""

import re

from storage.models import Idea
from tests.api.web.conftest import csrf_of, post_form

HOSTILE_TEXT = "Bra idé <script>alert('xss')</script> & mer"
HOSTILE_TITLE = '"><img src=x onerror=alert(1)>'


def send(client, text="Felles vikarpool for hjemmetjenesten", **fields):
    response = post_form(client, "/", {"text": text, "submission": fields.pop("submission", ""), **fields}, page="/")
    assert response.status_code == 200, response.text
    return int(response.url.path.rsplit("/", 1)[1]), response


def act(client, idea_id, action, page="/triage", **fields):
    return post_form(client, f"/triage/{idea_id}/{action}", fields, page=page)


def test_sending_says_where_the_idea_went_and_links_to_it(client, login, classifier):
    login("kari")
    classifier.focus_area = "helse-og-livskvalitet"
    idea_id, page = send(client, title="Vikarer")
    assert page.url.path == f"/sent/{idea_id}"
    assert "Helse og livskvalitet" in page.text and "Arne Jørstad" in page.text
    assert f'href="/mine/{idea_id}"' in page.text
    mine = client.get(f"/mine/{idea_id}").text
    assert "Vikarer" in mine and "Mottatt" in mine


def test_an_unsure_model_sends_the_idea_to_the_administrators(client, login, classifier):
    login("kari")
    classifier.focus_area = None
    _, page = send(client)
    assert "sendt til administratorene" in page.text


def test_the_same_form_sent_twice_stores_one_idea(client, login, classifier):
    login("kari")
    first, _ = send(client, submission="form-1")
    second, _ = send(client, submission="form-1")
    assert first == second


def test_an_empty_idea_is_refused_in_the_readers_language_and_keeps_the_title(client, login):
    login("kari")
    response = post_form(client, "/", {"text": "   ", "title": "Min tittel"}, page="/")
    assert response.status_code == 422
    assert "Skriv forslaget ditt" in response.text and 'value="Min tittel"' in response.text


def test_my_ideas_are_mine_only(client, login, classifier):
    login("kari")
    kari_idea, _ = send(client, text="Karis forslag")
    # The development login knows one employee; a commissioner sending an idea is its submitter like anyone.
    login("arne-jorstad")
    own, _ = send(client, text="Arnes eget forslag")
    mine = client.get("/mine").text
    assert "Arnes eget forslag" in mine and "Karis forslag" not in mine
    assert client.get(f"/mine/{kari_idea}").status_code == 404
    assert client.get("/mine/999999").status_code == 404
    assert client.get(f"/sent/{kari_idea}").status_code == 404
    assert own != kari_idea


def test_i_withdraw_my_idea_shortly_after_sending_it(client, login, classifier, services):
    login("kari")
    idea_id, _ = send(client, text="Sendt for fort")
    page = client.get(f"/mine/{idea_id}")
    assert "Trekk tilbake" in page.text and "så lenge ingen har begynt å behandle det" in page.text
    done = post_form(client, f"/mine/{idea_id}/withdraw", {}, page=f"/mine/{idea_id}")
    assert done.status_code == 200 and done.url.path == f"/mine/{idea_id}"
    assert "Forslaget er trukket tilbake." in done.text and "Trukket tilbake" in done.text
    assert f'action="/mine/{idea_id}/withdraw"' not in done.text  # nothing left to withdraw
    with services.session_factory() as session:
        assert session.get(Idea, idea_id).status.value == "withdrawn"


def test_once_it_is_being_handled_my_idea_can_no_longer_be_withdrawn(client, login, classifier, services):
    classifier.focus_area = "helse-og-livskvalitet"
    login("kari")
    idea_id, _ = send(client, text="Allerede under behandling")
    login("arne-jorstad")
    act(client, idea_id, "status", to="in_review")
    login("kari")
    page = client.get(f"/mine/{idea_id}")
    assert f'action="/mine/{idea_id}/withdraw"' not in page.text  # no longer offered
    # A page opened before the commissioner acted still has the button: that click is refused, and says why.
    refused = client.post(f"/mine/{idea_id}/withdraw", data={"csrf_token": csrf_of(page)})
    assert refused.status_code == 409
    assert "kan ikke lenger trekkes tilbake" in refused.text and "Til vurdering" in refused.text
    with services.session_factory() as session:
        assert session.get(Idea, idea_id).status.value == "in_review"


def test_i_make_my_idea_anonymous_and_its_handlers_no_longer_see_my_name(client, login, classifier, token):
    classifier.focus_area = "helse-og-livskvalitet"
    login("kari")
    idea_id, _ = send(client, text="Likevel anonymt")
    as_arne = token("commissioner", "arne-jorstad")
    assert client.get(f"/api/v1/ideas/{idea_id}", headers=as_arne).json()["submitter_name"] == "Kari Nordmann"
    done = post_form(client, f"/mine/{idea_id}/anonymous", {}, page=f"/mine/{idea_id}")
    assert "Forslaget er nå anonymt." in done.text and "Gjør anonym" not in done.text
    seen = client.get(f"/api/v1/ideas/{idea_id}", headers=as_arne).json()
    assert (seen["anonymous"], seen["submitter_name"]) == (True, None)


def test_nobody_else_can_withdraw_or_hide_my_idea(client, login, classifier, services):
    login("kari")
    idea_id, _ = send(client, text="Karis forslag")
    login("arne-jorstad")
    for action in ("withdraw", "anonymous"):
        refused = post_form(client, f"/mine/{idea_id}/{action}", {}, page="/mine")
        assert refused.status_code == 404
    with services.session_factory() as session:
        idea = session.get(Idea, idea_id)
        assert (idea.status.value, idea.anonymous) == ("received", False)


def test_decline_with_reason_reaches_the_submitter(client, login, classifier):
    classifier.focus_area = "helse-og-livskvalitet"
    login("kari")
    idea_id, _ = send(client)
    login("arne-jorstad")
    done = act(client, idea_id, "status", to="declined", note="Vi har allerede en vikarpool.")
    assert done.url.path == "/triage" and f"Forslag {idea_id} er avslått" in done.text
    login("kari")
    mine = client.get("/mine").text
    assert "Avslått" in mine and "Vi har allerede en vikarpool." in mine and "Arne Jørstad" in mine


def test_refusals_are_friendly_pages_in_the_readers_language(client, login, classifier):
    classifier.focus_area = "helse-og-livskvalitet"
    login("kari")
    idea_id, _ = send(client)
    page = login("arne-jorstad")
    no_reason = act(client, idea_id, "status", to="declined", note="  ")
    assert no_reason.status_code == 422 and "Skriv en begrunnelse" in no_reason.text
    too_early = act(client, idea_id, "status", to="implemented")
    assert too_early.status_code == 409 and "Forslaget har endret seg" in too_early.text
    assert "Traceback" not in too_early.text
    bad_saving = act(client, idea_id, "saving", amount="mange")
    assert bad_saving.status_code == 422 and "helt antall kroner" in bad_saving.text
    unknown_original = act(client, idea_id, "status", to="duplicate", duplicate_of="999999")
    assert unknown_original.status_code == 404 and "Det finnes ikke noe forslag" in unknown_original.text
    client.post("/lang", data={"csrf_token": csrf_of(page), "lang": "en"})
    english = act(client, idea_id, "status", to="declined", note="")
    assert english.status_code == 422 and "Write a reason" in english.text


def test_another_areas_commissioner_is_told_the_idea_is_not_found_not_that_the_number_is_wrong(client, login,
                                                                                               classifier):
    classifier.focus_area = "helse-og-livskvalitet"
    login("kari")
    earlier, _ = send(client, "Felles vikarordning for helse", submission="earlier")
    idea_id, _ = send(client, submission="later")
    login("kommunalsjef-oppvekst")  # e.g. a tab still open from before the idea was moved to helse
    refused = act(client, idea_id, "status", to="duplicate", duplicate_of=str(earlier))
    assert refused.status_code == 404 and "Fant ikke forslaget." in refused.text
    assert "Det finnes ikke noe forslag med det nummeret" not in refused.text


def test_commissioner_moves_an_idea_through_its_life(client, login, classifier, token):
    classifier.focus_area = "helse-og-livskvalitet"
    login("kari")
    idea_id, _ = send(client)
    login("arne-jorstad")
    assert act(client, idea_id, "status", to="in_review").status_code == 200
    assert act(client, idea_id, "status", to="accepted", note="Vi prøver det.").status_code == 200
    assert act(client, idea_id, "saving", amount="250 000 kr").status_code == 200
    assert act(client, idea_id, "status", to="implemented", page="/triage?show=accepted").status_code == 200
    idea = client.get(f"/api/v1/ideas/{idea_id}", headers=token("admin", "forslagskassa-admin")).json()
    assert (idea["status"], idea["estimated_saving_nok"]) == ("implemented", 250_000)


def test_commissioner_marks_a_duplicate_and_reroutes(client, login, classifier, token):
    classifier.focus_area = "helse-og-livskvalitet"
    login("kari")
    first, _ = send(client, text="Felles vikarpool")
    second, _ = send(client, text="Vikarpool for alle")
    third, _ = send(client, text="Skolebuss")
    login("arne-jorstad")
    assert act(client, second, "status", to="duplicate", duplicate_of=str(first)).status_code == 200
    moved = act(client, third, "route", focus_area="barn-og-unge")
    assert "er sendt til Løten for barn og unge" in moved.text
    assert f'data-idea="{third}"' not in moved.text
    admin = token("admin", "forslagskassa-admin")
    assert client.get(f"/api/v1/ideas/{second}", headers=admin).json()["duplicate_of"] == first
    assert client.get(f"/api/v1/ideas/{third}", headers=admin).json()["focus_area"] == "barn-og-unge"


def test_commissioners_see_only_their_areas_and_administrators_route_the_queue(client, login, classifier):
    classifier.focus_area = "barn-og-unge"
    login("kari")
    oppvekst, _ = send(client, text="Oppvekst")
    classifier.focus_area = None
    unsure, _ = send(client, text="Uklart forslag")
    board = login("arne-jorstad").text
    assert f'data-idea="{oppvekst}"' not in board and f'data-idea="{unsure}"' not in board
    assert client.post(f"/triage/{unsure}/route", data={"csrf_token": csrf_of(client.get("/triage")),
                                                        "focus_area": "helse-og-livskvalitet"}).status_code == 404
    admin = login("forslagskassa-admin")
    board = client.get("/triage").text
    queue = board[board.index('id="queue-title"'):board.index('id="board-title"')]
    assert f'data-idea="{unsure}"' in queue and f'data-idea="{oppvekst}"' not in queue
    assert admin.status_code == 200
    routed = act(client, unsure, "route", focus_area="helse-og-livskvalitet")
    assert "er sendt til Helse og livskvalitet" in routed.text
    assert f'data-idea="{unsure}"' in login("arne-jorstad").text


def test_user_text_is_escaped_on_every_page(client, login, classifier):
    classifier.focus_area = "helse-og-livskvalitet"
    login("kari")
    idea_id, sent = send(client, text=HOSTILE_TEXT, title=HOSTILE_TITLE)
    pages = [sent, client.get("/mine"), client.get(f"/mine/{idea_id}")]
    login("arne-jorstad")
    act(client, idea_id, "status", to="declined", note="</blockquote><script>alert(2)</script>")
    pages.append(client.get("/triage?show=all"))
    login("forslagskassa-admin")
    pages += [client.get("/admin"), client.get("/triage?show=all")]
    for page in pages:
        assert page.status_code == 200
        body = page.text
        assert "<script>alert" not in body and "<img src=x" not in body, page.url
        assert "<script" not in body.replace('<script src="/static/app.js" defer></script>', ""), page.url
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt; &amp; mer" in pages[2].text
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in pages[2].text


def test_pages_forbid_inline_scripts_and_framing(client, login):
    headers = login("kari").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_anonymous_ideas_never_show_the_submitter(client, login, classifier):
    classifier.focus_area = "helse-og-livskvalitet"
    login("kari")
    open_id, _ = send(client, text="Med navn")
    hidden_id, sent = send(client, text="Uten navn", anonymous="true")
    assert "anonymt" in sent.text
    for person in ("arne-jorstad", "forslagskassa-admin"):
        login(person)
        board = client.get("/triage").text
        cards = dict(re.findall(r'data-idea="(\d+)"(.*?)</article>', board, re.S))
        assert "Kari Nordmann" in cards[str(open_id)]
        assert "Kari Nordmann" not in cards[str(hidden_id)] and "Anonym" in cards[str(hidden_id)]


def test_similar_ideas_show_their_heading_only_to_those_who_may_see_them(client, login, classifier, services):
    login("kari")
    classifier.focus_area = "barn-og-unge"
    hidden, _ = send(client, text="Felles vikarer i barnehagene")
    classifier.focus_area = "helse-og-livskvalitet"
    visible, _ = send(client, text="Felles vikarer i hjemmetjenesten")
    new, _ = send(client, text="Vikarpool for alle")
    with services.session_factory() as session:
        session.get(Idea, new).similar = [{"idea_id": visible, "score": 0.81}, {"idea_id": hidden, "score": 0.74}]
        session.commit()
    login("arne-jorstad")
    card = re.search(rf'data-idea="{new}"(.*?)</article>', client.get("/triage").text, re.S).group(1)
    assert re.search(rf'data-similar="{visible}">Forslag {visible}: Felles vikarer i hjemmetjenesten', card)
    assert f"forslag {hidden} (i et annet område)" in card and "barnehagene" not in card


def test_the_triage_card_shows_the_model_scores_as_whole_percentages_like_the_chats(client, login, classifier,
                                                                                        services):
    login("kari")
    classifier.focus_area, classifier.confidence = "helse-og-livskvalitet", 0.873
    earlier, _ = send(client, text="Felles vikarer i hjemmetjenesten")
    new, _ = send(client, text="Vikarpool for alle")
    with services.session_factory() as session:
        session.get(Idea, new).similar = [{"idea_id": earlier, "score": 0.8049}]
        session.commit()
    login("arne-jorstad")
    card = re.search(rf'data-idea="{new}"(.*?)</article>', client.get("/triage").text, re.S).group(1)
    assert "Sikkerhet 87\u00a0%" in card and "(80\u00a0%)" in card


def test_a_form_sent_again_with_another_text_is_refused_and_keeps_the_text(client, login, classifier):
    login("kari")
    classifier.focus_area = "helse-og-livskvalitet"
    send(client, text="Felles vikarpool", submission="skjema-1")
    refused = post_form(client, "/", {"text": "Noe helt annet", "submission": "skjema-1"}, page="/")
    assert refused.status_code == 422 and "allerede sendt med en annen tekst" in refused.text
    assert "Noe helt annet" in refused.text
    assert client.get("/mine").text.count('class="card"') == 1
