"""What free text from people may contain: any Unicode a keyboard makes, no invisible control codes; and whole
numbers as people type them.

PostgreSQL refuses NUL in text, an unpaired surrogate cannot be stored as UTF-8 at all, and the other control
codes (escape sequences, bell, backspace) only ever arrive by accident or to mess with logs, terminals and
spreadsheets. Emoji, right-to-left text and its direction marks are ordinary text and pass unchanged.

Text that shows nothing (only spaces and format characters: zero-width space and joiners, word joiner, BOM, soft
hyphen, direction marks and controls) counts as empty. Bidi embeddings, overrides and isolates (U+202A–U+202E,
U+2066–U+2069) are taken out of what is stored: they can make text read differently from what it is
("gnp.exe" shown as "exe.png") and leak their direction into the page or message around them.
"""

from __future__ import annotations

import re
import unicodedata

from core.errors import InvalidCharacters, InvalidInput

ALLOWED_CONTROLS = "\t\n\r"
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def without_bidi_controls(value: str) -> str:
    return _BIDI_CONTROLS.sub("", value)


def shows_nothing(value: str) -> bool:
    """Only whitespace and format characters (Unicode category Cf), which no reader sees."""
    return all(char.isspace() or unicodedata.category(char) == "Cf" for char in value)


def tidy(value: str | None) -> str | None:
    """Free text as stored: without bidi controls, trimmed; None when nothing visible is left."""
    value = without_bidi_controls(value or "").strip()
    return None if shows_nothing(value) else value


def require_clean(value: str | None, *, field: str) -> None:
    """Refuse `value` with a message naming the first bad character, its position and the field."""
    if not value:
        return
    found = _FORBIDDEN.search(value)
    if found is None:
        return
    char = found.group()
    code = f"U+{ord(char):04X}"
    if char == "\x00":
        what = f"a NUL character ({code})"
    elif "\ud800" <= char <= "\udfff":
        what = f"an unpaired surrogate ({code}), which is not valid Unicode"
    else:
        what = f"the control character {code}"
    raise InvalidCharacters(f"The {field} contains {what} at position {found.start() + 1}. Remove it and send again.",
                            field=field)


def whole_number(typed: object, *, field: str) -> int | None:
    """'250 000', '250000 kr', 250000 or 250000.0 (a chat client's number input) as the number; empty as None.

    Anything else raises InvalidInput naming `field`. Ranges are the rule's to check (lifecycle).
    """
    text = str(typed if typed is not None else "").replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    text = text.removesuffix("kr").removesuffix(".0")
    if not text.isascii() or not text.isdigit():
        raise InvalidInput(f"'{field}' must be a whole number, not '{typed}'.", field=field)
    return int(text)
