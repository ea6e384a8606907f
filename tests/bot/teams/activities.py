"""Activities as Microsoft Teams sends them to `POST /api/messages` (shapes taken from real Teams traffic)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47"
OTHER_TENANT = "0b7e0c3e-1111-4c5d-9e8f-222233334444"
APP_ID = "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b"
BOT = {"id": f"28:{APP_ID}", "name": "Forslagskassa"}

_ids = itertools.count(1_763_900_000_000)  # Teams message ids are millisecond timestamps


@dataclass(frozen=True)
class User:
    aad: str
    channel_id: str
    name: str
    conversation: str

    @property
    def account(self) -> dict[str, str]:
        return {"id": self.channel_id, "name": self.name, "aadObjectId": self.aad}


KARI = User("3c9a1b2e-5f4d-4e6a-8b7c-0d1e2f3a4b5c", "29:1kari-AbCdEf", "Kari Nordmann", "a:1kari-personal-chat")
PER = User("7e8f9a0b-1c2d-4e3f-a4b5-c6d7e8f9a0b1", "29:1per-GhIjKl", "Per Hansen", "a:1per-personal-chat")
ARNE = User("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d", "29:1arne-MnOpQr", "Arne Jørstad", "a:1arne-personal-chat")
OPPVEKST = User("b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e", "29:1oppv-StUvWx", "Kommunalsjef oppvekst",
                "a:1oppvekst-personal-chat")
ADMIN = User("c3d4e5f6-a7b8-4c9d-8e0f-2a3b4c5d6e7f", "29:1admin-YzAbCd", "Prosjektleder", "a:1admin-personal-chat")
# Org config person id -> the AAD object id `teams sync-commissioners` would have written.
AAD_IDS = {"arne-jorstad": ARNE.aad, "kommunalsjef-oppvekst": OPPVEKST.aad, "forslagskassa-admin": ADMIN.aad}
TRIAGE_CHANNEL = "19:triage0a1b2c3d4e5f@thread.tacv2"


def _base(user: User, service_url: str, *, locale: str, tenant: str) -> dict[str, Any]:
    return {
        "timestamp": "2026-11-23T09:15:00.123Z",
        "localTimestamp": "2026-11-23T10:15:00.123+01:00",
        "serviceUrl": service_url,
        "channelId": "msteams",
        "from": user.account,
        "conversation": {"conversationType": "personal", "tenantId": tenant, "id": user.conversation},
        "recipient": BOT,
        "entities": [{"locale": locale, "country": locale[-2:], "platform": "Web", "timezone": "Europe/Oslo",
                      "type": "clientInfo"}],
        "channelData": {"tenant": {"id": tenant}},
        "locale": locale,
    }


def message(user: User, text: str, service_url: str, *, locale: str = "nb-NO", tenant: str = TENANT,
            activity_id: str | None = None) -> dict[str, Any]:
    return {**_base(user, service_url, locale=locale, tenant=tenant), "type": "message",
            "id": activity_id or str(next(_ids)), "textFormat": "plain", "text": text}


def invoke(user: User, verb: str, data: dict[str, Any], service_url: str, *, locale: str = "nb-NO",
           tenant: str = TENANT, inputs: dict[str, Any] | None = None) -> dict[str, Any]:
    """An Action.Execute click; Teams merges the card's input values into `data`."""
    activity = _base(user, service_url, locale=locale, tenant=tenant)
    activity["channelData"] |= {"source": {"name": "message"}, "legacy": {"replyToId": "1:card"}}
    return {**activity, "type": "invoke", "name": "adaptiveCard/action", "id": f"f:{next(_ids)}",
            "replyToId": "1763900000000",
            "value": {"action": {"type": "Action.Execute", "verb": verb, "data": {**data, **(inputs or {})}},
                      "trigger": "manual"}}


def installed(user: User, service_url: str, *, locale: str = "nb-NO", tenant: str = TENANT) -> dict[str, Any]:
    """The bot added to the user's personal scope: Teams' conversationUpdate with the bot in membersAdded."""
    activity = _base(user, service_url, locale=locale, tenant=tenant)
    activity["from"] = {"id": user.channel_id, "aadObjectId": user.aad}
    return {**activity, "type": "conversationUpdate", "id": f"f:{next(_ids)}", "membersAdded": [{"id": BOT["id"]}]}


def added_to_team(installer: User, service_url: str, *, tenant: str = TENANT) -> dict[str, Any]:
    activity = _base(installer, service_url, locale="nb-NO", tenant=tenant)
    activity["conversation"] = {"isGroup": True, "conversationType": "channel", "tenantId": tenant,
                                "id": TRIAGE_CHANNEL}
    activity["channelData"] |= {"team": {"id": TRIAGE_CHANNEL, "name": "Virksomhetsgjennomgang"},
                                "eventType": "teamMemberAdded"}
    return {**activity, "type": "conversationUpdate", "id": f"f:{next(_ids)}", "membersAdded": [{"id": BOT["id"]}]}
