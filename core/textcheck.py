"""What free text from people may contain: any Unicode a keyboard makes, no invisible control codes; and whole
numbers as people type them.

PostgreSQL refuses NUL in text, an unpaired surrogate cannot be stored as UTF-8 at all, and the other control
codes (escape sequences, bell, backspace) only ever arrive by accident or to mess with logs, terminals and
spreadsheets. Emoji, right-to-left text and its direction marks are ordinary text and pass unchanged.
"""

from __future__ import annotations

import re

from core.errors import InvalidCharacters, InvalidInput

ALLOWED_CONTROLS = "\t\n\r"
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


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
