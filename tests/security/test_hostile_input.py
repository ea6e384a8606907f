"""Hostile and unusual input: refused with a clear 4xx problem (never a 500), or stored and shown exactly.

Control characters, invalid UTF-8, oversized and deeply nested bodies, SQL and HTML injection strings, the longest
idea allowed, emoji and right-to-left text — through the API, the web form and a chat channel.
"""

from __future__ import annotations

import csv
import html
import io

import pytest
from sqlalchemy import inspect

from tests.api.web.conftest import csrf_of
from tests.bot.slack.conftest import DM
from tests.security.conftest import World, form_post

ONE_MB = 1_000_000
LONGEST = ("Et langt forslag. " * 600)[:9_999] + "!"
EXACT = {
    "emoji": "Forslag 👩🏽‍⚕️🚑 for hjemmetjenesten 🇳🇴 — 1️⃣ 2️⃣ ✅",
    "right-to-left": "اقتراح لتحسين الخدمة في دار الرعاية — הצעה לשיפור ‏(RTL)‎ mixed with norsk: æøå",
    "sql": "Robert'); DROP TABLE ideas; -- ' OR '1'='1 \" OR \"\"=\" ; SELECT * FROM submitters",
    "html": "<script>alert('x')</script><img src=x onerror=alert(1)> &amp; <b>fet</b> \"quoted\" 'single'",
    "like-wildcards": "100% sikkert_ikke\\en \\% wildcard",
    "tabs-and-newlines": "Linje én\n\tinnrykket linje\r\nlinje tre",
    "longest": LONGEST,
}


@pytest.fixture
def kari(token):
    return token("employee", "kari")


@pytest.fixture
def admin(token):
    return token("admin", "forslagskassa-admin")


def assert_problem(response, status: int, *words: str) -> None:
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-type"] == "application/problem+json"
    for word in words:
        assert word in response.json()["detail"]


# -- stored and shown exactly --------------------------------------------------------------------------------


@pytest.mark.parametrize("text", EXACT.values(), ids=EXACT.keys())
def test_text_comes_back_exactly_from_the_api_the_csv_and_the_page(client, kari, admin, browse_as, classifier, text):
    classifier.focus_area = "barn-og-unge"
    created = client.post("/api/v1/ideas", json={"text": text, "title": text[:200]}, headers=kari)
    assert created.status_code == 201, created.text
    idea_id = created.json()["id"]
    read = client.get(f"/api/v1/ideas/{idea_id}", headers=admin).json()
    assert (read["text"], read["title"]) == (text.strip(), text[:200].strip())
    rows = list(csv.DictReader(io.StringIO(client.get("/api/v1/export.csv", headers=admin).text)))
    assert [r["text"] for r in rows] == [text.strip()]
    browse_as("submitter")
    page = client.get(f"/mine/{idea_id}")
    assert html.escape(text.strip(), quote=False) in page.text.replace("&#39;", "'").replace("&#34;", '"')


@pytest.mark.parametrize("text", [EXACT["emoji"], EXACT["right-to-left"], EXACT["html"]],
                         ids=["emoji", "right-to-left", "html"])
def test_the_web_form_stores_exactly_what_was_typed(client, browse_as, admin, text):
    browse_as("submitter")
    sent = form_post(client, "/", {"text": text})
    assert sent.status_code == 303
    idea_id = int(sent.headers["location"].rsplit("/", 1)[1])
    assert client.get(f"/api/v1/ideas/{idea_id}", headers=admin).json()["text"] == text


async def test_a_chat_message_with_emoji_and_right_to_left_text_is_stored_exactly(world: World):
    text = EXACT["emoji"] + " " + EXACT["right-to-left"]
    await world.slack.dm(text, user="UKARI")
    [idea] = await world.slack.ideas()
    assert idea.text == text


def test_sql_injection_in_search_and_filters_is_only_text(client, kari, admin, connection):
    client.post("/api/v1/ideas", json={"text": "Et vanlig forslag"}, headers=kari)
    client.post("/api/v1/ideas", json={"text": EXACT["sql"]}, headers=kari)
    def search(q):
        return [i["text"] for i in client.get("/api/v1/ideas", params={"q": q}, headers=admin).json()["items"]]

    for q in ("' OR '1'='1", "'); DROP TABLE ideas; --"):  # found where they are written, nowhere else
        assert search(q) == [EXACT["sql"]]
    for q in ("%' OR 1=1 --", "x' UNION SELECT display_name, email FROM submitters --"):
        assert search(q) == []
    # LIKE's wildcards are searched for as characters, not patterns.
    assert client.get("/api/v1/ideas", params={"q": "%"}, headers=admin).json()["total"] == 0
    assert client.get("/api/v1/ideas", params={"q": "_"}, headers=admin).json()["total"] == 0
    refused = client.get("/api/v1/ideas", params={"focus_area": "x' OR '1'='1"}, headers=admin)
    assert refused.status_code == 200 and refused.json()["total"] == 0
    assert {"ideas", "submitters"} <= set(inspect(connection).get_table_names())


# -- refused, with the reason ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "words"), [
    ("Før\x00etter", ["NUL character (U+0000) at position 4"]),
    ("Farge \x1b[31mrød\x1b[0m", ["control character U+001B at position 7"]),
    ("Bjelle\x07", ["control character U+0007"]),
    ("C1 \x9b kontroll", ["control character U+009B"]),
], ids=["nul", "escape-sequence", "bell", "c1-control"])
def test_control_characters_are_refused_naming_the_character(client, kari, text, words):
    assert_problem(client.post("/api/v1/ideas", json={"text": text}, headers=kari), 422, *words)
    assert_problem(client.post("/api/v1/ideas", json={"text": "Greit", "title": text}, headers=kari), 422,
                   "The title contains")


@pytest.mark.parametrize("text", ["\u200b\u200d\u2060", "\ufeff \u00ad", "\u202e\u2066\u200f"],
                         ids=["zero-width", "bom-and-soft-hyphen", "bidi"])
def test_text_of_invisible_characters_is_refused_like_empty_text(client, kari, text):
    assert_problem(client.post("/api/v1/ideas", json={"text": text}, headers=kari), 422, "no text")


def test_bidi_overrides_are_not_stored_in_text_or_title(client, kari, admin):
    sent = client.post("/api/v1/ideas", json={"text": "Se vedlegg \u202etxt.exe\u202c her", "title": "\u2067Ny\u2069"},
                       headers=kari)
    assert sent.status_code == 201, sent.text
    stored = client.get(f"/api/v1/ideas/{sent.json()['id']}", headers=admin).json()
    assert (stored["text"], stored["title"]) == ("Se vedlegg txt.exe her", "Ny")


def test_the_web_form_refuses_invisible_text_in_the_readers_language(client, browse_as):
    browse_as("submitter")
    refused = form_post(client, "/", {"text": "\u200b\u200d\u2060"})
    assert refused.status_code == 422 and "Skriv forslaget ditt" in refused.text


async def test_a_chat_message_of_invisible_characters_is_answered_not_stored(world: World):
    await world.slack.dm("\u200b\u2060", user="UKARI", message_ts="1700000000.000400")
    [reply] = await world.slack.posted(channel=DM["UKARI"], thread_ts="1700000000.000400")
    assert reply["text"].startswith("Det gikk ikke: The idea has no text")
    assert await world.slack.ideas() == []


def test_an_unpaired_surrogate_is_refused(client, kari):
    body = b'{"text": "Halvt tegn \\ud800 her"}'
    response = client.post("/api/v1/ideas", content=body, headers={**kari, "Content-Type": "application/json"})
    assert_problem(response, 422, "body.text")


def test_a_note_with_a_nul_is_refused_not_a_database_error(client, kari, token, classifier):
    classifier.focus_area = "barn-og-unge"
    idea_id = client.post("/api/v1/ideas", json={"text": "Et forslag"}, headers=kari).json()["id"]
    response = client.post(f"/api/v1/ideas/{idea_id}/transitions", json={"to": "declined", "note": "Nei\x00"},
                           headers=token("commissioner", "kommunalsjef-oppvekst"))
    assert_problem(response, 422, "The note contains a NUL character")


def test_the_web_form_names_a_control_character_in_the_readers_language(client, browse_as):
    browse_as("submitter")
    refused = form_post(client, "/", {"text": "Et forslag\x00 med NUL", "title": "Tittel"})
    assert refused.status_code == 422
    assert "Teksten inneholder et usynlig kontrolltegn" in refused.text
    assert "NUL character (U+0000) at position 11" in refused.text and 'value="Tittel"' in refused.text


async def test_a_chat_message_with_a_control_character_is_answered_not_stored(world: World):
    await world.slack.dm("Et forslag \x1b[2J med escape", user="UKARI", message_ts="1700000000.000300")
    [reply] = await world.slack.posted(channel=DM["UKARI"], thread_ts="1700000000.000300")
    assert reply["text"].startswith("Det gikk ikke: The idea contains the control character U+001B")
    assert await world.slack.ideas() == []


def test_ten_thousand_and_one_characters_are_refused(client, kari):
    assert_problem(client.post("/api/v1/ideas", json={"text": LONGEST + "x"}, headers=kari), 422,
                   "at most 10000 characters")


@pytest.mark.parametrize("body", [b'{"text": "\xff\xfe ugyldig"}', b"\xc3\x28", b'{"text": "\xed\xa0\x80"}'],
                         ids=["latin-bytes", "broken-sequence", "encoded-surrogate"])
def test_invalid_utf8_is_a_client_error(client, kari, body):
    response = client.post("/api/v1/ideas", content=body, headers={**kari, "Content-Type": "application/json"})
    assert response.status_code in (400, 422)
    assert response.headers["content-type"] == "application/problem+json"


def test_invalid_utf8_in_a_form_is_stored_as_replacement_characters(client, browse_as, admin):
    browse_as("submitter")
    body = f"csrf_token={csrf_of(client.get('/'))}&text=".encode() + b"Ugyldig %FF og \xff"
    sent = client.post("/", content=body, headers={"Content-Type": "application/x-www-form-urlencoded"},
                       follow_redirects=False)
    assert sent.status_code == 303
    idea_id = int(sent.headers["location"].rsplit("/", 1)[1])
    stored = client.get(f"/api/v1/ideas/{idea_id}", headers=admin).json()["text"]
    assert stored.startswith("Ugyldig ") and "\ufffd" in stored


# -- too big, too deep -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/api/v1/ideas", "/api/v1/ideas/1/transitions", "/"])
def test_a_one_megabyte_body_is_refused_with_413(client, kari, path):
    body = b'{"text": "' + b"a" * ONE_MB + b'"}'
    response = client.post(path, content=body, headers={**kari, "Content-Type": "application/json"})
    assert_problem(response, 413, "larger than 262144 bytes")


def test_a_one_megabyte_body_without_a_length_is_cut_off_with_413(client, kari):
    def chunks():
        for _ in range(100):
            yield b"a" * 10_000

    response = client.post("/api/v1/ideas", content=chunks(), headers={**kari, "Content-Type": "application/json"})
    assert_problem(response, 413, "larger than")


async def test_the_chat_endpoints_refuse_a_one_megabyte_body_before_reading_it(world: World):
    for path in ("/slack/events", "/api/messages"):
        response = await world.http.post(path, content=b"{" + b" " * ONE_MB + b"}",
                                          headers={"Content-Type": "application/json"})
        assert response.status_code == 413 and response.headers["content-type"] == "application/problem+json"


def test_the_longest_idea_fits_well_under_the_limit_even_escaped(client, kari):
    text = "😀" * 10_000  # 10,000 characters; as JSON with \\u escapes some 120 kB
    response = client.post("/api/v1/ideas", json={"text": text}, headers=kari)
    assert response.status_code == 201 and response.json()["text"] == text


@pytest.mark.parametrize("depth", [100_000, 2_000])
def test_deeply_nested_json_is_a_client_error(client, kari, depth):
    body = b'{"text": ' + b"[" * depth + b"]" * depth + b"}"
    response = client.post("/api/v1/ideas", content=body, headers={**kari, "Content-Type": "application/json"})
    assert response.status_code in (400, 422)
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("path", ["/api/v1/ideas/99999999999999999999", "/api/v1/ideas/-1", "/mine/99999999999999"])
def test_ids_beyond_any_idea_are_not_found(client, admin, browse_as, path):
    browse_as("admin")
    response = client.get(path, headers=admin if path.startswith("/api") else {})
    assert response.status_code == 404


def test_a_long_idempotency_key_still_deduplicates(client, kari):
    headers = {**kari, "Idempotency-Key": "k" * 200}
    first = client.post("/api/v1/ideas", json={"text": "Med lang nøkkel"}, headers=headers)
    again = client.post("/api/v1/ideas", json={"text": "Med lang nøkkel"}, headers=headers)
    assert first.status_code == again.status_code == 201 and first.json()["id"] == again.json()["id"]
