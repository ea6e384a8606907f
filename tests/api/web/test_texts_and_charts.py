"""Texts exist in both languages with the same placeholders, and for every kind of event and notification; charts
escape their labels; deadlines round up."""

import re
import string
from datetime import timedelta
from pathlib import Path

import pytest

from api.web import charts, texts
from api.web.display import Labels, deadline, timeline
from core import locale
from core.notify import Kind
from core.orgconfig import OrgConfig
from core.presentation import EventView
from storage.models import EventKind, Idea, Status, utcnow


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_text_has_both_languages_with_the_same_placeholders():
    wrong = [key for key, (nb, en) in texts.TEXTS.items()
             if not nb.strip() or not en.strip() or fields(nb) != fields(en)]
    assert wrong == []


# What each kind of event keeps in from_value and to_value; the others keep focus areas (or nothing).
VALUES = {EventKind.STATUS_CHANGED: ("received", "in_review"), EventKind.SAVING_ESTIMATED: (None, "250000"),
          EventKind.SHARED: ("false", "true"), EventKind.SUPPORT_CHANGED: (None, "3"),
          EventKind.ONE_OFF_COST_SET: (None, "150000"), EventKind.EFFECT_YEAR_SET: (None, "2027"),
          EventKind.EFFECT_AMOUNT_SET: ("2027:400000", "2027:200000"),
          EventKind.QUALITATIVE_GAIN_SET: ("false", "true"), EventKind.SAVING_REALISED: (None, "2027-03-01:250000"),
          EventKind.PACKAGED: (None, "fase-1"), EventKind.UNPACKAGED: ("fase-1", None),
          EventKind.PACKAGE_STATE: ("draft", "submitted"), EventKind.ADOPTED: (None, "fase-1"),
          EventKind.MERGED_AWAY: (None, "123456"), EventKind.MERGED_IN: ("123456", "4")}


@pytest.mark.parametrize("kind", list(EventKind))
@pytest.mark.parametrize("lang", locale.LOCALES)
def test_every_kind_of_event_reads_in_the_history(org: OrgConfig, kind: EventKind, lang: str):
    old, new = VALUES.get(kind, ("helse-og-livskvalitet", "barn-og-unge"))
    event = EventView(kind=kind, actor="submitter", from_value=old, to_value=new, note=None, created_at=utcnow())
    [step] = timeline([event], Labels(org, lang), for_staff=True)
    assert step.text.strip() and "{" not in step.text


def test_every_kind_of_notification_has_a_name_on_the_dashboard():
    kinds = {value for name, value in vars(Kind).items() if name.isupper()}
    assert {f"outbox.{kind}" for kind in kinds} - set(texts.TEXTS) == set()


def test_texts_escape_values_but_keep_markup_built_by_us():
    assert texts.markup("nb", "timeline.by", who="<b>Kari</b>") == "av &lt;b&gt;Kari&lt;/b&gt;"


def test_numbers_money_and_shares_per_language():
    assert locale.money("nb", 5_000_000) == "5\u00a0000\u00a0000\u00a0kr"
    assert locale.money("en", 5_000_000) == "NOK 5,000,000"
    assert locale.percent("nb", 0.8712) == "87,1\u00a0%"
    assert locale.percent("en", None) == "–"


def test_chart_labels_are_escaped():
    svg = charts.bar_chart([("<script>alert(1)</script>", 3), ("B & C", 0)], value_text=["3", "0"])
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "B &amp; C" in svg
    assert 'aria-hidden="true"' in svg


def test_chart_values_read_like_the_table_beside_them():
    svg = charts.column_chart([("2025-01", 1234), ("2025-02", 56_789)],
                              value_text=[locale.count("nb", 1234), locale.count("nb", 56_789)])
    assert ">1\u00a0234<" in svg and ">56\u00a0789<" in svg and "e+" not in svg


def test_progress_bar_stops_at_the_target():
    assert 'width="600.0"' in charts.progress_bar(9_000_000, 5_000_000, caption="over")


def idea(days_old: float, status: Status = Status.RECEIVED) -> Idea:
    return Idea(status=status, created_at=utcnow() - timedelta(days=days_old))


@pytest.mark.parametrize(("days_old", "kind", "days"), [
    (0, "left", 14), (13.5, "left", 1), (13.99, "left", 1),
    (14.01, "overdue", 1), (16.5, "overdue", 2), (20, "overdue", 6)])
def test_deadline_badge_counts_whole_days(days_old, kind, days):
    sent = idea(days_old)
    shown = deadline(sent, sla_days=14, now=utcnow())
    assert (shown.kind, shown.days) == (kind, days)


def test_answered_ideas_have_no_deadline_badge():
    assert deadline(idea(30, Status.IN_REVIEW), sla_days=14, now=utcnow()).kind == ""


def test_every_text_key_used_literally_exists():
    used = set()
    for path in (Path(texts.__file__).parent).rglob("*"):
        if path.suffix in (".py", ".html"):
            used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z_.]+)["']\s*[,)]""", path.read_text()))
    assert used and used - set(texts.TEXTS) == set()
