"""The submit form writes its limit one way: the hint, a refusal and the character counter all say "10 000"."""

import re

from playwright.sync_api import expect

from tests.api.web.conftest import Live, login_as, post_form

NBSP = "\u00a0"


def test_the_hint_and_the_refusal_write_the_limit_the_same_way(client, login):
    login("kari")
    assert f"høyst 10{NBSP}000 tegn" in client.get("/").text
    refused = post_form(client, "/", {"text": "x" * 10_001}, page="/")
    assert refused.status_code == 422
    message = re.search(r'<p id="form-error">(.*?)</p>', refused.text, re.S)[1]
    assert f"høyst 10{NBSP}000 tegn" in message and "10000" not in message


def test_the_counter_writes_numbers_like_the_hint_in_each_language(page, live: Live):
    login_as(page, live, "employee")
    expect(page.locator("#text-count")).to_have_text(f"0 / 10{NBSP}000")
    page.locator("#text").fill("x" * 1234)
    expect(page.locator("#text-count")).to_have_text(f"1{NBSP}234 / 10{NBSP}000")
    page.get_by_role("button", name="In English").click()
    expect(page.locator("#text-count")).to_have_text("0 / 10,000")
