"""One way to say things: both text catalogues complete in both languages, and figures and dates read the same
on the web pages, in Slack and in Teams."""

import string
from datetime import UTC, datetime

import pytest

from api.web import texts as web_texts
from api.web.texts_admin import ADMIN_TEXTS
from bot import texts as chat_texts
from core import locale
from core.locale import count, date, date_time, locale_of, money, number, percent, translate

CATALOGUES = {"web": web_texts.TEXTS, "chat": chat_texts.TEXTS}


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("name", CATALOGUES)
def test_every_text_is_written_in_both_languages_with_the_same_placeholders(name):
    catalogue = CATALOGUES[name]
    assert len(catalogue) > 80
    wrong = {key: texts for key, texts in catalogue.items()
             if len(texts) != len(locale.LOCALES) or any(not text.strip() for text in texts)
             or fields(texts[0]) != fields(texts[1])}
    assert wrong == {}


def test_every_part_of_the_web_texts_is_in_the_catalogue_and_none_is_shadowed():
    assert ADMIN_TEXTS in web_texts.PARTS
    assert len(web_texts.TEXTS) == sum(len(part) for part in web_texts.PARTS)


def test_both_catalogues_are_read_the_same_way():
    assert chat_texts.t("nb", "status.in_review") == web_texts.t("nb", "status.in_review") == "Til vurdering"
    assert chat_texts.t("en", "status.in_review") == web_texts.t("en", "status.in_review") == "In review"
    assert chat_texts.status_label("en", "declined") == "Declined"
    assert chat_texts.t("en", "sent_at", date="2025-11-24") == "Sent 2025-11-24"


@pytest.mark.parametrize(("tag", "expected"), [
    ("en", "en"), ("en-US", "en"), ("en_GB", "en"), ("EN-gb", "en"),
    ("nb", "nb"), ("nb-NO", "nb"), ("nn", "nb"), ("no", "nb"), ("de-DE", "nb"), ("", "nb"), (None, "nb")])
def test_a_platform_locale_tag_reads_as_english_or_bokmal(tag, expected):
    assert locale_of(tag) == expected


def test_a_platform_tag_picks_the_language_of_a_text():
    catalogue = {"greeting": ("Hei, {name}!", "Hello, {name}!")}
    assert translate(catalogue, "en-US", "greeting", name="Kari") == "Hello, Kari!"
    assert translate(catalogue, "nn-NO", "greeting", name="Kari") == "Hei, Kari!"
    assert translate(catalogue, None, "greeting", name="Kari") == "Hei, Kari!"


def test_an_unknown_key_is_refused_by_name():
    with pytest.raises(KeyError, match=r"no text has the key 'sent\.nowhere'"):
        web_texts.t("nb", "sent.nowhere")
    with pytest.raises(KeyError, match=r"'status\.lost'"):
        chat_texts.status_label("en", "lost")


def test_a_missing_value_is_refused_by_name_instead_of_showing_a_placeholder():
    with pytest.raises(ValueError, match=r"the text 'sent_to' needs a value for \{commissioner\}"):
        chat_texts.t("nb", "sent_to", area="Oppvekst")
    with pytest.raises(ValueError, match=r"'idea.number' needs a value for \{id\}"):
        web_texts.markup("en", "idea.number")


def test_kroner_read_the_norwegian_and_the_english_way():
    assert money("nb", 1_234_567) == "1\u00a0234\u00a0567\u00a0kr"
    assert money("en", 1_234_567) == "NOK 1,234,567"
    assert money("nb", 0) == "0\u00a0kr"
    assert money("en-GB", 250_000) == "NOK 250,000"
    assert money("nb", None) == "–"


def test_whole_counts_are_grouped_and_never_get_decimals():
    assert count("nb", 5000) == "5\u00a0000"
    assert count("en", 5000) == "5,000"
    assert count("nb", 999) == "999"
    assert "," not in count("nb", 1_000_000) and "." not in count("nb", 1_000_000)
    assert count("nb", 12_345_678) == "12\u00a0345\u00a0678"
    assert count("nb", None) == "–"


def test_other_numbers_use_a_decimal_comma_in_bokmal():
    assert number("nb", 3.45, 1) == "3,5"
    assert number("en", 3.45, 1) == "3.5"
    assert number("nb", 1234.5, 2) == "1\u00a0234,50"


def test_percentages_keep_the_number_and_the_sign_together():
    assert percent("nb", 0.8712) == "87,1\u00a0%"
    assert percent("en", 0.8712) == "87.1\u00a0%"
    assert percent("nb", 0.87, 0) == "87\u00a0%"
    assert percent("en", 1.0, 0) == "100\u00a0%"
    assert percent("nb", None) == "–"


def test_dates_are_the_day_in_oslo_not_in_utc():
    winter_evening = datetime(2025, 11, 23, 23, 30, tzinfo=UTC)  # already Monday 00:30 in Oslo
    assert date("nb", winter_evening) == "24.11.2025"
    assert date("en", winter_evening) == "2025-11-24"
    summer_evening = datetime(2025, 6, 30, 22, 30, tzinfo=UTC)  # summer time: 00:30 on 1 July
    assert date_time("nb", summer_evening) == "01.07.2025 kl. 00:30"
    assert date_time("en", summer_evening) == "2025-07-01 00:30"
    assert date("nb", None) == date_time("en", None) == "–"


def test_a_time_without_a_zone_is_taken_as_utc_like_the_database_stores_it():
    assert date_time("nb", datetime(2025, 1, 15, 12, 0)) == "15.01.2025 kl. 13:00"
