"""The saving for the budget on the triage card: planned in a form (one-off cost, effect year, an amount of its own
for a year, a gain beyond money), the realised saving once implemented, refusals at the field in the reader's
language with everything typed kept, and each change in the card's history."""

import re

import pytest

from tests.api.web.conftest import csrf_of
from tests.api.web.test_pages import act, send


@pytest.fixture
def idea_id(client, login, classifier):
    classifier.focus_area = "helse-og-livskvalitet"
    login("kari")
    sent, _ = send(client)
    login("arne-jorstad")
    return sent


def card(page: str, idea_id: int) -> str:
    start = page.index(f'id="idea-{idea_id}"')
    return page[start:page.index("</article>", start)]


def years_on(page: str, idea_id: int) -> list[int]:
    form = card(page, idea_id)
    return [int(y) for y in re.findall(r'name="years" value="(\d+)"', form)]


def test_the_commissioner_plans_the_saving_and_the_card_shows_it_per_year(client, idea_id, token):
    assert act(client, idea_id, "saving", amount="400 000").status_code == 200
    done = act(client, idea_id, "saving-plan", one_off_cost_nok="150 000", effect_year="", qualitative="true",
               qualitative_text="Roligere morgener for de ansatte")
    assert done.status_code == 200 and "Budsjettallene for forslag" in done.text
    years = years_on(done.text, idea_id)
    assert len(years) >= 4  # the phase's budget years, four at least
    first = years[0]

    done = act(client, idea_id, "saving-plan", one_off_cost_nok="150000", effect_year=str(first),
               years=[str(y) for y in years], amounts=["200 000", *[""] * (len(years) - 1)], qualitative="true",
               qualitative_text="Roligere morgener for de ansatte")
    shown = card(done.text, idea_id)
    assert 'data-one-off="150000">150\u00a0000\u00a0kr</dd>' in shown
    assert f'<span data-year="{first}" data-amount="200000">{first}: 200\u00a0000\u00a0kr</span>' in shown
    assert f'<span data-year="{first + 1}" data-amount="400000">' in shown
    assert "data-qualitative>Roligere morgener for de ansatte</dd>" in shown
    assert f"Virkning i {first} satt til 200\u00a0000\u00a0kr" in shown and "Engangskostnad satt til 150" in shown
    assert f"Beløp i {first + 1} (tomt: 400\u00a0000\u00a0kr)" in shown
    idea = client.get(f"/api/v1/ideas/{idea_id}", headers=token("admin", "forslagskassa-admin")).json()
    assert (idea["effect_year"], idea["effect_amounts"], idea["qualitative"]) == (
        first, {str(first): 200_000}, True)

    # Unticked, the gain beyond money is taken away.
    act(client, idea_id, "saving-plan", one_off_cost_nok="150000", effect_year=str(first),
        years=[str(y) for y in years], amounts=["200000", *[""] * (len(years) - 1)], qualitative_text="x")
    assert "Gevinst utover kroner tatt bort" in client.get("/triage").text


@pytest.mark.parametrize(("lang", "message"), [("nb", "Sjekk tallene"), ("en", "Check the figures")])
def test_a_bad_figure_is_refused_at_its_field_and_everything_typed_is_kept(client, idea_id, lang, message):
    client.post("/lang", data={"csrf_token": csrf_of(client.get("/triage")), "lang": lang})
    refused = act(client, idea_id, "saving-plan", one_off_cost_nok="150 000", effect_year="neste år",
                  qualitative="true", qualitative_text="Bedre kvalitet")
    assert refused.status_code == 422 and message in refused.text
    shown = card(refused.text, idea_id)
    assert re.search(r'name="effect_year" value="neste år" aria-describedby="[^"]+" aria-invalid="true"', shown)
    assert 'name="one_off_cost_nok" value="150 000"' in shown and ">Bedre kvalitet</textarea>" in shown


def test_the_realised_saving_is_offered_once_the_idea_is_implemented(client, idea_id):
    assert "data-realised-form" not in card(client.get("/triage").text, idea_id)
    refused = act(client, idea_id, "realised", amount_nok="300000")
    assert refused.status_code == 409 and "Realisert innsparing føres når forslaget er gjennomført" in refused.text

    for to in ("accepted", "implemented"):
        act(client, idea_id, "status", to=to)
    page = client.get("/triage?show=all").text
    assert "data-realised-form" in card(page, idea_id)
    done = act(client, idea_id, "realised", page="/triage?show=all", amount_nok="300 000", back="show=all")
    shown = card(done.text, idea_id)
    assert 'data-realised="300000">300\u00a0000\u00a0kr (målt' in shown
    assert "Realisert innsparing: 300\u00a0000\u00a0kr, målt" in shown

    refused = act(client, idea_id, "realised", page="/triage?show=all", amount_nok="1", realised_on="2099-01-01",
                  back="show=all")
    assert refused.status_code == 422 and "en dag fra forslaget kom inn til i dag" in refused.text
    assert 'value="2099-01-01" aria-describedby' in card(refused.text, idea_id)


def test_the_submitter_sees_what_their_idea_saved_but_not_the_staffs_working_figures(client, idea_id, login):
    act(client, idea_id, "saving-plan", one_off_cost_nok="150000")
    for to in ("accepted", "implemented"):
        act(client, idea_id, "status", to=to)
    act(client, idea_id, "realised", page="/triage?show=all", amount_nok="300000", back="show=all")
    login("kari")
    mine = client.get(f"/mine/{idea_id}").text
    assert "Realisert innsparing: 300\u00a0000\u00a0kr, målt" in mine and "Engangskostnad" not in mine


def test_another_areas_commissioner_cannot_plan_it(client, idea_id, login):
    login("kommunalsjef-oppvekst")
    assert act(client, idea_id, "saving-plan", one_off_cost_nok="1").status_code == 404
