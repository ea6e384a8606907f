"""Who a Slack user is: language, name, e-mail, from `users.info` (cached in memory, bounded in time)."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass

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


class People:
    def __init__(self, client: AsyncWebClient) -> None:
        self._client = client
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
                        email=profile.get("email") or None)
        self._cache[user_id] = (time.monotonic(), found)
        return found

    async def locale(self, user_id: str, *, timeout: float = LOOKUP_SECONDS) -> str:
        return (await self.get(user_id, timeout=timeout)).locale
