"""The area package page (/pakke): the commissioner adds, orders, assesses, submits and downloads; the administrator
sees every area's, sends back and records the adoption; another area's commissioner is refused."""

from __future__ import annotations

import re

import pytest

from tests.api.web.conftest import post_form
from tests.api.web.test_pages import act, send

PACKAGE = "/pakke?area=helse-og-livskvalitet&phase=fase-1"
BASE = "/pakke/helse-og-livskvalitet/fase-1"


@pytest.fixture
def ideas(client, login, classifier):
    """Two accepted ideas of helse-og-livskvalitet with estimated savings; Arne Jørstad logged in."""
    classifier.focus_area = "helse-og-livskvalitet"
    login("kari")
    first, _ = send(client, text="Felles vikarpool for hjemmetjenesten")
    second, _ = send(client, text="Digital nattsjekk på sykehjemmet", anonymous="true")
    login("arne-jorstad")
    for idea_id, amount in ((first, "300 000"), (second, "200 000")):
        act(client, idea_id, "status", to="accepted")
        act(client, idea_id, "saving", amount=amount)
    return first, second


def do(client, action, **fields):
    return post_form(client, f"{BASE}/{action}", fields, page=PACKAGE)


def lines(page: str) -> list[int]:
    return [int(n) for n in re.findall(r'data-line="(\d+)"', page)]


def test_the_commissioner_assembles_orders_and_submits(client, ideas):
    first, second = ideas
    page = client.get("/pakke").text  # their own area, the current phase (phase 2 today) by default
    assert 'href="/pakke" aria-current="page"' in page and "Helse og livskvalitet" in page
    page = client.get(PACKAGE).text
    assert f'data-candidate="{first}"' in page and f'data-candidate="{second}"' in page
    for idea_id in (first, second):
        assert do(client, "add", idea_id=str(idea_id)).status_code == 200
    page = client.get(PACKAGE).text
    assert lines(page) == [first, second]
    assert 'data-year-sum="2027">500\u00a0000\u00a0kr' in page
    assert "Kari" not in page  # the package names no submitter

    up = re.search(rf'name="order" value="({second},{first})"', page)
    assert up and do(client, "order", order=up.group(1)).status_code == 200
    assert lines(client.get(PACKAGE).text) == [second, first]
    do(client, "assess", idea_id=str(first), assessment="Kan innføres fra januar.")
    assert "Kan innføres fra januar." in client.get(PACKAGE).text

    done = do(client, "submit")
    assert done.status_code == 200 and 'data-state="submitted"' in done.text and "Pakken er oppdatert." in done.text
    assert "Registrer vedtak" not in done.text  # adoption is the administrators'
    for fmt in ("docx", "pdf", "xlsx"):
        assert f'href="/api/v1/packages/helse-og-livskvalitet/fase-1.{fmt}?lang=nb"' in done.text
        assert client.get(f"/api/v1/packages/helse-og-livskvalitet/fase-1.{fmt}").status_code == 200


def test_the_administrator_sends_back_and_records_the_adoption(client, login, ideas):
    first, _ = ideas
    do(client, "add", idea_id=str(first))
    do(client, "submit")
    login("forslagskassa-admin")
    page = client.get("/pakke").text
    assert 'value="barn-og-unge"' in page and 'value="samfunnsutvikler"' in page  # every area to choose from
    do(client, "send-back", note="Ta med mer fra sykehjemmene.")
    page = client.get(PACKAGE).text
    assert 'data-state="draft"' in page and "Ta med mer fra sykehjemmene." in page
    do(client, "submit")
    refused = do(client, "adopt", adopted_on="10.12.2026", case_reference="PS 45/27")
    assert refused.status_code == 422
    adopted = do(client, "adopt", adopted_on="2026-12-10", case_reference="PS 45/27")
    assert 'data-state="adopted"' in adopted.text and "Vedtatt 10.12.2026 i sak PS 45/27" in adopted.text
    assert "Pakken er vedtatt og kan ikke endres." in adopted.text
    frozen = do(client, "remove", idea_id=str(first))
    assert frozen.status_code == 409
    history = client.get("/triage?show=accepted").text
    assert "Med i budsjettet: tiltakspakken for Fase 1: 5 millioner til budsjettet for 2027 er vedtatt" in history
    # The web submitter reads it in their idea's history; the steps before it are the staff's.
    login("kari")
    mine = client.get(f"/mine/{first}").text
    assert "Med i budsjettet: tiltakspakken for Fase 1" in mine and "Tatt med i tiltakspakken" not in mine


def test_another_areas_commissioner_and_employees_are_refused(client, login, ideas):
    login("kommunalsjef-oppvekst")
    assert client.get(PACKAGE).status_code == 403
    assert do(client, "add", idea_id=str(ideas[0])).status_code == 403
    login("kari")
    assert client.get("/pakke").status_code == 403
    assert 'href="/pakke"' not in client.get("/").text
