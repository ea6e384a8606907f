"""Who a Slack user is: language, name, e-mail and whether Slack vouches for it, from `users.info` (cached in
memory, bounded in time)."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from typing import Any

import aiohttp
from slack_sdk.errors import SlackClientError
from slack_sdk.web.async_client import AsyncWebClient

from core.locale import DEFAULT_LOCALE, locale_of

log = logging.getLogger(__name__)

TTL_SECONDS = 12 * 3600  # a changed Slack language reaches us within half a day
LOOKUP_SECONDS = 2.0  # an answer to the employee must not wait on a slow Slack


@dataclass(frozen=True)
class Profile:
    locale: str = DEFAULT_LOCALE
    name: str | None = None
    email: str | None = None
    known: bool = True  # False: Slack did not answer, and these are the defaults
    # The e-mail, when it links the user to their other identities (verified_email below); else None.
    verified_email: str | None = None


def verified_email(user: dict[str, Any], *, team_id: str = "") -> str | None:
    """The user's e-mail if Slack vouches it is theirs and they are one of the organisation's own: Slack confirmed
    it (`is_email_confirmed`), the user is a full member of the org's workspace (`team_id`: SLACK_TEAM_ID; unset,
    the bot token sees its own workspace only, so users.info's answer is taken as the workspace's), not a bot and
    not a multi- or single-channel guest (an outsider, whose address the org does not control)."""
    email = (user.get("profile") or {}).get("email")
    if not isinstance(email, str) or "@" not in email or user.get("is_email_confirmed") is not True:
        return None
    if user.get("is_bot") or user.get("is_app_user") or user.get("deleted"):
        return None
    if user.get("is_restricted") or user.get("is_ultra_restricted") or user.get("is_stranger"):
        return None
    if team_id and user.get("team_id") != team_id:
        return None
    return email.strip().lower()


class People:
    def __init__(self, client: AsyncWebClient, *, team_id: str = "") -> None:
        self._client = client
        self._team_id = team_id  # SLACK_TEAM_ID: the org's own workspace, if set
        self._cache: dict[str, tuple[float, Profile]] = {}

    async def get(self, user_id: str, *, timeout: float = LOOKUP_SECONDS) -> Profile:
        """The user's profile; on any failure the defaults (bokmål, no name), not cached so the next call asks again."""
        cached = self._cache.get(user_id)
        if cached and time.monotonic() - cached[0] < TTL_SECONDS:
            return cached[1]
        try:
            response = await asyncio.wait_for(self._client.users_info(user=user_id, include_locale=True), timeout)
        except (SlackClientError, aiohttp.ClientError, OSError, TimeoutError) as error:
            log.warning("users.info for %s failed, using defaults: %s", user_id, error)
            return Profile(known=False)
        user = response.get("user") or {}
        profile = user.get("profile") or {}
        found = Profile(locale=locale_of(user.get("locale")),
                        name=user.get("real_name") or profile.get("real_name") or profile.get("display_name") or None,
                        email=profile.get("email") or None,
                        verified_email=verified_email(user, team_id=self._team_id))
        self._cache[user_id] = (time.monotonic(), found)
        return found

    async def locale(self, user_id: str, *, timeout: float = LOOKUP_SECONDS) -> str:
        return (await self.get(user_id, timeout=timeout)).locale
