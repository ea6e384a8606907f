"""Typed input: free text without control codes, and whole numbers as people (and chat clients) write them."""

from __future__ import annotations

import pytest

from core.errors import InvalidCharacters, InvalidInput
from core.textcheck import require_clean, tidy, whole_number


@pytest.mark.parametrize(("typed", "number"), [
    ("250000", 250_000), ("250 000", 250_000), ("250\u00a0000", 250_000), ("250 000 kr", 250_000),
    ("250000kr", 250_000), (250_000, 250_000), (250000.0, 250_000), ("0", 0), ("", None), (None, None), ("  ", None),
])
def test_whole_numbers_as_people_type_them(typed, number):
    assert whole_number(typed, field="amount") == number


@pytest.mark.parametrize("typed", ["12,5", "12.5", "-5", "mye", "1e6", "٣", "kr", 12.5])
def test_anything_else_is_refused_naming_the_field(typed):
    with pytest.raises(InvalidInput, match="'amount' must be a whole number"):
        whole_number(typed, field="amount")


def test_emoji_and_right_to_left_text_are_text_but_control_codes_are_not():
    require_clean("Mindre matsvinn 🍲 ‏שלום‎", field="idea")
    with pytest.raises(InvalidCharacters):
        require_clean("bell\x07", field="idea")


@pytest.mark.parametrize(("typed", "stored"), [
    ("  Et forslag ", "Et forslag"), ("\u200b\u200c\u200d\u2060\ufeff\u00ad \u200e\u200f", None), (None, None),
    ("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069", None), ("\u202eabc\u202c", "abc"),
    ("بيت \u200fok\u200e 👩🏽\u200d⚕️", "بيت \u200fok\u200e 👩🏽\u200d⚕️"),
], ids=["trimmed", "invisible", "none", "bidi-only", "override", "marks-and-emoji-stay"])
def test_text_as_stored_has_no_bidi_controls_and_something_to_see(typed, stored):
    assert tidy(typed) == stored
