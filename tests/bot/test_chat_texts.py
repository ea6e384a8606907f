"""Slack and Teams show an idea's figures and dates the same way, from bot/texts.py and core/locale.py."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

from bot.slack import blocks
from bot.teams import staff_cards
from core.presentation import IdeaView, SimilarView
from core.saving_plan import SavingView
from storage.models import Channel, Status
from tests.bot.teams.conftest import texts_of

# The deadline falls late on Sunday evening UTC, which is already Monday in Oslo.
SENT = datetime(2025, 11, 9, 23, 30, tzinfo=UTC)
VIEW = IdeaView(id=7, title="Felles turnus", text="Felles turnus for hjemmetjenesten", status=Status.RECEIVED,
                focus_area="helse", area_name={"nb": "Helse", "en": "Health"}, sub_topic=None, service="home-care",
                service_name={"nb": "Hjemmetjenester", "en": "Home care"},
                commissioner="arne-jorstad", commissioner_name="Arne Jørstad", confidence=0.873, abstained=False,
                anonymous=False, channel=Channel.SLACK, submitter_name="Kari Nordmann", estimated_saving_nok=1_250_000,
                duplicate_of=None, similar=(SimilarView(idea_id=3, score=0.8049, snippet="Turnus i helse"),),
                created_at=SENT, updated_at=SENT, first_answered_at=None,
                deadline=datetime(2025, 11, 23, 23, 30, tzinfo=UTC))


def slack_texts(locale: str) -> str:
    return json.dumps(blocks.review_card(VIEW, locale)[1], ensure_ascii=False)


def teams_texts(locale: str) -> list[str]:
    return texts_of(staff_cards.staff_card(VIEW, locale=locale, sender=None))


def test_both_chats_show_the_deadline_as_the_day_in_oslo():
    assert "Svarfrist: 24.11.2025" in slack_texts("nb")
    assert "Svarfrist: 24.11.2025" in teams_texts("nb")
    assert "Answer due: 2025-11-24" in slack_texts("en")
    assert "Answer due: 2025-11-24" in teams_texts("en")


def test_both_chats_show_confidence_similarity_and_saving_alike():
    for shown in (slack_texts("nb"), "\n".join(teams_texts("nb"))):
        assert "Sikkerhet: 87\u00a0%" in shown
        assert "#3 · 80\u00a0% likt · Turnus i helse" in shown
        assert "Anslått årlig innsparing: 1\u00a0250\u00a0000\u00a0kr" in shown
    for shown in (slack_texts("en"), "\n".join(teams_texts("en"))):
        assert "Confidence: 87\u00a0%" in shown and "#3 · 80\u00a0% similar" in shown
        assert "Estimated annual saving: NOK 1,250,000" in shown


def test_both_chats_name_the_service_the_idea_was_read_as_in_the_readers_language():
    for locale, line in (("nb", "Tjeneste: Hjemmetjenester"), ("en", "Service: Home care")):
        assert line in slack_texts(locale) and line in teams_texts(locale)
    unread = replace(VIEW, service=None, service_name=None)
    assert "Tjeneste" not in json.dumps(blocks.review_card(unread, "nb")[1], ensure_ascii=False)
    assert not any("Tjeneste" in line for line in texts_of(staff_cards.staff_card(unread, locale="nb", sender=None)))


def test_both_chats_show_the_saving_for_the_budget_alike():
    saving = SavingView(one_off_cost_nok=80_000, effect_year=2027, explicit={2027: 600_000},
                        by_year={2027: 600_000, 2028: 1_250_000}, qualitative=True,
                        qualitative_text="Mer tid til brukerne", realised_nok=900_000,
                        realised_on=SENT.date())
    planned = replace(VIEW, status=Status.IMPLEMENTED, saving=saving)
    slack = json.dumps(blocks.review_card(planned, "nb")[1], ensure_ascii=False)
    teams = "\n".join(texts_of(staff_cards.staff_card(planned, locale="nb", sender=None)))
    for shown in (slack, teams):
        assert "Engangskostnad: 80\u00a0000\u00a0kr" in shown
        assert "Virkning per budsjettår: 2027: 600\u00a0000\u00a0kr · 2028: 1\u00a0250\u00a0000\u00a0kr" in shown
        assert "Gevinst utover kroner: Mer tid til brukerne" in shown
        assert "Realisert innsparing: 900\u00a0000\u00a0kr (målt 09.11.2025)" in shown
    english = json.dumps(blocks.review_card(planned, "en")[1], ensure_ascii=False)
    assert "Realised saving: NOK 900,000 (measured 2025-11-09)" in english
    assert "Engangskostnad" not in slack_texts("nb")  # nothing of it on a card without it
