"""Inbound Slack requests as Slack sends them: the real payload shapes, signed with the app's signing secret."""

from __future__ import annotations

import itertools
import json
import time
from typing import Any
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

from tests.bot.slack.fake_slack import BOT_USER, TEAM_ID

API_APP_ID = "A0FORSLAG"
_ids = itertools.count(1)


def signed(secret: str, body: str, *, content_type: str, timestamp: int | None = None) -> dict[str, str]:
    """Headers for `body` exactly as Slack computes them: v0=HMAC-SHA256(secret, "v0:{ts}:{raw body}")."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    return {"Content-Type": content_type, "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature}


def ts() -> str:
    return f"{time.time():.6f}"


def event_callback(event: dict[str, Any], *, event_id: str | None = None, team_id: str = TEAM_ID) -> str:
    return json.dumps({
        "token": "legacy-verification-token", "team_id": team_id, "api_app_id": API_APP_ID,
        "event": event, "type": "event_callback", "event_id": event_id or f"Ev{next(_ids):08d}",
        "event_time": int(time.time()), "event_context": "4-eyJldCI6Im1lc3NhZ2UifQ",
        "authorizations": [{"enterprise_id": None, "team_id": team_id, "user_id": BOT_USER, "is_bot": True,
                            "is_enterprise_install": False}],
        "is_ext_shared_channel": False,
    })


def message_im(text: str, *, user: str, channel: str, message_ts: str | None = None, **extra: Any) -> dict[str, Any]:
    stamp = message_ts or ts()
    return {"type": "message", "channel": channel, "user": user, "text": text, "ts": stamp, "event_ts": stamp,
            "channel_type": "im", "client_msg_id": f"msg-{next(_ids)}", "team": TEAM_ID,
            "blocks": [{"type": "rich_text", "block_id": "b1", "elements": [
                {"type": "rich_text_section", "elements": [{"type": "text", "text": text}]}]}], **extra}


def app_mention(text: str, *, user: str, channel: str) -> dict[str, Any]:
    stamp = ts()
    return {"type": "app_mention", "channel": channel, "user": user, "text": f"<@{BOT_USER}> {text}", "ts": stamp,
            "event_ts": stamp, "team": TEAM_ID, "client_msg_id": f"msg-{next(_ids)}"}


def app_home_opened(*, user: str, tab: str = "home") -> dict[str, Any]:
    return {"type": "app_home_opened", "user": user, "channel": "D" + user.removeprefix("U"), "tab": tab,
            "event_ts": ts()}


def slash_command(text: str, *, user: str, channel: str, response_url: str, command: str = "/forslag") -> str:
    return urlencode({
        "token": "legacy-verification-token", "team_id": TEAM_ID, "team_domain": "loten", "channel_id": channel,
        "channel_name": "directmessage" if channel.startswith("D") else "general", "user_id": user,
        "user_name": user.lower(), "command": command, "text": text, "api_app_id": API_APP_ID,
        "is_enterprise_install": "false", "response_url": response_url,
        "trigger_id": f"{next(_ids)}.1.trigger",
    })


def interactive(payload: dict[str, Any]) -> str:
    """Interactivity arrives form-encoded, as payload=<json>."""
    return urlencode({"payload": json.dumps(payload)})


def _common(kind: str, user: str) -> dict[str, Any]:
    return {"type": kind, "team": {"id": TEAM_ID, "domain": "loten"},
            "user": {"id": user, "username": user.lower(), "name": user.lower(), "team_id": TEAM_ID},
            "api_app_id": API_APP_ID, "token": "legacy-verification-token", "is_enterprise_install": False,
            "enterprise": None}


def block_actions(action_id: str, value: str, *, user: str, channel: str, message_ts: str,
                  response_url: str) -> dict[str, Any]:
    return {**_common("block_actions", user),
            "container": {"type": "message", "message_ts": message_ts, "channel_id": channel, "is_ephemeral": False},
            "trigger_id": f"{next(_ids)}.1.trigger", "channel": {"id": channel, "name": "directmessage"},
            "message": {"type": "message", "user": BOT_USER, "bot_id": "BBOT", "ts": message_ts, "text": "…"},
            "state": {"values": {}}, "response_url": response_url,
            "actions": [{"action_id": action_id, "block_id": "b", "text": {"type": "plain_text", "text": "…"},
                         "value": value, "type": "button", "action_ts": ts()}]}


def home_button(action_id: str, *, user: str) -> dict[str, Any]:
    return {**_common("block_actions", user), "container": {"type": "view", "view_id": "VHOME"},
            "trigger_id": f"{next(_ids)}.1.trigger", "view": {"id": "VHOME", "type": "home", "callback_id": ""},
            "actions": [{"action_id": action_id, "block_id": "b", "type": "button", "action_ts": ts(),
                         "text": {"type": "plain_text", "text": "…"}}]}


def view_submission(callback_id: str, values: dict[str, dict[str, Any]], *, user: str, metadata: str = "",
                    view_id: str | None = None) -> dict[str, Any]:
    return {**_common("view_submission", user), "trigger_id": f"{next(_ids)}.1.trigger",
            "view": {"id": view_id or f"V{next(_ids):06d}", "team_id": TEAM_ID, "type": "modal",
                     "callback_id": callback_id, "private_metadata": metadata, "hash": "1.abc",
                     "state": {"values": values}, "app_id": API_APP_ID, "bot_id": "BBOT"},
            "response_urls": []}


def message_action(callback_id: str, *, user: str, channel: str, text: str, author: str,
                   response_url: str) -> dict[str, Any]:
    stamp = ts()
    return {**_common("message_action", user), "callback_id": callback_id, "trigger_id": f"{next(_ids)}.1.trigger",
            "channel": {"id": channel, "name": "general"}, "message_ts": stamp, "action_ts": ts(),
            "response_url": response_url,
            "message": {"type": "message", "user": author, "text": text, "ts": stamp, "team": TEAM_ID}}


def block_suggestion(action_id: str, value: str, *, user: str, metadata: str) -> dict[str, Any]:
    return {**_common("block_suggestion", user), "action_id": action_id, "block_id": "duplicate_of",
            "value": value, "container": {"type": "view", "view_id": "VDUP"},
            "view": {"id": "VDUP", "type": "modal", "callback_id": "review_duplicate", "private_metadata": metadata}}


# -- what a modal's state looks like for each element kind -----------------------------------------------


def typed(text: str | None) -> dict[str, Any]:
    return {"value": {"type": "plain_text_input", "value": text}}


def chosen(value: str | None, *, kind: str = "static_select", action_id: str = "value") -> dict[str, Any]:
    return {action_id: {"type": kind, "selected_option": {"value": value, "text": {"type": "plain_text",
                                                                                   "text": "…"}} if value else None}}


def checked(*values: str) -> dict[str, Any]:
    return {"value": {"type": "checkboxes", "selected_options": [{"value": v} for v in values]}}


def number(text: str | None) -> dict[str, Any]:
    """A number_input's state: Slack sends what was typed as a string, null when left empty."""
    return {"value": {"type": "number_input", "value": text}}
