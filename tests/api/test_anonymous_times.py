"""When an anonymous idea was sent, and in which order, is kept from everyone but its submitter: a named idea sent by
the same person a minute before or after would otherwise say who it was (core/actors.may_see_exact_times)."""

import csv
import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from core.locale import date as written
from core.locale import date_time

KARI = ("employee", "kari.nordmann.7731")
STAFF = [("admin", "forslagskassa-admin"), ("commissioner", "kommunalsjef-oppvekst")]


@pytest.fixture
def sent(client, token, classifier) -> dict[str, int]:
    """Kari sends a named idea, an anonymous one and a named one again, a moment apart."""
    classifier.focus_area = "barn-og-unge"
    kari = token(*KARI, name="Kari Nordmann")
    made = {}
    for key, body in {"before": {"text": "Åpent forslag før"}, "anonymous": {"text": "Hemmelig", "anonymous": True},
                      "after": {"text": "Åpent forslag etter"}}.items():
        made[key] = client.post("/api/v1/ideas", json=body, headers=kari).json()["id"]
    return made


def today() -> str:
    return datetime.now(ZoneInfo("Europe/Oslo")).date().isoformat()


@pytest.mark.parametrize("who", STAFF)
def test_staff_see_only_the_day_an_anonymous_idea_was_sent(client, token, sent, who):
    headers = token(*who)
    hidden = client.get(f"/api/v1/ideas/{sent['anonymous']}", headers=headers).json()
    assert hidden["created_at"] == hidden["updated_at"] == today()
    assert [event["created_at"] for event in hidden["events"]] == [today()]
    named = client.get(f"/api/v1/ideas/{sent['before']}", headers=headers).json()
    assert datetime.fromisoformat(named["created_at"]).tzinfo is not None  # a named idea keeps its moment
    listed = {item["id"]: item for item in client.get("/api/v1/ideas", headers=headers).json()["items"]}
    assert listed[sent["anonymous"]]["created_at"] == today()


def test_the_submitter_sees_the_exact_time_of_their_own_anonymous_idea(client, token, sent):
    own = client.get(f"/api/v1/ideas/{sent['anonymous']}", headers=token(*KARI)).json()
    assert datetime.fromisoformat(own["created_at"]).tzinfo is not None
    assert datetime.fromisoformat(own["events"][0]["created_at"]).tzinfo is not None


def test_the_exports_give_the_day_of_an_anonymous_idea(client, token, sent):
    admin = token("admin", "forslagskassa-admin")
    rows = {int(row["id"]): row for row in csv.DictReader(io.StringIO(
        client.get("/api/v1/export.csv", headers=admin).content.decode("utf-8-sig")))}
    assert rows[sent["anonymous"]]["created_at"] == today()
    assert datetime.fromisoformat(rows[sent["before"]]["created_at"]).tzinfo is not None


def test_numbers_are_drawn_so_they_do_not_follow_the_order_ideas_came_in(client, token, classifier):
    classifier.focus_area = "barn-og-unge"
    numbers = [client.post("/api/v1/ideas", json={"text": f"Forslag nummer {n}"},
                           headers=token("employee", f"ansatt-{n}")).json()["id"] for n in range(12)]
    assert all(100_000 <= number < 1_000_000 for number in numbers)
    assert numbers != sorted(numbers)  # twelve numbers in the order they were sent: 1 in 479 million by chance


def test_a_days_ideas_are_listed_by_number_not_by_the_minute_they_came_in(client, token, sent):
    listed = client.get("/api/v1/ideas", headers=token("admin", "forslagskassa-admin")).json()["items"]
    assert [item["id"] for item in listed] == sorted(sent.values(), reverse=True)
    oldest_first = client.get("/api/v1/ideas?oldest_first=true",
                              headers=token("admin", "forslagskassa-admin")).json()["items"]
    assert [item["id"] for item in oldest_first] == sorted(sent.values())


def test_a_day_alone_reads_as_a_day_in_both_languages():
    assert written("nb", date(2026, 12, 4)) == date_time("nb", date(2026, 12, 4)) == "04.12.2026"
    assert date_time("en", date(2026, 12, 4)) == "2026-12-04"
