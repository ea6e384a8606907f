"""The accessibility statement: open to everyone, linked from every page's footer, in both languages, with the
parts Uu-tilsynet asks for: scope, standard and status, how it was tested, what is not right, how to report a
barrier, the right to complain, and its date."""

import re

import pytest

from tests.api.web.conftest import post_form

FOOTER_LINK = re.compile(r'<footer class="foot">.*<a href="/tilgjengelighet"[^>]*>Tilgjengelighetserklæring</a>', re.S)


def test_the_statement_is_open_without_logging_in_and_has_every_part(client, org):
    page = client.get("/tilgjengelighet")
    assert page.status_code == 200 and '<html lang="nb">' in page.text
    text = page.text
    for heading in ("Tilgjengelighetserklæring for Forslagskassa", "Hva erklæringen gjelder", "Krav og status",
                    "Slik er sidene testet", "Dette er ikke i orden", "Meld fra om en barriere", "Klage"):
        assert f">{heading}</h" in text, heading
    assert "WCAG 2.1 nivå A og AA" in text and "delvis i samsvar" in text
    assert "axe-core" in text and "320 piksler" in text and "tastatur" in text
    assert "vises av Slack og Teams" in text
    for admin in org.administrators:
        assert f'<a href="mailto:{admin.email}">{admin.email}</a>' in text
    assert 'href="https://www.uutilsynet.no/"' in text and "Tilsynet for universell utforming av IKT" in text
    assert '<time datetime="2026-12-04">Erklæringen er skrevet 04.12.2026' in text


def test_the_statement_in_english(client):
    post_form(client, "/lang", {"lang": "en", "next": "/tilgjengelighet"})
    text = client.get("/tilgjengelighet").text
    assert '<html lang="en">' in text and "Accessibility statement for Forslagskassa" in text
    assert "partly conformant" in text and "Report a barrier" in text and "2026-12-04" in text


def test_a_login_shorter_than_20_hours_is_named_as_a_timing_gap(client, services):
    assert services.settings.token_ttl_hours == 12
    assert "Innloggingen varer i 12 timer" in client.get("/tilgjengelighet").text
    services.settings.token_ttl_hours = 24
    assert 'data-gap="session"' not in client.get("/tilgjengelighet").text


@pytest.mark.parametrize(("who", "path", "status"), [(None, "/login", 200), ("kari", "/", 200),
                                                     ("kari", "/mine/999999", 404),
                                                     ("forslagskassa-admin", "/admin", 200),
                                                     ("arne-jorstad", "/admin", 403)])
def test_every_page_links_to_the_statement_in_its_footer(client, login, who, path, status):
    if who:
        login(who)
    page = client.get(path)
    assert page.status_code == status and FOOTER_LINK.search(page.text)
