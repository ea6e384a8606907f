"""Slack's request signature, checked where the HTTP request arrives, before Bolt sees it.

Bolt's own check answers 500 for a timestamp that is not a whole number or a signature that is not ASCII (slack-sdk
calls int() and hmac.compare_digest on them unguarded), and logs every refused request whole at INFO: the sender's
user id and message text, 256 kB of anyone's choosing per request. Here the headers' shape is checked first, the
signature by slack-sdk's verifier, and a refusal is one log line naming the reason, never the body.
"""

from __future__ import annotations

import logging
import re
import time

from slack_sdk.signature import SignatureVerifier
from starlette.datastructures import Headers

log = logging.getLogger(__name__)

MAX_AGE_SECONDS = 60 * 5  # Slack's rule: an older (or later) timestamp may be a replay
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")


class RequestCheck:
    def __init__(self, signing_secret: str) -> None:
        self.verifier = SignatureVerifier(signing_secret)

    def refusal(self, body: bytes, headers: Headers) -> str | None:
        """Why this is not a request Slack signed with our secret, or None when it is."""
        timestamp = headers.get("x-slack-request-timestamp")
        signature = headers.get("x-slack-signature")
        if not timestamp or not signature:
            return "no signature or timestamp header"
        if not _TIMESTAMP.fullmatch(timestamp):
            return "the timestamp header is not a Unix time in seconds"
        if not _SIGNATURE.fullmatch(signature):
            return "the signature header is not v0= and 64 hex digits"
        if abs(time.time() - int(timestamp)) > MAX_AGE_SECONDS:
            return "the timestamp is more than five minutes away from now"
        if not self.verifier.is_valid(body, timestamp, signature):
            return "the signature does not match the body"
        return None

    def refused(self, body: bytes, headers: Headers) -> bool:
        why = self.refusal(body, headers)
        if why is not None:
            log.warning("Slack request refused with 401: %s", why)
        return why is not None
