"""A message that is not an idea, sent with the web form: where it belongs, and the way to send it anyway."""

from __future__ import annotations

import html

import pytest

from classifier import NON_IDEAS
from tests.api.web.conftest import post_form
from tests.steering.stored import tables_holding

MARKER = "Lederen på avdeling 7 trakasserer vikarene (sporbar-markør-41)"


def test_web_form_shows_where_it_belongs_keeps_the_words_and_offers_to_send_anyway(client, login, classifier,
                                                                                   connection):
    login("kari")
    classifier.intent, classifier.focus_area = "varsling", "helse-og-livskvalitet"
    page = post_form(client, "/", {"text": MARKER, "submission": "s1"}, page="/")
    assert page.status_code == 200 and page.url.path == "/"
    assert 'data-intent="varsling"' in page.text and "varslingsrutine" in page.text.lower()
    assert MARKER in page.text  # still in the form, to take elsewhere or to send anyway
    assert 'name="send_anyway" value="true"' in page.text
    assert tables_holding(connection, "sporbar-markør-41") == []
    sent = post_form(client, "/", {"text": "Felles vikarpool", "submission": "s2", "send_anyway": "true"}, page="/")
    assert sent.url.path.startswith("/sent/")


def test_the_dashboard_counts_messages_that_were_not_ideas_per_month_and_intent(client, login, classifier):
    login("kari")
    classifier.intent = "it_support"
    for n in range(2):
        post_form(client, "/", {"text": f"PC-en min starter ikke ({n})", "submission": f"it-{n}"}, page="/")
    login("forslagskassa-admin")
    page = client.get("/admin").text
    assert '<td>IT-hjelp</td><td class="num">2</td>' in page
    assert "PC-en min starter ikke" not in page  # counted, not kept


@pytest.mark.parametrize("intent", NON_IDEAS)
def test_every_kind_of_non_idea_is_shown_where_it_belongs_on_the_web(client, login, classifier, org, connection,
                                                                       intent):
    login("kari")
    classifier.intent = intent
    page = post_form(client, "/", {"text": f"{intent} (sporbar-markør-43)", "submission": f"s-{intent}"}, page="/")
    redirect = org.redirect(intent)
    assert page.status_code == 200 and f'data-intent="{intent}"' in page.text
    assert html.escape(redirect.text.nb, quote=False) in page.text or redirect.text.nb in page.text
    if redirect.link:
        assert f'href="{redirect.link}"' in page.text
    assert tables_holding(connection, "sporbar-markør-43") == []
